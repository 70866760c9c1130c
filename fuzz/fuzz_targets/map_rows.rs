//! Arbitrary grids of cells and arbitrary mappings through header detection and row mapping.
#![no_main]

use arbitrary::Arbitrary;
use cesp::import::{apply_saved, map_rows, propose_mapping, Cell, FieldKey, Mapping, Sheet};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
enum FuzzCell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// Seconds since 1970, turned into a date-time when in chrono's range.
    DateTime(i64),
    Error(String),
}

impl From<FuzzCell> for Cell {
    fn from(c: FuzzCell) -> Cell {
        match c {
            FuzzCell::Empty => Cell::Empty,
            FuzzCell::Text(s) => Cell::Text(s),
            FuzzCell::Number(n) => Cell::Number(n),
            FuzzCell::Bool(b) => Cell::Bool(b),
            FuzzCell::DateTime(secs) => chrono::DateTime::from_timestamp(secs, 0)
                .map_or(Cell::Empty, |d| Cell::DateTime(d.naive_utc())),
            FuzzCell::Error(e) => Cell::Error(e),
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    rows: Vec<Vec<FuzzCell>>,
    header_row: Option<usize>,
    /// Indices into `FieldKey::ALL` (None = ignored column).
    columns: Vec<Option<u8>>,
}

fuzz_target!(|input: Input| {
    let rows = input
        .rows
        .into_iter()
        .map(|r| r.into_iter().map(Cell::from).collect())
        .collect();
    let sheet = Sheet::new("fuzz", rows);
    let proposed = propose_mapping(&sheet);
    let _ = map_rows(&sheet, &proposed, today());
    let _ = apply_saved(&sheet, &proposed.to_saved());
    if let Some(header_row) = input.header_row {
        let columns = input
            .columns
            .iter()
            .map(|c| c.and_then(|i| FieldKey::ALL.get(usize::from(i)).copied()))
            .collect();
        let mapping = Mapping {
            header_row,
            headers: Vec::new(),
            columns,
            duplicates: Vec::new(),
            unmatched_saved: Vec::new(),
            recognised_by_values: Vec::new(),
        };
        let _ = map_rows(&sheet, &mapping, today());
    }
});

/// A fixed day: two-digit birth years are read against it.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}
