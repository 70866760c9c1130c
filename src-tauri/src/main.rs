//! The Tauri shell of Suivi CESP: opens the store, serves the front end and exposes
//! the core's services as commands. No SQL and no business rule here.

#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

mod commands;
mod dialogs;
mod error;
use cesp::single_instance;
mod state;

use std::process::ExitCode;
use tauri::Manager;

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

    let db = cesp::paths::resolve(cesp::paths::db_from_args(args));
    // One window per register: a second launch raises the first and stops here, before
    // the store is even opened.
    let instance = match db.as_deref().map(single_instance::claim) {
        Some(Ok(single_instance::Claim::AlreadyOpen)) => {
            println!("Suivi CESP est déjà ouvert sur cette base : sa fenêtre est mise au premier plan.");
            return ExitCode::SUCCESS;
        }
        Some(Ok(single_instance::Claim::First(i))) => Some(i),
        // Not being able to check must not keep the referent out: the store's own locking
        // still protects the file.
        Some(Err(e)) => {
            eprintln!("Vérification d'une autre fenêtre ouverte impossible ({e}) : l'application démarre quand même.");
            None
        }
        None => None,
    };
    let state = state::AppState::open(db);
    state.prepare_home(commands::today());
    let guard: std::sync::Arc<std::sync::Mutex<Option<single_instance::Guard>>> = Default::default();
    let kept = std::sync::Arc::clone(&guard);
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window comes back where and as large as it was left (size, position,
        // maximised), saved when it closes; nothing of it is exposed to the front end.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            keep_window_state(app.handle());
            grant_dropped_files(app.handle());
            if let Some(instance) = instance {
                let handle = app.handle().clone();
                let g = instance.serve(move || {
                    if let Some(w) = handle.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                });
                *kept.lock().unwrap_or_else(|p| p.into_inner()) = Some(g);
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(move |_, event| {
                if let tauri::RunEvent::Exit = event {
                    // The claim file goes with the window.
                    guard.lock().unwrap_or_else(|p| p.into_inner()).take();
                }
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Suivi CESP n'a pas pu démarrer : {e}");
            ExitCode::FAILURE
        }
    }
}

/// Files dropped on the window may be read (the returned sheets' "Déposer ici"): the drop
/// is the user's choice, as a path chosen in "Ouvrir" is.
fn grant_dropped_files(app: &tauri::AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let handle = app.clone();
    window.on_window_event(move |event| {
        if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
            let state = handle.state::<crate::state::AppState>();
            crate::dialogs::grant_dropped(&state.grants, paths);
        }
    });
}

/// Saves the window's size and position half a second after it stops moving, on top of the
/// plugin's save at closing: a session that ends without a clean close (a crash, a logout
/// that kills the process, the end-to-end tests) keeps them too.
fn keep_window_state(app: &tauri::AppHandle) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let moves = std::sync::Arc::new(AtomicU64::new(0));
    let handle = app.clone();
    window.on_window_event(move |event| {
        if matches!(
            event,
            tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
        ) {
            let n = moves.fetch_add(1, Ordering::SeqCst) + 1;
            let (moves, handle) = (std::sync::Arc::clone(&moves), handle.clone());
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(500));
                if moves.load(Ordering::SeqCst) == n {
                    let _ = handle.save_window_state(StateFlags::all());
                }
            });
        }
    });
}
