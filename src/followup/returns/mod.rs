//! Returned sheets (fiches retournées): a fillable sheet the signatory filled and sent back
//! is read, matched to its file by its signed identification ([`key`]), and its answers are
//! shown beside what the file holds; the referent accepts all, some or none of them, and
//! what is accepted is recorded as the returned form — one transaction per sheet, the file's
//! hash kept so that the same file read again changes nothing, the journal saying it came
//! from a file.
//!
//! The field names are the sheet's ([`crate::pdf::followup`], `docs/formulaire.md`).

pub mod key;
pub mod read;

use super::campaign::AnswersForm;
use super::service::{self, RecordOutcome};
use crate::domain::dates::{format_fr, parse_date};
use crate::domain::{PracticeMode, PracticeStructure, Situation, ZoneType};
use crate::error::{Error, Result};
use crate::store::followup_returns as sql;
use crate::store::{signatories, Store};
use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};
use specta::Type;
use std::collections::BTreeMap;
use std::path::Path;

pub use crate::pdf::followup::KEY_FIELD;

/// The sheet's fields that are answers, with the answer they fill and its label.
const ANSWERS: &[(&str, &str, &str)] = &[
    ("situation", "situation", "Situation"),
    ("etudes_cycle_annee", "study_year", "Année d'études"),
    ("etudes_specialite", "specialty", "Spécialité"),
    ("etudes_subdivision", "subdivision", "Subdivision"),
    ("etudes_des_prevu", "expected_des_date", "DES prévu le"),
    ("etudes_these_prevue", "expected_thesis_date", "Thèse prévue le"),
    ("identite_courriel", "email", "Courriel"),
    ("identite_telephone", "phone", "Téléphone"),
    ("identite_adresse", "address", "Adresse postale"),
    ("projet_mode", "project_mode", "Mode d'exercice envisagé"),
    ("projet_structure", "project_structure", "Structure envisagée"),
    ("projet_zone", "project_zone", "Zone envisagée"),
    ("projet_lieu", "project_place", "Lieu envisagé"),
    ("projet_date", "project_date", "Installation envisagée le"),
    ("aides", "other_aids", "Autres aides"),
    ("observations", "comments", "Observations"),
    ("signature_date", "signature_date", "Signée le"),
];

/// Fields with no answer of their own: written into the observations, with their label,
/// when the signatory filled them.
const NOTES: &[(&str, &str)] = &[
    ("suspension_motif", "Motif de la suspension"),
    ("suspension_depuis", "Suspension depuis le"),
    ("suspension_fin_prevue", "Fin de suspension prévue le"),
    ("suspension_reprise", "Reprise effective le"),
    ("suspension_prevue", "Suspension prévue"),
    ("exercice_lieux", "Lieu(x) d'exercice"),
    ("exercice_inchange", "Lieu(x) inchangé(s)"),
    ("exercice_temps", "Temps de travail"),
    ("exercice_changements", "Changements prévus"),
    ("signature_lieu", "Fait à"),
];

/// One answer of a returned sheet beside the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ReturnedField {
    /// The answer's key in the form (`email`, `situation`…): what the referent accepts.
    pub key: String,
    pub label: String,
    /// What the file holds (the form recorded, or the file and last year's project).
    pub in_file: String,
    pub on_sheet: String,
    pub changed: bool,
}

/// A returned file, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ReturnedSheet {
    pub path: String,
    pub file_name: String,
    /// The file it belongs to; `None` when the sheet is refused.
    pub signatory_id: Option<i32>,
    /// "LEFÈVRE Hélène".
    pub name: String,
    pub year: i32,
    /// Why it cannot be recorded, in French ("" when it can).
    pub refused: String,
    /// A PDF without fields (a scan): the answers are typed by hand.
    pub scanned: bool,
    /// The same file was already recorded, on that day (jj/mm/aaaa): nothing to do.
    pub already_read: Option<String>,
    pub fields: Vec<ReturnedField>,
}

