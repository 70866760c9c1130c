//! A signatory's file: what the form sends ([`SignatoryInput`]), what validation
//! accepts ([`SignatoryRecord`]) and what is read back ([`Signatory`]).
//!
//! Validation lives here and only here: the window shows these messages next to the
//! fields, the CLI and the import print them with the field name.

use super::dates::{format_fr, optional_date};
use super::reference::canonical_specialty;
use super::regime::first_signature_date;
use super::{Civility, Cycle, Discipline, ManagingBody, Regime, Status};
use crate::error::ValidationErrors;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The form as typed: every field a string ("" = empty), so that a malformed value gets
/// a message next to its field instead of a failure to read the whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
pub struct SignatoryInput {
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
    pub ufr: String,
    pub subdivision: String,
    pub cycle: String,
    pub study_year: String,
    pub ecn_year: String,
    pub ecn_rank: String,
    pub specialty: String,
    pub signature_date: String,
    pub managing_body: String,
    pub contract_ref: String,
    pub status: String,
    pub notes: String,
}

/// A validated signatory, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatoryRecord {
    /// Unknown when a register imported without it: the file is then "à compléter".
    pub civility: Option<Civility>,
    pub last_name: String,
    pub birth_name: Option<String>,
    pub first_names: String,
    pub birth_date: Option<NaiveDate>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub discipline: Discipline,
    pub padhue: bool,
    pub ufr: Option<String>,
    pub subdivision: Option<String>,
    pub cycle: Option<Cycle>,
    pub study_year: Option<i32>,
    pub ecn_year: Option<i32>,
    pub ecn_rank: Option<i32>,
    pub specialty: Option<String>,
    pub signature_date: Option<NaiveDate>,
    pub managing_body: Option<ManagingBody>,
    pub contract_ref: Option<String>,
    pub status: Status,
    pub notes: String,
}

impl SignatoryRecord {
    /// The facts the completeness rule reads.
    pub fn completeness_facts(&self) -> super::completeness::Facts<'_> {
        super::completeness::Facts {
            civility_known: self.civility.is_some(),
            birth_date: self.birth_date,
            signature_date: self.signature_date,
            status: self.status,
            cycle: self.cycle,
            study_year: self.study_year,
            email: self.email.as_deref(),
            address: self.address.as_deref(),
        }
    }
}

/// A stored signatory, as the window and the CLI read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Signatory {
    pub id: i32,
    pub civility: Option<Civility>,
    pub last_name: String,
    pub birth_name: Option<String>,
    pub first_names: String,
    pub birth_date: Option<NaiveDate>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub discipline: Discipline,
    pub padhue: bool,
    pub ufr: Option<String>,
    pub subdivision: Option<String>,
    pub cycle: Option<Cycle>,
    pub study_year: Option<i32>,
    pub ecn_year: Option<i32>,
    pub ecn_rank: Option<i32>,
    pub specialty: Option<String>,
    pub signature_date: Option<NaiveDate>,
    /// Derived from `signature_date` (domain.md §3), never typed.
    pub regime: Option<Regime>,
    pub managing_body: Option<ManagingBody>,
    pub contract_ref: Option<String>,
    pub status: Status,
    pub notes: String,
    /// What the file lacks for the follow-up ("civilité", "date de signature"…), computed by
    /// [`super::completeness::gaps`] when the file is read.
    pub to_complete: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Signatory {
    /// "Mme", "M." or "" when the civility is not known yet.
    pub fn civility_label(&self) -> &'static str {
        self.civility.map(Civility::label).unwrap_or("")
    }

    /// The facts the completeness rule reads.
    pub fn completeness_facts(&self) -> super::completeness::Facts<'_> {
        super::completeness::Facts {
            civility_known: self.civility.is_some(),
            birth_date: self.birth_date,
            signature_date: self.signature_date,
            status: self.status,
            cycle: self.cycle,
            study_year: self.study_year,
            email: self.email.as_deref(),
            address: self.address.as_deref(),
        }
    }

    /// The form pre-filled with this file, dates in the French form the user types.
    pub fn to_input(&self) -> SignatoryInput {
        let date = |d: Option<NaiveDate>| d.map(format_fr).unwrap_or_default();
        let num = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        SignatoryInput {
            civility: self.civility.map(|c| c.code().to_owned()).unwrap_or_default(),
            last_name: self.last_name.clone(),
            birth_name: text(&self.birth_name),
            first_names: self.first_names.clone(),
            birth_date: date(self.birth_date),
            email: text(&self.email),
            phone: text(&self.phone),
            address: text(&self.address),
            discipline: self.discipline.code().into(),
            padhue: self.padhue,
            ufr: text(&self.ufr),
            subdivision: text(&self.subdivision),
            cycle: self.cycle.map(|c| c.code().to_owned()).unwrap_or_default(),
            study_year: num(self.study_year),
            ecn_year: num(self.ecn_year),
            ecn_rank: num(self.ecn_rank),
            specialty: text(&self.specialty),
            signature_date: date(self.signature_date),
            managing_body: self
                .managing_body
                .map(|m| m.code().to_owned())
                .unwrap_or_default(),
            contract_ref: text(&self.contract_ref),
            status: self.status.code().into(),
            notes: self.notes.clone(),
        }
    }
}

