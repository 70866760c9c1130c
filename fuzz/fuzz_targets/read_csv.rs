//! Any bytes read as a CSV (encoding and separator guessed) give a workbook or an error,
//! and the sheet goes through the whole import.
#![no_main]

use cesp::import::{map_rows, propose_mapping, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(workbook) = read_bytes("registre.csv", data) {
        for sheet in &workbook.sheets {
            let mapping = propose_mapping(sheet);
            let _ = map_rows(sheet, &mapping, today());
        }
    }
});

/// A fixed day: two-digit birth years are read against it.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}
