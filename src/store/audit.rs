//! The triggers that write the audit trail (`audit_entry`, migration 8).
//!
//! They are TEMP triggers, created on each connection the store opens, rather than triggers
//! in a migration, for two reasons: they know who is working (the OS user of this process,
//! in a TEMP table, which a trigger of the main schema may not read), and they are generated
//! from the columns the schema has today, so that a column added by a later migration is
//! audited without anyone remembering to. A change is journalled by the very statement that
//! makes it: it commits or rolls back with it.
//!
//! Only what belongs to a person's file is audited: a signatory's, or a candidate's
//! application (before any contract, and kept with the signatory's once converted). A row
//! whose parent is gone (the children removed by `ON DELETE CASCADE` with their signatory,
//! say) writes nothing: the parent's deletion is the entry.

use rusqlite::Connection;

/// Whose file an audited row belongs to: a signatory, or an application to the CESP (a
/// candidate's file, personal data too, before any contract).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Signatory,
    Application,
}

impl Owner {
    fn table(self) -> &'static str {
        match self {
            Owner::Signatory => "signatory",
            Owner::Application => "application",
        }
    }

    /// The signatory an owner row `o` stands for: the application's once it was converted.
    fn signatory_of(self, o: &str) -> String {
        match self {
            Owner::Signatory => format!("{o}.id"),
            Owner::Application => format!("{o}.signatory_id"),
        }
    }
}

/// An audited table: whose file its rows belong to, how to reach the owner's row from one
/// of them (`{r}` is `new` or `old`), and what identifies the row in the journal.
struct Audited {
    table: &'static str,
    owner: Owner,
    owner_id: &'static str,
    /// `None`: the row number. WITHOUT ROWID tables have none: theirs is NULL, or the
    /// owner's for an application's documents (so that its entries can be found again).
    entity_id: Option<&'static str>,
}

const fn signatory_table(table: &'static str, owner_id: &'static str) -> Audited {
    Audited {
        table,
        owner: Owner::Signatory,
        owner_id,
        entity_id: None,
    }
}

const AUDITED: &[Audited] = &[
    signatory_table("signatory", "{r}.id"),
    signatory_table("ledger", "{r}.signatory_id"),
    signatory_table("allowance_suspension", "{r}.signatory_id"),
    signatory_table("practice_suspension", "{r}.signatory_id"),
    signatory_table("followup_form", "{r}.signatory_id"),
    signatory_table(
        "followup_reminder",
        "(SELECT signatory_id FROM main.followup_form WHERE id = {r}.form_id)",
    ),
    signatory_table("followup_return_file", "{r}.signatory_id"),
    signatory_table("interview", "{r}.signatory_id"),
    signatory_table(
        "interview_action",
        "(SELECT signatory_id FROM main.interview WHERE id = {r}.interview_id)",
    ),
    signatory_table("installation", "{r}.signatory_id"),
    signatory_table(
        "installation_place",
        "(SELECT signatory_id FROM main.installation WHERE id = {r}.installation_id)",
    ),
    Audited {
        table: "todo_done",
        owner: Owner::Signatory,
        owner_id: "{r}.signatory_id",
        entity_id: Some("NULL"),
    },
    Audited {
        table: "application",
        owner: Owner::Application,
        owner_id: "{r}.id",
        entity_id: None,
    },
    Audited {
        table: "application_document",
        owner: Owner::Application,
        owner_id: "{r}.application_id",
        entity_id: Some("{r}.application_id"),
    },
];

/// The tables whose entries belong to an application (and carry its number as `entity_id`).
const APPLICATION_ENTITIES: &str = "('application', 'application_document')";

/// The audited tables, for the journal's filters.
pub(crate) fn entities() -> impl Iterator<Item = &'static str> {
    AUDITED.iter().map(|a| a.table)
}

/// Columns that are not part of what the referent entered: keys, links to the parent, the
/// search copies and the timestamps the store keeps.
fn internal(column: &str) -> bool {
    matches!(
        column,
        "id" | "signatory_id"
            | "application_id"
            | "form_id"
            | "interview_id"
            | "installation_id"
            | "search_names"
            | "name_key"
            | "created_at"
            | "updated_at"
            | "recorded_at"
            | "read_at"
            | "anonymised_on"
    )
}

/// Who works on this connection: the OS account (the referent's name is read from the
/// settings when the entry is written, so that changing it takes effect at once).
fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .or_else(account_name)
        .unwrap_or_else(|| "inconnu".to_owned())
}

