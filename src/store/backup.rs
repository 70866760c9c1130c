//! The SQL of backups and checks: a consistent copy of a live store (`VACUUM INTO`), and what
//! SQLite says of a file's health (`integrity_check`, `quick_check`, `foreign_key_check`).

use super::APPLICATION_ID;
use crate::error::Result;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Writes a consistent, compact copy of the store to `target` (which must not exist).
pub(crate) fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
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

/// What a backup file holds, read without writing to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inspection {
    pub version: i64,
    pub ours: bool,
    pub signatories: Option<i64>,
    /// Problems found by `integrity_check` (or why the file could not be read at all).
    pub problems: Vec<String>,
}

/// Opens `path` read-only and reports its schema version, whether it is a Suivi CESP store,
/// its number of signatories, and its integrity.
pub(crate) fn inspect(path: &Path, full_check: bool) -> Inspection {
    let unreadable = |detail: String| Inspection {
        version: 0,
        ours: false,
        signatories: None,
        problems: vec![detail],
    };
    let conn = match Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(c) => c,
        Err(e) => return unreadable(e.to_string()),
    };
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let (version, app_id) = match (read("PRAGMA user_version"), read("PRAGMA application_id")) {
        (Ok(v), Ok(a)) => (v, a),
        (Err(e), _) | (_, Err(e)) => return unreadable(e.to_string()),
    };
    let problems = match integrity(&conn, !full_check) {
        Ok(p) => p,
        Err(e) => vec![e.to_string()],
    };
    Inspection {
        version,
        ours: app_id == APPLICATION_ID,
        signatories: read("SELECT count(*) FROM signatory").ok(),
        problems,
    }
}
