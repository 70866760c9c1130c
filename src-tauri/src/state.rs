//! The open store, shared by the commands. SQLite work runs on Tauri's blocking pool so
//! the window never waits on the disk.

use crate::error::CommandError;
use cesp::Store;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

pub struct AppState {
    store: Arc<Mutex<Option<Store>>>,
    /// Why the store could not be opened (too new, network share…), shown by every command.
    open_error: Option<String>,
    /// Set by "Annuler" while a batch print runs.
    print_cancel: Arc<AtomicBool>,
}

impl AppState {
    pub fn open(path: Option<PathBuf>) -> Self {
        let (store, open_error) = match path {
            None => (
                None,
                Some("Aucun dossier de données n'est défini pour cet utilisateur : lancez l'application avec --db CHEMIN ou la variable CESP_DB.".to_owned()),
            ),
            Some(p) => match Store::open(&p) {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(e.to_string())),
            },
        };
        AppState {
            store: Arc::new(Mutex::new(store)),
            open_error,
            print_cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts computing the home screen's list while the window loads, so that it is ready
    /// when the screen asks for it (a region of 50 000 takes a few tenths of a second). An
    /// error is left for the screen to show when it asks.
    pub fn prepare_home(&self, today: chrono::NaiveDate) {
        let store = Arc::clone(&self.store);
        std::thread::spawn(move || {
            let guard = store.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = guard.as_ref() {
                // The home list first (the screen waits for it), then the day's backup.
                let _ = cesp::todo::prepare(s, today);
                if let Err(e) = cesp::backup::daily(s, chrono::Local::now().naive_local()) {
                    eprintln!("Sauvegarde automatique impossible : {e}");
                }
            }
        });
    }

    /// Replaces the register by the backup `source`: the store is closed (the restore needs the
    /// file to itself), the core restores, and whatever happened the register is opened again.
    pub async fn restore(&self, source: PathBuf) -> Result<cesp::backup::RestoreOutcome, CommandError> {
        let store = Arc::clone(&self.store);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
            let Some(current) = guard.take() else {
                return Err(CommandError::failure(
                    "La base de données n'est pas ouverte.".to_owned(),
                ));
            };
            let db = current.path().to_owned();
            drop(current);
            let result = cesp::backup::restore(&db, &source, cesp::store::migrations::latest_version());
            match Store::open(&db) {
                Ok(s) => *guard = Some(s),
                Err(e) => return Err(CommandError::from(e)),
            }
            result.map_err(CommandError::from)
        })
        .await
        .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
    }

    /// The flag that stops the running batch print.
    pub fn print_cancel(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.print_cancel)
    }

    /// Runs `f` with the store on a blocking thread.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> cesp::error::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        let open_error = self.open_error.clone();
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command poisons the lock; the store itself is still
            // consistent (every write is one transaction), so carry on with it.
            let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
            match guard.as_mut() {
                Some(s) => f(s).map_err(CommandError::from),
                None => {
                    Err(CommandError::failure(open_error.unwrap_or_else(|| {
                        "La base de données n'est pas ouverte.".into()
                    })))
                }
            }
        })
        .await
        .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
    }
}
