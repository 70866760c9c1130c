//! Applying a mapping to every data row of a sheet.

use super::cells::{birth_date, convert};
use super::field::FieldKey;
use super::fold::fold;
use super::header::Mapping;
use super::read::{Cell, Sheet};
use super::{full_name, studies};
use chrono::NaiveDate;
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
    /// Why the row is not data (a total, a repeated header, a note under the table), in
    /// French; it then has no values and no errors.
    #[serde(default)]
    pub skipped: Option<String>,
    /// The studies cell says they are over ("Docteur"): read when the status is deduced.
    #[serde(default)]
    pub studies_finished: bool,
}

/// A cell that could not be read for its field, located as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellError {
    /// 1-based, as the spreadsheet shows it.
    pub row_number: usize,
    /// "A", "B", … "Z", "AA", …
    pub column_letter: String,
    /// 0-based, as [`Sheet::rows`] holds it (the window corrects the cell by it).
    #[serde(default)]
    pub column: usize,
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
///
/// Most cells are read alone ([`convert`]); a few are read with the rest of their row:
/// the combined name is split into the name and the first names, the cycle and the year
/// of studies are read together with the discipline ([`studies::reconcile`]), and a birth
/// date written with a two-digit year is placed in its century by `today`.
pub fn map_rows(sheet: &Sheet, mapping: &Mapping, today: NaiveDate) -> Vec<RowResult> {
    let mapped: Vec<(usize, FieldKey)> = mapping.mapped().collect();
    if mapped.is_empty() {
        return Vec::new();
    }
    let first_data_row = mapping.header_row.saturating_add(1);
    // Folded once: every row is compared with the header (a header written again).
    let folded_headers: Vec<String> = mapping.headers.iter().map(|h| fold(h)).collect();
    let mut results = Vec::new();
    for (index, row) in sheet.rows.iter().enumerate().skip(first_data_row) {
        let cell = |col: usize| row.get(col).unwrap_or(&Cell::Empty);
        if mapped.iter().all(|(col, _)| cell(*col).is_blank()) {
            continue;
        }
        let row_number = index.saturating_add(1);
        if let Some(reason) = not_data(row, &folded_headers, &mapped) {
            results.push(RowResult {
                row_number,
                values: BTreeMap::new(),
                errors: Vec::new(),
                skipped: Some(reason),
                studies_finished: false,
            });
            continue;
        }
        let error = |col: usize, field: FieldKey, expected: String| CellError {
            row_number,
            column_letter: column_letter(col),
            column: col,
            column_header: mapping.headers.get(col).cloned().unwrap_or_default(),
            field,
            value: cell(col).display(),
            expected,
        };
        let mut values = BTreeMap::new();
        let mut errors = Vec::new();
        for (col, field) in &mapped {
            if matches!(field, FieldKey::Cycle | FieldKey::StudyYear) {
                continue;
            }
            let read = match field {
                FieldKey::BirthDate if !matches!(cell(*col), Cell::Error(_)) => birth_date(cell(*col), today),
                _ => convert(*field, cell(*col)),
            };
            match read {
                Ok(value) => {
                    values.insert(*field, value);
                }
                Err(invalid) => errors.push(error(*col, *field, invalid.expected)),
            }
        }
        split_full_name(mapping, &mut values, &mut errors, &error);
        let mut studies_finished = false;
        read_studies(
            mapping,
            &cell,
            &mut values,
            &mut studies_finished,
            &mut errors,
            &error,
        );
        results.push(RowResult {
            row_number,
            values,
            errors,
            skipped: None,
            studies_finished,
        });
    }
    results
}

/// First words of the rows that sum up the table rather than describe a person.
const TOTALS: &[&str] = &[
    "total",
    "totaux",
    "sous total",
    "total general",
    "nombre total",
    "nombre de",
    "nombre d",
    "nb de",
    "nb d",
    "effectif",
    "effectifs",
    "somme",
    "moyenne",
    "cumul",
];

/// First words of a note written under the table.
const NOTES: &[&str] = &[
    "nb",
    "n b",
    "note",
    "notes",
    "remarque",
    "remarques",
    "source",
    "sources",
    "attention",
    "mise a jour",
    "mis a jour",
    "legende",
    "commentaire",
    "a noter",
];

fn starts_with_words(folded: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| folded == *w || folded.strip_prefix(w).is_some_and(|rest| rest.starts_with(' ')))
}

