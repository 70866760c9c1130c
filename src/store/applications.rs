//! SQL of the applications (`application`, `application_document`) and of the selection
//! commissions (`commission`).

use crate::applications::ApplicationRecord;
use crate::domain::{
    ApplicationDocument, Civility, Cycle, Decision, Discipline, PracticeMode, SignatoryRecord, Status,
    ZoneType,
};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(crate::domain::dates::format_iso)
}

/// A stored application.
#[derive(Debug, Clone)]
pub(crate) struct StoredApplication {
    pub id: i64,
    pub record: ApplicationRecord,
    pub decision: Option<Decision>,
    pub waiting_rank: Option<i32>,
    pub decision_reason: String,
    pub signatory_id: Option<i64>,
    /// The signature date of the signatory it became (the signed contract came back).
    pub signed_on: Option<NaiveDate>,
    pub contract_sent_on: Option<NaiveDate>,
    pub documents: HashMap<ApplicationDocument, NaiveDate>,
}

const COLUMNS: &str = "a.id, a.academic_year, a.ufr, a.civility, a.last_name, a.birth_name, a.first_names, \
     a.birth_date, a.email, a.phone, a.address, a.discipline, a.padhue, a.cycle, a.study_year, a.ecn_year, \
     a.ecn_rank, a.specialty, a.project_mode, a.project_zone, a.project_place, a.project, a.received_date, \
     a.notes, a.decision, a.waiting_rank, a.decision_reason, a.signatory_id, s.signature_date, a.contract_sent_on";

fn read(r: &Row<'_>) -> rusqlite::Result<StoredApplication> {
    use super::columns::date_text;
    let code = |i: usize| r.get::<_, Option<String>>(i);
    Ok(StoredApplication {
        id: r.get(0)?,
        record: ApplicationRecord {
            academic_year: r.get(1)?,
            ufr: r.get(2)?,
            identity: SignatoryRecord {
                // The CHECK constraints keep the codes known; an unknown one reads as the first.
                civility: Civility::from_code(&r.get::<_, String>(3)?),
                last_name: r.get(4)?,
                birth_name: r.get(5)?,
                first_names: r.get(6)?,
                birth_date: date_text(r.get(7)?),
                email: r.get(8)?,
                phone: r.get(9)?,
                address: r.get(10)?,
                discipline: Discipline::from_code(&r.get::<_, String>(11)?).unwrap_or(Discipline::Medecine),
                padhue: r.get(12)?,
                ufr: Some(r.get(2)?),
                subdivision: None,
                cycle: code(13)?.as_deref().and_then(Cycle::from_code),
                study_year: r.get(14)?,
                ecn_year: r.get(15)?,
                ecn_rank: r.get(16)?,
                specialty: r.get(17)?,
                signature_date: None,
                managing_body: None,
                contract_ref: None,
                status: Status::Candidat,
                notes: r.get(23)?,
            },
            project_mode: code(18)?.as_deref().and_then(PracticeMode::from_code),
            project_zone: code(19)?.as_deref().and_then(ZoneType::from_code),
            project_place: r.get(20)?,
            project: r.get(21)?,
            received_date: date_text(r.get(22)?),
        },
        decision: code(24)?.as_deref().and_then(Decision::from_code),
        waiting_rank: r.get(25)?,
        decision_reason: r.get(26)?,
        signatory_id: r.get(27)?,
        signed_on: date_text(r.get(28)?),
        contract_sent_on: date_text(r.get(29)?),
        documents: HashMap::new(),
    })
}

