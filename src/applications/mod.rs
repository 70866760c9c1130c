//! Applications to the CESP and the selection commission (domain.md §2, seeds 002 and 004):
//! every winter each UFR receives files (October to December), its commission selects in
//! January, contracts are signed from February. The referent keeps the candidates, the
//! documents of their files, the commission's decisions; a selected candidate becomes a
//! signatory without anything typed twice.

pub mod calendar;
pub mod print;

use crate::domain::dates::{format_fr, optional_date};
use crate::domain::signatory::{bounded_text, optional_enum};
use crate::domain::{
    ApplicationDocument, ArsValidationRule, Cycle, Decision, Discipline, PracticeMode, SignatoryInput,
    SignatoryRecord, Status, ZoneType,
};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::applications::{self as sql, CommissionRow, StoredApplication};
use crate::store::{now_stamp, Store};
use calendar::CampaignSettings;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

/// "2026-2027" for the campaign of the autumn of 2026.
pub fn year_label(year: i32) -> String {
    format!("{year}-{}", year + 1)
}

/// The campaign under way on `today`: from July on, that of the coming academic year.
pub fn current_year(today: NaiveDate) -> i32 {
    if today.month() >= 7 {
        today.year()
    } else {
        today.year() - 1
    }
}

/// The form of an application, as typed (dates jj/mm/aaaa, codes of the closed lists).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ApplicationInput {
    pub civility: String,
    pub last_name: String,
    pub birth_name: String,
    pub first_names: String,
    pub birth_date: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub discipline: String,
    pub padhue: bool,
    pub cycle: String,
    pub study_year: String,
    pub ecn_year: String,
    pub ecn_rank: String,
    /// The specialty of the professional project.
    pub specialty: String,
    /// A [`PracticeMode`] code.
    pub project_mode: String,
    /// A [`ZoneType`] code.
    pub project_zone: String,
    /// The intended place (commune, territory).
    pub project_place: String,
    /// The project, in the candidate's words.
    pub project: String,
    /// The day the file was received at the UFR.
    pub received_date: String,
    pub notes: String,
}

/// A validated application: the candidate's identity and studies as the signatory's file
/// will hold them (status "candidat", the UFR of the campaign), and the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub academic_year: i32,
    pub ufr: String,
    pub identity: SignatoryRecord,
    pub project_mode: Option<PracticeMode>,
    pub project_zone: Option<ZoneType>,
    pub project_place: Option<String>,
    pub project: String,
    pub received_date: Option<NaiveDate>,
}

impl ApplicationRecord {
    /// The form as typed, to edit the application again.
    fn input(&self) -> ApplicationInput {
        let r = &self.identity;
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let num = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        ApplicationInput {
            civility: r.civility.map(|c| c.code().to_owned()).unwrap_or_default(),
            last_name: r.last_name.clone(),
            birth_name: opt(&r.birth_name),
            first_names: r.first_names.clone(),
            birth_date: r.birth_date.map(format_fr).unwrap_or_default(),
            email: opt(&r.email),
            phone: opt(&r.phone),
            address: opt(&r.address),
            discipline: r.discipline.code().to_owned(),
            padhue: r.padhue,
            cycle: r.cycle.map(|c| c.code().to_owned()).unwrap_or_default(),
            study_year: num(r.study_year),
            ecn_year: num(r.ecn_year),
            ecn_rank: num(r.ecn_rank),
            specialty: opt(&r.specialty),
            project_mode: self.project_mode.map(|m| m.code().to_owned()).unwrap_or_default(),
            project_zone: self.project_zone.map(|z| z.code().to_owned()).unwrap_or_default(),
            project_place: self.project_place.clone().unwrap_or_default(),
            project: self.project.clone(),
            received_date: self.received_date.map(format_fr).unwrap_or_default(),
            notes: r.notes.clone(),
        }
    }
}

fn check_campaign(e: &mut ValidationErrors, year: i32, ufr: &str) -> String {
    if !(2010..=2100).contains(&year) {
        e.push("academic_year", format!("Année de campagne invalide : {year}."));
    }
    let ufr = ufr.split_whitespace().collect::<Vec<_>>().join(" ");
    if ufr.is_empty() {
        e.push("ufr", "Indiquez l'UFR de la campagne.");
    } else if ufr.chars().count() > 200 {
        e.push("ufr", "Le nom de l'UFR dépasse 200 caractères.");
    }
    ufr
}

