//! What the "À faire" list reads in one pass per category, and table `todo_done` (items the
//! referent marked as dealt with).

use super::columns;
use super::ledger::LedgerRow;
use crate::domain::{Cycle, Discipline, Status};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashMap;

fn iso(d: NaiveDate) -> String {
    crate::domain::dates::format_iso(d)
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
/// signatories still followed, in no particular order (the list is sorted once, whole).
/// `+s.status`: most signatories are followed, and reading them by rowid beats the status
/// index by a factor of three.
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
           AND +s.status IN ('en_formation', 'suspendu', 'diplome', 'installe')"
    ))?;
    let rows = stmt.query_map([iso(sent_before)], |r| {
        Ok(UnreturnedRow {
            signatory_id: r.get(0)?,
            last_name: r.get(1)?,
            first_names: r.get(2)?,
            year: r.get(3)?,
            sent_date: super::columns::date(r, 4)?.unwrap_or_default(),
            last_reminder: super::columns::date(r, 5)?,
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
    pub discipline: Discipline,
    pub ledger: LedgerRow,
    pub has_declaration: bool,
}

/// Every signatory with a ledger row whose contract is not over, in no particular order.
pub(crate) fn ledger_facts(conn: &Connection) -> Result<Vec<LedgerFactsRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.last_name, s.first_names, s.status, s.discipline, l.allocation_start, l.allocation_end,
                l.intern_start, l.definitive_request, l.diploma_date, l.practice_start,
                EXISTS (SELECT 1 FROM installation i WHERE i.signatory_id = s.id)
         FROM ledger l JOIN signatory s ON s.id = l.signatory_id
         WHERE +s.status IN ('en_formation', 'suspendu', 'diplome', 'installe') AND l.end_kind IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        let code = |i: usize| -> rusqlite::Result<String> { r.get(i) };
        Ok(LedgerFactsRow {
            signatory_id: r.get(0)?,
            last_name: r.get(1)?,
            first_names: r.get(2)?,
            status: Status::from_code(&code(3)?).unwrap_or(Status::EnFormation),
            discipline: Discipline::from_code(&code(4)?).unwrap_or(Discipline::Medecine),
            ledger: LedgerRow {
                allocation_start: columns::date(r, 5)?,
                allocation_end: columns::date(r, 6)?,
                intern_start: columns::date(r, 7)?,
                definitive_request: columns::date(r, 8)?,
                diploma_date: columns::date(r, 9)?,
                practice_start: columns::date(r, 10)?,
                // Contracts that ended are not read.
                end: None,
            },
            has_declaration: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A file that may lack something the follow-up needs (see
/// [`crate::domain::completeness::gaps`], which decides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompletenessRow {
    pub signatory_id: i64,
    pub last_name: String,
    pub first_names: String,
    pub civility_known: bool,
    pub birth_date: Option<NaiveDate>,
    pub signature_date: Option<NaiveDate>,
    pub status: Status,
    pub cycle: Option<Cycle>,
    pub study_year: Option<i32>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// Files of a followed contract with one of the columns the completeness rule reads empty
/// (a broad sieve: the rule in the domain decides), anonymised ones excepted.
pub(crate) fn possibly_incomplete(conn: &Connection) -> Result<Vec<CompletenessRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, last_name, first_names, civility IS NOT NULL, birth_date, signature_date, status,
                cycle, study_year, email, address
         FROM signatory
         WHERE status IN ('candidat', 'en_formation', 'suspendu', 'diplome', 'installe')
           AND anonymised_on IS NULL
           AND (civility IS NULL OR birth_date IS NULL OR signature_date IS NULL
                OR cycle IS NULL OR study_year IS NULL OR email IS NULL OR address IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| {
        let code = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
        Ok(CompletenessRow {
            signatory_id: r.get(0)?,
            last_name: r.get(1)?,
            first_names: r.get(2)?,
            civility_known: r.get(3)?,
            birth_date: columns::date(r, 4)?,
            signature_date: columns::date(r, 5)?,
            status: code(6)?
                .as_deref()
                .and_then(Status::from_code)
                .unwrap_or(Status::EnFormation),
            cycle: code(7)?.as_deref().and_then(Cycle::from_code),
            study_year: r.get(8)?,
            email: r.get(9)?,
            address: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Items marked as dealt with: signatory → (key, date) of each.
pub(crate) fn done(conn: &Connection) -> Result<HashMap<i64, Vec<(String, NaiveDate)>>> {
    let mut stmt = conn.prepare_cached("SELECT signatory_id, item_key, done_on FROM todo_done")?;
    let mut out: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(on) = columns::date(r, 2)? {
            out.entry(r.get(0)?).or_default().push((r.get(1)?, on));
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
