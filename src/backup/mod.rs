//! Backups of the register, and getting one back (issue #8).
//!
//! A backup is a consistent copy of the live store made by SQLite (`VACUUM INTO`) in the folder
//! `sauvegardes/` beside the database, under a temporary name, flushed to disk, checked with
//! `integrity_check` and only then given its final name: a backup that is listed is whole.
//! One is made at start-up when the last is more than a day old, one before every migration,
//! one before every restore, and one whenever the referent asks; the daily and manual ones are
//! rotated (7 days, 4 weeks, 12 months: settings).
//!
//! A restore never deletes anything: the current file is backed up first (or, when it is
//! damaged, moved aside under a dated name), and the backup is copied in its place.

pub mod retention;

use crate::error::{Error, Result, ValidationErrors};
use crate::store::backup::{self as sql, Depth};
use crate::store::{settings as kv, Store};
use chrono::{Local, NaiveDateTime};
use retention::Retention;
use serde::Serialize;
use specta::Type;
use std::path::{Path, PathBuf};

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub enum BackupKind {
    /// The automatic one of the day.
    #[serde(rename = "quotidienne")]
    Quotidienne,
    /// "Sauvegarder maintenant", or `cesp backup`.
    #[serde(rename = "manuelle")]
    Manuelle,
    /// Before a schema migration.
    #[serde(rename = "avant_migration")]
    AvantMigration,
    /// Before a restore replaced the file.
    #[serde(rename = "avant_restauration")]
    AvantRestauration,
}

impl BackupKind {
    fn tag(self) -> &'static str {
        match self {
            BackupKind::Quotidienne => "quotidienne",
            BackupKind::Manuelle => "manuelle",
            BackupKind::AvantMigration => "avant-migration",
            BackupKind::AvantRestauration => "avant-restauration",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Quotidienne => "Automatique (quotidienne)",
            BackupKind::Manuelle => "Manuelle",
            BackupKind::AvantMigration => "Avant mise à jour du schéma",
            BackupKind::AvantRestauration => "Avant restauration",
        }
    }

    /// The kind the grandfather-father-son rotation applies to: the automatic daily backups.
    /// The others (made by the referent, before a migration or a restore) are kept for a
    /// number of months ([`Retention::others_months`]).
    fn rotated(self) -> bool {
        self == BackupKind::Quotidienne
    }
}

/// One backup file, as the settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub kind: BackupKind,
    pub kind_label: String,
    /// jj/mm/aaaa hh:mm.
    pub taken: String,
    /// ISO, for sorting.
    pub taken_iso: String,
    /// Bytes (a backup above 4 Go would read as 4 Go: the screen shows `size_label`).
    pub size_bytes: u32,
    /// "1,2 Mo".
    pub size_label: String,
    /// `None` when the file cannot be read.
    pub signatories: Option<u32>,
}

/// The folder of the backups of the store at `db`.
pub fn folder(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.join("sauvegardes"))
        .unwrap_or_else(|| PathBuf::from("sauvegardes"))
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cesp".into())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// Flushes a folder's entries (a rename is durable only once its folder is).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Forces a written file to the disk. The handle is opened for writing: on Windows,
/// `FlushFileBuffers` refuses a read-only handle ("Access denied", os error 5), which made
/// every backup and restore fail there.
fn flush_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

fn size_label(bytes: u64) -> String {
    let mo = rust_decimal::Decimal::from(bytes) / rust_decimal::Decimal::from(1_000_000u32);
    if bytes < 100_000 {
        format!(
            "{} ko",
            crate::money::format_number(
                rust_decimal::Decimal::from(bytes) / rust_decimal::Decimal::from(1000u32),
                0
            )
        )
    } else {
        format!("{} Mo", crate::money::format_number(mo, 1))
    }
}

