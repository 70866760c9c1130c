//! Reading a spreadsheet file into typed cells: `.xlsx`, `.xls` and `.ods` through
//! `calamine`, `.csv` and `.txt` through `csv` after guessing the encoding and separator.
//!
//! Rows and columns keep their place in the sheet (`rows[0][0]` is cell A1 even when the
//! data starts lower), so that messages can give the row number and column letter the user
//! sees in the spreadsheet.

use super::budget::{Exceeded, Tally};
use calamine::{Data, Ods, Reader, SheetType, SheetVisible, Xls, Xlsx};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use encoding_rs::{Encoding, WINDOWS_1252};
use serde::{Deserialize, Serialize};
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Larger files are refused before being read: a register of signatories is a few hundred
/// rows, and a workbook is decompressed in memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Excel's own limits: a cell beyond them comes from a damaged file.
const EXCEL_MAX_ROWS: u32 = 1_048_576;
const EXCEL_MAX_COLS: u32 = 16_384;

/// How many lines the CSV separator is guessed from.
const SNIFF_RECORDS: usize = 30;

/// One cell, as typed as the file allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// Only from cells the workbook itself stores as dates (never guessed from text).
    DateTime(NaiveDateTime),
    /// A formula error such as `#N/A` or `#REF!`.
    Error(String),
}

impl Cell {
    /// True for an empty cell or a text made of spaces only.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it in the spreadsheet, for headers and error messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(true) => "VRAI".to_owned(),
            Cell::Bool(false) => "FAUX".to_owned(),
            Cell::DateTime(dt) if dt.time() == NaiveTime::MIN => dt.format("%d/%m/%Y").to_string(),
            Cell::DateTime(dt) => dt.format("%d/%m/%Y %H:%M:%S").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as a spreadsheet shows it in the "Standard" format: integers without ".0".
pub(crate) fn format_number(n: f64) -> String {
    // 2^53: beyond it not every integer is representable, and the i64 cast is exact below.
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet; `rows[r][c]` is the cell at row `r + 1`, column `c` (0 = A). Rows may have
/// different lengths: trailing empty cells are not stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    /// Hidden in the workbook: the import suggests a visible sheet first.
    pub hidden: bool,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A visible sheet.
    pub fn new(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.into(),
            hidden: false,
            rows,
        }
    }

    /// The cell at (row, column), 0-based; `Empty` outside the data.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// Number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// True when no cell holds anything.
    pub fn is_blank(&self) -> bool {
        self.rows.iter().flatten().all(Cell::is_blank)
    }
}

/// The sheets of a file, in workbook order (a CSV file gives one sheet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet to propose first: the first visible one with data, else the first with data.
    pub fn main_sheet(&self) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| !s.hidden && !s.is_blank())
            .or_else(|| self.sheets.iter().find(|s| !s.is_blank()))
    }
}

