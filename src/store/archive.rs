//! SQL of the archiving of ended files: which files ended, their anonymisation and deletion.

use crate::domain::{ContractEndKind, Status};
use crate::error::Result;
use rusqlite::{params, Connection};

/// A file that ended, or may have: its status, discipline and contract.
pub(crate) struct EndedFile {
    pub id: i64,
    pub label: String,
    pub status: Status,
    pub discipline: crate::domain::Discipline,
    /// The contract's row (`None` without one); its `end` is the recorded end.
    pub ledger: Option<super::ledger::LedgerRow>,
    pub end_amount: Option<String>,
    pub anonymised: bool,
}

pub(crate) fn ended_files(conn: &Connection) -> Result<Vec<EndedFile>> {
    use super::columns::date;
    let mut stmt = conn.prepare(
        "SELECT s.id, s.last_name, s.first_names, s.status, s.anonymised_on IS NOT NULL, s.discipline,
                l.signatory_id IS NOT NULL, l.allocation_start, l.allocation_end, l.intern_start,
                l.definitive_request, l.diploma_date, l.practice_start, l.end_kind, l.end_date, l.end_amount
         FROM signatory s LEFT JOIN ledger l ON l.signatory_id = s.id
         WHERE s.status IN ('engagement_termine', 'decede_ou_inaptitude', 'rompu', 'resilie')
            OR l.end_kind IS NOT NULL
         ORDER BY s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let anonymised: bool = r.get(4)?;
        let id: i64 = r.get(0)?;
        let kind: Option<String> = r.get(13)?;
        let end = kind
            .as_deref()
            .and_then(ContractEndKind::from_code)
            .zip(date(r, 14)?)
            .map(|(kind, date)| super::ledger::EndRow {
                kind,
                date,
                amount: None,
                notes: String::new(),
            });
        let ledger = if r.get::<_, bool>(6)? {
            Some(super::ledger::LedgerRow {
                allocation_start: date(r, 7)?,
                allocation_end: date(r, 8)?,
                intern_start: date(r, 9)?,
                definitive_request: date(r, 10)?,
                diploma_date: date(r, 11)?,
                practice_start: date(r, 12)?,
                end,
            })
        } else {
            None
        };
        Ok((
            id,
            if anonymised {
                format!("Dossier anonymisé n° {id}")
            } else {
                format!("{} {}", r.get::<_, String>(1)?, r.get::<_, String>(2)?)
            },
            r.get::<_, String>(3)?,
            anonymised,
            r.get::<_, String>(5)?,
            ledger,
            r.get::<_, Option<String>>(15)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, label, status, anonymised, discipline, ledger, end_amount) = row?;
        // The CHECK constraints of the columns keep the codes known.
        let (Some(status), Some(discipline)) = (
            Status::from_code(&status),
            crate::domain::Discipline::from_code(&discipline),
        ) else {
            continue;
        };
        out.push(EndedFile {
            id,
            label,
            status,
            discipline,
            ledger,
            end_amount,
            anonymised,
        });
    }
    Ok(out)
}

/// Erases what identifies the person in file `id` and keeps what the statistics count
/// (discipline, specialty, UFR, status, dates of the contract, communes and zones).
pub(crate) fn anonymise(conn: &Connection, id: i64, today: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE signatory SET last_name = 'Dossier anonymisé', first_names = 'n° ' || id,
                birth_name = NULL, birth_date = NULL, email = NULL, phone = NULL, address = NULL,
                contract_ref = NULL, ecn_rank = NULL, notes = '',
                search_names = 'dossier anonymise', name_key = ?4,
                anonymised_on = ?2, updated_at = ?3
         WHERE id = ?1",
        params![
            id,
            today,
            now,
            // Sorted with the other names, in French order.
            crate::text::collation::sort_key_hex(&format!("Dossier anonymisé n° {id:010}"))
        ],
    )?;
    conn.execute(
        "UPDATE followup_form SET email = NULL, phone = NULL, address = NULL, comments = NULL,
                other_aids = NULL, missing_note = NULL, project_place = NULL
         WHERE signatory_id = ?1",
        [id],
    )?;
    conn.execute(
        "UPDATE interview SET attendees = '', report = '' WHERE signatory_id = ?1",
        [id],
    )?;
    conn.execute(
        "UPDATE interview_action SET text = '(effacé)'
         WHERE interview_id IN (SELECT id FROM interview WHERE signatory_id = ?1)",
        [id],
    )?;
    conn.execute("UPDATE installation SET notes = '' WHERE signatory_id = ?1", [id])?;
    conn.execute(
        "UPDATE installation_place SET address = ''
         WHERE installation_id IN (SELECT id FROM installation WHERE signatory_id = ?1)",
        [id],
    )?;
    conn.execute("UPDATE ledger SET end_notes = '' WHERE signatory_id = ?1", [id])?;
    coarsen(conn, id)?;
    forget_application(conn, id)
}

