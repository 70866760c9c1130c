//! What the referent must look at in a signatory's places of practice (domain.md §5, seed 001).
//! Pure: the caller passes the places, the settings and the date.

use crate::domain::{PlaceMode, Sector};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use specta::Type;

/// The zone a place was found in when declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Type)]
pub enum PlaceZone {
    #[serde(rename = "zip")]
    Zip,
    #[serde(rename = "zac")]
    Zac,
    #[serde(rename = "hors_zone")]
    HorsZone,
    /// The commune is not in the zonage in force at the declaration date (or none was imported).
    #[serde(rename = "inconnue")]
    Inconnue,
}

impl PlaceZone {
    pub const ALL: &'static [PlaceZone] = &[
        PlaceZone::Zip,
        PlaceZone::Zac,
        PlaceZone::HorsZone,
        PlaceZone::Inconnue,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlaceZone::Zip => "zip",
            PlaceZone::Zac => "zac",
            PlaceZone::HorsZone => "hors_zone",
            PlaceZone::Inconnue => "inconnue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlaceZone::Zip => "ZIP",
            PlaceZone::Zac => "ZAC",
            PlaceZone::HorsZone => "Hors ZIP et ZAC",
            PlaceZone::Inconnue => "Commune absente du zonage",
        }
    }

    pub fn from_code(s: &str) -> Option<PlaceZone> {
        PlaceZone::ALL.iter().copied().find(|z| z.code() == s)
    }
}

impl From<crate::zonage::CommuneZone> for PlaceZone {
    fn from(z: crate::zonage::CommuneZone) -> Self {
        match z {
            crate::zonage::CommuneZone::Zip => PlaceZone::Zip,
            crate::zonage::CommuneZone::Zac => PlaceZone::Zac,
            crate::zonage::CommuneZone::HorsZone => PlaceZone::HorsZone,
        }
    }
}

/// One place of practice, as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceFacts {
    pub commune: String,
    pub insee: String,
    pub zone: PlaceZone,
    pub mode: PlaceMode,
    pub sector: Option<Sector>,
    /// Half-days a week.
    pub half_days: Decimal,
    pub start: NaiveDate,
    /// Last day at this place; `None` while the signatory still practises there.
    pub end: Option<NaiveDate>,
}

/// The regional settings the flags depend on (domain.md §5: to confirm with each ARS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct InstallationSettings {
    /// Full time, in half-days a week (8 since 2026; 8,5 in Bretagne's leaflet).
    pub full_time_half_days: Decimal,
    /// Replacement activity allowed during the commitment, in months in total (12).
    pub max_replacement_months: u32,
}

impl Default for InstallationSettings {
    fn default() -> Self {
        InstallationSettings {
            full_time_half_days: Decimal::from(8),
            max_replacement_months: 12,
        }
    }
}

/// Whole months from `start` to `end` inclusive, counted as the commitment counts them: the
/// largest m with start + m months − 1 day ≤ end.
fn whole_months(start: NaiveDate, end: NaiveDate) -> u32 {
    let mut m = 0u32;
    while crate::ledger::rules::period_end(start, m + 1).is_some_and(|d| d <= end) {
        m += 1;
        if m > 1200 {
            break;
        }
    }
    m
}