/// Why a file could not be read. Messages are shown as they are to the user.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("Impossible de lire le fichier « {path} » : {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "Format de fichier non pris en charge ({found}) : choisissez un classeur .xlsx, .xls ou .ods, \
         ou un fichier texte .csv."
    )]
    UnsupportedFormat { found: String },
    #[error("Le fichier est vide.")]
    Empty,
    #[error("Le fichier ne contient aucune donnée : toutes ses feuilles sont vides.")]
    NoData,
    #[error(
        "Le fichier est trop volumineux pour un registre de signataires ({size} octets ; au plus {max})."
    )]
    TooLarge { size: u64, max: u64 },
    #[error(
        "Une feuille du classeur s'étend sur {rows} lignes et {cols} colonnes : c'est bien plus qu'un \
         registre, et sans doute un fichier endommagé. Ouvrez-le dans votre tableur, supprimez les lignes \
         et colonnes inutilisées (une seule cellule isolée loin du tableau suffit), puis réessayez."
    )]
    SheetTooLarge { rows: u64, cols: u64 },
    #[error(
        "Le classeur est protégé par un mot de passe : ouvrez-le dans votre tableur, retirez le mot \
         de passe, enregistrez-le, puis importez-le de nouveau."
    )]
    PasswordProtected,
    #[error(
        "Le fichier n'est pas un classeur {format} lisible : il est sans doute endommagé ou d'un autre \
         format. Ouvrez-le dans votre tableur et enregistrez-le de nouveau au format .xlsx. (Détail : {detail})"
    )]
    Corrupt { format: &'static str, detail: String },
    #[error(
        "Ce fichier « .{ext} » est en réalité une page web (HTML) et non un classeur : ouvrez-le dans \
         votre tableur et enregistrez-le au format .xlsx ou .csv."
    )]
    Html { ext: String },
    #[error("Le fichier CSV est illisible (ligne {line}) : {detail}")]
    Csv { line: u64, detail: String },
    /// Over a limit of the memory budget ([`super::budget`]), found before or while reading.
    #[error("Fichier refusé : {0}. Un registre de signataires reste très en deçà de cette limite.")]
    Budget(#[from] Exceeded),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl Format {
    fn from_ext(ext: &str) -> Option<Format> {
        match ext {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" | "txt" | "tsv" => Some(Format::Csv),
            _ => None,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel (.xlsx)",
            Format::Xls => "Excel 97-2003 (.xls)",
            Format::Ods => "OpenDocument (.ods)",
            Format::Csv => "CSV",
        }
    }
}

