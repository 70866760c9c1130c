//! Retention of personal data: the files whose commitment ended, or whose contract ended
//! with nothing owed, more than N years ago are listed for archiving. The referent exports a
//! file for the archives (JSON: everything the application holds on it), then anonymises it
//! (what identifies the person is erased; what the statistics count stays) or deletes it.
//!
//! Not eligible: a rupture or a resignation with an amount owed (the application does not
//! know whether it was repaid: the referent closes it first), a file without an end date.

use crate::domain::dates::{format_fr, format_iso};
use crate::domain::{ContractEndKind, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::{archive as sql, audit, settings as kv, Store};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use specta::Type;
use std::path::Path;

const YEARS: &str = "archive_after_years";
pub const DEFAULT_YEARS: u32 = 5;
pub const YEARS_RANGE: std::ops::RangeInclusive<u32> = 1..=30;

/// A file past its retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ArchiveCandidate {
    pub id: i32,
    /// "NOM Prénoms", or "Dossier anonymisé n° 12".
    pub label: String,
    pub status_label: String,
    /// jj/mm/aaaa: the end of the commitment, or of the contract.
    pub ended_on: String,
    /// Why it is listed ("Engagement terminé le …").
    pub reason: String,
    /// Already anonymised: only the deletion is left.
    pub anonymised: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ArchiveList {
    /// Years kept after the end.
    pub years: u32,
    /// jj/mm/aaaa: files ended before this day are listed.
    pub ended_before: String,
    pub rows: Vec<ArchiveCandidate>,
    /// Applications never converted (not selected, or not signed) of campaigns that ended
    /// more than [`years`] ago: they hold identities too, and go in one click.
    pub old_applications: u32,
    /// The last campaign year whose applications are counted in `old_applications`.
    pub old_campaigns_until: i32,
    /// Its label, "2019-2020".
    pub old_campaigns_label: String,
}

pub fn years(store: &Store) -> Result<u32> {
    Ok(kv::get(store.read(), YEARS)?
        .and_then(|v| v.parse().ok())
        .filter(|y| YEARS_RANGE.contains(y))
        .unwrap_or(DEFAULT_YEARS))
}

pub fn save_years(store: &mut Store, years: u32) -> Result<u32> {
    if !YEARS_RANGE.contains(&years) {
        let mut e = ValidationErrors::default();
        e.push(
            "years",
            format!(
                "Durée de conservation des dossiers terminés : de {} à {} ans.",
                YEARS_RANGE.start(),
                YEARS_RANGE.end()
            ),
        );
        return Err(e.into());
    }
    store.write_keeping_views(|tx| kv::set(tx, YEARS, &years.to_string()))?;
    Ok(years)
}

/// What the contract rules need, read once for every file (a region of 50 000 has thousands
/// of ended files: one query per file would take seconds).
struct Contracts {
    params: crate::ledger::Parameters,
    allowance: std::collections::HashMap<i64, Vec<crate::store::ledger::SuspensionRow>>,
    practice: std::collections::HashMap<i64, Vec<(NaiveDate, NaiveDate)>>,
}

/// When and why file `f` ended, if it did in a way that lets it be archived.
fn ended(f: &sql::EndedFile, c: &Contracts, today: NaiveDate) -> Option<(NaiveDate, String)> {
    let row = f.ledger.as_ref();
    if let Some(end) = row.and_then(|l| l.end.as_ref()) {
        let nothing_owed = end.kind == ContractEndKind::SansRemboursement
            || f.end_amount
                .as_deref()
                .and_then(|a| a.parse::<rust_decimal::Decimal>().ok())
                .is_some_and(|a| a.is_zero());
        return nothing_owed.then(|| {
            (
                end.date,
                format!("{} le {}", end.kind.label(), format_fr(end.date)),
            )
        });
    }
    if f.status != Status::EngagementTermine {
        return None;
    }
    // The same rules as the contract tab ("À faire" reads the contracts the same way).
    let review = crate::ledger::service::review(
        f.discipline,
        f.status,
        row?,
        c.allowance.get(&f.id).map(Vec::as_slice).unwrap_or(&[]),
        c.practice.get(&f.id).map(Vec::as_slice).unwrap_or(&[]),
        &c.params,
        today,
    )
    .ok()?;
    review
        .commitment_end
        .map(|d| (d, format!("Engagement terminé le {}", format_fr(d))))
}

/// The files ended more than [`years`] before `today`, oldest end first.
pub fn candidates(store: &Store, today: NaiveDate) -> Result<ArchiveList> {
    let years = years(store)?;
    let limit = today
        .checked_sub_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MIN);
    let conn = store.read();
    let contracts = Contracts {
        params: crate::ledger::service::parameters_shared(store)?,
        allowance: crate::store::ledger::all_suspensions(conn)?,
        practice: crate::store::ledger::all_practice_suspensions(conn)?,
    };
    let mut rows = Vec::new();
    for f in sql::ended_files(conn)? {
        let Some((date, reason)) = ended(&f, &contracts, today) else {
            continue;
        };
        if date >= limit {
            continue;
        }
        rows.push((
            date,
            ArchiveCandidate {
                id: i32::try_from(f.id).unwrap_or(i32::MAX),
                label: f.label,
                status_label: f.status.label().to_owned(),
                ended_on: format_fr(date),
                reason,
                anonymised: f.anonymised,
            },
        ));
    }
    rows.sort_by_key(|(d, c)| (*d, c.id));
    let until = old_campaigns_until(limit);
    Ok(ArchiveList {
        years,
        ended_before: format_fr(limit),
        rows: rows.into_iter().map(|(_, c)| c).collect(),
        old_applications: sql::count_old_applications(store.read(), until)?,
        old_campaigns_until: until,
        old_campaigns_label: crate::applications::year_label(until),
    })
}

