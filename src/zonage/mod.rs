//! The zonage of the ARS (domain.md §5): which communes are a ZIP or a ZAC, version by version.
//! A version is imported from the CSV or spreadsheet the ARS publishes with its arrêté, with the
//! date it takes effect; a place of practice is judged by the version in force on the date of
//! its declaration.

pub mod parse;

use crate::error::{Error, Result, ValidationErrors};
use crate::store::{now_stamp, zonage as sql, Store};
use chrono::NaiveDate;
pub use parse::{CommuneZone, ZonageProblem};
use serde::Serialize;
use specta::Type;
use std::path::Path;

/// A stored version of the zonage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ZonageVersion {
    pub id: i32,
    /// jj/mm/aaaa.
    pub effective_date: String,
    /// jj/mm/aaaa, "" when the file did not say.
    pub arrete_date: String,
    /// The name of the imported file.
    pub source: String,
    pub imported_at: String,
    pub zip: u32,
    pub zac: u32,
    pub hors_zone: u32,
}

/// A commune, with its zone in the version in force at the date asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CommuneView {
    pub insee: String,
    pub name: String,
    pub department: String,
    pub zone: CommuneZone,
    pub zone_label: String,
    /// Effective date of the version it comes from, jj/mm/aaaa.
    pub zonage_effective: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ZonageImportReport {
    pub version: ZonageVersion,
    /// True when a version with the same effective date was replaced.
    pub replaced: bool,
}

/// Why a zonage file was not imported: every problem found, located in the sheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(.file, .problems))]
pub struct ZonageRejected {
    pub file: String,
    pub problems: Vec<ZonageProblem>,
}

fn describe(file: &str, problems: &[ZonageProblem]) -> String {
    let mut s = format!(
        "Le zonage « {file} » n'a pas été importé ({} problème{}) ; rien n'a été enregistré :",
        problems.len(),
        if problems.len() > 1 { "s" } else { "" }
    );
    for p in problems {
        s.push_str("\n  - ");
        s.push_str(&p.to_string());
    }
    s
}

fn fr(d: NaiveDate) -> String {
    crate::domain::dates::format_fr(d)
}

fn version_view(v: sql::VersionRow) -> ZonageVersion {
    ZonageVersion {
        id: i32::try_from(v.id).unwrap_or(i32::MAX),
        effective_date: fr(v.effective_date),
        arrete_date: v.arrete_date.map(fr).unwrap_or_default(),
        source: v.source,
        imported_at: v.imported_at,
        zip: v.zip,
        zac: v.zac,
        hors_zone: v.hors_zone,
    }
}

/// Parses the date a version takes effect, typed by the user (jj/mm/aaaa or aaaa-mm-jj).
pub fn parse_effective(text: &str) -> Result<NaiveDate> {
    crate::domain::dates::parse_date(text).ok_or_else(|| {
        let mut e = ValidationErrors::default();
        e.push(
            "effective",
            if text.trim().is_empty() {
                "Indiquez la date d'entrée en vigueur du zonage (jj/mm/aaaa).".to_owned()
            } else {
                format!(
                    "Date invalide « {} » : attendu jj/mm/aaaa, par exemple 01/04/2024.",
                    text.trim()
                )
            },
        );
        Error::Validation(e)
    })
}

/// Imports the zonage file at `path` as the version effective on `effective`, in one
/// transaction: every commune, or nothing and the list of problems ([`Error::Zonage`]).
/// A version with the same effective date is replaced (re-importing a corrected file).
pub fn import(store: &mut Store, path: &Path, effective: NaiveDate) -> Result<ZonageImportReport> {
    let workbook = crate::import::read_file(path)?;
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(sheet) = workbook.main_sheet() else {
        return Err(Error::Zonage(ZonageRejected {
            file,
            problems: vec![ZonageProblem {
                row_number: 0,
                column: String::new(),
                column_header: String::new(),
                value: String::new(),
                message: "Le fichier ne contient aucune donnée.".to_owned(),
            }],
        }));
    };
    let parsed = parse::parse_sheet(sheet).map_err(|problems| {
        Error::Zonage(ZonageRejected {
            file: file.clone(),
            problems,
        })
    })?;
    let now = now_stamp();
    let (id, replaced) = store
        .write(|tx| sql::replace_version(tx, effective, parsed.arrete_date, &file, &parsed.rows, &now))?;
    let version = sql::versions(store.read())?
        .into_iter()
        .find(|v| v.id == id)
        .map(version_view)
        .ok_or_else(|| Error::Rules("La version du zonage importée est introuvable.".into()))?;
    Ok(ZonageImportReport { version, replaced })
}

/// Every stored version, the most recent first.
pub fn versions(store: &Store) -> Result<Vec<ZonageVersion>> {
    Ok(sql::versions(store.read())?
        .into_iter()
        .map(version_view)
        .collect())
}

/// The commune `insee` in the zonage in force on `at`; `None` when no version is in force then
/// or the commune is not in it.
pub fn lookup(store: &Store, insee: &str, at: NaiveDate) -> Result<Option<CommuneView>> {
    lookup_in(store.read(), insee, at)
}

pub(crate) fn lookup_in(
    conn: &rusqlite::Connection,
    insee: &str,
    at: NaiveDate,
) -> Result<Option<CommuneView>> {
    let Some((version, effective)) = sql::version_in_force(conn, at)? else {
        return Ok(None);
    };
    Ok(sql::commune_by_insee(conn, version, insee.trim())?.map(|c| commune_view(c, effective)))
}

/// The version in force on `at`, if any: (id, effective date).
pub(crate) fn version_in_force(
    conn: &rusqlite::Connection,
    at: NaiveDate,
) -> Result<Option<(i64, NaiveDate)>> {
    sql::version_in_force(conn, at)
}

fn commune_view(c: sql::CommuneRow, effective: NaiveDate) -> CommuneView {
    CommuneView {
        zone_label: c.zone.label().to_owned(),
        insee: c.insee,
        name: c.name,
        department: c.department,
        zone: c.zone,
        zonage_effective: fr(effective),
    }
}

/// Communes of the zonage in force on `at` matching what the user is typing: a code INSEE
/// (its first digits) or a name (accents, case and hyphens ignored; names that start with the
/// text come first). At most `limit` (≤ 50) communes.
pub fn search(store: &Store, text: &str, at: NaiveDate, limit: u32) -> Result<Vec<CommuneView>> {
    let conn = store.read();
    let Some((version, effective)) = sql::version_in_force(conn, at)? else {
        return Ok(Vec::new());
    };
    let t = text.trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, 50);
    let upper = t.to_uppercase();
    let is_code = upper.chars().all(|c| c.is_ascii_digit() || c == 'A' || c == 'B')
        && upper.chars().next().is_some_and(|c| c.is_ascii_digit());
    let rows = if is_code {
        sql::search(conn, version, Some(&upper), "", limit)?
    } else {
        // "Saint-Brieuc", "saint brieuc" and "St Brieuc" should meet: hyphens and apostrophes
        // are spaces on both sides.
        let folded = normalise_name(t);
        sql::search(conn, version, None, &folded, limit)?
    };
    Ok(rows.into_iter().map(|c| commune_view(c, effective)).collect())
}

/// The folded form of a commune name as stored in `name_folded` and searched.
pub(crate) fn normalise_name(name: &str) -> String {
    crate::text::fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
