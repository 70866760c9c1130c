//! How each cell was read, said back to the user: "DFASM2 → 2e cycle, 2e année", "12/03/98 →
//! 12/03/1998", "LE GALL Jean-Baptiste → nom LE GALL, prénoms Jean-Baptiste". The mapping step
//! shows it under each column's samples, the preview and the report under each row, so that a
//! referent checks what the import understood before anything is written.

use super::field::FieldKey;
use super::fold::fold;
use super::header::Mapping;
use super::read::Cell;
use super::rows::RowResult;
use crate::domain::{Civility, Cycle, Discipline, ManagingBody, Status};

/// What is said of a cell the import could not read (it is set aside or refuses the row).
pub const UNREADABLE: &str = "illisible";

/// One cell of a row, as typed and as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellReading {
    pub column: usize,
    /// The cell as the spreadsheet shows it (trimmed).
    pub raw: String,
    /// What the import takes from it, in words; [`UNREADABLE`] when the cell could not be read.
    pub read: String,
}

impl CellReading {
    /// True when the reading says more than the cell ("Odonto" → "Odontologie"), not only
    /// when it repeats it with other spaces or capitals.
    pub fn differs(&self) -> bool {
        !self.read.is_empty() && fold(&self.raw) != fold(&self.read)
    }
}

/// Every non-blank mapped cell of `row` (the sheet's cells) with what `result` read from it.
pub fn readings(row: &[Cell], mapping: &Mapping, result: &RowResult) -> Vec<CellReading> {
    mapping
        .mapped()
        .filter_map(|(col, field)| {
            let raw = row.get(col)?.display().trim().to_owned();
            if raw.is_empty() {
                return None;
            }
            let unreadable = result.errors.iter().any(|e| e.field == field)
                || (field == FieldKey::FullName
                    && result.errors.iter().any(|e| e.field == FieldKey::FullName));
            let read = if unreadable {
                UNREADABLE.to_owned()
            } else {
                said(field, result)
            };
            Some(CellReading {
                column: col,
                raw,
                read,
            })
        })
        .collect()
}

/// What the row's values say for `field`, in words.
fn said(field: FieldKey, r: &RowResult) -> String {
    let v = |f: FieldKey| r.values.get(&f).map(String::as_str).unwrap_or("");
    let label = |code: &str, of: fn(&str) -> Option<&'static str>| of(code).unwrap_or(code).to_owned();
    match field {
        FieldKey::FullName => format!(
            "nom {}, prénoms {}",
            v(FieldKey::LastName),
            v(FieldKey::FirstNames)
        ),
        FieldKey::Cycle | FieldKey::StudyYear => {
            if r.studies_finished {
                return "études terminées".to_owned();
            }
            let cycle = Cycle::from_code(v(FieldKey::Cycle)).map(|c| match c {
                Cycle::Deuxieme => "2e cycle",
                Cycle::Troisieme => "3e cycle",
            });
            match (cycle, v(FieldKey::StudyYear)) {
                (Some(c), "") => c.to_owned(),
                (Some(c), "1") => format!("{c}, 1re année"),
                (Some(c), y) => format!("{c}, {y}e année"),
                (None, "") => String::new(),
                (None, y) => format!("{y}e année"),
            }
        }
        FieldKey::Discipline => label(v(field), |c| Discipline::from_code(c).map(Discipline::label)),
        FieldKey::Civility => label(v(field), |c| Civility::from_code(c).map(Civility::label)),
        FieldKey::Status => label(v(field), |c| Status::from_code(c).map(Status::label)),
        FieldKey::ManagingBody => label(v(field), |c| ManagingBody::from_code(c).map(ManagingBody::label)),
        FieldKey::Padhue => match v(field) {
            "true" => "oui".to_owned(),
            "false" => "non".to_owned(),
            other => other.to_owned(),
        },
        _ => v(field).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::propose_mapping;
    use crate::import::read::Sheet;
    use crate::import::rows::map_rows;
    use chrono::NaiveDate;

    #[test]
    fn each_cell_says_how_it_was_read() {
        let t = |s: &str| Cell::Text(s.to_owned());
        let sheet = Sheet::new(
            "F",
            vec![
                vec![
                    t("NOM Prénom"),
                    t("Né(e) le"),
                    t("Cursus"),
                    t("Année"),
                    t("Sexe"),
                    t("Tél."),
                ],
                vec![
                    t("LE GALL Jean-Baptiste"),
                    t("12/03/98"),
                    t("Odonto"),
                    t("DFASO1"),
                    t("F"),
                    t("06.12.34.56.78"),
                ],
                vec![
                    t("MORVAN Paul"),
                    t("31/04/1998"),
                    t("MG"),
                    t("Docteur"),
                    t("H"),
                    t(""),
                ],
            ],
        );
        let mapping = propose_mapping(&sheet);
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let rows = map_rows(&sheet, &mapping, today);
        let said = |i: usize| -> Vec<(String, String)> {
            readings(&sheet.rows[i + 1], &mapping, &rows[i])
                .into_iter()
                .map(|c| (c.raw, c.read))
                .collect()
        };
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
        };
        assert_eq!(
            said(0),
            pairs(&[
                ("LE GALL Jean-Baptiste", "nom LE GALL, prénoms Jean-Baptiste"),
                ("12/03/98", "12/03/1998"),
                ("Odonto", "Odontologie"),
                ("DFASO1", "2e cycle, 1re année"),
                ("F", "Mme"),
                ("06.12.34.56.78", "06 12 34 56 78"),
            ])
        );
        assert_eq!(
            said(1),
            pairs(&[
                ("MORVAN Paul", "nom MORVAN, prénoms Paul"),
                // Unreadable: said so.
                ("31/04/1998", "illisible"),
                ("MG", "Médecine"),
                ("Docteur", "études terminées"),
                ("H", "M."),
            ])
        );
    }
}