/// The French warnings about a signatory's places on `today`. `diploma_date` comes from the
/// contract ledger; `practice_start` is the declaration's.
pub fn place_flags(
    places: &[PlaceFacts],
    practice_start: Option<NaiveDate>,
    diploma_date: Option<NaiveDate>,
    settings: &InstallationSettings,
    today: NaiveDate,
) -> Vec<String> {
    let mut out = Vec::new();
    let current: Vec<&PlaceFacts> = places
        .iter()
        .filter(|p| p.start <= today && p.end.is_none_or(|e| e >= today))
        .collect();
    for p in places {
        match p.zone {
            PlaceZone::HorsZone => out.push(format!(
                "{} ({}) est hors ZIP et ZAC dans le zonage en vigueur à la déclaration : l'engagement ne \
                 peut pas y être servi.",
                p.commune, p.insee
            )),
            PlaceZone::Inconnue => out.push(format!(
                "{} ({}) ne figure pas dans le zonage en vigueur à la déclaration : vérifiez la commune ou \
                 importez le zonage.",
                p.commune, p.insee
            )),
            PlaceZone::Zip | PlaceZone::Zac => {}
        }
        if matches!(p.mode, PlaceMode::Liberal | PlaceMode::Mixte) && p.sector != Some(Sector::Secteur1) {
            out.push(format!(
                "{} : exercice libéral {} ; le secteur 1 est obligatoire pendant l'engagement.",
                p.commune,
                match p.sector {
                    Some(s) => format!("en {}", s.label().to_lowercase()),
                    None => "sans secteur indiqué".to_owned(),
                }
            ));
        }
    }
    let replacement: u32 = places
        .iter()
        .filter(|p| p.mode == PlaceMode::Remplacement && p.start <= today)
        .map(|p| whole_months(p.start, p.end.map_or(today, |e| e.min(today))))
        .sum();
    if replacement > settings.max_replacement_months {
        out.push(format!(
            "Remplacements : {replacement} mois au total, au-delà des {} mois admis.",
            settings.max_replacement_months
        ));
    }
    if !current.is_empty() {
        let total: Decimal = current.iter().map(|p| p.half_days).sum();
        if total < settings.full_time_half_days {
            out.push(format!(
                "Temps partiel : {} demi-journées par semaine, en dessous du temps plein régional ({}).",
                decimal_fr(total),
                decimal_fr(settings.full_time_half_days)
            ));
        }
    }
    if let (Some(start), Some(diploma)) = (practice_start, diploma_date) {
        if start < diploma {
            out.push(format!(
                "Début d'exercice ({}) antérieur à la date du diplôme ({}).",
                start.format("%d/%m/%Y"),
                diploma.format("%d/%m/%Y")
            ));
        }
    }
    if practice_start.is_some() && diploma_date.is_none() {
        out.push(
            "Installation déclarée sans date de diplôme dans l'onglet « Contrat et allocation ».".to_owned(),
        );
    }
    out
}

