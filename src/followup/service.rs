//! The follow-up campaigns as the window and the CLI use them: the list of a year's
//! campaign, the bulk actions (sent, reminded), what came back, and each file's history.
//! One user action = one transaction.

use super::campaign::{
    apply_to_file, form_status, missing_items, situation_warning, validate_answers, AnswersForm, FileChange,
};
use crate::domain::dates::{format_fr, parse_date};
use crate::domain::signatory::validate as validate_signatory;
use crate::domain::{Cycle, Discipline, FormStatus, SendChannel, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::followup::{self as sql, FormRow};
use crate::store::{now_stamp, signatories, Store};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

/// First and last campaign years the application accepts.
pub const FIRST_YEAR: i32 = 2010;
pub const LAST_YEAR: i32 = 2100;

/// What the campaign screen asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct CampaignQuery {
    pub year: i32,
    pub form_status: Option<FormStatus>,
    pub search: String,
    pub offset: u32,
    pub limit: u32,
}

/// One signatory of the campaign and where their form stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CampaignRow {
    pub signatory_id: i32,
    pub last_name: String,
    pub first_names: String,
    pub discipline: Discipline,
    pub status: Status,
    /// "3e cycle (internat), 2e année", or "".
    pub studies: String,
    pub specialty: Option<String>,
    pub form_status: FormStatus,
    pub sent_date: Option<NaiveDate>,
    pub sent_channel: Option<SendChannel>,
    pub reminders: Vec<NaiveDate>,
    pub received_date: Option<NaiveDate>,
    /// What an incomplete form lacks.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct StatusCount {
    pub status: FormStatus,
    pub count: u32,
}

/// One page of a campaign, with the counts per form status of the whole campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CampaignPage {
    pub year: i32,
    pub rows: Vec<CampaignRow>,
    /// Lines matching the query (status filter and search).
    pub total: u32,
    /// Every status, in order, with its count in the campaign (search applied).
    pub counts: Vec<StatusCount>,
    /// Everybody in the campaign (search applied, no status filter).
    pub campaign_total: u32,
}

/// A bulk action on a selection of the campaign: sending, or a reminder.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct BulkInput {
    pub year: i32,
    pub ids: Vec<i32>,
    /// `jj/mm/aaaa`.
    pub date: String,
    /// A [`SendChannel`] code.
    pub channel: String,
}

/// What a bulk action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BulkResult {
    pub changed: u32,
    /// The lines left as they were, with the reason ("LEFÈVRE Hélène : déjà reçue").
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ReminderView {
    pub date: NaiveDate,
    pub channel: SendChannel,
}

/// A signatory's form of one year, as the record dialog and the history show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FormView {
    pub signatory_id: i32,
    pub year: i32,
    pub form_status: FormStatus,
    pub sent_date: Option<NaiveDate>,
    pub sent_channel: Option<SendChannel>,
    pub reminders: Vec<ReminderView>,
    pub received_date: Option<NaiveDate>,
    pub complete: Option<bool>,
    pub missing: Vec<String>,
    /// The answers recorded; for a form not recorded yet, the file's current data and last
    /// year's project, to be corrected from the paper form.
    pub answers: AnswersForm,
    /// Labels of the file's fields this form updated.
    pub applied_fields: Vec<String>,
}

/// What recording a returned form did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RecordOutcome {
    pub form: FormView,
    /// The file's fields the answers changed (none when the file is newer).
    pub changes: Vec<FileChange>,
    /// Things to check by hand (declared situation vs status; file newer than the form).
    pub warnings: Vec<String>,
}

fn check_year(year: i32) -> Result<()> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        let mut e = ValidationErrors::default();
        e.push(
            "year",
            format!("Année de campagne invalide ({year}) : attendu entre {FIRST_YEAR} et {LAST_YEAR}."),
        );
        Err(e.into())
    }
}

/// "3e cycle (internat), 2e année".
pub fn studies_label(cycle: Option<Cycle>, year: Option<i32>) -> String {
    let ordinal = |y: i32| {
        if y == 1 {
            "1re année".to_owned()
        } else {
            format!("{y}e année")
        }
    };
    match (cycle, year) {
        (Some(c), Some(y)) => format!("{}, {}", c.label(), ordinal(y)),
        (Some(c), None) => c.label().to_owned(),
        (None, Some(y)) => ordinal(y),
        (None, None) => String::new(),
    }
}

