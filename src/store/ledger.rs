//! SQL of the contract ledger: `ledger`, `allowance_suspension`, `practice_suspension`,
//! `allowance_rate`.

use crate::domain::{ContractEndKind, SuspensionReason};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// The dates of a contract as stored (ISO dates).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LedgerRow {
    pub allocation_start: Option<NaiveDate>,
    pub allocation_end: Option<NaiveDate>,
    pub intern_start: Option<NaiveDate>,
    pub definitive_request: Option<NaiveDate>,
    pub diploma_date: Option<NaiveDate>,
    pub practice_start: Option<NaiveDate>,
    pub end: Option<EndRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EndRow {
    pub kind: ContractEndKind,
    pub date: NaiveDate,
    pub amount: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SuspensionRow {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub reason: SuspensionReason,
    pub paid: bool,
    pub document_received: bool,
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(crate::domain::dates::format_iso)
}

use super::columns::date_text as parse_iso;

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<LedgerRow>> {
    Ok(conn
        .query_row(
            "SELECT allocation_start, allocation_end, intern_start, definitive_request, diploma_date,
                    practice_start, end_kind, end_date, end_amount, end_notes
             FROM ledger WHERE signatory_id = ?1",
            [id],
            |r| {
                let end_kind: Option<String> = r.get(6)?;
                let end_date = parse_iso(r.get(7)?);
                let end = match (end_kind.as_deref().and_then(ContractEndKind::from_code), end_date) {
                    (Some(kind), Some(date)) => Some(EndRow {
                        kind,
                        date,
                        amount: r.get(8)?,
                        notes: r.get(9)?,
                    }),
                    _ => None,
                };
                Ok(LedgerRow {
                    allocation_start: parse_iso(r.get(0)?),
                    allocation_end: parse_iso(r.get(1)?),
                    intern_start: parse_iso(r.get(2)?),
                    definitive_request: parse_iso(r.get(3)?),
                    diploma_date: parse_iso(r.get(4)?),
                    practice_start: parse_iso(r.get(5)?),
                    end,
                })
            },
        )
        .optional()?)
}

/// Replaces the dates of the ledger (the end of contract is kept).
pub(crate) fn upsert_dates(conn: &Connection, id: i64, row: &LedgerRow, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO ledger (signatory_id, allocation_start, allocation_end, intern_start, definitive_request,
                             diploma_date, practice_start, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (signatory_id) DO UPDATE SET
             allocation_start = excluded.allocation_start, allocation_end = excluded.allocation_end,
             intern_start = excluded.intern_start, definitive_request = excluded.definitive_request,
             diploma_date = excluded.diploma_date, practice_start = excluded.practice_start,
             updated_at = excluded.updated_at",
        params![
            id,
            iso(row.allocation_start),
            iso(row.allocation_end),
            iso(row.intern_start),
            iso(row.definitive_request),
            iso(row.diploma_date),
            iso(row.practice_start),
            now
        ],
    )?;
    Ok(())
}

pub(crate) fn set_end(conn: &Connection, id: i64, end: &EndRow, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO ledger (signatory_id, end_kind, end_date, end_amount, end_notes, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (signatory_id) DO UPDATE SET
             end_kind = excluded.end_kind, end_date = excluded.end_date, end_amount = excluded.end_amount,
             end_notes = excluded.end_notes, updated_at = excluded.updated_at",
        params![
            id,
            end.kind.code(),
            iso(Some(end.date)),
            end.amount,
            end.notes,
            now
        ],
    )?;
    Ok(())
}

pub(crate) fn suspensions(conn: &Connection, id: i64) -> Result<Vec<SuspensionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start_date, end_date, reason, paid, document_received FROM allowance_suspension
         WHERE signatory_id = ?1 ORDER BY start_date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let reason: String = r.get(2)?;
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            reason,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (start, end, reason, paid, document_received) = row?;
        if let (Some(start), Some(end), Some(reason)) = (
            parse_iso(Some(start)),
            parse_iso(Some(end)),
            SuspensionReason::from_code(&reason),
        ) {
            out.push(SuspensionRow {
                start,
                end,
                reason,
                paid,
                document_received,
            });
        }
    }
    Ok(out)
}

pub(crate) fn practice_suspensions(conn: &Connection, id: i64) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start_date, end_date FROM practice_suspension WHERE signatory_id = ?1 ORDER BY start_date, id",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (s, e) = row?;
        if let (Some(s), Some(e)) = (parse_iso(Some(s)), parse_iso(Some(e))) {
            out.push((s, e));
        }
    }
    Ok(out)
}

