//! Tables `interview` and `interview_action`.

use crate::domain::{Cycle, InterviewMode, InterviewReason, Status};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InterviewRow {
    pub id: i64,
    pub signatory_id: i64,
    pub date: NaiveDate,
    pub mode: InterviewMode,
    pub reason: InterviewReason,
    pub attendees: String,
    pub report: String,
    pub actions: Vec<ActionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActionRow {
    pub text: String,
    pub due_date: Option<NaiveDate>,
    pub done_date: Option<NaiveDate>,
}

/// What the due-interview rules need of one followed signatory, read in one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactsRow {
    pub signatory_id: i64,
    pub last_name: String,
    pub first_names: String,
    pub status: Status,
    pub cycle: Option<Cycle>,
    pub ecn_year: Option<i32>,
    pub signature_date: Option<NaiveDate>,
    pub diploma_date: Option<NaiveDate>,
    pub allocation_end: Option<NaiveDate>,
    pub expected_des_date: Option<NaiveDate>,
}

fn iso(d: NaiveDate) -> String {
    crate::domain::dates::format_iso(d)
}

use super::columns::date_text as date;

pub(crate) fn insert(conn: &Connection, r: &InterviewRow, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO interview (signatory_id, date, mode, reason, attendees, report, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            r.signatory_id,
            iso(r.date),
            r.mode.code(),
            r.reason.code(),
            r.attendees,
            r.report,
            now
        ],
    )?;
    let id = conn.last_insert_rowid();
    replace_actions(conn, id, &r.actions)?;
    Ok(id)
}

/// Updates interview `r.id` of signatory `r.signatory_id`; false when there is no such interview.
pub(crate) fn update(conn: &Connection, r: &InterviewRow, now: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE interview SET date = ?3, mode = ?4, reason = ?5, attendees = ?6, report = ?7, updated_at = ?8
         WHERE id = ?1 AND signatory_id = ?2",
        params![
            r.id,
            r.signatory_id,
            iso(r.date),
            r.mode.code(),
            r.reason.code(),
            r.attendees,
            r.report,
            now
        ],
    )?;
    if n == 0 {
        return Ok(false);
    }
    replace_actions(conn, r.id, &r.actions)?;
    Ok(true)
}

fn replace_actions(conn: &Connection, id: i64, actions: &[ActionRow]) -> Result<()> {
    conn.execute("DELETE FROM interview_action WHERE interview_id = ?1", [id])?;
    let mut stmt = conn.prepare(
        "INSERT INTO interview_action (interview_id, position, text, due_date, done_date) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, a) in actions.iter().enumerate() {
        stmt.execute(params![
            id,
            i64::try_from(i).unwrap_or(i64::MAX),
            a.text,
            a.due_date.map(iso),
            a.done_date.map(iso)
        ])?;
    }
    Ok(())
}

pub(crate) fn delete(conn: &Connection, signatory_id: i64, id: i64) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM interview WHERE id = ?1 AND signatory_id = ?2",
        params![id, signatory_id],
    )? > 0)
}