fn with_documents(conn: &Connection, mut rows: Vec<StoredApplication>) -> Result<Vec<StoredApplication>> {
    let mut stmt = conn
        .prepare_cached("SELECT document, received_on FROM application_document WHERE application_id = ?1")?;
    for a in &mut rows {
        let docs = stmt.query_map([a.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for d in docs {
            let (code, on) = d?;
            if let (Some(doc), Some(on)) = (
                ApplicationDocument::from_code(&code),
                super::columns::parse_iso(&on),
            ) {
                a.documents.insert(doc, on);
            }
        }
    }
    Ok(rows)
}

/// The applications of a campaign (a year, and a UFR unless `None`), by name.
pub(crate) fn campaign(conn: &Connection, year: i32, ufr: Option<&str>) -> Result<Vec<StoredApplication>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM application a LEFT JOIN signatory s ON s.id = a.signatory_id
         WHERE a.academic_year = ?1 AND (?2 IS NULL OR a.ufr = ?2)
         ORDER BY a.last_name COLLATE fr, a.first_names COLLATE fr, a.id"
    ))?;
    let rows = stmt
        .query_map(params![year, ufr], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    with_documents(conn, rows)
}

/// The applications of the campaigns of `years` (the reminders of "À faire").
pub(crate) fn of_years(conn: &Connection, years: &[i32]) -> Result<Vec<StoredApplication>> {
    let mut out = Vec::new();
    for y in years {
        out.extend(campaign(conn, *y, None)?);
    }
    Ok(out)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<StoredApplication>> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM application a LEFT JOIN signatory s ON s.id = a.signatory_id WHERE a.id = ?1"
            ),
            [id],
            read,
        )
        .optional()?;
    Ok(match row {
        Some(r) => with_documents(conn, vec![r])?.pop(),
        None => None,
    })
}

fn values(a: &ApplicationRecord) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    let text = |s: &str| Value::Text(s.to_owned());
    let opt = |s: &Option<String>| s.as_deref().map_or(Value::Null, text);
    let int = |n: Option<i32>| n.map_or(Value::Null, |n| Value::Integer(i64::from(n)));
    let date = |d: Option<NaiveDate>| iso(d).map_or(Value::Null, Value::Text);
    let r = &a.identity;
    vec![
        Value::Integer(i64::from(a.academic_year)),
        text(&a.ufr),
        // Validation requires it for an application; an empty value would fail the table's check.
        text(r.civility.map_or("", Civility::code)),
        text(&r.last_name),
        opt(&r.birth_name),
        text(&r.first_names),
        date(r.birth_date),
        opt(&r.email),
        opt(&r.phone),
        opt(&r.address),
        text(r.discipline.code()),
        Value::Integer(i64::from(r.padhue)),
        r.cycle.map_or(Value::Null, |c| text(c.code())),
        int(r.study_year),
        int(r.ecn_year),
        int(r.ecn_rank),
        opt(&r.specialty),
        a.project_mode.map_or(Value::Null, |m| text(m.code())),
        a.project_zone.map_or(Value::Null, |z| text(z.code())),
        opt(&a.project_place),
        text(&a.project),
        date(a.received_date),
        text(&r.notes),
    ]
}

const FIELDS: &str = "academic_year, ufr, civility, last_name, birth_name, first_names, birth_date, email, phone, \
     address, discipline, padhue, cycle, study_year, ecn_year, ecn_rank, specialty, project_mode, project_zone, \
     project_place, project, received_date, notes";

pub(crate) fn insert(conn: &Connection, r: &ApplicationRecord, now: &str) -> Result<i64> {
    let mut v = values(r);
    v.push(rusqlite::types::Value::Text(now.to_owned()));
    v.push(rusqlite::types::Value::Text(now.to_owned()));
    let marks = vec!["?"; v.len()].join(", ");
    conn.execute(
        &format!("INSERT INTO application ({FIELDS}, created_at, updated_at) VALUES ({marks})"),
        rusqlite::params_from_iter(v),
    )?;
    Ok(conn.last_insert_rowid())
}