/// Reads a file; the format comes from its extension (and is checked against its content).
pub fn read_file(path: impl AsRef<Path>) -> Result<Workbook, ReadError> {
    let path = path.as_ref();
    let io = |source| ReadError::Io {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge {
            size,
            max: MAX_FILE_SIZE,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_bytes(&name, &bytes)
}

/// Reads a file already in memory. `name_or_ext` is a file name ("registre.xlsx") or an
/// extension ("xlsx", ".csv"); it names the CSV sheet and chooses the format, which the
/// content may correct (a `.xls` that is really a `.xlsx`, or a CSV export named `.xls`).
pub fn read_bytes(name_or_ext: &str, bytes: &[u8]) -> Result<Workbook, ReadError> {
    let (stem, ext) = split_name(name_or_ext);
    let declared = Format::from_ext(&ext).ok_or_else(|| ReadError::UnsupportedFormat {
        found: if ext.is_empty() {
            "fichier sans extension".to_owned()
        } else {
            format!("« .{ext} »")
        },
    })?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_FILE_SIZE,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let workbook = match declared {
        Format::Csv => Workbook {
            sheets: vec![read_csv(&stem, bytes)?],
        },
        _ => read_spreadsheet(declared, &ext, &stem, bytes)?,
    };
    if workbook.sheets.iter().all(Sheet::is_blank) {
        return Err(if declared == Format::Csv {
            ReadError::Empty
        } else {
            ReadError::NoData
        });
    }
    Ok(workbook)
}

/// Only the memory-budget checks [`read_bytes`] makes before any parser runs (for the
/// benchmarks, which compare their cost with the whole reading).
#[doc(hidden)]
pub fn check_budget(bytes: &[u8]) -> Result<(), ReadError> {
    let format = match sniff(bytes) {
        Sniffed::Zip { ods: true } => Format::Ods,
        Sniffed::Zip { ods: false } => Format::Xlsx,
        Sniffed::Cfb { .. } => Format::Xls,
        _ => Format::Csv,
    };
    guard(format, format, bytes)
}

/// The memory-budget checks for a file whose content is `format` (named `declared`), before
/// any parser runs: see [`super::budget`].
fn guard(format: Format, declared: Format, bytes: &[u8]) -> Result<(), ReadError> {
    match format {
        Format::Xlsx | Format::Ods => match super::zip_guard::check(bytes) {
            Ok(()) => Ok(()),
            Err(super::zip_guard::Refused::Budget(e)) => Err(ReadError::Budget(e)),
            Err(super::zip_guard::Refused::Damaged(detail)) => Err(ReadError::Corrupt {
                format: if declared == Format::Ods {
                    Format::Ods.label()
                } else {
                    format.label()
                },
                detail,
            }),
        },
        Format::Xls => match super::xls_guard::check(bytes) {
            Ok(()) => Ok(()),
            Err(super::xls_guard::Refusal::Extent(extent)) => Err(ReadError::SheetTooLarge {
                rows: extent.rows,
                cols: extent.cols,
            }),
            Err(super::xls_guard::Refusal::Budget(e)) => Err(ReadError::Budget(e)),
        },
        Format::Csv => Ok(super::csv_guard::check(bytes)?),
    }
}

/// ("registre", "xlsx") from "registre.xlsx"; ("", "xlsx") from "xlsx" or ".XLSX".
fn split_name(name_or_ext: &str) -> (String, String) {
    let trimmed = name_or_ext.trim();
    let file_name = Path::new(trimmed)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match file_name.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_owned(), ext.to_ascii_lowercase()),
        None => (String::new(), file_name.to_ascii_lowercase()),
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// "EncryptedPackage" in UTF-16LE: the stream an encrypted .xlsx is stored in.
const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

/// What the first bytes say the file is, whatever its extension.
#[derive(Debug, PartialEq, Eq)]
enum Sniffed {
    Zip { ods: bool },
    Cfb { encrypted: bool },
    Html,
    Text,
    Unknown,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(ZIP_MAGIC) {
        // An OpenDocument file starts with an uncompressed "mimetype" entry.
        let head = bytes.get(..200).unwrap_or(bytes);
        let ods = contains(head, b"application/vnd.oasis.opendocument.spreadsheet");
        return Sniffed::Zip { ods };
    }
    if bytes.starts_with(CFB_MAGIC) {
        return Sniffed::Cfb {
            encrypted: contains(bytes, ENCRYPTED_PACKAGE),
        };
    }
    let head = bytes.get(..4096).unwrap_or(bytes);
    let start = strip_utf8_bom(head).trim_ascii_start();
    if start.first() == Some(&b'<') {
        let lower = start
            .get(..start.len().min(512))
            .unwrap_or(start)
            .to_ascii_lowercase();
        if contains(&lower, b"<html") || contains(&lower, b"<!doctype html") || contains(&lower, b"<table") {
            return Sniffed::Html;
        }
    }
    // No NUL byte: text (UTF-16 text has NULs, but an export named .xls is never UTF-16).
    if !head.contains(&0) {
        return Sniffed::Text;
    }
    Sniffed::Unknown
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn read_spreadsheet(declared: Format, ext: &str, stem: &str, bytes: &[u8]) -> Result<Workbook, ReadError> {
    let actual = match sniff(bytes) {
        Sniffed::Zip { ods: true } => Format::Ods,
        Sniffed::Zip { ods: false } => Format::Xlsx,
        Sniffed::Cfb { encrypted: true } => return Err(ReadError::PasswordProtected),
        Sniffed::Cfb { encrypted: false } => Format::Xls,
        Sniffed::Html => return Err(ReadError::Html { ext: ext.to_owned() }),
        // Many web applications export CSV under an .xls name: read it for what it is.
        Sniffed::Text => {
            return Ok(Workbook {
                sheets: vec![read_csv(stem, bytes)?],
            })
        }
        Sniffed::Unknown => declared,
    };
    guard(actual, declared, bytes)?;
    let mut loaded = load_guarded(actual, bytes);
    // The content said one format, the name another (a damaged .ods can lose the marker that
    // tells it from an .xlsx): the name gets its chance too, and names the error.
    let format = if declared == actual || declared == Format::Xls {
        actual
    } else {
        if !matches!(loaded, Ok(Ok(_))) {
            loaded = load_guarded(declared, bytes);
        }
        declared
    };
    match loaded {
        Ok(Ok(workbook)) => Ok(workbook),
        Ok(Err(Failure::Password)) => Err(ReadError::PasswordProtected),
        Ok(Err(Failure::Budget(e))) => Err(ReadError::Budget(e)),
        Ok(Err(Failure::Other(detail))) => Err(ReadError::Corrupt {
            format: format.label(),
            detail,
        }),
        Err(_) => Err(ReadError::Corrupt {
            format: format.label(),
            detail: "structure interne invalide".to_owned(),
        }),
    }
}

/// calamine is meant not to panic, but it parses untrusted binary formats: a panic on a
/// malformed file must become an error message, not a crash of the application.
fn load_guarded(format: Format, bytes: &[u8]) -> std::thread::Result<Result<Workbook, Failure>> {
    catch_unwind(AssertUnwindSafe(|| match format {
        Format::Xls => load_dense::<Xls<_>>(bytes, |e| matches!(e, calamine::XlsError::Password)),
        Format::Ods => load_dense::<Ods<_>>(bytes, |e| matches!(e, calamine::OdsError::Password)),
        _ => load_xlsx(bytes),
    }))
}

enum Failure {
    Password,
    Budget(Exceeded),
    Other(String),
}

impl From<Exceeded> for Failure {
    fn from(e: Exceeded) -> Failure {
        Failure::Budget(e)
    }
}

/// The cells of a sheet, put at their place as they come, within the budget shared by the
/// sheets of the workbook (the empty cells a row needs before its last one count too).
struct Grid<'t> {
    rows: Vec<Vec<Cell>>,
    tally: &'t mut Tally,
}

impl<'t> Grid<'t> {
    fn new(tally: &'t mut Tally) -> Grid<'t> {
        Grid {
            rows: Vec::new(),
            tally,
        }
    }

    fn put(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Failure> {
        if cell == Cell::Empty {
            return Ok(());
        }
        if row >= EXCEL_MAX_ROWS || col >= EXCEL_MAX_COLS {
            return Err(Failure::Other(format!(
                "cellule hors des limites d'une feuille (ligne {}, colonne {})",
                u64::from(row) + 1,
                u64::from(col) + 1
            )));
        }
        let (r, c) = (row as usize, col as usize);
        let text = match &cell {
            Cell::Text(s) | Cell::Error(s) => s.len() as u64,
            _ => 0,
        };
        let new_rows = (r + 1).saturating_sub(self.rows.len()) as u64;
        let new_cells = self
            .rows
            .get(r)
            .map_or(c + 1, |line| (c + 1).saturating_sub(line.len())) as u64;
        self.tally.add(new_rows + new_cells, text)?;
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let Some(line) = self.rows.get_mut(r) else {
            return Err(Failure::Other("ligne introuvable".to_owned()));
        };
        if line.len() <= c {
            line.resize(c + 1, Cell::Empty);
        }
        if let Some(slot) = line.get_mut(c) {
            *slot = cell;
        }
        Ok(())
    }

    fn finish(mut self) -> Vec<Vec<Cell>> {
        while self.rows.last().is_some_and(Vec::is_empty) {
            self.rows.pop();
        }
        self.rows
    }
}

/// .xlsx sheets are streamed cell by cell: `worksheet_range` would lay each sheet out as one
/// dense block from its first to its last cell, and a stray cell in XFD1048576 (or a damaged
/// file) would then ask for hundreds of gigabytes.
fn load_xlsx(bytes: &[u8]) -> Result<Workbook, Failure> {
    let fail = |e: calamine::XlsxError| match e {
        calamine::XlsxError::Password => Failure::Password,
        e => Failure::Other(e.to_string()),
    };
    let mut reader: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(fail)?;
    let metas = reader.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metas.len());
    let mut tally = Tally::default();
    for meta in metas {
        // Charts, dialogs and macro sheets hold no data.
        if meta.typ != SheetType::WorkSheet {
            continue;
        }
        let mut cells = match reader.worksheet_cells_reader(&meta.name) {
            Ok(cells) => cells,
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(fail(e)),
        };
        let mut grid = Grid::new(&mut tally);
        while let Some(cell) = cells.next_cell().map_err(fail)? {
            let (row, col) = cell.get_position();
            grid.put(row, col, cell_from_data(&Data::from(cell.get_value().clone())))?;
        }
        sheets.push(Sheet {
            rows: grid.finish(),
            name: meta.name,
            hidden: meta.visible != SheetVisible::Visible,
        });
    }
    Ok(Workbook { sheets })
}

/// .xls and .ods through calamine's ranges (the .xls extents were checked beforehand).
fn load_dense<'a, R>(bytes: &'a [u8], is_password: fn(&R::Error) -> bool) -> Result<Workbook, Failure>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let fail = |e: R::Error| {
        if is_password(&e) {
            Failure::Password
        } else {
            Failure::Other(e.to_string())
        }
    };
    let mut reader: R = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(fail)?;
    let metas = reader.sheets_metadata().to_vec();
    let mut sheets = Vec::with_capacity(metas.len());
    let mut tally = Tally::default();
    for meta in metas {
        if meta.typ != SheetType::WorkSheet {
            continue;
        }
        let range = reader.worksheet_range(&meta.name).map_err(fail)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::new(&mut tally);
        for (r, c, data) in range.used_cells() {
            let row = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let col = left.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            grid.put(row, col, cell_from_data(data))?;
        }
        sheets.push(Sheet {
            rows: grid.finish(),
            name: meta.name,
            hidden: meta.visible != SheetVisible::Visible,
        });
    }
    Ok(Workbook { sheets })
}

fn trim_trailing_empty(row: &mut Vec<Cell>) {
    while row.last() == Some(&Cell::Empty) {
        row.pop();
    }
}

/// Excel stores dates from 0 (1899-12-30) to 2958465 (9999-12-31); outside that a "date"
/// cell is garbage, and converting it could overflow.
const EXCEL_MAX_SERIAL: f64 = 2_958_466.0;

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_datetime() && (0.0..EXCEL_MAX_SERIAL).contains(&serial) {
                dt.as_datetime().map_or(Cell::Number(serial), Cell::DateTime)
            } else {
                // A duration ("[hh]:mm") or an out-of-range value: keep the number.
                Cell::Number(serial)
            }
        }
        Data::DateTimeIso(s) => parse_iso_datetime(s).map_or_else(|| Cell::Text(s.clone()), Cell::DateTime),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// OpenDocument date cells: "2019-03-05" or "2019-03-05T14:30:00(.123)".