/// The interviews of a signatory, the most recent first, with their actions.
pub(crate) fn of_signatory(conn: &Connection, signatory_id: i64) -> Result<Vec<InterviewRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, signatory_id, date, mode, reason, attendees, report FROM interview
         WHERE signatory_id = ?1 ORDER BY date DESC, id DESC",
    )?;
    let mut rows: Vec<InterviewRow> = stmt
        .query_map([signatory_id], |r| {
            let mode: String = r.get(3)?;
            let reason: String = r.get(4)?;
            Ok(InterviewRow {
                id: r.get(0)?,
                signatory_id: r.get(1)?,
                date: super::columns::date(r, 2)?.unwrap_or_default(),
                mode: InterviewMode::from_code(&mode).unwrap_or(InterviewMode::Ars),
                reason: InterviewReason::from_code(&reason).unwrap_or(InterviewReason::SurDemande),
                attendees: r.get(5)?,
                report: r.get(6)?,
                actions: Vec::new(),
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    let mut actions = conn.prepare(
        "SELECT text, due_date, done_date FROM interview_action WHERE interview_id = ?1 ORDER BY position",
    )?;
    for row in &mut rows {
        row.actions = actions
            .query_map([row.id], |r| {
                Ok(ActionRow {
                    text: r.get(0)?,
                    due_date: super::columns::date(r, 1)?,
                    done_date: super::columns::date(r, 2)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
    }
    Ok(rows)
}

/// Dates of the interviews held, per signatory, for the signatories in `statuses`.
pub(crate) fn dates_by_signatory(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, Vec<NaiveDate>>> {
    let mut stmt = conn.prepare(
        "SELECT i.signatory_id, i.date FROM interview i JOIN signatory s ON s.id = i.signatory_id
         WHERE s.status IN ('en_formation', 'suspendu', 'diplome')",
    )?;
    let mut out: std::collections::HashMap<i64, Vec<NaiveDate>> = std::collections::HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, d) = row?;
        if let Some(d) = date(Some(d)) {
            out.entry(id).or_default().push(d);
        }
    }
    Ok(out)
}

const FACTS_SQL: &str = "
    SELECT s.id, s.last_name, s.first_names, s.status, s.cycle, s.ecn_year, s.signature_date,
           l.diploma_date, l.allocation_end, NULL
    FROM signatory s LEFT JOIN ledger l ON l.signatory_id = s.id";

/// The DES date each signatory expects, from their latest fiche de suivi that gives one: read in
/// one pass (a subquery per signatory costs a third of a second over 50 000).
fn expected_des_dates(
    conn: &Connection,
    only: Option<i64>,
) -> Result<std::collections::HashMap<i64, NaiveDate>> {
    // Two statements rather than `?1 IS NULL OR …`, which would keep SQLite from using the
    // (signatory_id, year) index for one signatory.
    let mut stmt = match only {
        Some(_) => conn.prepare(
            "SELECT signatory_id, expected_des_date FROM followup_form
             WHERE signatory_id = ?1 AND expected_des_date IS NOT NULL ORDER BY year",
        )?,
        None => conn.prepare(
            "SELECT signatory_id, expected_des_date FROM followup_form
             WHERE expected_des_date IS NOT NULL AND ?1 IS NULL ORDER BY signatory_id, year",
        )?,
    };
    let mut out = std::collections::HashMap::new();
    for row in stmt.query_map([only], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, d) = row?;
        if let Some(d) = date(Some(d)) {
            // Ordered by year: the latest form wins.
            out.insert(id, d);
        }
    }
    Ok(out)
}

fn facts_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FactsRow> {
    let status: String = r.get(3)?;
    let cycle: Option<String> = r.get(4)?;
    Ok(FactsRow {
        signatory_id: r.get(0)?,
        last_name: r.get(1)?,
        first_names: r.get(2)?,
        status: Status::from_code(&status).unwrap_or(Status::Candidat),
        cycle: cycle.as_deref().and_then(Cycle::from_code),
        ecn_year: r.get(5)?,
        signature_date: super::columns::date(r, 6)?,
        diploma_date: super::columns::date(r, 7)?,
        allocation_end: super::columns::date(r, 8)?,
        expected_des_date: super::columns::date(r, 9)?,
    })
}

/// The facts of every signatory who may have an interview due.
/// `+s.status`: half the region is followed, and a scan beats the status index threefold.
pub(crate) fn followed_facts(conn: &Connection) -> Result<Vec<FactsRow>> {
    let expected = expected_des_dates(conn, None)?;
    let mut stmt = conn.prepare(&format!(
        "{FACTS_SQL} WHERE +s.status IN ('en_formation', 'suspendu', 'diplome')"
    ))?;
    let rows = stmt.query_map([], facts_row)?;
    let mut out: Vec<FactsRow> = rows.collect::<std::result::Result<_, _>>()?;
    for f in &mut out {
        f.expected_des_date = expected.get(&f.signatory_id).copied();
    }
    Ok(out)
}

pub(crate) fn facts(conn: &Connection, signatory_id: i64) -> Result<Option<FactsRow>> {
    use rusqlite::OptionalExtension;
    let mut row = conn
        .query_row(&format!("{FACTS_SQL} WHERE s.id = ?1"), [signatory_id], facts_row)
        .optional()?;
    if let Some(f) = &mut row {
        f.expected_des_date = expected_des_dates(conn, Some(signatory_id))?
            .get(&signatory_id)
            .copied();
    }
    Ok(row)
}
