//! Installation: the *déclaration de choix du lieu d'exercice* (domain.md §5, seed 004), its
//! places (multi-site practice, each with its zone in the zonage in force at the declaration
//! date), the documents received, the history of the places, and what the referent must check.
//!
//! Recording a declaration makes the signatory *installé* and, when the contract ledger has no
//! practice start yet, gives it the declaration's: the commitment end then appears in the
//! "Contrat et allocation" tab.

pub mod flags;

use crate::domain::dates::{format_fr, optional_date, parse_date};
use crate::domain::{PlaceMode, PracticeStructure, Sector, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::installation::{self as sql, DeclarationRow, PlaceRow};
use crate::store::{ledger as ledger_sql, now_stamp, settings as kv, signatories, Store};
use chrono::NaiveDate;
pub use flags::{InstallationSettings, PlaceFacts, PlaceZone};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::str::FromStr;

const FULL_TIME_KEY: &str = "installation.full_time_half_days";
const REPLACEMENT_KEY: &str = "installation.max_replacement_months";
const MAX_PLACES: usize = 10;

/// One place of the form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlaceForm {
    pub address: String,
    /// The commune's code INSEE (chosen from the zonage by autocomplete).
    pub insee: String,
    /// The commune's name: taken from the zonage; typed only for a commune absent from it.
    pub commune: String,
    /// A code of [`PlaceMode`].
    pub mode: String,
    /// A code of [`Sector`], for liberal and mixed practice.
    pub sector: String,
    /// A code of [`PracticeStructure`] (not "indecis").
    pub structure: String,
    /// Half-days a week ("9", "8,5").
    pub half_days: String,
    /// jj/mm/aaaa; default: the practice start.
    pub start_date: String,
    /// jj/mm/aaaa or "" while the signatory practises there.
    pub end_date: String,
}

/// The declaration form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DeclarationForm {
    pub declaration_date: String,
    pub practice_start: String,
    /// Date the DES certificate was received.
    pub des_certificate_date: String,
    /// Date the work contract(s) were received.
    pub contracts_date: String,
    pub notes: String,
    pub places: Vec<PlaceForm>,
}

/// One place as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PlaceView {
    pub address: String,
    pub insee: String,
    pub commune: String,
    pub department: String,
    pub zone: PlaceZone,
    pub zone_label: String,
    pub mode_label: String,
    pub sector_label: String,
    pub structure_label: String,
    pub half_days: String,
    pub start_date: String,
    pub end_date: String,
    /// Practised there on the day the tab was read.
    pub current: bool,
}

/// One declaration as shown, with its form to edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DeclarationView {
    pub id: i32,
    pub declaration_date: String,
    pub practice_start: String,
    pub des_certificate_date: String,
    pub contracts_date: String,
    pub notes: String,
    pub places: Vec<PlaceView>,
    pub form: DeclarationForm,
}

/// A signatory practising in the same commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Neighbour {
    pub signatory_id: i32,
    pub name: String,
    /// jj/mm/aaaa of their first declaration there.
    pub declaration_date: String,
    /// This signatory.
    pub is_self: bool,
}

/// Several signatories in one commune: shown together, oldest project first (seed 001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SameCommune {
    pub commune: String,
    pub insee: String,
    pub signatories: Vec<Neighbour>,
}

/// The "Installation" tab of a signatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct InstallationTab {
    pub declarations: Vec<DeclarationView>,
    /// What the referent must check (French sentences).
    pub flags: Vec<String>,
    pub same_commune: Vec<SameCommune>,
}

fn fr_opt(d: Option<NaiveDate>) -> String {
    d.map(format_fr).unwrap_or_default()
}

/// The regional settings of the checks (defaults: 8 half-days, 12 months of replacement).
pub fn settings(store: &Store) -> Result<InstallationSettings> {
    settings_in(store.read())
}

