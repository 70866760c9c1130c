//! The journal of changes (traçabilité): who changed what in a signatory's file (or in a
//! candidate's application), when, from which value to which. The entries are written by the
//! store itself, in the transaction of each change (see `store/audit.rs`); this module reads
//! them, exports them and purges those older than the retention the ARS set (CNIL: 6 to 12
//! months for such logs).

pub mod labels;

use crate::domain::dates::{format_iso, parse_date};
use crate::error::{Error, Result, ValidationErrors};
use crate::export::csv::CsvWriter;
use crate::settings::Labeled;
use crate::store::audit::{self as sql, Filter, RawEntry};
use crate::store::{settings as kv, Store};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;

/// One change, as the Historique tab and the journal screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AuditRow {
    pub id: i32,
    /// jj/mm/aaaa hh:mm:ss
    pub at: String,
    /// The referent's name in the settings at the time ("" if none was set).
    pub referent: String,
    /// The operating-system account.
    pub os_user: String,
    /// `None` once the file has been anonymised.
    pub signatory_id: Option<i32>,
    pub signatory_label: String,
    pub entity: String,
    pub entity_label: String,
    pub action: String,
    pub action_label: String,
    /// The field changed; "" for a creation or a deletion.
    pub field_label: String,
    /// What it was: the value, or for a deletion the values of the row.
    pub old_value: String,
    /// What it became: the value, or for a creation the values of the row.
    pub new_value: String,
}

fn row(e: RawEntry) -> AuditRow {
    let (old_value, new_value) = match (e.action.as_str(), &e.field) {
        ("modification", Some(f)) => (
            labels::value(&e.entity, f, e.old_value.as_deref()),
            labels::value(&e.entity, f, e.new_value.as_deref()),
        ),
        _ => (
            labels::summary(&e.entity, e.old_value.as_deref()),
            labels::summary(&e.entity, e.new_value.as_deref()),
        ),
    };
    let at = chrono::NaiveDateTime::parse_from_str(&e.at, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.format("%d/%m/%Y %H:%M:%S").to_string())
        .unwrap_or_else(|_| e.at.clone());
    AuditRow {
        id: i32::try_from(e.id).unwrap_or(i32::MAX),
        at,
        referent: e.referent,
        os_user: e.os_user,
        signatory_id: e.signatory_id.and_then(|i| i32::try_from(i).ok()),
        signatory_label: e.signatory_label,
        entity_label: labels::entity(&e.entity).to_owned(),
        action_label: labels::action(&e.action).to_owned(),
        field_label: e
            .field
            .as_deref()
            .map(|f| labels::field_label(&e.entity, f))
            .unwrap_or_default(),
        entity: e.entity,
        action: e.action,
        old_value,
        new_value,
    }
}

/// The journal screen's filters, as typed (dates jj/mm/aaaa); empty: no condition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
pub struct AuditQuery {
    pub from: String,
    pub to: String,
    /// Part of the referent's name or of the OS account.
    pub who: String,
    /// A table code (see [`AuditPage::entities`]).
    pub entity: String,
    /// Part of the signatory's name.
    pub signatory: String,
    pub offset: u32,
    /// 0: every entry.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub total: u32,
    /// What can be filtered on: the kinds of entry and the people who wrote some.
    pub entities: Vec<Labeled>,
    pub authors: Vec<String>,
    pub retention_months: u32,
}

