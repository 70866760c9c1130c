//! Where the register lives. The window and the CLI resolve it the same way:
//! `--db PATH`, else the `CESP_DB` environment variable, else the per-user *local*
//! (not roaming) data folder: `~/.local/share/suivi-cesp/cesp.sqlite3` on Linux
//! (`$XDG_DATA_HOME` if set), `%LOCALAPPDATA%\suivi-cesp\cesp.sqlite3` on Windows.

use std::path::PathBuf;

pub const ENV_VAR: &str = "CESP_DB";
pub const APP_DIR: &str = "suivi-cesp";
pub const DB_FILE: &str = "cesp.sqlite3";

/// The default database path, or `None` if the system gives no data folder.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join(APP_DIR).join(DB_FILE))
}

/// Resolves the database path from an explicit `--db` value and the environment.
pub fn resolve(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(ENV_VAR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_db_path)
}

/// Finds `--db PATH` or `--db=PATH` in a program's arguments (used by the window,
/// whose arguments are not parsed by clap).
pub fn db_from_args(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--db=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_argument_forms() {
        let a = |v: &[&str]| db_from_args(v.iter().map(|s| s.to_string()));
        assert_eq!(
            a(&["app", "--db", "/tmp/x.sqlite3"]),
            Some(PathBuf::from("/tmp/x.sqlite3"))
        );
        assert_eq!(
            a(&["app", "--db=/tmp/y.sqlite3"]),
            Some(PathBuf::from("/tmp/y.sqlite3"))
        );
        assert_eq!(a(&["app"]), None);
        assert_eq!(a(&["app", "--db"]), None);
    }

    #[test]
    fn explicit_path_wins() {
        assert_eq!(
            resolve(Some(PathBuf::from("/a/b.sqlite3"))),
            Some(PathBuf::from("/a/b.sqlite3"))
        );
        let d = default_db_path().expect("a data folder");
        assert!(d.ends_with("suivi-cesp/cesp.sqlite3"));
    }
}