fn settings_in(conn: &rusqlite::Connection) -> Result<InstallationSettings> {
    let mut s = InstallationSettings::default();
    if let Some(v) = kv::get(conn, FULL_TIME_KEY)?.and_then(|v| Decimal::from_str(&v).ok()) {
        s.full_time_half_days = v;
    }
    if let Some(v) = kv::get(conn, REPLACEMENT_KEY)?.and_then(|v| v.parse().ok()) {
        s.max_replacement_months = v;
    }
    Ok(s)
}

/// The settings as the form shows them ("8,5").
pub fn settings_form(store: &Store) -> Result<InstallationSettingsForm> {
    let s = settings(store)?;
    Ok(InstallationSettingsForm {
        full_time_half_days: flags::decimal_fr(s.full_time_half_days),
        max_replacement_months: s.max_replacement_months.to_string(),
    })
}

/// The settings form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct InstallationSettingsForm {
    pub full_time_half_days: String,
    pub max_replacement_months: String,
}

/// Saves the regional settings of the checks.
pub fn save_settings(store: &mut Store, form: &InstallationSettingsForm) -> Result<InstallationSettings> {
    let mut e = ValidationErrors::default();
    let full = half_days(&form.full_time_half_days);
    if full.is_none_or(|d| d < Decimal::ONE || d > Decimal::from(14)) {
        e.push(
            "full_time_half_days",
            "Indiquez le temps plein en demi-journées par semaine, entre 1 et 14 (par exemple 8 ou 8,5).",
        );
    }
    let months = form
        .max_replacement_months
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| *m <= 120);
    if months.is_none() {
        e.push(
            "max_replacement_months",
            "Indiquez une durée en mois, nombre entier de 0 à 120 (par exemple 12).",
        );
    }
    // A value read but out of range is refused too, not only one that cannot be read.
    let (Some(full), Some(months), true) = (full, months, e.is_empty()) else {
        return Err(e.into());
    };
    store.write(|tx| {
        kv::set(tx, FULL_TIME_KEY, &full.normalize().to_string())?;
        kv::set(tx, REPLACEMENT_KEY, &months.to_string())
    })?;
    settings(store)
}

/// "8,5" or "8.5" → 8.5; at most one decimal, ≥ 0.
fn half_days(text: &str) -> Option<Decimal> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() || t.len() > 5 || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let d = Decimal::from_str(&t).ok()?;
    (d.scale() <= 1 && !d.is_sign_negative()).then_some(d)
}

fn place_view(p: &PlaceRow, today: NaiveDate) -> PlaceView {
    PlaceView {
        address: p.address.clone(),
        insee: p.insee.clone(),
        commune: p.commune.clone(),
        department: p.department.clone(),
        zone: p.zone,
        zone_label: p.zone.label().to_owned(),
        mode_label: p.mode.label().to_owned(),
        sector_label: p.sector.map(|s| s.label().to_owned()).unwrap_or_default(),
        structure_label: p.structure.label().to_owned(),
        half_days: p.half_days.replace('.', ","),
        start_date: format_fr(p.start),
        end_date: fr_opt(p.end),
        current: p.start <= today && p.end.is_none_or(|e| e >= today),
    }
}

fn declaration_view(d: &DeclarationRow, today: NaiveDate) -> DeclarationView {
    DeclarationView {
        id: i32::try_from(d.id).unwrap_or(i32::MAX),
        declaration_date: format_fr(d.declaration_date),
        practice_start: format_fr(d.practice_start),
        des_certificate_date: fr_opt(d.des_certificate_date),
        contracts_date: fr_opt(d.contracts_date),
        notes: d.notes.clone(),
        places: d.places.iter().map(|p| place_view(p, today)).collect(),
        form: DeclarationForm {
            declaration_date: format_fr(d.declaration_date),
            practice_start: format_fr(d.practice_start),
            des_certificate_date: fr_opt(d.des_certificate_date),
            contracts_date: fr_opt(d.contracts_date),
            notes: d.notes.clone(),
            places: d
                .places
                .iter()
                .map(|p| PlaceForm {
                    address: p.address.clone(),
                    insee: p.insee.clone(),
                    commune: p.commune.clone(),
                    mode: p.mode.code().to_owned(),
                    sector: p.sector.map(|s| s.code().to_owned()).unwrap_or_default(),
                    structure: p.structure.code().to_owned(),
                    half_days: p.half_days.replace('.', ","),
                    start_date: format_fr(p.start),
                    end_date: fr_opt(p.end),
                })
                .collect(),
        },
    }
}

