//! Application settings (ARS region, first launch) and what the window's header and
//! settings screen show.

use crate::domain::reference::{self, canonical_region};
use crate::domain::{
    Civility, ContractEndKind, Cycle, Discipline, ManagingBody, Regime, Status, SuspensionReason,
};
use crate::error::{Result, ValidationErrors};
use crate::ledger::Phase;
use crate::store::{settings as kv, Store};
use serde::{Deserialize, Serialize};
use specta::Type;

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
