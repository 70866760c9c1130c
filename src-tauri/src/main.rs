//! The Tauri shell of Suivi CESP: opens the store, serves the front end and exposes
//! the core's services as commands. No SQL and no business rule here.

#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

mod commands;
mod error;
mod state;

use std::process::ExitCode;

fn main() -> ExitCode {
    let builder = commands::builder();

    // `suivi-cesp --export-bindings FILE` writes the TypeScript bindings and exits:
    // the test script compares them with the committed ui/src/bindings.ts.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--export-bindings") {
        let Some(path) = args.get(i + 1) else {
            eprintln!("Usage : suivi-cesp --export-bindings FICHIER.ts");
            return ExitCode::from(2);
        };
        return match commands::export_bindings(&builder, path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("Export des types TypeScript impossible : {e}");
                ExitCode::FAILURE
            }
        };
    }

    let state = state::AppState::open(cesp::paths::resolve(cesp::paths::db_from_args(args)));
    state.prepare_home(commands::today());
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Suivi CESP n'a pas pu démarrer : {e}");
            ExitCode::FAILURE
        }
    }
}