/// The "Installation" tab of signatory `id` on `today`.
pub fn tab(store: &Store, id: i64, today: NaiveDate) -> Result<InstallationTab> {
    let conn = store.read();
    let s = signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
    let declarations = sql::of_signatory(conn, id)?;
    let ledger = ledger_sql::get(conn, id)?.unwrap_or_default();
    let settings = settings_in(conn)?;
    let places: Vec<PlaceFacts> = declarations
        .iter()
        .flat_map(|d| d.places.iter())
        .map(|p| PlaceFacts {
            commune: p.commune.clone(),
            insee: p.insee.clone(),
            zone: p.zone,
            mode: p.mode,
            sector: p.sector,
            half_days: Decimal::from_str(&p.half_days).unwrap_or_default(),
            start: p.start,
            end: p.end,
        })
        .collect();
    let practice_start = declarations.iter().map(|d| d.practice_start).min();
    let mut flags = if declarations.is_empty() {
        Vec::new()
    } else {
        flags::place_flags(&places, practice_start, ledger.diploma_date, &settings, today)
    };

    // Others in the same communes, with this signatory, oldest declaration first.
    let mut same_commune = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for d in &declarations {
        for p in d
            .places
            .iter()
            .filter(|p| p.start <= today && p.end.is_none_or(|e| e >= today))
        {
            if !seen.insert(p.insee.clone()) {
                continue;
            }
            let others = sql::neighbours(conn, id, &p.insee, today)?;
            if others.is_empty() {
                continue;
            }
            let mut list: Vec<(NaiveDate, Neighbour)> = others
                .into_iter()
                .map(|o| {
                    (
                        o.declaration_date,
                        Neighbour {
                            signatory_id: i32::try_from(o.signatory_id).unwrap_or(i32::MAX),
                            name: format!("{} {}", o.last_name.to_uppercase(), o.first_names),
                            declaration_date: format_fr(o.declaration_date),
                            is_self: false,
                        },
                    )
                })
                .collect();
            list.push((
                d.declaration_date,
                Neighbour {
                    signatory_id: i32::try_from(id).unwrap_or(i32::MAX),
                    name: format!("{} {}", s.last_name.to_uppercase(), s.first_names),
                    declaration_date: format_fr(d.declaration_date),
                    is_self: true,
                },
            ));
            list.sort_by_key(|(date, n)| (*date, n.signatory_id));
            flags.push(format!(
                "{} signataires déclarés à {} ({}) : priorité au projet le plus ancien, {} (déclaration du {}).",
                list.len(),
                p.commune,
                p.insee,
                list[0].1.name,
                list[0].1.declaration_date
            ));
            same_commune.push(SameCommune {
                commune: p.commune.clone(),
                insee: p.insee.clone(),
                signatories: list.into_iter().map(|(_, n)| n).collect(),
            });
        }
    }
    Ok(InstallationTab {
        declarations: declarations.iter().map(|d| declaration_view(d, today)).collect(),
        flags,
        same_commune,
    })
}

