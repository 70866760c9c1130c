//! Who manages a contract — signs it, pays the allowance, recovers the sums on a rupture —
//! at a given date (docs/regles.md, "Organisme gestionnaire"): the Centre national de
//! gestion (CNG) for contracts signed before 26/03/2025; the Agence de services et de
//! paiement (ASP) for contracts signed from that day, and for every contract from
//! 01/01/2026, when the CNG's contracts passed to it.

use super::ManagingBody;
use chrono::NaiveDate;

/// The first day of contracts signed with the ASP.
pub fn asp_signatures_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 26).unwrap_or(NaiveDate::MIN)
}

/// The day every contract passed to the ASP.
pub fn asp_for_all_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The body managing a contract signed on `signature` at date `on`.
///
/// What the file records wins before 2026 (a contract known to have moved early); from
/// 01/01/2026 every contract is the ASP's, whatever the file says — a "CNG" recorded in
/// 2024 was true then, and is history now. `None` when neither the file nor the
/// signature date tells.
pub fn managing_body_at(
    recorded: Option<ManagingBody>,
    signature: Option<NaiveDate>,
    on: NaiveDate,
) -> Option<ManagingBody> {
    if on >= asp_for_all_from() {
        return Some(ManagingBody::Asp);
    }
    if let Some(r) = recorded {
        return Some(r);
    }
    signature.map(|s| {
        if s >= asp_signatures_from() {
            ManagingBody::Asp
        } else {
            ManagingBody::Cng
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_asp_takes_over_by_signature_date_then_for_everyone() {
        use ManagingBody::{Asp, Cng};
        // Signed in 2023, seen in 2025: the CNG; seen in 2026: the ASP, even if recorded CNG.
        assert_eq!(
            managing_body_at(None, Some(d(2023, 10, 2)), d(2025, 10, 1)),
            Some(Cng)
        );
        assert_eq!(
            managing_body_at(Some(Cng), Some(d(2023, 10, 2)), d(2026, 10, 1)),
            Some(Asp)
        );
        // Signed on 26/03/2025 exactly: the ASP; the day before: the CNG.
        assert_eq!(
            managing_body_at(None, Some(d(2025, 3, 26)), d(2025, 6, 1)),
            Some(Asp)
        );
        assert_eq!(
            managing_body_at(None, Some(d(2025, 3, 25)), d(2025, 6, 1)),
            Some(Cng)
        );
        // Recorded otherwise before 2026: the record wins.
        assert_eq!(
            managing_body_at(Some(Asp), Some(d(2024, 1, 1)), d(2025, 6, 1)),
            Some(Asp)
        );
        assert_eq!(managing_body_at(None, None, d(2025, 6, 1)), None);
        assert_eq!(managing_body_at(None, None, d(2026, 1, 1)), Some(Asp));
    }
}
