//! The SQLite store: one file per region's register, opened the same way by the window
//! and the CLI. Settings that matter for not losing data (WAL, synchronous=FULL, foreign
//! keys, busy timeout, secure delete) are applied on every open.
//!
//! Only this module writes SQL. Services reach it through [`Store::read`] and
//! [`Store::write`] and the per-entity functions of its submodules.

pub(crate) mod applications;
pub(crate) mod archive;
pub(crate) mod audit;
pub(crate) mod backup;
pub(crate) mod columns;
mod filesystem;
pub(crate) mod followup;
pub(crate) mod followup_returns;
pub(crate) mod installation;
pub(crate) mod interviews;
pub(crate) mod ledger;
pub mod migrations;
mod names;
mod schema;
pub(crate) mod settings;
pub(crate) mod signatories;
pub(crate) mod stats;
pub(crate) mod todo;
pub(crate) mod zonage;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// `'CESP'` in ASCII, written in the header by migration 1.
pub const APPLICATION_ID: i64 = 0x4345_5350;

/// How long a write waits for another process (the window, the CLI) before giving up
/// with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page cache of a connection, in KiB.
pub const CACHE_KIB: i64 = 65_536;
/// Largest part of the file read through a memory map, in bytes.
pub const MMAP_BYTES: i64 = 256 * 1024 * 1024;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Bumped by every write through this store (see [`Store::cached`]).
    generation: u64,
    views: std::sync::Mutex<HashMap<&'static str, CachedView>>,
}

/// A view of the whole register and what it was computed from.
struct CachedView {
    generation: u64,
    data_version: i64,
    key: String,
    value: Arc<dyn Any + Send + Sync>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating it if needed) the store at `path` and brings its schema to the
    /// version this binary knows. A file from a newer version, a file that is not ours,
    /// or a file on a network share is refused without being modified.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, &migrations::scripts())
    }

    /// [`Store::open`] with an explicit list of migrations (tests simulate other versions).
    #[doc(hidden)]
    pub fn open_with(path: &Path, scripts: &[&'static str]) -> Result<Store> {
        let supported = scripts.len() as i64;
        if let Some(reason) = names::unusable_path(path) {
            return Err(Error::UnusablePath {
                path: path.to_owned(),
                reason,
            });
        }
        // A bare file name lives in the current folder, which is checked like any other.
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let Some(filesystem) = filesystem::network_filesystem(dir) {
            return Err(Error::NetworkShare {
                path: path.to_owned(),
                filesystem,
            });
        }
        crate::private_files::create_dir(dir, false)?;

        // Look before touching: a read-only peek at an existing file, so that a refusal
        // leaves it byte for byte as it was (opening read-write would switch it to WAL).
        let existing_version =
            if path.exists() && std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false) {
                Some(peek_version(path, scripts)?)
            } else {
                None
            };

        // The register is private from its creation (SQLite gives its journal the same mode);
        // one made by an older version is made private now.
        let io = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        if existing_version.is_none() && !path.exists() {
            drop(crate::private_files::create_file(path).map_err(io)?);
        } else {
            // Best effort: a file of another account (opened read-only) keeps its mode.
            let _ = crate::private_files::restrict_file(path);
        }
        let mut conn = Connection::open(path)?;
        configure(&mut conn)?;

        if let Some(v) = existing_version.filter(|v| *v > 0 && *v < supported) {
            crate::store::filesystem::backup_before_migration(&conn, path, v)?;
        }
        migrations::build(scripts)
            .to_latest(&mut conn)
            .map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
                other => Error::Migration(other.to_string()),
            })?;
        // A register this account may only read keeps its old keys: it opens, and its list
        // is in the older order until someone who may write opens it.
        match signatories::refresh_name_keys(&mut conn) {
            Ok(()) | Err(Error::ReadOnly) => {}
            Err(e) => return Err(e),
        }
        audit::install(&conn)?;
        Ok(Store {
            conn,
            generation: 0,
            views: Default::default(),
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The per-connection settings in force, as SQLite reports them (for the tests and the
    /// "À propos" screen: they are what keeps data safe, so they are checked, not assumed).
    pub fn connection_settings(&self) -> Result<ConnectionSettings> {
        let int = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok(ConnectionSettings {
            journal_mode: self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
            synchronous: int("PRAGMA synchronous")?,
            foreign_keys: int("PRAGMA foreign_keys")? == 1,
            secure_delete: int("PRAGMA secure_delete")? == 1,
            busy_timeout_ms: int("PRAGMA busy_timeout")?,
            cache_size: int("PRAGMA cache_size")?,
            mmap_size: int("PRAGMA mmap_size")?,
        })
    }

    /// `PRAGMA quick_check`: the problems found, empty when the file is sound (the window runs
    /// it at start-up; `cesp check` runs the full check).
    pub fn quick_check(&self) -> Result<Vec<String>> {
        backup::integrity(&self.conn, true)
    }

    /// Forbids the file to grow beyond `extra` more pages (`PRAGMA max_page_count`): a full
    /// disk, for the tests that inject one.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, extra: u32) -> Result<()> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let limit = pages + i64::from(extra);
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {limit}"), [], |r| {
                r.get::<_, i64>(0)
            })?;
        Ok(())
    }

    /// Copies the journal (WAL) into the file and empties it, so that what a write erased is
    /// in no journal either. `false` when another program was reading at that very instant:
    /// the journal is then emptied by a later checkpoint.
    pub(crate) fn truncate_journal(&self) -> Result<bool> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// The connection, for reads.
    pub(crate) fn read(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction: it takes the write lock up front (so a
    /// concurrent writer waits on the busy timeout instead of failing mid-way) and
    /// commits only if `f` succeeds. One user action = one call.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // Before anything: even a failed write may have been half done by SQLite's reckoning.
        self.generation = self.generation.wrapping_add(1);
        self.write_keeping_views(f)
    }

    /// [`Store::write`] for the tables no cached view reads (the items of "À faire" marked as
    /// dealt with, applied over the cached list): the views are kept.
    pub(crate) fn write_keeping_views<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// A view of the whole register (the home screen's list), computed once and kept while
    /// nothing changes: no write through this store, no commit by another process (the CLI,
    /// a second window: `PRAGMA data_version`), and the same `key` (the day, the settings…).
    /// Paging through 50 000 lines then costs a copy of the page, not a new computation.
    pub(crate) fn cached<T: Any + Send + Sync>(
        &self,
        name: &'static str,
        key: String,
        compute: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let data_version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let fresh = |v: &CachedView| {
            v.generation == self.generation && v.data_version == data_version && v.key == key
        };
        {
            let views = self.views.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(v) = views.get(name).filter(|v| fresh(v)) {
                if let Ok(value) = Arc::clone(&v.value).downcast::<T>() {
                    return Ok(value);
                }
            }
        }
        let value = Arc::new(compute()?);
        let mut views = self.views.lock().unwrap_or_else(|p| p.into_inner());
        views.insert(
            name,
            CachedView {
                generation: self.generation,
                data_version,
                key,
                value: Arc::clone(&value) as Arc<dyn Any + Send + Sync>,
            },
        );
        Ok(value)
    }
}