/// Checks the form: the identity and studies with the very rules of the signatory's form
/// (same fields, same messages), then the project.
pub fn validate(
    input: &ApplicationInput,
    year: i32,
    ufr: &str,
    today: NaiveDate,
) -> std::result::Result<ApplicationRecord, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let ufr = check_campaign(&mut e, year, ufr);
    let as_signatory = SignatoryInput {
        civility: input.civility.clone(),
        last_name: input.last_name.clone(),
        birth_name: input.birth_name.clone(),
        first_names: input.first_names.clone(),
        birth_date: input.birth_date.clone(),
        email: input.email.clone(),
        phone: input.phone.clone(),
        address: input.address.clone(),
        discipline: input.discipline.clone(),
        padhue: input.padhue,
        ufr: ufr.clone(),
        cycle: input.cycle.clone(),
        study_year: input.study_year.clone(),
        ecn_year: input.ecn_year.clone(),
        ecn_rank: input.ecn_rank.clone(),
        specialty: input.specialty.clone(),
        status: Status::Candidat.code().to_owned(),
        notes: input.notes.clone(),
        ..Default::default()
    };
    let identity = match crate::domain::signatory::validate(&as_signatory, today) {
        Ok(r) => Some(r),
        Err(v) => {
            e.0.extend(v.0);
            None
        }
    };
    // A file may be kept without its civility (an imported register); an application is
    // filled by the candidate, who gives it.
    if input.civility.trim().is_empty() {
        e.push("civility", "Choisissez la civilité.");
    }
    let project_mode = optional_enum(
        &mut e,
        "project_mode",
        &input.project_mode,
        "le mode d'exercice envisagé",
        PracticeMode::from_code,
    );
    let project_zone = optional_enum(
        &mut e,
        "project_zone",
        &input.project_zone,
        "la zone envisagée",
        ZoneType::from_code,
    );
    let project_place = bounded_text(
        &mut e,
        "project_place",
        &input.project_place,
        200,
        "Le lieu envisagé",
    );
    let project =
        bounded_text(&mut e, "project", &input.project, 4000, "Le projet professionnel").unwrap_or_default();
    let received_date = optional_date(&mut e, "received_date", &input.received_date);
    if received_date.is_some_and(|d| d > today) {
        e.push(
            "received_date",
            "La date de réception du dossier ne peut pas être dans le futur.",
        );
    }
    match identity {
        Some(identity) if e.is_empty() => Ok(ApplicationRecord {
            academic_year: year,
            ufr,
            identity,
            project_mode,
            project_zone,
            project_place,
            project,
            received_date,
        }),
        _ => Err(e),
    }
}

/// The documents the file of `r` must hold (seed 004): every file has the form, an identity
/// document, the motivation letter, the transcripts, the school certificate and a photo; an
/// intern adds the ranking; the ARS's written validation as the region requires it.
pub fn required_documents(r: &ApplicationRecord, rule: ArsValidationRule) -> Vec<ApplicationDocument> {
    use ApplicationDocument::*;
    let mut docs = vec![Formulaire, PieceIdentite, LettreMotivation, RelevesNotes];
    let id = &r.identity;
    if id.cycle == Some(Cycle::Troisieme) {
        docs.push(RangClassement);
    }
    docs.push(CertificatScolarite);
    docs.push(Photo);
    let general_medicine = id.discipline == Discipline::Medecine
        && id
            .specialty
            .as_deref()
            .is_some_and(|s| crate::text::fold(s).contains("medecine generale"));
    let validation = match rule {
        ArsValidationRule::Jamais => false,
        ArsValidationRule::Toujours => true,
        ArsValidationRule::MedecineGenerale => general_medicine,
        ArsValidationRule::AutresSpecialites => id.discipline == Discipline::Medecine && !general_medicine,
    };
    if validation {
        docs.push(ValidationArs);
    }
    docs
}

/// One document of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DocumentState {
    pub document: ApplicationDocument,
    pub label: String,
    /// Asked of this candidate (the others may still be ticked).
    pub required: bool,
    /// jj/mm/aaaa, when received.
    pub received_on: Option<String>,
}