/// The account of this process when the environment does not say (a service, `su`): its
/// uid (the owner of /proc/self) looked up in /etc/passwd, without unsafe code.
#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == uid)
        .map(|f| f[0].to_owned())
        .or(Some(format!("uid {uid}")))
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

fn table_exists(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get::<_, String>(0))?;
    names.collect()
}

/// Creates the triggers on `conn`, if the schema has the journal (an older schema, opened by
/// the migration tests, has none).
pub(crate) fn install(conn: &Connection) -> rusqlite::Result<()> {
    if !table_exists(conn, "audit_entry")? {
        return Ok(());
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS cesp_actor (os_user TEXT NOT NULL);
         DELETE FROM temp.cesp_actor;",
    )?;
    conn.execute("INSERT INTO temp.cesp_actor (os_user) VALUES (?1)", [os_user()])?;
    let mut sql = String::new();
    for a in AUDITED {
        if !table_exists(conn, a.table)? {
            continue;
        }
        let cols: Vec<String> = columns(conn, a.table)?
            .into_iter()
            .filter(|c| !internal(c) && plain_identifier(c))
            .collect();
        sql.push_str(&triggers(a, &cols));
    }
    conn.execute_batch(&sql)
}

/// An identifier, quoted. Column names come from the file's schema, and a register handed
/// over as a backup is hostile until checked: nothing of a name may escape its quotes.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A name as an SQL string literal (the field names written to the journal).
fn literal(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// Only the names our migrations write (`snake_case` ASCII) are journalled; the schema check
/// at opening refuses any other, this is the second lock on the same door.
fn plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn triggers(a: &Audited, cols: &[String]) -> String {
    let t = a.table;
    let head = "INSERT INTO main.audit_entry (at, referent, os_user, signatory_id, signatory_label, \
                entity, entity_id, action, field, old_value, new_value)";
    let who = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), \
               coalesce((SELECT value FROM main.setting WHERE key = 'contact_referent'), ''), \
               coalesce((SELECT os_user FROM temp.cesp_actor), 'inconnu')";
    let entity_id = |r: &str| match a.entity_id {
        Some(e) => e.replace("{r}", r),
        None => format!("{r}.rowid"),
    };
    // The row's values as a JSON array of column, value, column, value…: an array keeps the
    // columns in the order of the table (that of the forms), an object would not once read.
    let json = |r: &str| {
        let pairs: Vec<String> = cols
            .iter()
            .map(|c| format!("{}, {r}.{}", literal(c), quoted(c)))
            .collect();
        format!("json_array({})", pairs.join(", "))
    };
    let owner = a.owner.table();
    let owner_id = |r: &str| a.owner_id.replace("{r}", r);
    let sig = a.owner.signatory_of("s");
    let label = "s.last_name || ' ' || s.first_names";
    let mut out = String::new();

    out.push_str(&format!(
        "DROP TRIGGER IF EXISTS temp.audit_{t}_insert;
         CREATE TEMP TRIGGER audit_{t}_insert AFTER INSERT ON main.{t} BEGIN
           {head} SELECT {who}, {sig}, {label}, '{t}', {id}, 'creation', NULL, NULL, {json}
           FROM main.{owner} s WHERE s.id = {oid};
         END;\n",
        id = entity_id("new"),
        json = json("new"),
        oid = owner_id("new"),
    ));

    // The owner itself is gone by the time its AFTER DELETE trigger runs: its label comes
    // from `old`.
    let delete_from = if t == owner {
        format!(
            "SELECT {who}, {old_sig}, old.last_name || ' ' || old.first_names, '{t}', old.rowid, \
             'suppression', NULL, {json}, NULL",
            old_sig = a.owner.signatory_of("old"),
            json = json("old")
        )
    } else {
        format!(
            "SELECT {who}, {sig}, {label}, '{t}', {id}, 'suppression', NULL, {json}, NULL \
             FROM main.{owner} s WHERE s.id = {oid}",
            id = entity_id("old"),
            json = json("old"),
            oid = owner_id("old"),
        )
    };
    out.push_str(&format!(
        "DROP TRIGGER IF EXISTS temp.audit_{t}_delete;
         CREATE TEMP TRIGGER audit_{t}_delete AFTER DELETE ON main.{t} BEGIN
           {head} {delete_from};
         END;\n"
    ));

    // One entry per field whose value changed (`IS NOT` also sees NULL ↔ value).
    let changed: Vec<String> = cols
        .iter()
        .map(|c| {
            let q = quoted(c);
            let l = literal(c);
            format!(
                "SELECT {l} AS field, CAST(old.{q} AS TEXT) AS old_value, CAST(new.{q} AS TEXT) AS new_value \
                 WHERE old.{q} IS NOT new.{q}"
            )
        })
        .collect();
    if !changed.is_empty() {
        out.push_str(&format!(
            "DROP TRIGGER IF EXISTS temp.audit_{t}_update;
             CREATE TEMP TRIGGER audit_{t}_update AFTER UPDATE ON main.{t} BEGIN
               {head} SELECT {who}, {sig}, {label}, '{t}', {id}, 'modification', c.field, c.old_value, c.new_value
               FROM main.{owner} s, ({union}) AS c WHERE s.id = {oid};
             END;\n",
            id = entity_id("new"),
            union = changed.join(" UNION ALL "),
            oid = owner_id("new"),
        ));
    }
    out
}