const NAME_MAX: usize = 80;
const SHORT_TEXT_MAX: usize = 120;
const ADDRESS_MAX: usize = 500;
const NOTES_MAX: usize = 20_000;
const ECN_FIRST_YEAR: i32 = 2004;
const ECN_MAX_RANK: i32 = 20_000;

/// Validates the whole form against the rules of domain.md; `today` is a parameter so
/// that the rules stay pure and testable. Returns every invalid field at once.
pub fn validate(input: &SignatoryInput, today: NaiveDate) -> Result<SignatoryRecord, ValidationErrors> {
    let mut e = ValidationErrors::default();

    // Optional since imports keep incomplete files (they are listed "à compléter").
    let civility = optional_enum(
        &mut e,
        "civility",
        &input.civility,
        "la civilité",
        Civility::from_code,
    );
    let last_name = name(&mut e, "last_name", &input.last_name, true, "Le nom");
    let birth_name = name(
        &mut e,
        "birth_name",
        &input.birth_name,
        false,
        "Le nom de naissance",
    );
    let first_names = name(&mut e, "first_names", &input.first_names, true, "Le prénom");

    let birth_date = optional_date(&mut e, "birth_date", &input.birth_date);
    if let Some(b) = birth_date {
        let earliest = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap_or(NaiveDate::MIN);
        if b > today {
            e.push("birth_date", "La date de naissance est dans le futur.");
        } else if b < earliest || years_between(b, today) < 16 {
            e.push(
                "birth_date",
                format!(
                    "Date de naissance peu plausible ({}) : vérifiez l'année.",
                    format_fr(b)
                ),
            );
        }
    }

    let email = optional_text(&input.email).map(str::to_lowercase);
    if let Some(m) = &email {
        if !looks_like_email(m) {
            e.push(
                "email",
                "Adresse de courriel invalide : attendu prenom.nom@domaine.fr.",
            );
        }
    }
    let phone = match optional_text(&input.phone) {
        None => None,
        Some(p) => match normalize_phone(p) {
            Some(n) => Some(n),
            None => {
                e.push(
                    "phone",
                    "Numéro de téléphone invalide : attendu 10 chiffres (06 12 34 56 78) ou un numéro international (+33 6 12 34 56 78).",
                );
                None
            }
        },
    };
    let address = bounded_text(&mut e, "address", &input.address, ADDRESS_MAX, "L'adresse");

    let discipline = required_enum(
        &mut e,
        "discipline",
        &input.discipline,
        "la discipline",
        Discipline::from_code,
    );
    let ufr = bounded_text(&mut e, "ufr", &input.ufr, SHORT_TEXT_MAX, "L'UFR");
    let subdivision = bounded_text(
        &mut e,
        "subdivision",
        &input.subdivision,
        SHORT_TEXT_MAX,
        "La subdivision",
    );

    let cycle = optional_enum(&mut e, "cycle", &input.cycle, "le cycle", Cycle::from_code);
    let study_year = optional_int(&mut e, "study_year", &input.study_year, "L'année d'études");
    if let Some(y) = study_year {
        match cycle {
            None if input.cycle.trim().is_empty() => {
                e.push("cycle", "Indiquez le cycle correspondant à l'année d'études.")
            }
            Some(c) if y < 1 || y > i32::from(c.max_year()) => e.push(
                "study_year",
                format!("En {}, l'année d'études va de 1 à {}.", c.label(), c.max_year()),
            ),
            _ => {}
        }
    }

    let ecn_year = optional_int(&mut e, "ecn_year", &input.ecn_year, "L'année ECN/EDN");
    if let Some(y) = ecn_year {
        if y < ECN_FIRST_YEAR || y > today.year() + 1 {
            e.push(
                "ecn_year",
                format!(
                    "L'année ECN/EDN doit être comprise entre {ECN_FIRST_YEAR} et {}.",
                    today.year() + 1
                ),
            );
        }
    }
    let ecn_rank = optional_int(&mut e, "ecn_rank", &input.ecn_rank, "Le rang ECN/EDN");
    if let Some(r) = ecn_rank {
        if !(1..=ECN_MAX_RANK).contains(&r) {
            e.push(
                "ecn_rank",
                format!("Le rang ECN/EDN doit être compris entre 1 et {ECN_MAX_RANK}."),
            );
        } else if ecn_year.is_none() && input.ecn_year.trim().is_empty() {
            e.push("ecn_year", "Indiquez l'année des épreuves (ECN/EDN) de ce rang.");
        }
    }

    let specialty = match (optional_text(&input.specialty), discipline) {
        (None, _) => None,
        (Some(s), Some(d)) => match canonical_specialty(d, s) {
            Some(c) => Some(c.to_owned()),
            None => {
                e.push(
                    "specialty",
                    format!(
                        "« {s} » n'est pas une spécialité connue en {} : choisissez-la dans la liste.",
                        d.label().to_lowercase()
                    ),
                );
                None
            }
        },
        // Without a valid discipline the specialty cannot be checked; the discipline's
        // own message says what to fix.
        (Some(_), None) => None,
    };

    let status = required_enum(&mut e, "status", &input.status, "le statut", Status::from_code);
    let signature_date = optional_date(&mut e, "signature_date", &input.signature_date);
    let regime = signature_date.and_then(Regime::for_signature);
    // A missing signature date is not an error: the file is then listed "à compléter" (see
    // `completeness`), so that an imported register is kept whole.
    if let (Some(_), Some(Status::Candidat)) = (signature_date, status) {
        e.push(
            "signature_date",
            "Un candidat n'a pas encore signé : laissez la date de signature vide ou choisissez un autre statut.",
        );
    }
    if let Some(d) = signature_date {
        if d < first_signature_date() {
            e.push(
                "signature_date",
                format!(
                    "Le CESP n'existe que depuis le {} : vérifiez la date de signature.",
                    format_fr(first_signature_date())
                ),
            );
        } else if d > today {
            e.push("signature_date", "La date de signature est dans le futur.");
        }
    }
    if let (Some(r), Some(d)) = (regime, discipline) {
        if !r.admits(d) {
            e.push(
                "discipline",
                format!(
                    "La {} n'est ouverte au CESP que pour les contrats signés depuis le 16/01/2026.",
                    d.label().to_lowercase()
                ),
            );
        }
    }
    if input.padhue {
        if let Some(r) = regime {
            if !r.admits_padhue() {
                e.push(
                    "padhue",
                    "Les PADHUE ne sont éligibles qu'aux contrats signés depuis le 20/03/2020.",
                );
            }
        }
    }
    let managing_body = optional_enum(
        &mut e,
        "managing_body",
        &input.managing_body,
        "l'organisme gestionnaire",
        ManagingBody::from_code,
    );

    let contract_ref = optional_text(&input.contract_ref).map(str::to_owned);
    if let Some(r) = &contract_ref {
        let ok_chars = r
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/_. ".contains(c));
        if r.chars().count() > 40 || !ok_chars {
            e.push(
                "contract_ref",
                "Référence de contrat invalide : 40 caractères au plus, lettres sans accent, chiffres et - / _ .",
            );
        }
    }
    let notes = input.notes.trim().to_owned();
    if notes.chars().count() > NOTES_MAX {
        e.push("notes", format!("Les notes dépassent {NOTES_MAX} caractères."));
    }

    match (last_name, first_names, discipline, status) {
        (Some(last_name), Some(first_names), Some(discipline), Some(status)) if e.is_empty() => {
            Ok(SignatoryRecord {
                civility,
                last_name,
                birth_name,
                first_names,
                birth_date,
                email,
                phone,
                address,
                discipline,
                padhue: input.padhue,
                ufr,
                subdivision,
                cycle,
                study_year,
                ecn_year,
                ecn_rank,
                specialty,
                signature_date,
                managing_body,
                contract_ref,
                status,
                notes,
            })
        }
        _ => Err(e),
    }
}

