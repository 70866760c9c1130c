//! Recognising a column by its values when its header says nothing ("Colonne 7", "Info",
//! an empty header): a column of e-mail addresses is the e-mail whatever it is called.
//!
//! Only values that leave no doubt count, and all of a column's values must agree (at least
//! [`MIN_VALUES`] of them): disciplines, civilities, e-mail addresses, French phone numbers,
//! contract references (`CESP-2024-0412`), years of studies as faculties write them
//! (`DFASM2`, `Interne 2e année`, bare numbers excepted), and dates all before 2010 — a
//! signature, an allocation or a diploma cannot be that old (the CESP began on 29/06/2010),
//! so such dates are birth dates. A field already fed by a column is never proposed again.

use super::cells::{civility, date, discipline, email};
use super::field::FieldKey;
use super::header::Mapping;
use super::read::{Cell, Sheet};
use super::studies;
use chrono::{Datelike, NaiveDate};

/// Fewer values than this prove nothing.
pub const MIN_VALUES: usize = 3;
/// The values read per column: enough to be sure, bounded for a 100 000-row sheet.
const SAMPLE: usize = 200;
/// The rows below the header looked at.
const SCAN_ROWS: usize = 1_000;

/// What a column's values show, in the order tried (the most specific first).
const CANDIDATES: [FieldKey; 7] = [
    FieldKey::Email,
    FieldKey::ContractRef,
    FieldKey::StudyYear,
    FieldKey::Discipline,
    FieldKey::Civility,
    FieldKey::Phone,
    FieldKey::BirthDate,
];

/// Proposes a field for each column that has none and for which `open(column)` is true,
/// from its values; returns the columns so recognised.
pub fn infer(sheet: &Sheet, mapping: &mut Mapping, open: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut recognised = Vec::new();
    for col in 0..mapping.columns.len() {
        if mapping.columns[col].is_some() || !open(col) {
            continue;
        }
        // The first rows only: a stray cell far down (row 1 048 576, column XFD) widens the
        // sheet, and every column × every row would be billions of reads.
        let values: Vec<&Cell> = sheet
            .rows
            .iter()
            .skip(mapping.header_row.saturating_add(1))
            .take(SCAN_ROWS)
            .filter_map(|r| r.get(col))
            .filter(|c| !c.is_blank())
            .take(SAMPLE)
            .collect();
        if values.len() < MIN_VALUES {
            continue;
        }
        let taken = |f: FieldKey| mapping.columns.contains(&Some(f));
        let found = CANDIDATES
            .iter()
            .copied()
            .filter(|f| !taken(*f))
            .find(|f| values.iter().all(|c| reads_as(*f, c)));
        if let Some(field) = found {
            mapping.columns[col] = Some(field);
            recognised.push(col);
        }
    }
    recognised
}

/// True when `cell` can only be a value of `field`.
fn reads_as(field: FieldKey, cell: &Cell) -> bool {
    let text = cell.display();
    let t = text.trim();
    match field {
        FieldKey::Email => {
            let Ok(e) = email(cell) else { return false };
            let mut parts = e.split('@');
            matches!(
                (parts.next(), parts.next(), parts.next()),
                (Some(user), Some(domain), None)
                    if !user.is_empty() && domain.contains('.') && !e.contains(char::is_whitespace)
            )
        }
        FieldKey::ContractRef => contract_ref_like(t),
        FieldKey::StudyYear => {
            // A bare number may be anything (a rank, a count): only a named year counts.
            !t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
                && matches!(
                    studies::read(t),
                    Some(studies::Reading::Stage { .. })
                        | Some(studies::Reading::Year(_))
                        | Some(studies::Reading::Finished)
                )
        }
        FieldKey::Discipline => matches!(cell, Cell::Text(_)) && discipline(cell).is_ok(),
        FieldKey::Civility => matches!(cell, Cell::Text(_)) && civility(cell).is_ok(),
        FieldKey::Phone => french_phone(t).is_some(),
        FieldKey::BirthDate => date(cell)
            .ok()
            .and_then(|d| NaiveDate::parse_from_str(&d, "%d/%m/%Y").ok())
            .is_some_and(|d| d.year() >= 1940 && d.year() < 2010),
        _ => false,
    }
}

/// `CESP-2024-0412`, `CESP/2019/17`, `ARS29-2021-003`: letters, then digit groups joined by
/// `-`, `/` or `_`, with a year among them.
fn contract_ref_like(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['-', '/', '_']).collect();
    if parts.len() < 2 || t.len() > 40 {
        return false;
    }
    let letters = parts[0].chars().any(|c| c.is_ascii_alphabetic())
        && parts[0].chars().all(|c| c.is_ascii_alphanumeric());
    let digits = parts[1..]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let year = parts[1..]
        .iter()
        .any(|p| p.len() == 4 && p.parse::<u32>().is_ok_and(|y| (2010..=2100).contains(&y)));
    letters && digits && year
}

