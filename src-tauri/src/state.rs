//! The open store, shared by the commands. SQLite work runs on Tauri's blocking pool so
//! the window never waits on the disk.

use crate::error::CommandError;
use cesp::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

pub struct AppState {
    store: Arc<Mutex<Option<Store>>>,
    /// The database file, known even when it could not be opened (its backups can still be
    /// listed and restored).
    db_path: Option<PathBuf>,
    /// Why the store could not be opened (too new, damaged, network share…), shown by every
    /// command; cleared when a restore opens it.
    /// Kept as the command error it gives (a damaged file makes the window offer its backups).
    open_error: Arc<Mutex<Option<CommandError>>>,
    /// Set by "Annuler" while a batch print runs.
    print_cancel: Arc<AtomicBool>,
    /// Set by "Annuler" while an import runs.
    import_cancel: Arc<AtomicBool>,
    /// What the start-up found: a failed daily backup, a failed integrity check.
    warnings: Arc<Mutex<Vec<String>>>,
    /// The files this window wrote (exports, prints): the only ones "Ouvrir" and "Afficher
    /// dans le dossier" may show.
    outputs: Arc<Mutex<std::collections::HashSet<PathBuf>>>,
    /// The paths the native dialogs gave in this session: the only ones read or written.
    pub grants: crate::dialogs::Grants,
}

impl AppState {
    pub fn open(path: Option<PathBuf>) -> Self {
        let db_path = path.clone();
        let (store, open_error) = match path {
            None => (
                None,
                Some(CommandError::failure(
                    "Aucun dossier de données n'est défini pour cet utilisateur : lancez l'application avec --db CHEMIN ou la variable CESP_DB.",
                )),
            ),
            Some(p) => match Store::open(&p) {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(CommandError::from(e))),
            },
        };
        AppState {
            store: Arc::new(Mutex::new(store)),
            db_path,
            open_error: Arc::new(Mutex::new(open_error)),
            warnings: Arc::new(Mutex::new(Vec::new())),
            outputs: Default::default(),
            grants: Default::default(),
            print_cancel: Arc::new(AtomicBool::new(false)),
            import_cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts computing the home screen's list while the window loads, so that it is ready
    /// when the screen asks for it (a region of 50 000 takes a few tenths of a second). An
    /// error is left for the screen to show when it asks.
    pub fn prepare_home(&self, today: chrono::NaiveDate) {
        let store = Arc::clone(&self.store);
        let warnings = Arc::clone(&self.warnings);
        let db = self.db_path.clone();
        std::thread::spawn(move || {
            let mut found = Vec::new();
            {
                let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
                let Some(s) = guard.as_mut() else { return };
                // The home list first (the screen waits for it), then the day's backup.
                let _ = cesp::todo::prepare(s, today);
                // The journal keeps what the retention allows, no more (CNIL).
                if let Err(e) = cesp::audit::purge(s, today) {
                    found.push(format!(
                        "Le journal des modifications n'a pas pu être purgé : {e}"
                    ));
                }
                if let Err(e) = cesp::backup::daily(s, chrono::Local::now().naive_local()) {
                    found.push(format!(
                        "La sauvegarde automatique du jour n'a pas pu être faite : {e}"
                    ));
                }
            }
            // On a connection of its own, the register stays usable meanwhile (a second at
            // 50 000 signatories), and once the window has loaded: on two cores it would
            // otherwise compete with the first screen.
            std::thread::sleep(std::time::Duration::from_secs(3));
            if let Some(db) = db {
                let problems = cesp::backup::health(&db);
                if !problems.is_empty() {
                    found.push(format!(
                        "La vérification de la base au lancement a trouvé des problèmes ({}). Restaurez la \
                         dernière sauvegarde : Paramètres › Sauvegardes.",
                        problems.join(" ; ")
                    ));
                }
            }
            warnings.lock().unwrap_or_else(|p| p.into_inner()).extend(found);
        });
    }

    /// Records a file this window wrote.
    pub fn remember(&self, path: impl AsRef<std::path::Path>) {
        self.outputs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.as_ref().to_owned());
    }

    /// Refuses a path this window did not write, and one the system opener must not get.
    pub fn check_output(&self, path: &str) -> Result<(), CommandError> {
        crate::dialogs::openable(path)?;
        let known = self
            .outputs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(std::path::Path::new(path));
        if known {
            Ok(())
        } else {
            Err(CommandError::failure(format!(
                "{path} n'a pas été écrit par cette fenêtre : il ne peut pas être ouvert d'ici."
            )))
        }
    }