/// One row of the journal as stored.
#[derive(Debug, Clone)]
pub(crate) struct RawEntry {
    pub id: i64,
    pub at: String,
    pub referent: String,
    pub os_user: String,
    pub signatory_id: Option<i64>,
    pub signatory_label: String,
    pub entity: String,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

const SELECT: &str = "SELECT id, at, referent, os_user, signatory_id, signatory_label, entity, action, \
                      field, old_value, new_value FROM audit_entry";

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawEntry> {
    Ok(RawEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        referent: r.get(2)?,
        os_user: r.get(3)?,
        signatory_id: r.get(4)?,
        signatory_label: r.get(5)?,
        entity: r.get(6)?,
        action: r.get(7)?,
        field: r.get(8)?,
        old_value: r.get(9)?,
        new_value: r.get(10)?,
    })
}

/// What the journal screen filters on; `None`: no condition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// ISO `aaaa-mm-jj`, included.
    pub from: Option<String>,
    /// ISO `aaaa-mm-jj`, included (the whole day).
    pub to: Option<String>,
    /// Part of the referent's name or of the OS account.
    pub who: Option<String>,
    pub entity: Option<String>,
    /// Part of the signatory's name.
    pub signatory: Option<String>,
    pub signatory_id: Option<i64>,
}

fn like(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn clause(f: &Filter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut conds = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    if let Some(d) = &f.from {
        conds.push("at >= ?");
        params.push(Value::Text(d.clone()));
    }
    if let Some(d) = &f.to {
        // Every time of that day sorts before the day followed by "U".
        conds.push("at < ?");
        params.push(Value::Text(format!("{d}U")));
    }
    if let Some(w) = &f.who {
        conds.push("(referent LIKE ? ESCAPE '\\' OR os_user LIKE ? ESCAPE '\\')");
        params.push(Value::Text(like(w)));
        params.push(Value::Text(like(w)));
    }
    if let Some(e) = &f.entity {
        conds.push("entity = ?");
        params.push(Value::Text(e.clone()));
    }
    if let Some(s) = &f.signatory {
        conds.push("signatory_label LIKE ? ESCAPE '\\'");
        params.push(Value::Text(like(s)));
    }
    if let Some(id) = f.signatory_id {
        conds.push("signatory_id = ?");
        params.push(Value::Integer(id));
    }
    let sql = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    (sql, params)
}

/// The entries matching `f`, newest first, and how many there are in all.
pub(crate) fn search(
    conn: &Connection,
    f: &Filter,
    offset: u32,
    limit: Option<u32>,
) -> rusqlite::Result<(Vec<RawEntry>, u32)> {
    let (cond, params) = clause(f);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM audit_entry{cond}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?;
    let limit = limit.map(i64::from).unwrap_or(-1);
    let mut stmt = conn.prepare(&format!(
        "{SELECT}{cond} ORDER BY id DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, u32::try_from(total).unwrap_or(u32::MAX)))
}

/// The people who wrote entries (referents' names and OS accounts), for the filter.
pub(crate) fn authors(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT referent FROM audit_entry WHERE referent <> '' UNION SELECT os_user FROM audit_entry ORDER BY 1",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    names.collect()
}

/// Deletes the entries written before `at` (ISO); returns how many.
pub(crate) fn purge_before(conn: &Connection, at: &str) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM audit_entry WHERE at < ?1", [at])
}

/// Forgets the journal of signatory `id` (its entries hold the values of the file) and
/// leaves one entry saying what was done, by whom and when, under `label` (no name). Called
/// last in the transaction: the entries the change itself just wrote go too. `keep_link`:
/// the file still exists (anonymised), the entry points to it.
pub(crate) fn forget(
    conn: &Connection,
    id: i64,
    label: &str,
    action: &str,
    keep_link: bool,
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM audit_entry WHERE signatory_id = ?1", [id])?;
    conn.execute(
        "INSERT INTO audit_entry (at, referent, os_user, signatory_id, signatory_label, entity, entity_id, action)
         VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'),
                 coalesce((SELECT value FROM main.setting WHERE key = 'contact_referent'), ''),
                 coalesce((SELECT os_user FROM temp.cesp_actor), 'inconnu'),
                 ?1, ?2, 'signatory', ?3, ?4)",
        rusqlite::params![keep_link.then_some(id), label, id, action],
    )?;
    Ok(())
}

/// Application `application` became signatory `signatory`: its entries written before (the
/// candidate's file) now belong to the signatory's history too.
pub(crate) fn link_application(conn: &Connection, application: i64, signatory: i64) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "UPDATE audit_entry SET signatory_id = ?2
             WHERE entity IN {APPLICATION_ENTITIES} AND entity_id = ?1 AND signatory_id IS NULL"
        ),
        [application, signatory],
    )?;
    Ok(())
}