/// A campaign `y` ends with its last signatures, during `y + 1` (from February, some as late
/// as the autumn): whatever the day of `limit`, the campaigns wholly ended before it are
/// those up to `limit.year() - 2`.
fn old_campaigns_until(limit: NaiveDate) -> i32 {
    use chrono::Datelike;
    limit.year() - 2
}

/// Deletes the applications never converted of the campaigns ended more than [`years`]
/// ago; returns how many. One transaction.
pub fn delete_old_applications(store: &mut Store, today: NaiveDate) -> Result<u32> {
    let limit = today
        .checked_sub_months(Months::new(years(store)? * 12))
        .unwrap_or(NaiveDate::MIN);
    let until = old_campaigns_until(limit);
    store.write(|tx| sql::delete_old_applications(tx, until))
}

/// The candidate `id`, or a French refusal: nothing is anonymised or deleted before its time.
fn eligible(store: &Store, id: i64, today: NaiveDate) -> Result<ArchiveCandidate> {
    candidates(store, today)?
        .rows
        .into_iter()
        .find(|c| i64::from(c.id) == id)
        .ok_or_else(|| {
            Error::BadInput(format!(
                "Le dossier n° {id} n'a pas dépassé sa durée de conservation (ou n'est pas terminé) : \
                 il ne peut être ni anonymisé ni supprimé."
            ))
        })
}

/// Everything the application holds on one file, for the archives.
#[derive(Serialize)]
struct ArchivedFile {
    application: &'static str,
    version: &'static str,
    exported_on: String,
    signatory: crate::domain::Signatory,
    contract: crate::ledger::service::LedgerView,
    followup_forms: Vec<crate::followup::service::FormView>,
    interviews: crate::interviews::InterviewsTab,
    installation: crate::installation::InstallationTab,
    journal: Vec<crate::audit::AuditRow>,
}

/// The file `id` as JSON (UTF-8, indented).
pub fn render(store: &Store, id: i64, today: NaiveDate) -> Result<Vec<u8>> {
    let file = ArchivedFile {
        application: "Suivi CESP",
        version: env!("CARGO_PKG_VERSION"),
        exported_on: format_iso(today),
        signatory: crate::register::get(store, id)?,
        contract: crate::ledger::service::get(store, id, today)?,
        followup_forms: crate::followup::service::history(store, id)?,
        interviews: crate::interviews::tab(store, id, today)?,
        installation: crate::installation::tab(store, id, today)?,
        journal: crate::audit::history(store, i32::try_from(id).unwrap_or(i32::MAX))?,
    };
    serde_json::to_vec_pretty(&file).map_err(|e| Error::Rules(format!("Export JSON impossible : {e}")))
}

/// Writes the file `id` for the archives to `path` (chosen by the user), atomically.
pub fn export(store: &Store, id: i64, path: &Path, today: NaiveDate) -> Result<()> {
    let bytes = render(store, id, today)?;
    crate::pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}