impl ReturnedSheet {
    fn refused(path: &Path, message: String) -> ReturnedSheet {
        ReturnedSheet {
            path: path.display().to_string(),
            file_name: file_name(path),
            signatory_id: None,
            name: String::new(),
            year: 0,
            refused: message,
            scanned: false,
            already_read: None,
            fields: Vec::new(),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What was read and matched, before it is shown or recorded.
struct Matched {
    sheet: ReturnedSheet,
    id: i64,
    sha256: String,
    proposed: AnswersForm,
    current: AnswersForm,
}

/// Reads the returned sheet at `path` (for the campaign of `year`, when given). A file that
/// cannot be recorded is not an error: the result says why, by name.
pub fn read_file(store: &Store, path: &Path, year: Option<i32>, today: NaiveDate) -> Result<ReturnedSheet> {
    Ok(match matched(store, path, year, today)? {
        Ok(m) => m.sheet,
        Err(refused) => refused,
    })
}

/// Records the answers `accepted` (keys of [`ReturnedField`]) of the sheet at `path`, as
/// the form returned on `received`; the others keep what the file holds.
pub fn accept(
    store: &mut Store,
    path: &Path,
    year: Option<i32>,
    accepted: &[String],
    received: &str,
    today: NaiveDate,
) -> Result<RecordOutcome> {
    let m = match matched(store, path, year, today)? {
        Ok(m) => m,
        Err(refused) => {
            return Err(Error::Rules(format!(
                "{} : {}",
                refused.file_name, refused.refused
            )));
        }
    };
    if let Some(day) = &m.sheet.already_read {
        return Err(Error::Rules(format!(
            "{} : cette fiche a déjà été enregistrée le {day} ; rien n'a changé.",
            m.sheet.file_name
        )));
    }
    let mut form = m.current.clone();
    for key in accepted {
        if let (Some(to), Some(from)) = (slot(&mut form, key), get(&m.proposed, key)) {
            *to = from;
        }
    }
    // Received today unless the referent says otherwise.
    form.received_date = match received.trim() {
        "" => format_fr(today),
        day => day.to_owned(),
    };
    form.missing_note = String::new();
    let (id, year, sha) = (m.id, m.sheet.year, m.sha256.clone());
    service::record_answers_with(store, id, year, &form, today, |tx, now| {
        sql::insert(tx, id, year, &sha, now)
    })
}

fn matched(
    store: &Store,
    path: &Path,
    year: Option<i32>,
    today: NaiveDate,
) -> Result<std::result::Result<Matched, ReturnedSheet>> {
    let refuse = |m: String| Ok(Err(ReturnedSheet::refused(path, m)));
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return refuse(format!("fichier illisible ({e})")),
    };
    if len > read::MAX_BYTES {
        return refuse(read::ReadError::TooLarge(len).message());
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return refuse(format!("fichier illisible ({e})")),
    };
    let sha256 = hex(&Sha256::digest(&bytes));
    let fields = match read::fields(bytes) {
        Ok(f) => f,
        Err(read::ReadError::NoFields) => {
            let mut r = ReturnedSheet::refused(path, read::ReadError::NoFields.message());
            r.scanned = true;
            return Ok(Err(r));
        }
        Err(e) => return refuse(e.message()),
    };
    let Some(id_text) = fields.get(KEY_FIELD) else {
        return refuse(
            "ce PDF a des champs, mais ce n'est pas une fiche de suivi envoyée par Suivi CESP".to_owned(),
        );
    };
    let key = key::RegisterKey::read(store)?;
    let sheet_id = match key.verify(id_text) {
        Ok(s) => s,
        Err(key::KeyError::Unreadable) => {
            return refuse("l'identification de la fiche est illisible".to_owned());
        }
        Err(key::KeyError::OtherRegister(r)) => {
            return refuse(format!(
                "cette fiche a été envoyée par un autre registre (n° {r}), pas par celui-ci"
            ));
        }
        Err(key::KeyError::Tampered) => {
            return refuse(
                "l'identification de la fiche a été modifiée après son envoi : elle n'est pas lue".to_owned(),
            );
        }
    };
    if let Some(y) = year.filter(|y| *y != sheet_id.year) {
        return refuse(format!(
            "c'est la fiche de la campagne {}, pas de la campagne {y}",
            sheet_id.year
        ));
    }
    let id = sheet_id.signatory_id;
    let Some(person) = signatories::get(store.read(), id)? else {
        return refuse(format!(
            "le dossier n° {id} de cette fiche n'existe plus dans le registre"
        ));
    };
    // The form as recorded (or, before, the file and last year's project); the details the
    // file itself keeps (contact, year, specialty) as the file has them today.
    let mut current = service::form(store, id, sheet_id.year)?.answers;
    let file = service::file_answers(store, id, sheet_id.year)?;
    for key in super::campaign::FILE_FIELDS {
        if let (Some(to), Some(from)) = (slot(&mut current, key), get(&file, key)) {
            *to = from;
        }
    }
    // What the sheet printed of a suspension, not to be repeated as news.
    let printed = super::print::variant(store, id, &person, sheet_id.year, today).ok();
    let proposed = proposed(&fields, &current, printed.as_ref());
    let rows = compare(&current, &proposed);
    let already_read = sql::read_on(store.read(), &sha256)?.map(format_fr);
    Ok(Ok(Matched {
        sheet: ReturnedSheet {
            path: path.display().to_string(),
            file_name: file_name(path),
            signatory_id: i32::try_from(id).ok(),
            name: format!("{} {}", person.last_name.to_uppercase(), person.first_names),
            year: sheet_id.year,
            refused: String::new(),
            scanned: false,
            already_read,
            fields: rows,
        },
        id,
        sha256,
        proposed,
        current,
    }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The answers the sheet gives: a field left as printed keeps the file's value.
fn proposed(
    fields: &BTreeMap<String, String>,
    current: &AnswersForm,
    printed: Option<&crate::pdf::SheetVariant>,
) -> AnswersForm {
    let mut out = current.clone();
    let field = |name: &str| {
        fields
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty() && v != "Off")
    };
    for (name, key, _) in ANSWERS {
        let Some(v) = field(name) else { continue };
        let v = match *key {
            "study_year" => match study_year(&v) {
                Some(y) => y.to_string(),
                None => continue,
            },
            _ => v,
        };
        if let Some(slot) = slot(&mut out, key) {
            *slot = v;
        }
    }
    // What has no answer of its own goes to the observations, with its label; the
    // suspension the agency printed is not repeated.
    let printed_value = |name: &str| -> String {
        let Some(p) = printed else { return String::new() };
        match (p, name) {
            (crate::pdf::SheetVariant::Suspended(f), "suspension_motif") => f.reason.clone(),
            (crate::pdf::SheetVariant::Suspended(f), "suspension_depuis") => f.since.clone(),
            (crate::pdf::SheetVariant::Suspended(f), "suspension_fin_prevue") => f.until.clone(),
            _ => String::new(),
        }
    };
    let mut notes: Vec<String> = Vec::new();
    if let Some(v) = field("etudes_cycle_annee").filter(|v| study_year(v).is_none()) {
        notes.push(format!("Cycle et année : {v}"));
    }
    for (name, label) in NOTES {
        if let Some(v) = field(name) {
            if v != printed_value(name).trim() {
                notes.push(format!("{label} : {}", note_value(name, &v)));
            }
        }
    }
    if !notes.is_empty() {
        let comments = field("observations").unwrap_or_default();
        out.comments = std::iter::once(comments)
            .filter(|c| !c.is_empty())
            .chain(notes)
            .collect::<Vec<_>>()
            .join("\n");
    }
    out
}

/// A radio's export value as the sheet printed it.
fn note_value(name: &str, v: &str) -> String {
    match (name, v) {
        ("exercice_inchange", "oui") => "oui".to_owned(),
        ("exercice_inchange", "non") => "non".to_owned(),
        ("exercice_temps", "plein") => "temps plein".to_owned(),
        ("exercice_temps", "partiel") => "temps partiel".to_owned(),
        _ => v.to_owned(),
    }
}

/// "3e cycle (internat), 2e année" → 2; "4" → 4.
fn study_year(text: &str) -> Option<i32> {
    let lower = text.to_lowercase();
    let before_annee = lower.find("année").map_or(lower.as_str(), |i| &lower[..i]);
    let digits: Vec<i32> = before_annee
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|d| d.parse().ok())
        .collect();
    digits.last().copied().filter(|y| (1..=12).contains(y))
}

fn slot<'a>(a: &'a mut AnswersForm, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "situation" => &mut a.situation,
        "study_year" => &mut a.study_year,
        "specialty" => &mut a.specialty,
        "subdivision" => &mut a.subdivision,
        "email" => &mut a.email,
        "phone" => &mut a.phone,
        "address" => &mut a.address,
        "project_mode" => &mut a.project_mode,
        "project_structure" => &mut a.project_structure,
        "project_zone" => &mut a.project_zone,
        "project_place" => &mut a.project_place,
        "project_date" => &mut a.project_date,
        "expected_des_date" => &mut a.expected_des_date,
        "expected_thesis_date" => &mut a.expected_thesis_date,
        "other_aids" => &mut a.other_aids,
        "comments" => &mut a.comments,
        "signature_date" => &mut a.signature_date,
        _ => return None,
    })
}

