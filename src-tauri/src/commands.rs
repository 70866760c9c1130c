//! The commands the front end may call: each one a thin call into the core.

use crate::error::CommandError;
use crate::state::AppState;
use cesp::domain::{Signatory, SignatoryInput};
use cesp::ledger::service::{
    self as ledger, AllowanceRateForm, ContractEndInput, DegressiveForm, LedgerForm, LedgerView,
};
use cesp::ledger::SimulateOutput;
use cesp::register::{self, ListQuery, Page};
use cesp::settings::{self, AppInfo, ReferenceLists, SettingsInput};
use tauri::State;
use tauri_specta::{collect_commands, Builder};

/// Demo data are generated with a fixed seed: every user sees the same fictitious register.
const DEMO_SEED: u64 = 2026;

fn today() -> chrono::NaiveDate {
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
        .with_store(move |s| {
            cesp::ledger::print::print_rupture_sheet(
                s,
                i64::from(id),
                &date,
                std::path::Path::new(&path),
                today(),
            )?;
            Ok(path)
        })
        .await
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