fn parse_iso_datetime(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}

/// Decodes a text file: a BOM wins (UTF-8, UTF-16); else valid UTF-8 is UTF-8, and
/// anything else is Windows-1252, which is what French Excel writes ("CSV (séparateur :
/// point-virgule)") and which decodes any byte sequence.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Kept for the tests: whether the bytes would be decoded as UTF-8.
#[cfg(test)]
fn is_utf8(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some_and(|(e, _)| e == encoding_rs::UTF_8)
        || std::str::from_utf8(bytes).is_ok()
}

fn read_csv(stem: &str, bytes: &[u8]) -> Result<Sheet, ReadError> {
    // Before decoding: the scan allocates nothing, the decoded text is a copy.
    guard(Format::Csv, Format::Csv, bytes)?;
    let text = decode_text(bytes);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    // Excel understands a first line "sep=;" naming the separator, and does not show it.
    let (text, forced) = match strip_sep_line(&text) {
        Some((sep, rest)) => (rest, Some(sep)),
        None => (text.as_str(), None),
    };
    let delimiter = forced.unwrap_or_else(|| guess_delimiter(text));
    let rows = parse_csv(text, delimiter)?;
    Ok(Sheet::new(if stem.is_empty() { "CSV" } else { stem }, rows))
}

fn strip_sep_line(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r').trim();
    let sep = first.strip_prefix("sep=")?;
    match sep.as_bytes() {
        [b] if b.is_ascii() => Some((*b, rest)),
        _ => None,
    }
}

fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The separator among `;`, `,` and tab that splits the first lines into the same number of
/// fields most often (quotes respected); more columns break ties, then the order `;` `,` tab
/// (`;` is what French Excel writes). A separator that never splits a line is never chosen.
fn guess_delimiter(text: &str) -> u8 {
    let mut best: Option<((usize, usize), u8)> = None;
    for delimiter in [b';', b',', b'\t'] {
        let mut counts: Vec<usize> = Vec::new();
        for record in csv_reader(text, delimiter).records().take(SNIFF_RECORDS) {
            match record {
                // Lines of empty fields (";;;;") say nothing about the separator.
                Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
                Ok(r) => counts.push(r.len()),
                Err(_) => break,
            }
        }
        let Some(mode) = mode(&counts) else { continue };
        if mode < 2 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == mode).count();
        let score = (consistent, mode);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, delimiter));
        }
    }
    best.map_or(b';', |(_, d)| d)
}

/// The most frequent value; the largest among equally frequent ones.
fn mode(values: &[usize]) -> Option<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for chunk in sorted.chunk_by(|a, b| a == b) {
        if let Some(&v) = chunk.first() {
            if best.is_none_or(|(n, _)| chunk.len() >= n) {
                best = Some((chunk.len(), v));
            }
        }
    }
    best.map(|(_, v)| v)
}