/// False when there is no such application.
pub(crate) fn update(conn: &Connection, id: i64, r: &ApplicationRecord, now: &str) -> Result<bool> {
    let mut v = values(r);
    let sets: Vec<String> = FIELDS.split(", ").map(|f| format!("{f} = ?")).collect();
    v.push(rusqlite::types::Value::Text(now.to_owned()));
    v.push(rusqlite::types::Value::Integer(id));
    let n = conn.execute(
        &format!(
            "UPDATE application SET {}, updated_at = ? WHERE id = ?",
            sets.join(", ")
        ),
        rusqlite::params_from_iter(v),
    )?;
    Ok(n > 0)
}

pub(crate) fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM application WHERE id = ?1", [id])? > 0)
}

pub(crate) fn set_document(
    conn: &Connection,
    id: i64,
    doc: ApplicationDocument,
    on: Option<NaiveDate>,
) -> Result<()> {
    match on {
        Some(d) => conn.execute(
            "INSERT INTO application_document (application_id, document, received_on) VALUES (?1, ?2, ?3)
             ON CONFLICT (application_id, document) DO UPDATE SET received_on = excluded.received_on",
            params![id, doc.code(), iso(Some(d))],
        )?,
        None => conn.execute(
            "DELETE FROM application_document WHERE application_id = ?1 AND document = ?2",
            params![id, doc.code()],
        )?,
    };
    Ok(())
}

pub(crate) fn set_decision(
    conn: &Connection,
    id: i64,
    decision: Option<Decision>,
    rank: Option<i32>,
    reason: &str,
    now: &str,
) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE application SET decision = ?2, waiting_rank = ?3, decision_reason = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, decision.map(|d| d.code()), rank, reason, now],
    )? > 0)
}

/// Links the application to the signatory it became; false if it already was converted.
pub(crate) fn link(
    conn: &Connection,
    id: i64,
    signatory_id: i64,
    sent_on: Option<NaiveDate>,
    now: &str,
) -> Result<bool> {
    let linked = conn.execute(
        "UPDATE application SET signatory_id = ?2, contract_sent_on = ?3, updated_at = ?4
         WHERE id = ?1 AND signatory_id IS NULL",
        params![id, signatory_id, iso(sent_on), now],
    )? > 0;
    if linked {
        super::audit::link_application(conn, id, signatory_id)?;
    }
    Ok(linked)
}

/// The UFRs named in the applications and the signatories' files, for the campaign picker.
pub(crate) fn ufrs(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT ufr FROM application UNION SELECT ufr FROM signatory WHERE ufr IS NOT NULL AND ufr <> '' ORDER BY 1",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(names.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A commission sitting.
#[derive(Debug, Clone, Default)]
pub(crate) struct CommissionRow {
    pub sitting_date: Option<NaiveDate>,
    pub members: String,
    pub notes: String,
}

pub(crate) fn commission(conn: &Connection, year: i32, ufr: &str) -> Result<Option<CommissionRow>> {
    Ok(conn
        .query_row(
            "SELECT sitting_date, members, notes FROM commission WHERE academic_year = ?1 AND ufr = ?2",
            params![year, ufr],
            |r| {
                Ok(CommissionRow {
                    sitting_date: super::columns::date_text(r.get(0)?),
                    members: r.get(1)?,
                    notes: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Every recorded sitting date, by (year, UFR).
pub(crate) fn sittings(conn: &Connection) -> Result<HashMap<(i32, String), NaiveDate>> {
    let mut stmt = conn
        .prepare("SELECT academic_year, ufr, sitting_date FROM commission WHERE sitting_date IS NOT NULL")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (y, u, d) = row?;
        if let Some(d) = super::columns::parse_iso(&d) {
            out.insert((y, u), d);
        }
    }
    Ok(out)
}

pub(crate) fn save_commission(
    conn: &Connection,
    year: i32,
    ufr: &str,
    c: &CommissionRow,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO commission (academic_year, ufr, sitting_date, members, notes, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (academic_year, ufr) DO UPDATE SET sitting_date = excluded.sitting_date,
             members = excluded.members, notes = excluded.notes, updated_at = excluded.updated_at",
        params![year, ufr, iso(c.sitting_date), c.members, c.notes, now],
    )?;
    Ok(())
}
