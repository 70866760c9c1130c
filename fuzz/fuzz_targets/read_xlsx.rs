//! Any bytes read as a workbook: the first byte picks the declared extension, so that the
//! content sniffing and every reader (xlsx, xls, ods, and CSV under a workbook name) are hit.
#![no_main]

use cesp::import::{map_rows, propose_mapping, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = match pick % 3 {
        0 => "xlsx",
        1 => "xls",
        _ => "ods",
    };
    if let Ok(workbook) = read_bytes(ext, bytes) {
        if let Some(sheet) = workbook.main_sheet() {
            let mapping = propose_mapping(sheet);
            let _ = map_rows(sheet, &mapping, today());
        }
    }
});

/// A fixed day: two-digit birth years are read against it.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}
