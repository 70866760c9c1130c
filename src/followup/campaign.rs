//! The rules of the annual follow-up (domain.md §7), without I/O: who receives a form in
//! a year, where a form stands, what the returned form must contain, and which answers
//! update the signatory's file.

use crate::domain::dates::{format_fr, optional_date};
use crate::domain::signatory::validate as validate_signatory;
use crate::domain::{
    Cycle, FormStatus, PracticeMode, PracticeStructure, Signatory, SignatoryInput, Situation, Status,
    ZoneType,
};
use crate::error::ValidationErrors;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The statuses whose holders receive a form: in training, suspended, diploma obtained
/// but not installed, installed and serving the commitment. Candidates have not signed;
/// ended contracts (commitment served, rupture, résiliation, death) are no longer
/// followed.
pub const FOLLOWED_STATUSES: [Status; 4] = [
    Status::EnFormation,
    Status::Suspendu,
    Status::Diplome,
    Status::Installe,
];

/// Whether a signatory with this status and signature date receives the form of `year`:
/// a followed status, and a contract signed by 31 December of that year (a file whose
/// signature date is not known yet is included, so that nobody is forgotten). Anyone
/// whose form of that year was already sent or recorded stays in the campaign whatever
/// their status has become since (the store adds them).
pub fn is_member(status: Status, signature_date: Option<NaiveDate>, year: i32) -> bool {
    FOLLOWED_STATUSES.contains(&status) && signature_date.is_none_or(|d| d <= year_end(year))
}

/// 31 December of `year` (or the latest representable date).
pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Where a form stands, from what has been recorded about it.
pub fn form_status(sent: bool, reminders: usize, received: bool, complete: Option<bool>) -> FormStatus {
    match (received, complete) {
        (true, Some(true)) => FormStatus::Complete,
        (true, Some(false)) => FormStatus::Incomplete,
        (true, None) => FormStatus::Recue,
        (false, _) if reminders > 0 => FormStatus::Relancee,
        (false, _) if sent => FormStatus::Envoyee,
        _ => FormStatus::AEnvoyer,
    }
}

/// The returned form as typed in the window: every field a string ("" = not answered),
/// dates `jj/mm/aaaa`, closed lists by code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AnswersForm {
    pub received_date: String,
    /// A [`Situation`] code.
    pub situation: String,
    pub study_year: String,
    pub specialty: String,
    pub subdivision: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    /// A [`PracticeMode`] code.
    pub project_mode: String,
    /// A [`PracticeStructure`] code.
    pub project_structure: String,
    /// A [`ZoneType`] code.
    pub project_zone: String,
    /// Intended place of practice (commune, structure…).
    pub project_place: String,
    /// Intended installation date.
    pub project_date: String,
    pub expected_des_date: String,
    pub expected_thesis_date: String,
    /// Other aids received or requested (PTMG/CDE, CAIM…).
    pub other_aids: String,
    pub comments: String,
    /// Date the signatory signed the form; empty when it came back unsigned.
    pub signature_date: String,
    /// What else is missing (a document, a page…), as the referent notes it.
    pub missing_note: String,
}

/// The answers that are also the file's own fields (contact details, year, specialty): a
/// returned form updates them in the file (see [`apply_to_file`]).
pub const FILE_FIELDS: [&str; 6] = [
    "study_year",
    "specialty",
    "subdivision",
    "email",
    "phone",
    "address",
];

/// A validated returned form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub received_date: Option<NaiveDate>,
    pub situation: Option<Situation>,
    pub study_year: Option<i32>,
    pub specialty: Option<String>,
    pub subdivision: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub project_mode: Option<PracticeMode>,
    pub project_structure: Option<PracticeStructure>,
    pub project_zone: Option<ZoneType>,
    pub project_place: Option<String>,
    pub project_date: Option<NaiveDate>,
    pub expected_des_date: Option<NaiveDate>,
    pub expected_thesis_date: Option<NaiveDate>,
    pub other_aids: Option<String>,
    pub comments: Option<String>,
    pub signature_date: Option<NaiveDate>,
    pub missing_note: Option<String>,
}

