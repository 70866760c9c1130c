//! Names the register can live under on every system the agencies use.
//!
//! A register is copied from one laptop to another, handed over on a key, restored on a
//! Windows machine: its name must be valid on NTFS even when it is created on Linux. And on
//! Windows, SQLite's default file layer stops at the classic 260-character path limit,
//! which a deep folder reaches with the backups' longer names: that is said before
//! anything is created, rather than as SQLite's "unable to open database file" later.

use std::path::{Component, Path};

/// Device names Windows reserves whatever the extension (`CON.sqlite3` opens the console).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6",
    "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Characters NTFS refuses in a name (with the control characters).
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*', '\\', '/'];

/// Why `name` (one file or folder name) cannot be used on Windows, if it cannot.
pub fn unusable_name(name: &str) -> Option<String> {
    if let Some(c) = name.chars().find(|c| FORBIDDEN.contains(c) || c.is_control()) {
        let shown = if c.is_control() {
            "un caractère de contrôle".to_owned()
        } else {
            format!("le caractère « {c} »")
        };
        return Some(format!("« {name} » contient {shown}, refusé par Windows"));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(format!(
            "« {name} » finit par un point ou une espace, que Windows retire sans le dire"
        ));
    }
    // "NUL.sqlite3" and "nul .txt" are the device too: the part before the first dot,
    // without its trailing spaces, compared whatever the case.
    let base = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(base) || *r == base.to_uppercase())
    {
        return Some(format!("« {base} » est un nom réservé par Windows"));
    }
    None
}

/// Why the register at `db` cannot be used under this name, if it cannot: its file name and
/// the folders still to be created (existing ones were accepted by their system).
pub fn unusable_path(db: &Path) -> Option<String> {
    let mut prefix = std::path::PathBuf::new();
    for component in db.components() {
        prefix.push(component);
        if let Component::Normal(name) = component {
            let is_last = prefix.as_path() == db;
            if is_last || !prefix.exists() {
                if let Some(why) = unusable_name(&name.to_string_lossy()) {
                    return Some(why);
                }
            }
        }
    }
    too_long(db)
}

/// The longest name the register writes beside itself: a backup taken before a
/// restoration, with a version and a counter, while it is written
/// (`sauvegardes/<nom>-avant-restauration-v999-20261231-235959-99.sqlite3.partiel`).
fn longest_path_len(db: &Path) -> usize {
    let folder = crate::backup::folder(db);
    let absolute = std::path::absolute(&folder).unwrap_or(folder);
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = format!("{stem}-avant-restauration-v999-20261231-235959-99.sqlite3.partiel");
    // UTF-16 code units, as Windows counts them; one separator between folder and name.
    absolute.to_string_lossy().encode_utf16().count() + 1 + name.encode_utf16().count()
}

/// Windows' classic limit, the terminating NUL left out (`MAX_PATH` is 260).
const WINDOWS_MAX_PATH: usize = 259;

fn too_long(db: &Path) -> Option<String> {
    if !cfg!(windows) {
        return None;
    }
    let longest = longest_path_len(db);
    (longest > WINDOWS_MAX_PATH).then(|| {
        format!(
            "le chemin est trop long pour Windows : ses sauvegardes auraient des chemins de {longest} caractères, \
             au plus {WINDOWS_MAX_PATH} sont possibles. Choisissez un dossier moins profond ou un nom plus court"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_windows_refuses_are_refused_on_every_system() {
        for bad in [
            "CON.sqlite3",
            "con.sqlite3",
            "Nul .sqlite3",
            "aux",
            "COM1.db",
            "LPT9.sqlite3",
            "COM¹.sqlite3",
            "cesp.sqlite3.",
            "cesp ",
            "registre:2026.sqlite3",
            "a|b.sqlite3",
            "que?.sqlite3",
            "tab\tname.sqlite3",
        ] {
            assert!(unusable_name(bad).is_some(), "{bad} should be refused");
        }
        for good in [
            "cesp.sqlite3",
            "CONSEIL.sqlite3",
            "console.sqlite3",
            "COM10.sqlite3",
            "registre Bretagne 2026.sqlite3",
            "Île-de-France.sqlite3",
            ".cesp",
        ] {
            assert_eq!(unusable_name(good), None, "{good} is fine");
        }
        let why = unusable_name("CON.sqlite3").unwrap();
        assert!(why.contains("« CON »") && why.contains("réservé"), "{why}");
    }

    #[test]
    fn a_path_is_checked_on_its_name_and_the_folders_to_create() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(unusable_path(&tmp.path().join("PRN.sqlite3")).is_some());
        assert!(unusable_path(&tmp.path().join("nouveau.").join("cesp.sqlite3")).is_some());
        assert_eq!(
            unusable_path(&tmp.path().join("registre").join("cesp.sqlite3")),
            None
        );
    }

    #[test]
    fn the_windows_path_limit_counts_the_backups_names() {
        let tmp = tempfile::tempdir().unwrap();
        let deep = tmp.path().join("d".repeat(200)).join("cesp.sqlite3");
        assert!(longest_path_len(&deep) > WINDOWS_MAX_PATH);
        let shallow = tmp.path().join("cesp.sqlite3");
        assert!(longest_path_len(&shallow) < WINDOWS_MAX_PATH);
        // Refused only where the limit exists.
        assert_eq!(too_long(&deep).is_some(), cfg!(windows));
        assert_eq!(too_long(&shallow), None);
    }
}