fn optional_text(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

pub(crate) fn bounded_text(
    e: &mut ValidationErrors,
    field: &str,
    s: &str,
    max: usize,
    what: &str,
) -> Option<String> {
    let t = optional_text(s)?;
    if t.chars().count() > max {
        e.push(field, format!("{what} dépasse {max} caractères."));
    }
    Some(t.to_owned())
}

/// Names: letters (any script, accents), spaces, hyphens and apostrophes. Inner runs of
/// spaces are collapsed so that "Le  Goff" and "Le Goff" are one person.
fn name(e: &mut ValidationErrors, field: &str, s: &str, required: bool, what: &str) -> Option<String> {
    let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        if required {
            e.push(field, format!("{what} est obligatoire."));
        }
        return None;
    }
    if t.chars().count() > NAME_MAX {
        e.push(field, format!("{what} dépasse {NAME_MAX} caractères."));
        return None;
    }
    let ok =
        t.chars().all(|c| c.is_alphabetic() || " -'’,.".contains(c)) && t.chars().any(char::is_alphabetic);
    if !ok {
        e.push(
            field,
            format!("{what} ne peut contenir que des lettres, des espaces, des traits d'union et des apostrophes."),
        );
        return None;
    }
    Some(t.replace('’', "'"))
}

fn required_enum<T>(
    e: &mut ValidationErrors,
    field: &str,
    s: &str,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    let t = s.trim();
    if t.is_empty() {
        e.push(field, format!("Choisissez {what}."));
        return None;
    }
    let v = parse(t);
    if v.is_none() {
        e.push(field, format!("Valeur inconnue pour {what} : « {t} »."));
    }
    v
}