/// What stays of an anonymised file is coarsened so that a small regional cohort cannot be
/// told apart by it: every date becomes the 1st of January of its year (the counts by year
/// are unchanged), every commune its department (the counts by department and zone are
/// unchanged). Reminders and the items of "À faire" marked as dealt with, which only serve
/// the follow-up, go.
fn coarsen(conn: &Connection, id: i64) -> Result<()> {
    // `NULL || '…'` is NULL: an empty date stays empty.
    const YEAR: &str = "substr({c}, 1, 4) || '-01-01'";
    let years = |cols: &[&str]| -> String {
        cols.iter()
            .map(|c| format!("{c} = {}", YEAR.replace("{c}", c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let of_file = "signatory_id = ?1";
    let statements = [
        format!(
            "UPDATE signatory SET {} WHERE id = ?1",
            years(&["signature_date"])
        ),
        format!(
            "UPDATE ledger SET {} WHERE {of_file}",
            years(&[
                "allocation_start",
                "allocation_end",
                "intern_start",
                "definitive_request",
                "diploma_date",
                "practice_start",
                "end_date",
            ])
        ),
        format!(
            "UPDATE allowance_suspension SET {} WHERE {of_file}",
            years(&["start_date", "end_date"])
        ),
        format!(
            "UPDATE practice_suspension SET {} WHERE {of_file}",
            years(&["start_date", "end_date"])
        ),
        format!(
            "DELETE FROM followup_reminder WHERE form_id IN (SELECT id FROM followup_form WHERE {of_file})"
        ),
        format!(
            "UPDATE followup_form SET {} WHERE {of_file}",
            years(&[
                "sent_date",
                "received_date",
                "project_date",
                "expected_des_date",
                "expected_thesis_date",
                "signature_date",
            ])
        ),
        format!("UPDATE interview SET {} WHERE {of_file}", years(&["date"])),
        format!(
            "UPDATE interview_action SET {} WHERE interview_id IN (SELECT id FROM interview WHERE {of_file})",
            years(&["due_date", "done_date"])
        ),
        format!(
            "UPDATE installation SET {} WHERE {of_file}",
            years(&[
                "declaration_date",
                "practice_start",
                "des_certificate_date",
                "contracts_date"
            ])
        ),
        format!(
            "UPDATE installation_place SET {}, insee = substr(department || '000', 1, 5),
                    commune = 'Commune effacée (' || department || ')'
             WHERE installation_id IN (SELECT id FROM installation WHERE {of_file})",
            years(&["start_date", "end_date"])
        ),
        format!("DELETE FROM todo_done WHERE {of_file}"),
    ];
    for sql in statements {
        conn.execute(&sql, [id])?;
    }
    Ok(())
}

/// Rebuilds the name search index from the names as they now are. FTS5 keeps the words of a
/// deleted or changed name in its segments until they are merged: an erased name must not
/// survive there (the pages it leaves are zeroed: `secure_delete` is on).
pub(crate) fn rebuild_search_index(conn: &Connection) -> Result<()> {
    conn.execute("INSERT INTO signatory_fts (signatory_fts) VALUES ('rebuild')", [])?;
    Ok(())
}

/// When file `id` was created: with its number, what tells its rows in the backups.
pub(crate) fn created_at(conn: &Connection, id: i64) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT created_at FROM signatory WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Whether the register `conn` (a backup, opened read-only) holds file `id` created at
/// `created_at` with its identity (not anonymised). A schema older than the anonymisation
/// has no `anonymised_on`: the file is whole there.
pub(crate) fn holds_identity(conn: &Connection, id: i64, created_at: &str) -> Result<bool> {
    let found = conn.query_row(
        "SELECT count(*) FROM signatory WHERE id = ?1 AND created_at = ?2",
        params![id, created_at],
        |r| r.get::<_, i64>(0),
    )? > 0;
    if !found {
        return Ok(false);
    }
    match conn.query_row(
        "SELECT anonymised_on IS NULL FROM signatory WHERE id = ?1",
        [id],
        |r| r.get::<_, bool>(0),
    ) {
        Ok(whole) => Ok(whole),
        Err(_) => Ok(true),
    }
}

/// The application the file came from holds the same identity: it goes (the counts of its
/// campaign, long over, lose it).
fn forget_application(conn: &Connection, id: i64) -> Result<()> {
    let ids = application_ids(conn, "signatory_id = ?1", id)?;
    conn.execute("DELETE FROM application WHERE signatory_id = ?1", [id])?;
    // Its entries, even those written before it was linked to the file.
    super::audit::drop_application_entries(conn, &ids)?;
    Ok(())
}

/// The applications matching `condition` (on parameter ?1).
fn application_ids(conn: &Connection, condition: &str, param: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(&format!("SELECT id FROM application WHERE {condition}"))?;
    let ids = stmt.query_map([param], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Deletes file `id`; everything attached to it goes with it (ON DELETE CASCADE).
pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    forget_application(conn, id)?;
    conn.execute("DELETE FROM signatory WHERE id = ?1", [id])?;
    Ok(())
}

/// Applications never converted of the campaigns up to `until`.
pub(crate) fn count_old_applications(conn: &Connection, until: i32) -> Result<u32> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM application WHERE signatory_id IS NULL AND academic_year <= ?1",
        [until],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub(crate) fn delete_old_applications(conn: &Connection, until: i32) -> Result<u32> {
    let ids = application_ids(
        conn,
        "signatory_id IS NULL AND academic_year <= ?1",
        i64::from(until),
    )?;
    conn.execute(
        "DELETE FROM application WHERE signatory_id IS NULL AND academic_year <= ?1",
        [until],
    )?;
    // Their journal held the candidates' identities: it goes with them.
    let n = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    let label = format!(
        "{n} candidature(s) des campagnes jusqu'à {} (conservation)",
        crate::applications::year_label(until)
    );
    super::audit::forget_applications(conn, &ids, &label)?;
    Ok(n)
}