    /// What the start-up checks found so far.
    pub fn startup_warnings(&self) -> Vec<String> {
        self.warnings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The backups of the register, also when it could not be opened (to offer a restore).
    pub async fn backups(&self) -> Result<Vec<cesp::backup::BackupInfo>, CommandError> {
        let Some(db) = self.db_path.clone() else {
            return Err(CommandError::failure(
                "Aucune base de données n'est définie.".to_owned(),
            ));
        };
        tauri::async_runtime::spawn_blocking(move || cesp::backup::list(&db).map_err(CommandError::from))
            .await
            .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
    }

    /// Replaces the register by the backup `source`: the store is closed (the restore needs the
    /// file to itself), the core restores, and whatever happened the register is opened again.
    /// Works also when the register could not be opened (a damaged file is moved aside).
    pub async fn restore(&self, source: PathBuf) -> Result<cesp::backup::RestoreOutcome, CommandError> {
        let store = Arc::clone(&self.store);
        let open_error = Arc::clone(&self.open_error);
        let Some(db) = self.db_path.clone() else {
            return Err(CommandError::failure(
                "Aucune base de données n'est définie.".to_owned(),
            ));
        };
        // Only one of the register's own backups, as the list shows them.
        let listed = cesp::backup::list(&db)
            .map_err(CommandError::from)?
            .iter()
            .any(|b| std::path::Path::new(&b.path) == source);
        if !listed {
            return Err(CommandError::failure(format!(
                "{} n'est pas une sauvegarde de cette base : rien n'a été restauré.",
                source.display()
            )));
        }
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
            drop(guard.take());
            let result = cesp::backup::restore(&db, &source, cesp::store::migrations::latest_version());
            let mut error = open_error.lock().unwrap_or_else(|p| p.into_inner());
            match Store::open(&db) {
                Ok(s) => {
                    *guard = Some(s);
                    *error = None;
                }
                Err(e) => {
                    let mut open = CommandError::from(e);
                    if let (Ok(outcome), Some(message)) = (&result, open.message_mut()) {
                        if let Some(p) = &outcome.previous {
                            message.push_str(&format!(" (La base remplacée est gardée : {p}.)"));
                        }
                    }
                    *error = Some(open.clone());
                    return Err(open);
                }
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

    /// The flag that stops the running import (its transaction is rolled back).
    pub fn import_cancel(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.import_cancel)
    }

    /// Runs `f` with the store to write the file the user chose at `path`; once written, it
    /// is one of the files "Ouvrir" and "Afficher dans le dossier" may show.
    pub async fn write_output<T, F>(&self, path: String, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Path) -> cesp::error::Result<T> + Send + 'static,
    {
        let target = self.grants.check(&path, crate::dialogs::Access::Write)?;
        let chosen = target.clone();
        let out = self.with_store(move |s| f(s, &chosen)).await?;
        self.remember(&target);
        Ok(out)
    }

    /// Runs `f` with the store on a blocking thread.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> cesp::error::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        let open_error = Arc::clone(&self.open_error);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command poisons the lock; the store itself is still
            // consistent (every write is one transaction), so carry on with it.
            let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
            match guard.as_mut() {
                Some(s) => f(s).map_err(CommandError::from),
                None => {
                    let open = open_error.lock().unwrap_or_else(|p| p.into_inner()).clone();
                    Err(open
                        .unwrap_or_else(|| CommandError::failure("La base de données n'est pas ouverte.")))
                }
            }
        })
        .await
        .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_files_this_window_wrote_can_be_opened() {
        let state = AppState::open(None);
        assert!(state.check_output("/etc/passwd").is_err());
        state.remember("/tmp/comptages.pdf");
        state.remember("/tmp/programme.exe");
        assert!(
            state.check_output("/tmp/programme.exe").is_err(),
            "never a program"
        );
        assert!(state.check_output("/tmp/comptages.pdf").is_ok());
        let mut err = state.check_output("/tmp/comptages.pdf.autre").unwrap_err();
        let message = err.message_mut().cloned().unwrap_or_default();
        assert!(
            message.contains("n'a pas été écrit par cette fenêtre"),
            "{message}"
        );
    }
}
