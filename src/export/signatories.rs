//! The list of signatories as currently filtered, with the columns the user chose, as CSV
//! (`;`, UTF-8 with BOM, formulas neutralised) or XLSX (text cells are written as text, so a
//! name such as `=cmd` can never run as a formula).

use crate::domain::dates::format_fr;
use crate::domain::Signatory;
use crate::error::{Error, Result, ValidationErrors};
use crate::export::csv::CsvWriter;
use crate::register::ListQuery;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;

/// A column of the export: its code (stable, for the CLI) and its French header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ExportColumn {
    pub key: String,
    pub label: String,
}

/// Every column, in the order of the form.
pub const COLUMNS: &[(&str, &str)] = &[
    ("civility", "Civilité"),
    ("last_name", "Nom"),
    ("birth_name", "Nom de naissance"),
    ("first_names", "Prénoms"),
    ("birth_date", "Date de naissance"),
    ("email", "Courriel"),
    ("phone", "Téléphone"),
    ("address", "Adresse"),
    ("discipline", "Discipline"),
    ("padhue", "PADHUE"),
    ("ufr", "UFR"),
    ("subdivision", "Subdivision"),
    ("cycle", "Cycle"),
    ("study_year", "Année d'études"),
    ("ecn_year", "Année ECN/EDN"),
    ("ecn_rank", "Rang ECN/EDN"),
    ("specialty", "Spécialité"),
    ("signature_date", "Date de signature"),
    ("regime", "Régime"),
    ("managing_body", "Organisme gestionnaire"),
    ("contract_ref", "Référence du contrat"),
    ("status", "Statut"),
    ("notes", "Notes"),
];

/// The columns offered by default: what a manager usually sends.
pub const DEFAULT_COLUMNS: &[&str] = &[
    "last_name",
    "first_names",
    "discipline",
    "specialty",
    "ufr",
    "signature_date",
    "status",
    "contract_ref",
];

pub fn columns() -> Vec<ExportColumn> {
    COLUMNS
        .iter()
        .map(|(k, l)| ExportColumn {
            key: (*k).to_owned(),
            label: (*l).to_owned(),
        })
        .collect()
}

/// The value of column `key` for `s`, as the window shows it.
fn value(s: &Signatory, key: &str) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    match key {
        "civility" => s.civility_label().to_owned(),
        "last_name" => s.last_name.clone(),
        "birth_name" => opt(&s.birth_name),
        "first_names" => s.first_names.clone(),
        "birth_date" => s.birth_date.map(format_fr).unwrap_or_default(),
        "email" => opt(&s.email),
        "phone" => opt(&s.phone),
        "address" => opt(&s.address).replace('\n', ", "),
        "discipline" => s.discipline.label().to_owned(),
        "padhue" => if s.padhue { "oui" } else { "non" }.to_owned(),
        "ufr" => opt(&s.ufr),
        "subdivision" => opt(&s.subdivision),
        "cycle" => s.cycle.map(|c| c.label().to_owned()).unwrap_or_default(),
        "study_year" => num(s.study_year),
        "ecn_year" => num(s.ecn_year),
        "ecn_rank" => num(s.ecn_rank),
        "specialty" => opt(&s.specialty),
        "signature_date" => s.signature_date.map(format_fr).unwrap_or_default(),
        "regime" => s.regime.map(|r| r.label().to_owned()).unwrap_or_default(),
        "managing_body" => s.managing_body.map(|m| m.label().to_owned()).unwrap_or_default(),
        "contract_ref" => opt(&s.contract_ref),
        "status" => s.status.label().to_owned(),
        "notes" => s.notes.clone(),
        _ => String::new(),
    }
}

/// What to export.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct SignatoryExport {
    /// The list's search and filters (paging is ignored: every match is exported).
    pub query: ListQuery,
    /// Column codes, in the order wanted; empty: the default columns.
    pub columns: Vec<String>,
    /// "csv" or "xlsx".
    pub format: String,
}

fn checked_columns(keys: &[String]) -> Result<Vec<(&'static str, &'static str)>> {
    let wanted: Vec<&str> = if keys.is_empty() {
        DEFAULT_COLUMNS.to_vec()
    } else {
        keys.iter().map(String::as_str).collect()
    };
    let mut out = Vec::new();
    for k in wanted {
        match COLUMNS.iter().find(|(key, _)| *key == k) {
            Some(c) => out.push(*c),
            None => {
                let mut e = ValidationErrors::default();
                let known: Vec<&str> = COLUMNS.iter().map(|(k, _)| *k).collect();
                e.push(
                    "columns",
                    format!(
                        "Colonne inconnue « {k} » : attendu l'une de {}.",
                        known.join(", ")
                    ),
                );
                return Err(e.into());
            }
        }
    }
    Ok(out)
}

/// The file's bytes; also returns the number of signatories exported.
pub fn render(store: &Store, export: &SignatoryExport) -> Result<(Vec<u8>, usize)> {
    let columns = checked_columns(&export.columns)?;
    let people = crate::register::all_matching(store, &export.query)?;
    let header: Vec<&str> = columns.iter().map(|(_, l)| *l).collect();
    let bytes = match export.format.as_str() {
        "csv" => {
            let mut w = CsvWriter::new(&header);
            for s in &people {
                let row: Vec<String> = columns.iter().map(|(k, _)| value(s, k)).collect();
                w.row(&row);
            }
            w.finish().into_bytes()
        }
        "xlsx" => {
            let cols: Vec<crate::export::xlsx::Column<'_>> = columns
                .iter()
                .map(|(k, l)| crate::export::xlsx::Column {
                    header: l,
                    width: 18.0,
                    numeric: matches!(*k, "study_year" | "ecn_year" | "ecn_rank"),
                })
                .collect();
            crate::export::xlsx::table(
                "Signataires",
                &cols,
                people
                    .iter()
                    .map(|s| columns.iter().map(|(k, _)| value(s, k)).collect::<Vec<_>>()),
            )?
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
    Ok((bytes, people.len()))
}

/// Writes the export to `path` (chosen by the user), atomically; returns how many signatories.
pub fn write(store: &Store, export: &SignatoryExport, path: &Path) -> Result<usize> {
    let (bytes, n) = render(store, export)?;
    crate::pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })?;
    Ok(n)
}
