//! Typed errors of the core. Every message is a French sentence a referent can act on:
//! the window and the command line show them as they are.

use serde::Serialize;
use specta::Type;
use std::path::PathBuf;

/// One invalid field of a form or of an imported row: `field` is the input key
/// (e.g. `last_name`), `message` says in French what is wrong and what is expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// All the invalid fields of one input, in form order. Never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The message of `field`, if it is invalid (used by tests and the CLI).
    pub fn message(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} champ{} invalide{} ; rien n'a été enregistré",
            if n > 1 { "s" } else { "" },
            if n > 1 { "s" } else { "" }
        )?;
        for e in &self.0 {
            write!(f, "\n  - {} : {}", e.field, e.message)?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Validation(ValidationErrors),

    #[error("Import annulé : rien n'a été enregistré, la base est inchangée.")]
    ImportCancelled,

    #[error("La base de données {path} a été créée par une version plus récente de Suivi CESP (schéma {found} ; cette version connaît le schéma {supported} au plus). Elle n'a pas été modifiée : installez la dernière version de l'application pour l'ouvrir.")]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("Le fichier {path} n'est pas une base de données Suivi CESP ({detail}). Il n'a pas été modifié : vérifiez le chemin indiqué (option --db ou variable CESP_DB).")]
    NotOurDatabase { path: PathBuf, detail: String },

    #[error("Le schéma de la base {path} a été modifié en dehors de Suivi CESP ({detail}) : par prudence, elle n'est ni ouverte ni modifiée. Si c'est une sauvegarde reçue d'un tiers, demandez-en une autre ; sinon restaurez une sauvegarde faite par l'application.")]
    AlteredSchema { path: PathBuf, detail: String },

    #[error("La base de données {path} est endommagée ({detail}). Rien n'a été supprimé ni modifié. Restaurez la dernière sauvegarde (dossier {backups}) : la fenêtre de Suivi CESP les propose sous ce message ; en ligne de commande, « cesp --db {path} backups » pour les lister, puis « cesp --db {path} restore SAUVEGARDE ». La base endommagée est alors mise de côté dans ce dossier.")]
    Damaged {
        path: PathBuf,
        detail: String,
        backups: PathBuf,
    },

    #[error("La base de données est endommagée (détail : {0}). Rien n'a été supprimé. Restaurez la dernière sauvegarde : Paramètres › Sauvegardes dans la fenêtre, ou « cesp --db BASE restore SAUVEGARDE » (les sauvegardes sont dans le dossier « sauvegardes » à côté de la base).")]
    Corrupt(String),

    #[error("La base de données {path} se trouve sur un partage réseau ({filesystem}). SQLite, en mode WAL, ne fonctionne pas de façon sûre sur un partage réseau : placez la base sur un disque local de cet ordinateur (les sauvegardes, elles, peuvent aller sur le réseau).")]
    NetworkShare { path: PathBuf, filesystem: String },

    #[error("La base de données {path} ne peut pas porter ce nom : {reason}. Choisissez-en un autre.")]
    UnusablePath { path: PathBuf, reason: String },

    #[error("Le dossier {path} est un lien symbolique : il est refusé, ce qui y serait écrit irait ailleurs que là où on l'attend. Remplacez-le par un vrai dossier.")]
    SymlinkedFolder { path: PathBuf },

    #[error("{}", io_message(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("La base de données est occupée par un autre programme (une autre fenêtre ou la ligne de commande) : réessayez dans un instant. Rien n'a été enregistré.")]
    Busy,

    #[error("Le disque est plein : rien n'a été enregistré. Libérez de la place puis réessayez.")]
    DiskFull,

    #[error("La base de données est en lecture seule (droits du fichier ou du dossier) : rien n'a été enregistré.")]
    ReadOnly,

    #[error("La mise à jour du schéma de la base a échoué ; la base est restée dans son état antérieur. Détail : {0}")]
    Migration(String),

    #[error("Le signataire n° {0} n'existe pas (ou plus) dans la base.")]
    SignatoryNotFound(i64),

    #[error("La candidature n° {0} n'existe pas (ou plus) dans la base.")]
    ApplicationNotFound(i64),

    #[error("Les données de démonstration ne se chargent que dans une base vide : celle-ci contient déjà {0} signataire(s).")]
    DemoNeedsEmptyStore(i64),

    #[error("{0}")]
    Rules(String),

    /// Input that cannot be read at all (malformed JSON given to the CLI…), already phrased.
    #[error("{0}")]
    BadInput(String),

    /// A spreadsheet that cannot be read at all (format, encoding, damage), already phrased.
    #[error(transparent)]
    Import(#[from] crate::import::ReadError),

    /// A zonage file whose rows cannot all be read: nothing was imported.
    #[error(transparent)]
    Zonage(#[from] crate::zonage::ZonageRejected),

    #[error("Le document PDF n'a pas pu être produit : {0}")]
    Pdf(#[from] crate::pdf::PdfError),

    #[error("{}", write_message(path, source))]
    WriteFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("Erreur de la base de données : {0}")]
    Sqlite(rusqlite::Error),
}

/// True when the system refused because another program has the file open without sharing
/// it: on Windows, a spreadsheet open in Excel or a PDF in a viewer (a sharing or lock
/// violation). Unix has no such refusal.
pub fn held_by_another_program(e: &std::io::Error) -> bool {
    // ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

fn in_use_message(path: &std::path::Path) -> String {
    format!(
        "Le fichier {} est ouvert dans un autre programme (tableur, lecteur PDF…) : fermez-le puis recommencez. \
         Il n'a pas été modifié.",
        path.display()
    )
}

fn io_message(path: &std::path::Path, source: &std::io::Error) -> String {
    if held_by_another_program(source) {
        return in_use_message(path);
    }
    format!("Impossible d'utiliser {} : {source}", path.display())
}

fn write_message(path: &std::path::Path, source: &std::io::Error) -> String {
    if held_by_another_program(source) {
        return in_use_message(path);
    }
    format!(
        "Impossible d'écrire le fichier {} : {source}. Choisissez un autre dossier ou libérez de la place.",
        path.display()
    )
}

impl From<rusqlite::Error> for Error {
    /// SQLite's result codes that a user can do something about get their own message.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Busy,
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::ReadOnly) => Error::ReadOnly,
            Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => Error::Corrupt(e.to_string()),
            _ => Error::Sqlite(e),
        }
    }
}

impl From<ValidationErrors> for Error {
    fn from(v: ValidationErrors) -> Self {
        Error::Validation(v)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
