//! Which backups to keep: of the daily ones, the newest of each of the last 7 days, 4 weeks
//! and 12 months (a "grandfather-father-son" rotation, as Zotero and most backup tools do);
//! the others (manual, before a migration or a restore) for 12 months. All are settings:
//! every backup holds personal data, none is kept for ever.

use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashSet;

/// How many daily, weekly and monthly backups to keep, and for how many months the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Retention {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
    /// Months a manual, pre-migration or pre-restore backup is kept.
    pub others_months: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            daily: 7,
            weekly: 4,
            monthly: 12,
            others_months: 12,
        }
    }
}

/// Whether a backup other than a daily one, taken at `taken`, is past `months` at `now`.
pub fn expired(taken: NaiveDateTime, months: u32, now: NaiveDateTime) -> bool {
    now.checked_sub_months(chrono::Months::new(months))
        .is_some_and(|limit| taken < limit)
}

/// The indexes of `taken` (times of the backups the rotation applies to, any order) to keep:
/// for each period length, the newest backup of each of the most recent periods that have one.
pub fn keep(taken: &[NaiveDateTime], r: Retention) -> HashSet<usize> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|a, b| taken[*b].cmp(&taken[*a]));
    let mut kept = HashSet::new();
    let mut pick = |limit: u32, period: &dyn Fn(&NaiveDateTime) -> (i32, u32)| {
        let mut seen = Vec::new();
        for &i in &order {
            let p = period(&taken[i]);
            if seen.contains(&p) {
                continue;
            }
            if seen.len() >= limit as usize {
                break;
            }
            seen.push(p);
            kept.insert(i);
        }
    };
    pick(r.daily, &|t| (t.year(), t.ordinal()));
    pick(r.weekly, &|t| {
        let w = t.date().iso_week();
        (w.year(), w.week())
    });
    pick(r.monthly, &|t| (t.year(), t.month()));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_year_of_daily_backups_keeps_seven_days_four_weeks_twelve_months() {
        // One backup a day (two on 01/12) from 01/12/2025 to 01/12/2026.
        let mut taken = Vec::new();
        let mut d = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        while d <= NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() {
            taken.push(d.and_hms_opt(9, 0, 0).unwrap());
            d = d.succ_opt().unwrap();
        }
        taken.push(at(2026, 12, 1, 17));
        let kept = keep(&taken, Retention::default());
        let mut kept_times: Vec<NaiveDateTime> = kept.iter().map(|i| taken[*i]).collect();
        kept_times.sort();
        // The newest of today, the six days before, the newest of four ISO weeks (three of
        // them already kept as days) and of twelve months (the current one already kept).
        assert!(kept_times.contains(&at(2026, 12, 1, 17)));
        assert!(!kept_times.contains(&at(2026, 12, 1, 9)));
        for day in 25..=30 {
            assert!(kept_times.contains(&at(2026, 11, day, 9)), "{day}/11");
        }
        assert!(!kept_times.contains(&at(2026, 11, 24, 9)));
        // Sunday 22/11 closes ISO week 47, Sunday 15/11 week 46.
        assert!(kept_times.contains(&at(2026, 11, 22, 9)));
        assert!(kept_times.contains(&at(2026, 11, 15, 9)));
        assert!(kept_times.contains(&at(2026, 10, 31, 9)));
        assert!(kept_times.contains(&at(2026, 1, 31, 9)));
        assert!(!kept_times.contains(&at(2025, 12, 31, 9)), "only 12 months");
        assert_eq!(kept_times.len(), 7 + 2 + 10);
    }

    #[test]
    fn other_backups_expire_after_their_months() {
        let now = at(2026, 12, 2, 10);
        assert!(!expired(at(2026, 1, 2, 11), 11, now));
        assert!(expired(at(2026, 1, 2, 9), 11, now));
        assert!(!expired(at(2025, 1, 1, 9), 24, now));
    }

    #[test]
    fn nothing_is_dropped_while_there_are_few_backups() {
        let taken = [at(2026, 11, 30, 9), at(2026, 1, 2, 9), at(2024, 5, 6, 9)];
        assert_eq!(keep(&taken, Retention::default()).len(), 3);
        let none = Retention {
            daily: 1,
            weekly: 0,
            monthly: 0,
            others_months: 1,
        };
        assert_eq!(keep(&taken, none), HashSet::from([0]));
    }
}
