//! SQL of the `signatory` table and its search index.

use crate::domain::completeness;
use crate::domain::{Civility, Cycle, Discipline, ManagingBody, Regime, Signatory, SignatoryRecord, Status};
use crate::error::Result;
use crate::register::{ListQuery, Page, SignatoryRow, SortColumn};
use crate::text::{fold, fts_prefix_query};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The folded text the search index holds for a signatory.
fn search_names(r: &SignatoryRecord) -> String {
    let mut s = fold(&r.last_name);
    if let Some(b) = &r.birth_name {
        s.push(' ');
        s.push_str(&fold(b));
    }
    s.push(' ');
    s.push_str(&fold(&r.first_names));
    s
}

/// Sort key: last name then first names in French order ("Émile" with the E, "Martin Zoé"
/// before "Martinez Anne"): the collation key in hexadecimal, which SQLite sorts with a
/// plain index (see [`crate::text::collation`]).
pub(crate) fn name_key(r: &SignatoryRecord) -> String {
    crate::text::collation::sort_key_hex(&format!("{} {}", r.last_name.trim(), r.first_names.trim()))
}

const NAME_KEY_SETTING: &str = "name_key_version";

/// Computes every sort key again when they were made by another collation (an older
/// version of the application, or a newer collation library): one transaction, before the
/// journal's triggers are installed (the keys are derived data, not a change of the files).
pub(crate) fn refresh_name_keys(conn: &mut Connection) -> Result<()> {
    // A schema older than the settings table (tests open such ones): nothing to refresh.
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('setting', 'signatory')",
        [],
        |r| r.get(0),
    )?;
    if tables < 2 {
        return Ok(());
    }
    let current: Option<String> = conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [NAME_KEY_SETTING],
            |r| r.get(0),
        )
        .optional()?;
    if current.as_deref() == Some(crate::text::collation::SORT_KEY_VERSION) {
        return Ok(());
    }
    let tx = conn.transaction()?;
    {
        let mut read = tx.prepare("SELECT id, last_name, first_names FROM signatory")?;
        let rows: Vec<(i64, String, String)> = read
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut write = tx.prepare("UPDATE signatory SET name_key = ?1 WHERE id = ?2")?;
        for (id, last, first) in rows {
            let key = crate::text::collation::sort_key_hex(&format!("{} {}", last.trim(), first.trim()));
            write.execute(params![key, id])?;
        }
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![NAME_KEY_SETTING, crate::text::collation::SORT_KEY_VERSION],
        )?;
    }
    tx.commit()?;
    Ok(())
}

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(crate::domain::dates::format_iso)
}

/// The stored columns of a record, in the order of [`RECORD_COLUMNS`]: one list for the
/// insert and the update, so that the two cannot disagree.
fn record_values(r: &SignatoryRecord) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_owned());
    let opt_text = |s: Option<&str>| s.map_or(Value::Null, text);
    let opt_int = |n: Option<i32>| n.map_or(Value::Null, |n| Value::Integer(i64::from(n)));
    vec![
        opt_text(r.civility.map(Civility::code)),
        text(&r.last_name),
        opt_text(r.birth_name.as_deref()),
        text(&r.first_names),
        opt_text(date(r.birth_date).as_deref()),
        opt_text(r.email.as_deref()),
        opt_text(r.phone.as_deref()),
        opt_text(r.address.as_deref()),
        text(r.discipline.code()),
        Value::Integer(i64::from(r.padhue)),
        opt_text(r.ufr.as_deref()),
        opt_text(r.subdivision.as_deref()),
        opt_text(r.cycle.map(Cycle::code)),
        opt_int(r.study_year),
        opt_int(r.ecn_year),
        opt_int(r.ecn_rank),
        opt_text(r.specialty.as_deref()),
        opt_text(date(r.signature_date).as_deref()),
        opt_text(r.managing_body.map(ManagingBody::code)),
        opt_text(r.contract_ref.as_deref()),
        text(r.status.code()),
        text(&r.notes),
        text(&search_names(r)),
        text(&name_key(r)),
    ]
}