impl Answers {
    /// The cycle the declared situation implies, if any.
    pub fn cycle(&self) -> Option<Cycle> {
        match self.situation? {
            Situation::DeuxiemeCycle => Some(Cycle::Deuxieme),
            Situation::TroisiemeCycle => Some(Cycle::Troisieme),
            _ => None,
        }
    }

    /// Back to the form, dates in the French form.
    pub fn to_form(&self) -> AnswersForm {
        let d = |x: Option<NaiveDate>| x.map(format_fr).unwrap_or_default();
        let t = |x: &Option<String>| x.clone().unwrap_or_default();
        AnswersForm {
            received_date: d(self.received_date),
            situation: self.situation.map(|x| x.code().to_owned()).unwrap_or_default(),
            study_year: self.study_year.map(|y| y.to_string()).unwrap_or_default(),
            specialty: t(&self.specialty),
            subdivision: t(&self.subdivision),
            email: t(&self.email),
            phone: t(&self.phone),
            address: t(&self.address),
            project_mode: self.project_mode.map(|x| x.code().to_owned()).unwrap_or_default(),
            project_structure: self
                .project_structure
                .map(|x| x.code().to_owned())
                .unwrap_or_default(),
            project_zone: self.project_zone.map(|x| x.code().to_owned()).unwrap_or_default(),
            project_place: t(&self.project_place),
            project_date: d(self.project_date),
            expected_des_date: d(self.expected_des_date),
            expected_thesis_date: d(self.expected_thesis_date),
            other_aids: t(&self.other_aids),
            comments: t(&self.comments),
            signature_date: d(self.signature_date),
            missing_note: t(&self.missing_note),
        }
    }
}

const LONG_TEXT_MAX: usize = 4000;
const SHORT_TEXT_MAX: usize = 200;