/// Why `row` is not a person's row, if it is not: a total or subtotal line, the header
/// written again (a table pasted twice, a page break kept from a print), a note under the
/// table, or numbers alone (a sum without its label).
fn not_data(row: &[Cell], folded_headers: &[String], mapped: &[(usize, FieldKey)]) -> Option<String> {
    let filled: Vec<(usize, &Cell)> = row.iter().enumerate().filter(|(_, c)| !c.is_blank()).collect();
    let (_, first) = filled.first()?;
    let first_text = first.display();
    let folded = fold(&first_text);
    if starts_with_words(&folded, TOTALS) {
        return Some(format!("ligne de total (« {} »)", first_text.trim()));
    }
    // Every filled mapped cell equal to its header (stops at the first that differs: a
    // data row costs one comparison).
    let mut header_like = 0;
    for (col, _) in mapped {
        let Some(cell) = row.get(*col).filter(|c| !c.is_blank()) else {
            continue;
        };
        let header = folded_headers.get(*col).map(String::as_str).unwrap_or_default();
        if header.is_empty() || fold(&cell.display()) != header {
            header_like = 0;
            break;
        }
        header_like += 1;
    }
    if header_like >= 2 {
        return Some("en-tête répété".to_owned());
    }
    if let [(_, only)] = filled.as_slice() {
        let text = only.display();
        let words = text.split_whitespace().count();
        let note = starts_with_words(&folded, NOTES)
            || text.trim_start().starts_with('*')
            || words >= 6
            || (words >= 3 && text.contains(':'));
        if note {
            return Some("note sous le tableau".to_owned());
        }
    }
    // A number is never a name: a count in the name column is a total too.
    let names_empty = mapped
        .iter()
        .filter(|(_, f)| matches!(f, FieldKey::LastName | FieldKey::FirstNames | FieldKey::FullName))
        .all(|(col, _)| {
            row.get(*col)
                .is_none_or(|c| c.is_blank() || matches!(c, Cell::Number(_)))
        });
    if names_empty && filled.iter().all(|(_, c)| matches!(c, Cell::Number(_))) {
        return Some("des nombres seuls, sans nom (un total ?)".to_owned());
    }
    None
}

/// The combined name split into the name and the first names (a column of their own, when
/// there is one and it is filled, wins).
fn split_full_name(
    mapping: &Mapping,
    values: &mut BTreeMap<FieldKey, String>,
    errors: &mut Vec<CellError>,
    error: &dyn Fn(usize, FieldKey, String) -> CellError,
) {
    let Some(full) = values.remove(&FieldKey::FullName) else {
        return;
    };
    if full.is_empty() {
        return;
    }
    match full_name::split(&full) {
        Ok((last, first)) => {
            for (field, value) in [(FieldKey::LastName, last), (FieldKey::FirstNames, first)] {
                let slot = values.entry(field).or_default();
                if slot.is_empty() {
                    *slot = value;
                }
            }
        }
        Err(invalid) => {
            if let Some(col) = mapping.column_of(FieldKey::FullName) {
                errors.push(error(col, FieldKey::FullName, invalid.expected));
            }
        }
    }
}

