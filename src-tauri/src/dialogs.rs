//! The native "Ouvrir" and "Enregistrer sous" dialogs, shown from the Rust side, and the
//! paths they gave.
//!
//! The front end never names a path of its own: it asks for a dialog, the user chooses, and
//! the path the dialog returned is remembered here with what it was chosen for (a file to
//! read, a file to write, a folder to write into). Every command that reads or writes a
//! file the user chose accepts only such a path; anything else (a path typed by a script in
//! the webview, a "folder" named `https://…`) is refused before the disk is touched.
//!
//! For the end-to-end tests, where a native dialog cannot be driven, `CESP_TEST_DIALOG`
//! may name a file whose content is the dialog's answer (an empty file: cancelled).

use crate::error::CommandError;
use serde::Deserialize;
use specta::Type;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

/// What a path was chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A file to read (a spreadsheet to import, a zonage).
    Read,
    /// A file to write (an export, a print).
    Write,
    /// A folder to write files into (one sheet per signatory).
    Folder,
}

/// The paths the dialogs gave in this session.
#[derive(Default)]
pub struct Grants(Mutex<HashMap<PathBuf, Access>>);

impl Grants {
    pub fn grant(&self, path: &Path, access: Access) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_owned(), access);
    }

    /// `path` as a path, when a dialog gave it for `access`; a French refusal otherwise.
    pub fn check(&self, path: &str, access: Access) -> Result<PathBuf, CommandError> {
        let p = PathBuf::from(path);
        let granted = self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&p).copied();
        // A file chosen to be written may be read back (the report of an import).
        let ok = granted == Some(access) || (access == Access::Read && granted == Some(Access::Write));
        if ok {
            Ok(p)
        } else {
            Err(CommandError::failure(format!(
                "{path} n'a pas été choisi dans une boîte de dialogue de cette fenêtre : refusé. \
                 Choisissez le fichier ou le dossier avec le bouton prévu."
            )))
        }
    }
}

/// A file type offered by a dialog: "Document PDF" with ["pdf"].
#[derive(Debug, Clone, Deserialize, Type)]
pub struct DialogFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// What the front end asks a dialog for.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DialogRequest {
    /// "Enregistrer sous", proposing `default_name`.
    Save {
        title: String,
        default_name: String,
        filter: DialogFilter,
    },
    /// "Ouvrir" a file of one of `filter`'s types.
    Open { title: String, filter: DialogFilter },
    /// "Choisir un dossier".
    Folder { title: String },
}

impl DialogRequest {
    fn access(&self) -> Access {
        match self {
            DialogRequest::Save { .. } => Access::Write,
            DialogRequest::Open { .. } => Access::Read,
            DialogRequest::Folder { .. } => Access::Folder,
        }
    }
}

/// The scripted answer of the end-to-end tests (see the module comment).
fn scripted_answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("CESP_TEST_DIALOG")?;
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.trim();
    Some((!line.is_empty()).then(|| PathBuf::from(line)))
}

/// Shows the dialog and waits for the user's choice, off the async runtime's threads.
async fn show(app: &AppHandle, request: &DialogRequest) -> Result<Option<PathBuf>, CommandError> {
    if let Some(answer) = scripted_answer() {
        return Ok(answer);
    }
    let (tx, rx) = std::sync::mpsc::channel::<Option<FilePath>>();
    let send = move |p: Option<FilePath>| {
        let _ = tx.send(p);
    };
    let dialog = app.dialog().file();
    match request {
        DialogRequest::Save {
            title,
            default_name,
            filter,
        } => {
            let exts: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
            dialog
                .set_title(title)
                .set_file_name(default_name)
                .add_filter(&filter.name, &exts)
                .save_file(send);
        }
        DialogRequest::Open { title, filter } => {
            let exts: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
            dialog
                .set_title(title)
                .add_filter(&filter.name, &exts)
                .pick_file(send);
        }
        DialogRequest::Folder { title } => dialog.set_title(title).pick_folder(send),
    }
    let chosen = tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
        .await
        .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?;
    chosen
        .map(|p| {
            p.into_path()
                .map_err(|e| CommandError::failure(format!("Chemin choisi illisible : {e}")))
        })
        .transpose()
}

/// Shows a native dialog; the path chosen (if any) is granted for what it was asked for.
pub async fn choose(
    app: &AppHandle,
    grants: &Grants,
    request: DialogRequest,
) -> Result<Option<String>, CommandError> {
    let Some(path) = show(app, &request).await? else {
        return Ok(None);
    };
    // A dialog gives absolute paths; anything else (a scripted answer gone wrong) is refused.
    if !path.is_absolute() {
        return Err(CommandError::failure(format!(
            "{} n'est pas un chemin complet : refusé.",
            path.display()
        )));
    }
    grants.grant(&path, request.access());
    Ok(Some(path.display().to_string()))
}