/// What is left of a person after an anonymisation or a deletion, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Erased {
    pub id: i32,
    /// When the file was created: with its number, what tells its rows in the backups (a
    /// time stamp, not personal data). Given back to [`purge_backups`].
    pub created_at: String,
    /// The backups that still hold the person as she was, newest first.
    pub backups: Vec<crate::backup::BackupInfo>,
    /// Another program was reading the register: its journal (WAL) could not be emptied at
    /// once, and is emptied at its next checkpoint (at the latest when it closes).
    pub journal_pending: bool,
}

/// Once the file is erased in the register: the search index rebuilt in the same transaction
/// (done by the caller), the journal emptied, and the backups that still hold it found.
fn erased(store: &Store, id: i64, created_at: String) -> Result<Erased> {
    let journal_pending = !store.truncate_journal()?;
    let backups = crate::backup::holding(store.path(), |conn| sql::holds_identity(conn, id, &created_at))?;
    Ok(Erased {
        id: i32::try_from(id).unwrap_or(i32::MAX),
        created_at,
        backups,
        journal_pending,
    })
}

/// When file `id` was created (see [`Erased::created_at`]).
pub fn created_stamp(store: &Store, id: i64) -> Result<String> {
    sql::created_at(store.read(), id)?.ok_or(Error::SignatoryNotFound(id))
}

/// Erases what identifies the person in file `id` (names, birth date, contact details,
/// contract reference, notes, texts of forms and interviews, addresses) and its journal; keeps
/// what the statistics count, coarsened (years, departments). One transaction, then the
/// register's journal emptied; the backups that still hold the person are named.
pub fn anonymise(store: &mut Store, id: i64, today: NaiveDate) -> Result<Erased> {
    let c = eligible(store, id, today)?;
    if c.anonymised {
        return Err(Error::BadInput(format!("Le dossier n° {id} est déjà anonymisé.")));
    }
    let created = created_stamp(store, id)?;
    let label = format!("Dossier anonymisé n° {id}");
    let now = crate::store::now_stamp();
    store.write(|tx| {
        sql::anonymise(tx, id, &format_iso(today), &now)?;
        audit::forget(tx, id, &label, "anonymisation", true)?;
        sql::rebuild_search_index(tx)
    })?;
    erased(store, id, created)
}

/// Deletes file `id` and everything attached to it, and its journal. One transaction (the
/// journal keeps one entry, without the name, saying so), then as [`anonymise`].
pub fn delete(store: &mut Store, id: i64, today: NaiveDate) -> Result<Erased> {
    eligible(store, id, today)?;
    let created = created_stamp(store, id)?;
    let label = format!("Dossier supprimé n° {id}");
    store.write(|tx| {
        sql::delete(tx, id)?;
        audit::forget(tx, id, &label, "suppression", false)?;
        sql::rebuild_search_index(tx)
    })?;
    erased(store, id, created)
}

/// The backups that still hold file `id` (created at `created_at`) with its identity.
pub fn backups_holding(store: &Store, id: i64, created_at: &str) -> Result<Vec<crate::backup::BackupInfo>> {
    crate::backup::holding(store.path(), |conn| sql::holds_identity(conn, id, created_at))
}

/// Deletes the backups that still hold file `id` (created at `created_at`), once that file
/// is anonymised or deleted in the register; returns how many. A file still whole in the
/// register is refused: its backups are the only copy of what it was.
pub fn purge_backups(store: &Store, id: i64, created_at: &str) -> Result<usize> {
    let whole = sql::holds_identity(store.read(), id, created_at)?;
    if whole {
        return Err(Error::BadInput(format!(
            "Le dossier n° {id} n'est ni anonymisé ni supprimé : ses sauvegardes sont gardées."
        )));
    }
    let holding = backups_holding(store, id, created_at)?;
    // On Windows a backup open in another program (an SQLite browser) cannot be deleted:
    // the others are, and the message names those left, to delete once it is closed.
    let mut held = Vec::new();
    for b in &holding {
        match crate::backup::remove(store.path(), std::path::Path::new(&b.path)) {
            Ok(()) => {}
            Err(Error::Io { path, source }) if crate::error::held_by_another_program(&source) => {
                held.push(path.display().to_string())
            }
            Err(e) => return Err(e),
        }
    }
    if !held.is_empty() {
        return Err(Error::BadInput(format!(
            "{} sauvegarde(s) supprimée(s) ; {} encore ouverte(s) dans un autre programme, donc gardée(s) : {}. \
             Fermez ce programme puis relancez la purge.",
            holding.len() - held.len(),
            held.len(),
            held.join(", ")
        )));
    }
    Ok(holding.len())
}