/// Checks the returned form of `signatory`'s `year` campaign, every field at once, with
/// the French message next to its field. Contact details, year and specialty follow the
/// rules of the signatory's file (the same validation, so that what the form accepts the
/// file accepts too).
pub fn validate_answers(
    form: &AnswersForm,
    signatory: &Signatory,
    year: i32,
    today: NaiveDate,
) -> Result<Answers, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let date = optional_date;
    let received_date = date(&mut e, "received_date", &form.received_date);
    let signature_date = date(&mut e, "signature_date", &form.signature_date);
    let project_date = date(&mut e, "project_date", &form.project_date);
    let expected_des_date = date(&mut e, "expected_des_date", &form.expected_des_date);
    let expected_thesis_date = date(&mut e, "expected_thesis_date", &form.expected_thesis_date);
    match received_date {
        None if form.received_date.trim().is_empty() => {
            e.push("received_date", "Indiquez la date de réception de la fiche.")
        }
        Some(d) if d > today => e.push("received_date", "La date de réception est dans le futur."),
        Some(d) if d < NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN) => e.push(
            "received_date",
            format!("La fiche de la campagne {year} ne peut pas avoir été reçue avant le 01/01/{year}."),
        ),
        _ => {}
    }
    if let (Some(s), Some(r)) = (signature_date, received_date) {
        if s > r {
            e.push(
                "signature_date",
                "La fiche ne peut pas avoir été signée après sa réception.",
            );
        }
    }

    fn code<T: Copy>(
        e: &mut ValidationErrors,
        field: &str,
        text: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let v = parse(t);
        if v.is_none() {
            e.push(
                field,
                format!("Valeur inconnue « {t} » : choisissez dans la liste."),
            );
        }
        v
    }
    let situation = code(&mut e, "situation", &form.situation, Situation::from_code);
    let project_mode = code(
        &mut e,
        "project_mode",
        &form.project_mode,
        PracticeMode::from_code,
    );
    let project_structure = code(
        &mut e,
        "project_structure",
        &form.project_structure,
        PracticeStructure::from_code,
    );
    let project_zone = code(&mut e, "project_zone", &form.project_zone, ZoneType::from_code);

    let mut text = |field: &str, value: &str, max: usize| -> Option<String> {
        let t = value.trim();
        if t.is_empty() {
            return None;
        }
        if t.chars().count() > max {
            e.push(field, format!("Le texte dépasse {max} caractères."));
        }
        Some(t.to_owned())
    };
    let project_place = text("project_place", &form.project_place, SHORT_TEXT_MAX * 2);
    let other_aids = text("other_aids", &form.other_aids, LONG_TEXT_MAX);
    let comments = text("comments", &form.comments, LONG_TEXT_MAX);
    let missing_note = text("missing_note", &form.missing_note, SHORT_TEXT_MAX * 2);

    // The answers that belong to the file are checked by the file's own rules: put them
    // into the file's form and validate that.
    let cycle = match situation {
        Some(Situation::DeuxiemeCycle) => Some(Cycle::Deuxieme),
        Some(Situation::TroisiemeCycle) => Some(Cycle::Troisieme),
        _ => signatory.cycle,
    };
    let mut input = signatory.to_input();
    let answered = |s: &str| !s.trim().is_empty();
    if answered(&form.study_year) {
        input.study_year = form.study_year.clone();
        input.cycle = cycle.map(|c| c.code().to_owned()).unwrap_or_default();
    }
    for (target, value) in [
        (&mut input.specialty, &form.specialty),
        (&mut input.subdivision, &form.subdivision),
        (&mut input.email, &form.email),
        (&mut input.phone, &form.phone),
        (&mut input.address, &form.address),
    ] {
        if answered(value) {
            value.clone_into(target);
        }
    }
    let (record, file_errors) = match validate_signatory(&input, today) {
        Ok(r) => (Some(r), Vec::new()),
        Err(errs) => (None, errs.0),
    };
    for fe in file_errors {
        if FILE_FIELDS.contains(&fe.field.as_str()) && answered(field_of(form, &fe.field)) {
            e.push(&fe.field, fe.message);
        } else if fe.field == "cycle" && answered(&form.study_year) {
            e.push("study_year", fe.message);
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    let pick = |answered_text: &str, value: Option<String>| {
        if answered_text.trim().is_empty() {
            None
        } else {
            value
        }
    };
    let r = record.as_ref();
    Ok(Answers {
        received_date,
        situation,
        study_year: if answered(&form.study_year) {
            r.and_then(|r| r.study_year)
        } else {
            None
        },
        specialty: pick(&form.specialty, r.and_then(|r| r.specialty.clone())),
        subdivision: pick(&form.subdivision, r.and_then(|r| r.subdivision.clone())),
        email: pick(&form.email, r.and_then(|r| r.email.clone())),
        phone: pick(&form.phone, r.and_then(|r| r.phone.clone())),
        address: pick(&form.address, r.and_then(|r| r.address.clone())),
        project_mode,
        project_structure,
        project_zone,
        project_place,
        project_date,
        expected_des_date,
        expected_thesis_date,
        other_aids,
        comments,
        signature_date,
        missing_note,
    })
}

fn field_of<'a>(form: &'a AnswersForm, field: &str) -> &'a str {
    match field {
        "study_year" => &form.study_year,
        "specialty" => &form.specialty,
        "subdivision" => &form.subdivision,
        "email" => &form.email,
        "phone" => &form.phone,
        "address" => &form.address,
        _ => "",
    }
}

