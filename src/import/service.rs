//! The import as the window and the CLI use it: read a spreadsheet, map its columns,
//! decide for every row whether it creates a signatory, updates one (matched by contract
//! reference, else by name, first names and birth date), changes nothing, or is rejected
//! — and why, cell by cell — then apply the valid rows in one transaction.
//!
//! The plan is computed again inside the write transaction, so what is written is what
//! the rules accept at that moment, and importing the same file twice changes nothing.

use super::field::FieldKey;
use super::header::{apply_saved, propose_mapping, Mapping, SavedMapping};
use super::read::{read_file, Cell, Sheet};
use super::reading::{readings, CellReading};
use super::rows::{column_letter, map_rows, RowResult};
use crate::domain::completeness;
use crate::domain::dates::parse_date;
use crate::domain::signatory::validate as validate_signatory;
use crate::domain::{Signatory, SignatoryInput, SignatoryRecord, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::export::csv::CsvWriter;
use crate::ledger::rules;
use crate::store::ledger::{self as ledger_sql, LedgerRow};
use crate::store::{now_stamp, settings as kv, signatories, Store};
use crate::text::fold;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

const SAVED_MAPPING: &str = "import_mapping";

/// What the user chose for one column (0-based), `field` a [`FieldKey`] key or null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ColumnChoice {
    pub column: u32,
    pub field: Option<String>,
}

/// What the import screen and the CLI send.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct ImportInput {
    pub path: String,
    /// The user's mapping; `None` for the saved one (if its headers match) or the proposal.
    pub columns: Option<Vec<ColumnChoice>>,
    /// Import the valid rows even when others are rejected.
    pub skip_rejected: bool,
    /// The sheet to import, by name; `None` for the one proposed (the most filled rows).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Cells corrected in the window's grid: read instead of the file's (which is never
    /// modified).
    #[serde(default)]
    pub corrections: Vec<CellCorrection>,
    /// Rows the user left out of the import, by the number the spreadsheet shows.
    #[serde(default)]
    pub excluded_rows: Vec<u32>,
}

/// A cell typed again in the preview's grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CellCorrection {
    /// The row number the spreadsheet shows (1-based).
    pub row_number: u32,
    /// 0-based column index (the `column` of [`ColumnView`]).
    pub column: u32,
    pub value: String,
}

/// More corrections than this is not a correction of a few cells but another file.
const MAX_CORRECTIONS: usize = 10_000;

/// Replaces the corrected cells of `sheet` (in memory) with what the user typed; a
/// correction outside the sheet is refused, naming it.
fn apply_corrections(sheet: &mut Sheet, corrections: &[CellCorrection]) -> Result<()> {
    let refuse = |message: String| -> Error {
        let mut e = ValidationErrors::default();
        e.push("corrections", message);
        e.into()
    };
    if corrections.len() > MAX_CORRECTIONS {
        return Err(refuse(format!(
            "{} corrections : au plus {MAX_CORRECTIONS} ; corrigez plutôt le fichier.",
            corrections.len()
        )));
    }
    let width = sheet.width();
    for c in corrections {
        let (row, col) = (c.row_number as usize, c.column as usize);
        let letter = column_letter(col);
        if row == 0 || row > sheet.rows.len() || col >= width {
            return Err(refuse(format!(
                "La cellule {letter}{row} corrigée n'est pas dans la feuille (lignes 1 à {}, colonnes A à {}).",
                sheet.rows.len(),
                column_letter(width.saturating_sub(1))
            )));
        }
        if c.value.chars().count() > super::budget::MAX_CELL_CHARS {
            return Err(refuse(format!(
                "La correction de la cellule {letter}{row} dépasse {} caractères.",
                super::budget::MAX_CELL_CHARS
            )));
        }
        let cells = &mut sheet.rows[row - 1];
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = if c.value.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(c.value.clone())
        };
    }
    Ok(())
}

/// A sheet of the workbook the user can choose, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SheetOption {
    pub name: String,
    /// Rows below its header with something in a recognised column (a total or a note
    /// under the table included: this only weighs the sheets against each other).
    pub filled_rows: u32,
    pub hidden: bool,
}

/// Where a running import is: checking every row against the rules and the register, then
/// writing the valid ones (both inside the one write transaction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub enum ImportStage {
    #[serde(rename = "verification")]
    Verification,
    #[serde(rename = "ecriture")]
    Ecriture,
}

/// Progress of a running import, as the window's bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: u32,
    pub total: u32,
}

/// What watches a running import: who hears of its progress, and the flag that cancels it.
pub struct Watch<'a> {
    pub report: &'a dyn Fn(ImportProgress),
    pub cancel: &'a AtomicBool,
}

static NEVER_CANCELLED: AtomicBool = AtomicBool::new(false);

impl Watch<'_> {
    /// Nobody watches (the CLI, the preview).
    pub fn quiet() -> Watch<'static> {
        Watch {
            report: &|_| {},
            cancel: &NEVER_CANCELLED,
        }
    }

    /// Row `done` of `total` at `stage`: reported about once a percent, and the import
    /// stops (its transaction rolled back) once the flag is set.
    fn tick(&self, stage: ImportStage, done: usize, total: usize) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(Error::ImportCancelled);
        }
        // At most a hundred messages and the last: more would only slow the import.
        let step = total.div_ceil(100).max(1);
        if done.is_multiple_of(step) || done == total {
            (self.report)(ImportProgress {
                stage,
                done: u32::try_from(done).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
            });
        }
        Ok(())
    }
}

/// A column of the sheet and the field it feeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ColumnView {
    pub column: u32,
    /// "A", "B"… as the spreadsheet shows it.
    pub letter: String,
    pub header: String,
    /// A [`FieldKey`] key, or null when the column is ignored.
    pub field: Option<String>,
    /// The first values below the header, to help the user choose.
    pub samples: Vec<String>,
    /// How each sample is read with the column's current field ("DFASM2" → "2e cycle, 2e
    /// année"), "" when it is read as typed or not read (an ignored column).
    pub read_as: Vec<String>,
    /// The header says nothing the application knows: the field was recognised from the
    /// column's values.
    pub recognised_by_values: bool,
}

/// A cell of a row read as something other than its text, shown under the row and in the
/// report's "Lu comme" column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CellReadingView {
    pub column_letter: String,
    pub raw: String,
    pub read: String,
}

/// A field a column can feed, for the mapping lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FieldOption {
    pub key: String,
    pub label: String,
    /// The import cannot create a file without it.
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
    Rejected,
    /// Not a person's row: a total, the header written again, a note under the table.
    Skipped,
}

impl RowAction {
    pub fn label(self) -> &'static str {
        match self {
            RowAction::Create => "Création",
            RowAction::Update => "Mise à jour",
            RowAction::Unchanged => "Inchangé",
            RowAction::Rejected => "Refusée",
            RowAction::Skipped => "Ignorée",
        }
    }
}

/// Why a row is rejected, located as the user sees the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RowProblem {
    /// "" when the field has no column in the sheet.
    pub column_letter: String,
    /// The column's index, to correct the cell in the window; `None` without a column.
    pub column: Option<u32>,
    pub column_header: String,
    pub field_label: String,
    pub value: String,
    pub message: String,
}