/// `<stem>-<kind>-<aaaammjj-hhmmss>[-n].sqlite3` → the kind and the time.
fn parse_name(stem: &str, name: &str) -> Option<(BackupKind, NaiveDateTime)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".sqlite3")?;
    let (kind, rest) = [
        BackupKind::Quotidienne,
        BackupKind::Manuelle,
        BackupKind::AvantMigration,
        BackupKind::AvantRestauration,
    ]
    .into_iter()
    .find_map(|k| rest.strip_prefix(k.tag()).map(|r| (k, r)))?;
    // Before a migration the version comes first: "-v4-20261201-093000".
    let rest = rest.trim_start_matches('-');
    let rest = match rest.strip_prefix('v') {
        Some(r) => r.split_once('-').map_or(r, |(_, t)| t),
        None => rest,
    };
    let stamp = rest.get(..15)?;
    let taken = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    Some((kind, taken))
}

/// The name of a new backup of `kind` taken at `now`, free in `dir`.
pub(crate) fn new_name(dir: &Path, db: &Path, kind: BackupKind, extra: &str, now: NaiveDateTime) -> PathBuf {
    let base = format!(
        "{}-{}{extra}-{}",
        stem(db),
        kind.tag(),
        now.format("%Y%m%d-%H%M%S")
    );
    let mut candidate = dir.join(format!("{base}.sqlite3"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{base}-{n}.sqlite3"));
        n += 1;
    }
    candidate
}

/// A consistent copy of the live store `conn` at `target`: written to `<target>.partiel`,
/// flushed, checked with `integrity_check`, then renamed and its folder flushed. A copy that
/// fails is deleted and reported; `target` appears only whole.
fn checked_copy(conn: &rusqlite::Connection, target: &Path) -> Result<()> {
    let tmp = PathBuf::from(format!("{}.partiel", target.display()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        // Created empty and private first: SQLite would write the copy with the umask's mode.
        drop(crate::private_files::create_file(&tmp).map_err(io(&tmp))?);
        sql::vacuum_into(conn, &tmp)?;
        flush_file(&tmp).map_err(io(&tmp))?;
        let check = sql::inspect(&tmp, Depth::Full);
        if !check.problems.is_empty() {
            return Err(Error::BadInput(format!(
                "La copie écrite dans {} est illisible ({}) : elle a été supprimée. Vérifiez le disque.",
                tmp.display(),
                check.problems.join(" ; ")
            )));
        }
        std::fs::rename(&tmp, target).map_err(io(target))?;
        if let Some(dir) = target.parent() {
            sync_dir(dir);
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Copies the live store `conn` (of the file `db`) to a new backup of `kind` in its folder.
pub(crate) fn write_backup(
    conn: &rusqlite::Connection,
    db: &Path,
    kind: BackupKind,
    extra: &str,
    now: NaiveDateTime,
) -> Result<PathBuf> {
    let dir = folder(db);
    crate::private_files::create_dir(&dir, true)?;
    let target = new_name(&dir, db, kind, extra, now);
    checked_copy(conn, &target)?;
    Ok(target)
}

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// "Sauvegarder maintenant": a checked copy of the store, then the rotation.
pub fn backup_now(store: &Store) -> Result<BackupInfo> {
    let path = write_backup(store.read(), store.path(), BackupKind::Manuelle, "", now())?;
    rotate(store)?;
    info(store.path(), &path)
}

/// A checked copy of the store to `target`, chosen by the user (`cesp backup --out`), which
/// must not exist yet: nothing is overwritten.
pub fn backup_to(store: &Store, target: &Path) -> Result<PathBuf> {
    if target.exists() {
        return Err(Error::BadInput(format!(
            "Le fichier {} existe déjà : choisissez un autre nom (rien n'est écrasé).",
            target.display()
        )));
    }
    checked_copy(store.read(), target)?;
    Ok(target.to_owned())
}

/// The automatic backup: made when the newest backup of any kind is more than a day old (or
/// there is none) and the register holds at least one file. `None` when none was due.
pub fn daily(store: &Store, at: NaiveDateTime) -> Result<Option<BackupInfo>> {
    if crate::register::count(store)? == 0 {
        return Ok(None);
    }
    let newest = entries(store.path())?.into_iter().map(|e| e.taken).max();
    if newest.is_some_and(|t| at.signed_duration_since(t) < chrono::Duration::hours(24)) {
        return Ok(None);
    }
    let path = write_backup(store.read(), store.path(), BackupKind::Quotidienne, "", at)?;
    rotate(store)?;
    info(store.path(), &path).map(Some)
}

fn info(db: &Path, path: &Path) -> Result<BackupInfo> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(io(path))?;
    let (kind, taken) = parse_name(&stem(db), &name).unwrap_or_else(|| {
        let modified = meta
            .modified()
            .ok()
            .map(|t| chrono::DateTime::<Local>::from(t).naive_local())
            .unwrap_or_default();
        (BackupKind::Manuelle, modified)
    });
    let inspection = sql::inspect(path, Depth::Header);
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        kind,
        kind_label: kind.label().to_owned(),
        taken: taken.format("%d/%m/%Y %H:%M").to_string(),
        taken_iso: taken.format("%Y-%m-%dT%H:%M:%S").to_string(),
        size_bytes: u32::try_from(meta.len()).unwrap_or(u32::MAX),
        size_label: size_label(meta.len()),
        signatories: inspection
            .problems
            .is_empty()
            .then_some(inspection.signatories)
            .flatten()
            .and_then(|n| u32::try_from(n).ok()),
    })
}

/// A backup file found by its name (nothing opened).
struct Entry {
    path: PathBuf,
    kind: BackupKind,
    taken: NaiveDateTime,
}

/// The backup files of the store at `db`, from their names only.
fn entries(db: &Path) -> Result<Vec<Entry>> {
    let dir = folder(db);
    let read = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir)(e)),
    };
    let stem = stem(db);
    Ok(read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            parse_name(&stem, &name).map(|(kind, taken)| Entry {
                path: e.path(),
                kind,
                taken,
            })
        })
        .collect())
}