/// Forgets the journal of the applications `ids` (deleted at the end of their retention:
/// their entries hold the candidates' identities) and leaves one entry saying how many went,
/// under `label` (no name). Called last in the transaction, as [`forget`].
pub(crate) fn forget_applications(conn: &Connection, ids: &[i64], label: &str) -> rusqlite::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    drop_application_entries(conn, ids)?;
    conn.execute(
        "INSERT INTO audit_entry (at, referent, os_user, signatory_id, signatory_label, entity, entity_id, action)
         VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'),
                 coalesce((SELECT value FROM main.setting WHERE key = 'contact_referent'), ''),
                 coalesce((SELECT os_user FROM temp.cesp_actor), 'inconnu'),
                 NULL, ?1, 'application', NULL, 'suppression')",
        [label],
    )?;
    Ok(())
}

/// Deletes the entries of applications `ids`, linked to a signatory or not.
pub(crate) fn drop_application_entries(conn: &Connection, ids: &[i64]) -> rusqlite::Result<()> {
    // One pass over the journal (entity_id has no index), the numbers as a JSON array.
    let list = format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    conn.execute(
        &format!(
            "DELETE FROM audit_entry WHERE entity IN {APPLICATION_ENTITIES}
             AND entity_id IN (SELECT value FROM json_each(?1))"
        ),
        [list],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The second lock on the door the schema check closes: even a column name made to break
    /// out of its quotes becomes a harmless string in the trigger's SQL.
    #[test]
    fn a_hostile_column_name_stays_inside_its_quotes() {
        let dir = tempfile::tempdir().unwrap();
        let pwn = dir.path().join("pwn.sqlite3");
        let evil = format!(
            "z', 1) FROM main.signatory s WHERE 0; END; ATTACH DATABASE '{}' AS pwn; CREATE TABLE pwn.t(x); --",
            pwn.display()
        );
        assert!(!plain_identifier(&evil));
        assert!(plain_identifier("last_name") && !plain_identifier("Nom") && !plain_identifier("a b"));
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE signatory (id INTEGER PRIMARY KEY, last_name TEXT, first_names TEXT, {} TEXT);
             CREATE TABLE audit_entry (at, referent, os_user, signatory_id, signatory_label, entity, entity_id,
                                       action, field, old_value, new_value);
             CREATE TABLE setting (key, value);
             CREATE TEMP TABLE cesp_actor (os_user TEXT);",
            quoted(&evil)
        ))
        .unwrap();
        let a = signatory_table("signatory", "{r}.id");
        let cols = vec!["last_name".to_owned(), evil.clone()];
        conn.execute_batch(&triggers(&a, &cols)).unwrap();
        conn.execute(
            &format!(
                "INSERT INTO signatory (last_name, first_names, {}) VALUES ('A', 'B', 'x')",
                quoted(&evil)
            ),
            [],
        )
        .unwrap();
        let journalled: String = conn
            .query_row(
                "SELECT new_value FROM audit_entry WHERE action = 'creation'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // A JSON array of column, value…: the name is one of its strings, as it is.
        let values: Vec<serde_json::Value> = serde_json::from_str(&journalled).unwrap();
        assert!(
            values.contains(&serde_json::Value::String(evil.clone())),
            "the name is journalled as text: {journalled}"
        );
        assert!(!pwn.exists());
        let attached: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_database_list WHERE name = 'pwn'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(attached, 0);
    }
}