/// "Ouvrir" several files of `filter`'s types: the paths chosen (none if cancelled), each
/// granted for reading. The end-to-end tests script it with one path per line.
pub async fn choose_many(
    app: &AppHandle,
    grants: &Grants,
    title: String,
    filter: DialogFilter,
) -> Result<Vec<String>, CommandError> {
    let chosen: Vec<PathBuf> = match std::env::var_os("CESP_TEST_DIALOG") {
        Some(file) => std::fs::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect(),
        None => {
            let (tx, rx) = std::sync::mpsc::channel::<Option<Vec<FilePath>>>();
            let exts: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
            app.dialog()
                .file()
                .set_title(title)
                .add_filter(&filter.name, &exts)
                .pick_files(move |p| {
                    let _ = tx.send(p);
                });
            let picked = tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
                .await
                .map_err(|e| CommandError::failure(format!("Erreur interne de l'application : {e}")))?
                .unwrap_or_default();
            picked
                .into_iter()
                .map(|p| {
                    p.into_path()
                        .map_err(|e| CommandError::failure(format!("Chemin choisi illisible : {e}")))
                })
                .collect::<Result<_, _>>()?
        }
    };
    let mut out = Vec::new();
    for path in chosen {
        if !path.is_absolute() {
            return Err(CommandError::failure(format!(
                "{} n'est pas un chemin complet : refusé.",
                path.display()
            )));
        }
        grants.grant(&path, Access::Read);
        out.push(path.display().to_string());
    }
    Ok(out)
}

/// Files dropped on the window (for the returned sheets): granted for reading, like a file
/// chosen in "Ouvrir" — the user named them by dropping them.
pub fn grant_dropped(grants: &Grants, paths: &[PathBuf]) {
    for p in paths.iter().filter(|p| p.is_absolute()) {
        grants.grant(p, Access::Read);
    }
}

/// Extensions a click on "Ouvrir" must never run, whatever the system associates with them.
const EXECUTABLE: &[&str] = &[
    "exe", "com", "bat", "cmd", "msi", "msp", "scr", "pif", "cpl", "ps1", "psm1", "vbs", "vbe", "js", "jse",
    "wsf", "wsh", "hta", "lnk", "url", "reg", "jar", "sh", "bash", "zsh", "run", "bin", "desktop",
    "appimage", "app", "command", "py", "pl", "rb", "deb", "rpm", "apk", "dll", "so",
];

/// Refuses what the system opener must not be handed: anything but an absolute path to a
/// file of a document type (no URL, no relative path, no program).
pub fn openable(path: &str) -> Result<(), CommandError> {
    let refused = |why: &str| {
        Err(CommandError::failure(format!(
            "{path} ne peut pas être ouvert d'ici : {why}."
        )))
    };
    // "https://…", "file://…"; "mailto:…" and the like are not absolute paths either.
    if path.contains("://") {
        return refused("c'est une adresse, pas un fichier");
    }
    if !Path::new(path).is_absolute() {
        return refused("ce n'est pas un chemin complet");
    }
    let ext = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if EXECUTABLE.contains(&ext.as_str()) {
        return refused("c'est un programme");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_granted_paths_pass_and_for_what_they_were_chosen() {
        let g = Grants::default();
        assert!(g.check("/tmp/comptages.pdf", Access::Write).is_err());
        g.grant(Path::new("/tmp/comptages.pdf"), Access::Write);
        assert!(g.check("/tmp/comptages.pdf", Access::Write).is_ok());
        assert!(g.check("/tmp/comptages.pdf", Access::Read).is_ok(), "read back");
        assert!(g.check("/tmp/comptages.pdf", Access::Folder).is_err());
        g.grant(Path::new("/home/ref/registre.xlsx"), Access::Read);
        assert!(
            g.check("/home/ref/registre.xlsx", Access::Write).is_err(),
            "chosen to be read, not written"
        );
        assert!(g.check("https://exemple.org/x", Access::Folder).is_err());
    }

    #[test]
    fn the_opener_gets_documents_only() {
        assert!(openable("/tmp/comptages.pdf").is_ok());
        for bad in [
            "https://exemple.org/x.pdf",
            "file:///etc/passwd",
            "mailto:x@example.org",
            "comptages.pdf",
            "./comptages.pdf",
            "/tmp/programme.exe",
            "/tmp/lanceur.desktop",
            "/tmp/script.SH",
        ] {
            assert!(openable(bad).is_err(), "{bad}");
        }
    }
}
