//! The SQL of backups and checks: a consistent copy of a live store (`VACUUM INTO`), and what
//! SQLite says of a file's health (`integrity_check`, `quick_check`, `foreign_key_check`).

use super::APPLICATION_ID;
use crate::error::Result;
use rusqlite::Connection;
use std::path::Path;

/// Writes a consistent, compact copy of the store to `target` (which must not exist).
pub(crate) fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    use rusqlite::limits::Limit;
    // VACUUM INTO attaches its target for the time of the copy: the one attachment the store
    // needs, allowed for that statement only (see `harden`).
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 1)?;
    let copied = conn.execute("VACUUM INTO ?1", [target.to_string_lossy()]);
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    copied?;
    Ok(())
}

/// The problems `PRAGMA integrity_check` (or the faster `quick_check`) reports; empty when the
/// file is sound.
pub(crate) fn integrity(conn: &Connection, quick: bool) -> Result<Vec<String>> {
    let sql = if quick {
        "PRAGMA quick_check"
    } else {
        "PRAGMA integrity_check"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for r in rows {
        let r = r?;
        if r != "ok" {
            out.push(r);
        }
    }
    Ok(out)
}

/// Rows that point to a missing row, as "table, ligne n : référence vers parent absente".
pub(crate) fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (table, row, parent) = r?;
        out.push(format!(
            "table {table}, ligne {} : référence vers « {parent} » absente",
            row.map(|n| n.to_string()).unwrap_or_else(|| "?".into())
        ));
    }
    Ok(out)
}

/// How much of a file's integrity [`inspect`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// None: only what the file is (for a list).
    Header,
    /// `quick_check`.
    Quick,
    /// `integrity_check`.
    Full,
}

/// What a file holds, read without writing to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inspection {
    pub version: i64,
    pub ours: bool,
    pub signatories: Option<i64>,
    /// SQLite says the file is damaged (not a database, corrupt pages, failed check).
    pub damaged: bool,
    /// What the check found, or why the file could not be read.
    pub problems: Vec<String>,
    /// The file could not be read for another reason (missing, permissions, locked): it is
    /// not known to be damaged.
    pub unreadable: bool,
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// Opens `path` read-only and reports its schema version, whether it is a Suivi CESP store,
/// its number of signatories, and its integrity to `depth`.
pub(crate) fn inspect(path: &Path, depth: Depth) -> Inspection {
    let failed = |e: rusqlite::Error| Inspection {
        version: 0,
        ours: false,
        signatories: None,
        damaged: is_damage(&e),
        unreadable: !is_damage(&e),
        problems: vec![e.to_string()],
    };
    // Hardened: the file may come from anyone (a backup handed over, a file to restore).
    let conn = match super::open_untrusted(path) {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let (version, app_id) = match (read("PRAGMA user_version"), read("PRAGMA application_id")) {
        (Ok(v), Ok(a)) => (v, a),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    let problems = match depth {
        Depth::Header => Ok(Vec::new()),
        Depth::Quick => integrity(&conn, true),
        Depth::Full => integrity(&conn, false),
    };
    let problems = match problems {
        Ok(p) => p,
        // SQLite's damage codes become `Error::Corrupt` (see `Error::from`).
        Err(e) => {
            let text = e.to_string();
            let damaged = matches!(e, crate::error::Error::Corrupt(_));
            return Inspection {
                version,
                ours: app_id == APPLICATION_ID,
                signatories: None,
                damaged,
                unreadable: !damaged,
                problems: vec![text],
            };
        }
    };
    Inspection {
        version,
        ours: app_id == APPLICATION_ID,
        signatories: read("SELECT count(*) FROM signatory").ok(),
        damaged: !problems.is_empty(),
        unreadable: false,
        problems,
    }
}
