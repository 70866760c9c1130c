//! One-sheet XLSX tables (the signatory list, the journal): a bold header row, then the rows;
//! a cell is written as a number only when its column is numeric and it reads as one, else
//! always as text, so that a value such as `=cmd` can never run as a formula.

use crate::error::{Error, Result};

/// A column: its header, its width in characters, whether its cells are numbers.
pub struct Column<'a> {
    pub header: &'a str,
    pub width: f64,
    pub numeric: bool,
}

fn failed(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Rules(format!("Classeur XLSX impossible à produire : {e}"))
}

/// The workbook's bytes: sheet `name`, `columns`, then `rows` (one text per column).
pub fn table<R: AsRef<str>>(
    name: &str,
    columns: &[Column<'_>],
    rows: impl IntoIterator<Item = Vec<R>>,
) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(failed)?;
    for (c, col) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, c, col.header, &bold)
            .map_err(failed)?;
        sheet.set_column_width(c, col.width).map_err(failed)?;
    }
    for (r, cells) in rows.into_iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, (v, col)) in cells.iter().zip(columns).enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match v.as_ref().parse::<f64>() {
                Ok(n) if col.numeric => sheet.write_number(r, c, n).map_err(failed)?,
                _ => sheet.write_string(r, c, v.as_ref()).map_err(failed)?,
            };
        }
    }
    book.save_to_buffer().map_err(failed)
}
