//! The commands the front end may call: each one a thin call into the core.

use crate::dialogs::{Access, DialogRequest};
use crate::error::CommandError;
use crate::state::AppState;
use cesp::domain::FormStatus;
use cesp::domain::{Signatory, SignatoryInput};
use cesp::export::signatories::{self as signatory_export, ExportColumn, SignatoryExport};
use cesp::followup::calendar::CampaignDatesForm;
use cesp::followup::returns::ReturnedSheet;
use cesp::followup::service as followup;
use cesp::followup::{
    print as followup_print, AnswersForm, BulkInput, BulkResult, CampaignPage, CampaignQuery, FormView,
    PrintReport, PrintTarget, RecordOutcome,
};
use cesp::import::service::{self as import, ImportInput, ImportPreview, ImportProgress};
use cesp::installation::{self, DeclarationForm, InstallationSettingsForm, InstallationTab};
use cesp::interviews::{self, InterviewForm, InterviewsTab, RegionDue};
use cesp::ledger::service::{
    self as ledger, AllowanceRateForm, ContractEndInput, DegressiveForm, LedgerForm, LedgerView,
};
use cesp::ledger::SimulateOutput;
use cesp::letters::print::LettersInput;
use cesp::letters::templates::TemplateView;
use cesp::letters::{LetterKind, LetterKindView};
use cesp::register::{self, ListQuery, Page};
use cesp::settings::logo::LogoInfo;
use cesp::settings::{self, AppInfo, ContactSettings, ReferenceLists, SettingsInput};
use cesp::stats::{self, Counts};
use cesp::todo::{self, TodoPage, TodoQuery, TodoSettings};
use cesp::zonage::{self, CommuneView, ZonageImportReport, ZonageVersion};
use serde::Serialize;
use specta::Type;
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::State;
use tauri_specta::{collect_commands, Builder};

/// Demo data are generated with a fixed seed: every user sees the same fictitious register.
const DEMO_SEED: u64 = 2026;

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
#[specta::specta]
async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    state.with_store(|s| settings::app_info(s)).await
}

#[tauri::command]
#[specta::specta]
async fn reference_lists() -> Result<ReferenceLists, CommandError> {
    Ok(settings::reference_lists())
}

#[tauri::command]
#[specta::specta]
async fn list_signatories(state: State<'_, AppState>, query: ListQuery) -> Result<Page, CommandError> {
    state.with_store(move |s| register::list(s, &query)).await
}

#[tauri::command]
#[specta::specta]
async fn get_signatory(state: State<'_, AppState>, id: i32) -> Result<Signatory, CommandError> {
    state.with_store(move |s| register::get(s, i64::from(id))).await
}

