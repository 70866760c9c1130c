//! The ledger of one signatory as the window and the CLI use it: the contract's dates
//! and suspensions stored in SQLite, the figures computed by [`super::rules`] through the
//! very same path as `cesp simulate` ([`super::simulate::simulate`]), so that the window
//! and the command line always give the same figures.

use super::rules::{self, AllowanceRate, LedgerError, Parameters};
use super::simulate::{
    self, DegressiveInput, PeriodInput, RateInput, SimulateInput, SimulateOutput, SuspensionInput,
};
use crate::domain::dates::{format_fr, optional_date, parse_date};
use crate::domain::{ContractEndKind, Signatory, Status, SuspensionReason};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::ledger::{self as sql, EndRow, LedgerRow, SuspensionRow};
use crate::store::{now_stamp, signatories, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::str::FromStr;

/// One allowance suspension as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AllowanceSuspensionForm {
    pub start: String,
    pub end: String,
    /// A [`SuspensionReason`] code.
    pub reason: String,
    /// The allowance kept being paid during the suspension.
    pub paid: bool,
    /// The supporting document (certificate…) has been received.
    pub document_received: bool,
}

/// One suspension of practice during the commitment, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PracticeSuspensionForm {
    pub start: String,
    pub end: String,
}

/// The "Contrat et allocation" form: dates as typed (jj/mm/aaaa), "" when unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct LedgerForm {
    pub allocation_start: String,
    pub allocation_end: String,
    /// First day as an intern: the 30 days for a definitive suspension run from it.
    pub intern_start: String,
    /// Date of the request for a definitive suspension, if any.
    pub definitive_request: String,
    pub diploma_date: String,
    pub practice_start: String,
    pub suspensions: Vec<AllowanceSuspensionForm>,
    pub practice_suspensions: Vec<PracticeSuspensionForm>,
}

/// The definitive suspension requested by an intern (domain.md §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DefinitiveSuspensionView {
    pub request: NaiveDate,
    /// Last day to ask (first day as an intern + 30 days), when that first day is known.
    pub deadline: Option<NaiveDate>,
    pub in_time: Option<bool>,
    /// 1 January following the request.
    pub effective: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ContractEndView {
    pub kind: ContractEndKind,
    pub date: NaiveDate,
    /// Indemnity computed on the day the rupture was recorded ("40038.83"), for a rupture.
    pub amount: Option<String>,
    pub notes: String,
}

/// What the "Contrat et allocation" tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LedgerView {
    pub form: LedgerForm,
    /// Monthly amounts in force at the start of the allowance (decimal strings, "1200.00").
    pub monthly_gross: Option<String>,
    pub monthly_net: Option<String>,
    /// Figures as of today; `None` until the allowance start is known.
    pub computation: Option<SimulateOutput>,
    pub definitive: Option<DefinitiveSuspensionView>,
    /// Consistency warnings (rules and status), in French.
    pub warnings: Vec<String>,
    pub contract_end: Option<ContractEndView>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ContractEndInput {
    /// A [`ContractEndKind`] code.
    pub kind: String,
    pub date: String,
    pub notes: String,
}

/// One row of the allowance rate table, as shown and typed in the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AllowanceRateForm {
    pub from: String,
    pub monthly_gross: String,
    pub monthly_net: String,
}

/// The rule parameters that apply to signatory `id`: the dated allowance amounts and the
/// degressive-rate settings of the contract's regime, as stored; domain.md's other
/// constants as defaults.
pub fn parameters(store: &Store, id: i64) -> Result<Parameters> {
    let conn = store.read();
    parameters_for(conn, &signatory(conn, id)?)
}