pub(crate) fn optional_enum<T>(
    e: &mut ValidationErrors,
    field: &str,
    s: &str,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    if s.trim().is_empty() {
        None
    } else {
        required_enum(e, field, s, what, parse)
    }
}

fn optional_int(e: &mut ValidationErrors, field: &str, s: &str, what: &str) -> Option<i32> {
    let t: String = optional_text(s)?
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    match t.parse::<i32>() {
        Ok(n) => Some(n),
        Err(_) => {
            e.push(
                field,
                format!(
                    "{what} doit être un nombre entier (« {} » n'en est pas un).",
                    s.trim()
                ),
            );
            None
        }
    }
}

fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut y = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y
}

pub(crate) fn looks_like_email(m: &str) -> bool {
    if m.len() > 254 || m.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = m.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// French numbers are stored as "06 12 34 56 78"; international ones as typed, without
/// separators ("+4930123456").
pub(crate) fn normalize_phone(p: &str) -> Option<String> {
    let compact: String = p.chars().filter(|c| !" .-()\u{a0}".contains(*c)).collect();
    let national = if let Some(rest) = compact
        .strip_prefix("+33")
        .or_else(|| compact.strip_prefix("0033"))
    {
        Some(format!("0{rest}"))
    } else if compact.starts_with('0') {
        Some(compact.clone())
    } else {
        None
    };
    if let Some(n) = national {
        let ok = n.len() == 10 && n.chars().all(|c| c.is_ascii_digit()) && n.as_bytes()[1] != b'0';
        if !ok {
            return None;
        }
        let pairs: Vec<&str> = (0..5).map(|i| &n[i * 2..i * 2 + 2]).collect();
        return Some(pairs.join(" "));
    }
    let digits = compact.strip_prefix('+')?;
    (digits.len() >= 8 && digits.len() <= 15 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| compact.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn valid() -> SignatoryInput {
        SignatoryInput {
            civility: "Mme".into(),
            last_name: "  Le   Bihan ".into(),
            first_names: "Hélène".into(),
            birth_date: "14/02/2001".into(),
            email: "Helene.LeBihan@Example.org".into(),
            phone: "06.39.98.12.34".into(),
            discipline: "medecine".into(),
            cycle: "troisieme_cycle".into(),
            study_year: "2".into(),
            ecn_year: "2024".into(),
            ecn_rank: "4 512".into(),
            specialty: "medecine generale".into(),
            signature_date: "2024-09-30".into(),
            status: "en_formation".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_form_is_normalised() {
        let r = validate(&valid(), today()).expect("valid");
        assert_eq!(r.last_name, "Le Bihan");
        assert_eq!(r.email.as_deref(), Some("helene.lebihan@example.org"));
        assert_eq!(r.phone.as_deref(), Some("06 39 98 12 34"));
        assert_eq!(r.specialty.as_deref(), Some("Médecine générale"));
        assert_eq!(r.ecn_rank, Some(4512));
        assert_eq!(r.signature_date, NaiveDate::from_ymd_opt(2024, 9, 30));
    }

    /// Each case: a change to a valid form, the field that must be flagged, and a word
    /// the French message must contain.
    #[test]
    fn each_rule_flags_its_field() {
        type Case = (fn(&mut SignatoryInput), &'static str, &'static str);
        let cases: Vec<Case> = vec![
            (|i| i.civility = "Dr".into(), "civility", "inconnue"),
            (|i| i.last_name = " ".into(), "last_name", "obligatoire"),
            (|i| i.last_name = "Dupont3".into(), "last_name", "lettres"),
            (|i| i.first_names = String::new(), "first_names", "obligatoire"),
            (|i| i.birth_name = "x".repeat(81), "birth_name", "80"),
            (|i| i.birth_date = "31/02/2000".into(), "birth_date", "jj/mm/aaaa"),
            (|i| i.birth_date = "01/01/2020".into(), "birth_date", "plausible"),
            (|i| i.birth_date = "01/01/2027".into(), "birth_date", "futur"),
            (|i| i.email = "helene@".into(), "email", "courriel"),
            (|i| i.email = "a b@c.fr".into(), "email", "courriel"),
            (|i| i.phone = "12345".into(), "phone", "téléphone"),
            (|i| i.phone = "00 12 34 56 78".into(), "phone", "téléphone"),
            (|i| i.discipline = String::new(), "discipline", "discipline"),
            (|i| i.study_year = "7".into(), "study_year", "1 à 6"),
            (|i| i.study_year = "deux".into(), "study_year", "entier"),
            (
                |i| {
                    i.cycle = String::new();
                },
                "cycle",
                "cycle",
            ),
            (|i| i.ecn_year = "1999".into(), "ecn_year", "2004"),
            (|i| i.ecn_rank = "0".into(), "ecn_rank", "rang"),
            (|i| i.ecn_year = String::new(), "ecn_year", "rang"),
            (|i| i.specialty = "Astrologie".into(), "specialty", "liste"),
            (
                |i| i.signature_date = "28/06/2010".into(),
                "signature_date",
                "29/06/2010",
            ),
            (
                |i| i.signature_date = "01/12/2026".into(),
                "signature_date",
                "futur",
            ),
            (|i| i.status = "candidat".into(), "signature_date", "candidat"),
            (|i| i.status = "parti".into(), "status", "inconnue"),
            (
                |i| {
                    i.discipline = "pharmacie".into();
                    i.specialty = String::new();
                },
                "discipline",
                "16/01/2026",
            ),
            (
                |i| {
                    i.padhue = true;
                    i.signature_date = "10/10/2019".into();
                },
                "padhue",
                "20/03/2020",
            ),
            (|i| i.managing_body = "ars".into(), "managing_body", "inconnue"),
            (|i| i.contract_ref = "CESP/2024/é".into(), "contract_ref", "40"),
            (|i| i.notes = "x".repeat(20_001), "notes", "20000"),
        ];
        for (change, field, word) in cases {
            let mut input = valid();
            change(&mut input);
            let errs = validate(&input, today()).expect_err(field);
            let msg = errs
                .message(field)
                .unwrap_or_else(|| panic!("{field} not flagged: {errs:?}"));
            assert!(msg.contains(word), "{field}: « {msg} » lacks « {word} »");
        }
    }

    #[test]
    fn all_errors_are_reported_at_once() {
        let errs = validate(&SignatoryInput::default(), today()).unwrap_err();
        for f in ["last_name", "first_names", "discipline", "status"] {
            assert!(errs.message(f).is_some(), "{f} missing in {errs:?}");
        }
    }

    #[test]
    fn pharmacy_and_padhue_are_accepted_under_their_regimes() {
        let mut i = valid();
        i.discipline = "pharmacie".into();
        i.specialty = "pharmacie hospitaliere".into();
        i.signature_date = "16/01/2026".into();
        i.padhue = true;
        let r = validate(&i, today()).expect("2026 regime admits pharmacy and PADHUE");
        assert_eq!(r.specialty.as_deref(), Some("Pharmacie hospitalière"));
    }

    #[test]
    fn a_file_without_civility_nor_signature_date_is_kept_incomplete() {
        let mut i = valid();
        i.civility = String::new();
        i.signature_date = String::new();
        let r = validate(&i, today()).expect("incomplete is not invalid");
        assert_eq!((r.civility, r.signature_date), (None, None));
    }

    #[test]
    fn a_candidate_needs_no_signature_date() {
        let mut i = valid();
        i.status = "candidat".into();
        i.signature_date = String::new();
        assert!(validate(&i, today()).is_ok());
    }

    #[test]
    fn to_input_round_trips_through_validation() {
        let r = validate(&valid(), today()).unwrap();
        let s = Signatory {
            id: 1,
            civility: r.civility,
            last_name: r.last_name.clone(),
            birth_name: r.birth_name.clone(),
            first_names: r.first_names.clone(),
            birth_date: r.birth_date,
            email: r.email.clone(),
            phone: r.phone.clone(),
            address: r.address.clone(),
            discipline: r.discipline,
            padhue: r.padhue,
            ufr: r.ufr.clone(),
            subdivision: r.subdivision.clone(),
            cycle: r.cycle,
            study_year: r.study_year,
            ecn_year: r.ecn_year,
            ecn_rank: r.ecn_rank,
            specialty: r.specialty.clone(),
            signature_date: r.signature_date,
            regime: None,
            managing_body: r.managing_body,
            contract_ref: r.contract_ref.clone(),
            status: r.status,
            notes: r.notes.clone(),
            to_complete: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
        };
        assert_eq!(validate(&s.to_input(), today()).unwrap(), r);
    }
}