#[tauri::command]
#[specta::specta]
async fn create_signatory(
    state: State<'_, AppState>,
    input: SignatoryInput,
) -> Result<Signatory, CommandError> {
    state
        .with_store(move |s| register::create(s, &input, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn update_signatory(
    state: State<'_, AppState>,
    id: i32,
    input: SignatoryInput,
) -> Result<Signatory, CommandError> {
    state
        .with_store(move |s| register::update(s, i64::from(id), &input, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_settings(state: State<'_, AppState>, settings: SettingsInput) -> Result<AppInfo, CommandError> {
    state.with_store(move |s| settings::save(s, &settings)).await
}

#[tauri::command]
#[specta::specta]
async fn load_demo(state: State<'_, AppState>, count: u32) -> Result<AppInfo, CommandError> {
    state
        .with_store(move |s| {
            cesp::demo::load(s, count as usize, DEMO_SEED, today())?;
            settings::app_info(s)
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn start_empty(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    state
        .with_store(|s| {
            settings::finish_first_launch(s)?;
            settings::app_info(s)
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn get_ledger(state: State<'_, AppState>, id: i32) -> Result<LedgerView, CommandError> {
    state
        .with_store(move |s| ledger::get(s, i64::from(id), today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_ledger(
    state: State<'_, AppState>,
    id: i32,
    form: LedgerForm,
) -> Result<LedgerView, CommandError> {
    state
        .with_store(move |s| ledger::save(s, i64::from(id), &form, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn simulate_rupture(
    state: State<'_, AppState>,
    id: i32,
    date: String,
) -> Result<SimulateOutput, CommandError> {
    state
        .with_store(move |s| ledger::simulate_rupture(s, i64::from(id), &date, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn record_contract_end(
    state: State<'_, AppState>,
    id: i32,
    input: ContractEndInput,
) -> Result<LedgerView, CommandError> {
    state
        .with_store(move |s| ledger::record_end(s, i64::from(id), &input, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn allowance_rates(state: State<'_, AppState>) -> Result<Vec<AllowanceRateForm>, CommandError> {
    state.with_store(|s| ledger::rates(s)).await
}

#[tauri::command]
#[specta::specta]
async fn save_allowance_rates(
    state: State<'_, AppState>,
    rates: Vec<AllowanceRateForm>,
) -> Result<Vec<AllowanceRateForm>, CommandError> {
    state.with_store(move |s| ledger::save_rates(s, &rates)).await
}

#[tauri::command]
#[specta::specta]
async fn degressive_settings(state: State<'_, AppState>) -> Result<Vec<DegressiveForm>, CommandError> {
    state.with_store(|s| ledger::degressive_settings(s)).await
}

#[tauri::command]
#[specta::specta]
async fn save_degressive_settings(
    state: State<'_, AppState>,
    rows: Vec<DegressiveForm>,
) -> Result<Vec<DegressiveForm>, CommandError> {
    state
        .with_store(move |s| ledger::save_degressive_settings(s, &rows))
        .await
}

/// Writes the one-page justification of a rupture simulation to `path` (chosen by the
/// user in the save dialog) and returns that path.
#[tauri::command]
#[specta::specta]
async fn print_rupture_simulation(
    state: State<'_, AppState>,
    id: i32,
    date: String,
    path: String,
) -> Result<String, CommandError> {
    state
        .write_output(path, move |s, p| {
            cesp::ledger::print::print_rupture_sheet(s, i64::from(id), &date, p, today())?;
            Ok(p.display().to_string())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn contact_settings(state: State<'_, AppState>) -> Result<ContactSettings, CommandError> {
    state.with_store(|s| settings::contact(s)).await
}

#[tauri::command]
#[specta::specta]
async fn save_contact_settings(
    state: State<'_, AppState>,
    input: ContactSettings,
) -> Result<ContactSettings, CommandError> {
    state.with_store(move |s| settings::save_contact(s, &input)).await
}

/// The agency's logo, if one was chosen.
#[tauri::command]
#[specta::specta]
async fn logo_info(state: State<'_, AppState>) -> Result<Option<LogoInfo>, CommandError> {
    state.with_store(|s| settings::logo::info(s)).await
}

/// Reads the PNG chosen in the open dialog and keeps it as the agency's logo.
#[tauri::command]
#[specta::specta]
async fn save_logo(state: State<'_, AppState>, path: String) -> Result<LogoInfo, CommandError> {
    let file = state.grants.check(&path, Access::Read)?;
    state
        .with_store(move |s| settings::logo::save_file(s, &file))
        .await
}

#[tauri::command]
#[specta::specta]
async fn remove_logo(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.with_store(settings::logo::remove).await
}

/// The letters the agency can print, with who receives each.
#[tauri::command]
#[specta::specta]
async fn letter_kinds() -> Result<Vec<LetterKindView>, CommandError> {
    Ok(cesp::letters::kinds())
}

/// The template of a letter, with the fields it may use.
#[tauri::command]
#[specta::specta]
async fn letter_template(state: State<'_, AppState>, kind: LetterKind) -> Result<TemplateView, CommandError> {
    state
        .with_store(move |s| cesp::letters::templates::view(s, kind))
        .await
}

/// Checks and saves a letter's template ("" returns to the default).
#[tauri::command]
#[specta::specta]
async fn save_letter_template(
    state: State<'_, AppState>,
    kind: LetterKind,
    text: String,
) -> Result<TemplateView, CommandError> {
    state
        .with_store(move |s| cesp::letters::templates::save(s, kind, &text))
        .await
}

/// The e-mail template of a letter sent by e-mail (the covering letter, the reminder).
#[tauri::command]
#[specta::specta]
async fn email_template(state: State<'_, AppState>, kind: LetterKind) -> Result<TemplateView, CommandError> {
    state
        .with_store(move |s| cesp::letters::templates::view_in(s, kind, cesp::letters::Medium::Courriel))
        .await
}

/// Checks and saves an e-mail template ("" returns to the default).
#[tauri::command]
#[specta::specta]
async fn save_email_template(
    state: State<'_, AppState>,
    kind: LetterKind,
    text: String,
) -> Result<TemplateView, CommandError> {
    state
        .with_store(move |s| {
            cesp::letters::templates::save_in(s, kind, cesp::letters::Medium::Courriel, &text)
        })
        .await
}

/// Writes the campaign's e-mails as .eml drafts, the fillable sheet attached, in the folder
/// chosen in the dialog.
#[tauri::command]
#[specta::specta]
async fn write_email_drafts(
    state: State<'_, AppState>,
    input: cesp::letters::email::DraftsInput,
) -> Result<cesp::letters::email::DraftsReport, CommandError> {
    let folder = state.grants.check(&input.folder, Access::Folder)?;
    state
        .with_store(move |s| {
            cesp::letters::email::write_drafts(s, input.year, input.kind, None, &folder, today())
        })
        .await
        .inspect(|report| {
            state.remember(&report.location);
            report.files.iter().for_each(|f| state.remember(f));
        })
}

/// Prints the letters of a campaign (one PDF in envelope order, or one per signatory).
#[tauri::command]
#[specta::specta]
async fn print_letters(state: State<'_, AppState>, input: LettersInput) -> Result<PrintReport, CommandError> {
    // Only where the user chose, through the native dialog.
    match &input.target {
        PrintTarget::Merged(path) => state.grants.check(path, Access::Write)?,
        PrintTarget::Folder(path) => state.grants.check(path, Access::Folder)?,
    };
    state
        .with_store(move |s| {
            let (req, target) = input.split();
            cesp::letters::print::print(s, &req, &target, today())
        })
        .await
        .inspect(|report| {
            state.remember(&report.location);
            report.files.iter().for_each(|f| state.remember(f));
        })
}

/// The dates of a campaign (send, return deadline), as saved.
#[tauri::command]
#[specta::specta]
async fn campaign_dates(state: State<'_, AppState>, year: i32) -> Result<CampaignDatesForm, CommandError> {
    state
        .with_store(move |s| cesp::followup::calendar::form(s, year))
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_campaign_dates(
    state: State<'_, AppState>,
    input: CampaignDatesForm,
) -> Result<CampaignDatesForm, CommandError> {
    state
        .with_store(move |s| cesp::followup::calendar::save(s, &input))
        .await
}

/// The data-protection notice: (as saved, "" for the default; as printed).
#[tauri::command]
#[specta::specta]
async fn privacy_notice(state: State<'_, AppState>) -> Result<(String, String), CommandError> {
    state
        .with_store(|s| Ok((settings::privacy::saved(s)?, settings::privacy::notice(s)?)))
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_privacy_notice(
    state: State<'_, AppState>,
    text: String,
) -> Result<(String, String), CommandError> {
    state
        .with_store(move |s| {
            settings::privacy::save(s, &text)?;
            Ok((settings::privacy::saved(s)?, settings::privacy::notice(s)?))
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn followup_campaign(
    state: State<'_, AppState>,
    query: CampaignQuery,
) -> Result<CampaignPage, CommandError> {
    state.with_store(move |s| followup::campaign(s, &query)).await
}

/// Every signatory of the campaign in a form status (all when null): "select all".
#[tauri::command]
#[specta::specta]
async fn followup_campaign_ids(
    state: State<'_, AppState>,
    year: i32,
    form_status: Option<FormStatus>,
    search: String,
) -> Result<Vec<i32>, CommandError> {
    state
        .with_store(move |s| followup::campaign_ids(s, year, form_status, &search))
        .await
}

#[tauri::command]
#[specta::specta]
async fn mark_forms_sent(state: State<'_, AppState>, input: BulkInput) -> Result<BulkResult, CommandError> {
    state
        .with_store(move |s| followup::mark_sent(s, &input, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn record_form_reminder(
    state: State<'_, AppState>,
    input: BulkInput,
) -> Result<BulkResult, CommandError> {
    state
        .with_store(move |s| followup::record_reminder(s, &input, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn mark_form_received(
    state: State<'_, AppState>,
    id: i32,
    year: i32,
    date: String,
) -> Result<FormView, CommandError> {
    state
        .with_store(move |s| followup::mark_received(s, i64::from(id), year, &date, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn get_followup_form(state: State<'_, AppState>, id: i32, year: i32) -> Result<FormView, CommandError> {
    state
        .with_store(move |s| followup::form(s, i64::from(id), year))
        .await
}

#[tauri::command]
#[specta::specta]
async fn record_followup_answers(
    state: State<'_, AppState>,
    id: i32,
    year: i32,
    answers: AnswersForm,
) -> Result<RecordOutcome, CommandError> {
    state
        .with_store(move |s| followup::record_answers(s, i64::from(id), year, &answers, today()))
        .await
}

/// "Ouvrir" several files at once (the returned sheets): the paths chosen, granted.
#[tauri::command]
#[specta::specta]
async fn choose_files(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    title: String,
    filter: crate::dialogs::DialogFilter,
) -> Result<Vec<String>, CommandError> {
    crate::dialogs::choose_many(&app, &state.grants, title, filter).await
}

/// Reads returned sheets (chosen or dropped): each matched to its file, its answers beside
/// the file's, or the reason it is refused.
#[tauri::command]
#[specta::specta]
async fn read_returned_sheets(
    state: State<'_, AppState>,
    paths: Vec<String>,
    year: i32,
) -> Result<Vec<ReturnedSheet>, CommandError> {
    let files = paths
        .iter()
        .map(|p| state.grants.check(p, Access::Read))
        .collect::<Result<Vec<_>, _>>()?;
    state
        .with_store(move |s| {
            files
                .iter()
                .map(|f| cesp::followup::returns::read_file(s, f, Some(year), today()))
                .collect()
        })
        .await
}

/// Records the answers `accepted` of a returned sheet, as the form received on `received`.
#[tauri::command]
#[specta::specta]
async fn accept_returned_sheet(
    state: State<'_, AppState>,
    path: String,
    year: i32,
    accepted: Vec<String>,
    received: String,
) -> Result<RecordOutcome, CommandError> {
    let file = state.grants.check(&path, Access::Read)?;
    state
        .with_store(move |s| {
            cesp::followup::returns::accept(s, &file, Some(year), &accepted, &received, today())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn followup_history(state: State<'_, AppState>, id: i32) -> Result<Vec<FormView>, CommandError> {
    state
        .with_store(move |s| followup::history(s, i64::from(id)))
        .await
}

/// Writes one signatory's pre-filled fiche de suivi to `path` and returns that path.
#[tauri::command]
#[specta::specta]
async fn print_followup_sheet(
    state: State<'_, AppState>,
    id: i32,
    year: i32,
    path: String,
) -> Result<String, CommandError> {
    state
        .write_output(path, move |s, p| {
            followup_print::print_one(s, i64::from(id), year, &p.to_string_lossy(), today())
                .map(|p| p.display().to_string())
        })
        .await
}

/// Progress of a batch print, streamed to the window.
#[derive(Debug, Clone, Serialize, Type)]
pub struct PrintProgress {
    pub done: u32,
    pub total: u32,
}

/// Prints the sheets of `ids` (in that order) to one merged PDF or one file each in a
/// folder. The store is only held while the sheets' data are read; the layout runs on a
/// blocking thread of its own, streams its progress and stops at `cancel_followup_print`.
#[tauri::command]
#[specta::specta]
async fn print_followup_batch(
    state: State<'_, AppState>,
    year: i32,
    ids: Vec<i32>,
    target: PrintTarget,
    on_progress: Channel<PrintProgress>,
) -> Result<PrintReport, CommandError> {
    match &target {
        PrintTarget::Merged(path) => state.grants.check(path, Access::Write)?,
        PrintTarget::Folder(path) => state.grants.check(path, Access::Folder)?,
    };
    let cancel = state.print_cancel();
    cancel.store(false, Ordering::Relaxed);
    let sheets = state
        .with_store(move |s| followup_print::sheets(s, &ids, year, today()))
        .await?;
    tauri::async_runtime::spawn_blocking(move || {
        let total = sheets.len();
        // One message per percent at most: a thousand IPC messages would only slow the batch.
        let step = (total / 100).max(1);
        let progress = |done: usize, total: usize| {
            if done.is_multiple_of(step) || done == total {
                let _ = on_progress.send(PrintProgress {
                    done: u32::try_from(done).unwrap_or(u32::MAX),
                    total: u32::try_from(total).unwrap_or(u32::MAX),
                });
            }
        };
        followup_print::render_batch(&sheets, &target, today(), &progress, &cancel)
            .map_err(CommandError::from)
    })
    .await
    .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
    .inspect(|report| {
        state.remember(&report.location);
        report.files.iter().for_each(|f| state.remember(f));
    })
}

/// Asks the running batch print to stop after the sheet it is laying out.
#[tauri::command]
#[specta::specta]
async fn cancel_followup_print(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.print_cancel().store(true, Ordering::Relaxed);
    Ok(())
}

/// Reads a spreadsheet and shows what importing it would do (nothing is written).
#[tauri::command]
#[specta::specta]
async fn import_preview(
    state: State<'_, AppState>,
    input: ImportInput,
) -> Result<ImportPreview, CommandError> {
    // No file yet: the core's own message ("Choisissez le fichier…") next to the field.
    if !input.path.trim().is_empty() {
        state.grants.check(&input.path, Access::Read)?;
    }
    state
        .with_store(move |s| import::preview(s, &input, today()))
        .await
}

/// Imports the valid rows in one transaction (or nothing, when rows are rejected and the
/// user did not choose to skip them).
#[tauri::command]
#[specta::specta]
async fn import_run(
    state: State<'_, AppState>,
    input: ImportInput,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportPreview, CommandError> {
    state.grants.check(&input.path, Access::Read)?;
    let cancel = state.import_cancel();
    cancel.store(false, Ordering::Relaxed);
    state
        .with_store(move |s| {
            let report = |p: ImportProgress| {
                // The window may be gone; the import goes on regardless.
                let _ = on_progress.send(p);
            };
            let watch = import::Watch {
                report: &report,
                cancel: &cancel,
            };
            import::run_watched(s, &input, today(), &watch)
        })
        .await
}

/// Asks the running import to stop: its transaction is rolled back, nothing is written.
#[tauri::command]
#[specta::specta]
async fn cancel_import(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.import_cancel().store(true, Ordering::Relaxed);
    Ok(())
}

/// Remembers the column mapping for the next import.
#[tauri::command]
#[specta::specta]
async fn save_import_mapping(state: State<'_, AppState>, input: ImportInput) -> Result<(), CommandError> {
    state.grants.check(&input.path, Access::Read)?;
    state.with_store(move |s| import::save_mapping(s, &input)).await
}

/// Shows a native dialog ("Enregistrer sous", "Ouvrir", "Choisir un dossier") and returns
/// the path chosen, or nothing if cancelled. Only paths given here are read or written by
/// the other commands (see dialogs.rs).
#[tauri::command]
#[specta::specta]
async fn choose_path(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: DialogRequest,
) -> Result<Option<String>, CommandError> {
    crate::dialogs::choose(&app, &state.grants, request).await
}

/// Writes the row-by-row report of an import (the preview or the result `import_run`
/// returned, as the window shows it) to `report` (CSV) and returns that path.
#[tauri::command]
#[specta::specta]
async fn save_import_report(
    state: State<'_, AppState>,
    preview: ImportPreview,
    report: String,
) -> Result<String, CommandError> {
    state.grants.check(&report, Access::Write)?;
    let written = report.clone();
    tauri::async_runtime::spawn_blocking(move || {
        import::write_report(&preview, std::path::Path::new(&report))?;
        Ok::<_, cesp::Error>(report)
    })
    .await
    .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
    .map_err(CommandError::from)
    .inspect(|_| state.remember(&written))
}

#[tauri::command]
#[specta::specta]
async fn interviews_tab(state: State<'_, AppState>, id: i32) -> Result<InterviewsTab, CommandError> {
    state
        .with_store(move |s| interviews::tab(s, i64::from(id), today()))
        .await
}

/// Records a new interview (`interview_id` null) or corrects one.
#[tauri::command]
#[specta::specta]
async fn save_interview(
    state: State<'_, AppState>,
    id: i32,
    interview_id: Option<i32>,
    form: InterviewForm,
) -> Result<InterviewsTab, CommandError> {
    state
        .with_store(move |s| interviews::save(s, i64::from(id), interview_id.map(i64::from), &form, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn delete_interview(
    state: State<'_, AppState>,
    id: i32,
    interview_id: i32,
) -> Result<InterviewsTab, CommandError> {
    state
        .with_store(move |s| interviews::delete(s, i64::from(id), i64::from(interview_id), today()))
        .await
}

/// The interviews to hold in the region today, overdue first.
#[tauri::command]
#[specta::specta]
async fn region_due_interviews(
    state: State<'_, AppState>,
    overdue_only: bool,
) -> Result<Vec<RegionDue>, CommandError> {
    state
        .with_store(move |s| interviews::region_due(s, today(), overdue_only))
        .await
}

/// Writes the report of one interview as a PDF to `path` and returns that path.
#[tauri::command]
#[specta::specta]
async fn print_interview_report(
    state: State<'_, AppState>,
    id: i32,
    interview_id: i32,
    path: String,
) -> Result<String, CommandError> {
    state
        .write_output(path, move |s, p| {
            interviews::print::print_report(s, i64::from(id), i64::from(interview_id), p, today())?;
            Ok(p.display().to_string())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn installation_tab(state: State<'_, AppState>, id: i32) -> Result<InstallationTab, CommandError> {
    state
        .with_store(move |s| installation::tab(s, i64::from(id), today()))
        .await
}

/// Records a new declaration (`declaration_id` null) or corrects one (a change of place).
#[tauri::command]
#[specta::specta]
async fn save_declaration(
    state: State<'_, AppState>,
    id: i32,
    declaration_id: Option<i32>,
    form: DeclarationForm,
) -> Result<InstallationTab, CommandError> {
    state
        .with_store(move |s| {
            installation::save(s, i64::from(id), declaration_id.map(i64::from), &form, today())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn delete_declaration(
    state: State<'_, AppState>,
    id: i32,
    declaration_id: i32,
) -> Result<InstallationTab, CommandError> {
    state
        .with_store(move |s| installation::delete(s, i64::from(id), i64::from(declaration_id), today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn installation_settings(state: State<'_, AppState>) -> Result<InstallationSettingsForm, CommandError> {
    state.with_store(|s| installation::settings_form(s)).await
}

#[tauri::command]
#[specta::specta]
async fn save_installation_settings(
    state: State<'_, AppState>,
    form: InstallationSettingsForm,
) -> Result<InstallationSettingsForm, CommandError> {
    state
        .with_store(move |s| {
            installation::save_settings(s, &form)?;
            installation::settings_form(s)
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn zonage_versions(state: State<'_, AppState>) -> Result<Vec<ZonageVersion>, CommandError> {
    state.with_store(|s| zonage::versions(s)).await
}

/// Imports the zonage file the user chose as the version in force from `effective`.
#[tauri::command]
#[specta::specta]
async fn import_zonage(
    state: State<'_, AppState>,
    path: String,
    effective: String,
) -> Result<ZonageImportReport, CommandError> {
    state.grants.check(&path, Access::Read)?;
    state
        .with_store(move |s| {
            let effective = zonage::parse_effective(&effective)?;
            zonage::import(s, std::path::Path::new(&path), effective)
        })
        .await
}

/// Communes of the zonage in force on `at` (jj/mm/aaaa; today when empty) matching `text`.
#[tauri::command]
#[specta::specta]
async fn search_communes(
    state: State<'_, AppState>,
    text: String,
    at: String,
) -> Result<Vec<CommuneView>, CommandError> {
    state
        .with_store(move |s| {
            let at = cesp::domain::dates::parse_date(&at).unwrap_or_else(today);
            zonage::search(s, &text, at, 15)
        })
        .await
}

/// One page of today's "À faire" list, with the counts of every category.
#[tauri::command]
#[specta::specta]
async fn todo_list(state: State<'_, AppState>, query: TodoQuery) -> Result<TodoPage, CommandError> {
    state.with_store(move |s| todo::page(s, today(), &query)).await
}

#[tauri::command]
#[specta::specta]
async fn mark_todo_done(
    state: State<'_, AppState>,
    id: i32,
    key: String,
    date: String,
) -> Result<(), CommandError> {
    state
        .with_store(move |s| todo::mark_done(s, i64::from(id), &key, &date, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn unmark_todo(state: State<'_, AppState>, id: i32, key: String) -> Result<(), CommandError> {
    state
        .with_store(move |s| todo::unmark(s, i64::from(id), &key))
        .await
}

#[tauri::command]
#[specta::specta]
async fn todo_settings(state: State<'_, AppState>) -> Result<TodoSettings, CommandError> {
    state.with_store(|s| todo::settings(s)).await
}

#[tauri::command]
#[specta::specta]
async fn save_todo_settings(
    state: State<'_, AppState>,
    settings: TodoSettings,
) -> Result<TodoSettings, CommandError> {
    state.with_store(move |s| todo::save_settings(s, &settings)).await
}

/// The regional counts as of `as_of` (jj/mm/aaaa; today when empty).
#[tauri::command]
#[specta::specta]
async fn regional_counts(state: State<'_, AppState>, as_of: String) -> Result<Counts, CommandError> {
    state
        .with_store(move |s| stats::counts(s, stats::parse_as_of(&as_of, today())?, today()))
        .await
}

/// Writes the counts as of `as_of` to `path` (chosen by the user) in `format`
/// ("csv", "xlsx", "json" or "pdf") and returns that path.
#[tauri::command]
#[specta::specta]
async fn export_counts(
    state: State<'_, AppState>,
    as_of: String,
    format: String,
    path: String,
) -> Result<String, CommandError> {
    state
        .write_output(path, move |s, p| {
            let fmt = stats::export::Format::parse(&format)?;
            let counts = stats::counts(s, stats::parse_as_of(&as_of, today())?, today())?;
            stats::export::write(&counts, fmt, p, today())?;
            Ok(p.display().to_string())
        })
        .await
}

/// The columns the signatory list can be exported with.
#[tauri::command]
#[specta::specta]
async fn export_columns() -> Result<Vec<ExportColumn>, CommandError> {
    Ok(signatory_export::columns())
}

/// Writes the signatory list as filtered, with the chosen columns, to `path` (chosen by the
/// user); returns how many signatories were exported.
#[tauri::command]
#[specta::specta]
async fn export_signatories(
    state: State<'_, AppState>,
    request: SignatoryExport,
    path: String,
) -> Result<u32, CommandError> {
    state
        .write_output(path, move |s, p| {
            signatory_export::write(s, &request, p).map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        })
        .await
}

/// The backups of the register, newest first.
#[tauri::command]
#[specta::specta]
async fn backups(state: State<'_, AppState>) -> Result<Vec<cesp::backup::BackupInfo>, CommandError> {
    state.backups().await
}

/// What the start-up checks (daily backup, integrity) found, for the window to show.
#[tauri::command]
#[specta::specta]
async fn startup_warnings(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    Ok(state.startup_warnings())
}

/// "Sauvegarder maintenant".
#[tauri::command]
#[specta::specta]
async fn backup_now(state: State<'_, AppState>) -> Result<cesp::backup::BackupInfo, CommandError> {
    state.with_store(|s| cesp::backup::backup_now(s)).await
}

/// Replaces the register by the backup at `path` (the current one is backed up first).
#[tauri::command]
#[specta::specta]
async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<cesp::backup::RestoreOutcome, CommandError> {
    state.restore(std::path::PathBuf::from(path)).await
}

/// Integrity and references of the register: the problems found (none: sound).
#[tauri::command]
#[specta::specta]
async fn check_store(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    state.with_store(|s| cesp::backup::check(s)).await
}

#[tauri::command]
#[specta::specta]
async fn backup_retention(
    state: State<'_, AppState>,
) -> Result<cesp::backup::retention::Retention, CommandError> {
    state.with_store(|s| cesp::backup::retention(s)).await
}

#[tauri::command]
#[specta::specta]
async fn save_backup_retention(
    state: State<'_, AppState>,
    retention: cesp::backup::retention::Retention,
) -> Result<cesp::backup::retention::Retention, CommandError> {
    state
        .with_store(move |s| cesp::backup::save_retention(s, &retention))
        .await
}

/// The Historique tab: every change of the signatory's file, newest first.
#[tauri::command]
#[specta::specta]
async fn signatory_history(
    state: State<'_, AppState>,
    id: i32,
) -> Result<Vec<cesp::audit::AuditRow>, CommandError> {
    state.with_store(move |s| cesp::audit::history(s, id)).await
}

/// The journal screen: one page of the entries matching the filters.
#[tauri::command]
#[specta::specta]
async fn audit_log(
    state: State<'_, AppState>,
    query: cesp::audit::AuditQuery,
) -> Result<cesp::audit::AuditPage, CommandError> {
    state.with_store(move |s| cesp::audit::search(s, &query)).await
}

/// Writes every entry matching the filters to `path` ("csv" or "xlsx"); returns how many.
#[tauri::command]
#[specta::specta]
async fn export_audit(
    state: State<'_, AppState>,
    query: cesp::audit::AuditQuery,
    format: String,
    path: String,
) -> Result<u32, CommandError> {
    state
        .write_output(path, move |s, p| {
            let n = cesp::audit::write(s, &query, &format, p)?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
        .await
}

/// Changes how long the journal is kept (6 to 12 months) and purges at once; returns how
/// many entries were purged.
#[tauri::command]
#[specta::specta]
async fn save_audit_retention(state: State<'_, AppState>, months: u32) -> Result<u32, CommandError> {
    state
        .with_store(move |s| {
            let n = cesp::audit::save_retention(s, months, today())?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
        .await
}

/// The ended files past their retention, for archiving.
#[tauri::command]
#[specta::specta]
async fn archive_candidates(state: State<'_, AppState>) -> Result<cesp::archive::ArchiveList, CommandError> {
    state.with_store(|s| cesp::archive::candidates(s, today())).await
}

/// Writes the whole file `id` as JSON to `path`, for the archives; returns that path.
#[tauri::command]
#[specta::specta]
async fn export_archive(state: State<'_, AppState>, id: i32, path: String) -> Result<String, CommandError> {
    state
        .write_output(path, move |s, p| {
            cesp::archive::export(s, i64::from(id), p, today())?;
            Ok(p.display().to_string())
        })
        .await
}

/// An anonymisation or deletion done: the list as it now is, and where the person still is.
#[derive(serde::Serialize, specta::Type)]
struct ArchiveDone {
    list: cesp::archive::ArchiveList,
    erased: cesp::archive::Erased,
}

/// `erase` (anonymise or delete) on file `id`, then the list as it now is.
async fn erase_file(
    state: &AppState,
    id: i32,
    erase: fn(&mut cesp::Store, i64, chrono::NaiveDate) -> cesp::error::Result<cesp::archive::Erased>,
) -> Result<ArchiveDone, CommandError> {
    state
        .with_store(move |s| {
            let erased = erase(s, i64::from(id), today())?;
            let list = cesp::archive::candidates(s, today())?;
            Ok(ArchiveDone { list, erased })
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn anonymise_file(state: State<'_, AppState>, id: i32) -> Result<ArchiveDone, CommandError> {
    erase_file(&state, id, cesp::archive::anonymise).await
}

#[tauri::command]
#[specta::specta]
async fn delete_file(state: State<'_, AppState>, id: i32) -> Result<ArchiveDone, CommandError> {
    erase_file(&state, id, cesp::archive::delete).await
}

/// Deletes the backups that still hold an anonymised or deleted file as it was; how many.
#[tauri::command]
#[specta::specta]
async fn purge_archived_backups(
    state: State<'_, AppState>,
    id: i32,
    created_at: String,
) -> Result<u32, CommandError> {
    state
        .with_store(move |s| {
            let n = cesp::archive::purge_backups(s, i64::from(id), &created_at)?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        })
        .await
}

/// Deletes the applications never converted of the campaigns past the retention.
#[tauri::command]
#[specta::specta]
async fn delete_old_applications(
    state: State<'_, AppState>,
) -> Result<cesp::archive::ArchiveList, CommandError> {
    state
        .with_store(|s| {
            cesp::archive::delete_old_applications(s, today())?;
            cesp::archive::candidates(s, today())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_archive_years(
    state: State<'_, AppState>,
    years: u32,
) -> Result<cesp::archive::ArchiveList, CommandError> {
    state
        .with_store(move |s| {
            cesp::archive::save_years(s, years)?;
            cesp::archive::candidates(s, today())
        })
        .await
}

/// "Candidatures": the applications of a campaign (year, UFR), its commission and calendar.
#[tauri::command]
#[specta::specta]
async fn application_campaign(
    state: State<'_, AppState>,
    year: i32,
    ufr: String,
) -> Result<cesp::applications::CampaignView, CommandError> {
    state
        .with_store(move |s| cesp::applications::campaign(s, year, &ufr, today()))
        .await
}

/// Creates (`id` null) or updates an application.
#[tauri::command]
#[specta::specta]
async fn save_application(
    state: State<'_, AppState>,
    id: Option<i32>,
    year: i32,
    ufr: String,
    input: cesp::applications::ApplicationInput,
) -> Result<cesp::applications::Application, CommandError> {
    state
        .with_store(move |s| cesp::applications::save(s, id.map(i64::from), year, &ufr, &input, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn delete_application(state: State<'_, AppState>, id: i32) -> Result<(), CommandError> {
    state
        .with_store(move |s| cesp::applications::delete(s, i64::from(id)))
        .await
}

/// Ticks (`received_on` jj/mm/aaaa) or unticks ("") a document of the file.
#[tauri::command]
#[specta::specta]
async fn set_application_document(
    state: State<'_, AppState>,
    id: i32,
    document: String,
    received_on: String,
) -> Result<cesp::applications::Application, CommandError> {
    state
        .with_store(move |s| {
            cesp::applications::set_document(s, i64::from(id), &document, &received_on, today())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn record_application_decision(
    state: State<'_, AppState>,
    id: i32,
    decision: String,
    waiting_rank: String,
    reason: String,
) -> Result<cesp::applications::Application, CommandError> {
    state
        .with_store(move |s| {
            cesp::applications::record_decision(s, i64::from(id), &decision, &waiting_rank, &reason, today())
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_commission(
    state: State<'_, AppState>,
    year: i32,
    ufr: String,
    input: cesp::applications::CommissionInput,
) -> Result<cesp::applications::CampaignView, CommandError> {
    state
        .with_store(move |s| cesp::applications::save_commission(s, year, &ufr, &input, today()))
        .await
}

/// Writes the list of the commission's decisions as a PDF to `path`; returns that path.
#[tauri::command]
#[specta::specta]
async fn print_decisions(
    state: State<'_, AppState>,
    year: i32,
    ufr: String,
    path: String,
) -> Result<String, CommandError> {
    state
        .write_output(path, move |s, p| {
            cesp::applications::print::write(s, year, &ufr, p, today())?;
            Ok(p.display().to_string())
        })
        .await
}

/// "Convertir en signataire": returns the new signatory's id.
#[tauri::command]
#[specta::specta]
async fn convert_application(
    state: State<'_, AppState>,
    id: i32,
    contract_sent_on: String,
) -> Result<i32, CommandError> {
    state
        .with_store(move |s| cesp::applications::convert(s, i64::from(id), &contract_sent_on, today()))
        .await
}

#[tauri::command]
#[specta::specta]
async fn campaign_settings(
    state: State<'_, AppState>,
) -> Result<cesp::applications::calendar::CampaignSettingsForm, CommandError> {
    state
        .with_store(|s| {
            Ok(cesp::applications::calendar::form(
                &cesp::applications::calendar::settings(s)?,
            ))
        })
        .await
}

#[tauri::command]
#[specta::specta]
async fn save_campaign_settings(
    state: State<'_, AppState>,
    form: cesp::applications::calendar::CampaignSettingsForm,
) -> Result<cesp::applications::calendar::CampaignSettingsForm, CommandError> {
    state
        .with_store(move |s| cesp::applications::calendar::save_settings(s, &form))
        .await
}

/// "À propos": version, where the data and backups are, licences.
#[tauri::command]
#[specta::specta]
async fn about(state: State<'_, AppState>) -> Result<cesp::settings::About, CommandError> {
    state.with_store(|s| cesp::settings::about(s)).await
}

/// "Ouvrir": a file this window wrote (an export, a print) in the program the system
/// associates with it. Only those: the window cannot open anything else on the disk.
#[tauri::command]
#[specta::specta]
async fn open_output(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    state.check_output(&path)?;
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|e| CommandError::failure(format!("Le fichier {path} n'a pas pu être ouvert : {e}")))
}

/// "Afficher dans le dossier": the folder of a file this window wrote, in the file manager.
#[tauri::command]
#[specta::specta]
async fn reveal_output(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    state.check_output(&path)?;
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|e| CommandError::failure(format!("Le dossier de {path} n'a pas pu être affiché : {e}")))
}

pub fn builder() -> Builder<tauri::Wry> {
    // One TypeScript type per Rust type: inputs are only read and outputs only written,
    // so serde's per-direction variants would only add noise.
    Builder::<tauri::Wry>::new()
        .disable_serde_phases()
        .commands(collect_commands![
            app_info,
            reference_lists,
            list_signatories,
            get_signatory,
            create_signatory,
            update_signatory,
            save_settings,
            load_demo,
            start_empty,
            get_ledger,
            save_ledger,
            simulate_rupture,
            record_contract_end,
            allowance_rates,
            save_allowance_rates,
            print_rupture_simulation,
            degressive_settings,
            save_degressive_settings,
            contact_settings,
            save_contact_settings,
            campaign_dates,
            save_campaign_dates,
            logo_info,
            save_logo,
            remove_logo,
            letter_kinds,
            letter_template,
            save_letter_template,
            print_letters,
            email_template,
            save_email_template,
            write_email_drafts,
            privacy_notice,
            save_privacy_notice,
            followup_campaign,
            followup_campaign_ids,
            mark_forms_sent,
            record_form_reminder,
            mark_form_received,
            get_followup_form,
            record_followup_answers,
            choose_files,
            read_returned_sheets,
            accept_returned_sheet,
            followup_history,
            print_followup_sheet,
            print_followup_batch,
            cancel_followup_print,
            import_preview,
            import_run,
            cancel_import,
            save_import_mapping,
            save_import_report,
            interviews_tab,
            save_interview,
            delete_interview,
            region_due_interviews,
            print_interview_report,
            installation_tab,
            save_declaration,
            delete_declaration,
            installation_settings,
            save_installation_settings,
            zonage_versions,
            import_zonage,
            search_communes,
            todo_list,
            mark_todo_done,
            unmark_todo,
            todo_settings,
            save_todo_settings,
            regional_counts,
            export_counts,
            export_columns,
            export_signatories,
            backups,
            startup_warnings,
            backup_now,
            restore_backup,
            check_store,
            backup_retention,
            save_backup_retention,
            signatory_history,
            audit_log,
            export_audit,
            save_audit_retention,
            archive_candidates,
            export_archive,
            choose_path,
            anonymise_file,
            purge_archived_backups,
            delete_file,
            save_archive_years,
            delete_old_applications,
            application_campaign,
            save_application,
            delete_application,
            set_application_document,
            record_application_decision,
            save_commission,
            print_decisions,
            convert_application,
            campaign_settings,
            save_campaign_settings,
            about,
            open_output,
            reveal_output,
        ])
}

pub fn export_bindings(builder: &Builder<tauri::Wry>, path: &str) -> Result<(), String> {
    builder
        .export(
            specta_typescript::Typescript::default().header(
                "// Généré par `suivi-cesp --export-bindings` depuis les types Rust : ne pas modifier à la main.\n// @ts-nocheck\n",
            ),
            path,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    //! The shell stays locked down: these tests read the configuration that is built into
    //! the binary and fail if it is loosened.

    use serde_json::Value;

    fn json(path: &str) -> Value {
        let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path);
        serde_json::from_str(&text).expect(path)
    }

    /// The commands registered with Tauri, as the generated bindings call them.
    fn registered_commands() -> Vec<String> {
        let file = std::env::temp_dir().join(format!("cesp-bindings-{}.ts", std::process::id()));
        super::export_bindings(&super::builder(), file.to_str().expect("chemin")).expect("export");
        let text = std::fs::read_to_string(&file).expect("bindings");
        let _ = std::fs::remove_file(&file);
        let mut names: Vec<String> = text
            .split("__TAURI_INVOKE(\"")
            .skip(1)
            .filter_map(|s| s.split('"').next().map(str::to_owned))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_capability_grants_exactly_the_registered_commands() {
        let cap = json("capabilities/main.json");
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        assert!(
            cap.get("remote").is_none(),
            "no remote origin may use the commands"
        );
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(Value::as_str)
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        granted.sort();
        assert_eq!(granted, registered_commands());
        let others: Vec<&str> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(Value::as_str)
            .filter(|p| !p.starts_with("allow-"))
            .collect();
        // Not even the dialogs: they are shown from the Rust side (choose_path), which alone
        // keeps the paths the user chose.
        assert_eq!(others, ["core:default"], "no other plugin permission");
        let build =
            std::fs::read_to_string(format!("{}/build.rs", env!("CARGO_MANIFEST_DIR"))).expect("build.rs");
        for c in registered_commands() {
            assert!(
                build.contains(&format!("\"{c}\"")),
                "{c} missing from the app manifest in build.rs"
            );
        }
    }

    #[test]
    fn the_csp_and_the_prototype_stay_strict() {
        let conf = json("tauri.conf.json");
        let sec = &conf["app"]["security"];
        assert_eq!(sec["freezePrototype"], true);
        let csp = &sec["csp"];
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        assert_eq!(csp["object-src"], "'none'");
        assert_eq!(csp["frame-src"], "'none'");
        assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
        let all = csp.to_string();
        assert!(
            !all.contains("http://") || all.matches("http://").count() == 1,
            "no remote origin: {all}"
        );
        assert!(
            !all.contains("https:") && !all.contains('*'),
            "no remote origin: {all}"
        );
        assert_eq!(conf["app"]["withGlobalTauri"], false);
        let plugins = std::fs::read_to_string(format!("{}/Cargo.toml", env!("CARGO_MANIFEST_DIR")))
            .expect("Cargo.toml");
        assert!(!plugins.contains("tauri-plugin-shell"), "no shell plugin");
    }

    /// Tauri 2.11.1 and later deny the application's commands unless a capability grants
    /// them (the AppManifest of build.rs): the version locked must not go below it.
    #[test]
    fn tauri_is_at_least_2_11_1() {
        let lock = std::fs::read_to_string(format!("{}/../Cargo.lock", env!("CARGO_MANIFEST_DIR")))
            .expect("Cargo.lock");
        let version = lock
            .split("[[package]]")
            .find(|p| p.contains("\nname = \"tauri\"\n"))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
            .and_then(|v| v.strip_suffix('"'))
            .expect("tauri in Cargo.lock");
        let parts: Vec<u32> = version.split('.').map(|n| n.parse().unwrap_or(0)).collect();
        assert!(parts >= vec![2, 11, 1], "tauri {version} < 2.11.1");
    }
}
