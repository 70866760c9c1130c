//! The calendar of a campaign (seed 004): information in October and November, files by a
//! deadline in December, the commission in January (the lists are due before 15 January
//! since 2020), contracts signed from February and returned within 30 days. Settings, with
//! those defaults; the commission's recorded sitting date overrides the default.

use crate::domain::ArsValidationRule;
use crate::error::{Result, ValidationErrors};
use crate::store::{settings as kv, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// A day of the year (day, month).
type Day = (u32, u32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSettings {
    /// Files due at the UFR, in the autumn of the campaign year.
    pub deadline: Day,
    /// The commission sits, in January of the next year.
    pub commission: Day,
    /// Contracts signed from, next year.
    pub signatures: Day,
    /// The lists are due at the ministry before, next year.
    pub lists_before: Day,
    pub contract_return_days: u32,
    pub ars_validation: ArsValidationRule,
}

/// The dates of one campaign.
pub struct CampaignDates {
    pub deadline: NaiveDate,
    pub commission: NaiveDate,
    pub signatures: NaiveDate,
    pub lists_before: NaiveDate,
}

fn day(year: i32, (d, m): Day) -> NaiveDate {
    // Validated on save; 29 February in a common year falls back to the 28th.
    NaiveDate::from_ymd_opt(year, m, d)
        .or_else(|| NaiveDate::from_ymd_opt(year, m, d.saturating_sub(1)))
        .unwrap_or(NaiveDate::MIN)
}

impl CampaignSettings {
    pub fn dates(&self, year: i32) -> CampaignDates {
        CampaignDates {
            deadline: day(year, self.deadline),
            commission: day(year + 1, self.commission),
            signatures: day(year + 1, self.signatures),
            lists_before: day(year + 1, self.lists_before),
        }
    }
}

/// The settings as the form shows them (days as jj/mm).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CampaignSettingsForm {
    pub deadline: String,
    pub commission: String,
    pub signatures: String,
    pub lists_before: String,
    pub contract_return_days: String,
    /// An [`ArsValidationRule`] code.
    pub ars_validation: String,
}

const KEY: &str = "candidatures.calendrier";

fn default_for(region: &str) -> CampaignSettings {
    CampaignSettings {
        deadline: (15, 12),
        commission: (10, 1),
        signatures: (1, 2),
        lists_before: (15, 1),
        contract_return_days: 30,
        // Seed 004: the ARS Île-de-France validates general-medicine projects.
        ars_validation: if region == "Île-de-France" {
            ArsValidationRule::MedecineGenerale
        } else {
            ArsValidationRule::Jamais
        },
    }
}

fn show((d, m): Day) -> String {
    format!("{d:02}/{m:02}")
}

fn parse_day(e: &mut ValidationErrors, field: &str, text: &str, what: &str) -> Option<Day> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let parsed = match parts.as_slice() {
        [d, m] => d.parse::<u32>().ok().zip(m.parse::<u32>().ok()),
        _ => None,
    };
    // 2024 is a leap year: 29/02 is a day that exists.
    match parsed.filter(|(d, m)| NaiveDate::from_ymd_opt(2024, *m, *d).is_some()) {
        Some(day) => Some(day),
        None => {
            e.push(
                field,
                format!("{what} : « {t} » n'est pas un jour de l'année (attendu jj/mm)."),
            );
            None
        }
    }
}

pub fn form(s: &CampaignSettings) -> CampaignSettingsForm {
    CampaignSettingsForm {
        deadline: show(s.deadline),
        commission: show(s.commission),
        signatures: show(s.signatures),
        lists_before: show(s.lists_before),
        contract_return_days: s.contract_return_days.to_string(),
        ars_validation: s.ars_validation.code().to_owned(),
    }
}

fn check(f: &CampaignSettingsForm) -> std::result::Result<CampaignSettings, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let deadline = parse_day(&mut e, "deadline", &f.deadline, "Date limite de dépôt");
    let commission = parse_day(&mut e, "commission", &f.commission, "Commission de sélection");
    let signatures = parse_day(&mut e, "signatures", &f.signatures, "Début des signatures");
    let lists_before = parse_day(&mut e, "lists_before", &f.lists_before, "Envoi des listes");
    let days = match f.contract_return_days.trim().parse::<u32>() {
        Ok(n) if (1..=120).contains(&n) => Some(n),
        _ => {
            e.push(
                "contract_return_days",
                "Délai de retour du contrat : de 1 à 120 jours.",
            );
            None
        }
    };
    let rule = ArsValidationRule::from_code(f.ars_validation.trim());
    if rule.is_none() {
        e.push(
            "ars_validation",
            "Choisissez quand la validation écrite de l'ARS est demandée.",
        );
    }
    match (deadline, commission, signatures, lists_before, days, rule) {
        (Some(deadline), Some(commission), Some(signatures), Some(lists_before), Some(days), Some(rule))
            if e.is_empty() =>
        {
            Ok(CampaignSettings {
                deadline,
                commission,
                signatures,
                lists_before,
                contract_return_days: days,
                ars_validation: rule,
            })
        }
        _ => Err(e),
    }
}

pub fn settings(store: &Store) -> Result<CampaignSettings> {
    let region = kv::get(store.read(), "region")?.unwrap_or_default();
    let stored = kv::get(store.read(), KEY)?
        .and_then(|j| serde_json::from_str::<CampaignSettingsForm>(&j).ok())
        .and_then(|f| check(&f).ok());
    Ok(stored.unwrap_or_else(|| default_for(&region)))
}

pub fn save_settings(store: &mut Store, f: &CampaignSettingsForm) -> Result<CampaignSettingsForm> {
    let s = check(f)?;
    let json = serde_json::to_string(&form(&s)).map_err(|e| crate::error::Error::Rules(e.to_string()))?;
    store.write(|tx| kv::set(tx, KEY, &json))?;
    Ok(form(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_follow_the_seed_and_days_are_checked() {
        let s = default_for("Bretagne");
        let d = s.dates(2026);
        assert_eq!(d.deadline, NaiveDate::from_ymd_opt(2026, 12, 15).unwrap());
        assert_eq!(d.commission, NaiveDate::from_ymd_opt(2027, 1, 10).unwrap());
        assert_eq!(d.signatures, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
        assert_eq!(s.ars_validation, ArsValidationRule::Jamais);
        assert_eq!(
            default_for("Île-de-France").ars_validation,
            ArsValidationRule::MedecineGenerale
        );
        let mut f = form(&s);
        f.deadline = "31/11".into();
        f.contract_return_days = "0".into();
        let e = check(&f).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["deadline", "contract_return_days"]);
        f.deadline = "29/02".into();
        f.contract_return_days = "30".into();
        let s = check(&f).unwrap();
        assert_eq!(
            s.dates(2027).deadline,
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
        );
    }
}