/// Every allowance suspension of the region, by signatory, in the order of [`suspensions`].
pub(crate) fn all_suspensions(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, Vec<SuspensionRow>>> {
    let mut stmt = conn.prepare(
        "SELECT signatory_id, start_date, end_date, reason, paid, document_received FROM allowance_suspension
         ORDER BY signatory_id, start_date, id",
    )?;
    let mut out: std::collections::HashMap<i64, Vec<SuspensionRow>> = std::collections::HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let reason = match r.get_ref(3)? {
            rusqlite::types::ValueRef::Text(t) => {
                std::str::from_utf8(t).ok().and_then(SuspensionReason::from_code)
            }
            _ => None,
        };
        if let (Some(start), Some(end), Some(reason)) =
            (super::columns::date(r, 1)?, super::columns::date(r, 2)?, reason)
        {
            out.entry(r.get(0)?).or_default().push(SuspensionRow {
                start,
                end,
                reason,
                paid: r.get(4)?,
                document_received: r.get(5)?,
            });
        }
    }
    Ok(out)
}

/// Every practice suspension of the region, by signatory, in the order of [`practice_suspensions`].
pub(crate) fn all_practice_suspensions(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, Vec<(NaiveDate, NaiveDate)>>> {
    let mut stmt = conn.prepare(
        "SELECT signatory_id, start_date, end_date FROM practice_suspension ORDER BY signatory_id, start_date, id",
    )?;
    let mut out: std::collections::HashMap<i64, Vec<(NaiveDate, NaiveDate)>> =
        std::collections::HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let (Some(a), Some(b)) = (super::columns::date(r, 1)?, super::columns::date(r, 2)?) {
            out.entry(r.get(0)?).or_default().push((a, b));
        }
    }
    Ok(out)
}

pub(crate) fn replace_suspensions(
    conn: &Connection,
    id: i64,
    allowance: &[SuspensionRow],
    practice: &[(NaiveDate, NaiveDate)],
) -> Result<()> {
    conn.execute("DELETE FROM allowance_suspension WHERE signatory_id = ?1", [id])?;
    conn.execute("DELETE FROM practice_suspension WHERE signatory_id = ?1", [id])?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO allowance_suspension (signatory_id, start_date, end_date, reason, paid, document_received)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for s in allowance {
        ins.execute(params![
            id,
            iso(Some(s.start)),
            iso(Some(s.end)),
            s.reason.code(),
            s.paid,
            s.document_received
        ])?;
    }
    let mut ins = conn.prepare_cached(
        "INSERT INTO practice_suspension (signatory_id, start_date, end_date) VALUES (?1, ?2, ?3)",
    )?;
    for (s, e) in practice {
        ins.execute(params![id, iso(Some(*s)), iso(Some(*e))])?;
    }
    Ok(())
}

/// The allowance rate table: (from, gross, net) as stored decimal strings, oldest first.
pub(crate) fn rates(conn: &Connection) -> Result<Vec<(NaiveDate, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_date, monthly_gross, monthly_net FROM allowance_rate ORDER BY from_date",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (d, g, n) = row?;
        if let Some(d) = parse_iso(Some(d)) {
            out.push((d, g, n));
        }
    }
    Ok(out)
}

pub(crate) fn replace_rates(conn: &Connection, rates: &[(NaiveDate, String, String)]) -> Result<()> {
    conn.execute("DELETE FROM allowance_rate", [])?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO allowance_rate (from_date, monthly_gross, monthly_net) VALUES (?1, ?2, ?3)",
    )?;
    for (d, g, n) in rates {
        ins.execute(params![iso(Some(*d)), g, n])?;
    }
    Ok(())
}

/// The degressive-rate parameters: (regime code, discipline code, threshold, coefficient).
pub(crate) fn degressive(conn: &Connection) -> Result<Vec<(String, String, u32, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT regime, discipline, threshold_months, coefficient FROM degressive_parameter
         ORDER BY regime, CASE discipline WHEN 'medecine' THEN 0 WHEN 'odontologie' THEN 1
                                          WHEN 'maieutique' THEN 2 ELSE 3 END",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn update_degressive(
    conn: &Connection,
    regime: &str,
    discipline: &str,
    threshold: u32,
    coefficient: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE degressive_parameter SET threshold_months = ?3, coefficient = ?4
         WHERE regime = ?1 AND discipline = ?2",
        params![regime, discipline, threshold, coefficient],
    )?;
    Ok(())
}