fn parameters_for(conn: &Connection, s: &Signatory) -> Result<Parameters> {
    let mut params = parameters_from(conn)?;
    let Some(regime) = s.regime else {
        return Ok(params);
    };
    for (r, d, threshold, coefficient) in sql::degressive(conn)? {
        if r != regime.code() {
            continue;
        }
        let coefficient = Decimal::from_str(&coefficient).map_err(|_| {
            Error::Rules(format!(
                "Le coefficient du taux dégressif ({}, {d}) est illisible : corrigez-le dans les paramètres.",
                regime.label()
            ))
        })?;
        let value = rules::Degressive {
            threshold_months: threshold,
            coefficient,
        };
        match crate::domain::Discipline::from_code(&d) {
            Some(crate::domain::Discipline::Medecine) => params.degressive_medecine = value,
            Some(crate::domain::Discipline::Odontologie) => params.degressive_odontologie = value,
            Some(crate::domain::Discipline::Maieutique) => params.degressive_maieutique = value,
            Some(crate::domain::Discipline::Pharmacie) => params.degressive_pharmacie = value,
            None => {}
        }
    }
    Ok(params)
}

/// The rates and constants shared by every contract (the degressive rate aside, which depends
/// on the regime): the allowance rate table, the 30-day rule…
pub fn parameters_shared(store: &Store) -> Result<Parameters> {
    parameters_from(store.read())
}

/// The rates and constants shared by every contract (no regime-specific setting).
fn parameters_from(conn: &Connection) -> Result<Parameters> {
    let mut params = Parameters::default();
    let mut rates = Vec::new();
    for (from, gross, net) in sql::rates(conn)? {
        let (Ok(monthly_gross), Ok(monthly_net)) = (Decimal::from_str(&gross), Decimal::from_str(&net))
        else {
            return Err(Error::Rules(format!(
                "Le barème de l'allocation en vigueur au {} est illisible ({gross} / {net}) : corrigez-le dans les paramètres.",
                format_fr(from)
            )));
        };
        rates.push(AllowanceRate {
            from,
            monthly_gross,
            monthly_net,
        });
    }
    if !rates.is_empty() {
        params.allowance_rates = rates;
    }
    Ok(params)
}

fn signatory(conn: &Connection, id: i64) -> Result<Signatory> {
    signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))
}

fn iso(d: NaiveDate) -> String {
    crate::domain::dates::format_iso(d)
}