/// The backups of the store at `db`, newest first. A file that vanished or cannot be read
/// meanwhile is left out rather than failing the list.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let mut out: Vec<BackupInfo> = entries(db)?
        .into_iter()
        .filter_map(|e| info(db, &e.path).ok())
        .collect();
    out.sort_by(|a, b| b.taken_iso.cmp(&a.taken_iso));
    Ok(out)
}

const KEEP_DAILY: &str = "backup.keep_daily";
const KEEP_WEEKLY: &str = "backup.keep_weekly";
const KEEP_MONTHLY: &str = "backup.keep_monthly";
const KEEP_OTHERS_MONTHS: &str = "backup.keep_others_months";

/// The rotation in force.
pub fn retention(store: &Store) -> Result<Retention> {
    let d = Retention::default();
    let read = |key: &str, default: u32| -> Result<u32> {
        Ok(kv::get(store.read(), key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    Ok(Retention {
        daily: read(KEEP_DAILY, d.daily)?,
        weekly: read(KEEP_WEEKLY, d.weekly)?,
        monthly: read(KEEP_MONTHLY, d.monthly)?,
        others_months: read(KEEP_OTHERS_MONTHS, d.others_months)?,
    })
}

/// Changes the rotation: at least one daily backup, at most 90 / 52 / 120; the others kept
/// from 1 to 120 months.
pub fn save_retention(store: &mut Store, r: &Retention) -> Result<Retention> {
    let mut e = ValidationErrors::default();
    for (field, value, min, max, what) in [
        ("daily", r.daily, 1, 90, "sauvegardes quotidiennes"),
        ("weekly", r.weekly, 0, 52, "sauvegardes hebdomadaires"),
        ("monthly", r.monthly, 0, 120, "sauvegardes mensuelles"),
    ] {
        if value < min || value > max {
            e.push(field, format!("Nombre de {what} : de {min} à {max}."));
        }
    }
    if !(1..=120).contains(&r.others_months) {
        e.push(
            "others_months",
            "Durée de conservation des autres sauvegardes : de 1 à 120 mois.",
        );
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    store.write(|tx| {
        kv::set(tx, KEEP_DAILY, &r.daily.to_string())?;
        kv::set(tx, KEEP_WEEKLY, &r.weekly.to_string())?;
        kv::set(tx, KEEP_MONTHLY, &r.monthly.to_string())?;
        kv::set(tx, KEEP_OTHERS_MONTHS, &r.others_months.to_string())
    })?;
    rotate(store)?;
    retention(store)
}

/// Deletes the daily backups the rotation no longer keeps, and the others past their months;
/// returns how many.
pub fn rotate(store: &Store) -> Result<usize> {
    let r = retention(store)?;
    let (rotated, others): (Vec<Entry>, Vec<Entry>) =
        entries(store.path())?.into_iter().partition(|e| e.kind.rotated());
    let now = now();
    let taken: Vec<NaiveDateTime> = rotated.iter().map(|e| e.taken).collect();
    let keep = retention::keep(&taken, r);
    let mut removed = 0;
    // Copies left half-written by a backup that was interrupted (power cut, killed process):
    // never listed, removed once they are an hour old (a backup in progress is younger).
    if let Ok(entries) = std::fs::read_dir(folder(store.path())) {
        for e in entries.flatten() {
            let stale = e.file_name().to_string_lossy().ends_with(".sqlite3.partiel")
                && e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(3600));
            if stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    for (i, b) in rotated.iter().enumerate() {
        if !keep.contains(&i) && std::fs::remove_file(&b.path).is_ok() {
            removed += 1;
        }
    }
    for b in &others {
        if retention::expired(b.taken, r.others_months, now) && std::fs::remove_file(&b.path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// The backups of the register `db` for which `holds` says yes, newest first; each is opened
/// read-only and hardened (a backup can come from anywhere). One that cannot be read is
/// counted as holding: nothing is promised about what it contains.
pub(crate) fn holding(
    db: &Path,
    holds: impl Fn(&rusqlite::Connection) -> Result<bool>,
) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    for b in list(db)? {
        let yes = match crate::store::open_untrusted(Path::new(&b.path)) {
            Ok(conn) => holds(&conn).unwrap_or(true),
            Err(_) => true,
        };
        if yes {
            out.push(b);
        }
    }
    Ok(out)
}

/// Deletes one backup of the register `db`: only a file the backups list names (never any
/// other path).
pub(crate) fn remove(db: &Path, path: &Path) -> Result<()> {
    let known = list(db)?.iter().any(|b| Path::new(&b.path) == path);
    if !known {
        return Err(Error::BadInput(format!(
            "{} n'est pas une sauvegarde de cette base : rien n'a été supprimé.",
            path.display()
        )));
    }
    std::fs::remove_file(path).map_err(io(path))?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// What `cesp check` and the settings screen report: every problem `integrity_check` and
/// `foreign_key_check` find (empty: the file is sound).
pub fn check(store: &Store) -> Result<Vec<String>> {
    let mut out = sql::integrity(store.read(), false)?;
    out.extend(sql::foreign_key_problems(store.read())?);
    Ok(out)
}

/// `quick_check` of the store at `db` on a connection of its own (read-only: the window runs it
/// in the background while the register is in use). The problems found, in French; empty when
/// the file is sound or cannot be read right now.
pub fn health(db: &Path) -> Vec<String> {
    let check = sql::inspect(db, Depth::Quick);
    if check.damaged {
        check.problems
    } else {
        Vec::new()
    }
}

/// What a restore did with the file it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RestoreOutcome {
    /// The backup restored.
    pub restored: String,
    /// Where the replaced file is now: its backup, or the damaged file moved aside.
    pub previous: Option<String>,
    /// The replaced file was damaged (moved aside rather than backed up).
    pub previous_damaged: bool,
    pub signatories: Option<u32>,
}

/// True when another program has the register at `db` open. The last connection to close a
/// WAL database removes its journal: ours, opened and closed, leaves it behind only when
/// another one is still open. A file SQLite cannot open is not held (it is damaged, and
/// moved aside whole with its journal).
fn held_elsewhere(db: &Path) -> bool {
    if !db.exists() {
        return false;
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match rusqlite::Connection::open_with_flags(db, flags) {
        Ok(conn) => {
            let _ = conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0));
            let _ = conn.close();
            wal.exists()
        }
        Err(_) => false,
    }
}

/// Replaces the store at `db` by the backup `source`. No connection to `db` may be open in
/// this process (the window closes its own first); another process using it is detected and
/// the restore refused. The current file is backed up first, or moved aside if SQLite says it
/// is damaged; nothing is deleted. The caller opens the store again (an older backup is
/// migrated then).
pub fn restore(db: &Path, source: &Path, supported_version: i64) -> Result<RestoreOutcome> {
    let bad = |detail: String| {
        Error::BadInput(format!(
            "La sauvegarde {} ne peut pas être restaurée : {detail}. La base actuelle n'a pas été modifiée.",
            source.display()
        ))
    };
    if !source.is_file() {
        return Err(bad("fichier introuvable".into()));
    }
    let check = sql::inspect(source, Depth::Full);
    if check.damaged {
        return Err(bad(format!(
            "elle est endommagée ({})",
            check.problems.join(" ; ")
        )));
    }
    if check.unreadable {
        return Err(bad(format!(
            "elle est illisible ({})",
            check.problems.join(" ; ")
        )));
    }
    if !check.ours || check.version < 1 {
        return Err(bad("ce n'est pas une base Suivi CESP".into()));
    }
    if check.version > supported_version {
        return Err(bad(format!(
            "elle vient d'une version plus récente de l'application (schéma {})",
            check.version
        )));
    }
    // A file handed over as a backup is hostile until its schema is the one our migrations
    // give: anything added to it could run when the register is opened.
    match crate::store::schema_differences(source, check.version) {
        Ok(d) if d.is_empty() => {}
        Ok(d) => {
            return Err(bad(format!(
                "son schéma a été modifié en dehors de Suivi CESP ({})",
                d.join(", ")
            )))
        }
        Err(e) => return Err(bad(e.to_string())),
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let in_use = || {
        Error::BadInput(format!(
            "La base {} est ouverte par un autre programme (une fenêtre de Suivi CESP ou la ligne de commande) : \
             fermez-le puis recommencez. Elle n'a pas été modifiée.",
            db.display()
        ))
    };
    // Before anything is written: a register another program has open is left alone.
    if held_elsewhere(db) {
        return Err(in_use());
    }
    let now = now();
    let dir = folder(db);
    crate::private_files::create_dir(&dir, true)?;
    // The copy first, whole and on disk, before the current file is touched.
    let tmp = PathBuf::from(format!("{}.restauration", db.display()));
    let copied = std::fs::copy(source, &tmp).and_then(|_| {
        crate::private_files::restrict_file(&tmp)?;
        flush_file(&tmp)
    });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(&tmp)(e));
    }
    let mut previous = None;
    let mut previous_damaged = false;
    let mut aside = None;
    let result = (|| {
        if db.exists() {
            let current = sql::inspect(db, Depth::Quick);
            if current.damaged {
                // Kept whole, with its journal, under a dated name that is never reused.
                let mut target = dir.join(format!(
                    "{}-endommagee-{}.sqlite3",
                    stem(db),
                    now.format("%Y%m%d-%H%M%S")
                ));
                let mut n = 2;
                while target.exists() {
                    target = dir.join(format!(
                        "{}-endommagee-{}-{n}.sqlite3",
                        stem(db),
                        now.format("%Y%m%d-%H%M%S")
                    ));
                    n += 1;
                }
                std::fs::rename(db, &target).map_err(io(db))?;
                for suffix in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{suffix}", db.display()));
                    if side.exists() {
                        let _ = std::fs::rename(&side, format!("{}{suffix}", target.display()));
                    }
                }
                aside = Some(target.clone());
                previous = Some(target);
                previous_damaged = true;
            } else if current.unreadable {
                return Err(Error::BadInput(format!(
                    "La base {} ne peut pas être lue pour être sauvegardée avant la restauration ({}) : \
                     rien n'a été modifié.",
                    db.display(),
                    current.problems.join(" ; ")
                )));
            } else {
                // (A -wal may exist here: the read-only check above can leave one. Our own
                // connection, once closed, removes it if nobody else has the file open.)
                let conn = rusqlite::Connection::open(db)?;
                let saved = write_backup(&conn, db, BackupKind::AvantRestauration, "", now)?;
                conn.close().map_err(|(_, e)| Error::from(e))?;
                // The last connection to close removes the journal; one left means another
                // program still has the file open: replacing it under its feet would damage it.
                if wal.exists() {
                    return Err(in_use());
                }
                previous = Some(saved);
            }
        }
        let _ = std::fs::remove_file(format!("{}-shm", db.display()));
        std::fs::rename(&tmp, db).map_err(io(db))?;
        if let Some(parent) = db.parent() {
            sync_dir(parent);
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        // A damaged file moved aside goes back where it was: the register is as it was found.
        if let Some(a) = &aside {
            if !db.exists() {
                let _ = std::fs::rename(a, db);
            }
        }
        return Err(e);
    }
    Ok(RestoreOutcome {
        restored: source.display().to_string(),
        previous: previous.map(|p| p.display().to_string()),
        previous_damaged,
        signatories: check.signatories.and_then(|n| u32::try_from(n).ok()),
    })
}

#[cfg(all(test, windows))]
mod windows_tests {
    use super::*;
    use std::os::windows::fs::OpenOptionsExt;

    #[test]
    fn a_backup_open_in_another_program_is_named_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("cesp.sqlite3");
        let store = Store::open(&db).unwrap();
        let saved = backup_now(&store).unwrap();
        let path = Path::new(&saved.path);
        // An SQLite browser holds it without sharing deletion (FILE_SHARE_READ only).
        let held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(1)
            .open(path)
            .unwrap();
        let err = remove(&db, path).unwrap_err();
        assert!(
            err.to_string().contains("ouvert dans un autre programme"),
            "{err}"
        );
        assert!(path.exists());
        drop(held);
        remove(&db, path).unwrap();
        assert!(!path.exists());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn backup_names_say_their_kind_and_time() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 30, 5)
            .unwrap();
        for (name, kind) in [
            (
                "cesp-quotidienne-20261201-093005.sqlite3",
                BackupKind::Quotidienne,
            ),
            ("cesp-manuelle-20261201-093005-2.sqlite3", BackupKind::Manuelle),
            (
                "cesp-avant-migration-v4-20261201-093005.sqlite3",
                BackupKind::AvantMigration,
            ),
            (
                "cesp-avant-restauration-20261201-093005.sqlite3",
                BackupKind::AvantRestauration,
            ),
        ] {
            assert_eq!(parse_name("cesp", name), Some((kind, t)), "{name}");
        }
        assert_eq!(parse_name("cesp", "autre-manuelle-20261201-093005.sqlite3"), None);
        assert_eq!(
            parse_name("cesp", "cesp-endommagee-20261201-093005.sqlite3"),
            None
        );
        assert_eq!(
            parse_name("cesp", "cesp-manuelle-20261201-093005.sqlite3.partiel"),
            None
        );
        assert_eq!(size_label(4_776_029), "4,8 Mo");
        assert_eq!(size_label(52_000), "52 ko");
    }
}