/// One data row of the sheet and what the import does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RowPreview {
    /// The row number the spreadsheet shows.
    pub row_number: u32,
    pub action: RowAction,
    /// The file it creates (after the import) or updates.
    pub signatory_id: Option<i32>,
    /// "LEFÈVRE Hélène", as read.
    pub name: String,
    pub problems: Vec<RowProblem>,
    /// Labels of the fields an update changes.
    pub changes: Vec<String>,
    /// A remark that is not a rejection ("identique à la ligne 12").
    pub note: String,
    /// Cells that could not be taken (an unreadable date, a malformed address): the row is
    /// imported without them and their text is kept in the file's notes.
    pub set_aside: Vec<RowProblem>,
    /// What the file will still lack ("civilité", "date de signature"…): it is listed in
    /// "À faire" as a file to complete.
    pub to_complete: Vec<String>,
    /// The cells read as something other than their text ("12/03/98" → "12/03/1998").
    pub readings: Vec<CellReadingView>,
}

/// The whole plan: the mapping used and every row's fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ImportPreview {
    pub file_name: String,
    pub sheet_name: String,
    /// Every sheet with data, for the choice of another (one only: no choice to make).
    pub sheets: Vec<SheetOption>,
    /// The header row, as the spreadsheet numbers it.
    pub header_row: u32,
    pub columns: Vec<ColumnView>,
    pub fields: Vec<FieldOption>,
    pub rows: Vec<RowPreview>,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: u32,
    /// Rows that are not data (totals, repeated headers, notes), listed but not imported.
    pub skipped: u32,
    /// About the mapping (a field fed by two columns, a saved header not found…).
    pub warnings: Vec<String>,
    /// Labels of the fields a new file needs that no column gives (the combined "NOM Prénom"
    /// column gives the name and the first names).
    pub missing_required: Vec<String>,
    /// The mapping came from the one saved last time.
    pub saved_mapping_used: bool,
    /// True once the rows have been written.
    pub imported: bool,
}

/// What a row needs to become a file: who the person is and in which discipline (with a birth
/// date or a contract reference, checked per row). Any other field may be missing or
/// unreadable: the file is kept and listed "à compléter" (issue #17).
const REQUIRED: [FieldKey; 3] = [FieldKey::LastName, FieldKey::FirstNames, FieldKey::Discipline];

/// A field whose unreadable cell refuses the row: the identity, and the combined name that
/// gives it.
fn identifies(field: FieldKey) -> bool {
    REQUIRED.contains(&field) || field == FieldKey::FullName
}

/// The fields a validation message about `field` is settled by dropping: a year of studies
/// without its cycle goes with it, a rank without its year of competition too.
fn dropped_with(field: FieldKey) -> &'static [FieldKey] {
    match field {
        FieldKey::Cycle | FieldKey::StudyYear => &[FieldKey::Cycle, FieldKey::StudyYear],
        FieldKey::EcnYear | FieldKey::EcnRank => &[FieldKey::EcnYear, FieldKey::EcnRank],
        FieldKey::Civility => &[FieldKey::Civility],
        FieldKey::BirthName => &[FieldKey::BirthName],
        FieldKey::BirthDate => &[FieldKey::BirthDate],
        FieldKey::Email => &[FieldKey::Email],
        FieldKey::Phone => &[FieldKey::Phone],
        FieldKey::Address => &[FieldKey::Address],
        FieldKey::Padhue => &[FieldKey::Padhue],
        FieldKey::Ufr => &[FieldKey::Ufr],
        FieldKey::Subdivision => &[FieldKey::Subdivision],
        FieldKey::Specialty => &[FieldKey::Specialty],
        FieldKey::SignatureDate => &[FieldKey::SignatureDate],
        FieldKey::ManagingBody => &[FieldKey::ManagingBody],
        FieldKey::ContractRef => &[FieldKey::ContractRef],
        FieldKey::Status => &[FieldKey::Status],
        FieldKey::Notes => &[FieldKey::Notes],
        _ => &[],
    }
}

/// The status of a new file whose sheet gives none: a student or intern is "en formation", a
/// doctor "diplômé". Said in the file's notes, to be checked.
fn deduced_status(row: &RowResult) -> Status {
    if row.studies_finished {
        Status::Diplome
    } else {
        Status::EnFormation
    }
}

/// The line kept in the file's notes for a cell the import could not take. Without the date
/// or the row, so that importing the same sheet again adds nothing.
fn set_aside_line(p: &RowProblem) -> String {
    let column = if p.column_header.is_empty() {
        p.field_label.clone()
    } else {
        p.column_header.clone()
    };
    format!(
        "Non repris à l'import — {column} : « {} » ({})",
        p.value,
        p.message.trim_end_matches('.')
    )
}

/// Reads the file and plans the import, without writing anything.
pub fn preview(store: &Store, input: &ImportInput, today: NaiveDate) -> Result<ImportPreview> {
    let (mut sheet, file_name, sheets) = read(&input.path, input.sheet.as_deref())?;
    apply_corrections(&mut sheet, &input.corrections)?;
    let (mapping, saved_used) = mapping_for(store, &sheet, input.columns.as_deref())?;
    let plan = plan(
        store.read(),
        &sheet,
        &mapping,
        &input.excluded_rows,
        today,
        &Watch::quiet(),
    )?;
    Ok(describe(
        &sheet, sheets, &mapping, &plan, file_name, saved_used, false,
    ))
}

/// Imports the valid rows in one transaction. When rows are rejected and the user did
/// not choose to skip them, nothing is written and the preview says why.
pub fn run(store: &mut Store, input: &ImportInput, today: NaiveDate) -> Result<ImportPreview> {
    run_watched(store, input, today, &Watch::quiet())
}

/// [`run`], reporting its progress to `watch` and stopping when its flag is set: then
/// nothing is written ([`Error::ImportCancelled`]).
pub fn run_watched(
    store: &mut Store,
    input: &ImportInput,
    today: NaiveDate,
    watch: &Watch<'_>,
) -> Result<ImportPreview> {
    let (mut sheet, file_name, sheets) = read(&input.path, input.sheet.as_deref())?;
    apply_corrections(&mut sheet, &input.corrections)?;
    let (mapping, saved_used) = mapping_for(store, &sheet, input.columns.as_deref())?;
    let skip = input.skip_rejected;
    let outcome = store.write(|tx| {
        let mut plan = plan(tx, &sheet, &mapping, &input.excluded_rows, today, watch)?;
        let rejected = plan.iter().any(|p| p.action == RowAction::Rejected);
        if rejected && !skip {
            return Ok((plan, false));
        }
        let now = now_stamp();
        let total = plan
            .iter()
            .filter(|p| matches!(p.action, RowAction::Create | RowAction::Update))
            .count();
        let mut written = 0;
        for p in plan.iter_mut() {
            if matches!(p.action, RowAction::Create | RowAction::Update) {
                written += 1;
                watch.tick(ImportStage::Ecriture, written, total)?;
            }
            match (p.action, &p.record) {
                (RowAction::Create, Some(r)) => {
                    let id = signatories::insert(tx, r, &now)?;
                    p.signatory_id = Some(id);
                    write_ledger(tx, id, p.ledger.as_ref(), &now)?;
                }
                (RowAction::Update, Some(r)) => {
                    if let Some(id) = p.signatory_id {
                        signatories::update(tx, id, r, &now)?;
                        write_ledger(tx, id, p.ledger.as_ref(), &now)?;
                    }
                }
                _ => {}
            }
        }
        Ok((plan, true))
    })?;
    let (plan, imported) = outcome;
    Ok(describe(
        &sheet, sheets, &mapping, &plan, file_name, saved_used, imported,
    ))
}

