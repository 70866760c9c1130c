//! Tables `installation` (déclarations de choix du lieu d'exercice) and `installation_place`.

use crate::domain::{PlaceMode, PracticeStructure, Sector};
use crate::error::Result;
use crate::installation::flags::PlaceZone;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeclarationRow {
    pub id: i64,
    pub signatory_id: i64,
    pub declaration_date: NaiveDate,
    pub practice_start: NaiveDate,
    pub des_certificate_date: Option<NaiveDate>,
    pub contracts_date: Option<NaiveDate>,
    pub notes: String,
    pub places: Vec<PlaceRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceRow {
    pub address: String,
    pub insee: String,
    pub commune: String,
    pub department: String,
    pub zone: PlaceZone,
    pub zonage_version: Option<i64>,
    pub mode: PlaceMode,
    pub sector: Option<Sector>,
    pub structure: PracticeStructure,
    /// Decimal text ("8.5").
    pub half_days: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// A current place of another signatory in the same commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NeighbourRow {
    pub signatory_id: i64,
    pub last_name: String,
    pub first_names: String,
    pub declaration_date: NaiveDate,
}

fn iso(d: NaiveDate) -> String {
    crate::domain::dates::format_iso(d)
}

pub(crate) fn insert(conn: &Connection, r: &DeclarationRow, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO installation (signatory_id, declaration_date, practice_start, des_certificate_date,
                                   contracts_date, notes, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            r.signatory_id,
            iso(r.declaration_date),
            iso(r.practice_start),
            r.des_certificate_date.map(iso),
            r.contracts_date.map(iso),
            r.notes,
            now
        ],
    )?;
    let id = conn.last_insert_rowid();
    replace_places(conn, id, &r.places)?;
    Ok(id)
}

pub(crate) fn update(conn: &Connection, r: &DeclarationRow, now: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE installation SET declaration_date = ?3, practice_start = ?4, des_certificate_date = ?5,
                contracts_date = ?6, notes = ?7, updated_at = ?8
         WHERE id = ?1 AND signatory_id = ?2",
        params![
            r.id,
            r.signatory_id,
            iso(r.declaration_date),
            iso(r.practice_start),
            r.des_certificate_date.map(iso),
            r.contracts_date.map(iso),
            r.notes,
            now
        ],
    )?;
    if n == 0 {
        return Ok(false);
    }
    replace_places(conn, r.id, &r.places)?;
    Ok(true)
}

fn replace_places(conn: &Connection, id: i64, places: &[PlaceRow]) -> Result<()> {
    conn.execute("DELETE FROM installation_place WHERE installation_id = ?1", [id])?;
    let mut stmt = conn.prepare(
        "INSERT INTO installation_place (installation_id, position, address, insee, commune, department, zone,
                                         zonage_version, mode, sector, structure, half_days, start_date, end_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (i, p) in places.iter().enumerate() {
        stmt.execute(params![
            id,
            i64::try_from(i).unwrap_or(i64::MAX),
            p.address,
            p.insee,
            p.commune,
            p.department,
            p.zone.code(),
            p.zonage_version,
            p.mode.code(),
            p.sector.map(|s| s.code()),
            p.structure.code(),
            p.half_days,
            iso(p.start),
            p.end.map(iso)
        ])?;
    }
    Ok(())
}

pub(crate) fn delete(conn: &Connection, signatory_id: i64, id: i64) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM installation WHERE id = ?1 AND signatory_id = ?2",
        params![id, signatory_id],
    )? > 0)
}

/// The declarations of a signatory, oldest first, with their places.
pub(crate) fn of_signatory(conn: &Connection, signatory_id: i64) -> Result<Vec<DeclarationRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, signatory_id, declaration_date, practice_start, des_certificate_date, contracts_date, notes
         FROM installation WHERE signatory_id = ?1 ORDER BY declaration_date, id",
    )?;
    let mut rows: Vec<DeclarationRow> = stmt
        .query_map([signatory_id], |r| {
            Ok(DeclarationRow {
                id: r.get(0)?,
                signatory_id: r.get(1)?,
                declaration_date: super::columns::date(r, 2)?.unwrap_or_default(),
                practice_start: super::columns::date(r, 3)?.unwrap_or_default(),
                des_certificate_date: super::columns::date(r, 4)?,
                contracts_date: super::columns::date(r, 5)?,
                notes: r.get(6)?,
                places: Vec::new(),
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    let mut places = conn.prepare(
        "SELECT address, insee, commune, department, zone, zonage_version, mode, sector, structure, half_days,
                start_date, end_date
         FROM installation_place WHERE installation_id = ?1 ORDER BY position",
    )?;
    for row in &mut rows {
        row.places = places
            .query_map([row.id], |r| {
                let zone: String = r.get(4)?;
                let mode: String = r.get(6)?;
                let sector: Option<String> = r.get(7)?;
                let structure: String = r.get(8)?;
                Ok(PlaceRow {
                    address: r.get(0)?,
                    insee: r.get(1)?,
                    commune: r.get(2)?,
                    department: r.get(3)?,
                    zone: PlaceZone::from_code(&zone).unwrap_or(PlaceZone::Inconnue),
                    zonage_version: r.get(5)?,
                    mode: PlaceMode::from_code(&mode).unwrap_or(PlaceMode::Salarie),
                    sector: sector.as_deref().and_then(Sector::from_code),
                    structure: PracticeStructure::from_code(&structure).unwrap_or(PracticeStructure::Autre),
                    half_days: r.get(9)?,
                    start: super::columns::date(r, 10)?.unwrap_or_default(),
                    end: super::columns::date(r, 11)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
    }
    Ok(rows)
}

/// Other signatories with a place in commune `insee` that is current on `at`, oldest
/// declaration first.
pub(crate) fn neighbours(
    conn: &Connection,
    signatory_id: i64,
    insee: &str,
    at: NaiveDate,
) -> Result<Vec<NeighbourRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.last_name, s.first_names, MIN(i.declaration_date)
         FROM installation_place p
         JOIN installation i ON i.id = p.installation_id
         JOIN signatory s ON s.id = i.signatory_id
         WHERE p.insee = ?1 AND s.id <> ?2 AND p.start_date <= ?3 AND (p.end_date IS NULL OR p.end_date >= ?3)
           AND s.status IN ('installe', 'diplome', 'en_formation', 'suspendu')
         GROUP BY s.id ORDER BY MIN(i.declaration_date), s.id",
    )?;
    let rows = stmt.query_map(params![insee, signatory_id, iso(at)], |r| {
        Ok(NeighbourRow {
            signatory_id: r.get(0)?,
            last_name: r.get(1)?,
            first_names: r.get(2)?,
            declaration_date: super::columns::date(r, 3)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
