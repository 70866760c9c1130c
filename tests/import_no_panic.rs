//! Whatever the bytes or the cells, the import answers with values or errors, never a panic.

use cesp::import::{cells, convert, map_rows, propose_mapping, read_bytes, Cell, FieldKey, Mapping, Sheet};
use chrono::{DateTime, NaiveDateTime};
use proptest::prelude::*;
use std::path::PathBuf;

/// A fixed day: two-digit birth years are read against it.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

const EXTENSIONS: &[&str] = &["xlsx", "xls", "ods", "csv", "txt"];

fn corpus(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Texts that look like what registers hold, and arbitrary ones.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{0,5}( [0-9:]{0,8})?",
        "[0-9 \u{a0}\u{202f},.]{0,12}(€| EUR)?",
        "[0-9]{1,3}(e|ème|ère|re|nd)?( année)?",
        prop::sample::select(vec![
            "oui",
            "Non",
            "X",
            "M.",
            "Mme",
            "Médecine",
            "DFASM2",
            "3e cycle",
            "CNG",
            "Installé(e)",
            "Rupture le 01/02/2023",
            "31/02/2019",
            "bientôt",
            "",
            "  ",
            "60",
            "1998",
        ])
        .prop_map(str::to_owned),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        text().prop_map(Cell::Text),
        any::<f64>().prop_map(Cell::Number),
        (-100_000.0..100_000.0f64).prop_map(Cell::Number),
        any::<bool>().prop_map(Cell::Bool),
        (-100_000_000_000i64..100_000_000_000i64, 0u32..2)
            .prop_filter_map("date hors limites", |(secs, midnight)| {
                let secs = if midnight == 0 {
                    secs - secs.rem_euclid(86_400)
                } else {
                    secs
                };
                DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
            })
            .prop_map(Cell::DateTime),
        Just(Cell::DateTime(NaiveDateTime::MIN)),
        Just(Cell::DateTime(NaiveDateTime::MAX)),
        "#[A-Z/0!?]{1,6}".prop_map(Cell::Error),
    ]
}

fn grid() -> impl Strategy<Value = Vec<Vec<Cell>>> {
    prop::collection::vec(prop::collection::vec(cell(), 0..12), 0..40)
}

fn field() -> impl Strategy<Value = FieldKey> {
    prop::sample::select(FieldKey::ALL.to_vec())
}

fn is_fr_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.get(2) == Some(&b'/')
        && b.get(5) == Some(&b'/')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn read_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), ext in prop::sample::select(EXTENSIONS)) {
        let _ = read_bytes(ext, &bytes);
    }

    #[test]
    fn read_bytes_with_workbook_signatures_never_panics(
        magic in prop::sample::select(vec![&b"PK\x03\x04"[..], &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &b"\xEF\xBB\xBF"[..], &b"\xFF\xFE"[..]]),
        tail in prop::collection::vec(any::<u8>(), 0..4096),
        ext in prop::sample::select(EXTENSIONS),
    ) {
        let mut bytes = magic.to_vec();
        bytes.extend(tail);
        let _ = read_bytes(ext, &bytes);
    }

    #[test]
    fn csv_text_never_panics(s in "[a-zé;,\t\"\r\n 0-9]{0,400}") {
        if let Ok(workbook) = read_bytes("csv", s.as_bytes()) {
            for sheet in &workbook.sheets {
                let mapping = propose_mapping(sheet);
                let _ = map_rows(sheet, &mapping, today());
            }
        }
    }

    #[test]
    fn propose_and_map_never_panic(rows in grid()) {
        let sheet = Sheet::new("s", rows);
        let mapping = propose_mapping(&sheet);
        prop_assert_eq!(mapping.columns.len(), sheet.width());
        for result in map_rows(&sheet, &mapping, today()) {
            prop_assert!(result.row_number > mapping.header_row);
            for e in &result.errors {
                prop_assert_eq!(e.row_number, result.row_number);
                prop_assert!(!e.expected.is_empty());
                prop_assert!(!e.column_letter.is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_mappings_never_panic(
        rows in grid(),
        header_row in prop_oneof![0usize..50, Just(usize::MAX)],
        columns in prop::collection::vec(prop::option::of(field()), 0..20),
    ) {
        let sheet = Sheet::new("s", rows);
        let mapping = Mapping {
            header_row,
            headers: Vec::new(),
            columns,
            duplicates: Vec::new(),
            unmatched_saved: Vec::new(),
            recognised_by_values: Vec::new(),
        };
        let _ = map_rows(&sheet, &mapping, today());
        let saved = mapping.to_saved();
        let _ = cesp::import::apply_saved(&sheet, &saved);
    }

    #[test]
    fn convert_never_panics_and_dates_are_french(f in field(), c in cell()) {
        if let Ok(v) = convert(f, &c) {
            let is_date = matches!(
                f,
                FieldKey::BirthDate
                    | FieldKey::SignatureDate
                    | FieldKey::AllocationStart
                    | FieldKey::AllocationEnd
                    | FieldKey::DiplomaDate
                    | FieldKey::PracticeStart
            );
            if is_date {
                prop_assert!(v.is_empty() || is_fr_date(&v), "{:?} → {}", c, v);
            }
        }
        let _ = cells::amount(&c);
    }
}

/// Corrupted copies of the corpus (bytes overwritten, files cut short) exercise the parsers
/// of calamine far deeper than random bytes, which rarely get past the first signature.
mod corrupted_corpus {
    use super::*;

    fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
        let len = bytes.len().max(1);
        for (at, byte) in edits {
            if let Some(b) = bytes.get_mut(at % len) {
                *b = *byte;
            }
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % len);
        }
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn corrupted_xlsx(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..16), cut in prop::option::of(any::<usize>())) {
            let _ = read_bytes("xlsx", &mutate(corpus("registre-ars.xlsx"), &edits, cut));
        }

        #[test]
        fn corrupted_ods(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..16), cut in prop::option::of(any::<usize>())) {
            let _ = read_bytes("ods", &mutate(corpus("registre-ars.ods"), &edits, cut));
        }

        #[test]
        fn corrupted_xls(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..16), cut in prop::option::of(any::<usize>())) {
            let _ = read_bytes("xls", &mutate(corpus("registre-ars.xls"), &edits, cut));
        }

        #[test]
        fn corrupted_csv(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..16), cut in prop::option::of(any::<usize>())) {
            let _ = read_bytes("csv", &mutate(corpus("registre-1252.csv"), &edits, cut));
        }
    }
}