/// One page of the campaign of `q.year`.
pub fn campaign(store: &Store, q: &CampaignQuery) -> Result<CampaignPage> {
    check_year(q.year)?;
    let conn = store.read();
    let (lines, total) = sql::campaign_page(conn, q.year, q.form_status, &q.search, q.offset, q.limit)?;
    let counted = sql::campaign_counts(conn, q.year, &q.search)?;
    let counts: Vec<StatusCount> = FormStatus::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            count: counted
                .iter()
                .find(|(x, _)| x == s)
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX)),
        })
        .collect();
    let rows = lines
        .into_iter()
        .map(|l| CampaignRow {
            signatory_id: i32::try_from(l.signatory_id).unwrap_or(i32::MAX),
            last_name: l.last_name,
            first_names: l.first_names,
            discipline: Discipline::from_code(&l.discipline).unwrap_or(Discipline::Medecine),
            status: Status::from_code(&l.status).unwrap_or(Status::EnFormation),
            studies: studies_label(l.cycle.as_deref().and_then(Cycle::from_code), l.study_year),
            specialty: l.specialty,
            form_status: l.form_status,
            sent_date: l.sent_date,
            sent_channel: l.sent_channel,
            reminders: l.reminders,
            received_date: l.received_date,
            missing: l.missing,
        })
        .collect();
    Ok(CampaignPage {
        year: q.year,
        rows,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        campaign_total: counts.iter().map(|c| c.count).sum(),
        counts,
    })
}

/// Every signatory of the campaign with `status` (all when `None`), in name order: what
/// "select all" and "print the campaign" act on.
pub fn campaign_ids(store: &Store, year: i32, status: Option<FormStatus>, search: &str) -> Result<Vec<i32>> {
    check_year(year)?;
    Ok(sql::campaign_ids(store.read(), year, status, search)?
        .into_iter()
        .filter_map(|id| i32::try_from(id).ok())
        .collect())
}

fn bulk_date_and_channel(input: &BulkInput, today: NaiveDate) -> Result<(NaiveDate, SendChannel)> {
    let mut e = ValidationErrors::default();
    let date = match parse_date(input.date.trim()) {
        Some(d) if d > today => {
            e.push("date", "La date est dans le futur.");
            None
        }
        Some(d) if d.year() < input.year - 1 => {
            e.push(
                "date",
                format!(
                    "Une fiche de la campagne {} ne peut pas être datée de {}.",
                    input.year,
                    format_fr(d)
                ),
            );
            None
        }
        Some(d) => Some(d),
        None if input.date.trim().is_empty() => {
            e.push("date", "Indiquez la date.");
            None
        }
        None => {
            e.push(
                "date",
                format!("Date invalide « {} » : attendu jj/mm/aaaa.", input.date.trim()),
            );
            None
        }
    };
    let channel = SendChannel::from_code(input.channel.trim());
    if channel.is_none() {
        e.push("channel", "Choisissez le moyen d'envoi.");
    }
    if input.ids.is_empty() {
        e.push("ids", "Sélectionnez au moins un signataire.");
    }
    match (date, channel) {
        (Some(d), Some(c)) if e.is_empty() => Ok((d, c)),
        _ => Err(e.into()),
    }
}

fn display_name(conn: &rusqlite::Connection, id: i64) -> Result<String> {
    Ok(signatories::get(conn, id)?
        .map(|s| format!("{} {}", s.last_name.to_uppercase(), s.first_names))
        .unwrap_or_else(|| format!("n° {id}")))
}

/// Marks the forms of the selection as sent on `date` by `channel`. Forms already sent
/// keep their first date; forms already back are left alone.
pub fn mark_sent(store: &mut Store, input: &BulkInput, today: NaiveDate) -> Result<BulkResult> {
    check_year(input.year)?;
    let (date, channel) = bulk_date_and_channel(input, today)?;
    store.write(|tx| {
        let now = now_stamp();
        let mut out = BulkResult {
            changed: 0,
            skipped: Vec::new(),
        };
        for &id in &input.ids {
            let id = i64::from(id);
            if !sql::is_in_campaign(tx, id, input.year)? {
                out.skipped.push(format!(
                    "{} : hors de la campagne {}",
                    display_name(tx, id)?,
                    input.year
                ));
                continue;
            }
            let form = sql::ensure_form(tx, id, input.year, &now)?;
            let existing = sql::get_form(tx, id, input.year)?;
            if let Some(f) = existing.as_ref().filter(|f| f.received_date.is_some()) {
                out.skipped.push(format!(
                    "{} : déjà reçue le {}",
                    display_name(tx, id)?,
                    f.received_date.map(format_fr).unwrap_or_default()
                ));
                continue;
            }
            if sql::set_sent(tx, form, date, channel, &now)? {
                out.changed += 1;
            } else {
                let when = existing
                    .and_then(|f| f.sent_date)
                    .map(format_fr)
                    .unwrap_or_default();
                out.skipped
                    .push(format!("{} : déjà envoyée le {when}", display_name(tx, id)?));
            }
        }
        Ok(out)
    })
}