fn write_ledger(tx: &Connection, id: i64, ledger: Option<&LedgerRow>, now: &str) -> Result<()> {
    if let Some(row) = ledger {
        ledger_sql::upsert_dates(tx, id, row, now)?;
    }
    Ok(())
}

/// Saves the mapping of `path`'s columns as the user set it, for the next import.
pub fn save_mapping(store: &mut Store, input: &ImportInput) -> Result<()> {
    let (sheet, _, _) = read(&input.path, input.sheet.as_deref())?;
    let (mapping, _) = mapping_for(store, &sheet, input.columns.as_deref())?;
    let json = mapping.to_saved().to_json();
    store.write(|tx| kv::set(tx, SAVED_MAPPING, &json))
}

/// Reads a saved mapping file (the CLI's `--mapping FILE.json`).
pub fn mapping_from_json(json: &str) -> Result<SavedMapping> {
    SavedMapping::from_json(json).map_err(|e| Error::BadInput(e.to_string()))
}

/// Column choices from a saved mapping applied to the file at `path`.
pub fn choices_from_saved(
    path: &str,
    sheet: Option<&str>,
    saved: &SavedMapping,
) -> Result<Vec<ColumnChoice>> {
    let (sheet, _, _) = read(path, sheet)?;
    let m = apply_saved(&sheet, saved);
    Ok(m.columns
        .iter()
        .enumerate()
        .map(|(i, f)| ColumnChoice {
            column: u32::try_from(i).unwrap_or(u32::MAX),
            field: f.map(|f| f.as_str().to_owned()),
        })
        .collect())
}

/// The report as CSV (`;`, UTF-8 with BOM): one line per row (with, in "Lu comme", the cells
/// read otherwise than typed), one more per problem or cell set aside.
pub fn report_csv(p: &ImportPreview) -> String {
    let mut w = CsvWriter::new(&[
        "Ligne",
        "Résultat",
        "Nom",
        "Dossier",
        "Colonne",
        "Champ",
        "Valeur",
        "Motif",
        "Lu comme",
    ]);
    for r in &p.rows {
        let id = r.signatory_id.map(|i| i.to_string()).unwrap_or_default();
        let row = r.row_number.to_string();
        if r.problems.is_empty() {
            // What the import understood of the cells it read otherwise than typed.
            let read_as = r
                .readings
                .iter()
                .map(|c| format!("{} : {} → {}", c.column_letter, c.raw, c.read))
                .collect::<Vec<_>>()
                .join(" ; ");
            let mut detail: Vec<String> = Vec::new();
            if !r.changes.is_empty() {
                detail.push(format!("Modifié : {}", r.changes.join(", ")));
            } else if !r.note.is_empty() {
                detail.push(r.note.clone());
            }
            if !r.to_complete.is_empty() {
                detail.push(format!("À compléter : {}", r.to_complete.join(", ")));
            }
            w.row(&[
                &row,
                r.action.label(),
                &r.name,
                &id,
                "",
                "",
                "",
                &detail.join(" ; "),
                &read_as,
            ]);
        }
        // Cells set aside are listed under the row they belong to, kept in the file's notes.
        let set_aside = r
            .set_aside
            .iter()
            .map(|pb| (pb, if pb.value.is_empty() { "" } else { "Non repris : " }));
        for (pb, prefix) in r.problems.iter().map(|pb| (pb, "")).chain(set_aside) {
            let col = if pb.column_header.is_empty() {
                pb.column_letter.clone()
            } else {
                format!("{} ({})", pb.column_letter, pb.column_header)
            };
            w.row(&[
                &row,
                r.action.label(),
                &r.name,
                &id,
                &col,
                &pb.field_label,
                &pb.value,
                &format!("{prefix}{}", pb.message),
                "",
            ]);
        }
    }
    w.finish()
}

/// Writes the report to `path` (the user's choice), atomically.
pub fn write_report(p: &ImportPreview, path: &Path) -> Result<()> {
    crate::pdf::write_file(path, report_csv(p).as_bytes()).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}

/// The sheet read from the file at `path`: the one named `sheet`, or the one with the most
/// filled rows (a visible one first), and every sheet the user could choose instead.
fn read(path: &str, sheet: Option<&str>) -> Result<(Sheet, String, Vec<SheetOption>)> {
    if path.trim().is_empty() {
        let mut e = ValidationErrors::default();
        e.push("path", "Choisissez le fichier à importer.");
        return Err(e.into());
    }
    let workbook = read_file(path)?;
    let file_name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options: Vec<(usize, SheetOption)> = workbook
        .sheets
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_blank())
        .map(|(i, s)| {
            (
                i,
                SheetOption {
                    name: s.name.clone(),
                    filled_rows: u32::try_from(filled_rows(s)).unwrap_or(u32::MAX),
                    hidden: s.hidden,
                },
            )
        })
        .collect();
    let chosen = match sheet.filter(|n| !n.is_empty()) {
        Some(name) => options.iter().find(|(_, o)| o.name == name).ok_or_else(|| {
            let names: Vec<String> = options.iter().map(|(_, o)| format!("« {} »", o.name)).collect();
            let mut e = ValidationErrors::default();
            e.push(
                "sheet",
                format!(
                    "Le classeur n'a pas de feuille « {name} » avec des données (feuilles : {}).",
                    names.join(", ")
                ),
            );
            Error::from(e)
        })?,
        // The most filled rows; a visible sheet before a hidden one, the first on a tie.
        None => options
            .iter()
            .max_by_key(|(i, o)| (!o.hidden, o.filled_rows, std::cmp::Reverse(*i)))
            .ok_or(Error::Import(super::read::ReadError::NoData))?,
    };
    let sheet = workbook
        .sheets
        .get(chosen.0)
        .cloned()
        .ok_or(Error::Import(super::read::ReadError::NoData))?;
    Ok((sheet, file_name, options.into_iter().map(|(_, o)| o).collect()))
}

/// Rows below the proposed header with something in a recognised column.
fn filled_rows(sheet: &Sheet) -> usize {
    let mapping = propose_mapping(sheet);
    let mapped: Vec<usize> = mapping.mapped().map(|(c, _)| c).collect();
    if mapped.is_empty() {
        return 0;
    }
    sheet
        .rows
        .iter()
        .skip(mapping.header_row.saturating_add(1))
        .filter(|row| {
            mapped
                .iter()
                .any(|c| row.get(*c).is_some_and(|cell| !cell.is_blank()))
        })
        .count()
}