/// A French phone number written any usual way (`06 12 34 56 78`, `06.12.34.56.78`,
/// `0612345678`, `+33 6 12 34 56 78`, `0033612345678`, `+33 (0)6 12 34 56 78`, or nine
/// digits whose leading zero a spreadsheet dropped), as `06 12 34 56 78`; `None` otherwise.
pub fn french_phone(t: &str) -> Option<String> {
    let t = t.trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || " .-+()/\u{a0}\u{202f}".contains(c))
    {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let national = if t.starts_with('+') || t.starts_with("00") {
        let rest = digits
            .strip_prefix("0033")
            .or_else(|| digits.strip_prefix("33"))?;
        // "+33 (0)6…": the zero in brackets is the national prefix.
        let rest = rest.strip_prefix('0').filter(|r| r.len() == 9).unwrap_or(rest);
        format!("0{rest}")
    } else if digits.len() == 9 && !digits.starts_with('0') {
        format!("0{digits}")
    } else {
        digits
    };
    let ok = national.len() == 10
        && national.starts_with('0')
        && national
            .as_bytes()
            .get(1)
            .is_some_and(|d| (b'1'..=b'9').contains(d));
    ok.then(|| {
        national
            .as_bytes()
            .chunks(2)
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::header::propose_mapping;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet::new(
            "Feuille1",
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|s| if s.is_empty() { Cell::Empty } else { t(s) })
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn unknown_headers_are_recognised_by_their_values() {
        let s = sheet(&[
            &[
                "Nom", "Prénom", "Info 1", "Info 2", "Info 3", "Col F", "Col G", "Col H", "Col I",
            ],
            &[
                "Le Gall",
                "Ewen",
                "e.legall@exemple.fr",
                "CESP-2024-0412",
                "DFASM2",
                "Odonto",
                "M.",
                "06.12.34.56.78",
                "12/03/1998",
            ],
            &[
                "Morvan",
                "Anne",
                "a.morvan@exemple.fr",
                "CESP-2023-0007",
                "Interne 2e année",
                "Médecine",
                "Mme",
                "+33 6 98 76 54 32",
                "05/06/1997",
            ],
            &[
                "Tanguy",
                "Inès",
                "",
                "CESP/2025/12",
                "Docteur junior",
                "SF",
                "Madame",
                "612345678",
                "30/01/2002",
            ],
            &[
                "Quéré",
                "Hugo",
                "h.quere@exemple.fr",
                "CESP-2022-0100",
                "5e année",
                "Pharma",
                "M",
                "0612345678",
                "19/08/1997",
            ],
        ]);
        let mut m = propose_mapping(&s);
        // propose_mapping already infers; start again from the headers alone to see it here.
        for c in 2..9 {
            m.columns[c] = None;
        }
        let found = infer(&s, &mut m, |_| true);
        assert_eq!(found, vec![2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(
            &m.columns[2..],
            &[
                Some(FieldKey::Email),
                Some(FieldKey::ContractRef),
                Some(FieldKey::StudyYear),
                Some(FieldKey::Discipline),
                Some(FieldKey::Civility),
                Some(FieldKey::Phone),
                Some(FieldKey::BirthDate),
            ]
        );
    }

    #[test]
    fn doubtful_columns_are_left_alone() {
        let s = sheet(&[
            &["Nom", "Prénom", "A", "B", "C", "D", "E"],
            // Signature dates (after 2010), numbers, mixed values, too few values.
            &[
                "Le Gall",
                "Ewen",
                "15/09/2023",
                "3",
                "e@exemple.fr",
                "Médecine",
                "x",
            ],
            &["Morvan", "Anne", "01/10/2021", "5", "pas de mail", "Médecine", ""],
            &["Tanguy", "Inès", "16/01/2026", "2", "t@exemple.fr", "", ""],
        ]);
        let m = propose_mapping(&s);
        assert_eq!(&m.columns[2..], &[None, None, None, None, None]);
    }

    #[test]
    fn a_field_already_fed_is_not_proposed_twice() {
        let s = sheet(&[
            &["Nom", "Courriel", "Autre"],
            &["Le Gall", "e@exemple.fr", "f@exemple.fr"],
            &["Morvan", "a@exemple.fr", "b@exemple.fr"],
            &["Tanguy", "t@exemple.fr", "u@exemple.fr"],
        ]);
        let m = propose_mapping(&s);
        assert_eq!(
            m.columns,
            vec![Some(FieldKey::LastName), Some(FieldKey::Email), None]
        );
    }

    #[test]
    fn phones_are_written_the_french_way() {
        for (typed, expected) in [
            ("06 12 34 56 78", Some("06 12 34 56 78")),
            ("06.12.34.56.78", Some("06 12 34 56 78")),
            ("06-12-34-56-78", Some("06 12 34 56 78")),
            ("0612345678", Some("06 12 34 56 78")),
            ("612345678", Some("06 12 34 56 78")),
            ("+33 6 12 34 56 78", Some("06 12 34 56 78")),
            ("+33 (0)6 12 34 56 78", Some("06 12 34 56 78")),
            ("0033612345678", Some("06 12 34 56 78")),
            ("02 98 00 00 01", Some("02 98 00 00 01")),
            ("+32 2 123 45 67", None),
            ("12345", None),
            ("00 12 34 56 78", None),
            ("06 12 34 56 78 (portable)", None),
        ] {
            assert_eq!(french_phone(typed).as_deref(), expected, "{typed}");
        }
    }
}