/// Validates a declaration and finds each place's zone in the zonage in force at its date.
fn validate(conn: &rusqlite::Connection, form: &DeclarationForm) -> Result<DeclarationRow> {
    let mut e = ValidationErrors::default();
    let required = |e: &mut ValidationErrors, field: &str, text: &str, what: &str| -> Option<NaiveDate> {
        let t = text.trim();
        if t.is_empty() {
            e.push(field, format!("Indiquez {what} (jj/mm/aaaa)."));
            return None;
        }
        let d = parse_date(t);
        if d.is_none() {
            e.push(
                field,
                format!("Date invalide « {t} » : attendu jj/mm/aaaa, par exemple 01/11/2026."),
            );
        }
        d
    };
    let declaration_date = required(
        &mut e,
        "declaration_date",
        &form.declaration_date,
        "la date de la déclaration",
    );
    let practice_start = required(
        &mut e,
        "practice_start",
        &form.practice_start,
        "le début d'exercice",
    );
    let des_certificate_date = optional_date(&mut e, "des_certificate_date", &form.des_certificate_date);
    let contracts_date = optional_date(&mut e, "contracts_date", &form.contracts_date);
    if form.notes.chars().count() > 5_000 {
        e.push("notes", "5 000 caractères au plus.");
    }
    let filled: Vec<(usize, &PlaceForm)> = form
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !(p.insee.trim().is_empty() && p.commune.trim().is_empty() && p.address.trim().is_empty())
        })
        .collect();
    if filled.is_empty() {
        e.push("places", "Indiquez au moins un lieu d'exercice (commune).");
    }
    if filled.len() > MAX_PLACES {
        e.push("places", format!("{MAX_PLACES} lieux au plus par déclaration."));
    }
    let zonage = match declaration_date {
        Some(d) => crate::zonage::version_in_force(conn, d)?,
        None => None,
    };
    let mut places = Vec::new();
    for (i, p) in filled {
        let f = |name: &str| format!("places.{i}.{name}");
        let insee = crate::zonage::parse::insee_code(&crate::import::Cell::Text(p.insee.clone()));
        let insee = match insee {
            Ok(code) => Some(code),
            Err(expected) => {
                e.push(
                    &f("insee"),
                    format!("Code INSEE invalide « {} » : attendu {expected}.", p.insee.trim()),
                );
                None
            }
        };
        let found = match (&insee, zonage) {
            (Some(code), Some((version, _))) => crate::store::zonage::commune_by_insee(conn, version, code)?,
            _ => None,
        };
        let commune = match &found {
            Some(c) => c.name.clone(),
            None => p.commune.trim().to_owned(),
        };
        if insee.is_some() && commune.is_empty() {
            e.push(
                &f("commune"),
                "Cette commune n'est pas dans le zonage en vigueur à la date de la déclaration : indiquez son nom.",
            );
        }
        let mode = PlaceMode::from_code(p.mode.trim());
        if mode.is_none() {
            e.push(&f("mode"), "Choisissez le mode d'exercice.");
        }
        let sector = match p.sector.trim() {
            "" => None,
            code => {
                let s = Sector::from_code(code);
                if s.is_none() {
                    e.push(&f("sector"), "Choisissez le secteur de conventionnement.");
                }
                s
            }
        };
        let structure =
            PracticeStructure::from_code(p.structure.trim()).filter(|s| *s != PracticeStructure::Indecis);
        if structure.is_none() {
            e.push(&f("structure"), "Choisissez la structure d'exercice.");
        }
        let half = half_days(&p.half_days).filter(|d| *d > Decimal::ZERO && *d <= Decimal::from(14));
        if half.is_none() {
            e.push(
                &f("half_days"),
                "Indiquez le nombre de demi-journées par semaine, de 0,5 à 14 (par exemple 9 ou 8,5).",
            );
        }
        let start = match p.start_date.trim() {
            "" => practice_start,
            _ => optional_date(&mut e, &f("start_date"), &p.start_date),
        };
        let end = optional_date(&mut e, &f("end_date"), &p.end_date);
        if let (Some(s), Some(en)) = (start, end) {
            if en < s {
                e.push(&f("end_date"), "La fin précède le début dans ce lieu.");
            }
        }
        if let (Some(s), Some(ps)) = (start, practice_start) {
            if s < ps {
                e.push(
                    &f("start_date"),
                    "Le début dans ce lieu précède le début d'exercice.",
                );
            }
        }
        if p.address.chars().count() > 300 {
            e.push(&f("address"), "300 caractères au plus.");
        }
        if let (Some(insee), Some(mode), Some(structure), Some(half), Some(start)) =
            (insee, mode, structure, half, start)
        {
            places.push(PlaceRow {
                address: p.address.trim().to_owned(),
                department: found
                    .as_ref()
                    .map(|c| c.department.clone())
                    .unwrap_or_else(|| crate::zonage::parse::department_of(&insee)),
                zone: found.as_ref().map_or(PlaceZone::Inconnue, |c| c.zone.into()),
                zonage_version: found.as_ref().map(|c| c.version_id),
                insee,
                commune,
                mode,
                sector: if matches!(
                    mode,
                    PlaceMode::Liberal | PlaceMode::Mixte | PlaceMode::Remplacement
                ) {
                    sector
                } else {
                    None
                },
                structure,
                half_days: half.normalize().to_string(),
                start,
                end,
            });
        }
    }
    match (e.is_empty(), declaration_date, practice_start) {
        (true, Some(declaration_date), Some(practice_start)) => Ok(DeclarationRow {
            id: 0,
            signatory_id: 0,
            declaration_date,
            practice_start,
            des_certificate_date,
            contracts_date,
            notes: form.notes.trim().to_owned(),
            places,
        }),
        _ => Err(e.into()),
    }
}

