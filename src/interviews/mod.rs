//! Interviews of the referent with the signatories (domain.md §7): recording them, with the
//! actions agreed and their due dates, and computing which interviews are due, for one
//! signatory and for the whole region.

pub mod due;
pub mod print;

use crate::domain::dates::{format_fr, optional_date, parse_date};
use crate::domain::{InterviewMode, InterviewReason, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::interviews::{self as sql, ActionRow, FactsRow, InterviewRow};
use crate::store::{now_stamp, Store};
use chrono::{Datelike, NaiveDate};
pub use due::{due_interviews, DueInterview, InterviewFacts};
use serde::{Deserialize, Serialize};
use specta::Type;

/// Longest report kept (a few pages of text).
const MAX_REPORT_CHARS: usize = 20_000;
const MAX_ACTIONS: usize = 30;

/// One action agreed at an interview, as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ActionForm {
    pub text: String,
    /// jj/mm/aaaa or "".
    pub due_date: String,
    /// jj/mm/aaaa or "": the date it was done.
    pub done_date: String,
}

/// The interview form, as typed (the core parses and checks it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct InterviewForm {
    /// jj/mm/aaaa.
    pub date: String,
    /// A code of [`InterviewMode`].
    pub mode: String,
    /// A code of [`InterviewReason`].
    pub reason: String,
    pub attendees: String,
    pub report: String,
    pub actions: Vec<ActionForm>,
}

/// One action as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ActionView {
    pub text: String,
    pub due_date: String,
    pub done_date: String,
    /// Not done and past its due date.
    pub overdue: bool,
}

/// One recorded interview as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct InterviewView {
    pub id: i32,
    pub date: String,
    pub mode: InterviewMode,
    pub mode_label: String,
    pub reason: InterviewReason,
    pub reason_label: String,
    pub attendees: String,
    pub report: String,
    pub actions: Vec<ActionView>,
    /// The form pre-filled, to edit it.
    pub form: InterviewForm,
}

/// An interview to hold, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DueView {
    pub reason: InterviewReason,
    pub reason_label: String,
    /// jj/mm/aaaa: from when an interview counts for it.
    pub from: String,
    /// jj/mm/aaaa.
    pub due: String,
    pub overdue: bool,
}

/// The "Entretiens" tab of a signatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct InterviewsTab {
    pub interviews: Vec<InterviewView>,
    pub due: Vec<DueView>,
}

/// One line of the region's list of interviews to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RegionDue {
    pub signatory_id: i32,
    pub last_name: String,
    pub first_names: String,
    pub status: Status,
    pub reason: InterviewReason,
    pub reason_label: String,
    pub due: String,
    /// ISO date, for sorting.
    pub due_iso: String,
    pub overdue: bool,
    /// jj/mm/aaaa of the last interview held, "" if none.
    pub last_interview: String,
    /// Identifies the requirement across days.
    pub key: String,
}

fn due_view(d: &DueInterview) -> DueView {
    DueView {
        reason: d.reason,
        reason_label: d.reason.label().to_owned(),
        from: format_fr(d.from),
        due: format_fr(d.due),
        overdue: d.overdue,
    }
}

fn view(r: InterviewRow, today: NaiveDate) -> InterviewView {
    let date = |d: Option<NaiveDate>| d.map(format_fr).unwrap_or_default();
    let form = InterviewForm {
        date: format_fr(r.date),
        mode: r.mode.code().to_owned(),
        reason: r.reason.code().to_owned(),
        attendees: r.attendees.clone(),
        report: r.report.clone(),
        actions: r
            .actions
            .iter()
            .map(|a| ActionForm {
                text: a.text.clone(),
                due_date: date(a.due_date),
                done_date: date(a.done_date),
            })
            .collect(),
    };
    InterviewView {
        id: i32::try_from(r.id).unwrap_or(i32::MAX),
        date: format_fr(r.date),
        mode: r.mode,
        mode_label: r.mode.label().to_owned(),
        reason: r.reason,
        reason_label: r.reason.label().to_owned(),
        attendees: r.attendees,
        report: r.report,
        actions: r
            .actions
            .into_iter()
            .map(|a| ActionView {
                overdue: a.done_date.is_none() && a.due_date.is_some_and(|d| d < today),
                text: a.text,
                due_date: date(a.due_date),
                done_date: date(a.done_date),
            })
            .collect(),
        form,
    }
}

pub(crate) fn facts_of(row: &FactsRow) -> InterviewFacts {
    InterviewFacts {
        status: Some(row.status),
        cycle: row.cycle,
        ecn_year: row.ecn_year,
        signature_date: row.signature_date,
        diploma_date: row.diploma_date,
        expected_diploma: row.allocation_end.or(row.expected_des_date),
    }
}

