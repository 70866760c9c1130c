//! Application settings (ARS region, first launch) and what the window's header and
//! settings screen show.

use crate::domain::reference::{self, canonical_region};
use crate::domain::signatory::{looks_like_email, normalize_phone};
use crate::domain::{
    ArsValidationRule, Civility, ContractEndKind, Cycle, Decision, Discipline, FormStatus, InterviewMode,
    InterviewReason, ManagingBody, PlaceMode, PracticeMode, PracticeStructure, Regime, Sector, SendChannel,
    Situation, Status, SuspensionReason, ZoneType,
};
use crate::error::{Error, Result, ValidationErrors};
use crate::ledger::Phase;
use crate::store::{settings as kv, Store};
use serde::{Deserialize, Serialize};
use specta::Type;

pub mod keys;
pub mod logo;
pub mod privacy;
pub mod tables;

/// A setting's value read from a file (`cesp settings set KEY --from-file F`): a template,
/// the notice, a table. Its size is bounded before it is read; it is decoded as the import
/// decodes a CSV (a BOM wins, else UTF-8, else Windows-1252, which French Excel writes).
pub fn read_value_file(file: &std::path::Path) -> Result<String> {
    use std::io::Read;
    const MAX: u64 = 64 * 1024;
    let unreadable =
        |e: std::io::Error| Error::BadInput(format!("{} : fichier illisible ({e}).", file.display()));
    let len = std::fs::metadata(file).map_err(unreadable)?.len();
    if len > MAX {
        return Err(Error::BadInput(format!(
            "{} : {len} octets, plus que les {MAX} admis pour un paramètre.",
            file.display()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .map_err(unreadable)?
        .take(MAX)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let text = crate::import::read::decode_text(&bytes);
    if text.contains('\0') {
        return Err(Error::BadInput(format!(
            "{} : ce n'est pas un fichier texte.",
            file.display()
        )));
    }
    Ok(text)
}

const REGION: &str = "region";
const FIRST_LAUNCH_DONE: &str = "first_launch_done";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct SettingsInput {
    pub region: String,
}

/// What the window needs to know about the store it runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    /// The ARS region, "" until set in the settings.
    pub region: String,
    /// True until the user chose demo data or an empty register on the welcome screen.
    pub first_launch: bool,
    pub signatory_count: u32,
}

pub fn app_info(store: &Store) -> Result<AppInfo> {
    let conn = store.read();
    let count = crate::register::count(store)?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        db_path: store.path().display().to_string(),
        region: kv::get(conn, REGION)?.unwrap_or_default(),
        // A register that already holds files (from the CLI, say) is not a first launch.
        first_launch: kv::get(conn, FIRST_LAUNCH_DONE)?.is_none() && count == 0,
        signatory_count: u32::try_from(count).unwrap_or(u32::MAX),
    })
}

pub fn save(store: &mut Store, input: &SettingsInput) -> Result<AppInfo> {
    let region = input.region.trim();
    let canonical = if region.is_empty() {
        String::new()
    } else {
        match canonical_region(region) {
            Some(r) => r.to_owned(),
            None => {
                let mut e = ValidationErrors::default();
                e.push(
                    "region",
                    format!("« {region} » n'est pas une région française : choisissez-la dans la liste."),
                );
                return Err(e.into());
            }
        }
    };
    store.write(|tx| kv::set(tx, REGION, &canonical))?;
    app_info(store)
}

/// Records that the welcome screen has been answered.
pub fn finish_first_launch(store: &mut Store) -> Result<()> {
    store.write(|tx| kv::set(tx, FIRST_LAUNCH_DONE, "1"))
}

const CONTACT_SERVICE: &str = "contact_service";
const CONTACT_REFERENT: &str = "contact_referent";
const CONTACT_ADDRESS: &str = "contact_address";
const CONTACT_EMAIL: &str = "contact_email";
const CONTACT_PHONE: &str = "contact_phone";
const RETURN_DAYS: &str = "followup_return_days";

/// Default number of days a signatory has to return the fiche de suivi.
pub const DEFAULT_RETURN_DAYS: u32 = 30;

/// The agency's contact details printed on the documents it sends (the fiche de suivi
/// says where to return it), and the time given to return the form. Strings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ContactSettings {
    /// The service, e.g. "Suivi des signataires du CESP — Direction de l'offre de soins".
    pub service: String,
    /// The referent's name, as signed on letters.
    pub referent: String,
    /// Postal address, several lines.
    pub address: String,
    pub email: String,
    pub phone: String,
    /// Days given to return the form after it is sent ("30").
    pub return_days: String,
}

impl ContactSettings {
    /// The number of days to return a form (the default when unset or unreadable).
    pub fn return_days(&self) -> u32 {
        self.return_days.trim().parse().unwrap_or(DEFAULT_RETURN_DAYS)
    }
}