/// Records a reminder for the forms of the selection that were sent and have not come back.
pub fn record_reminder(store: &mut Store, input: &BulkInput, today: NaiveDate) -> Result<BulkResult> {
    check_year(input.year)?;
    let (date, channel) = bulk_date_and_channel(input, today)?;
    store.write(|tx| {
        let now = now_stamp();
        let mut out = BulkResult {
            changed: 0,
            skipped: Vec::new(),
        };
        for &id in &input.ids {
            let id = i64::from(id);
            let form = sql::get_form(tx, id, input.year)?;
            let reason = match &form {
                None => Some("pas encore envoyée".to_owned()),
                Some(f) if f.sent_date.is_none() => Some("pas encore envoyée".to_owned()),
                Some(f) if f.received_date.is_some() => Some(format!(
                    "déjà reçue le {}",
                    f.received_date.map(format_fr).unwrap_or_default()
                )),
                Some(f) if f.sent_date.is_some_and(|s| s > date) => Some(format!(
                    "la relance précède l'envoi du {}",
                    f.sent_date.map(format_fr).unwrap_or_default()
                )),
                Some(_) => None,
            };
            let f = match (form, reason) {
                (Some(f), None) => f,
                (_, reason) => {
                    let reason = reason.unwrap_or_else(|| "pas encore envoyée".to_owned());
                    out.skipped.push(format!("{} : {reason}", display_name(tx, id)?));
                    continue;
                }
            };
            if sql::add_reminder(tx, f.id, date, channel, &now)? {
                out.changed += 1;
            } else {
                out.skipped
                    .push(format!("{} : relance déjà enregistrée", display_name(tx, id)?));
            }
        }
        Ok(out)
    })
}

fn view(row: Option<FormRow>, signatory_id: i64, year: i32, prefill: AnswersForm) -> FormView {
    let Some(f) = row else {
        return FormView {
            signatory_id: i32::try_from(signatory_id).unwrap_or(i32::MAX),
            year,
            form_status: FormStatus::AEnvoyer,
            sent_date: None,
            sent_channel: None,
            reminders: Vec::new(),
            received_date: None,
            complete: None,
            missing: Vec::new(),
            answers: prefill,
            applied_fields: Vec::new(),
        };
    };
    let recorded = f.complete.is_some();
    FormView {
        signatory_id: i32::try_from(f.signatory_id).unwrap_or(i32::MAX),
        year: f.year,
        form_status: form_status(
            f.sent_date.is_some(),
            f.reminders.len(),
            f.received_date.is_some(),
            f.complete,
        ),
        sent_date: f.sent_date,
        sent_channel: f.sent_channel,
        reminders: f
            .reminders
            .iter()
            .map(|(date, channel)| ReminderView {
                date: *date,
                channel: *channel,
            })
            .collect(),
        received_date: f.received_date,
        complete: f.complete,
        missing: f.missing.clone(),
        answers: if recorded {
            f.answers.to_form()
        } else {
            AnswersForm {
                received_date: f.received_date.map(format_fr).unwrap_or_default(),
                ..prefill
            }
        },
        applied_fields: f.applied_fields.clone(),
    }
}

/// What the record dialog starts from when nothing was recorded yet: the file's contact
/// details, year and specialty, and last year's project.
fn prefill(conn: &rusqlite::Connection, id: i64, year: i32) -> Result<AnswersForm> {
    let s = signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
    let mut a = sql::last_answered_before(conn, id, year)?
        .map(|f| f.answers.to_form())
        .unwrap_or_default();
    let t = |x: &Option<String>| x.clone().unwrap_or_default();
    a.received_date = String::new();
    a.signature_date = String::new();
    a.comments = String::new();
    a.missing_note = String::new();
    a.situation = match (s.status, s.cycle) {
        (Status::EnFormation, Some(Cycle::Deuxieme)) => "deuxieme_cycle".into(),
        (Status::EnFormation, Some(Cycle::Troisieme)) => "troisieme_cycle".into(),
        (Status::Suspendu, _) => "suspendu".into(),
        (Status::Diplome, _) => "diplome_non_installe".into(),
        (Status::Installe, _) => "installe".into(),
        _ => String::new(),
    };
    a.study_year = s.study_year.map(|y| y.to_string()).unwrap_or_default();
    a.specialty = t(&s.specialty);
    a.subdivision = t(&s.subdivision);
    a.email = t(&s.email);
    a.phone = t(&s.phone);
    a.address = t(&s.address);
    Ok(a)
}

/// What the file holds today, as the answers of `year` would carry it: its contact details,
/// year and specialty, and last year's project (what a returned sheet is compared with).
pub(crate) fn file_answers(store: &Store, id: i64, year: i32) -> Result<AnswersForm> {
    prefill(store.read(), id, year)
}

/// The form of `year` for signatory `id` (never stored by just looking at it).
pub fn form(store: &Store, id: i64, year: i32) -> Result<FormView> {
    check_year(year)?;
    let conn = store.read();
    let row = sql::get_form(conn, id, year)?;
    let pre = prefill(conn, id, year)?;
    Ok(view(row, id, year, pre))
}