fn filter(q: &AuditQuery) -> Result<Filter> {
    let mut e = ValidationErrors::default();
    let mut date = |field: &str, text: &str| -> Option<String> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match parse_date(t) {
            Some(d) => Some(format_iso(d)),
            None => {
                e.push(field, format!("Date illisible « {t} » : attendu jj/mm/aaaa."));
                None
            }
        }
    };
    let from = date("from", &q.from);
    let to = date("to", &q.to);
    let entity = q.entity.trim();
    if !entity.is_empty() && labels::entity(entity).is_empty() {
        e.push("entity", format!("Élément inconnu « {entity} »."));
    }
    if let (Some(f), Some(t)) = (&from, &to) {
        if f > t {
            e.push("to", "La fin de la période précède son début.");
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(Filter {
        from,
        to,
        who: text(&q.who),
        entity: text(entity),
        signatory: text(&q.signatory),
        signatory_id: None,
    })
}

/// The Historique tab: every change of signatory `id`'s file, newest first.
pub fn history(store: &Store, id: i32) -> Result<Vec<AuditRow>> {
    let f = Filter {
        signatory_id: Some(i64::from(id)),
        ..Default::default()
    };
    let (rows, _) = sql::search(store.read(), &f, 0, None)?;
    Ok(rows.into_iter().map(row).collect())
}

/// The journal screen: the entries matching `q`, newest first, one page of them.
pub fn search(store: &Store, q: &AuditQuery) -> Result<AuditPage> {
    let f = filter(q)?;
    let limit = (q.limit > 0).then_some(q.limit);
    let (rows, total) = sql::search(store.read(), &f, q.offset, limit)?;
    Ok(AuditPage {
        rows: rows.into_iter().map(row).collect(),
        total,
        entities: sql::entities()
            .map(|t| Labeled {
                value: t.to_owned(),
                label: labels::entity(t).to_owned(),
            })
            .collect(),
        authors: sql::authors(store.read())?,
        retention_months: retention_months(store)?,
    })
}

const HEADER: [&str; 9] = [
    "Date",
    "Référent",
    "Compte",
    "Signataire",
    "Élément",
    "Action",
    "Champ",
    "Ancienne valeur",
    "Nouvelle valeur",
];

fn cells(r: &AuditRow) -> [&str; 9] {
    [
        &r.at,
        &r.referent,
        &r.os_user,
        &r.signatory_label,
        &r.entity_label,
        &r.action_label,
        &r.field_label,
        &r.old_value,
        &r.new_value,
    ]
}

/// The entries matching `q` (every page) as CSV or XLSX bytes, and how many.
pub fn render(store: &Store, q: &AuditQuery, format: &str) -> Result<(Vec<u8>, usize)> {
    let all = AuditQuery {
        offset: 0,
        limit: 0,
        ..q.clone()
    };
    let rows = search(store, &all)?.rows;
    let bytes = match format {
        "csv" => {
            let mut w = CsvWriter::new(&HEADER);
            for r in &rows {
                w.row(&cells(r));
            }
            w.finish().into_bytes()
        }
        "xlsx" => {
            // The values are the widest columns.
            let cols: Vec<crate::export::xlsx::Column<'_>> = HEADER
                .iter()
                .enumerate()
                .map(|(i, h)| crate::export::xlsx::Column {
                    header: h,
                    width: if i >= 7 { 40.0 } else { 18.0 },
                    numeric: false,
                })
                .collect();
            crate::export::xlsx::table("Journal", &cols, rows.iter().map(|r| cells(r).to_vec()))?
        }
        other => {
            let mut e = ValidationErrors::default();
            e.push(
                "format",
                format!("Format inconnu « {other} » : attendu csv ou xlsx."),
            );
            return Err(e.into());
        }
    };
    Ok((bytes, rows.len()))
}

/// Writes the export to `path` (chosen by the user), atomically; returns how many entries.
pub fn write(store: &Store, q: &AuditQuery, format: &str, path: &Path) -> Result<usize> {
    let (bytes, n) = render(store, q, format)?;
    crate::pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })?;
    Ok(n)
}

const RETENTION: &str = "audit_retention_months";
/// The CNIL's recommendation for activity logs: six months to a year.
pub const RETENTION_RANGE: std::ops::RangeInclusive<u32> = 6..=12;
pub const DEFAULT_RETENTION: u32 = 12;

/// How many months the journal keeps.
pub fn retention_months(store: &Store) -> Result<u32> {
    Ok(kv::get(store.read(), RETENTION)?
        .and_then(|v| v.parse().ok())
        .filter(|m| RETENTION_RANGE.contains(m))
        .unwrap_or(DEFAULT_RETENTION))
}

/// Changes the retention (6 to 12 months) and purges at once what it no longer keeps;
/// returns the number of entries purged.
pub fn save_retention(store: &mut Store, months: u32, today: NaiveDate) -> Result<usize> {
    if !RETENTION_RANGE.contains(&months) {
        let mut e = ValidationErrors::default();
        e.push(
            "months",
            format!(
                "Durée de conservation du journal : de {} à {} mois.",
                RETENTION_RANGE.start(),
                RETENTION_RANGE.end()
            ),
        );
        return Err(e.into());
    }
    store.write_keeping_views(|tx| kv::set(tx, RETENTION, &months.to_string()))?;
    purge(store, today)
}

/// Deletes the entries older than the retention (at start-up and when it changes); returns
/// how many. The journal is read by no cached view: those are kept.
pub fn purge(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let months = retention_months(store)?;
    let Some(limit) = today.checked_sub_months(Months::new(months)) else {
        return Ok(0);
    };
    let at = format_iso(limit);
    store.write_keeping_views(|tx| Ok(sql::purge_before(tx, &at)?))
}
