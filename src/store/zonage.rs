//! Tables `zonage_version` and `zonage_commune`.

use crate::error::Result;
use crate::zonage::parse::{CommuneZone, ZonageRow};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// One stored version, with its number of communes per zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionRow {
    pub id: i64,
    pub effective_date: NaiveDate,
    pub arrete_date: Option<NaiveDate>,
    pub source: String,
    pub imported_at: String,
    pub zip: u32,
    pub zac: u32,
    pub hors_zone: u32,
}

/// One commune of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommuneRow {
    pub version_id: i64,
    pub insee: String,
    pub name: String,
    pub department: String,
    pub zone: CommuneZone,
}

use super::columns::date_text as date;

fn iso(d: NaiveDate) -> String {
    crate::domain::dates::format_iso(d)
}

/// Replaces the version effective on `effective` (if any) by these communes. Returns the new
/// version's id and whether a version was replaced.
pub(crate) fn replace_version(
    conn: &Connection,
    effective: NaiveDate,
    arrete: Option<NaiveDate>,
    source: &str,
    rows: &[ZonageRow],
    now: &str,
) -> Result<(i64, bool)> {
    // A corrected file for the same date keeps its version row, so that the places judged by
    // it stay linked to it; their zones are read again from the new communes below.
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM zonage_version WHERE effective_date = ?1",
            [iso(effective)],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => {
            conn.execute(
                "UPDATE zonage_version SET arrete_date = ?2, source = ?3, imported_at = ?4 WHERE id = ?1",
                params![id, arrete.map(iso), source, now],
            )?;
            conn.execute("DELETE FROM zonage_commune WHERE version_id = ?1", [id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO zonage_version (effective_date, arrete_date, source, imported_at) VALUES (?1, ?2, ?3, ?4)",
                params![iso(effective), arrete.map(iso), source, now],
            )?;
            conn.last_insert_rowid()
        }
    };
    let replaced = existing.is_some();
    let mut insert = conn.prepare(
        "INSERT INTO zonage_commune (version_id, insee, name, name_folded, department, zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for r in rows {
        insert.execute(params![
            id,
            r.insee,
            r.name,
            crate::zonage::normalise_name(&r.name),
            r.department,
            r.zone.code()
        ])?;
    }
    if replaced {
        conn.execute(
            "UPDATE installation_place SET zone = coalesce(
                 (SELECT c.zone FROM zonage_commune c WHERE c.version_id = ?1 AND c.insee = installation_place.insee),
                 'inconnue')
             WHERE zonage_version = ?1",
            [id],
        )?;
    }
    Ok((id, replaced))
}

pub(crate) fn versions(conn: &Connection) -> Result<Vec<VersionRow>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.effective_date, v.arrete_date, v.source, v.imported_at,
                COALESCE(SUM(c.zone = 'zip'), 0), COALESCE(SUM(c.zone = 'zac'), 0),
                COALESCE(SUM(c.zone = 'hors_zone'), 0)
         FROM zonage_version v LEFT JOIN zonage_commune c ON c.version_id = v.id
         GROUP BY v.id ORDER BY v.effective_date DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(VersionRow {
            id: r.get(0)?,
            effective_date: super::columns::date(r, 1)?.unwrap_or_default(),
            arrete_date: super::columns::date(r, 2)?,
            source: r.get(3)?,
            imported_at: r.get(4)?,
            zip: r.get(5)?,
            zac: r.get(6)?,
            hors_zone: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The version in force on `at`: the latest effective on or before it.
pub(crate) fn version_in_force(conn: &Connection, at: NaiveDate) -> Result<Option<(i64, NaiveDate)>> {
    Ok(conn
        .query_row(
            "SELECT id, effective_date FROM zonage_version WHERE effective_date <= ?1
             ORDER BY effective_date DESC LIMIT 1",
            [iso(at)],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
        .map(|(id, d)| (id, date(Some(d)).unwrap_or_default())))
}

fn commune(r: &rusqlite::Row<'_>) -> rusqlite::Result<CommuneRow> {
    let zone: String = r.get(4)?;
    Ok(CommuneRow {
        version_id: r.get(0)?,
        insee: r.get(1)?,
        name: r.get(2)?,
        department: r.get(3)?,
        zone: CommuneZone::from_code(&zone).unwrap_or(CommuneZone::HorsZone),
    })
}

pub(crate) fn commune_by_insee(conn: &Connection, version: i64, insee: &str) -> Result<Option<CommuneRow>> {
    Ok(conn
        .query_row(
            "SELECT version_id, insee, name, department, zone FROM zonage_commune
             WHERE version_id = ?1 AND insee = ?2",
            params![version, insee],
            commune,
        )
        .optional()?)
}

/// Communes of `version` whose code INSEE starts with `code_prefix`, or whose folded name
/// starts with (then contains) `name_folded`; starts first, then by name.
pub(crate) fn search(
    conn: &Connection,
    version: i64,
    code_prefix: Option<&str>,
    name_folded: &str,
    limit: u32,
) -> Result<Vec<CommuneRow>> {
    let mut out = Vec::new();
    if let Some(code) = code_prefix {
        let mut stmt = conn.prepare(
            "SELECT version_id, insee, name, department, zone FROM zonage_commune
             WHERE version_id = ?1 AND insee >= ?2 AND insee < ?2 || 'Z' ORDER BY insee LIMIT ?3",
        )?;
        for row in stmt.query_map(params![version, code, limit], commune)? {
            out.push(row?);
        }
        return Ok(out);
    }
    // Names: those that start with the text (index range), then those that contain it.
    let escaped = name_folded
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let mut stmt = conn.prepare(
        "SELECT version_id, insee, name, department, zone FROM zonage_commune
         WHERE version_id = ?1 AND name_folded LIKE ?2 ESCAPE '\\'
         ORDER BY (name_folded LIKE ?3 ESCAPE '\\') DESC, name_folded, insee LIMIT ?4",
    )?;
    let contains = format!("%{escaped}%");
    let starts = format!("{escaped}%");
    for row in stmt.query_map(params![version, contains, starts, limit], commune)? {
        out.push(row?);
    }
    Ok(out)
}