/// The contact details as stored, with defaults for what was never set.
pub fn contact(store: &Store) -> Result<ContactSettings> {
    let conn = store.read();
    let get = |k: &str| kv::get(conn, k).map(Option::unwrap_or_default);
    let mut c = ContactSettings {
        service: get(CONTACT_SERVICE)?,
        referent: get(CONTACT_REFERENT)?,
        address: get(CONTACT_ADDRESS)?,
        email: get(CONTACT_EMAIL)?,
        phone: get(CONTACT_PHONE)?,
        return_days: get(RETURN_DAYS)?,
    };
    if c.service.is_empty() {
        c.service = "Suivi des signataires du CESP".to_owned();
    }
    if c.return_days.is_empty() {
        c.return_days = DEFAULT_RETURN_DAYS.to_string();
    }
    Ok(c)
}

/// Validates and stores the contact details in one transaction.
pub fn save_contact(store: &mut Store, input: &ContactSettings) -> Result<ContactSettings> {
    let mut e = ValidationErrors::default();
    let text = |e: &mut ValidationErrors, field: &str, v: &str, max: usize| {
        let t = v.trim().to_owned();
        if t.chars().count() > max {
            e.push(field, format!("Le texte dépasse {max} caractères."));
        }
        t
    };
    let service = text(&mut e, "service", &input.service, 200);
    let referent = text(&mut e, "referent", &input.referent, 120);
    let address = text(&mut e, "address", &input.address, 400);
    // Printed as an address: the postal norm's 6 lines of 38 characters (see
    // `pdf::layout::ADDRESS_WINDOW`), so that it can be copied on a return envelope.
    let window = &crate::pdf::layout::ADDRESS_WINDOW;
    let lines: Vec<&str> = address.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > window.max_lines {
        e.push(
            "address",
            format!(
                "Adresse : {} lignes au plus (norme postale), elle en a {}.",
                window.max_lines,
                lines.len()
            ),
        );
    } else if let Some((i, l)) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.chars().count() > window.max_chars)
    {
        e.push(
            "address",
            format!(
                "Adresse : la ligne {} a {} caractères ; la norme postale en admet {} par ligne.",
                i + 1,
                l.chars().count(),
                window.max_chars
            ),
        );
    }
    let email = input.email.trim().to_lowercase();
    if !email.is_empty() && !looks_like_email(&email) {
        e.push(
            "email",
            "Adresse de courriel invalide : attendu service@ars.sante.fr.",
        );
    }
    let phone = match input.phone.trim() {
        "" => String::new(),
        p => normalize_phone(p).unwrap_or_else(|| {
            e.push(
                "phone",
                "Numéro invalide : attendu 10 chiffres (02 99 00 00 00) ou un numéro international.",
            );
            p.to_owned()
        }),
    };
    let days = input.return_days.trim();
    let return_days = match days.parse::<u32>() {
        Ok(n) if (1..=365).contains(&n) => n.to_string(),
        _ if days.is_empty() => DEFAULT_RETURN_DAYS.to_string(),
        _ => {
            e.push("return_days", "Indiquez un nombre de jours entre 1 et 365.");
            String::new()
        }
    };
    if !e.is_empty() {
        return Err(e.into());
    }
    store.write(|tx| {
        for (k, v) in [
            (CONTACT_SERVICE, &service),
            (CONTACT_REFERENT, &referent),
            (CONTACT_ADDRESS, &address),
            (CONTACT_EMAIL, &email),
            (CONTACT_PHONE, &phone),
            (RETURN_DAYS, &return_days),
        ] {
            kv::set(tx, k, v)?;
        }
        Ok(())
    })?;
    contact(store)
}

/// The region chosen in the settings ("Bretagne"), "" until then.
pub fn region(store: &Store) -> Result<String> {
    Ok(kv::get(store.read(), REGION)?.unwrap_or_default())
}

/// "ARS Bretagne", or "" while the region is not set.
pub fn ars_name(store: &Store) -> Result<String> {
    let region = kv::get(store.read(), REGION)?.unwrap_or_default();
    Ok(if region.is_empty() {
        String::new()
    } else {
        format!("ARS {region}")
    })
}

/// A code and its French label, for the forms' lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Labeled {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SpecialtyRef {
    pub discipline: Discipline,
    pub name: String,
}