fn mapping_for(store: &Store, sheet: &Sheet, choices: Option<&[ColumnChoice]>) -> Result<(Mapping, bool)> {
    let saved = match kv::get(store.read(), SAVED_MAPPING)? {
        Some(json) => SavedMapping::from_json(&json).ok(),
        None => None,
    };
    let (mut mapping, saved_used) = match &saved {
        Some(s) => {
            let m = apply_saved(sheet, s);
            let used = m.unmatched_saved.len() < s.columns.len();
            if used {
                (m, true)
            } else {
                (propose_mapping(sheet), false)
            }
        }
        None => (propose_mapping(sheet), false),
    };
    if let Some(choices) = choices {
        let mut e = ValidationErrors::default();
        for c in choices {
            let field = match c.field.as_deref() {
                None | Some("") => None,
                Some(k) => match FieldKey::from_key(k) {
                    Some(f) => Some(f),
                    None => {
                        e.push(
                            &format!("columns.{}", c.column),
                            format!("Champ inconnu « {k} »."),
                        );
                        continue;
                    }
                },
            };
            let col = usize::try_from(c.column).unwrap_or(usize::MAX);
            if col >= mapping.headers.len().max(mapping.columns.len()) {
                e.push(
                    &format!("columns.{}", c.column),
                    format!("La colonne {} n'existe pas dans le fichier.", column_letter(col)),
                );
                continue;
            }
            mapping.assign(col, field);
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        return Ok((mapping, false));
    }
    Ok((mapping, saved_used))
}

/// The fate of one row, with what to write.
#[derive(Debug, Clone)]
struct Planned {
    row_number: usize,
    action: RowAction,
    signatory_id: Option<i64>,
    name: String,
    problems: Vec<RowProblem>,
    changes: Vec<String>,
    note: String,
    set_aside: Vec<RowProblem>,
    to_complete: Vec<String>,
    /// Every non-blank mapped cell of the row, as typed and as read.
    readings: Vec<CellReading>,
    record: Option<SignatoryRecord>,
    ledger: Option<LedgerRow>,
    /// The earlier row of the same person, with the key both rows share, when this one gives
    /// other values: the two are merged.
    duplicate_of: Option<(usize, String)>,
}

/// Who is already in the register, to match the rows against.
struct Register {
    by_ref: HashMap<String, i64>,
    by_identity: HashMap<(String, String), Vec<i64>>,
}

impl Register {
    fn load(conn: &Connection) -> Result<Register> {
        let mut by_ref = HashMap::new();
        let mut by_identity: HashMap<(String, String), Vec<i64>> = HashMap::new();
        for (id, contract_ref, name_key, birth) in signatories::identities(conn)? {
            if let Some(r) = contract_ref {
                by_ref.insert(r, id);
            }
            if let Some(b) = birth {
                by_identity.entry((name_key, b)).or_default().push(id);
            }
        }
        Ok(Register { by_ref, by_identity })
    }
}

/// The identity key of a name (see [`crate::text::identity_key`]).
fn identity_name(last: &str, first: &str) -> String {
    crate::text::identity_key(last, first)
}

fn plan(
    conn: &Connection,
    sheet: &Sheet,
    mapping: &Mapping,
    excluded: &[u32],
    today: NaiveDate,
    watch: &Watch<'_>,
) -> Result<Vec<Planned>> {
    let register = Register::load(conn)?;
    let rows = map_rows(sheet, mapping, today);
    let total = rows.len();
    let mut out = Vec::with_capacity(rows.len());
    // Rows already seen, by the file they create or update: a second row for the same
    // person is a duplicate (harmless if identical, rejected otherwise).
    let mut seen: HashMap<String, (usize, Option<SignatoryRecord>)> = HashMap::new();
    let mut existing_cache: HashMap<i64, Signatory> = HashMap::new();
    // The rows read so far, by number, to merge a later row of the same person into them.
    let mut rows_read: HashMap<usize, RowResult> = HashMap::new();
    for (i, row) in rows.into_iter().enumerate() {
        watch.tick(ImportStage::Verification, i + 1, total)?;
        let left_out = u32::try_from(row.row_number).is_ok_and(|n| excluded.contains(&n));
        if let Some(reason) = row.skipped.as_ref().or(left_out.then_some(&String::new())) {
            let note = if left_out {
                "Exclue de l'import à votre demande.".to_owned()
            } else {
                format!("Pas une ligne de signataire : {reason}.")
            };
            out.push(Planned {
                row_number: row.row_number,
                action: RowAction::Skipped,
                signatory_id: None,
                name: String::new(),
                problems: Vec::new(),
                changes: Vec::new(),
                note,
                set_aside: Vec::new(),
                to_complete: Vec::new(),
                readings: Vec::new(),
                record: None,
                ledger: None,
                duplicate_of: None,
            });
            continue;
        }
        let kept = row.clone();
        let cells = sheet
            .rows
            .get(row.row_number.saturating_sub(1))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let cell_readings = readings(cells, mapping, &row);
        let mut planned = plan_row(
            conn,
            mapping,
            &register,
            &mut seen,
            &mut existing_cache,
            row,
            today,
        )?;
        if let Some((first_row, key)) = planned.duplicate_of.take() {
            if let (Some(index), Some(first)) = (
                out.iter().position(|p: &Planned| p.row_number == first_row),
                rows_read.get(&first_row),
            ) {
                let (merged, conflicts) = merge_rows(first, &kept);
                seen.remove(&key);
                let mut again = plan_row(
                    conn,
                    mapping,
                    &register,
                    &mut seen,
                    &mut existing_cache,
                    merged.clone(),
                    today,
                )?;
                keep_conflicts(&mut again, mapping, &conflicts);
                again.note = format!(
                    "Même signataire que la ligne {} : les deux lignes font un seul dossier.",
                    kept.row_number
                );
                out[index] = again;
                rows_read.insert(first_row, merged);
                planned.note = format!(
                    "Même signataire que la ligne {first_row} : fusionnée avec elle{}.",
                    if conflicts.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({} valeur(s) différente(s) gardée(s) dans les notes)",
                            conflicts.len()
                        )
                    }
                );
            }
        }
        rows_read.insert(kept.row_number, kept);
        planned.readings = cell_readings;
        out.push(planned);
    }
    Ok(out)
}

/// Up to three values of column `c` and how each is read: from the rows the plan read when
/// the column feeds a field, else the first values below the header.
fn samples(sheet: &Sheet, mapping: &Mapping, plan: &[Planned], c: usize) -> (Vec<String>, Vec<String>) {
    let read: Vec<&CellReading> = plan
        .iter()
        .flat_map(|p| p.readings.iter().filter(|r| r.column == c))
        .take(3)
        .collect();
    if !read.is_empty() {
        return (
            read.iter().map(|r| r.raw.clone()).collect(),
            read.iter()
                .map(|r| {
                    if r.differs() {
                        r.read.clone()
                    } else {
                        String::new()
                    }
                })
                .collect(),
        );
    }
    let raw: Vec<String> = sheet
        .rows
        .iter()
        .skip(mapping.header_row + 1)
        // Bounded: a sheet widened by one stray far cell has thousands of empty columns.
        .take(1_000)
        .map(|r| r.get(c).map(|x| x.display()).unwrap_or_default())
        .filter(|s| !s.trim().is_empty())
        .take(3)
        .collect();
    let none = vec![String::new(); raw.len()];
    (raw, none)
}