/// Validates the form; every invalid field gets its French message.
fn validate(form: &InterviewForm, today: NaiveDate) -> std::result::Result<InterviewRow, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let date = match form.date.trim() {
        "" => {
            e.push("date", "Indiquez la date de l'entretien (jj/mm/aaaa).");
            None
        }
        t => match parse_date(t) {
            None => {
                e.push(
                    "date",
                    format!("Date invalide « {t} » : attendu jj/mm/aaaa, par exemple 05/03/2024."),
                );
                None
            }
            Some(d) if d > today + chrono::Duration::days(366) => {
                e.push(
                    "date",
                    "La date de l'entretien est à plus d'un an : vérifiez l'année.",
                );
                None
            }
            Some(d) if d.year() < 2010 => {
                e.push(
                    "date",
                    "La date de l'entretien précède les premiers contrats (2010).",
                );
                None
            }
            Some(d) => Some(d),
        },
    };
    let mode = InterviewMode::from_code(form.mode.trim());
    if mode.is_none() {
        e.push(
            "mode",
            "Choisissez la modalité de l'entretien (à l'ARS, téléphone ou visioconférence).",
        );
    }
    let reason = InterviewReason::from_code(form.reason.trim());
    if reason.is_none() {
        e.push("reason", "Choisissez le motif de l'entretien.");
    }
    if form.attendees.chars().count() > 500 {
        e.push("attendees", "500 caractères au plus.");
    }
    if form.report.chars().count() > MAX_REPORT_CHARS {
        e.push(
            "report",
            format!("Le compte rendu dépasse {MAX_REPORT_CHARS} caractères."),
        );
    }
    if form.actions.len() > MAX_ACTIONS {
        e.push("actions", format!("{MAX_ACTIONS} actions au plus par entretien."));
    }
    let mut actions = Vec::new();
    for (i, a) in form.actions.iter().enumerate() {
        let text = a.text.trim();
        let due_date = optional_date(&mut e, &format!("actions.{i}.due_date"), &a.due_date);
        let done_date = optional_date(&mut e, &format!("actions.{i}.done_date"), &a.done_date);
        if text.is_empty() {
            // A row left blank is dropped; one with dates but no text is a mistake.
            if due_date.is_some() || done_date.is_some() {
                e.push(&format!("actions.{i}.text"), "Décrivez l'action.");
            }
            continue;
        }
        if text.chars().count() > 500 {
            e.push(&format!("actions.{i}.text"), "500 caractères au plus.");
        }
        if let (Some(done), Some(d)) = (done_date, date) {
            if done < d {
                e.push(
                    &format!("actions.{i}.done_date"),
                    "L'action ne peut pas être faite avant l'entretien.",
                );
            }
        }
        actions.push(ActionRow {
            text: text.to_owned(),
            due_date,
            done_date,
        });
    }
    match (e.is_empty(), date, mode, reason) {
        (true, Some(date), Some(mode), Some(reason)) => Ok(InterviewRow {
            id: 0,
            signatory_id: 0,
            date,
            mode,
            reason,
            attendees: form.attendees.trim().to_owned(),
            report: form.report.trim_end().to_owned(),
            actions,
        }),
        _ => Err(e),
    }
}

/// The "Entretiens" tab of signatory `id` on `today`.
pub fn tab(store: &Store, id: i64, today: NaiveDate) -> Result<InterviewsTab> {
    let conn = store.read();
    let facts = sql::facts(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
    let rows = sql::of_signatory(conn, id)?;
    let held: Vec<NaiveDate> = rows.iter().map(|r| r.date).collect();
    let due = due_interviews(&facts_of(&facts), &held, today);
    Ok(InterviewsTab {
        interviews: rows.into_iter().map(|r| view(r, today)).collect(),
        due: due.iter().map(due_view).collect(),
    })
}

/// Records a new interview (`interview_id` = None) or updates one, in one transaction.
pub fn save(
    store: &mut Store,
    id: i64,
    interview_id: Option<i64>,
    form: &InterviewForm,
    today: NaiveDate,
) -> Result<InterviewsTab> {
    let mut row = validate(form, today)?;
    row.signatory_id = id;
    let now = now_stamp();
    store.write(|tx| {
        if crate::store::signatories::get(tx, id)?.is_none() {
            return Err(Error::SignatoryNotFound(id));
        }
        match interview_id {
            None => {
                sql::insert(tx, &row, &now)?;
            }
            Some(iid) => {
                row.id = iid;
                if !sql::update(tx, &row, &now)? {
                    return Err(Error::Rules(format!(
                        "L'entretien n° {iid} n'existe pas (ou plus) pour ce signataire."
                    )));
                }
            }
        }
        Ok(())
    })?;
    tab(store, id, today)
}

/// Deletes interview `interview_id` of signatory `id`.
pub fn delete(store: &mut Store, id: i64, interview_id: i64, today: NaiveDate) -> Result<InterviewsTab> {
    let deleted = store.write(|tx| sql::delete(tx, id, interview_id))?;
    if !deleted {
        return Err(Error::Rules(format!(
            "L'entretien n° {interview_id} n'existe pas (ou plus) pour ce signataire."
        )));
    }
    tab(store, id, today)
}

/// The interviews to hold in the region on `today`, overdue first then by due date.
pub fn region_due(store: &Store, today: NaiveDate, overdue_only: bool) -> Result<Vec<RegionDue>> {
    let conn = store.read();
    let held = sql::dates_by_signatory(conn)?;
    let mut out = Vec::new();
    for f in sql::followed_facts(conn)? {
        let dates = held.get(&f.signatory_id).map(Vec::as_slice).unwrap_or(&[]);
        let last = dates.iter().max().map(|d| format_fr(*d)).unwrap_or_default();
        for d in due_interviews(&facts_of(&f), dates, today) {
            if overdue_only && !d.overdue {
                continue;
            }
            out.push(RegionDue {
                signatory_id: i32::try_from(f.signatory_id).unwrap_or(i32::MAX),
                last_name: f.last_name.clone(),
                first_names: f.first_names.clone(),
                status: f.status,
                reason: d.reason,
                reason_label: d.reason.label().to_owned(),
                due: format_fr(d.due),
                due_iso: crate::domain::dates::format_iso(d.due),
                overdue: d.overdue,
                last_interview: last.clone(),
                key: d.key.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| a.due_iso.cmp(&b.due_iso))
            .then_with(|| a.last_name.cmp(&b.last_name))
    });
    Ok(out)
}