/// What [`Store::connection_settings`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    /// "wal".
    pub journal_mode: String,
    /// 2 = FULL.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub secure_delete: bool,
    pub busy_timeout_ms: i64,
    /// Negative: KiB (see [`CACHE_KIB`]).
    pub cache_size: i64,
    /// Bytes (see [`MMAP_BYTES`]).
    pub mmap_size: i64,
}

/// What a connection may do whatever the file holds: nothing in a file's schema (a view, a
/// trigger, a default value) may call a function with side effects (`trusted_schema`), SQL
/// may not write the schema tables directly (`defensive`), and no other database file may be
/// attached (`VACUUM INTO`, the backups, allows its own target for the time of the copy).
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    Ok(())
}

/// Opens `path` read-only and hardened, to look at a file before trusting it.
pub(crate) fn open_untrusted(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    harden(&conn)?;
    Ok(conn)
}

/// The differences between the schema of the file at `path` (read-only) and the one our
/// migrations give at `version`; empty when the file is as the application made it.
pub(crate) fn schema_differences(path: &Path, version: i64) -> Result<Vec<String>> {
    let conn = open_untrusted(path)?;
    schema::differences(&conn, version, &migrations::scripts())
}

fn configure(conn: &mut Connection) -> Result<()> {
    harden(conn)?;
    // "ORDER BY x COLLATE fr": French order for the columns sorted as text (specialty, UFR,
    // candidates' names). Registered on each connection and used only in queries, never in
    // the schema, so that any SQLite tool still reads the file.
    conn.create_collation("fr", crate::text::collation::cmp_french)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Migration(format!(
            "le mode de journal WAL n'a pas pu être activé (mode obtenu : {mode})"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    // The home screen and the counts read the whole register: keep its pages in memory
    // between two screens (64 MiB at most, taken only as pages are read) and read them
    // through a memory map rather than a system call per page. Writes still go through the
    // journal as before; the file is local (network shares are refused above).
    conn.execute_batch(&format!(
        "PRAGMA cache_size = -{CACHE_KIB};
         PRAGMA mmap_size = {MMAP_BYTES};"
    ))?;
    Ok(())
}

/// Reads `user_version` and `application_id` of an existing file without writing to it, and
/// checks its schema against the migrations' one at that version.
fn peek_version(path: &Path, scripts: &[&'static str]) -> Result<i64> {
    let supported = scripts.len() as i64;
    let not_ours = |detail: String| Error::NotOurDatabase {
        path: path.to_owned(),
        detail,
    };
    let conn = open_untrusted(path)?;
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let version = match read("PRAGMA user_version") {
        Ok(v) => v,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(Error::Damaged {
                path: path.to_owned(),
                detail: "son en-tête n'est pas celui d'une base SQLite".into(),
                backups: crate::backup::folder(path),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let app_id = read("PRAGMA application_id")?;
    if version > 0 && app_id != APPLICATION_ID {
        return Err(not_ours(format!(
            "base SQLite d'une autre application, identifiant {app_id:#x}"
        )));
    }
    if version > supported {
        return Err(Error::SchemaTooNew {
            path: path.to_owned(),
            found: version,
            supported,
        });
    }
    let differences = schema::differences(&conn, version, scripts)?;
    if !differences.is_empty() {
        return Err(Error::AlteredSchema {
            path: path.to_owned(),
            detail: differences.join(", "),
        });
    }
    Ok(version)
}

/// The current time as stored in `created_at`/`updated_at` (local time, ISO 8601).
pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_trust_no_schema_and_attach_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cesp.sqlite3")).unwrap();
        let conn = store.read();
        let trusted: i64 = conn.query_row("PRAGMA trusted_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(trusted, 0);
        let other = dir.path().join("autre.sqlite3");
        let err = conn
            .execute("ATTACH DATABASE ?1 AS autre", [other.to_string_lossy()])
            .unwrap_err();
        assert!(err.to_string().contains("too many attached"), "{err}");
        assert!(!other.exists());
        // Direct writes to the schema table are refused (defensive mode).
        assert!(conn
            .execute_batch("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = sql;")
            .is_err());
        // The backups still work: VACUUM INTO is allowed its own target.
        let copy = dir.path().join("copie.sqlite3");
        backup::vacuum_into(conn, &copy).unwrap();
        assert!(copy.exists());
    }
}