const RECORD_COLUMNS: [&str; 24] = [
    "civility",
    "last_name",
    "birth_name",
    "first_names",
    "birth_date",
    "email",
    "phone",
    "address",
    "discipline",
    "padhue",
    "ufr",
    "subdivision",
    "cycle",
    "study_year",
    "ecn_year",
    "ecn_rank",
    "specialty",
    "signature_date",
    "managing_body",
    "contract_ref",
    "status",
    "notes",
    "search_names",
    "name_key",
];

pub(crate) fn insert(conn: &Connection, r: &SignatoryRecord, now: &str) -> Result<i64> {
    let placeholders: Vec<String> = (1..=RECORD_COLUMNS.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO signatory ({}, created_at, updated_at) VALUES ({})",
        RECORD_COLUMNS.join(", "),
        placeholders.join(", ")
    );
    let mut values = record_values(r);
    values.push(Value::Text(now.to_owned()));
    values.push(Value::Text(now.to_owned()));
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(conn.last_insert_rowid())
}

/// Returns false when no signatory has this id.
pub(crate) fn update(conn: &Connection, id: i64, r: &SignatoryRecord, now: &str) -> Result<bool> {
    let sets: Vec<String> = RECORD_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE signatory SET {}, updated_at = ?{} WHERE id = ?1",
        sets.join(", "),
        RECORD_COLUMNS.len() + 2
    );
    let mut values = vec![Value::Integer(id)];
    values.extend(record_values(r));
    values.push(Value::Text(now.to_owned()));
    let n = conn
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(n == 1)
}

/// The id of the signatory holding this contract reference, if any.
pub(crate) fn contract_ref_owner(conn: &Connection, contract_ref: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM signatory WHERE contract_ref = ?1",
            [contract_ref],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM signatory", [], |r| r.get(0))?)
}

const COLUMNS: &str = "id, civility, last_name, birth_name, first_names, birth_date, email, phone, address,
    discipline, padhue, ufr, subdivision, cycle, study_year, ecn_year, ecn_rank, specialty, signature_date,
    managing_body, contract_ref, status, notes, created_at, updated_at";

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<Signatory>> {
    let sql = format!("SELECT {COLUMNS} FROM signatory WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

/// A stored code that no longer parses means the file was edited by hand: report it
/// as a conversion error on that column rather than guessing.
fn code<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse(&s).ok_or_else(|| rusqlite::Error::InvalidColumnType(idx, s, rusqlite::types::Type::Text))
}

fn opt_code<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(s) => parse(&s)
            .map(Some)
            .ok_or_else(|| rusqlite::Error::InvalidColumnType(idx, s, rusqlite::types::Type::Text)),
    }
}

fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    opt_code(row, idx, |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Signatory> {
    let signature_date = opt_date(row, 18)?;
    let mut s = Signatory {
        id: row.get(0)?,
        civility: opt_code(row, 1, Civility::from_code)?,
        last_name: row.get(2)?,
        birth_name: row.get(3)?,
        first_names: row.get(4)?,
        birth_date: opt_date(row, 5)?,
        email: row.get(6)?,
        phone: row.get(7)?,
        address: row.get(8)?,
        discipline: code(row, 9, Discipline::from_code)?,
        padhue: row.get(10)?,
        ufr: row.get(11)?,
        subdivision: row.get(12)?,
        cycle: opt_code(row, 13, Cycle::from_code)?,
        study_year: row.get(14)?,
        ecn_year: row.get(15)?,
        ecn_rank: row.get(16)?,
        specialty: row.get(17)?,
        signature_date,
        regime: signature_date.and_then(Regime::for_signature),
        managing_body: opt_code(row, 19, ManagingBody::from_code)?,
        contract_ref: row.get(20)?,
        status: code(row, 21, Status::from_code)?,
        notes: row.get(22)?,
        to_complete: Vec::new(),
        created_at: row.get(23)?,
        updated_at: row.get(24)?,
    };
    s.to_complete = completeness::gaps(&s.completeness_facts())
        .into_iter()
        .map(|g| g.label().to_owned())
        .collect();
    Ok(s)
}

/// The `WHERE` clause of the list's search and filters, and its arguments.
fn filter_of(q: &ListQuery) -> (String, Vec<Value>) {
    let mut conditions: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(fts) = fts_prefix_query(&q.search) {
        conditions.push("s.id IN (SELECT rowid FROM signatory_fts WHERE signatory_fts MATCH ?)");
        args.push(Value::Text(fts));
    }
    if let Some(st) = q.status {
        conditions.push("s.status = ?");
        args.push(Value::Text(st.code().into()));
    }
    if let Some(d) = q.discipline {
        conditions.push("s.discipline = ?");
        args.push(Value::Text(d.code().into()));
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (filter, args)
}

/// The `ORDER BY` of the list.
fn order_of(q: &ListQuery) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    // Empty values sort last whatever the direction; ties are broken by name, then id,
    // so that paging is stable.
    match q.sort {
        SortColumn::Name => format!("s.name_key {dir}, s.id {dir}"),
        SortColumn::Discipline => format!("s.discipline {dir}, s.name_key, s.id"),
        SortColumn::SignatureYear => {
            format!("s.signature_date IS NULL, substr(s.signature_date, 1, 4) {dir}, s.name_key, s.id")
        }
        SortColumn::Status => format!("s.status {dir}, s.name_key, s.id"),
        SortColumn::Specialty => {
            format!("s.specialty IS NULL, s.specialty COLLATE fr {dir}, s.name_key, s.id")
        }
        SortColumn::Ufr => format!("s.ufr IS NULL, s.ufr COLLATE fr {dir}, s.name_key, s.id"),
    }
}

/// Every signatory matching the list's search and filters, in its order (for the exports).
pub(crate) fn all_matching(conn: &Connection, q: &ListQuery) -> Result<Vec<Signatory>> {
    let (filter, args) = filter_of(q);
    let sql = format!(
        "SELECT {COLUMNS} FROM signatory s {filter} ORDER BY {}",
        order_of(q)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One page of the filtered, sorted list, and the number of matches.
pub(crate) fn list(conn: &Connection, q: &ListQuery) -> Result<Page> {
    let (filter, args) = filter_of(q);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM signatory s {filter}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;

    let order = order_of(q);
    let limit = q.limit.clamp(1, 500);
    let sql = format!(
        "SELECT s.id, s.last_name, s.birth_name, s.first_names, s.discipline,
                CAST(substr(s.signature_date, 1, 4) AS INTEGER), s.status, s.specialty, s.ufr
         FROM signatory s {filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
        q.offset
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |row| {
            Ok(SignatoryRow {
                id: row.get(0)?,
                last_name: row.get(1)?,
                birth_name: row.get(2)?,
                first_names: row.get(3)?,
                discipline: code(row, 4, Discipline::from_code)?,
                signature_year: row.get(5)?,
                status: code(row, 6, Status::from_code)?,
                specialty: row.get(7)?,
                ufr: row.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page {
        rows,
        total: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

/// Sets the status of a signatory (the end of a contract decides it). False if absent.
pub(crate) fn set_status(conn: &Connection, id: i64, status: Status, now: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE signatory SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.code(), now],
    )? == 1)
}

/// What identifies a file when importing: id, contract reference, identity key of the name
/// ([`crate::text::identity_key`]) and birth date (ISO).
pub(crate) type Identity = (i64, Option<String>, String, Option<String>);

/// The [`Identity`] of every signatory, in one read.
pub(crate) fn identities(conn: &Connection) -> Result<Vec<Identity>> {
    let mut stmt =
        conn.prepare("SELECT id, contract_ref, last_name, first_names, birth_date FROM signatory")?;
    let rows = stmt
        .query_map([], |r| {
            let last: String = r.get(2)?;
            let first: String = r.get(3)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                crate::text::identity_key(&last, &first),
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
