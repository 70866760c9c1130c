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
        assert_eq!(
            others,
            ["core:default", "dialog:allow-save"],
            "no other plugin permission"
        );
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
}
