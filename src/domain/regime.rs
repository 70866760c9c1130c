//! The regime of a contract follows from its signature date (domain.md §3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum Regime {
    #[serde(rename = "r2010")]
    R2010,
    #[serde(rename = "r2013")]
    R2013,
    #[serde(rename = "r2020")]
    R2020,
    #[serde(rename = "r2026")]
    R2026,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    // The dates below are constants of the law, all valid.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// First day a CESP could be signed (décret n° 2010-735 of 29 June 2010).
pub fn first_signature_date() -> NaiveDate {
    ymd(2010, 6, 29)
}

impl Regime {
    pub const ALL: &'static [Regime] = &[Regime::R2010, Regime::R2013, Regime::R2020, Regime::R2026];

    /// The regime in force on the signature date; `None` before the CESP existed.
    pub fn for_signature(date: NaiveDate) -> Option<Regime> {
        if date < first_signature_date() {
            None
        } else if date < ymd(2013, 11, 29) {
            Some(Regime::R2010)
        } else if date < ymd(2020, 3, 20) {
            Some(Regime::R2013)
        } else if date < ymd(2026, 1, 16) {
            Some(Regime::R2020)
        } else {
            Some(Regime::R2026)
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Regime::R2010 => "r2010",
            Regime::R2013 => "r2013",
            Regime::R2020 => "r2020",
            Regime::R2026 => "r2026",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Regime::R2010 => "Régime 2010 (contrats du 29/06/2010 au 28/11/2013)",
            Regime::R2013 => "Régime 2013 (contrats du 29/11/2013 au 19/03/2020)",
            Regime::R2020 => "Régime 2020 (contrats du 20/03/2020 au 15/01/2026)",
            Regime::R2026 => "Régime 2026 (contrats depuis le 16/01/2026)",
        }
    }

    /// Midwifery and pharmacy students may sign only since the 2026 regime.
    pub fn admits(self, discipline: super::Discipline) -> bool {
        use super::Discipline::*;
        match discipline {
            Medecine | Odontologie => true,
            Maieutique | Pharmacie => self == Regime::R2026,
        }
    }

    /// PADHUE became eligible with the 2020 regime.
    pub fn admits_padhue(self) -> bool {
        matches!(self, Regime::R2020 | Regime::R2026)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regime_boundaries_are_inclusive_of_their_first_day() {
        let cases = [
            ((2010, 6, 28), None),
            ((2010, 6, 29), Some(Regime::R2010)),
            ((2013, 11, 28), Some(Regime::R2010)),
            ((2013, 11, 29), Some(Regime::R2013)),
            ((2020, 3, 19), Some(Regime::R2013)),
            ((2020, 3, 20), Some(Regime::R2020)),
            ((2026, 1, 15), Some(Regime::R2020)),
            ((2026, 1, 16), Some(Regime::R2026)),
            ((2030, 1, 1), Some(Regime::R2026)),
        ];
        for ((y, m, d), expected) in cases {
            assert_eq!(Regime::for_signature(ymd(y, m, d)), expected, "{y}-{m}-{d}");
        }
    }
}