/// What a returned form lacks to be "complète et signée": the signature, the situation,
/// the year and specialty that situation calls for, and whatever the referent noted.
pub fn missing_items(a: &Answers) -> Vec<String> {
    let mut m = Vec::new();
    if a.signature_date.is_none() {
        m.push("la signature et sa date".to_owned());
    }
    match a.situation {
        None => m.push("la situation actuelle".to_owned()),
        Some(Situation::DeuxiemeCycle) => {
            if a.study_year.is_none() {
                m.push("l'année d'études".to_owned());
            }
        }
        Some(Situation::TroisiemeCycle) => {
            if a.study_year.is_none() {
                m.push("l'année d'internat".to_owned());
            }
            if a.specialty.is_none() {
                m.push("la spécialité (DES)".to_owned());
            }
            if a.subdivision.is_none() {
                m.push("la subdivision d'internat".to_owned());
            }
            if a.expected_des_date.is_none() {
                m.push("la date prévue d'obtention du DES".to_owned());
            }
        }
        Some(Situation::DiplomeNonInstalle) => {
            if a.project_place.is_none() {
                m.push("le lieu d'installation envisagé".to_owned());
            }
            if a.project_date.is_none() {
                m.push("la date d'installation envisagée".to_owned());
            }
        }
        Some(Situation::Suspendu | Situation::Installe | Situation::Autre) => {}
    }
    if let Some(n) = &a.missing_note {
        m.push(n.clone());
    }
    m
}

/// One field of the signatory's file that a returned form changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FileChange {
    /// Field key of the file's form (`specialty`, `email`…).
    pub field: String,
    /// French label of the field.
    pub label: String,
    pub before: String,
    pub after: String,
}

/// The file's form with the answers applied, and what changed; nothing when the file
/// was edited after the form came back (the file is then the newer information) or when
/// a later year's form has already been recorded (`newer_form_exists`).
pub fn apply_to_file(
    signatory: &Signatory,
    answers: &Answers,
    newer_form_exists: bool,
) -> Option<(SignatoryInput, Vec<FileChange>)> {
    let received = answers.received_date?;
    if newer_form_exists || file_changed_after(&signatory.updated_at, received) {
        return None;
    }
    let mut input = signatory.to_input();
    let mut changes = Vec::new();
    let mut set = |field: &str, label: &str, target: &mut String, value: String| {
        if !value.is_empty() && *target != value {
            changes.push(FileChange {
                field: field.to_owned(),
                label: label.to_owned(),
                before: target.clone(),
                after: value.clone(),
            });
            *target = value;
        }
    };
    if let Some(y) = answers.study_year {
        if let Some(c) = answers.cycle().or(signatory.cycle) {
            set("cycle", "Cycle", &mut input.cycle, c.code().to_owned());
        }
        set(
            "study_year",
            "Année d'études",
            &mut input.study_year,
            y.to_string(),
        );
    } else if let Some(c) = answers.cycle() {
        set("cycle", "Cycle", &mut input.cycle, c.code().to_owned());
    }
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    set(
        "specialty",
        "Spécialité (DES)",
        &mut input.specialty,
        text(&answers.specialty),
    );
    set(
        "subdivision",
        "Subdivision",
        &mut input.subdivision,
        text(&answers.subdivision),
    );
    set("email", "Courriel", &mut input.email, text(&answers.email));
    set("phone", "Téléphone", &mut input.phone, text(&answers.phone));
    set(
        "address",
        "Adresse postale",
        &mut input.address,
        text(&answers.address),
    );
    Some((input, changes))
}

/// Whether the file was last saved after the day the form came back. `updated_at` is the
/// stored local timestamp (`2026-03-04T10:22:00`); an unreadable one counts as older.
fn file_changed_after(updated_at: &str, received: NaiveDate) -> bool {
    NaiveDateTime::parse_from_str(updated_at, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.date() > received)
        .unwrap_or(false)
}

