//! Which interviews are due for a signatory (domain.md §7, seed 001): in the first year after
//! signature, before the ECN/EDN, every year of the 3rd cycle until installation (the year before
//! installation above all), and every year for a suspended intern. Pure: the caller passes the
//! facts and the date.
//!
//! Each requirement is a period [start, due date]. Any interview held on or after the start
//! satisfies it, whatever reason was recorded (an interview is an interview; held late, it still
//! counts). Unsatisfied, it is *à tenir* until its due date and *en retard* after; twelve months
//! after its due date it is dropped: by then the yearly interviews have taken over.

use crate::domain::{Cycle, InterviewReason, Status};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use specta::Type;

/// What the rules need to know about a signatory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterviewFacts {
    pub status: Option<Status>,
    pub cycle: Option<Cycle>,
    pub ecn_year: Option<i32>,
    pub signature_date: Option<NaiveDate>,
    /// Diploma (DES/doctorate) obtained, from the contract ledger.
    pub diploma_date: Option<NaiveDate>,
    /// When the diploma is expected: the ledger's end of allowance, else the DES date the
    /// signatory gave on the latest fiche de suivi.
    pub expected_diploma: Option<NaiveDate>,
}

/// One interview to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DueInterview {
    pub reason: InterviewReason,
    /// First day an interview counts for it.
    pub from: NaiveDate,
    pub due: NaiveDate,
    /// The due date has passed.
    pub overdue: bool,
    /// Identifies the requirement across days (for "marquer comme traité").
    pub key: String,
}