/// Every form of the signatory, most recent first: the history shown on the file.
pub fn history(store: &Store, id: i64) -> Result<Vec<FormView>> {
    let conn = store.read();
    signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
    Ok(sql::forms_of(conn, id)?
        .into_iter()
        .map(|f| {
            let (sid, year) = (f.signatory_id, f.year);
            view(Some(f), sid, year, AnswersForm::default())
        })
        .collect())
}

/// Records the returned form of `year`: validates every answer, stores them with what is
/// missing, and updates the file where the answers are newer — all in one transaction.
pub fn record_answers(
    store: &mut Store,
    id: i64,
    year: i32,
    input: &AnswersForm,
    today: NaiveDate,
) -> Result<RecordOutcome> {
    record_answers_with(store, id, year, input, today, |_, _| Ok(()))
}

/// [`record_answers`], with `also` run in the same transaction (given the timestamp): the
/// returned file a sheet was read from is recorded with its answers, or not at all.
pub(crate) fn record_answers_with(
    store: &mut Store,
    id: i64,
    year: i32,
    input: &AnswersForm,
    today: NaiveDate,
    also: impl FnOnce(&rusqlite::Connection, &str) -> Result<()>,
) -> Result<RecordOutcome> {
    check_year(year)?;
    let (signatory, newer_form) = {
        let conn = store.read();
        let s = signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
        if !sql::is_in_campaign(conn, id, year)? {
            return Err(Error::Rules(format!(
                "{} {} ne fait pas partie de la campagne de suivi {year}.",
                s.last_name.to_uppercase(),
                s.first_names
            )));
        }
        let newer = sql::answered_after(conn, id, year)?;
        (s, newer)
    };
    let answers = validate_answers(input, &signatory, year, today)?;
    let missing = missing_items(&answers);
    let mut warnings: Vec<String> = situation_warning(&signatory, &answers).into_iter().collect();
    let applied = apply_to_file(&signatory, &answers, newer_form);
    let (record, changes) = match applied {
        Some((file_input, changes)) if !changes.is_empty() => {
            (Some(validate_signatory(&file_input, today)?), changes)
        }
        Some(_) => (None, Vec::new()),
        None => {
            warnings.push(if newer_form {
                "Une fiche plus récente a déjà été saisie : le dossier n'a pas été modifié.".to_owned()
            } else {
                "Le dossier a été modifié après la réception de la fiche : il n'a pas été modifié par ces réponses."
                    .to_owned()
            });
            (None, Vec::new())
        }
    };
    let labels: Vec<String> = changes.iter().map(|c| c.label.clone()).collect();
    store.write(|tx| {
        let now = now_stamp();
        let form = sql::ensure_form(tx, id, year, &now)?;
        sql::save_answers(tx, form, &answers, &missing, &labels, &now)?;
        if let Some(r) = &record {
            if !signatories::update(tx, id, r, &now)? {
                return Err(Error::SignatoryNotFound(id));
            }
        }
        also(tx, &now)
    })?;
    Ok(RecordOutcome {
        form: form_view_after(store, id, year)?,
        changes,
        warnings,
    })
}

fn form_view_after(store: &Store, id: i64, year: i32) -> Result<FormView> {
    let row = sql::get_form(store.read(), id, year)?;
    Ok(view(row, id, year, AnswersForm::default()))
}

/// Records that the form of `year` came back on `date_text`, before its answers are typed
/// (status "reçue"). A form whose answers are recorded keeps them; only its date changes.
pub fn mark_received(
    store: &mut Store,
    id: i64,
    year: i32,
    date_text: &str,
    today: NaiveDate,
) -> Result<FormView> {
    check_year(year)?;
    let mut e = ValidationErrors::default();
    let date = parse_date(date_text.trim());
    match date {
        None => e.push("received_date", "Indiquez la date de réception (jj/mm/aaaa)."),
        Some(d) if d > today => e.push("received_date", "La date de réception est dans le futur."),
        Some(d) if d.year() < year => e.push(
            "received_date",
            format!("La fiche de la campagne {year} ne peut pas avoir été reçue avant le 01/01/{year}."),
        ),
        Some(_) => {}
    }
    let Some(date) = date.filter(|_| e.is_empty()) else {
        return Err(e.into());
    };
    {
        let conn = store.read();
        signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
        if !sql::is_in_campaign(conn, id, year)? {
            return Err(Error::Rules(format!(
                "Ce signataire ne fait pas partie de la campagne de suivi {year}."
            )));
        }
    }
    store.write(|tx| {
        let now = now_stamp();
        let form = sql::ensure_form(tx, id, year, &now)?;
        sql::set_received(tx, form, date, &now)
    })?;
    form(store, id, year)
}