fn get(a: &AnswersForm, key: &str) -> Option<String> {
    let mut copy = a.clone();
    slot(&mut copy, key).map(|v| v.clone())
}

/// How an answer reads: the label of a code, a date as typed.
fn shown(key: &str, v: &str) -> String {
    let label = match key {
        "situation" => Situation::from_code(v).map(|s| s.label()),
        "project_mode" => PracticeMode::from_code(v).map(|s| s.label()),
        "project_structure" => PracticeStructure::from_code(v).map(|s| s.label()),
        "project_zone" => ZoneType::from_code(v).map(|s| s.label()),
        _ => None,
    };
    label.map_or_else(|| v.to_owned(), str::to_owned)
}

fn compare(current: &AnswersForm, proposed: &AnswersForm) -> Vec<ReturnedField> {
    let mut seen = Vec::new();
    ANSWERS
        .iter()
        .filter(|(_, key, _)| {
            let first = !seen.contains(key);
            seen.push(*key);
            first
        })
        .map(|(_, key, label)| {
            let before = get(current, key).unwrap_or_default();
            let after = get(proposed, key).unwrap_or_default();
            let same = before.trim() == after.trim()
                || (key.ends_with("date")
                    && parse_date(&before).is_some()
                    && parse_date(&before) == parse_date(&after));
            ReturnedField {
                key: (*key).to_owned(),
                label: (*label).to_owned(),
                in_file: shown(key, &before),
                on_sheet: shown(key, &after),
                changed: !same,
            }
        })
        .collect()
}