/// "8,5", "8".
pub fn decimal_fr(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn place(
        zone: PlaceZone,
        mode: PlaceMode,
        half_days: Decimal,
        start: &str,
        end: Option<&str>,
    ) -> PlaceFacts {
        PlaceFacts {
            commune: "Carhaix-Plouguer".into(),
            insee: "29024".into(),
            zone,
            mode,
            sector: matches!(mode, PlaceMode::Liberal | PlaceMode::Mixte).then_some(Sector::Secteur1),
            half_days,
            start: d(start),
            end: end.map(d),
        }
    }

    fn flags(places: &[PlaceFacts]) -> Vec<String> {
        place_flags(
            places,
            Some(d("2025-11-01")),
            Some(d("2025-10-15")),
            &InstallationSettings::default(),
            d("2026-11-30"),
        )
    }

    #[test]
    fn a_full_time_liberal_place_in_a_zip_raises_nothing() {
        assert!(flags(&[place(
            PlaceZone::Zip,
            PlaceMode::Liberal,
            dec!(9),
            "2025-11-01",
            None
        )])
        .is_empty());
    }

    #[test]
    fn outside_the_zones_or_unknown_commune() {
        let f = flags(&[place(
            PlaceZone::HorsZone,
            PlaceMode::Salarie,
            dec!(9),
            "2025-11-01",
            None,
        )]);
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("hors ZIP et ZAC"), "{f:?}");
        let f = flags(&[place(
            PlaceZone::Inconnue,
            PlaceMode::Salarie,
            dec!(9),
            "2025-11-01",
            None,
        )]);
        assert!(f[0].contains("ne figure pas dans le zonage"), "{f:?}");
        assert!(flags(&[place(
            PlaceZone::Zac,
            PlaceMode::Salarie,
            dec!(9),
            "2025-11-01",
            None
        )])
        .is_empty());
    }

    #[test]
    fn liberal_practice_must_be_in_secteur_1() {
        let mut p = place(PlaceZone::Zip, PlaceMode::Mixte, dec!(9), "2025-11-01", None);
        p.sector = Some(Sector::Secteur2);
        let f = flags(&[p.clone()]);
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("en secteur 2"), "{f:?}");
        p.sector = None;
        assert!(flags(&[p.clone()])[0].contains("sans secteur indiqué"));
        p.mode = PlaceMode::Salarie;
        assert!(flags(&[p]).is_empty());
    }

    #[test]
    fn replacements_over_the_regional_limit() {
        // 12 months exactly: allowed; 13: flagged (the limit is a setting).
        let twelve = [place(
            PlaceZone::Zip,
            PlaceMode::Remplacement,
            dec!(9),
            "2025-11-01",
            Some("2026-10-31"),
        )];
        assert!(flags(&twelve).is_empty(), "{:?}", flags(&twelve));
        let thirteen = [
            place(
                PlaceZone::Zip,
                PlaceMode::Remplacement,
                dec!(9),
                "2025-11-01",
                Some("2026-04-30"),
            ),
            place(
                PlaceZone::Zip,
                PlaceMode::Remplacement,
                dec!(9),
                "2026-05-01",
                None,
            ),
        ];
        let f = flags(&thirteen);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("13 mois au total, au-delà des 12 mois"), "{f:?}");
        let lenient = InstallationSettings {
            max_replacement_months: 18,
            ..InstallationSettings::default()
        };
        assert!(place_flags(&thirteen, None, None, &lenient, d("2026-11-30")).is_empty());
    }

    #[test]
    fn part_time_below_the_regional_full_time_counts_every_current_place() {
        let one = [place(
            PlaceZone::Zip,
            PlaceMode::Salarie,
            dec!(6),
            "2025-11-01",
            None,
        )];
        let f = flags(&one);
        assert_eq!(
            f,
            vec!["Temps partiel : 6 demi-journées par semaine, en dessous du temps plein régional (8)."]
        );
        // Multi-site: 6 + 3 = 9 is full time; a place left earlier does not count.
        let two = [
            place(PlaceZone::Zip, PlaceMode::Salarie, dec!(6), "2025-11-01", None),
            place(PlaceZone::Zac, PlaceMode::Salarie, dec!(3), "2026-01-01", None),
            place(
                PlaceZone::Zac,
                PlaceMode::Salarie,
                dec!(2),
                "2025-11-01",
                Some("2025-12-31"),
            ),
        ];
        assert!(flags(&two).is_empty(), "{:?}", flags(&two));
        let bretagne = InstallationSettings {
            full_time_half_days: dec!(8.5),
            ..InstallationSettings::default()
        };
        let f = place_flags(
            &[place(
                PlaceZone::Zip,
                PlaceMode::Salarie,
                dec!(8),
                "2025-11-01",
                None,
            )],
            None,
            None,
            &bretagne,
            d("2026-11-30"),
        );
        assert!(f[0].contains("(8,5)"), "{f:?}");
    }

    #[test]
    fn practice_before_the_diploma_or_without_it() {
        let p = [place(
            PlaceZone::Zip,
            PlaceMode::Salarie,
            dec!(9),
            "2025-09-01",
            None,
        )];
        let s = InstallationSettings::default();
        let f = place_flags(
            &p,
            Some(d("2025-09-01")),
            Some(d("2025-10-15")),
            &s,
            d("2026-11-30"),
        );
        assert_eq!(
            f,
            vec!["Début d'exercice (01/09/2025) antérieur à la date du diplôme (15/10/2025)."]
        );
        let f = place_flags(&p, Some(d("2025-09-01")), None, &s, d("2026-11-30"));
        assert!(f[0].contains("sans date de diplôme"), "{f:?}");
        assert!(place_flags(
            &p,
            Some(d("2025-11-01")),
            Some(d("2025-10-15")),
            &s,
            d("2026-11-30")
        )
        .is_empty());
    }

    #[test]
    fn whole_months_like_the_commitment() {
        assert_eq!(whole_months(d("2025-11-01"), d("2026-10-31")), 12);
        assert_eq!(whole_months(d("2025-11-01"), d("2026-10-30")), 11);
        assert_eq!(whole_months(d("2025-11-15"), d("2025-12-14")), 1);
        assert_eq!(whole_months(d("2025-11-15"), d("2025-11-20")), 0);
        // As the commitment counts: 31/01 + 1 month is 01/03 (no 31/02), so the month ends on 29/02.
        assert_eq!(whole_months(d("2024-01-31"), d("2024-02-28")), 0);
        assert_eq!(whole_months(d("2024-01-31"), d("2024-02-29")), 1);
    }
}
