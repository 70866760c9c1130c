//! The schema a register file must have: exactly the one our migrations produce at its
//! version. A register handed over as a backup is hostile until checked: a table, column,
//! trigger or view added or changed outside the application could run SQL of its own when
//! the file is opened (the journal's triggers are built from the column names, SQLite runs a
//! file's triggers and views). So the file's `sqlite_schema` is compared, entry by entry,
//! with that of an in-memory database migrated to the same version, before anything else
//! touches the file.

use super::migrations;
use crate::error::Result;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One entry of `sqlite_schema`: (type, name) → (table, SQL).
type Entries = BTreeMap<(String, String), (String, Option<String>)>;

fn entries(conn: &Connection) -> Result<Entries> {
    // `sqlite_…` entries are SQLite's own (sequences, statistics, automatic indexes).
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_schema WHERE substr(name, 1, 7) <> 'sqlite_'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            (r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?),
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (key, value) = row?;
        out.insert(key, value);
    }
    Ok(out)
}

/// The schema our first `version` migrations produce.
fn expected(version: i64, scripts: &[&'static str]) -> Result<Entries> {
    let mut mem = Connection::open_in_memory()?;
    let n = usize::try_from(version).unwrap_or(0).min(scripts.len());
    let applied = scripts.get(..n).unwrap_or_default();
    if applied.is_empty() {
        // Version 0: a new, empty file.
        return Ok(Entries::new());
    }
    migrations::build(applied)
        .to_latest(&mut mem)
        .map_err(|e| crate::error::Error::Migration(e.to_string()))?;
    entries(&mem)
}

fn kind(t: &str) -> &str {
    match t {
        "table" => "table",
        "index" => "index",
        "trigger" => "déclencheur",
        "view" => "vue",
        other => other,
    }
}

/// What differs between the schema of `conn` (at `version`) and the migrations' one, in
/// French, at most a few items; empty when they are the same.
pub(crate) fn differences(conn: &Connection, version: i64, scripts: &[&'static str]) -> Result<Vec<String>> {
    let found = entries(conn)?;
    let wanted = expected(version, scripts)?;
    let mut out = Vec::new();
    for ((t, name), value) in &found {
        match wanted.get(&(t.clone(), name.clone())) {
            None => out.push(format!("{} « {name} » en trop", kind(t))),
            Some(w) if w != value => out.push(format!("{} « {name} » modifié(e)", kind(t))),
            Some(_) => {}
        }
    }
    for (t, name) in wanted.keys() {
        if !found.contains_key(&(t.clone(), name.clone())) {
            out.push(format!("{} « {name} » absent(e)", kind(t)));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migrated(version: usize) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        let scripts = migrations::scripts();
        if version > 0 {
            migrations::build(&scripts[..version])
                .to_latest(&mut conn)
                .unwrap();
        }
        conn
    }

    #[test]
    fn every_version_matches_itself() {
        let scripts = migrations::scripts();
        for v in 0..=scripts.len() {
            let conn = migrated(v);
            assert_eq!(
                differences(&conn, v as i64, &scripts).unwrap(),
                Vec::<String>::new(),
                "v{v}"
            );
        }
    }

    #[test]
    fn an_added_column_trigger_or_view_is_found() {
        let scripts = migrations::scripts();
        let v = scripts.len();
        let conn = migrated(v);
        conn.execute_batch(
            "ALTER TABLE signatory ADD COLUMN \"z', 1) END; ATTACH DATABASE '/tmp/x' AS pwn; --\" TEXT;
             CREATE VIEW v AS SELECT 1;
             CREATE TRIGGER t AFTER INSERT ON setting BEGIN SELECT 1; END;",
        )
        .unwrap();
        let d = differences(&conn, v as i64, &scripts).unwrap();
        assert!(
            d.iter().any(|s| s.contains("table « signatory » modifié")),
            "{d:?}"
        );
        assert!(d.iter().any(|s| s.contains("vue « v » en trop")), "{d:?}");
        assert!(d.iter().any(|s| s.contains("déclencheur « t » en trop")), "{d:?}");
    }

    #[test]
    fn a_dropped_index_is_found() {
        let scripts = migrations::scripts();
        let v = scripts.len();
        let conn = migrated(v);
        let index: String = conn
            .query_row(
                "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute_batch(&format!("DROP INDEX \"{index}\"")).unwrap();
        let d = differences(&conn, v as i64, &scripts).unwrap();
        assert_eq!(d, vec![format!("index « {index} » absent(e)")]);
    }
}