/// A warning when the declared situation does not match the file's status (the status
/// is never changed from a form: it drives the contract's figures, the referent decides).
pub fn situation_warning(signatory: &Signatory, answers: &Answers) -> Option<String> {
    let situation = answers.situation?;
    let expected: &[Status] = match situation {
        Situation::DeuxiemeCycle | Situation::TroisiemeCycle => &[Status::EnFormation],
        Situation::Suspendu => &[Status::Suspendu],
        Situation::DiplomeNonInstalle => &[Status::Diplome],
        Situation::Installe => &[Status::Installe],
        Situation::Autre => return None,
    };
    (!expected.contains(&signatory.status)).then(|| {
        format!(
            "Situation déclarée « {} », statut du dossier « {} » : vérifiez le statut du dossier.",
            situation.label(),
            signatory.status.label()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Civility, Discipline};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn signatory() -> Signatory {
        Signatory {
            id: 1,
            civility: Some(Civility::Mme),
            last_name: "LEFÈVRE".into(),
            birth_name: None,
            first_names: "Hélène".into(),
            birth_date: Some(d(1999, 4, 12)),
            email: Some("helene.lefevre@exemple.fr".into()),
            phone: None,
            address: None,
            discipline: Discipline::Medecine,
            padhue: false,
            ufr: Some("Rennes".into()),
            subdivision: Some("Rennes".into()),
            cycle: Some(Cycle::Troisieme),
            study_year: Some(1),
            ecn_year: Some(2024),
            ecn_rank: Some(4521),
            specialty: Some("Médecine générale".into()),
            signature_date: Some(d(2023, 10, 2)),
            regime: None,
            managing_body: None,
            contract_ref: None,
            status: Status::EnFormation,
            notes: String::new(),
            to_complete: Vec::new(),
            created_at: "2025-01-10T09:00:00".into(),
            updated_at: "2025-01-10T09:00:00".into(),
        }
    }

    fn form() -> AnswersForm {
        AnswersForm {
            received_date: "20/10/2026".into(),
            situation: "troisieme_cycle".into(),
            study_year: "2".into(),
            specialty: "médecine générale".into(),
            subdivision: "Rennes".into(),
            expected_des_date: "01/11/2028".into(),
            signature_date: "14/10/2026".into(),
            project_mode: "liberal".into(),
            project_place: "Carhaix-Plouguer".into(),
            ..AnswersForm::default()
        }
    }

    #[test]
    fn membership_by_status_and_signature_date() {
        assert!(is_member(Status::EnFormation, Some(d(2026, 12, 31)), 2026));
        assert!(!is_member(Status::EnFormation, Some(d(2027, 1, 1)), 2026));
        assert!(is_member(Status::Suspendu, None, 2026));
        assert!(is_member(Status::Diplome, Some(d(2015, 1, 1)), 2026));
        assert!(is_member(Status::Installe, Some(d(2015, 1, 1)), 2026));
        for s in [
            Status::Candidat,
            Status::EngagementTermine,
            Status::Rompu,
            Status::Resilie,
            Status::DecedeOuInaptitude,
        ] {
            assert!(!is_member(s, Some(d(2015, 1, 1)), 2026), "{s:?}");
        }
    }

    #[test]
    fn status_transitions() {
        assert_eq!(form_status(false, 0, false, None), FormStatus::AEnvoyer);
        assert_eq!(form_status(true, 0, false, None), FormStatus::Envoyee);
        assert_eq!(form_status(true, 2, false, None), FormStatus::Relancee);
        assert_eq!(form_status(true, 2, true, None), FormStatus::Recue);
        assert_eq!(form_status(true, 0, true, Some(true)), FormStatus::Complete);
        assert_eq!(form_status(false, 0, true, Some(false)), FormStatus::Incomplete);
    }

    #[test]
    fn a_complete_form_is_accepted_and_normalised() {
        let a = validate_answers(&form(), &signatory(), 2026, d(2026, 11, 2)).unwrap();
        assert_eq!(a.specialty.as_deref(), Some("Médecine générale"));
        assert_eq!(a.study_year, Some(2));
        assert_eq!(a.cycle(), Some(Cycle::Troisieme));
        assert!(missing_items(&a).is_empty(), "{:?}", missing_items(&a));
        assert_eq!(a.to_form().received_date, "20/10/2026");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let f = AnswersForm {
            received_date: "".into(),
            situation: "en_vacances".into(),
            study_year: "9".into(),
            specialty: "Astrologie".into(),
            email: "pas-un-courriel".into(),
            expected_des_date: "31/02/2028".into(),
            ..form()
        };
        let e = validate_answers(&f, &signatory(), 2026, d(2026, 11, 2)).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        for f in [
            "received_date",
            "situation",
            "study_year",
            "specialty",
            "email",
            "expected_des_date",
        ] {
            assert!(fields.contains(&f), "{f} absent de {fields:?}");
        }
    }

    #[test]
    fn dates_are_checked_against_the_campaign_and_each_other() {
        let f = AnswersForm {
            received_date: "20/10/2025".into(),
            ..form()
        };
        let e = validate_answers(&f, &signatory(), 2026, d(2026, 11, 2)).unwrap_err();
        assert!(e.message("received_date").unwrap().contains("01/01/2026"), "{e}");
        let f = AnswersForm {
            signature_date: "21/10/2026".into(),
            ..form()
        };
        assert!(validate_answers(&f, &signatory(), 2026, d(2026, 11, 2)).is_err());
        let f = AnswersForm {
            received_date: "20/12/2026".into(),
            ..form()
        };
        assert!(validate_answers(&f, &signatory(), 2026, d(2026, 11, 2)).is_err());
    }

    #[test]
    fn what_is_missing_depends_on_the_situation() {
        let mut a = validate_answers(&form(), &signatory(), 2026, d(2026, 11, 2)).unwrap();
        a.signature_date = None;
        a.specialty = None;
        a.missing_note = Some("le certificat de scolarité".into());
        let m = missing_items(&a);
        assert_eq!(
            m,
            vec![
                "la signature et sa date".to_owned(),
                "la spécialité (DES)".to_owned(),
                "le certificat de scolarité".to_owned()
            ]
        );
        a.situation = Some(Situation::DiplomeNonInstalle);
        a.project_place = None;
        let m = missing_items(&a);
        assert!(m.contains(&"le lieu d'installation envisagé".to_owned()));
        assert!(!m.contains(&"la spécialité (DES)".to_owned()));
        a.situation = None;
        assert!(missing_items(&a).contains(&"la situation actuelle".to_owned()));
    }

    #[test]
    fn answers_update_the_file_only_when_newer() {
        let s = signatory();
        let a = validate_answers(&form(), &s, 2026, d(2026, 11, 2)).unwrap();
        let (input, changes) = apply_to_file(&s, &a, false).unwrap();
        assert_eq!(input.study_year, "2");
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["study_year"], "{changes:?}");
        assert_eq!(changes[0].before, "1");
        // A later year's form recorded: this one is history only.
        assert!(apply_to_file(&s, &a, true).is_none());
        // The file was edited after the form came back: the file is newer.
        let mut edited = s.clone();
        edited.updated_at = "2026-10-21T08:00:00".into();
        assert!(apply_to_file(&edited, &a, false).is_none());
        edited.updated_at = "2026-10-20T18:00:00".into();
        assert!(apply_to_file(&edited, &a, false).is_some());
    }

    #[test]
    fn a_situation_that_contradicts_the_status_is_flagged() {
        let s = signatory();
        let mut a = validate_answers(&form(), &s, 2026, d(2026, 11, 2)).unwrap();
        assert_eq!(situation_warning(&s, &a), None);
        a.situation = Some(Situation::Installe);
        let w = situation_warning(&s, &a).unwrap();
        assert!(w.contains("Installé"), "{w}");
    }
}