/// A value of the later row that differs from the earlier one's.
struct Conflict {
    field: FieldKey,
    row_number: usize,
    value: String,
}

/// The earlier row completed by the later one: an empty or unreadable cell of the first takes
/// the second's value; where both give a value and they differ, the first is kept and the
/// second returned as a conflict (it goes to the notes).
fn merge_rows(first: &RowResult, later: &RowResult) -> (RowResult, Vec<Conflict>) {
    let mut merged = first.clone();
    let mut conflicts = Vec::new();
    for (field, v) in &later.values {
        if v.is_empty() {
            continue;
        }
        match merged.values.get(field) {
            Some(mine) if !mine.is_empty() => {
                if fold(mine) != fold(v) {
                    conflicts.push(Conflict {
                        field: *field,
                        row_number: later.row_number,
                        value: v.clone(),
                    });
                }
            }
            _ => {
                merged.values.insert(*field, v.clone());
                merged.errors.retain(|e| e.field != *field);
            }
        }
    }
    merged.studies_finished |= later.studies_finished;
    (merged, conflicts)
}

/// Records the later row's differing values in the merged file's notes and the report.
fn keep_conflicts(planned: &mut Planned, mapping: &Mapping, conflicts: &[Conflict]) {
    for c in conflicts {
        let p = problem(
            mapping,
            c.field,
            &c.value,
            format!(
                "Valeur de la ligne {} ; celle de la ligne {} est gardée.",
                c.row_number, planned.row_number
            ),
        );
        if let Some(r) = planned.record.as_mut() {
            let line = set_aside_line(&p);
            if !r.notes.contains(&line) {
                if !r.notes.is_empty() {
                    r.notes.push('\n');
                }
                r.notes.push_str(&line);
            }
        }
        planned.set_aside.push(p);
    }
}

/// True when a column gives `field`: its own, or the combined name for the name and the
/// first names, or the year of studies for the cycle (read together).
fn provides(mapping: &Mapping, field: FieldKey) -> bool {
    column_for(mapping, field).is_some()
}

fn column_for(mapping: &Mapping, field: FieldKey) -> Option<usize> {
    mapping.column_of(field).or_else(|| match field {
        FieldKey::LastName | FieldKey::FirstNames => mapping.column_of(FieldKey::FullName),
        FieldKey::Cycle => mapping.column_of(FieldKey::StudyYear),
        _ => None,
    })
}