/// The contract of signatory `id` in the input format of `cesp simulate`, amounts included,
/// so that the CLI given this JSON computes exactly what the window shows. `None` while
/// the allowance start is unknown.
pub fn simulation_input(
    store: &Store,
    id: i64,
    rupture_date: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<Option<SimulateInput>> {
    let conn = store.read();
    let s = signatory(conn, id)?;
    let params = parameters_for(conn, &s)?;
    let row = sql::get(conn, id)?.unwrap_or_default();
    build_input(conn, &s, &row, &params, rupture_date, as_of)
}

fn build_input(
    conn: &Connection,
    s: &Signatory,
    row: &LedgerRow,
    params: &Parameters,
    rupture_date: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<Option<SimulateInput>> {
    let Some(start) = row.allocation_start else {
        return Ok(None);
    };
    let id = i64::from(s.id);
    let degressive = params.degressive_for(s.discipline);
    let definitive = counted_definitive_request(row, params);
    Ok(Some(SimulateInput {
        discipline: s.discipline.code().to_owned(),
        allocation_start: iso(start),
        allocation_end: row.allocation_end.map(iso),
        // The whole dated table: each month is paid at the amounts in force on its first day.
        monthly_gross: None,
        monthly_net: None,
        allowance_rates: Some(
            params
                .allowance_rates
                .iter()
                .map(|r| RateInput {
                    from: iso(r.from),
                    monthly_gross: r.monthly_gross.to_string(),
                    monthly_net: r.monthly_net.to_string(),
                })
                .collect(),
        ),
        degressive: Some(DegressiveInput {
            threshold_months: degressive.threshold_months,
            coefficient: degressive.coefficient.to_string(),
        }),
        definitive_suspension_from: definitive.map(|r| iso(rules::definitive_suspension_effective(r))),
        suspensions: Some(
            sql::suspensions(conn, id)?
                .into_iter()
                .map(|x| SuspensionInput {
                    start: iso(x.start),
                    end: iso(x.end),
                    paid: Some(x.paid),
                })
                .collect(),
        ),
        diploma_date: row.diploma_date.map(iso),
        practice_start: row.practice_start.map(iso),
        practice_suspensions: Some(
            sql::practice_suspensions(conn, id)?
                .into_iter()
                .map(|(a, b)| PeriodInput {
                    start: iso(a),
                    end: iso(b),
                })
                .collect(),
        ),
        rupture_date: rupture_date.map(iso),
        as_of: Some(iso(as_of)),
    }))
}

/// The ledger of signatory `id`, with its figures as of `today`.
pub fn get(store: &Store, id: i64, today: NaiveDate) -> Result<LedgerView> {
    let conn = store.read();
    let s = signatory(conn, id)?;
    let params = parameters_for(conn, &s)?;
    let row = sql::get(conn, id)?.unwrap_or_default();
    let suspensions = sql::suspensions(conn, id)?;
    let practice = sql::practice_suspensions(conn, id)?;
    let date = |d: Option<NaiveDate>| d.map(format_fr).unwrap_or_default();
    let form = LedgerForm {
        allocation_start: date(row.allocation_start),
        allocation_end: date(row.allocation_end),
        intern_start: date(row.intern_start),
        definitive_request: date(row.definitive_request),
        diploma_date: date(row.diploma_date),
        practice_start: date(row.practice_start),
        suspensions: suspensions
            .iter()
            .map(|x| AllowanceSuspensionForm {
                start: format_fr(x.start),
                end: format_fr(x.end),
                reason: x.reason.code().to_owned(),
                paid: x.paid,
                document_received: x.document_received,
            })
            .collect(),
        practice_suspensions: practice
            .iter()
            .map(|(a, b)| PracticeSuspensionForm {
                start: format_fr(*a),
                end: format_fr(*b),
            })
            .collect(),
    };
    let rate = row.allocation_start.and_then(|d| params.allowance_at(d));
    let computation = match build_input(conn, &s, &row, &params, None, today)? {
        None => None,
        // Stored data passed validation when saved; a failure here means the rate table
        // changed since: say so rather than hide the figures silently.
        Some(input) => {
            Some(simulate::simulate(&input, &params, today).map_err(|e| Error::Rules(e.to_string()))?)
        }
    };
    let definitive = definitive_view(&row, &params);
    let mut warnings = computation
        .as_ref()
        .map(|c| c.warnings.clone())
        .unwrap_or_default();
    warnings.extend(status_warnings(
        s.status,
        &row,
        &suspensions,
        definitive.as_ref(),
        today,
    ));
    Ok(LedgerView {
        form,
        monthly_gross: rate.map(|r| r.monthly_gross.to_string()),
        monthly_net: rate.map(|r| r.monthly_net.to_string()),
        computation,
        definitive,
        warnings,
        contract_end: row.end.map(|e| ContractEndView {
            kind: e.kind,
            date: e.date,
            amount: e.amount,
            notes: e.notes,
        }),
    })
}

/// What the referent should look at: the status and the dates tell different stories.
fn status_warnings(
    status_now: Status,
    row: &LedgerRow,
    suspensions: &[SuspensionRow],
    definitive: Option<&DefinitiveSuspensionView>,
    today: NaiveDate,
) -> Vec<String> {
    let mut w = Vec::new();
    let status = status_now.label().to_lowercase();
    if status_now == Status::Installe && row.practice_start.is_none() {
        w.push("Statut « installé » sans date de début d'exercice : renseignez-la.".to_owned());
    }
    if status_now == Status::Installe && row.diploma_date.is_none() {
        w.push("Installé sans date de diplôme : renseignez la date du diplôme (DES ou doctorat).".to_owned());
    }
    if row.practice_start.is_some_and(|d| d <= today)
        && matches!(
            status_now,
            Status::EnFormation | Status::Suspendu | Status::Diplome
        )
    {
        w.push(format!(
            "Exercice commencé mais statut « {status} » : passez le statut à « installé »."
        ));
    }
    if row.diploma_date.is_some_and(|d| d <= today)
        && matches!(status_now, Status::EnFormation | Status::Suspendu)
    {
        w.push(format!("Diplôme obtenu mais statut « {status} »."));
    }
    if row.allocation_end.is_some_and(|d| d < today) && status_now == Status::EnFormation {
        w.push("Allocation terminée mais statut « en formation (allocataire) ».".to_owned());
    }
    let suspended_now = suspensions.iter().any(|x| x.start <= today && today <= x.end)
        || definitive.is_some_and(|d| d.effective <= today);
    if status_now == Status::Suspendu && !suspended_now {
        w.push("Statut « suspendu » sans suspension en cours à ce jour.".to_owned());
    }
    if let Some(d) = definitive {
        if d.in_time == Some(false) {
            w.push(format!(
                "Demande de suspension définitive du {} reçue après le délai de 30 jours (date limite : {}) : \
                 elle n'est pas prise en compte dans le calcul de l'allocation.",
                format_fr(d.request),
                d.deadline.map(format_fr).unwrap_or_default()
            ));
        }
        if d.deadline.is_none() {
            w.push(
                "Demande de suspension définitive : renseignez le premier jour d'internat pour vérifier le délai de 30 jours \
                 (en attendant, l'allocation est comptée comme arrêtée au 1er janvier suivant la demande)."
                    .to_owned(),
            );
        }
    }
    for x in suspensions.iter().filter(|x| !x.document_received) {
        w.push(format!(
            "Justificatif non reçu pour la suspension du {} au {} ({}).",
            format_fr(x.start),
            format_fr(x.end),
            x.reason.label().to_lowercase()
        ));
    }
    w
}

/// The definitive-suspension request of a contract, with its deadline and whether it counts.
fn definitive_view(row: &LedgerRow, params: &Parameters) -> Option<DefinitiveSuspensionView> {
    row.definitive_request.map(|request| {
        let deadline = row
            .intern_start
            .map(|d| d + chrono::Duration::days(i64::from(params.definitive_suspension_request_days)));
        DefinitiveSuspensionView {
            request,
            deadline,
            in_time: row
                .intern_start
                .map(|first| params.definitive_suspension_request_ok(first, request)),
            effective: rules::definitive_suspension_effective(request),
        }
    })
}

/// What the home screen reads of a stored contract on `today`: its commitment end and the
/// warnings of the contract tab, in the same words and order ([`get`] shows the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Review {
    pub commitment_end: Option<NaiveDate>,
    pub warnings: Vec<String>,
}

/// [`Review`] of one contract from rows already read (the home screen reads every contract of
/// the region in a few queries rather than a few per contract). `Err` with the rules' message
/// when the stored contract no longer passes them.
pub(crate) fn review(
    discipline: crate::domain::Discipline,
    status: Status,
    row: &LedgerRow,
    allowance: &[SuspensionRow],
    practice: &[(NaiveDate, NaiveDate)],
    params: &Parameters,
    today: NaiveDate,
) -> std::result::Result<Review, String> {
    let mut warnings = Vec::new();
    let mut commitment_end = None;
    if let Some(contract) = rules_contract(discipline, row, allowance, practice, params) {
        // Amounts play no part in the dates and warnings: the rate at the start is enough.
        let c = rules::compute(&contract, params, today, None).map_err(|e| e.to_string())?;
        commitment_end = c.commitment_end;
        warnings = c.warnings;
    }
    warnings.extend(status_warnings(
        status,
        row,
        allowance,
        definitive_view(row, params).as_ref(),
        today,
    ));
    Ok(Review {
        commitment_end,
        warnings,
    })
}

/// `suspensions[1].start` → `suspensions.1.start`: the keys the form uses for its rows.
/// The definitive-suspension request that counts: a request past the 30-day deadline is not
/// valid and is left out of the figures (a warning says so). The same rule for the window, the
/// CLI input it hands over, the validation of a save and the statistics.
pub(crate) fn counted_definitive_request(row: &LedgerRow, params: &Parameters) -> Option<NaiveDate> {
    row.definitive_request.filter(|request| {
        row.intern_start
            .is_none_or(|first| params.definitive_suspension_request_ok(first, *request))
    })
}

/// The contract as the rules see it (amounts aside: validation does not depend on them beyond
/// their form); `None` before the allowance start is known.
fn rules_contract(
    discipline: crate::domain::Discipline,
    row: &LedgerRow,
    allowance: &[SuspensionRow],
    practice: &[(NaiveDate, NaiveDate)],
    params: &Parameters,
) -> Option<rules::Contract> {
    let allocation_start = row.allocation_start?;
    let rate = params.allowance_at(allocation_start);
    Some(rules::Contract {
        discipline,
        allocation_start,
        allocation_end: row.allocation_end,
        monthly_gross: rate.map(|r| r.monthly_gross).unwrap_or_default(),
        monthly_net: rate.map(|r| r.monthly_net).unwrap_or_default(),
        rate_changes: Vec::new(),
        definitive_suspension_from: counted_definitive_request(row, params)
            .map(rules::definitive_suspension_effective),
        suspensions: allowance
            .iter()
            .map(|x| rules::Suspension {
                start: x.start,
                end: x.end,
                paid: x.paid,
            })
            .collect(),
        diploma_date: row.diploma_date,
        practice_start: row.practice_start,
        practice_suspensions: practice
            .iter()
            .map(|(a, b)| rules::Period { start: *a, end: *b })
            .collect(),
    })
}

/// The rules' errors on the contract, each next to its form field.
fn push_rules_errors(
    e: &mut ValidationErrors,
    s: &Signatory,
    row: &LedgerRow,
    allowance: &[SuspensionRow],
    practice: &[(NaiveDate, NaiveDate)],
    params: &Parameters,
) {
    if let Some(contract) = rules_contract(s.discipline, row, allowance, practice, params) {
        if let Err(errors) = rules::validate(&contract) {
            for err in errors {
                push_rule_error(e, &err);
            }
        }
    }
}

/// Checks a contract's dates and suspensions with the rules, the messages next to the form's
/// fields; `practice_start` may come from a declaration of installation.
pub(crate) fn check_rules(
    conn: &Connection,
    s: &Signatory,
    row: &LedgerRow,
    allowance: &[SuspensionRow],
    practice: &[(NaiveDate, NaiveDate)],
) -> Result<()> {
    let params = parameters_for(conn, s)?;
    let mut e = ValidationErrors::default();
    push_rules_errors(&mut e, s, row, allowance, practice, &params);
    if e.is_empty() {
        Ok(())
    } else {
        Err(e.into())
    }
}

/// [`check_rules`] on the stored contract of signatory `id` with another practice start (a
/// declaration of installation about to be recorded).
pub(crate) fn check_practice_start(conn: &Connection, id: i64, practice_start: NaiveDate) -> Result<()> {
    let s = signatory(conn, id)?;
    let mut row = sql::get(conn, id)?.unwrap_or_default();
    row.practice_start = Some(practice_start);
    let allowance = sql::suspensions(conn, id)?;
    let practice = sql::practice_suspensions(conn, id)?;
    check_rules(conn, &s, &row, &allowance, &practice)
}

fn form_key(field: &str) -> String {
    field.replace('[', ".").replace(']', "")
}

/// Validates the form, stores it in one transaction and returns the new figures.
pub fn save(store: &mut Store, id: i64, form: &LedgerForm, today: NaiveDate) -> Result<LedgerView> {
    let (row, allowance, practice) = {
        let conn = store.read();
        let s = signatory(conn, id)?;
        let params = parameters_for(conn, &s)?;
        parse_form(&s, form, &params)?
    };
    store.write(|tx| {
        let now = now_stamp();
        sql::upsert_dates(tx, id, &row, &now)?;
        sql::replace_suspensions(tx, id, &allowance, &practice)
    })?;
    get(store, id, today)
}

type Parsed = (LedgerRow, Vec<SuspensionRow>, Vec<(NaiveDate, NaiveDate)>);

fn parse_form(s: &Signatory, form: &LedgerForm, params: &Parameters) -> Result<Parsed> {
    let mut e = ValidationErrors::default();
    let mut date = |field: &str, text: &str| optional_date(&mut e, field, text);
    let row = LedgerRow {
        allocation_start: date("allocation_start", &form.allocation_start),
        allocation_end: date("allocation_end", &form.allocation_end),
        intern_start: date("intern_start", &form.intern_start),
        definitive_request: date("definitive_request", &form.definitive_request),
        diploma_date: date("diploma_date", &form.diploma_date),
        practice_start: date("practice_start", &form.practice_start),
        end: None,
    };
    let mut allowance = Vec::new();
    for (i, x) in form.suspensions.iter().enumerate() {
        let start = optional_date(&mut e, &format!("suspensions.{i}.start"), &x.start);
        let end = optional_date(&mut e, &format!("suspensions.{i}.end"), &x.end);
        if x.start.trim().is_empty() {
            e.push(
                &format!("suspensions.{i}.start"),
                "Indiquez le premier jour de la suspension.",
            );
        }
        if x.end.trim().is_empty() {
            e.push(
                &format!("suspensions.{i}.end"),
                "Indiquez le dernier jour de la suspension.",
            );
        }
        let reason = SuspensionReason::from_code(x.reason.trim());
        if reason.is_none() {
            e.push(
                &format!("suspensions.{i}.reason"),
                "Choisissez le motif de la suspension.",
            );
        }
        if let (Some(start), Some(end), Some(reason)) = (start, end, reason) {
            allowance.push(SuspensionRow {
                start,
                end,
                reason,
                paid: x.paid,
                document_received: x.document_received,
            });
        }
    }
    let mut practice = Vec::new();
    for (i, x) in form.practice_suspensions.iter().enumerate() {
        let start = optional_date(&mut e, &format!("practice_suspensions.{i}.start"), &x.start);
        let end = optional_date(&mut e, &format!("practice_suspensions.{i}.end"), &x.end);
        if x.start.trim().is_empty() || x.end.trim().is_empty() {
            e.push(
                &format!("practice_suspensions.{i}.start"),
                "Indiquez le début et la fin de la suspension d'exercice.",
            );
        }
        if let (Some(a), Some(b)) = (start, end) {
            practice.push((a, b));
        }
    }
    if row.allocation_start.is_none() && form.allocation_start.trim().is_empty() {
        let needs_start = !form.allocation_end.trim().is_empty() || !form.suspensions.is_empty();
        if needs_start {
            e.push(
                "allocation_start",
                "Indiquez le début de l'allocation (premier mois payé).",
            );
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    // The rules' own checks: whole months, no overlap, inside the allowance period…
    if let Some(allocation_start) = row.allocation_start {
        if params.allowance_at(allocation_start).is_none() {
            e.push(
                "allocation_start",
                format!("Aucun montant d'allocation n'est défini au {} : complétez le barème dans les paramètres.", format_fr(allocation_start)),
            );
        }
    }
    push_rules_errors(&mut e, s, &row, &allowance, &practice, params);
    if e.is_empty() {
        Ok((row, allowance, practice))
    } else {
        Err(e.into())
    }
}

fn push_rule_error(e: &mut ValidationErrors, err: &LedgerError) {
    if let LedgerError::Invalid(inner) = err {
        for i in inner {
            push_rule_error(e, i);
        }
        return;
    }
    let message = err.to_string();
    match err.field() {
        Some(field) => {
            // The rules prefix their messages with the field ("suspensions[0] : …"); next
            // to the field itself the prefix is noise.
            let text = message
                .strip_prefix(&format!("{field} : "))
                .map(|m| {
                    let mut c = m.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                })
                .unwrap_or_else(|| message.clone());
            e.push(&form_key(field), text);
        }
        None => e.push("allocation_start", message),
    }
}

/// Simulates a rupture of the contract on `date_text` (jj/mm/aaaa): the figures the CLI
/// gives for [`simulation_input`] with the same date.
pub fn simulate_rupture(store: &Store, id: i64, date_text: &str, today: NaiveDate) -> Result<SimulateOutput> {
    let date = parse_rupture_date(date_text)?;
    // Months are counted up to the rupture, even a future one (the allowance is assumed
    // to go on until then).
    let input = simulation_input(store, id, Some(date), date.max(today))?.ok_or_else(no_allowance_start)?;
    let params = parameters(store, id)?;
    simulate::simulate(&input, &params, today).map_err(|e| Error::Rules(e.to_string()))
}

fn parse_rupture_date(text: &str) -> Result<NaiveDate> {
    parse_date(text).ok_or_else(|| {
        let mut e = ValidationErrors::default();
        e.push(
            "rupture_date",
            format!("Date invalide « {} » : attendu jj/mm/aaaa.", text.trim()),
        );
        Error::Validation(e)
    })
}

fn no_allowance_start() -> Error {
    let mut e = ValidationErrors::default();
    e.push(
        "allocation_start",
        "Renseignez d'abord le début de l'allocation dans « Contrat et allocation ».",
    );
    Error::Validation(e)
}

/// Records how the contract ended and sets the status accordingly, in one transaction.
/// A rupture records the indemnity computed on its date.
pub fn record_end(
    store: &mut Store,
    id: i64,
    input: &ContractEndInput,
    today: NaiveDate,
) -> Result<LedgerView> {
    let mut e = ValidationErrors::default();
    let kind = ContractEndKind::from_code(input.kind.trim());
    if kind.is_none() {
        e.push("kind", "Choisissez comment le contrat a pris fin.");
    }
    let date = parse_date(&input.date);
    match date {
        None => e.push(
            "date",
            format!("Date invalide « {} » : attendu jj/mm/aaaa.", input.date.trim()),
        ),
        Some(d) if d > today => e.push(
            "date",
            "La date de fin du contrat ne peut pas être dans le futur.",
        ),
        _ => {}
    }
    let (Some(kind), Some(date), true) = (kind, date, e.is_empty()) else {
        return Err(e.into());
    };
    let amount = if kind == ContractEndKind::Rupture {
        let out = simulate_rupture(store, id, &format_fr(date), today)?;
        out.rupture.map(|r| r.total)
    } else {
        None
    };
    let end = EndRow {
        kind,
        date,
        amount,
        notes: input.notes.trim().to_owned(),
    };
    store.write(|tx| {
        let now = now_stamp();
        if !signatories::set_status(tx, id, kind.status(), &now)? {
            return Err(Error::SignatoryNotFound(id));
        }
        sql::set_end(tx, id, &end, &now)
    })?;
    get(store, id, today)
}

/// The allowance rate table, oldest first, as the settings show it.
pub fn rates(store: &Store) -> Result<Vec<AllowanceRateForm>> {
    Ok(sql::rates(store.read())?
        .into_iter()
        .map(|(d, g, n)| AllowanceRateForm {
            from: format_fr(d),
            monthly_gross: g,
            monthly_net: n,
        })
        .collect())
}

/// Replaces the allowance rate table (amounts with a decimal comma or point).
pub fn save_rates(store: &mut Store, rows: &[AllowanceRateForm]) -> Result<Vec<AllowanceRateForm>> {
    let mut e = ValidationErrors::default();
    let mut parsed = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let from = parse_date(&r.from);
        if from.is_none() {
            e.push(
                &format!("rates.{i}.from"),
                format!("Date invalide « {} » : attendu jj/mm/aaaa.", r.from.trim()),
            );
        }
        let amount = |field: &str, text: &str, e: &mut ValidationErrors| -> Option<Decimal> {
            let t: String = text
                .trim()
                .replace(',', ".")
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '€')
                .collect();
            match Decimal::from_str(&t) {
                Ok(d) if d > Decimal::ZERO && d.scale() <= 2 => Some(d),
                _ => {
                    e.push(
                        field,
                        format!(
                            "Montant invalide « {} » : attendu par exemple 1 200,00.",
                            text.trim()
                        ),
                    );
                    None
                }
            }
        };
        let gross = amount(&format!("rates.{i}.monthly_gross"), &r.monthly_gross, &mut e);
        let net = amount(&format!("rates.{i}.monthly_net"), &r.monthly_net, &mut e);
        if let (Some(g), Some(n)) = (gross, net) {
            if n > g {
                e.push(
                    &format!("rates.{i}.monthly_net"),
                    "Le montant net ne peut pas dépasser le montant brut.",
                );
            }
        }
        if let (Some(f), Some(g), Some(n)) = (from, gross, net) {
            parsed.push((f, format!("{:.2}", g), format!("{:.2}", n)));
        }
    }
    if rows.is_empty() {
        e.push("rates", "Le barème doit compter au moins une ligne.");
    }
    parsed.sort_by_key(|(d, _, _)| *d);
    if parsed.windows(2).any(|w| w[0].0 == w[1].0) {
        e.push(
            "rates",
            "Deux lignes du barème ont la même date d'entrée en vigueur.",
        );
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    store.write(|tx| sql::replace_rates(tx, &parsed))?;
    rates(store)
}

/// One row of the degressive-rate settings, as shown and typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DegressiveForm {
    /// A regime code (`r2010`…), fixed.
    pub regime: String,
    /// A discipline code, fixed.
    pub discipline: String,
    pub threshold_months: String,
    pub coefficient: String,
}

/// The degressive-rate settings, per regime and discipline.
pub fn degressive_settings(store: &Store) -> Result<Vec<DegressiveForm>> {
    Ok(sql::degressive(store.read())?
        .into_iter()
        .map(|(regime, discipline, t, c)| DegressiveForm {
            regime,
            discipline,
            threshold_months: t.to_string(),
            coefficient: c,
        })
        .collect())
}

/// Updates the thresholds and coefficients (the list of regimes and disciplines is fixed).
pub fn save_degressive_settings(store: &mut Store, rows: &[DegressiveForm]) -> Result<Vec<DegressiveForm>> {
    let known = sql::degressive(store.read())?;
    let mut e = ValidationErrors::default();
    let mut parsed = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if !known
            .iter()
            .any(|(reg, d, _, _)| *reg == r.regime && *d == r.discipline)
        {
            e.push(
                &format!("degressive.{i}"),
                format!("Régime ou discipline inconnus : {} / {}.", r.regime, r.discipline),
            );
            continue;
        }
        let threshold = r
            .threshold_months
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|t| *t <= 240);
        if threshold.is_none() {
            e.push(
                &format!("degressive.{i}.threshold_months"),
                format!(
                    "Seuil invalide « {} » : un nombre de mois entre 0 et 240.",
                    r.threshold_months.trim()
                ),
            );
        }
        let coefficient = Decimal::from_str(&r.coefficient.trim().replace(',', "."))
            .ok()
            .filter(|c| *c > Decimal::ZERO && *c <= Decimal::from(1000));
        if coefficient.is_none() {
            e.push(
                &format!("degressive.{i}.coefficient"),
                format!(
                    "Coefficient invalide « {} » : un nombre positif, par exemple 120.",
                    r.coefficient.trim()
                ),
            );
        }
        if let (Some(t), Some(c)) = (threshold, coefficient) {
            parsed.push((
                r.regime.clone(),
                r.discipline.clone(),
                t,
                c.normalize().to_string(),
            ));
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    store.write(|tx| {
        for (regime, discipline, t, c) in &parsed {
            sql::update_degressive(tx, regime, discipline, *t, c)?;
        }
        Ok(())
    })?;
    degressive_settings(store)
}
