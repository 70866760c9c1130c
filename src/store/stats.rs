//! What the regional counts read: one row per signatory with the dates that tell where they
//! stood on a day, their allowance suspensions, and their places of practice.

use crate::domain::{ContractEndKind, Discipline, PlaceMode, PracticeStructure, Status};
use crate::error::Result;
use crate::installation::PlaceZone;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

use super::columns::date_text as date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactsRow {
    pub id: i64,
    pub status: Status,
    pub discipline: Discipline,
    pub specialty: Option<String>,
    pub signature_date: Option<NaiveDate>,
    pub allocation_start: Option<NaiveDate>,
    pub allocation_end: Option<NaiveDate>,
    pub intern_start: Option<NaiveDate>,
    pub definitive_request: Option<NaiveDate>,
    pub diploma_date: Option<NaiveDate>,
    pub practice_start: Option<NaiveDate>,
    pub end: Option<(ContractEndKind, NaiveDate)>,
    /// The first declared practice start, when the ledger has none.
    pub declared_start: Option<NaiveDate>,
}

/// The first declared practice start of each signatory with a declaration. Read apart and
/// joined by the caller: as a subquery joined to every signatory, it doubled the query's time.
fn declared_starts(conn: &Connection) -> Result<HashMap<i64, NaiveDate>> {
    let mut stmt =
        conn.prepare("SELECT signatory_id, min(practice_start) FROM installation GROUP BY signatory_id")?;
    let mut out = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(d) = super::columns::date(r, 1)? {
            out.insert(r.get(0)?, d);
        }
    }
    Ok(out)
}

pub(crate) fn facts(conn: &Connection) -> Result<Vec<FactsRow>> {
    let declared = declared_starts(conn)?;
    let mut stmt = conn.prepare(
        "SELECT s.id, s.status, s.discipline, s.specialty, s.signature_date,
                l.allocation_start, l.allocation_end, l.intern_start, l.definitive_request, l.diploma_date,
                l.practice_start, l.end_kind, l.end_date
         FROM signatory s LEFT JOIN ledger l ON l.signatory_id = s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        use super::columns::code;
        let end_date = super::columns::date(r, 12)?;
        Ok(FactsRow {
            id: r.get(0)?,
            status: code(r, 1)?
                .and_then(Status::from_code)
                .unwrap_or(Status::Candidat),
            discipline: code(r, 2)?
                .and_then(Discipline::from_code)
                .unwrap_or(Discipline::Medecine),
            specialty: r.get(3)?,
            signature_date: super::columns::date(r, 4)?,
            allocation_start: super::columns::date(r, 5)?,
            allocation_end: super::columns::date(r, 6)?,
            intern_start: super::columns::date(r, 7)?,
            definitive_request: super::columns::date(r, 8)?,
            diploma_date: super::columns::date(r, 9)?,
            practice_start: super::columns::date(r, 10)?,
            end: code(r, 11)?.and_then(ContractEndKind::from_code).zip(end_date),
            declared_start: None,
        })
    })?;
    let mut out: Vec<FactsRow> = rows.collect::<std::result::Result<_, _>>()?;
    for f in &mut out {
        f.declared_start = declared.get(&f.id).copied();
    }
    Ok(out)
}

/// An allowance suspension: first day, last day, allowance kept.
pub(crate) type SuspensionSpan = (NaiveDate, NaiveDate, bool);

/// Allowance suspensions, by signatory.
pub(crate) fn suspensions(conn: &Connection) -> Result<HashMap<i64, Vec<SuspensionSpan>>> {
    let mut stmt =
        conn.prepare("SELECT signatory_id, start_date, end_date, paid FROM allowance_suspension")?;
    let mut out: HashMap<i64, Vec<SuspensionSpan>> = HashMap::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })? {
        let (id, a, b, paid) = row?;
        if let (Some(a), Some(b)) = (date(Some(a)), date(Some(b))) {
            out.entry(id).or_default().push((a, b, paid));
        }
    }
    Ok(out)
}

/// A place of practice current on the day asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceRow {
    pub signatory_id: i64,
    pub department: String,
    pub zone: PlaceZone,
    pub mode: PlaceMode,
    pub structure: PracticeStructure,
}

/// The places current on `at`, the first place of each declaration first.
pub(crate) fn places_at(conn: &Connection, at: NaiveDate) -> Result<Vec<PlaceRow>> {
    let mut stmt = conn.prepare(
        "SELECT i.signatory_id, p.department, p.zone, p.mode, p.structure
         FROM installation_place p JOIN installation i ON i.id = p.installation_id
         WHERE p.start_date <= ?1 AND (p.end_date IS NULL OR p.end_date >= ?1)
         ORDER BY i.signatory_id, i.declaration_date, p.position",
    )?;
    let rows = stmt.query_map([crate::domain::dates::format_iso(at)], |r| {
        let zone: String = r.get(2)?;
        let mode: String = r.get(3)?;
        let structure: String = r.get(4)?;
        Ok(PlaceRow {
            signatory_id: r.get(0)?,
            department: r.get(1)?,
            zone: PlaceZone::from_code(&zone).unwrap_or(PlaceZone::Inconnue),
            mode: PlaceMode::from_code(&mode).unwrap_or(PlaceMode::Salarie),
            structure: PracticeStructure::from_code(&structure).unwrap_or(PracticeStructure::Autre),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
