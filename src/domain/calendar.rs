//! Working days: the dates a campaign is sent and must be returned by are never a
//! Saturday, a Sunday or a public holiday, so that a letter does not ask for a form back
//! on a day the agency is closed.
//!
//! Public holidays are those of the Code du travail, article L3133-1 (1er janvier, lundi
//! de Pâques, 1er mai, 8 mai, Ascension, lundi de Pentecôte, 14 juillet, 15 août,
//! 1er novembre, 11 novembre, 25 décembre). The movable ones follow Easter Sunday
//! (Gregorian computus, by the `computus` crate). Overseas, the day commemorating the
//! abolition of slavery is also a public holiday (loi n° 83-550 du 30 juin 1983 and its
//! decree, article L3422-2 for Mayotte): 27 avril (Mayotte), 22 mai (Martinique),
//! 27 mai (Guadeloupe), 10 juin (Guyane), 20 décembre (La Réunion). The two extra days of
//! Alsace-Moselle (Vendredi saint, 26 décembre) are not counted: no ARS has its seat
//! there.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The public holidays of `year` for an agency of `region` (its canonical name, e.g.
/// "Martinique"; any other value gives the national list), in date order.
pub fn public_holidays(year: i32, region: &str) -> Vec<(NaiveDate, &'static str)> {
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day);
    let mut out: Vec<(NaiveDate, &'static str)> = Vec::with_capacity(12);
    let fixed = [
        (1, 1, "Jour de l'an"),
        (5, 1, "Fête du travail"),
        (5, 8, "Victoire 1945"),
        (7, 14, "Fête nationale"),
        (8, 15, "Assomption"),
        (11, 1, "Toussaint"),
        (11, 11, "Armistice 1918"),
        (12, 25, "Noël"),
    ];
    out.extend(
        fixed
            .iter()
            .filter_map(|&(m, day, name)| d(m, day).map(|x| (x, name))),
    );
    if let Ok(easter) = computus::gregorian_naive(year) {
        for (offset, name) in [
            (1, "Lundi de Pâques"),
            (39, "Ascension"),
            (50, "Lundi de Pentecôte"),
        ] {
            if let Some(x) = easter.checked_add_days(Days::new(offset)) {
                out.push((x, name));
            }
        }
    }
    let abolition = match region {
        "Mayotte" => d(4, 27),
        "Martinique" => d(5, 22),
        "Guadeloupe" => d(5, 27),
        "Guyane" => d(6, 10),
        "La Réunion" => d(12, 20),
        _ => None,
    };
    if let Some(x) = abolition {
        out.push((x, "Abolition de l'esclavage"));
    }
    out.sort();
    out
}

/// The name of the holiday `date` is, if any.
pub fn holiday_name(date: NaiveDate, region: &str) -> Option<&'static str> {
    public_holidays(date.year(), region)
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, n)| n)
}

/// Whether the agency is open on `date`: not a weekend, not a public holiday.
pub fn is_working_day(date: NaiveDate, region: &str) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday_name(date, region).is_none()
}

/// `date` if it is a working day, else the next one.
pub fn next_working_day(date: NaiveDate, region: &str) -> NaiveDate {
    let mut d = date;
    // At most a weekend and two holidays in a row (a long May weekend): 10 is plenty,
    // and bounds the loop for a date at the end of the calendar.
    for _ in 0..10 {
        if is_working_day(d, region) {
            return d;
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => return d,
        }
    }
    d
}

/// Why `date` is not a working day ("un samedi", "le lundi de Pâques"), for messages.
pub fn why_closed(date: NaiveDate, region: &str) -> Option<String> {
    if let Some(name) = holiday_name(date, region) {
        return Some(format!("un jour férié ({name})"));
    }
    match date.weekday() {
        Weekday::Sat => Some("un samedi".to_owned()),
        Weekday::Sun => Some("un dimanche".to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_movable_holidays_follow_easter() {
        // Easter 2027 is on 28 March: Monday 29/03, Ascension 06/05, Pentecost Monday 17/05.
        let h: Vec<NaiveDate> = public_holidays(2027, "Bretagne")
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert!(h.contains(&d(2027, 3, 29)));
        assert!(h.contains(&d(2027, 5, 6)));
        assert!(h.contains(&d(2027, 5, 17)));
        assert_eq!(h.len(), 11);
        // 2026: Easter 5 April.
        assert_eq!(holiday_name(d(2026, 4, 6), ""), Some("Lundi de Pâques"));
        assert_eq!(holiday_name(d(2026, 5, 14), ""), Some("Ascension"));
    }

    #[test]
    fn the_return_date_of_the_issue_moves_to_the_next_working_day() {
        // Friday 01/01/2027 is a holiday, then a weekend: Monday 04/01/2027.
        assert_eq!(next_working_day(d(2027, 1, 1), "Bretagne"), d(2027, 1, 4));
        assert_eq!(
            why_closed(d(2027, 1, 1), "Bretagne").as_deref(),
            Some("un jour férié (Jour de l'an)")
        );
        assert_eq!(
            why_closed(d(2027, 1, 2), "Bretagne").as_deref(),
            Some("un samedi")
        );
        assert_eq!(next_working_day(d(2026, 12, 2), "Bretagne"), d(2026, 12, 2));
    }

    #[test]
    fn overseas_regions_add_the_abolition_of_slavery() {
        assert!(!is_working_day(d(2026, 5, 22), "Martinique"));
        assert!(is_working_day(d(2026, 5, 22), "Bretagne"));
        assert_eq!(
            holiday_name(d(2026, 12, 20), "La Réunion"),
            Some("Abolition de l'esclavage")
        );
    }
}