/// An application as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Application {
    pub id: i32,
    pub academic_year: i32,
    pub ufr: String,
    pub input: ApplicationInput,
    /// "NOM Prénoms".
    pub name: String,
    pub discipline_label: String,
    /// "3e cycle, 1re année", "" when not given.
    pub studies_label: String,
    pub documents: Vec<DocumentState>,
    /// Labels of the required documents not received.
    pub missing: Vec<String>,
    pub complete: bool,
    pub decision: Option<Decision>,
    pub decision_label: String,
    pub waiting_rank: Option<i32>,
    pub decision_reason: String,
    /// The signatory it became.
    pub signatory_id: Option<i32>,
    /// jj/mm/aaaa: the contract sent to be signed, and the last day to return it.
    pub contract_sent_on: Option<String>,
    pub contract_due: Option<String>,
    /// The signed contract came back (the signatory has a signature date).
    pub contract_returned: bool,
    pub contract_overdue: bool,
}

fn view(a: StoredApplication, settings: &CampaignSettings, today: NaiveDate) -> Application {
    let required = required_documents(&a.record, settings.ars_validation);
    let documents: Vec<DocumentState> = ApplicationDocument::ALL
        .iter()
        .map(|d| DocumentState {
            document: *d,
            label: d.label().to_owned(),
            required: required.contains(d),
            received_on: a.documents.get(d).map(|on| format_fr(*on)),
        })
        .collect();
    let missing: Vec<String> = required
        .iter()
        .filter(|d| !a.documents.contains_key(d))
        .map(|d| d.label().to_owned())
        .collect();
    let due = a
        .contract_sent_on
        .map(|d| d + chrono::Days::new(u64::from(settings.contract_return_days)));
    let returned = a.signed_on.is_some();
    let r = &a.record;
    Application {
        id: i32::try_from(a.id).unwrap_or(i32::MAX),
        academic_year: r.academic_year,
        ufr: r.ufr.clone(),
        input: r.input(),
        name: format!(
            "{} {}",
            r.identity.last_name.to_uppercase(),
            r.identity.first_names
        ),
        discipline_label: r.identity.discipline.label().to_owned(),
        studies_label: crate::followup::service::studies_label(r.identity.cycle, r.identity.study_year),
        complete: missing.is_empty(),
        documents,
        missing,
        decision: a.decision,
        decision_label: a.decision.map(|d| d.label().to_owned()).unwrap_or_default(),
        waiting_rank: a.waiting_rank,
        decision_reason: a.decision_reason,
        signatory_id: a.signatory_id.and_then(|i| i32::try_from(i).ok()),
        contract_sent_on: a.contract_sent_on.map(format_fr),
        contract_due: due.map(format_fr),
        contract_returned: returned,
        contract_overdue: !returned && due.is_some_and(|d| d < today),
    }
}

/// The commission of a campaign, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CommissionInput {
    /// jj/mm/aaaa.
    pub sitting_date: String,
    /// Members present, free text.
    pub members: String,
    pub notes: String,
}

/// A campaign (a year and a UFR): its candidates, its commission and its calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CampaignView {
    pub academic_year: i32,
    /// The campaign under way today.
    pub current_year: i32,
    pub year_label: String,
    /// The campaigns the picker offers (value: the year, label "2026-2027"): the next one,
    /// the one under way and four before it, and the one shown if it is older.
    pub year_choices: Vec<crate::settings::Labeled>,
    pub ufr: String,
    /// The UFRs known (applications and signatories), for the picker.
    pub ufrs: Vec<String>,
    pub applications: Vec<Application>,
    pub commission: CommissionInput,
    /// The dates of the campaign (jj/mm/aaaa): deadline for the files, commission (recorded,
    /// or the default), first signatures.
    pub deadline: String,
    pub commission_date: String,
    pub signatures_from: String,
    pub lists_before: String,
    pub contract_return_days: u32,
}

fn commission_input(c: Option<CommissionRow>) -> CommissionInput {
    let c = c.unwrap_or_default();
    CommissionInput {
        sitting_date: c.sitting_date.map(format_fr).unwrap_or_default(),
        members: c.members,
        notes: c.notes,
    }
}

