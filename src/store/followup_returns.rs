//! The returned files already read (`followup_return_file`, migration 11).

use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// Records that the file of hash `sha256` brought the form of `year` of signatory `id`.
pub(crate) fn insert(conn: &Connection, id: i64, year: i32, sha256: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO followup_return_file (signatory_id, year, sha256, read_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, year, sha256, now],
    )?;
    Ok(())
}

/// The day the file of hash `sha256` was recorded, if it was.
pub(crate) fn read_on(conn: &Connection, sha256: &str) -> Result<Option<NaiveDate>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT read_at FROM followup_return_file WHERE sha256 = ?1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.and_then(|t| NaiveDate::parse_from_str(t.get(..10).unwrap_or_default(), "%Y-%m-%d").ok()))
}
