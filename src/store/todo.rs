//! What the "À faire" list reads in one pass per category, and table `todo_done` (items the
//! referent marked as dealt with).

use crate::domain::Status;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashMap;

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

/// A follow-up form sent and not returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnreturnedRow {
    pub signatory_id: i64,
    pub last_name: String,
    pub first_names: String,
    pub year: i32,
    pub sent_date: NaiveDate,
    /// The latest reminder, if any.
    pub last_reminder: Option<NaiveDate>,
}

/// Forms of the campaigns `years` sent on or before `sent_before` and not received, for
/// signatories still followed.
pub(crate) fn unreturned_forms(
    conn: &Connection,
    years: &[i32],
    sent_before: NaiveDate,
) -> Result<Vec<UnreturnedRow>> {
    let list = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT s.id, s.last_name, s.first_names, f.year, f.sent_date,
                (SELECT max(r.date) FROM followup_reminder r WHERE r.form_id = f.id)
         FROM followup_form f JOIN signatory s ON s.id = f.signatory_id
         WHERE f.year IN ({list}) AND f.sent_date IS NOT NULL AND f.sent_date <= ?1
           AND f.received_date IS NULL
           AND s.status IN ('en_formation', 'suspendu', 'diplome', 'installe')
         ORDER BY f.sent_date, s.name_key, s.id"
    ))?;
    let rows = stmt.query_map([iso(sent_before)], |r| {
        Ok(UnreturnedRow {
            signatory_id: r.get(0)?,
            last_name: r.get(1)?,
            first_names: r.get(2)?,
            year: r.get(3)?,
            sent_date: date(r.get(4)?).unwrap_or_default(),
            last_reminder: date(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// What the dated checks need of a signatory with a contract ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LedgerFactsRow {
    pub signatory_id: i64,
    pub last_name: String,
    pub first_names: String,
    pub status: Status,
    pub intern_start: Option<NaiveDate>,
    pub definitive_request: Option<NaiveDate>,
    pub diploma_date: Option<NaiveDate>,
    pub practice_start: Option<NaiveDate>,
    pub has_declaration: bool,
}

/// Every signatory with a ledger row whose contract is not over.
pub(crate) fn ledger_facts(conn: &Connection) -> Result<Vec<LedgerFactsRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.last_name, s.first_names, s.status, l.intern_start, l.definitive_request,
                l.diploma_date, l.practice_start,
                EXISTS (SELECT 1 FROM installation i WHERE i.signatory_id = s.id)
         FROM ledger l JOIN signatory s ON s.id = l.signatory_id
         WHERE s.status IN ('en_formation', 'suspendu', 'diplome', 'installe') AND l.end_kind IS NULL
         ORDER BY s.name_key, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let status: String = r.get(3)?;
        Ok(LedgerFactsRow {
            signatory_id: r.get(0)?,
            last_name: r.get(1)?,
            first_names: r.get(2)?,
            status: Status::from_code(&status).unwrap_or(Status::EnFormation),
            intern_start: date(r.get(4)?),
            definitive_request: date(r.get(5)?),
            diploma_date: date(r.get(6)?),
            practice_start: date(r.get(7)?),
            has_declaration: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Items marked as dealt with: (signatory, key) → the date.
pub(crate) fn done(conn: &Connection) -> Result<HashMap<(i64, String), NaiveDate>> {
    let mut stmt = conn.prepare("SELECT signatory_id, item_key, done_on FROM todo_done")?;
    let mut out = HashMap::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (id, key, on) = row?;
        if let Some(on) = date(Some(on)) {
            out.insert((id, key), on);
        }
    }
    Ok(out)
}

pub(crate) fn mark_done(
    conn: &Connection,
    signatory_id: i64,
    key: &str,
    on: NaiveDate,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO todo_done (signatory_id, item_key, done_on, recorded_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (signatory_id, item_key) DO UPDATE SET done_on = excluded.done_on,
             recorded_at = excluded.recorded_at",
        params![signatory_id, key, iso(on), now],
    )?;
    Ok(())
}

pub(crate) fn unmark_done(conn: &Connection, signatory_id: i64, key: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM todo_done WHERE signatory_id = ?1 AND item_key = ?2",
        params![signatory_id, key],
    )? > 0)
}