/// The campaign `year` (0: the one under way on `today`, see [`current_year`]) of `ufr`.
pub fn campaign(store: &Store, year: i32, ufr: &str, today: NaiveDate) -> Result<CampaignView> {
    let year = if year == 0 { current_year(today) } else { year };
    let settings = calendar::settings(store)?;
    let ufr = ufr.split_whitespace().collect::<Vec<_>>().join(" ");
    let conn = store.read();
    let rows = if ufr.is_empty() {
        Vec::new()
    } else {
        sql::campaign(conn, year, Some(&ufr))?
    };
    let commission = if ufr.is_empty() {
        None
    } else {
        sql::commission(conn, year, &ufr)?
    };
    let sitting = commission.as_ref().and_then(|c| c.sitting_date);
    let dates = settings.dates(year);
    let current = current_year(today);
    let mut choices: Vec<i32> = (current - 4..=current + 1).rev().collect();
    if !choices.contains(&year) {
        choices.push(year);
    }
    Ok(CampaignView {
        academic_year: year,
        current_year: current,
        year_choices: choices
            .into_iter()
            .map(|y| crate::settings::Labeled {
                value: y.to_string(),
                label: year_label(y),
            })
            .collect(),
        year_label: year_label(year),
        ufrs: sql::ufrs(conn)?,
        applications: rows.into_iter().map(|a| view(a, &settings, today)).collect(),
        commission: commission_input(commission),
        deadline: format_fr(dates.deadline),
        commission_date: format_fr(sitting.unwrap_or(dates.commission)),
        signatures_from: format_fr(dates.signatures),
        lists_before: format_fr(dates.lists_before),
        contract_return_days: settings.contract_return_days,
        ufr,
    })
}

fn get(store: &Store, id: i64, today: NaiveDate) -> Result<Application> {
    let settings = calendar::settings(store)?;
    let a = sql::get(store.read(), id)?.ok_or(Error::ApplicationNotFound(id))?;
    Ok(view(a, &settings, today))
}

/// Creates (`id` None) or updates an application of campaign `year` / `ufr`.
pub fn save(
    store: &mut Store,
    id: Option<i64>,
    year: i32,
    ufr: &str,
    input: &ApplicationInput,
    today: NaiveDate,
) -> Result<Application> {
    let record = validate(input, year, ufr, today)?;
    let now = now_stamp();
    let id = store.write(|tx| match id {
        None => sql::insert(tx, &record, &now),
        Some(id) => {
            if sql::update(tx, id, &record, &now)? {
                Ok(id)
            } else {
                Err(Error::ApplicationNotFound(id))
            }
        }
    })?;
    get(store, id, today)
}

/// Deletes an application not converted yet (a converted one is part of the signatory's
/// history).
pub fn delete(store: &mut Store, id: i64) -> Result<()> {
    let a = sql::get(store.read(), id)?.ok_or(Error::ApplicationNotFound(id))?;
    if a.signatory_id.is_some() {
        return Err(Error::BadInput(
            "Cette candidature est devenue un dossier de signataire : elle ne peut plus être supprimée."
                .into(),
        ));
    }
    store.write(|tx| sql::delete(tx, id).map(|_| ()))
}

/// Records that `document` was received on `date_text` (jj/mm/aaaa), or, when empty, that
/// it was not.
pub fn set_document(
    store: &mut Store,
    id: i64,
    document: &str,
    date_text: &str,
    today: NaiveDate,
) -> Result<Application> {
    let mut e = ValidationErrors::default();
    let doc = ApplicationDocument::from_code(document.trim());
    if doc.is_none() {
        e.push("document", format!("Pièce inconnue « {} ».", document.trim()));
    }
    let on = optional_date(&mut e, "received_on", date_text);
    if on.is_some_and(|d| d > today) {
        e.push(
            "received_on",
            "La date de réception ne peut pas être dans le futur.",
        );
    }
    let Some(doc) = doc.filter(|_| e.is_empty()) else {
        return Err(e.into());
    };
    sql::get(store.read(), id)?.ok_or(Error::ApplicationNotFound(id))?;
    store.write(|tx| sql::set_document(tx, id, doc, on))?;
    get(store, id, today)
}

