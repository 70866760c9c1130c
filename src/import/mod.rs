//! Import of signatories from a spreadsheet: the pure part, with no database and no window.
//!
//! The pipeline has four steps, one module each:
//!
//! 1. [`read`] turns a file (`.xlsx`, `.xls`, `.ods`, `.csv`, `.txt`) into a [`Workbook`]
//!    of typed cells, whatever its encoding, separator or real format.
//! 2. [`header`] finds the header row (title rows and empty rows above it are skipped) and
//!    proposes which column feeds which field ([`Mapping`]); a mapping the user corrected can
//!    be saved as JSON ([`SavedMapping`]) and applied to next year's file by header name. A
//!    column whose header says nothing is recognised by its values when they leave no doubt
//!    ([`by_values`]).
//! 3. [`cells`] turns one cell into the string the signatory form expects for one field
//!    (dates as `jj/mm/aaaa`, codes of the closed lists, integers…) or says, in French,
//!    what was expected instead.
//! 4. [`rows`] applies a mapping to every data row and collects, per row, the values and
//!    the errors with the row number and column letter the user sees in the spreadsheet.
//!
//! The output is made of plain strings keyed by [`FieldKey`] (the keys of the form), so this
//! module depends on nothing else in the crate but the domain's labels ([`reading`] says how
//! each cell was read): the caller fills the form and runs the project's own validation on it.
//!
//! Nothing here panics on input, however malformed: every failure is a typed error.

pub mod budget;
pub mod by_values;
pub mod cells;
mod csv_guard;
pub mod field;
pub mod fold;
pub mod full_name;
pub mod header;
pub mod read;
pub mod reading;
pub mod rows;
pub mod studies;
mod xls_guard;
mod xml_scan;
mod zip_guard;

pub use cells::{convert, Invalid};
pub use field::FieldKey;
pub use header::{
    apply_saved, guess_field, propose_mapping, DuplicateField, Mapping, SavedMapping, SavedMappingError,
};
pub use read::{read_bytes, read_file, Cell, ReadError, Sheet, Workbook, MAX_FILE_SIZE};
pub use rows::{column_letter, map_rows, CellError, RowResult};
pub mod service;