/// Records a new declaration (`declaration_id` = None) or corrects one, in one transaction:
/// the declaration and its places, the status *installé*, and the ledger's practice start when
/// it has none (or had this declaration's).
pub fn save(
    store: &mut Store,
    id: i64,
    declaration_id: Option<i64>,
    form: &DeclarationForm,
    today: NaiveDate,
) -> Result<InstallationTab> {
    let now = now_stamp();
    store.write(|tx| {
        let s = signatories::get(tx, id)?.ok_or(Error::SignatoryNotFound(id))?;
        if matches!(
            s.status,
            Status::Candidat | Status::Rompu | Status::Resilie | Status::DecedeOuInaptitude
        ) {
            return Err(Error::Rules(format!(
                "Le statut de ce signataire est « {} » : une déclaration d'installation ne peut pas être enregistrée.",
                s.status.label()
            )));
        }
        let mut row = validate(tx, form)?;
        row.signatory_id = id;
        let previous_start = match declaration_id {
            None => {
                sql::insert(tx, &row, &now)?;
                None
            }
            Some(did) => {
                let before = sql::of_signatory(tx, id)?
                    .into_iter()
                    .find(|d| d.id == did)
                    .map(|d| d.practice_start);
                row.id = did;
                if !sql::update(tx, &row, &now)? {
                    return Err(Error::Rules(format!(
                        "La déclaration n° {did} n'existe pas (ou plus) pour ce signataire."
                    )));
                }
                before
            }
        };
        // The commitment starts with the first declared practice.
        let mut ledger = ledger_sql::get(tx, id)?.unwrap_or_default();
        let first = sql::of_signatory(tx, id)?.iter().map(|d| d.practice_start).min();
        if ledger.practice_start.is_none() || ledger.practice_start == previous_start {
            if let Some(start) = first {
                // The contract's rules hold for a practice start that comes from here too.
                crate::ledger::service::check_practice_start(tx, id, start)?;
            }
            ledger.practice_start = first;
            ledger_sql::upsert_dates(tx, id, &ledger, &now)?;
        }
        if s.status != Status::Installe && s.status != Status::EngagementTermine {
            signatories::set_status(tx, id, Status::Installe, &now)?;
        }
        Ok(())
    })?;
    tab(store, id, today)
}

/// Deletes a declaration recorded by mistake (the status and the ledger are left as they are).
pub fn delete(store: &mut Store, id: i64, declaration_id: i64, today: NaiveDate) -> Result<InstallationTab> {
    if !store.write(|tx| sql::delete(tx, id, declaration_id))? {
        return Err(Error::Rules(format!(
            "La déclaration n° {declaration_id} n'existe pas (ou plus) pour ce signataire."
        )));
    }
    tab(store, id, today)
}