/// The commission's decision for an application: `decision` a [`Decision`] code ("" clears
/// it), a rank for the waiting list, a short reason.
pub fn record_decision(
    store: &mut Store,
    id: i64,
    decision: &str,
    rank: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<Application> {
    let mut e = ValidationErrors::default();
    let d = optional_enum(&mut e, "decision", decision, "la décision", Decision::from_code);
    let rank = rank.trim();
    let waiting_rank = match (d, rank) {
        (Some(Decision::ListeAttente), "") => {
            e.push("waiting_rank", "Indiquez le rang sur la liste d'attente.");
            None
        }
        (Some(Decision::ListeAttente), r) => match r.parse::<i32>() {
            Ok(n) if (1..=9999).contains(&n) => Some(n),
            _ => {
                e.push(
                    "waiting_rank",
                    format!("Rang invalide « {r} » : un nombre entier à partir de 1."),
                );
                None
            }
        },
        _ => None,
    };
    let reason = bounded_text(&mut e, "decision_reason", reason, 500, "Le motif").unwrap_or_default();
    if !e.is_empty() {
        return Err(e.into());
    }
    let a = sql::get(store.read(), id)?.ok_or(Error::ApplicationNotFound(id))?;
    if a.signatory_id.is_some() && d != Some(Decision::Retenu) {
        return Err(Error::BadInput(
            "Ce candidat est déjà devenu signataire : sa décision reste « Retenu ».".into(),
        ));
    }
    let now = now_stamp();
    store.write(|tx| sql::set_decision(tx, id, d, waiting_rank, &reason, &now).map(|_| ()))?;
    get(store, id, today)
}

pub fn save_commission(
    store: &mut Store,
    year: i32,
    ufr: &str,
    input: &CommissionInput,
    today: NaiveDate,
) -> Result<CampaignView> {
    let mut e = ValidationErrors::default();
    let ufr = check_campaign(&mut e, year, ufr);
    let sitting_date = optional_date(&mut e, "sitting_date", &input.sitting_date);
    let members =
        bounded_text(&mut e, "members", &input.members, 2000, "La liste des membres").unwrap_or_default();
    let notes = bounded_text(&mut e, "notes", &input.notes, 4000, "Les observations").unwrap_or_default();
    if !e.is_empty() {
        return Err(e.into());
    }
    let row = CommissionRow {
        sitting_date,
        members,
        notes,
    };
    let now = now_stamp();
    store.write(|tx| sql::save_commission(tx, year, &ufr, &row, &now))?;
    campaign(store, year, &ufr, today)
}

/// "Convertir en signataire": a selected candidate becomes a signatory with everything
/// already entered (status "candidat", the signature date and contract reference to come),
/// linked to the application; `sent_text` is the day the contract was sent to be signed
/// (jj/mm/aaaa, "" if not yet). Once only. Returns the new signatory's id.
pub fn convert(store: &mut Store, id: i64, sent_text: &str, today: NaiveDate) -> Result<i32> {
    let mut e = ValidationErrors::default();
    let sent_on = optional_date(&mut e, "contract_sent_on", sent_text);
    if sent_on.is_some_and(|d| d > today) {
        e.push(
            "contract_sent_on",
            "La date d'envoi du contrat ne peut pas être dans le futur.",
        );
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let a = sql::get(store.read(), id)?.ok_or(Error::ApplicationNotFound(id))?;
    if a.signatory_id.is_some() {
        return Err(Error::BadInput("Ce candidat est déjà devenu signataire.".into()));
    }
    if a.decision != Some(Decision::Retenu) {
        return Err(Error::BadInput(
            "Seul un candidat retenu par la commission peut devenir signataire.".into(),
        ));
    }
    // The identity was checked by the signatory's rules when the application was saved.
    let now = now_stamp();
    store.write(|tx| {
        let signatory = crate::store::signatories::insert(tx, &a.record.identity, &now)?;
        if !sql::link(tx, id, signatory, sent_on, &now)? {
            return Err(Error::BadInput("Ce candidat est déjà devenu signataire.".into()));
        }
        Ok(i32::try_from(signatory).unwrap_or(i32::MAX))
    })
}

/// What "À faire" lists about the applications of the campaigns under way: files still
/// incomplete a week before the deadline, candidates without a decision once the commission
/// sat, contracts sent and not returned.
pub(crate) struct Reminder {
    pub kind: crate::domain::TodoKind,
    pub application_id: i64,
    pub academic_year: i32,
    pub ufr: String,
    pub signatory_id: Option<i64>,
    pub name: String,
    pub what: String,
    pub due: NaiveDate,
    pub key: String,
}

pub(crate) fn reminders(store: &Store, today: NaiveDate) -> Result<Vec<Reminder>> {
    use crate::domain::TodoKind;
    let settings = calendar::settings(store)?;
    let conn = store.read();
    let sittings = sql::sittings(conn)?;
    let year = current_year(today);
    let mut out = Vec::new();
    for a in sql::of_years(conn, &[year - 1, year])? {
        let r = &a.record;
        let dates = settings.dates(r.academic_year);
        let commission = sittings
            .get(&(r.academic_year, r.ufr.clone()))
            .copied()
            .unwrap_or(dates.commission);
        let name = format!(
            "{} {}",
            r.identity.last_name.to_uppercase(),
            r.identity.first_names
        );
        let missing: Vec<&str> = required_documents(r, settings.ars_validation)
            .into_iter()
            .filter(|d| !a.documents.contains_key(d))
            .map(|d| d.label())
            .collect();
        if a.decision.is_none() {
            if !missing.is_empty() && today >= dates.deadline - chrono::Days::new(7) && today <= commission {
                out.push(Reminder {
                    kind: TodoKind::CandidatureIncomplete,
                    application_id: a.id,
                    academic_year: r.academic_year,
                    ufr: r.ufr.clone(),
                    signatory_id: None,
                    name: name.clone(),
                    what: format!(
                        "Candidature {} ({}) incomplète : {}",
                        year_label(r.academic_year),
                        r.ufr,
                        missing.join(", ")
                    ),
                    due: dates.deadline,
                    key: format!("candidature:{}:incomplete", a.id),
                });
            }
            if today > commission {
                out.push(Reminder {
                    kind: TodoKind::CandidatureSansDecision,
                    application_id: a.id,
                    academic_year: r.academic_year,
                    ufr: r.ufr.clone(),
                    signatory_id: None,
                    name: name.clone(),
                    what: format!(
                        "Candidature {} ({}) sans décision après la commission du {}",
                        year_label(r.academic_year),
                        r.ufr,
                        format_fr(commission)
                    ),
                    due: commission,
                    key: format!("candidature:{}:decision", a.id),
                });
            }
        }
        if let (Some(sent), Some(signatory), None) = (a.contract_sent_on, a.signatory_id, a.signed_on) {
            let due = sent + chrono::Days::new(u64::from(settings.contract_return_days));
            out.push(Reminder {
                kind: TodoKind::ContratARetourner,
                application_id: a.id,
                academic_year: r.academic_year,
                ufr: r.ufr.clone(),
                signatory_id: Some(signatory),
                name,
                what: format!(
                    "Contrat envoyé le {} : à retourner signé au plus tard le {}",
                    format_fr(sent),
                    format_fr(due)
                ),
                due,
                key: format!("contrat:{}", crate::domain::dates::format_iso(sent)),
            });
        }
    }
    Ok(out)
}

/// One line of the counts of a campaign: a UFR and a discipline.
pub(crate) struct CampaignCountRow {
    pub ufr: String,
    pub discipline: Discipline,
    /// Applications, complete files, selected, signed.
    pub counts: [u32; 4],
}

pub(crate) struct CampaignCounts {
    pub rows: Vec<CampaignCountRow>,
}

/// The counts of campaign `year` for the statistics: applications, complete files, selected
/// (« retenu »), signed (the signatory it became has a signature date), by UFR and discipline.
pub(crate) fn counts(store: &Store, year: i32) -> Result<CampaignCounts> {
    let settings = calendar::settings(store)?;
    let mut by: std::collections::BTreeMap<(String, &'static str), (Discipline, [u32; 4])> =
        Default::default();
    for a in sql::campaign(store.read(), year, None)? {
        let complete = required_documents(&a.record, settings.ars_validation)
            .iter()
            .all(|d| a.documents.contains_key(d));
        let marks = [
            1,
            u32::from(complete),
            u32::from(a.decision == Some(Decision::Retenu)),
            u32::from(a.signed_on.is_some()),
        ];
        let e = by
            .entry((a.record.ufr.clone(), a.record.identity.discipline.code()))
            .or_insert((a.record.identity.discipline, [0; 4]));
        for (n, m) in e.1.iter_mut().zip(marks) {
            *n += m;
        }
    }
    Ok(CampaignCounts {
        rows: by
            .into_iter()
            .map(|((ufr, _), (discipline, counts))| CampaignCountRow {
                ufr,
                discipline,
                counts,
            })
            .collect(),
    })
}