/// The cycle and the year of studies, read together with the row's discipline.
fn read_studies<'a>(
    mapping: &Mapping,
    cell: &dyn Fn(usize) -> &'a Cell,
    values: &mut BTreeMap<FieldKey, String>,
    finished: &mut bool,
    errors: &mut Vec<CellError>,
    error: &dyn Fn(usize, FieldKey, String) -> CellError,
) {
    let cycle_col = mapping.column_of(FieldKey::Cycle);
    let year_col = mapping.column_of(FieldKey::StudyYear);
    if cycle_col.is_none() && year_col.is_none() {
        return;
    }
    let of = |col: Option<usize>| col.map_or(&Cell::Empty, cell);
    for (col, field) in [(cycle_col, FieldKey::Cycle), (year_col, FieldKey::StudyYear)] {
        if let (Some(col), Cell::Error(_)) = (col, of(col)) {
            if let Err(invalid) = convert(field, cell(col)) {
                errors.push(error(col, field, invalid.expected));
                return;
            }
        }
    }
    let discipline = values.get(&FieldKey::Discipline).map(String::as_str);
    match studies::reconcile(of(cycle_col), of(year_col), discipline) {
        Ok(read) => {
            values.insert(FieldKey::Cycle, read.cycle);
            values.insert(FieldKey::StudyYear, read.year);
            *finished = read.finished;
            if let Some(d) = read.discipline {
                let slot = values.entry(FieldKey::Discipline).or_default();
                if slot.is_empty() {
                    *slot = d.to_owned();
                }
            }
        }
        Err(studies::Refused::Cycle(invalid)) => {
            if let Some(col) = cycle_col {
                errors.push(error(col, FieldKey::Cycle, invalid.expected));
            }
        }
        Err(studies::Refused::Year(invalid)) => {
            if let Some(col) = year_col.or(cycle_col) {
                errors.push(error(col, FieldKey::StudyYear, invalid.expected));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::propose_mapping;
    use FieldKey::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

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
        let rows = map_rows(&sheet, &mapping, today());
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
        assert!(map_rows(&sheet, &mapping, today()).is_empty());
    }

    #[test]
    fn mapping_wider_than_the_sheet_or_header_beyond_it() {
        let sheet = register();
        let mut mapping = propose_mapping(&sheet);
        mapping.assign(40, Some(Notes));
        let rows = map_rows(&sheet, &mapping, today());
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].values.get(&Notes).map(String::as_str), Some(""));
        mapping.header_row = usize::MAX;
        assert!(map_rows(&sheet, &mapping, today()).is_empty());
    }

    #[test]
    fn totals_repeated_headers_and_notes_are_not_data() {
        let sheet = Sheet::new(
            "Registre",
            vec![
                vec![t("NOM"), t("Prénom"), t("Date de naissance"), t("Statut")],
                vec![t("MARTIN"), t("Léa"), t("05/03/1998"), t("En formation")],
                vec![t("NOM"), t("Prénom"), t("Date de naissance"), t("Statut")],
                vec![t("LE GALL"), t("Yann"), t("12/01/1999"), t("En formation")],
                vec![t("TOTAL"), Cell::Number(2.0)],
                vec![t("Sous-total Bretagne"), Cell::Number(2.0)],
                vec![Cell::Number(2.0)],
                vec![t("NB : les dates sont celles du contrat")],
                vec![t("* à vérifier avec l'UFR")],
                vec![t("COURT")],
            ],
        );
        let mapping = propose_mapping(&sheet);
        let rows = map_rows(&sheet, &mapping, today());
        let skipped: Vec<(usize, &str)> = rows
            .iter()
            .filter_map(|r| r.skipped.as_deref().map(|s| (r.row_number, s)))
            .collect();
        assert_eq!(
            skipped,
            vec![
                (3, "en-tête répété"),
                (5, "ligne de total (« TOTAL »)"),
                (6, "ligne de total (« Sous-total Bretagne »)"),
                (7, "des nombres seuls, sans nom (un total ?)"),
                (8, "note sous le tableau"),
                (9, "note sous le tableau"),
            ]
        );
        let data: Vec<usize> = rows
            .iter()
            .filter(|r| r.skipped.is_none())
            .map(|r| r.row_number)
            .collect();
        assert_eq!(data, vec![2, 4, 10], "a lone name is still a person's row");
        assert!(rows
            .iter()
            .filter(|r| r.skipped.is_some())
            .all(|r| r.values.is_empty() && r.errors.is_empty()));
    }

    #[test]
    fn one_column_for_the_name_and_the_faculty_s_year() {
        let sheet = Sheet::new(
            "Registre",
            vec![
                vec![t("NOM Prénom"), t("Né(e) le"), t("Cursus"), t("Année d'études")],
                vec![t("LE GALL Jean-Baptiste"), t("12/03/98"), t("Méd."), t("DFASM2")],
                vec![t("Inês DA SILVA DOS SANTOS"), t("01-09-2001"), t(""), t("DFASO1")],
                vec![
                    t("Anne-Sophie DE LA TOUR D'AUVERGNE"),
                    t("3 mars 1997"),
                    t("MG"),
                    t("Interne DES 2e année"),
                ],
                vec![t("Martin Léa"), t("05/03/1998"), t("Pharma"), t("DFGSP2")],
            ],
        );
        let mapping = propose_mapping(&sheet);
        assert_eq!(mapping.column_of(FullName), Some(0));
        assert_eq!(mapping.column_of(Discipline), Some(2));
        let rows = map_rows(&sheet, &mapping, today());
        let v = |r: &RowResult, f: FieldKey| r.values.get(&f).cloned().unwrap_or_default();
        assert_eq!(v(&rows[0], LastName), "LE GALL");
        assert_eq!(v(&rows[0], FirstNames), "Jean-Baptiste");
        assert_eq!(v(&rows[0], BirthDate), "12/03/1998");
        assert_eq!(v(&rows[0], Discipline), "medecine");
        assert_eq!(
            (v(&rows[0], Cycle), v(&rows[0], StudyYear)),
            ("deuxieme_cycle".into(), "2".into())
        );
        assert!(!rows[0].values.contains_key(&FullName));
        // The faculty's name gives the discipline the row lacked.
        assert_eq!(v(&rows[1], LastName), "DA SILVA DOS SANTOS");
        assert_eq!(v(&rows[1], Discipline), "odontologie");
        assert_eq!(v(&rows[2], BirthDate), "03/03/1997");
        assert_eq!(
            (v(&rows[2], Cycle), v(&rows[2], StudyYear)),
            ("troisieme_cycle".into(), "2".into())
        );
        // Undecidable case and the 1st cycle: refused, each once, on its own cell.
        let errors: Vec<(String, FieldKey)> = rows[3]
            .errors
            .iter()
            .map(|e| (e.column_letter.clone(), e.field))
            .collect();
        assert_eq!(
            errors,
            vec![("A".to_owned(), FullName), ("D".to_owned(), StudyYear)]
        );
    }
}