/// Every closed list the forms offer, with French labels: the UI never hard-codes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ReferenceLists {
    pub civilities: Vec<Labeled>,
    pub disciplines: Vec<Labeled>,
    pub statuses: Vec<Labeled>,
    pub cycles: Vec<Labeled>,
    pub managing_bodies: Vec<Labeled>,
    pub regimes: Vec<Labeled>,
    pub suspension_reasons: Vec<Labeled>,
    pub contract_end_kinds: Vec<Labeled>,
    pub rupture_phases: Vec<Labeled>,
    pub channels: Vec<Labeled>,
    pub situations: Vec<Labeled>,
    pub practice_modes: Vec<Labeled>,
    pub practice_structures: Vec<Labeled>,
    pub zone_types: Vec<Labeled>,
    pub form_statuses: Vec<Labeled>,
    pub interview_modes: Vec<Labeled>,
    pub interview_reasons: Vec<Labeled>,
    pub place_modes: Vec<Labeled>,
    pub sectors: Vec<Labeled>,
    pub decisions: Vec<Labeled>,
    pub ars_validation_rules: Vec<Labeled>,
    pub regions: Vec<String>,
    pub specialties: Vec<SpecialtyRef>,
}

pub fn reference_lists() -> ReferenceLists {
    fn labeled<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<Labeled> {
        all.iter()
            .map(|v| Labeled {
                value: code(*v).to_owned(),
                label: label(*v).to_owned(),
            })
            .collect()
    }
    ReferenceLists {
        civilities: labeled(Civility::ALL, Civility::code, Civility::label),
        disciplines: labeled(Discipline::ALL, Discipline::code, Discipline::label),
        statuses: labeled(Status::ALL, Status::code, Status::label),
        cycles: labeled(Cycle::ALL, Cycle::code, Cycle::label),
        managing_bodies: labeled(ManagingBody::ALL, ManagingBody::code, ManagingBody::label),
        regimes: labeled(Regime::ALL, Regime::code, Regime::label),
        suspension_reasons: labeled(
            SuspensionReason::ALL,
            SuspensionReason::code,
            SuspensionReason::label,
        ),
        contract_end_kinds: labeled(
            ContractEndKind::ALL,
            ContractEndKind::code,
            ContractEndKind::label,
        ),
        rupture_phases: labeled(Phase::ALL, Phase::code, Phase::label),
        channels: labeled(SendChannel::ALL, SendChannel::code, SendChannel::label),
        situations: labeled(Situation::ALL, Situation::code, Situation::label),
        practice_modes: labeled(PracticeMode::ALL, PracticeMode::code, PracticeMode::label),
        practice_structures: labeled(
            PracticeStructure::ALL,
            PracticeStructure::code,
            PracticeStructure::label,
        ),
        zone_types: labeled(ZoneType::ALL, ZoneType::code, ZoneType::label),
        form_statuses: labeled(FormStatus::ALL, FormStatus::code, FormStatus::label),
        interview_modes: labeled(InterviewMode::ALL, InterviewMode::code, InterviewMode::label),
        interview_reasons: labeled(
            InterviewReason::ALL,
            InterviewReason::code,
            InterviewReason::label,
        ),
        place_modes: labeled(PlaceMode::ALL, PlaceMode::code, PlaceMode::label),
        sectors: labeled(Sector::ALL, Sector::code, Sector::label),
        decisions: labeled(Decision::ALL, Decision::code, Decision::label),
        ars_validation_rules: labeled(
            ArsValidationRule::ALL,
            ArsValidationRule::code,
            ArsValidationRule::label,
        ),
        regions: reference::REGIONS.iter().map(|s| s.to_string()).collect(),
        specialties: Discipline::ALL
            .iter()
            .flat_map(|d| {
                reference::specialties(*d).iter().map(|s| SpecialtyRef {
                    discipline: *d,
                    name: s.to_string(),
                })
            })
            .collect(),
    }
}

/// A library shipped in the application, with its licence (assets/licences.json, generated
/// by scripts/licences.mjs and checked by scripts/test).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Library {
    pub name: String,
    pub version: String,
    pub licence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct Libraries {
    rust: Vec<Library>,
    npm: Vec<Library>,
}

/// "À propos": the version, where the data and the backups are, the licences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct About {
    pub version: String,
    /// The application's own licence (SPDX).
    pub licence: String,
    pub schema_version: u32,
    pub db_path: String,
    pub backups_dir: String,
    /// The font of the PDF documents and its licence text (the interface's font is the
    /// front end's to show).
    pub pdf_font: String,
    pub pdf_font_licence: String,
    /// Rust crates linked into the application.
    pub rust: Vec<Library>,
    /// npm packages bundled into the interface.
    pub npm: Vec<Library>,
}

pub fn about(store: &Store) -> Result<About> {
    let libs: Libraries = serde_json::from_str(include_str!("../assets/licences.json"))
        .map_err(|e| crate::error::Error::Rules(format!("Liste des licences illisible : {e}")))?;
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        schema_version: u32::try_from(store.schema_version()?).unwrap_or(0),
        db_path: store.path().display().to_string(),
        backups_dir: crate::backup::folder(store.path()).display().to_string(),
        pdf_font: "DejaVu Sans".to_owned(),
        pdf_font_licence: include_str!("../assets/fonts/LICENCE-DejaVu.txt").to_owned(),
        rust: libs.rust,
        npm: libs.npm,
    })
}