fn problem(mapping: &Mapping, field: FieldKey, value: &str, message: String) -> RowProblem {
    let col = column_for(mapping, field);
    RowProblem {
        column_letter: col.map(column_letter).unwrap_or_default(),
        column: col.and_then(|c| u32::try_from(c).ok()),
        column_header: col
            .and_then(|c| mapping.headers.get(c).cloned())
            .unwrap_or_default(),
        field_label: field.label().to_owned(),
        value: value.to_owned(),
        message,
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_row(
    conn: &Connection,
    mapping: &Mapping,
    register: &Register,
    seen: &mut HashMap<String, (usize, Option<SignatoryRecord>)>,
    cache: &mut HashMap<i64, Signatory>,
    row: RowResult,
    today: NaiveDate,
) -> Result<Planned> {
    let value = |f: FieldKey| row.values.get(&f).map(String::as_str).unwrap_or("");
    let name = format!(
        "{} {}",
        value(FieldKey::LastName).to_uppercase(),
        value(FieldKey::FirstNames)
    )
    .trim()
    .to_owned();
    let mut planned = Planned {
        row_number: row.row_number,
        action: RowAction::Rejected,
        signatory_id: None,
        name,
        problems: Vec::new(),
        changes: Vec::new(),
        note: String::new(),
        set_aside: Vec::new(),
        to_complete: Vec::new(),
        readings: Vec::new(),
        record: None,
        ledger: None,
        duplicate_of: None,
    };

    // An unreadable cell refuses the row only when it says who the person is; any other is
    // set aside (its text kept in the file's notes) and the row imported without it.
    for e in &row.errors {
        let p = RowProblem {
            column_letter: e.column_letter.clone(),
            column: u32::try_from(e.column).ok(),
            column_header: e.column_header.clone(),
            field_label: e.field.label().to_owned(),
            value: e.value.clone(),
            message: format!("Attendu : {}.", e.expected),
        };
        if identifies(e.field) {
            planned.problems.push(p);
        } else {
            planned.set_aside.push(p);
        }
    }

    // Which file is this row? The contract reference first, then name + birth date.
    let contract_ref = value(FieldKey::ContractRef).trim().to_owned();
    let birth_iso = parse_date(value(FieldKey::BirthDate)).map(|d| d.format("%Y-%m-%d").to_string());
    let identity = identity_name(value(FieldKey::LastName), value(FieldKey::FirstNames));
    let matched: Option<i64> = if let Some(id) = register
        .by_ref
        .get(&contract_ref)
        .filter(|_| !contract_ref.is_empty())
    {
        Some(*id)
    } else if let Some(b) = &birth_iso {
        match register
            .by_identity
            .get(&(identity.clone(), b.clone()))
            .map(Vec::as_slice)
        {
            Some([one]) => Some(*one),
            Some([_, _, ..]) => {
                planned.problems.push(problem(
                    mapping,
                    FieldKey::LastName,
                    value(FieldKey::LastName),
                    "Plusieurs signataires du registre ont ce nom, ces prénoms et cette date de naissance : indiquez la référence du contrat pour choisir."
                        .to_owned(),
                ));
                None
            }
            _ => None,
        }
    } else {
        None
    };

    // A reference that points at somebody else: refuse rather than rewrite that file's
    // identity (a typo in a reference must not turn Mme A into M. B). A new name with the
    // same birth date (marriage), or a corrected birth date under the same name, is fine.
    if let (Some(id), false) = (matched, contract_ref.is_empty()) {
        let by_identity = birth_iso
            .as_ref()
            .and_then(|b| register.by_identity.get(&(identity.clone(), b.clone())));
        // Homonyms born the same day exist: only a row whose identity is another file's
        // and not this one's is a conflict.
        let other = by_identity
            .filter(|ids| !ids.contains(&id))
            .and_then(|ids| ids.first());
        let same_person = match signatories::get(conn, id)? {
            Some(s) => {
                let same_name = identity_name(&s.last_name, &s.first_names) == identity;
                let same_birth = match (s.birth_date, &birth_iso) {
                    (Some(a), Some(b)) => a.format("%Y-%m-%d").to_string() == *b,
                    _ => true,
                };
                (
                    same_name || same_birth,
                    format!("{} {}", s.last_name.to_uppercase(), s.first_names),
                )
            }
            None => (true, String::new()),
        };
        if let Some(o) = other {
            planned.problems.push(problem(
                mapping,
                FieldKey::ContractRef,
                &contract_ref,
                format!("Cette référence est celle du dossier n° {id}, mais le nom et la date de naissance sont ceux du dossier n° {o} : vérifiez la référence."),
            ));
        } else if !same_person.0 {
            planned.problems.push(problem(
                mapping,
                FieldKey::ContractRef,
                &contract_ref,
                format!(
                    "Cette référence est celle de {} (dossier n° {id}), dont ni le nom ni la date de naissance ne correspondent : vérifiez la référence.",
                    same_person.1
                ),
            ));
        }
    }

    // The form: the file's current values, overwritten by the sheet's non-empty cells.
    let existing = match matched {
        Some(id) => {
            if let std::collections::hash_map::Entry::Vacant(slot) = cache.entry(id) {
                if let Some(s) = signatories::get(conn, id)? {
                    slot.insert(s);
                }
            }
            cache.get(&id).cloned()
        }
        None => None,
    };
    let base = existing.as_ref().map(Signatory::to_input).unwrap_or_default();
    let form = |dropped: &[FieldKey]| {
        let mut input = base.clone();
        for (field, v) in &row.values {
            if !field.is_signatory_field() || v.is_empty() || dropped.contains(field) {
                continue;
            }
            // The notes of a file are added to, never replaced: what the referent wrote in
            // the application and the lines an earlier import kept stay.
            if *field == FieldKey::Notes && !base.notes.is_empty() {
                if !base.notes.contains(v.trim()) {
                    input.notes = format!("{}\n{}", base.notes, v.trim());
                }
                continue;
            }
            set_field(&mut input, *field, v);
        }
        input
    };
    for f in REQUIRED {
        if existing.is_none() && !provides(mapping, f) {
            planned.problems.push(problem(
                mapping,
                f,
                "",
                format!(
                    "Aucune colonne ne donne le champ « {} », obligatoire pour créer un dossier.",
                    f.label()
                ),
            ));
        }
    }
    // A new file must be told apart from a homonym: by its birth date or its contract.
    if existing.is_none() && value(FieldKey::BirthDate).is_empty() && contract_ref.is_empty() {
        let unread = row.errors.iter().find(|e| e.field == FieldKey::BirthDate);
        let why = match unread {
            Some(e) => format!(
                "La date de naissance n'a pas pu être lue (attendu : {}) et la ligne ne donne pas de référence de contrat",
                e.expected
            ),
            None => "La ligne ne donne ni date de naissance ni référence de contrat".to_owned(),
        };
        planned.problems.push(problem(
            mapping,
            FieldKey::BirthDate,
            unread.map_or("", |e| e.value.as_str()),
            format!("{why} : l'une ou l'autre est nécessaire pour distinguer ce signataire d'un homonyme."),
        ));
    }

    // Validation: a message about a field that does not identify the person drops that field
    // (and what goes with it) and validates again; the value is kept in the notes.
    let mut dropped: Vec<FieldKey> = Vec::new();
    let mut input = form(&dropped);
    // Lines for the file's notes that are not a cell set aside.
    let mut notes_lines: Vec<String> = Vec::new();
    if existing.is_none() && input.status.trim().is_empty() {
        let status = deduced_status(&row);
        input.status = status.code().to_owned();
        let message = format!(
            "Statut absent du tableau : « {} » retenu d'après les études, à vérifier.",
            status.label()
        );
        notes_lines.push(format!("Import — {message}"));
        // Without a status column the preview says it once for the sheet (a warning);
        // an empty cell of that column is said on its row.
        if let Some(col) = column_for(mapping, FieldKey::Status) {
            planned.set_aside.push(RowProblem {
                column_letter: column_letter(col),
                column: u32::try_from(col).ok(),
                column_header: mapping.headers.get(col).cloned().unwrap_or_default(),
                field_label: FieldKey::Status.label().to_owned(),
                value: String::new(),
                message,
            });
        }
    }
    let deduced = (existing.is_none() && form(&[]).status.trim().is_empty()).then(|| input.status.clone());
    let record =
        loop {
            match validate_signatory(&input, today) {
                Ok(r) => break Some(r),
                Err(errors) => {
                    let mut more = false;
                    for fe in errors.0 {
                        let field = FieldKey::from_key(&fe.field).unwrap_or(FieldKey::LastName);
                        let newly: Vec<FieldKey> = dropped_with(field)
                            .iter()
                            .copied()
                            .filter(|f| !dropped.contains(f) && !value(*f).is_empty())
                            .collect();
                        if !identifies(field) && !newly.is_empty() {
                            for f in &newly {
                                planned.set_aside.push(problem(
                                    mapping,
                                    *f,
                                    value(*f),
                                    if *f == field {
                                        fe.message.clone()
                                    } else {
                                        format!("Écarté avec « {} » : {}", field.label(), fe.message)
                                    },
                                ));
                            }
                            dropped.extend(newly);
                            more = true;
                            continue;
                        }
                        // A cell already reported as unreadable needs no second message.
                        if row.errors.iter().any(|e| {
                            e.field == field || column_for(mapping, field) == mapping.column_of(e.field)
                        }) {
                            continue;
                        }
                        planned
                            .problems
                            .push(problem(mapping, field, value(field), fe.message));
                    }
                    if !more {
                        break None;
                    }
                    input = form(&dropped);
                    if let Some(status) = &deduced {
                        input.status = status.clone();
                    }
                }
            }
        };
    // What could not be taken is kept, word for word, in the file's notes (once: importing
    // the same sheet again adds nothing).
    let record = record.map(|mut r| {
        let lines = planned
            .set_aside
            .iter()
            .filter(|p| !p.value.is_empty())
            .map(set_aside_line)
            .chain(notes_lines);
        for line in lines {
            if !r.notes.contains(&line) {
                if !r.notes.is_empty() {
                    r.notes.push('\n');
                }
                r.notes.push_str(&line);
            }
        }
        r
    });
    // The contract reference belongs to one file.
    if let Some(reference) = record.as_ref().and_then(|r| r.contract_ref.clone()) {
        if let Some(owner) = register.by_ref.get(&reference) {
            if Some(*owner) != matched {
                planned.problems.push(problem(
                    mapping,
                    FieldKey::ContractRef,
                    &reference,
                    format!(
                        "La référence « {reference} » est déjà celle du contrat du signataire n° {owner}."
                    ),
                ));
            }
        }
    }
    // Contract dates, checked by the contract's own rules.
    let ledger = plan_ledger(
        conn,
        mapping,
        &row,
        matched,
        record.as_ref(),
        &mut planned.problems,
    )?;

    // Same person twice in the sheet.
    let key = match (matched, &record) {
        (Some(id), _) => format!("id:{id}"),
        (None, Some(r)) => match &r.contract_ref {
            Some(c) => format!("ref:{c}"),
            None => format!(
                "who:{}:{}",
                identity,
                r.birth_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| format!("ligne{}", row.row_number))
            ),
        },
        (None, None) => format!("ligne:{}", row.row_number),
    };
    if let Some((first_row, first_record)) = seen.get(&key) {
        if planned.problems.is_empty() && *first_record == record {
            planned.action = RowAction::Unchanged;
            planned.signatory_id = matched;
            planned.note = format!("Identique à la ligne {first_row} : ignorée.");
            return Ok(planned);
        }
        if planned.problems.is_empty() {
            // Same person, other values: [`plan`] merges the two rows into one file.
            planned.duplicate_of = Some((*first_row, key));
            planned.action = RowAction::Skipped;
            // What this row sets aside is said on the merged row.
            planned.set_aside.clear();
            planned.signatory_id = matched;
            return Ok(planned);
        }
        planned.problems.push(problem(
            mapping,
            FieldKey::LastName,
            value(FieldKey::LastName),
            format!(
                "Même signataire que la ligne {first_row}, avec d'autres valeurs : gardez une seule ligne."
            ),
        ));
    } else {
        seen.insert(key, (row.row_number, record.clone()));
    }

    if !planned.problems.is_empty() {
        planned.action = RowAction::Rejected;
        planned.signatory_id = matched;
        return Ok(planned);
    }
    let Some(record) = record else {
        return Ok(planned);
    };
    match existing {
        None => {
            planned.action = RowAction::Create;
        }
        Some(s) => {
            planned.signatory_id = Some(i64::from(s.id));
            let before = validate_signatory(&s.to_input(), today).ok();
            planned.changes = match &before {
                Some(b) => differences(b, &record),
                None => vec!["(dossier actuel incomplet)".to_owned()],
            };
            let ledger_changes = ledger
                .as_ref()
                .map(|l| ledger_differences(conn, i64::from(s.id), l))
                .transpose()?;
            planned.changes.extend(ledger_changes.unwrap_or_default());
            planned.action = if planned.changes.is_empty() {
                RowAction::Unchanged
            } else {
                RowAction::Update
            };
        }
    }
    planned.to_complete = completeness::gaps(&record.completeness_facts())
        .into_iter()
        .map(|g| g.label().to_owned())
        .collect();
    planned.record = Some(record);
    planned.ledger = ledger;
    Ok(planned)
}

fn set_field(input: &mut SignatoryInput, field: FieldKey, v: &str) {
    let v = v.to_owned();
    match field {
        FieldKey::Civility => input.civility = v,
        FieldKey::LastName => input.last_name = v,
        FieldKey::BirthName => input.birth_name = v,
        FieldKey::FirstNames => input.first_names = v,
        FieldKey::BirthDate => input.birth_date = v,
        FieldKey::Email => input.email = v,
        FieldKey::Phone => input.phone = v,
        FieldKey::Address => input.address = v,
        FieldKey::Discipline => input.discipline = v,
        FieldKey::Padhue => input.padhue = v == "true",
        FieldKey::Ufr => input.ufr = v,
        FieldKey::Subdivision => input.subdivision = v,
        FieldKey::Cycle => input.cycle = v,
        FieldKey::StudyYear => input.study_year = v,
        FieldKey::EcnYear => input.ecn_year = v,
        FieldKey::EcnRank => input.ecn_rank = v,
        FieldKey::Specialty => input.specialty = v,
        FieldKey::SignatureDate => input.signature_date = v,
        FieldKey::ManagingBody => input.managing_body = v,
        FieldKey::ContractRef => input.contract_ref = v,
        FieldKey::Status => input.status = v,
        FieldKey::Notes => input.notes = v,
        FieldKey::FullName
        | FieldKey::AllocationStart
        | FieldKey::AllocationEnd
        | FieldKey::DiplomaDate
        | FieldKey::PracticeStart => {}
    }
}

/// Labels of the fields whose stored value differs.
fn differences(a: &SignatoryRecord, b: &SignatoryRecord) -> Vec<String> {
    let mut out = Vec::new();
    let mut cmp = |label: &str, x: String, y: String| {
        if x != y {
            out.push(label.to_owned());
        }
    };
    cmp(
        "Civilité",
        format!("{:?}", a.civility),
        format!("{:?}", b.civility),
    );
    cmp("Nom", a.last_name.clone(), b.last_name.clone());
    cmp(
        "Nom de naissance",
        format!("{:?}", a.birth_name),
        format!("{:?}", b.birth_name),
    );
    cmp("Prénoms", a.first_names.clone(), b.first_names.clone());
    cmp(
        "Date de naissance",
        format!("{:?}", a.birth_date),
        format!("{:?}", b.birth_date),
    );
    cmp("Courriel", format!("{:?}", a.email), format!("{:?}", b.email));
    cmp("Téléphone", format!("{:?}", a.phone), format!("{:?}", b.phone));
    cmp("Adresse", format!("{:?}", a.address), format!("{:?}", b.address));
    cmp(
        "Discipline",
        format!("{:?}", a.discipline),
        format!("{:?}", b.discipline),
    );
    cmp("PADHUE", a.padhue.to_string(), b.padhue.to_string());
    cmp("UFR", format!("{:?}", a.ufr), format!("{:?}", b.ufr));
    cmp(
        "Subdivision",
        format!("{:?}", a.subdivision),
        format!("{:?}", b.subdivision),
    );
    cmp("Cycle", format!("{:?}", a.cycle), format!("{:?}", b.cycle));
    cmp(
        "Année d'études",
        format!("{:?}", a.study_year),
        format!("{:?}", b.study_year),
    );
    cmp(
        "Année ECN/EDN",
        format!("{:?}", a.ecn_year),
        format!("{:?}", b.ecn_year),
    );
    cmp(
        "Rang ECN/EDN",
        format!("{:?}", a.ecn_rank),
        format!("{:?}", b.ecn_rank),
    );
    cmp(
        "Spécialité",
        format!("{:?}", a.specialty),
        format!("{:?}", b.specialty),
    );
    cmp(
        "Date de signature",
        format!("{:?}", a.signature_date),
        format!("{:?}", b.signature_date),
    );
    cmp(
        "Organisme gestionnaire",
        format!("{:?}", a.managing_body),
        format!("{:?}", b.managing_body),
    );
    cmp(
        "Référence du contrat",
        format!("{:?}", a.contract_ref),
        format!("{:?}", b.contract_ref),
    );
    cmp("Statut", format!("{:?}", a.status), format!("{:?}", b.status));
    cmp("Notes", a.notes.clone(), b.notes.clone());
    out
}

const LEDGER_FIELDS: [FieldKey; 4] = [
    FieldKey::AllocationStart,
    FieldKey::AllocationEnd,
    FieldKey::DiplomaDate,
    FieldKey::PracticeStart,
];

/// The contract dates of the row merged into the file's ledger, if the sheet has any,
/// checked by the contract's rules (order of the dates, suspensions inside the allowance…).
fn plan_ledger(
    conn: &Connection,
    mapping: &Mapping,
    row: &RowResult,
    matched: Option<i64>,
    record: Option<&SignatoryRecord>,
    problems: &mut Vec<RowProblem>,
) -> Result<Option<LedgerRow>> {
    let given: Vec<(FieldKey, NaiveDate)> = LEDGER_FIELDS
        .iter()
        .filter_map(|f| row.values.get(f).and_then(|v| parse_date(v)).map(|d| (*f, d)))
        .collect();
    if given.is_empty() {
        return Ok(None);
    }
    let mut ledger = match matched {
        Some(id) => ledger_sql::get(conn, id)?.unwrap_or_default(),
        None => LedgerRow::default(),
    };
    for (f, d) in &given {
        match f {
            FieldKey::AllocationStart => ledger.allocation_start = Some(*d),
            FieldKey::AllocationEnd => ledger.allocation_end = Some(*d),
            FieldKey::DiplomaDate => ledger.diploma_date = Some(*d),
            FieldKey::PracticeStart => ledger.practice_start = Some(*d),
            _ => {}
        }
    }
    let value = |f: FieldKey| row.values.get(&f).cloned().unwrap_or_default();
    let Some(start) = ledger.allocation_start else {
        if ledger.allocation_end.is_some() {
            problems.push(problem(
                mapping,
                FieldKey::AllocationEnd,
                &value(FieldKey::AllocationEnd),
                "Une fin d'allocation sans début : indiquez aussi le début de l'allocation.".to_owned(),
            ));
        }
        return Ok(Some(ledger));
    };
    let Some(record) = record else {
        return Ok(Some(ledger));
    };
    let suspensions = match matched {
        Some(id) => ledger_sql::suspensions(conn, id)?,
        None => Vec::new(),
    };
    let contract = rules::Contract {
        discipline: record.discipline,
        allocation_start: start,
        allocation_end: ledger.allocation_end,
        monthly_gross: Decimal::ONE,
        monthly_net: Decimal::ONE,
        rate_changes: Vec::new(),
        definitive_suspension_from: None,
        suspensions: suspensions
            .iter()
            .map(|s| rules::Suspension {
                start: s.start,
                end: s.end,
                paid: s.paid,
            })
            .collect(),
        diploma_date: ledger.diploma_date,
        practice_start: ledger.practice_start,
        practice_suspensions: match matched {
            Some(id) => ledger_sql::practice_suspensions(conn, id)?
                .into_iter()
                .map(|(start, end)| rules::Period { start, end })
                .collect(),
            None => Vec::new(),
        },
    };
    if let Err(errors) = rules::validate(&contract) {
        for e in flatten(errors) {
            let field = match e.field() {
                Some("allocation_end") => FieldKey::AllocationEnd,
                Some("diploma_date") => FieldKey::DiplomaDate,
                Some("practice_start") => FieldKey::PracticeStart,
                _ => FieldKey::AllocationStart,
            };
            problems.push(problem(mapping, field, &value(field), e.to_string()));
        }
    }
    Ok(Some(ledger))
}

fn flatten(errors: Vec<rules::LedgerError>) -> Vec<rules::LedgerError> {
    let mut out = Vec::new();
    for e in errors {
        match e {
            rules::LedgerError::Invalid(inner) => out.extend(flatten(inner)),
            other => out.push(other),
        }
    }
    out
}

fn ledger_differences(conn: &Connection, id: i64, new: &LedgerRow) -> Result<Vec<String>> {
    let old = ledger_sql::get(conn, id)?.unwrap_or_default();
    let mut out = Vec::new();
    for (label, a, b) in [
        (
            "Début de l'allocation",
            old.allocation_start,
            new.allocation_start,
        ),
        ("Fin de l'allocation", old.allocation_end, new.allocation_end),
        ("Date du diplôme", old.diploma_date, new.diploma_date),
        ("Début d'exercice", old.practice_start, new.practice_start),
    ] {
        if a != b {
            out.push(label.to_owned());
        }
    }
    Ok(out)
}

fn describe(
    sheet: &Sheet,
    sheets: Vec<SheetOption>,
    mapping: &Mapping,
    plan: &[Planned],
    file_name: String,
    saved_mapping_used: bool,
    imported: bool,
) -> ImportPreview {
    let width = mapping.headers.len().max(mapping.columns.len());
    let columns = (0..width)
        .map(|c| {
            let (samples, read_as) = samples(sheet, mapping, plan, c);
            ColumnView {
                column: u32::try_from(c).unwrap_or(u32::MAX),
                letter: column_letter(c),
                header: mapping.headers.get(c).cloned().unwrap_or_default(),
                field: mapping
                    .columns
                    .get(c)
                    .copied()
                    .flatten()
                    .map(|f| f.as_str().to_owned()),
                samples,
                read_as,
                recognised_by_values: mapping.recognised_by_values.contains(&c),
            }
        })
        .collect();
    let mut warnings: Vec<String> = mapping.duplicates.iter().map(|d| d.message()).collect();
    if column_for(mapping, FieldKey::Status).is_none() && plan.iter().any(|p| p.action == RowAction::Create) {
        warnings.push(
            "Aucune colonne ne donne le statut : les nouveaux dossiers sont « En formation », ou « Diplômé » quand les études sont finies (« Docteur »), à vérifier ; leurs notes le disent."
                .to_owned(),
        );
    }
    for h in &mapping.unmatched_saved {
        warnings.push(format!(
            "La colonne « {h} » du modèle enregistré est absente de ce fichier."
        ));
    }
    let count =
        |a: RowAction| u32::try_from(plan.iter().filter(|p| p.action == a).count()).unwrap_or(u32::MAX);
    ImportPreview {
        file_name,
        sheet_name: sheet.name.clone(),
        sheets,
        header_row: u32::try_from(mapping.header_row + 1).unwrap_or(u32::MAX),
        columns,
        fields: FieldKey::ALL
            .iter()
            .map(|f| FieldOption {
                key: f.as_str().to_owned(),
                label: f.label().to_owned(),
                required: REQUIRED.contains(f),
            })
            .collect(),
        rows: plan
            .iter()
            .map(|p| RowPreview {
                row_number: u32::try_from(p.row_number).unwrap_or(u32::MAX),
                action: p.action,
                signatory_id: p.signatory_id.and_then(|i| i32::try_from(i).ok()),
                name: p.name.clone(),
                problems: p.problems.clone(),
                changes: p.changes.clone(),
                note: p.note.clone(),
                set_aside: p.set_aside.clone(),
                to_complete: p.to_complete.clone(),
                readings: p
                    .readings
                    .iter()
                    .filter(|r| r.differs())
                    .map(|r| CellReadingView {
                        column_letter: column_letter(r.column),
                        raw: r.raw.clone(),
                        read: r.read.clone(),
                    })
                    .collect(),
            })
            .collect(),
        created: count(RowAction::Create),
        updated: count(RowAction::Update),
        unchanged: count(RowAction::Unchanged),
        rejected: count(RowAction::Rejected),
        skipped: count(RowAction::Skipped),
        warnings,
        missing_required: REQUIRED
            .iter()
            .filter(|f| !provides(mapping, **f))
            .map(|f| f.label().to_owned())
            .collect(),
        saved_mapping_used,
        imported,
    }
}