/// How long an unmet requirement stays listed after its due date.
const DROP_AFTER_MONTHS: u32 = 12;

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The interviews due on `today`, given the dates of the interviews already held, in order of
/// due date.
pub fn due_interviews(f: &InterviewFacts, held: &[NaiveDate], today: NaiveDate) -> Vec<DueInterview> {
    let Some(status) = f.status else {
        return Vec::new();
    };
    // Interviews are for people on their way to installation; nothing is due before signing
    // or once installed, ended or broken.
    if !matches!(status, Status::EnFormation | Status::Suspendu | Status::Diplome) {
        return Vec::new();
    }
    let mut periods: Vec<(InterviewReason, NaiveDate, NaiveDate)> = Vec::new();
    // The graduate without any date: that period moves with today, so its key must not.
    let mut undated_installation = false;
    let year = today.year();
    let yearly = |periods: &mut Vec<_>, reason: InterviewReason| {
        // This year's, and last year's if it was missed (an interview this year catches up).
        for y in [year - 1, year] {
            if let (Some(a), Some(b)) = (ymd(y, 1, 1), ymd(y, 12, 31)) {
                // Not before the contract was signed.
                if f.signature_date.is_none_or(|s| s <= b) {
                    periods.push((reason, a, b));
                }
            }
        }
    };

    // The first year after signature.
    if let Some(s) = f.signature_date {
        if let Some(end) = crate::ledger::rules::period_end(s, 12) {
            periods.push((InterviewReason::PremiereAnnee, s, end));
        }
    }
    // Before the ECN/EDN: in the twelve months up to 30 June of its year, for a 2nd-cycle student.
    if let (Some(e), Some(Cycle::Deuxieme) | None) = (f.ecn_year, f.cycle) {
        if status != Status::Diplome {
            if let (Some(a), Some(b)) = (ymd(e - 1, 7, 1), ymd(e, 6, 30)) {
                periods.push((InterviewReason::AvantEcn, a, b));
            }
        }
    }
    match status {
        Status::Suspendu => yearly(&mut periods, InterviewReason::ConvocationSuspendu),
        Status::EnFormation if f.cycle == Some(Cycle::Troisieme) => {
            yearly(&mut periods, InterviewReason::AnnuelTroisiemeCycle)
        }
        _ => {}
    }
    // The year before installation: from twelve months before the (expected) diploma to three
    // months after it; for a graduate not installed, from the diploma on.
    let diploma = f.diploma_date.or(f.expected_diploma);
    if let Some(d) = diploma {
        let in_training = status == Status::EnFormation && f.cycle != Some(Cycle::Deuxieme);
        if in_training || status == Status::Diplome {
            let from = d.checked_sub_months(Months::new(12)).unwrap_or(d);
            let due = d.checked_add_months(Months::new(3)).unwrap_or(d);
            periods.push((InterviewReason::AvantInstallation, from, due));
        }
    } else if status == Status::Diplome {
        undated_installation = true;
        // Graduate without a recorded date: an interview before installing, within three months.
        let from = today.checked_sub_months(Months::new(12)).unwrap_or(today);
        let due = today.checked_add_months(Months::new(3)).unwrap_or(today);
        periods.push((InterviewReason::AvantInstallation, from, due));
    }

    let mut due: Vec<DueInterview> = periods
        .into_iter()
        .filter(|(_, from, _)| *from <= today)
        .filter(|(_, _, due)| {
            due.checked_add_months(Months::new(DROP_AFTER_MONTHS))
                .is_none_or(|drop| today <= drop)
        })
        // Held means held: an interview planned later does not count yet.
        .filter(|(_, from, _)| !held.iter().any(|h| h >= from && *h <= today))
        .map(|(reason, from, due)| DueInterview {
            reason,
            from,
            due,
            overdue: today > due,
            key: if undated_installation && reason == InterviewReason::AvantInstallation {
                format!("{}:sans_date", reason.code())
            } else {
                format!("{}:{}", reason.code(), due.format("%Y-%m-%d"))
            },
        })
        .collect();
    due.sort_by_key(|d| (d.due, d.reason.code()));
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn facts(status: Status) -> InterviewFacts {
        InterviewFacts {
            status: Some(status),
            ..Default::default()
        }
    }

    fn reasons(v: &[DueInterview]) -> Vec<(&'static str, bool)> {
        v.iter().map(|x| (x.reason.code(), x.overdue)).collect()
    }

    #[test]
    fn the_first_year_after_signature() {
        let f = InterviewFacts {
            signature_date: Some(d("2026-02-15")),
            cycle: Some(Cycle::Deuxieme),
            ..facts(Status::EnFormation)
        };
        // Before signing: nothing; during the first year: to hold by 14/02/2027.
        assert!(due_interviews(&f, &[], d("2026-01-10")).is_empty());
        let due = due_interviews(&f, &[], d("2026-06-01"));
        assert_eq!(reasons(&due), vec![("premiere_annee", false)]);
        assert_eq!(due[0].due, d("2027-02-14"));
        // Overdue once the year is over, until an interview is held (even late) …
        assert_eq!(
            reasons(&due_interviews(&f, &[], d("2027-03-01"))),
            vec![("premiere_annee", true)]
        );
        assert!(due_interviews(&f, &[d("2027-02-20")], d("2027-03-01")).is_empty());
        // … an interview before the signature does not count …
        assert_eq!(due_interviews(&f, &[d("2026-01-20")], d("2026-06-01")).len(), 1);
        // … and twelve months after the due date it is dropped.
        assert!(due_interviews(&f, &[], d("2028-02-15")).is_empty());
    }

    #[test]
    fn before_the_ecn_for_a_second_cycle_student() {
        let f = InterviewFacts {
            signature_date: Some(d("2022-02-01")),
            cycle: Some(Cycle::Deuxieme),
            ecn_year: Some(2026),
            ..facts(Status::EnFormation)
        };
        assert!(due_interviews(&f, &[d("2022-05-01")], d("2025-06-30")).is_empty());
        let due = due_interviews(&f, &[d("2022-05-01")], d("2025-07-01"));
        assert_eq!(reasons(&due), vec![("avant_ecn", false)]);
        assert_eq!(due[0].due, d("2026-06-30"));
        assert!(due_interviews(&f, &[d("2025-09-10")], d("2026-01-01")).is_empty());
        // An intern is past the ECN: not due.
        let intern = InterviewFacts {
            cycle: Some(Cycle::Troisieme),
            ..f.clone()
        };
        assert!(
            !reasons(&due_interviews(&intern, &[d("2022-05-01")], d("2026-01-01")))
                .iter()
                .any(|(r, _)| *r == "avant_ecn")
        );
    }

    #[test]
    fn every_year_of_the_third_cycle_and_for_a_suspended_intern() {
        let f = InterviewFacts {
            signature_date: Some(d("2020-02-01")),
            cycle: Some(Cycle::Troisieme),
            ..facts(Status::EnFormation)
        };
        // Nothing held: last year's is late, this year's is to hold by 31/12.
        let due = due_interviews(&f, &[d("2020-03-01")], d("2026-05-01"));
        assert_eq!(
            reasons(&due),
            vec![
                ("annuel_troisieme_cycle", true),
                ("annuel_troisieme_cycle", false)
            ]
        );
        assert_eq!(due[1].due, d("2026-12-31"));
        // Held last year: only this year's.
        let due = due_interviews(&f, &[d("2025-11-03")], d("2026-05-01"));
        assert_eq!(reasons(&due), vec![("annuel_troisieme_cycle", false)]);
        // Held this year: nothing.
        assert!(due_interviews(&f, &[d("2026-01-15")], d("2026-05-01")).is_empty());
        // Suspended: convened every year whatever the cycle.
        let s = InterviewFacts {
            cycle: Some(Cycle::Deuxieme),
            ..facts(Status::Suspendu)
        };
        assert_eq!(
            reasons(&due_interviews(&s, &[d("2025-06-01")], d("2026-05-01"))),
            vec![("convocation_suspendu", false)]
        );
        // A second-cycle student in training has no yearly interview.
        let student = InterviewFacts {
            cycle: Some(Cycle::Deuxieme),
            ..facts(Status::EnFormation)
        };
        assert!(due_interviews(&student, &[], d("2026-05-01")).is_empty());
    }

    #[test]
    fn the_year_before_installation() {
        let f = InterviewFacts {
            signature_date: Some(d("2019-02-01")),
            cycle: Some(Cycle::Troisieme),
            expected_diploma: Some(d("2026-10-31")),
            ..facts(Status::EnFormation)
        };
        let held = [d("2019-03-01"), d("2024-11-01")];
        // More than a year before the diploma: only the yearly one.
        assert_eq!(
            reasons(&due_interviews(&f, &held, d("2025-10-01"))),
            vec![("annuel_troisieme_cycle", false)]
        );
        // Within the year before: both, the yearly one due first.
        let due = due_interviews(&f, &held, d("2025-11-15"));
        assert_eq!(
            reasons(&due),
            vec![("annuel_troisieme_cycle", false), ("avant_installation", false)]
        );
        assert_eq!(due[1].due, d("2027-01-31"));
        // One interview in the period answers both.
        assert!(due_interviews(&f, &[d("2026-01-10")], d("2026-03-01")).is_empty());
        // A graduate not installed, diploma passed three months ago without interview: late.
        let g = InterviewFacts {
            diploma_date: Some(d("2026-01-15")),
            ..facts(Status::Diplome)
        };
        assert_eq!(
            reasons(&due_interviews(&g, &[], d("2026-05-01"))),
            vec![("avant_installation", true)]
        );
        // A graduate with no date at all: to hold within three months.
        let due = due_interviews(&facts(Status::Diplome), &[], d("2026-05-01"));
        assert_eq!(reasons(&due), vec![("avant_installation", false)]);
        assert_eq!(due[0].due, d("2026-08-01"));
    }

    #[test]
    fn a_planned_interview_does_not_count_before_its_day_and_keys_are_stable() {
        let f = InterviewFacts {
            signature_date: Some(d("2020-02-01")),
            cycle: Some(Cycle::Troisieme),
            ..facts(Status::EnFormation)
        };
        // Planned for December, recorded in March: still due in March.
        let due = due_interviews(&f, &[d("2020-03-01"), d("2026-12-15")], d("2026-03-01"));
        assert_eq!(due.len(), 2, "{due:?}");
        assert_eq!(due[1].key, "annuel_troisieme_cycle:2026-12-31");
        // The graduate with no date: the same key whatever the day.
        let g = facts(Status::Diplome);
        let a = due_interviews(&g, &[], d("2026-05-01"));
        let b = due_interviews(&g, &[], d("2026-05-02"));
        assert_eq!(a[0].key, b[0].key);
        // A signature on 29/02: the first year ends on 28/02 of the next year (quantième).
        let leap = InterviewFacts {
            signature_date: Some(d("2024-02-29")),
            cycle: Some(Cycle::Deuxieme),
            ..facts(Status::EnFormation)
        };
        assert_eq!(
            due_interviews(&leap, &[], d("2024-06-01"))[0].due,
            d("2025-02-28")
        );
    }

    #[test]
    fn nothing_is_due_for_candidates_installed_or_ended_contracts() {
        for status in [
            Status::Candidat,
            Status::Installe,
            Status::EngagementTermine,
            Status::Rompu,
            Status::Resilie,
            Status::DecedeOuInaptitude,
        ] {
            let f = InterviewFacts {
                signature_date: Some(d("2026-02-15")),
                cycle: Some(Cycle::Troisieme),
                ..facts(status)
            };
            assert!(due_interviews(&f, &[], d("2026-06-01")).is_empty(), "{status:?}");
        }
        assert!(due_interviews(&InterviewFacts::default(), &[], d("2026-06-01")).is_empty());
    }
}
