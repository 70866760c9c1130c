//! Applying a mapping to every data row of a sheet.

use super::cells::convert;
use super::field::FieldKey;
use super::header::Mapping;
use super::read::{Cell, Sheet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One data row: the values read, and the cells that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowResult {
    /// The row number the spreadsheet shows (1-based).
    pub row_number: usize,
    /// Every mapped field whose cell could be read ("" for an empty cell, "false" for an
    /// empty yes/no cell). A field whose cell is in `errors` is absent.
    pub values: BTreeMap<FieldKey, String>,
    pub errors: Vec<CellError>,
}

/// A cell that could not be read for its field, located as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellError {
    /// 1-based, as the spreadsheet shows it.
    pub row_number: usize,
    /// "A", "B", … "Z", "AA", …
    pub column_letter: String,
    pub column_header: String,
    pub field: FieldKey,
    /// The cell as the spreadsheet shows it.
    pub value: String,
    /// What was expected, in French ("une date au format jj/mm/aaaa (ex. 05/03/1998)").
    pub expected: String,
}

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ligne {}, colonne {}", self.row_number, self.column_letter)?;
        if !self.column_header.is_empty() {
            write!(f, " (« {} »)", self.column_header)?;
        }
        write!(
            f,
            ", {} : « {} » — attendu {}.",
            self.field.label(),
            self.value,
            self.expected
        )
    }
}

/// The spreadsheet's letters for a 0-based column index: 0 → "A", 25 → "Z", 26 → "AA".
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index;
    loop {
        // n % 26 < 26, so the addition stays within 'A'..='Z'.
        letters.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Reads every data row below the header. Rows whose mapped cells are all empty (spacer
/// rows, the empty tail of a formatted table) are skipped; every other row gives a result,
/// duplicates included: spotting a signatory already known is the caller's business.
pub fn map_rows(sheet: &Sheet, mapping: &Mapping) -> Vec<RowResult> {
    let mapped: Vec<(usize, FieldKey)> = mapping.mapped().collect();
    if mapped.is_empty() {
        return Vec::new();
    }
    let first_data_row = mapping.header_row.saturating_add(1);
    let mut results = Vec::new();
    for (index, row) in sheet.rows.iter().enumerate().skip(first_data_row) {
        let cell = |col: usize| row.get(col).unwrap_or(&Cell::Empty);
        if mapped.iter().all(|(col, _)| cell(*col).is_blank()) {
            continue;
        }
        let row_number = index.saturating_add(1);
        let mut values = BTreeMap::new();
        let mut errors = Vec::new();
        for (col, field) in &mapped {
            match convert(*field, cell(*col)) {
                Ok(value) => {
                    values.insert(*field, value);
                }
                Err(invalid) => errors.push(CellError {
                    row_number,
                    column_letter: column_letter(*col),
                    column_header: mapping.headers.get(*col).cloned().unwrap_or_default(),
                    field: *field,
                    value: cell(*col).display(),
                    expected: invalid.expected,
                }),
            }
        }
        results.push(RowResult {
            row_number,
            values,
            errors,
        });
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::propose_mapping;
    use FieldKey::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(51), "AZ");
        assert_eq!(column_letter(52), "BA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_letter(16383), "XFD");
        assert!(!column_letter(usize::MAX).is_empty());
    }

    fn register() -> Sheet {
        Sheet::new(
            "Registre",
            vec![
                vec![t("Suivi des signataires CESP — ARS Exemple")],
                vec![],
                vec![
                    t("NOM"),
                    t("Prénom"),
                    t("Colonne interne ?"),
                    t("Date de naissance"),
                    t("Statut"),
                ],
                vec![
                    t("MARTIN"),
                    t("Léa"),
                    t("x"),
                    Cell::Number(35859.0),
                    t("En formation"),
                ],
                vec![t("  "), Cell::Empty, t("ligne de commentaire seule")],
                vec![],
                vec![
                    t("D'ALMEIDA"),
                    t("Jean-Marc"),
                    Cell::Empty,
                    t("31/02/2019"),
                    t("Perdu de vue"),
                ],
                vec![
                    t("D'ALMEIDA"),
                    t("Jean-Marc"),
                    Cell::Empty,
                    t("31/02/2019"),
                    t("Perdu de vue"),
                ],
                vec![t("COURT")],
            ],
        )
    }

    #[test]
    fn rows_values_and_errors() {
        let sheet = register();
        let mapping = propose_mapping(&sheet);
        assert_eq!(mapping.header_row, 2);
        let rows = map_rows(&sheet, &mapping);
        // Row 5 has only an unmapped cell, row 6 is empty: both skipped. The duplicate stays.
        assert_eq!(
            rows.iter().map(|r| r.row_number).collect::<Vec<_>>(),
            vec![4, 7, 8, 9]
        );

        let first = &rows[0];
        assert!(first.errors.is_empty());
        assert_eq!(first.values.get(&LastName).map(String::as_str), Some("MARTIN"));
        assert_eq!(
            first.values.get(&BirthDate).map(String::as_str),
            Some("05/03/1998")
        );
        assert_eq!(
            first.values.get(&Status).map(String::as_str),
            Some("en_formation")
        );

        let bad = &rows[1];
        assert_eq!(bad.errors.len(), 2);
        let e = &bad.errors[0];
        assert_eq!(e.row_number, 7);
        assert_eq!(e.column_letter, "D");
        assert_eq!(e.column_header, "Date de naissance");
        assert_eq!(e.field, BirthDate);
        assert_eq!(e.value, "31/02/2019");
        assert!(e.expected.contains("n'existe pas"));
        assert!(!bad.values.contains_key(&BirthDate));
        assert_eq!(bad.values.get(&FirstNames).map(String::as_str), Some("Jean-Marc"));
        assert_eq!(
            e.to_string(),
            "Ligne 7, colonne D (« Date de naissance »), Date de naissance : « 31/02/2019 » — attendu \
             une date qui existe : le 31/02/2019 n'existe pas (jj/mm/aaaa)."
        );
        assert_eq!(bad.errors[1].column_letter, "E");
        assert_eq!(rows[2].values, rows[1].values);

        // A short row: missing cells are empty.
        let short = &rows[3];
        assert_eq!(short.values.get(&BirthDate).map(String::as_str), Some(""));
        assert_eq!(short.values.get(&Status).map(String::as_str), Some(""));
    }

    #[test]
    fn nothing_mapped_gives_nothing() {
        let sheet = Sheet::new("s", vec![vec![t("foo")], vec![t("bar")]]);
        let mapping = propose_mapping(&sheet);
        assert!(map_rows(&sheet, &mapping).is_empty());
    }

    #[test]
    fn mapping_wider_than_the_sheet_or_header_beyond_it() {
        let sheet = register();
        let mut mapping = propose_mapping(&sheet);
        mapping.assign(40, Some(Notes));
        let rows = map_rows(&sheet, &mapping);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].values.get(&Notes).map(String::as_str), Some(""));
        mapping.header_row = usize::MAX;
        assert!(map_rows(&sheet, &mapping).is_empty());
    }
}
