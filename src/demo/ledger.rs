//! The contract ledger of the demo files: allowance start and end, first day as an intern,
//! diploma, practice start (the date of the declaration of installation), suspensions, and the
//! end of the contracts that were broken. Every contract passes the ledger's rules (a test
//! checks it on every demo file) and tells the same story as the file's status, so that the
//! home screen, the counts and the benchmarks work on data shaped like a real register.

use super::Rng;
use crate::domain::{ContractEndKind, Cycle, Status, SuspensionReason};
use crate::error::Result;
use crate::store::ledger::{EndRow, LedgerRow, SuspensionRow};
use crate::store::Store;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::HashMap;

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i32 {
    (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32
}

fn add_months(d: NaiveDate, n: i64) -> NaiveDate {
    let m = Months::new(n.unsigned_abs() as u32);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
    .unwrap_or(d)
}

/// The ledger of every demo file, `practice_starts` being the start of each one's first
/// declaration of installation.
pub(super) fn ledger_history(
    store: &mut Store,
    seed: u64,
    today: NaiveDate,
    practice_starts: &HashMap<i64, NaiveDate>,
) -> Result<()> {
    let ids: Vec<i64> = crate::store::signatories::identities(store.read())?
        .into_iter()
        .map(|i| i.0)
        .collect();
    let mut rng = Rng(seed ^ 0x1ED6_E700_0000_0003);
    store.write(|tx| {
        let now = crate::store::now_stamp();
        for &id in &ids {
            let Some(s) = crate::store::signatories::get(tx, id)? else {
                continue;
            };
            let (Some(signed), false) = (s.signature_date, s.status == Status::Candidat) else {
                continue;
            };
            // Paid from 1 October of the year of signature for students, 1 November for those
            // who signed as interns (domain.md §2).
            let as_intern =
                s.cycle == Some(Cycle::Troisieme) && s.study_year.unwrap_or(1) > today.year() - signed.year();
            let month = if as_intern { 11 } else { 10 };
            let Some(start) = NaiveDate::from_ymd_opt(signed.year(), month, 1) else {
                continue;
            };
            if start > today {
                continue;
            }
            let mut row = LedgerRow {
                allocation_start: Some(start),
                ..Default::default()
            };
            let mut suspensions = Vec::new();
            let mut end = None;
            let months_so_far = months_between(start, today);
            match s.status {
                Status::EnFormation | Status::Suspendu => {
                    if s.cycle == Some(Cycle::Troisieme) {
                        // Internships start in November.
                        let academic = if today.month() >= 11 {
                            today.year()
                        } else {
                            today.year() - 1
                        };
                        row.intern_start =
                            NaiveDate::from_ymd_opt(academic - (s.study_year.unwrap_or(1) - 1), 11, 2);
                        if let Some(first) = row.intern_start.filter(|_| rng.chance(2)) {
                            let request = first + chrono::Days::new(rng.range(3, 25) as u64);
                            row.definitive_request = Some(request).filter(|r| *r <= today);
                        }
                    }
                    if s.status == Status::Suspendu {
                        let from = first_of_month(add_months(today, -rng.range(0, 5))).max(start);
                        let to = last_of_month(add_months(today, rng.range(1, 8)));
                        let reason = if s.cycle == Some(Cycle::Troisieme) && rng.chance(30) {
                            SuspensionReason::ConvenancePersonnelle
                        } else {
                            *rng.pick(&[
                                SuspensionReason::Maternite,
                                SuspensionReason::Maladie,
                                SuspensionReason::Disponibilite,
                            ])
                        };
                        suspensions.push(SuspensionRow {
                            start: from,
                            end: to,
                            reason,
                            // During a maternity leave the allowance may be kept (seed 001).
                            paid: reason == SuspensionReason::Maternite && rng.chance(50),
                            document_received: rng.chance(85),
                        });
                    } else if months_so_far > 18 && rng.chance(4) {
                        let from =
                            first_of_month(add_months(today, -rng.range(10, months_so_far as i64 - 4)))
                                .max(start);
                        suspensions.push(SuspensionRow {
                            start: from,
                            end: last_of_month(add_months(from, rng.range(0, 5))),
                            reason: *rng.pick(&[SuspensionReason::Maladie, SuspensionReason::Disponibilite]),
                            paid: false,
                            document_received: true,
                        });
                    }
                }
                Status::Diplome => {
                    let diploma = today - chrono::Days::new(rng.range(20, 330) as u64);
                    if diploma < add_months(start, 12) {
                        continue;
                    }
                    row.diploma_date = Some(diploma);
                    row.allocation_end = Some(last_of_month(diploma));
                }
                Status::Installe => {
                    let Some(&practice) = practice_starts.get(&id) else {
                        continue;
                    };
                    let diploma = practice - chrono::Days::new(rng.range(20, 150) as u64);
                    if diploma < add_months(start, 12) {
                        continue;
                    }
                    row.diploma_date = Some(diploma);
                    row.allocation_end = Some(last_of_month(diploma));
                    row.practice_start = Some(practice);
                }
                Status::EngagementTermine => {
                    // Paid P months, installed two months after, commitment of max(24, P) months
                    // over before today.
                    let spare = months_so_far - 3;
                    let paid = if spare >= 48 {
                        spare / 2 - rng.range(0, 6) as i32
                    } else {
                        spare - 24 - rng.range(0, 3) as i32
                    };
                    if paid < 6 {
                        continue;
                    }
                    let last_paid = add_months(start, i64::from(paid) - 1);
                    let diploma = last_paid.with_day(rng.range(1, 28) as u32).unwrap_or(last_paid);
                    row.diploma_date = Some(diploma);
                    row.allocation_end = Some(last_of_month(diploma));
                    row.practice_start = Some(first_of_month(add_months(diploma, 2)));
                }
                Status::Rompu | Status::Resilie | Status::DecedeOuInaptitude => {
                    let ended =
                        (today - chrono::Days::new(rng.range(30, 700) as u64)).max(add_months(start, 1));
                    if ended > today {
                        continue;
                    }
                    row.allocation_end = Some(ended);
                    end = Some(EndRow {
                        kind: match s.status {
                            Status::Rompu => ContractEndKind::Rupture,
                            Status::Resilie => ContractEndKind::Resiliation,
                            _ => ContractEndKind::SansRemboursement,
                        },
                        date: ended,
                        amount: None,
                        notes: String::new(),
                    });
                }
                Status::Candidat => continue,
            }
            crate::store::ledger::upsert_dates(tx, id, &row, &now)?;
            if !suspensions.is_empty() {
                crate::store::ledger::replace_suspensions(tx, id, &suspensions, &[])?;
            }
            if let Some(e) = &end {
                crate::store::ledger::set_end(tx, id, e, &now)?;
            }
        }
        Ok(())
    })
}