fn parse_csv(text: &str, delimiter: u8) -> Result<Vec<Vec<Cell>>, ReadError> {
    let mut reader = csv_reader(text, delimiter);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut tally = Tally::default();
    loop {
        let before = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(ReadError::Csv {
                    line,
                    detail: e.to_string(),
                });
            }
        }
        // The csv crate skips empty lines, which a spreadsheet shows as empty rows: put
        // them back so that row numbers match what the user sees when opening the file.
        // The reader stops between the "\r" and "\n" of the previous record's "\r\n".
        let mut rest = text.get(before..).unwrap_or_default();
        if before > 0 && text.as_bytes().get(before - 1) == Some(&b'\r') {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
        let skipped = leading_blank_lines(rest);
        rows.extend(std::iter::repeat_n(Vec::new(), skipped));
        let mut row: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_owned())
                }
            })
            .collect();
        trim_trailing_empty(&mut row);
        tally.add(row.len() as u64 + skipped as u64, record.as_slice().len() as u64)?;
        rows.push(row);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    Ok(rows)
}

/// Number of line ends ("\n", "\r\n" or "\r") at the very start of `s`.
fn leading_blank_lines(s: &str) -> usize {
    let mut n = 0;
    let mut rest = s.as_bytes();
    loop {
        rest = match rest {
            [b'\r', b'\n', tail @ ..] | [b'\n', tail @ ..] | [b'\r', tail @ ..] => tail,
            _ => return n,
        };
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn csv_rows(name: &str, bytes: &[u8]) -> Vec<Vec<Cell>> {
        let wb = read_bytes(name, bytes).unwrap();
        assert_eq!(wb.sheets.len(), 1);
        wb.sheets.into_iter().next().unwrap().rows
    }

    #[test]
    fn csv_semicolon_utf8() {
        let rows = csv_rows("registre.csv", "Nom;Prénom\nMARTIN;Hélène\n".as_bytes());
        assert_eq!(
            rows,
            vec![
                vec![text("Nom"), text("Prénom")],
                vec![text("MARTIN"), text("Hélène")]
            ]
        );
    }

    #[test]
    fn csv_windows_1252_is_decoded() {
        // "Hélène;Cœur;12 €" in Windows-1252: é = E9, è = E8, œ = 9C, € = 80.
        let bytes = b"Pr\xe9nom;Nom;Montant\nH\xe9l\xe8ne;C\x9cur;12 \x80\n";
        assert!(!is_utf8(bytes));
        let rows = csv_rows("x.csv", bytes);
        assert_eq!(rows[1], vec![text("Hélène"), text("Cœur"), text("12 €")]);
        assert_eq!(rows[0][0], text("Prénom"));
    }

    #[test]
    fn csv_utf8_bom_is_dropped() {
        let rows = csv_rows("x.csv", "\u{feff}Nom;Prénom\nDUPONT;Zoé\n".as_bytes());
        assert_eq!(rows[0][0], text("Nom"));
        assert_eq!(rows[1][1], text("Zoé"));
    }

    #[test]
    fn csv_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Nom\tPrénom\r\nLÉGER\tÉlise\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let rows = csv_rows("export.txt", &bytes);
        assert_eq!(rows[1], vec![text("LÉGER"), text("Élise")]);
    }

    #[test]
    fn csv_comma_and_tab_separators() {
        let rows = csv_rows("x.csv", b"Nom,Prenom,Ville\nA,B,C\nD,E,F\n");
        assert_eq!(rows[2], vec![text("D"), text("E"), text("F")]);
        let rows = csv_rows("x.txt", b"Nom\tPrenom\tVille\nA\tB\tC\n");
        assert_eq!(rows[1], vec![text("A"), text("B"), text("C")]);
    }

    #[test]
    fn csv_quoted_separators_and_line_breaks() {
        let data = "Nom,Adresse,Notes\n\"DURAND\",\"12, rue des Lilas\",\"a; b\"\nMARTIN,\"3 place X\nBP 12\",\"dit \"\"Max\"\"\"\n";
        let rows = csv_rows("x.csv", data.as_bytes());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1], text("12, rue des Lilas"));
        assert_eq!(rows[1][2], text("a; b"));
        assert_eq!(rows[2][1], text("3 place X\nBP 12"));
        assert_eq!(rows[2][2], text("dit \"Max\""));
    }

    #[test]
    fn csv_semicolon_wins_over_decimal_commas() {
        let data = "Nom;Montant;Ville\nA;1200,50;Rennes\nB;80,00;Brest\nC;3,5;Vannes\n";
        assert_eq!(guess_delimiter(data), b';');
        // A title line without separators above the header does not mislead the guess.
        let data = "Suivi des signataires, ARS Bretagne\nNom;Prénom;Statut\nA;B;C\nD;E;F\n";
        assert_eq!(guess_delimiter(data), b';');
        assert_eq!(guess_delimiter("une seule colonne\nencore\n"), b';');
    }

    #[test]
    fn csv_sep_line_is_honoured() {
        let rows = csv_rows("x.csv", b"sep=,\nNom,Pr\xc3\xa9nom;X\nA,B;C\n");
        assert_eq!(rows[0], vec![text("Nom"), text("Prénom;X")]);
    }

    #[test]
    fn csv_blank_lines_keep_row_numbers() {
        let data = "a;b\n\n\nc;\"d\nsuite\"\n\ne;f\r\n\r\ng;h";
        let rows = csv_rows("x.csv", data.as_bytes());
        // Rows as a spreadsheet shows them: 1 a, 2-3 empty, 4 c (two-line cell), 5 empty, 6 e, 7 empty, 8 g.
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[3][0], text("c"));
        assert_eq!(rows[5][0], text("e"));
        assert_eq!(rows[7][0], text("g"));
        assert!(rows[1].is_empty() && rows[4].is_empty() && rows[6].is_empty());
    }

    #[test]
    fn empty_and_unknown_inputs_are_errors() {
        assert!(matches!(read_bytes("x.csv", b""), Err(ReadError::Empty)));
        assert!(matches!(read_bytes("x.csv", b" \r\n;;\n"), Err(ReadError::Empty)));
        assert!(matches!(read_bytes("x.xlsx", b""), Err(ReadError::Empty)));
        assert!(matches!(
            read_bytes("x.pdf", b"%PDF"),
            Err(ReadError::UnsupportedFormat { .. })
        ));
        assert!(matches!(
            read_bytes("sans_extension", b"a"),
            Err(ReadError::UnsupportedFormat { .. })
        ));
        let msg = read_bytes("x.docx", b"a").unwrap_err().to_string();
        assert!(msg.contains("« .docx »"), "{msg}");
    }

    #[test]
    fn corrupt_workbooks_are_errors() {
        let mut zip = ZIP_MAGIC.to_vec();
        zip.extend([0u8; 64]);
        let err = read_bytes("x.xlsx", &zip).unwrap_err();
        assert!(matches!(err, ReadError::Corrupt { .. }), "{err}");
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend([0u8; 600]);
        assert!(matches!(
            read_bytes("x.xls", &cfb),
            Err(ReadError::Corrupt { .. })
        ));
        assert!(matches!(
            read_bytes("x.ods", &[0u8, 1, 2, 3]),
            Err(ReadError::Corrupt { .. })
        ));
        let mut enc = CFB_MAGIC.to_vec();
        enc.extend([0u8; 100]);
        enc.extend(ENCRYPTED_PACKAGE);
        assert!(matches!(
            read_bytes("x.xlsx", &enc),
            Err(ReadError::PasswordProtected)
        ));
        let html = b"<html><body><table><tr><td>Nom</td></tr></table></body></html>";
        assert!(matches!(
            read_bytes("export.xls", html),
            Err(ReadError::Html { .. })
        ));
    }

    #[test]
    fn text_named_xls_is_read_as_csv() {
        let wb = read_bytes("export.xls", b"Nom;Prenom\nA;B\n").unwrap();
        assert_eq!(wb.sheets[0].rows[1], vec![text("A"), text("B")]);
        assert_eq!(wb.sheets[0].name, "export");
    }

    #[test]
    fn name_or_extension() {
        assert_eq!(
            split_name("dir/Registre.2024.XLSX"),
            ("Registre.2024".into(), "xlsx".into())
        );
        assert_eq!(split_name(".csv"), (String::new(), "csv".into()));
        assert_eq!(split_name("ods"), (String::new(), "ods".into()));
    }

    #[test]
    fn calamine_cells_are_typed() {
        assert_eq!(cell_from_data(&Data::String(String::new())), Cell::Empty);
        assert_eq!(cell_from_data(&Data::Int(3)), Cell::Number(3.0));
        let d = NaiveDate::from_ymd_opt(2019, 3, 5)
            .unwrap()
            .and_time(NaiveTime::MIN);
        assert_eq!(
            cell_from_data(&Data::DateTimeIso("2019-03-05".into())),
            Cell::DateTime(d)
        );
        assert_eq!(
            cell_from_data(&Data::DateTimeIso("2019-03-05T00:00:00".into())),
            Cell::DateTime(d)
        );
        let excel = calamine::ExcelDateTime::new(43529.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_from_data(&Data::DateTime(excel)), Cell::DateTime(d));
        // Out of Excel's range: kept as a number rather than overflowing.
        let bad = calamine::ExcelDateTime::new(-1e300, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_from_data(&Data::DateTime(bad)), Cell::Number(-1e300));
        assert_eq!(
            cell_from_data(&Data::Error(calamine::CellErrorType::NA)),
            Cell::Error("#N/A".into())
        );
    }

    #[test]
    fn display_as_in_the_spreadsheet() {
        assert_eq!(Cell::Number(1234.0).display(), "1234");
        assert_eq!(Cell::Number(12.5).display(), "12.5");
        assert_eq!(Cell::Bool(true).display(), "VRAI");
        let d = NaiveDate::from_ymd_opt(2019, 3, 5).unwrap();
        assert_eq!(Cell::DateTime(d.and_time(NaiveTime::MIN)).display(), "05/03/2019");
    }

    #[test]
    fn main_sheet_prefers_visible_sheets_with_data() {
        let mut hidden = Sheet::new("cachée", vec![vec![text("x")]]);
        hidden.hidden = true;
        let wb = Workbook {
            sheets: vec![
                Sheet::new("vide", vec![]),
                hidden,
                Sheet::new("données", vec![vec![text("y")]]),
            ],
        };
        assert_eq!(wb.main_sheet().map(|s| s.name.as_str()), Some("données"));
    }
}
