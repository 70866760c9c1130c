//! The CESP rules (domain.md §4–§6 and "Exact semantics"): months of allowance paid, commitment,
//! months served, and the indemnity owed on rupture. Pure functions, no I/O, no clock: the caller
//! passes the date of the computation (`as_of`).
//!
//! Money is `rust_decimal::Decimal` (never `f64`); the degressive rate is a `Decimal` with ~28
//! significant digits; amounts are rounded to the cent, half away from zero, once, at the end.
//!
//! Decisions taken where domain.md leaves room (each one is also documented where it is applied):
//! - Months are whole calendar months. The month of `allocation_start` counts even when the allowance
//!   starts mid-month, and a month counts as soon as its first day is on or before the cut-off.
//! - "practice start + m months" lands on the same day of the month m months later; when that day
//!   does not exist (29, 30, 31) it lands on the 1st of the following month, so that a period always
//!   ends on the day before the same day of the month, or on the last day of a short month
//!   (the "quantième" rule of French law). E.g. 29/02/2020 + 12 months − 1 day = 28/02/2021.
//! - Field indexes in messages (`suspensions[0]`) are 0-based, like a JSON path.

use std::cmp::{max, min};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use crate::domain::Discipline;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// A suspension of the allowance (domain.md §4): whole calendar months, at least one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    /// First day: the 1st of a month.
    pub start: NaiveDate,
    /// Last day (inclusive): the last day of a month.
    pub end: NaiveDate,
    /// `true` when the signatory kept the allowance during the suspension (some leaves, seed 001):
    /// its months then count as paid.
    pub paid: bool,
}

/// A suspension of practice during the commitment: whole calendar months, inclusive bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What the rules need to know about one contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub discipline: Discipline,
    /// Start of the allowance; its month is the first month paid.
    pub allocation_start: NaiveDate,
    /// End of the allowance (last day paid); `None` while it is still paid.
    pub allocation_end: Option<NaiveDate>,
    /// Monthly gross allowance (e.g. 1200.00).
    pub monthly_gross: Decimal,
    /// Monthly net allowance (e.g. 1106.88), the basis of the reimbursement on rupture.
    pub monthly_net: Decimal,
    /// Later rows of the dated rate table (domain.md §4): a month is paid at the amounts of the
    /// latest row whose `from` is on or before its first day, else at `monthly_gross` /
    /// `monthly_net`. Empty: every month at the same amounts.
    #[serde(default)]
    pub rate_changes: Vec<AllowanceRate>,
    /// Definitive suspension (interns, domain.md §4): the first day on which the allowance is no
    /// longer paid (the 1 January following the request), until the end of studies. Its month and
    /// every later one are unpaid, as if the allowance had ended the day before.
    #[serde(default)]
    pub definitive_suspension_from: Option<NaiveDate>,
    pub suspensions: Vec<Suspension>,
    pub diploma_date: Option<NaiveDate>,
    /// Installation: first day of the commitment.
    pub practice_start: Option<NaiveDate>,
    pub practice_suspensions: Vec<Period>,
}

/// The degressive rate of one discipline (domain.md §6):
/// rate = 100 % if f ≤ threshold, else 100 − min(100 ; coefficient × √((f − threshold) / d)) %.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Degressive {
    pub threshold_months: u32,
    pub coefficient: Decimal,
}

/// One row of the allowance rate table: amounts in force from `from` on (domain.md §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceRate {
    pub from: NaiveDate,
    pub monthly_gross: Decimal,
    pub monthly_net: Decimal,
}

/// Every constant of domain.md §4–§6, as values (settings), never as hidden constants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    /// Allowance amounts by date (default: one row, 1 200,00 € gross / 1 106,88 € net since the
    /// first contracts of 2010). Used as defaults when a contract gives no amount.
    pub allowance_rates: Vec<AllowanceRate>,
    /// Penalty before the diploma, per month of allowance received (200 €).
    pub penalty_per_month: Decimal,
    /// Minimum penalty before the diploma (2 000 €).
    pub penalty_floor: Decimal,
    /// Penalty after the diploma (20 000 €).
    pub penalty_after_diploma: Decimal,
    /// Minimum length of the commitment in months (24).
    pub minimum_commitment_months: u32,
    /// Medicine: threshold 36 months, coefficient 120 (annex of the arrêté of 24/06/2011).
    pub degressive_medecine: Degressive,
    /// Odontology: threshold 24 months, coefficient 72 (arrêté of 29/10/2013).
    pub degressive_odontologie: Degressive,
    /// Maïeutique: the texts are silent; defaults to the medicine values (36 / 120) **(to confirm)**.
    pub degressive_maieutique: Degressive,
    /// Pharmacie: the texts are silent; defaults to the medicine values (36 / 120) **(to confirm)**.
    pub degressive_pharmacie: Degressive,
    /// Definitive suspension (interns): the request must reach the CNG within this many days of the
    /// first day as an intern (30).
    pub definitive_suspension_request_days: u32,
}

impl Default for Parameters {
    fn default() -> Self {
        let medecine = Degressive {
            threshold_months: 36,
            coefficient: dec!(120),
        };
        Parameters {
            allowance_rates: vec![AllowanceRate {
                // First CESP contracts (regime 2010, décret of 29/06/2010).
                from: NaiveDate::from_ymd_opt(2010, 6, 29).unwrap_or(NaiveDate::MIN),
                monthly_gross: dec!(1200.00),
                monthly_net: dec!(1106.88),
            }],
            penalty_per_month: dec!(200),
            penalty_floor: dec!(2000),
            penalty_after_diploma: dec!(20000),
            minimum_commitment_months: 24,
            degressive_medecine: medecine.clone(),
            degressive_odontologie: Degressive {
                threshold_months: 24,
                coefficient: dec!(72),
            },
            degressive_maieutique: medecine.clone(),
            degressive_pharmacie: medecine,
            definitive_suspension_request_days: 30,
        }
    }
}

impl Parameters {
    /// The degressive parameters of a discipline.
    pub fn degressive_for(&self, discipline: Discipline) -> &Degressive {
        match discipline {
            Discipline::Medecine => &self.degressive_medecine,
            Discipline::Odontologie => &self.degressive_odontologie,
            Discipline::Maieutique => &self.degressive_maieutique,
            Discipline::Pharmacie => &self.degressive_pharmacie,
        }
    }

    /// The allowance amounts in force on `date`: the latest row whose `from` is on or before it;
    /// for a date before the whole table, its earliest row. `None` only when the table is empty.
    pub fn allowance_at(&self, date: NaiveDate) -> Option<&AllowanceRate> {
        self.allowance_rates
            .iter()
            .filter(|r| r.from <= date)
            .max_by_key(|r| r.from)
            .or_else(|| self.allowance_rates.iter().min_by_key(|r| r.from))
    }

    /// Whether a definitive-suspension request is in time: on or after the first day as an intern and
    /// at most `definitive_suspension_request_days` days after it, both ends inclusive (with 30 days, a
    /// first day on 01/11 allows requests from 01/11 to 01/12). A request dated before the first day as
    /// an intern is not accepted: the signatory is not an intern yet.
    pub fn definitive_suspension_request_ok(
        &self,
        first_day_as_intern: NaiveDate,
        request: NaiveDate,
    ) -> bool {
        let days = request.signed_duration_since(first_day_as_intern).num_days();
        (0..=i64::from(self.definitive_suspension_request_days)).contains(&days)
    }
}

/// [`Parameters::definitive_suspension_request_ok`] with the default 30 days.
pub fn definitive_suspension_request_ok(first_day_as_intern: NaiveDate, request: NaiveDate) -> bool {
    Parameters::default().definitive_suspension_request_ok(first_day_as_intern, request)
}

/// A definitive suspension takes effect on the 1 January following the request (a request made on a
/// 1 January takes effect on the 1 January of the next year).
pub fn definitive_suspension_effective(request: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(request.year() + 1, 1, 1).unwrap_or(NaiveDate::MAX)
}

/// Where the signatory stood on the day of the rupture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub enum Phase {
    /// Before the diploma: penalty of 200 € per month paid, at least 2 000 €.
    #[serde(rename = "avant_diplome")]
    AvantDiplome,
    /// Diploma obtained, not installed: penalty 20 000 €, rate 100 %.
    #[serde(rename = "apres_diplome")]
    ApresDiplome,
    /// Installed: penalty 20 000 €, degressive rate.
    #[serde(rename = "en_exercice")]
    EnExercice,
}

impl Phase {
    pub const ALL: &'static [Phase] = &[Phase::AvantDiplome, Phase::ApresDiplome, Phase::EnExercice];

    pub fn code(self) -> &'static str {
        match self {
            Phase::AvantDiplome => "avant_diplome",
            Phase::ApresDiplome => "apres_diplome",
            Phase::EnExercice => "en_exercice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::AvantDiplome => "Avant le diplôme",
            Phase::ApresDiplome => "Après le diplôme, avant l'installation",
            Phase::EnExercice => "En exercice",
        }
    }
}

/// The sums owed on rupture (domain.md §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rupture {
    pub date: NaiveDate,
    pub phase: Phase,
    /// Σ net allowances received up to the rupture (= `Computation::net_total`).
    pub allocations: Decimal,
    pub penalty: Decimal,
    /// The rate in percent, full precision (~28 significant digits); see [`Rupture::rate_rounded`].
    pub rate: Decimal,
    /// (allocations + penalty) × rate / 100, rounded once to the cent, half away from zero; ≥ 0.
    pub total: Decimal,
}

impl Rupture {
    /// The rate in percent rounded to 4 decimals (half away from zero), for display.
    pub fn rate_rounded(&self) -> Decimal {
        round_fixed(self.rate, 4)
    }
}

/// Months paid at the same amounts (see [`Computation::allowance_lines`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceLine {
    /// First day of the first month paid at these amounts.
    pub from: NaiveDate,
    pub months: u32,
    pub monthly_gross: Decimal,
    pub monthly_net: Decimal,
}

/// The result of [`compute`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Computation {
    /// The earliest of allocation_end, rupture_date and as_of.
    pub cutoff: NaiveDate,
    /// Months of allowance paid up to the cut-off.
    pub months_paid: u32,
    /// Σ over the months paid of the gross amount in force on their first day, scale 2.
    pub gross_total: Decimal,
    /// Σ over the months paid of the net amount in force on their first day, scale 2.
    pub net_total: Decimal,
    /// The months paid grouped by the amounts they were paid at, in order of their first month:
    /// the line-by-line detail of `gross_total` and `net_total` (one line without rate change).
    pub allowance_lines: Vec<AllowanceLine>,
    /// Months of allowance over the whole contract, the basis of the commitment: up to allocation_end
    /// (or the rupture if earlier); while the allowance is still paid (no allocation_end), up to the
    /// cut-off. Can exceed `months_paid` when allocation_end is after as_of.
    pub commitment_basis_months: u32,
    /// max(commitment_basis_months, minimum_commitment_months).
    pub commitment_months: u32,
    /// practice_start + (commitment_months + months of practice suspension) months − 1 day.
    pub commitment_end: Option<NaiveDate>,
    /// f: whole months served at the rupture date (or as_of), practice suspensions deducted.
    pub months_served: u32,
    /// commitment_months − months_served, floored at 0; `None` without practice_start.
    pub months_remaining: Option<u32>,
    pub rupture: Option<Rupture>,
    /// Consistency warnings (French), not errors.
    pub warnings: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// A date shown the French way (jj/mm/aaaa).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrDate(pub NaiveDate);

impl fmt::Display for FrDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%d/%m/%Y"))
    }
}

fn fr(d: NaiveDate) -> FrDate {
    FrDate(d)
}

fn fr_opt(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "en cours".to_string(), |d| fr(d).to_string())
}

/// A rule broken by a contract. Messages are French and start with the field concerned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LedgerError {
    #[error("{field} : la suspension doit commencer le 1er d'un mois (reçu {date}).")]
    NotFirstOfMonth { field: String, date: FrDate },
    #[error("{field} : la suspension doit se terminer le dernier jour d'un mois (reçu {date}).")]
    NotLastOfMonth { field: String, date: FrDate },
    #[error("{field} : la fin ({end}) précède le début ({start}).")]
    EndBeforeStart {
        field: String,
        start: FrDate,
        end: FrDate,
    },
    #[error("{field} : la suspension chevauche {other}.")]
    Overlap { field: String, other: String },
    #[error(
        "{field} : la suspension ({start} – {end}) doit se situer dans la période d'allocation \
         (de {period_start} à {period_end})."
    )]
    OutsideAllowance {
        field: String,
        start: FrDate,
        end: FrDate,
        period_start: FrDate,
        period_end: String,
    },
    #[error("{field} : la suspension d'exercice ({start}) précède l'installation ({practice_start}).")]
    BeforePracticeStart {
        field: String,
        start: FrDate,
        practice_start: FrDate,
    },
    #[error("{field} : suspension d'exercice sans date d'installation (practice_start).")]
    NoPracticeStart { field: String },
    #[error("allocation_end : la fin de l'allocation ({end}) précède son début ({start}).")]
    AllocationEndBeforeStart { start: FrDate, end: FrDate },
    #[error("{field} : la date ({date}) précède le début de l'allocation ({allocation_start}).")]
    BeforeAllocationStart {
        field: String,
        date: FrDate,
        allocation_start: FrDate,
    },
    #[error("{field} : date invraisemblable ({date}) ; attendu entre 1900 et 2199.")]
    DateOutOfRange { field: String, date: FrDate },
    #[error("{field} : montant invalide ({value}) : {reason}.")]
    InvalidAmount {
        field: String,
        value: String,
        reason: String,
    },
    #[error("Dépassement de capacité lors du calcul ({what}).")]
    Overflow { what: String },
    #[error("{}", join_messages(.0))]
    Invalid(Vec<LedgerError>),
}

impl LedgerError {
    /// The input field the error is about (`allocation_end`, `suspensions[1]`,
    /// `practice_suspensions[0].start`…), when there is one.
    pub fn field(&self) -> Option<&str> {
        use LedgerError::*;
        match self {
            NotFirstOfMonth { field, .. }
            | NotLastOfMonth { field, .. }
            | EndBeforeStart { field, .. }
            | Overlap { field, .. }
            | OutsideAllowance { field, .. }
            | BeforePracticeStart { field, .. }
            | NoPracticeStart { field }
            | BeforeAllocationStart { field, .. }
            | DateOutOfRange { field, .. }
            | InvalidAmount { field, .. } => Some(field),
            AllocationEndBeforeStart { .. } => Some("allocation_end"),
            Overflow { .. } | Invalid(_) => None,
        }
    }
}

fn join_messages(errors: &[LedgerError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn overflow(what: &str) -> LedgerError {
    LedgerError::Overflow {
        what: what.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers
// ---------------------------------------------------------------------------------------------

/// Months since year 0 (January of year 0 = 0): consecutive months have consecutive indexes.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn first_of_month_index(idx: i64) -> Option<NaiveDate> {
    let year = i32::try_from(idx.div_euclid(12)).ok()?;
    let month = u32::try_from(idx.rem_euclid(12) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, 1)
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month_index(month_index(d) + 1)
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

fn is_last_of_month(d: NaiveDate) -> bool {
    last_of_month(d) == d
}

/// `start` + `months` months: the same day of the month, or the 1st of the following month when
/// that day does not exist in the target month (see the module doc).
fn add_months_civil(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    let idx = month_index(start) + i64::from(months);
    let first = first_of_month_index(idx)?;
    first
        .with_day(start.day())
        .or_else(|| first_of_month_index(idx + 1))
}

/// Last day of a period of `months` months starting on `start`: start + months months − 1 day
/// (the "quantième" rule of the module doc). Shared with the interviews and installation rules
/// so that every period of the application ends on the same day.
pub fn period_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    add_months_civil(start, months)?.checked_sub_days(Days::new(1))
}

/// Number of calendar months from the month of `start` to the month of `end`, both included.
fn months_spanned(start: NaiveDate, end: NaiveDate) -> u32 {
    u32::try_from(month_index(end) - month_index(start) + 1).unwrap_or(0)
}

/// Number of month indexes in [a1, a2] ∩ [b1, b2].
fn overlap_len(a1: i64, a2: i64, b1: i64, b2: i64) -> i64 {
    max(0, min(a2, b2) - max(a1, b1) + 1)
}

// ---------------------------------------------------------------------------------------------
// Decimal helpers
// ---------------------------------------------------------------------------------------------

/// Square root by Newton's iteration, `None` for a negative number.
///
/// Why not `rust_decimal`'s `maths` feature: the iteration is a dozen lines, needs no extra feature
/// in the main project, and its precision contract is explicit and tested here. Starting from
/// x₀ = max(x, 1) ≥ √x, Newton's sequence decreases monotonically towards √x (quadratic convergence);
/// we stop as soon as it no longer decreases, i.e. when the rounding of `Decimal` (28–29 significant
/// digits) is reached. The result is exact to about 27 significant digits (tested ≥ 20).
pub fn decimal_sqrt(x: Decimal) -> Option<Decimal> {
    if x.is_sign_negative() && !x.is_zero() {
        return None;
    }
    if x.is_zero() {
        return Some(Decimal::ZERO);
    }
    let mut current = max(x, Decimal::ONE);
    for _ in 0..400 {
        let next = match x.checked_div(current).and_then(|q| current.checked_add(q)) {
            Some(sum) => sum / Decimal::TWO,
            // Only for x near Decimal::MAX: halve first to stay in range.
            None => current / Decimal::TWO + (x / current) / Decimal::TWO,
        };
        if next >= current {
            break;
        }
        current = next;
    }
    Some(current)
}

/// Rounds `value` to `dp` decimals, half away from zero, and shows exactly `dp` decimals; never "-0".
fn round_fixed(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r = Decimal::ZERO;
    }
    r.rescale(dp);
    r
}

/// Rounds money to the cent, half away from zero, with scale 2 (e.g. 0.125 → 0.13, 5 → 5.00).
pub fn round_money(value: Decimal) -> Decimal {
    round_fixed(value, 2)
}

/// The degressive rate in percent (full precision) for a commitment of `commitment_months` (d) of
/// which `months_served` (f) were served: 100 if f ≤ threshold, else
/// 100 − min(100 ; coefficient × √((f − threshold) / d)); always within [0, 100]. With d = 0 (only
/// possible with a minimum commitment set to 0) and f above the threshold, the rate is 0.
pub fn degressive_rate(degressive: &Degressive, commitment_months: u32, months_served: u32) -> Decimal {
    let hundred = dec!(100);
    if months_served <= degressive.threshold_months {
        return hundred;
    }
    if commitment_months == 0 {
        return Decimal::ZERO;
    }
    let ratio = Decimal::from(months_served - degressive.threshold_months) / Decimal::from(commitment_months);
    let reduction = decimal_sqrt(ratio)
        .and_then(|root| degressive.coefficient.checked_mul(root))
        .unwrap_or(hundred);
    (hundred - min(hundred, reduction)).clamp(Decimal::ZERO, hundred)
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

fn check_range(field: &str, date: NaiveDate, errors: &mut Vec<LedgerError>) {
    if !(1900..=2199).contains(&date.year()) {
        errors.push(LedgerError::DateOutOfRange {
            field: field.to_string(),
            date: fr(date),
        });
    }
}

fn check_amount(field: &str, value: Decimal, errors: &mut Vec<LedgerError>) {
    let reason = if value.is_sign_negative() && !value.is_zero() {
        Some("le montant doit être positif ou nul")
    } else if value.normalize().scale() > 2 {
        Some("au plus deux décimales")
    } else {
        None
    };
    if let Some(reason) = reason {
        errors.push(LedgerError::InvalidAmount {
            field: field.to_string(),
            value: value.to_string().replace('.', ","),
            reason: reason.to_string(),
        });
    }
}

/// Checks the whole-month rule and end ≥ start of one period; `true` when start ≤ end.
fn check_whole_months(field: &str, start: NaiveDate, end: NaiveDate, errors: &mut Vec<LedgerError>) -> bool {
    check_range(&format!("{field}.start"), start, errors);
    check_range(&format!("{field}.end"), end, errors);
    if end < start {
        errors.push(LedgerError::EndBeforeStart {
            field: field.to_string(),
            start: fr(start),
            end: fr(end),
        });
        return false;
    }
    if start.day() != 1 {
        errors.push(LedgerError::NotFirstOfMonth {
            field: field.to_string(),
            date: fr(start),
        });
    }
    if !is_last_of_month(end) {
        errors.push(LedgerError::NotLastOfMonth {
            field: field.to_string(),
            date: fr(end),
        });
    }
    true
}

/// Reports the periods that overlap an earlier one. `periods`: (field, start, end), start ≤ end.
fn check_overlaps(mut periods: Vec<(String, NaiveDate, NaiveDate)>, errors: &mut Vec<LedgerError>) {
    periods.sort_by_key(|p| (p.1, p.2));
    let mut furthest: Option<(String, NaiveDate)> = None;
    for (field, start, end) in periods {
        match &furthest {
            Some((other, other_end)) if start <= *other_end => {
                errors.push(LedgerError::Overlap {
                    field: field.clone(),
                    other: other.clone(),
                });
                if end > *other_end {
                    furthest = Some((field, end));
                }
            }
            _ => furthest = Some((field, end)),
        }
    }
}

/// Checks a contract against the rules of domain.md (whole-month suspensions inside the allowance
/// period and not overlapping, coherent dates, valid amounts). Returns every error found.
///
/// Not errors here but warnings of [`compute`]: practice_start before diploma_date, installed without
/// a diploma date, allowance paid beyond the month of the diploma.
pub fn validate(c: &Contract) -> Result<(), Vec<LedgerError>> {
    let mut errors = Vec::new();
    check_range("allocation_start", c.allocation_start, &mut errors);
    if let Some(end) = c.allocation_end {
        check_range("allocation_end", end, &mut errors);
        if end < c.allocation_start {
            errors.push(LedgerError::AllocationEndBeforeStart {
                start: fr(c.allocation_start),
                end: fr(end),
            });
        }
    }
    check_amount("monthly_gross", c.monthly_gross, &mut errors);
    check_amount("monthly_net", c.monthly_net, &mut errors);
    if c.monthly_net > c.monthly_gross {
        errors.push(LedgerError::InvalidAmount {
            field: "monthly_net".to_string(),
            value: c.monthly_net.to_string().replace('.', ","),
            reason: format!(
                "le net ne peut dépasser le brut ({})",
                c.monthly_gross.to_string().replace('.', ",")
            ),
        });
    }
    for (i, r) in c.rate_changes.iter().enumerate() {
        check_range(&format!("allowance_rates[{i}].from"), r.from, &mut errors);
        check_amount(
            &format!("allowance_rates[{i}].monthly_gross"),
            r.monthly_gross,
            &mut errors,
        );
        check_amount(
            &format!("allowance_rates[{i}].monthly_net"),
            r.monthly_net,
            &mut errors,
        );
        if r.monthly_net > r.monthly_gross {
            errors.push(LedgerError::InvalidAmount {
                field: format!("allowance_rates[{i}].monthly_net"),
                value: r.monthly_net.to_string().replace('.', ","),
                reason: format!(
                    "le net ne peut dépasser le brut ({})",
                    r.monthly_gross.to_string().replace('.', ",")
                ),
            });
        }
    }
    if let Some(from) = c.definitive_suspension_from {
        check_range("definitive_suspension_from", from, &mut errors);
        if from.day() != 1 {
            errors.push(LedgerError::NotFirstOfMonth {
                field: "definitive_suspension_from".to_string(),
                date: fr(from),
            });
        } else if from < first_of_month(c.allocation_start) {
            errors.push(LedgerError::BeforeAllocationStart {
                field: "definitive_suspension_from".to_string(),
                date: fr(from),
                allocation_start: fr(c.allocation_start),
            });
        }
    }
    for (field, date) in [
        ("diploma_date", c.diploma_date),
        ("practice_start", c.practice_start),
    ] {
        if let Some(date) = date {
            check_range(field, date, &mut errors);
            // A diploma or an installation before the allowance even started is a typing error.
            if date < first_of_month(c.allocation_start) {
                errors.push(LedgerError::BeforeAllocationStart {
                    field: field.to_string(),
                    date: fr(date),
                    allocation_start: fr(c.allocation_start),
                });
            }
        }
    }

    // Allowance suspensions: inside the months of the allowance period, i.e. from the 1st of the
    // month of allocation_start to the last day of the month of allocation_end (open if none).
    let period_start = first_of_month(c.allocation_start);
    let period_end = c.allocation_end.map(last_of_month);
    let mut spans = Vec::new();
    for (i, s) in c.suspensions.iter().enumerate() {
        let field = format!("suspensions[{i}]");
        if !check_whole_months(&field, s.start, s.end, &mut errors) {
            continue;
        }
        if s.start < period_start || period_end.is_some_and(|e| s.end > e) {
            errors.push(LedgerError::OutsideAllowance {
                field: field.clone(),
                start: fr(s.start),
                end: fr(s.end),
                period_start: fr(period_start),
                period_end: fr_opt(period_end),
            });
        }
        spans.push((field, s.start, s.end));
    }
    check_overlaps(spans, &mut errors);

    let mut spans = Vec::new();
    for (i, p) in c.practice_suspensions.iter().enumerate() {
        let field = format!("practice_suspensions[{i}]");
        if !check_whole_months(&field, p.start, p.end, &mut errors) {
            continue;
        }
        match c.practice_start {
            None => errors.push(LedgerError::NoPracticeStart { field: field.clone() }),
            Some(ps) if p.start < ps => errors.push(LedgerError::BeforePracticeStart {
                field: field.clone(),
                start: fr(p.start),
                practice_start: fr(ps),
            }),
            Some(_) => {}
        }
        spans.push((field, p.start, p.end));
    }
    check_overlaps(spans, &mut errors);

    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

// ---------------------------------------------------------------------------------------------
// Computation
// ---------------------------------------------------------------------------------------------

/// The months paid (as month indexes, in order) from the month of allocation_start to the month of
/// `cutoff`, both included, less the months of unpaid suspensions. A month counts when its first day
/// is ≥ the first day of the month of allocation_start (so a mid-month start counts its whole month)
/// and ≤ `cutoff` (so the month of the cut-off counts, whatever its day). Suspensions must not
/// overlap (checked by [`validate`]).
fn paid_month_indexes(c: &Contract, cutoff: NaiveDate) -> impl Iterator<Item = i64> + '_ {
    let first = month_index(c.allocation_start);
    let last = month_index(cutoff);
    let unpaid = unpaid_months(c);
    (first..=last).filter(move |m| !unpaid.iter().any(|(a, b)| a <= m && m <= b))
}

/// The first and last month indexes of each unpaid suspension.
fn unpaid_months(c: &Contract) -> Vec<(i64, i64)> {
    c.suspensions
        .iter()
        .filter(|s| !s.paid && s.start <= s.end)
        .map(|s| (month_index(s.start), month_index(s.end)))
        .collect()
}

fn paid_months(c: &Contract, cutoff: NaiveDate) -> u32 {
    u32::try_from(paid_month_indexes(c, cutoff).count()).unwrap_or(u32::MAX)
}

/// The amounts (gross, net) in force for the month `idx`: the latest rate change whose `from` is on
/// or before the month's first day, else the contract's amounts.
fn amounts_for_month(c: &Contract, idx: i64) -> (Decimal, Decimal) {
    if c.rate_changes.is_empty() {
        // The common case; no date to build for each of a contract's hundred months.
        return (c.monthly_gross, c.monthly_net);
    }
    let first_day = first_of_month_index(idx);
    c.rate_changes
        .iter()
        .filter(|r| first_day.is_some_and(|d| r.from <= d))
        .max_by_key(|r| r.from)
        .map_or((c.monthly_gross, c.monthly_net), |r| {
            (r.monthly_gross, r.monthly_net)
        })
}

/// The months paid up to `cutoff`, grouped by consecutive runs of the same amounts.
fn allowance_lines(c: &Contract, cutoff: NaiveDate) -> Vec<AllowanceLine> {
    let mut lines: Vec<AllowanceLine> = Vec::new();
    for idx in paid_month_indexes(c, cutoff) {
        let (gross, net) = amounts_for_month(c, idx);
        match lines.last_mut() {
            Some(l) if l.monthly_gross == gross && l.monthly_net == net => l.months += 1,
            _ => lines.push(AllowanceLine {
                from: first_of_month_index(idx).unwrap_or(c.allocation_start),
                months: 1,
                monthly_gross: gross,
                monthly_net: net,
            }),
        }
    }
    lines
}

/// The months paid whose first day lies between `from` and `to` (both included) and their gross
/// sum: what the allowance cost over a period (a calendar year, in the regional counts). The
/// allowance end, a definitive suspension and unpaid suspensions stop it as in [`compute`].
pub fn paid_between(c: &Contract, from: NaiveDate, to: NaiveDate) -> Result<(u32, Decimal), LedgerError> {
    let cutoff = effective_allocation_end(c).map_or(to, |e| min(e, to));
    let first = month_index(c.allocation_start).max(month_index(from) + i64::from(from.day() != 1));
    let unpaid = unpaid_months(c);
    let mut months = 0u32;
    let mut gross = Decimal::new(0, 2);
    for idx in first..=month_index(cutoff) {
        if unpaid.iter().any(|(a, b)| *a <= idx && idx <= *b) {
            continue;
        }
        months += 1;
        gross = gross
            .checked_add(amounts_for_month(c, idx).0)
            .ok_or_else(|| overflow("total brut"))?;
    }
    Ok((months, gross))
}

/// The end of the allowance for the computation: allocation_end, or the day before a definitive
/// suspension takes effect if that is earlier.
fn effective_allocation_end(c: &Contract) -> Option<NaiveDate> {
    let stop = c.definitive_suspension_from.and_then(|d| d.pred_opt());
    match (c.allocation_end, stop) {
        (Some(e), Some(s)) => Some(min(e, s)),
        (e, s) => e.or(s),
    }
}

/// Practice suspensions in order, with the commitment end they lead to. A suspension pushes the end
/// back by its number of months when it starts on or before the end as pushed so far; one starting
/// after it is ignored (and reported as a warning).
fn commitment_end_of(
    c: &Contract,
    practice_start: NaiveDate,
    commitment_months: u32,
    warnings: &mut Vec<String>,
) -> Result<NaiveDate, LedgerError> {
    let mut sorted: Vec<(usize, &Period)> = c.practice_suspensions.iter().enumerate().collect();
    sorted.sort_by_key(|(_, p)| p.start);
    let mut months = commitment_months;
    let mut end = period_end(practice_start, months).ok_or_else(|| overflow("fin d'engagement"))?;
    for (i, p) in sorted {
        if p.start <= end {
            months = months
                .checked_add(months_spanned(p.start, p.end))
                .ok_or_else(|| overflow("mois"))?;
            end = period_end(practice_start, months).ok_or_else(|| overflow("fin d'engagement"))?;
        } else {
            warnings.push(format!(
                "practice_suspensions[{i}] : commence après la fin de l'engagement ({}) ; \
                 non prise en compte.",
                fr(end)
            ));
        }
    }
    Ok(end)
}

/// f: the largest m with practice_start + m months − 1 day ≤ `date`, less the months of practice
/// suspension lying wholly inside [practice_start, that day] (a suspension still running at `date`
/// is deducted for its months already elapsed). 0 when `date` is before practice_start.
fn served_months(c: &Contract, practice_start: NaiveDate, date: NaiveDate) -> Result<u32, LedgerError> {
    if date < practice_start {
        return Ok(0);
    }
    let mut m = months_spanned(practice_start, date);
    loop {
        let end = period_end(practice_start, m).ok_or_else(|| overflow("mois servis"))?;
        if end <= date || m == 0 {
            break;
        }
        m -= 1;
    }
    let span_end = period_end(practice_start, m).ok_or_else(|| overflow("mois servis"))?;
    // Last calendar month wholly inside the span.
    let last_full = if is_last_of_month(span_end) {
        month_index(span_end)
    } else {
        month_index(span_end) - 1
    };
    let first_full = month_index(practice_start) + i64::from(practice_start.day() != 1);
    let suspended: i64 = c
        .practice_suspensions
        .iter()
        .filter(|p| p.start <= p.end)
        .map(|p| overlap_len(first_full, last_full, month_index(p.start), month_index(p.end)))
        .sum();
    Ok(u32::try_from(max(0, i64::from(m) - suspended)).unwrap_or(0))
}

fn money_times(months: u32, amount: Decimal, what: &str) -> Result<Decimal, LedgerError> {
    Decimal::from(months)
        .checked_mul(amount)
        .map(round_money)
        .ok_or_else(|| overflow(what))
}

/// Phase at the rupture, in this order: before the diploma when there is no diploma date or the
/// rupture is before it; in practice when installed on or before the rupture; else after the diploma.
fn phase_at(c: &Contract, rupture: NaiveDate) -> Phase {
    match (c.diploma_date, c.practice_start) {
        (None, _) => Phase::AvantDiplome,
        (Some(d), _) if rupture < d => Phase::AvantDiplome,
        (_, Some(ps)) if rupture >= ps => Phase::EnExercice,
        _ => Phase::ApresDiplome,
    }
}

/// Computes everything the screens and `cesp simulate` show for a contract on `as_of`, and the sums
/// owed if `rupture_date` is given. Validates the contract first ([`LedgerError::Invalid`] with every
/// error found).
///
/// - Cut-off = the earliest of allocation_end, rupture_date and as_of; `months_paid` counts the months
///   whose first day is on or before it (see [`Computation::months_paid`]).
/// - The commitment is based on the months of allowance over the whole contract: up to allocation_end
///   (or the rupture if earlier) even when as_of is before it; while the allowance is still paid
///   (allocation_end = None) it is computed as of the cut-off and grows with time.
/// - `months_served` is counted at rupture_date if given, else at as_of.
pub fn compute(
    c: &Contract,
    p: &Parameters,
    as_of: NaiveDate,
    rupture_date: Option<NaiveDate>,
) -> Result<Computation, LedgerError> {
    let mut errors = validate(c).err().unwrap_or_default();
    check_range("as_of", as_of, &mut errors);
    if let Some(r) = rupture_date {
        check_range("rupture_date", r, &mut errors);
    }
    if !errors.is_empty() {
        return Err(LedgerError::Invalid(errors));
    }
    let mut warnings = Vec::new();

    let allocation_end = effective_allocation_end(c);
    let cutoff = [Some(as_of), rupture_date, allocation_end]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(as_of);
    let lines = allowance_lines(c, cutoff);
    let months_paid = lines.iter().map(|l| l.months).sum::<u32>();
    // Scale 2 even when nothing was paid: amounts always print with their cents.
    let mut gross_total = Decimal::new(0, 2);
    let mut net_total = Decimal::new(0, 2);
    for l in &lines {
        gross_total = gross_total
            .checked_add(money_times(l.months, l.monthly_gross, "total brut")?)
            .ok_or_else(|| overflow("total brut"))?;
        net_total = net_total
            .checked_add(money_times(l.months, l.monthly_net, "total net")?)
            .ok_or_else(|| overflow("total net"))?;
    }

    let basis_cutoff = match allocation_end {
        Some(end) => rupture_date.map_or(end, |r| min(r, end)),
        None => rupture_date.map_or(as_of, |r| min(r, as_of)),
    };
    let commitment_basis_months = paid_months(c, basis_cutoff);
    let commitment_months = max(commitment_basis_months, p.minimum_commitment_months);

    let served_at = rupture_date.unwrap_or(as_of);
    let (commitment_end, months_served, months_remaining) = match c.practice_start {
        Some(ps) => {
            let end = commitment_end_of(c, ps, commitment_months, &mut warnings)?;
            let served = served_months(c, ps, served_at)?;
            (Some(end), served, Some(commitment_months.saturating_sub(served)))
        }
        None => (None, 0, None),
    };

    let rupture = match rupture_date {
        None => None,
        Some(date) => {
            let phase = phase_at(c, date);
            let penalty = match phase {
                Phase::AvantDiplome => {
                    let per_month = Decimal::from(months_paid)
                        .checked_mul(p.penalty_per_month)
                        .ok_or_else(|| overflow("pénalité"))?;
                    max(per_month, p.penalty_floor)
                }
                Phase::ApresDiplome | Phase::EnExercice => p.penalty_after_diploma,
            };
            let penalty = round_money(penalty);
            let rate = match phase {
                Phase::EnExercice => {
                    degressive_rate(p.degressive_for(c.discipline), commitment_months, months_served)
                }
                _ => dec!(100),
            };
            let base = net_total
                .checked_add(penalty)
                .ok_or_else(|| overflow("indemnité"))?;
            let total = base
                .checked_mul(rate)
                .and_then(|x| x.checked_div(dec!(100)))
                .ok_or_else(|| overflow("indemnité"))?;
            let total = round_money(max(total, Decimal::ZERO));
            Some(Rupture {
                date,
                phase,
                allocations: net_total,
                penalty,
                rate,
                total,
            })
        }
    };

    consistency_warnings(
        c,
        as_of,
        rupture_date,
        commitment_months,
        months_served,
        &mut warnings,
    );
    Ok(Computation {
        cutoff,
        months_paid,
        gross_total,
        net_total,
        allowance_lines: lines,
        commitment_basis_months,
        commitment_months,
        commitment_end,
        months_served,
        months_remaining,
        rupture,
        warnings,
    })
}

/// French consistency warnings: data that the rules accept but that an agent should look at.
fn consistency_warnings(
    c: &Contract,
    as_of: NaiveDate,
    rupture_date: Option<NaiveDate>,
    commitment_months: u32,
    months_served: u32,
    warnings: &mut Vec<String>,
) {
    if let Some(ps) = c.practice_start {
        match c.diploma_date {
            None => warnings.push("Installé sans date de diplôme.".to_string()),
            Some(d) if ps < d => warnings.push(format!(
                "Installation ({}) antérieure à la date de diplôme ({}).",
                fr(ps),
                fr(d)
            )),
            Some(_) => {}
        }
        if c.allocation_end.is_none() {
            warnings.push(
                "Installé alors que l'allocation est toujours versée (pas de date de fin d'allocation)."
                    .to_string(),
            );
        }
    }
    if let (Some(end), Some(d)) = (c.allocation_end, c.diploma_date) {
        if end > last_of_month(d) {
            warnings.push(format!(
                "Allocation versée jusqu'au {} : au-delà du mois du diplôme ({}).",
                fr(end),
                fr(d)
            ));
        }
    }
    if let Some(r) = rupture_date {
        if r > as_of {
            warnings.push(format!(
                "Rupture ({}) postérieure à la date de calcul ({}) : les mensualités sont comptées \
                 jusqu'au {}.",
                fr(r),
                fr(as_of),
                fr(min(as_of, c.allocation_end.unwrap_or(as_of)))
            ));
        }
        if r < c.allocation_start {
            warnings.push(format!(
                "Rupture ({}) antérieure au début de l'allocation ({}) : aucune mensualité versée.",
                fr(r),
                fr(c.allocation_start)
            ));
        }
        let phase = phase_at(c, r);
        if phase == Phase::AvantDiplome && c.practice_start.is_some_and(|ps| r >= ps) {
            warnings.push(
                "Rupture après l'installation mais avant la date de diplôme (ou sans elle) : phase « avant \
                 diplôme » retenue ; vérifier la date de diplôme."
                    .to_string(),
            );
        }
        if phase == Phase::EnExercice && months_served >= commitment_months {
            warnings.push(format!(
                "Rupture après {months_served} mois servis sur {commitment_months} : l'engagement était \
                 déjà accompli."
            ));
        }
    } else if as_of < c.allocation_start {
        warnings.push(format!(
            "Date de calcul ({}) antérieure au début de l'allocation ({}) : aucune mensualité comptée.",
            fr(as_of),
            fr(c.allocation_start)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn od(s: &str) -> Option<NaiveDate> {
        (!s.is_empty()).then(|| d(s))
    }

    fn dec_s(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The worked example of domain.md §6, without rupture.
    fn example() -> Contract {
        Contract {
            discipline: Discipline::Medecine,
            allocation_start: d("2015-10-01"),
            allocation_end: Some(d("2020-09-30")),
            monthly_gross: dec!(1200.00),
            monthly_net: dec!(1106.88),
            rate_changes: vec![],
            definitive_suspension_from: None,
            suspensions: vec![],
            diploma_date: Some(d("2020-10-15")),
            practice_start: Some(d("2020-11-01")),
            practice_suspensions: vec![],
        }
    }

    fn student(start: &str, end: &str) -> Contract {
        Contract {
            allocation_start: d(start),
            allocation_end: od(end),
            diploma_date: None,
            practice_start: None,
            ..example()
        }
    }

    fn susp(start: &str, end: &str, paid: bool) -> Suspension {
        Suspension {
            start: d(start),
            end: d(end),
            paid,
        }
    }

    fn period(start: &str, end: &str) -> Period {
        Period {
            start: d(start),
            end: d(end),
        }
    }

    fn run(c: &Contract, as_of: &str, rupture: &str) -> Computation {
        compute(c, &Parameters::default(), d(as_of), od(rupture)).unwrap()
    }

    fn rate(from: &str, gross: Decimal, net: Decimal) -> AllowanceRate {
        AllowanceRate {
            from: d(from),
            monthly_gross: gross,
            monthly_net: net,
        }
    }

    #[test]
    fn allowance_paid_in_a_year() {
        let year = |c: &Contract, y: i32, to: &str| paid_between(c, d(&format!("{y}-01-01")), d(to)).unwrap();
        let c = example();
        // Paid from October 2015: three months in 2015, twelve in 2016, nine in 2020.
        assert_eq!(year(&c, 2015, "2015-12-31"), (3, dec!(3600.00)));
        assert_eq!(year(&c, 2016, "2016-12-31"), (12, dec!(14400.00)));
        assert_eq!(year(&c, 2020, "2020-12-31"), (9, dec!(10800.00)));
        assert_eq!(year(&c, 2021, "2021-12-31"), (0, dec!(0.00)));
        // As of 15/06/2016: January to June (the month of the date counts, as in the ledger).
        assert_eq!(year(&c, 2016, "2016-06-15"), (6, dec!(7200.00)));
        // A three-month unpaid suspension, a rate change, a definitive suspension.
        let c = Contract {
            suspensions: vec![
                susp("2017-02-01", "2017-04-30", false),
                susp("2017-09-01", "2017-09-30", true),
            ],
            rate_changes: vec![rate("2017-07-01", dec!(1300.00), dec!(1199.12))],
            definitive_suspension_from: Some(d("2019-01-01")),
            ..example()
        };
        assert_eq!(year(&c, 2017, "2017-12-31"), (9, dec!(3600.00) + dec!(7800.00)));
        assert_eq!(year(&c, 2018, "2018-12-31"), (12, dec!(15600.00)));
        assert_eq!(year(&c, 2019, "2019-12-31"), (0, dec!(0.00)));
        // The year's total is the difference of the ledger's totals at the two year ends.
        let total = |at: &str| run(&c, at, "").gross_total;
        assert_eq!(
            year(&c, 2017, "2017-12-31").1,
            total("2017-12-31") - total("2016-12-31")
        );
    }

    #[test]
    fn each_month_is_paid_at_the_amounts_in_force_on_its_first_day() {
        // 60 months from 10/2015; a new rate from 15/03/2018 applies from April 2018 (its first
        // day is the first one on or after the change): 30 months at the old rate, 30 at the new.
        let c = Contract {
            rate_changes: vec![rate("2018-03-15", dec!(1300.00), dec!(1199.12))],
            ..example()
        };
        let got = run(&c, "2025-01-01", "2024-10-31");
        assert_eq!(got.months_paid, 60);
        assert_eq!(
            got.allowance_lines,
            vec![
                AllowanceLine {
                    from: d("2015-10-01"),
                    months: 30,
                    monthly_gross: dec!(1200.00),
                    monthly_net: dec!(1106.88),
                },
                AllowanceLine {
                    from: d("2018-04-01"),
                    months: 30,
                    monthly_gross: dec!(1300.00),
                    monthly_net: dec!(1199.12),
                },
            ]
        );
        assert_eq!(got.gross_total, dec!(75000.00)); // 30 × 1200 + 30 × 1300
        assert_eq!(got.net_total, dec!(69180.00)); // 30 × 1106.88 + 30 × 1199.12
        let r = got.rupture.unwrap();
        assert_eq!(r.allocations, dec!(69180.00));
        // (69 180,00 + 20 000) × 46,334… %
        assert_eq!(r.total, round_money((dec!(89180.00)) * r.rate / dec!(100)));

        // A change on the 1st of a month applies to that month; one after the cut-off to none.
        let c = Contract {
            rate_changes: vec![
                rate("2020-09-01", dec!(1300.00), dec!(1199.12)),
                rate("2030-01-01", dec!(9999.00), dec!(9999.00)),
            ],
            ..example()
        };
        let got = run(&c, "2025-01-01", "");
        assert_eq!(got.allowance_lines.len(), 2);
        assert_eq!(
            (got.allowance_lines[1].from, got.allowance_lines[1].months),
            (d("2020-09-01"), 1)
        );
        assert_eq!(got.net_total, dec!(59) * dec!(1106.88) + dec!(1199.12));

        // Unpaid suspension months are skipped, and a run of the same amounts stays one line.
        let c = Contract {
            suspensions: vec![susp("2016-01-01", "2016-03-31", false)],
            ..example()
        };
        let got = run(&c, "2025-01-01", "");
        assert_eq!(got.allowance_lines.len(), 1);
        assert_eq!(got.allowance_lines[0].months, 57);
        assert_eq!(got.net_total, dec!(57) * dec!(1106.88));
    }

    #[test]
    fn a_bad_rate_change_is_refused_naming_its_row() {
        let c = Contract {
            rate_changes: vec![rate("2018-01-01", dec!(1000.00), dec!(1100.00))],
            ..example()
        };
        let err = compute(&c, &Parameters::default(), d("2025-01-01"), None).unwrap_err();
        assert!(
            err.to_string().contains("allowance_rates[0].monthly_net"),
            "{err}"
        );
    }

    #[test]
    fn a_definitive_suspension_stops_the_allowance_on_its_first_day() {
        // An intern since 01/11/2018 paid from 10/2015; definitive suspension from 01/01/2019.
        let c = Contract {
            allocation_end: Some(d("2022-10-31")),
            definitive_suspension_from: Some(d("2019-01-01")),
            diploma_date: None,
            practice_start: None,
            ..example()
        };
        let got = run(&c, "2025-01-01", "");
        // 10/2015 … 12/2018 = 39 months, and the commitment is based on them alone.
        assert_eq!(got.months_paid, 39);
        assert_eq!(got.commitment_months, 39);
        assert_eq!(got.net_total, dec!(39) * dec!(1106.88));
        // A rupture in 2020 owes the 39 months and 200 € each.
        let r = run(&c, "2025-01-01", "2020-06-30").rupture.unwrap();
        assert_eq!(r.allocations, dec!(39) * dec!(1106.88));
        assert_eq!(r.penalty, dec!(7800));
        // Before it takes effect it changes nothing.
        let got = run(&c, "2018-12-31", "");
        assert_eq!(got.months_paid, 39);
        let got = run(&c, "2017-09-30", "");
        assert_eq!(got.months_paid, 24);
        // Still paid (no end yet): the allowance stops all the same.
        let open = Contract {
            allocation_end: None,
            ..c.clone()
        };
        assert_eq!(run(&open, "2025-01-01", "").months_paid, 39);
        assert_eq!(run(&open, "2025-01-01", "").commitment_months, 39);
        // After the end of the allowance it changes nothing either.
        let late = Contract {
            definitive_suspension_from: Some(d("2024-01-01")),
            ..c.clone()
        };
        assert_eq!(run(&late, "2025-01-01", "").months_paid, 85);
    }

    #[test]
    fn a_definitive_suspension_must_start_on_the_first_of_a_month_inside_the_allowance() {
        for (from, fragment) in [
            (
                "2019-01-15",
                "definitive_suspension_from : la suspension doit commencer le 1er d'un mois",
            ),
            (
                "2014-01-01",
                "definitive_suspension_from : la date (01/01/2014) précède le début",
            ),
        ] {
            let c = Contract {
                definitive_suspension_from: Some(d(from)),
                ..example()
            };
            let err = compute(&c, &Parameters::default(), d("2025-01-01"), None).unwrap_err();
            assert!(err.to_string().contains(fragment), "{from}: {err}");
        }
    }

    #[test]
    fn worked_example_of_domain_md() {
        let c = run(&example(), "2025-01-01", "2024-10-31");
        assert_eq!(c.months_paid, 60);
        assert_eq!(c.net_total, dec!(66412.80));
        assert_eq!(c.gross_total, dec!(72000.00));
        assert_eq!(c.commitment_months, 60);
        assert_eq!(c.months_served, 48);
        assert_eq!(c.months_remaining, Some(12));
        assert_eq!(c.commitment_end, Some(d("2025-10-31")));
        let r = c.rupture.unwrap();
        assert_eq!(r.phase, Phase::EnExercice);
        assert_eq!(r.allocations, dec!(66412.80));
        assert_eq!(r.penalty, dec!(20000.00));
        assert_eq!(r.rate_rounded().to_string(), "46.3344");
        // 100 − 120 × √0.2 = 46.334368540005...
        assert!(
            (r.rate - dec_s("46.33436854000504728617983195")).abs() < dec_s("1e-15"),
            "{}",
            r.rate
        );
        assert_eq!(r.total.to_string(), "40038.83");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    /// (allocation_start, allocation_end, as_of, rupture, suspensions, expected months)
    type PaidCase = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Vec<Suspension>,
        u32,
    );

    #[test]
    fn months_paid_table() {
        // (allocation_start, allocation_end, as_of, rupture, suspensions, expected months)
        let cases: Vec<PaidCase> = vec![
            ("2015-10-01", "2020-09-30", "2025-01-01", "", vec![], 60),
            // Start mid-month: its month counts.
            ("2015-10-15", "2020-09-30", "2025-01-01", "", vec![], 60),
            // End mid-month: the month of the end counts (its 1st is before the cut-off).
            ("2015-10-01", "2020-09-15", "2025-01-01", "", vec![], 60),
            ("2015-10-01", "2020-10-01", "2025-01-01", "", vec![], 61),
            ("2015-10-01", "2015-10-01", "2025-01-01", "", vec![], 1),
            // Still paid: counted up to as_of; the month of as_of counts from its 1st.
            ("2015-10-01", "", "2016-01-31", "", vec![], 4),
            ("2015-10-01", "", "2016-02-01", "", vec![], 5),
            ("2015-10-01", "", "2015-10-01", "", vec![], 1),
            ("2015-10-01", "", "2015-09-30", "", vec![], 0),
            // Rupture before the end of allowance.
            ("2015-10-01", "2020-09-30", "2025-01-01", "2017-03-10", vec![], 18),
            // as_of before allocation_end.
            ("2015-10-01", "2020-09-30", "2016-09-30", "", vec![], 12),
            // Unpaid suspension removed, paid one kept.
            (
                "2015-10-01",
                "2020-09-30",
                "2025-01-01",
                "",
                vec![susp("2016-01-01", "2016-03-31", false)],
                57,
            ),
            (
                "2015-10-01",
                "2020-09-30",
                "2025-01-01",
                "",
                vec![susp("2016-01-01", "2016-03-31", true)],
                60,
            ),
            (
                "2015-10-01",
                "2020-09-30",
                "2025-01-01",
                "",
                vec![
                    susp("2016-01-01", "2016-03-31", false),
                    susp("2017-01-01", "2017-12-31", true),
                ],
                57,
            ),
            // Suspension across the cut-off: only its months up to the cut-off are removed.
            (
                "2015-10-01",
                "",
                "2016-03-15",
                "",
                vec![susp("2016-01-01", "2016-06-30", false)],
                3,
            ),
            (
                "2015-10-01",
                "",
                "2025-01-01",
                "2016-02-10",
                vec![susp("2016-01-01", "2016-06-30", false)],
                3,
            ),
            // Suspension in the month of allocation_start (mid-month start).
            (
                "2015-10-15",
                "2016-09-30",
                "2025-01-01",
                "",
                vec![susp("2015-10-01", "2015-10-31", false)],
                11,
            ),
            // Leap year: nothing special for months.
            ("2020-02-29", "2020-03-31", "2025-01-01", "", vec![], 2),
        ];
        for (i, (start, end, as_of, rupture, suspensions, expected)) in cases.into_iter().enumerate() {
            let c = Contract {
                suspensions,
                ..student(start, end)
            };
            let got = run(&c, as_of, rupture);
            assert_eq!(got.months_paid, expected, "case {i}");
            assert_eq!(got.net_total, Decimal::from(expected) * dec!(1106.88), "case {i}");
            assert_eq!(
                got.gross_total,
                Decimal::from(expected) * dec!(1200.00),
                "case {i}"
            );
            assert_eq!(got.net_total.scale(), 2, "case {i}");
        }
    }

    #[test]
    fn amounts_without_decimals_still_have_two() {
        let c = Contract {
            monthly_gross: dec!(1200),
            monthly_net: dec!(1100),
            ..student("2020-01-01", "2020-03-31")
        };
        let got = run(&c, "2025-01-01", "");
        assert_eq!(got.gross_total.to_string(), "3600.00");
        assert_eq!(got.net_total.to_string(), "3300.00");
    }

    #[test]
    fn commitment_months_table() {
        // (allocation_start, allocation_end, as_of, rupture, expected commitment)
        let cases = [
            ("2015-10-01", "2020-09-30", "2025-01-01", "", 60),
            // Minimum 24.
            ("2019-10-01", "2020-07-31", "2025-01-01", "", 24),
            ("2018-10-01", "2020-09-30", "2025-01-01", "", 24),
            ("2018-09-01", "2020-09-30", "2025-01-01", "", 25),
            // Whole contract even when as_of is before allocation_end.
            ("2015-10-01", "2020-09-30", "2016-09-30", "", 60),
            // A rupture stops the allowance.
            ("2015-10-01", "2020-09-30", "2025-01-01", "2018-09-30", 36),
            // Still paid: as of the cut-off.
            ("2015-10-01", "", "2018-09-30", "", 36),
            ("2015-10-01", "", "2016-09-30", "", 24),
        ];
        for (i, (start, end, as_of, rupture, expected)) in cases.into_iter().enumerate() {
            let got = run(&student(start, end), as_of, rupture);
            assert_eq!(got.commitment_months, expected, "case {i}");
            assert_eq!(got.commitment_end, None, "case {i}");
            assert_eq!(got.months_remaining, None, "case {i}");
            assert_eq!(got.months_served, 0, "case {i}");
        }
        let partial = run(&example(), "2016-09-30", "");
        assert_eq!((partial.months_paid, partial.commitment_basis_months), (12, 60));
    }

    #[test]
    fn unpaid_suspension_reduces_commitment() {
        let c = Contract {
            suspensions: vec![susp("2016-01-01", "2016-12-31", false)],
            ..example()
        };
        let got = run(&c, "2025-01-01", "");
        assert_eq!((got.months_paid, got.commitment_months), (48, 48));
        assert_eq!(got.commitment_end, Some(d("2024-10-31")));
    }

    #[test]
    fn commitment_end_table() {
        // (allocation_start, allocation_end, practice_start, practice suspensions, expected end)
        let cases: Vec<(&str, &str, &str, Vec<Period>, &str)> = vec![
            ("2015-10-01", "2020-09-30", "2020-11-01", vec![], "2025-10-31"),
            ("2015-10-01", "2020-09-30", "2020-11-15", vec![], "2025-11-14"),
            // Minimum 24 months.
            ("2019-10-01", "2020-06-30", "2020-11-01", vec![], "2022-10-31"),
            // Leap years: start on 29/02, a day missing in the target month → last day of that month.
            ("2019-10-01", "2020-06-30", "2020-02-29", vec![], "2022-02-28"),
            ("2019-10-01", "2020-06-30", "2022-02-28", vec![], "2024-02-27"),
            ("2019-10-01", "2020-06-30", "2022-01-31", vec![], "2024-01-30"),
            // Pushed back by practice suspensions.
            (
                "2015-10-01",
                "2020-09-30",
                "2020-11-01",
                vec![period("2021-01-01", "2021-03-31")],
                "2026-01-31",
            ),
            (
                "2015-10-01",
                "2020-09-30",
                "2020-11-01",
                vec![
                    period("2023-01-01", "2023-01-31"),
                    period("2021-01-01", "2021-03-31"),
                ],
                "2026-02-28",
            ),
            // A suspension starting after the original end but within the pushed-back end counts.
            (
                "2019-10-01",
                "2020-06-30",
                "2020-11-01",
                vec![
                    period("2021-01-01", "2021-12-31"),
                    period("2023-06-01", "2023-07-31"),
                ],
                "2023-12-31",
            ),
            // One starting after the (pushed-back) end does not.
            (
                "2019-10-01",
                "2020-06-30",
                "2020-11-01",
                vec![period("2023-01-01", "2023-01-31")],
                "2022-10-31",
            ),
        ];
        for (i, (start, end, ps, practice_suspensions, expected)) in cases.into_iter().enumerate() {
            let c = Contract {
                practice_start: od(ps),
                diploma_date: od(ps),
                practice_suspensions,
                ..student(start, end)
            };
            let got = run(&c, "2021-01-01", "");
            assert_eq!(got.commitment_end, Some(d(expected)), "case {i}");
        }
        let c = Contract {
            practice_suspensions: vec![period("2026-01-01", "2026-01-31")],
            ..example()
        };
        let got = run(&c, "2025-01-01", "");
        assert_eq!(got.commitment_end, Some(d("2025-10-31")));
        assert_eq!(
            got.warnings,
            vec![
                "practice_suspensions[0] : commence après la fin de l'engagement (31/10/2025) ; \
                 non prise en compte."
            ]
        );
    }

    #[test]
    fn months_served_table() {
        // (practice_start, practice suspensions, date, expected f)
        let cases: Vec<(&str, Vec<Period>, &str, u32)> = vec![
            ("2020-11-01", vec![], "2024-10-31", 48),
            ("2020-11-01", vec![], "2024-10-30", 47),
            ("2020-11-01", vec![], "2024-11-01", 48),
            ("2020-11-01", vec![], "2020-11-01", 0),
            ("2020-11-01", vec![], "2020-11-30", 1),
            ("2020-11-01", vec![], "2020-10-31", 0),
            ("2020-11-01", vec![], "2019-01-01", 0),
            // Mid-month start.
            ("2020-11-15", vec![], "2020-12-14", 1),
            ("2020-11-15", vec![], "2020-12-13", 0),
            // Leap year: 29/02 + 12 months − 1 day = 28/02 of the next year.
            ("2020-02-29", vec![], "2021-02-27", 11),
            ("2020-02-29", vec![], "2021-02-28", 12),
            ("2020-02-29", vec![], "2024-02-28", 48),
            ("2020-01-31", vec![], "2020-02-28", 0),
            ("2020-01-31", vec![], "2020-02-29", 1),
            ("2021-01-31", vec![], "2021-02-28", 1),
            // Practice suspensions inside the span are deducted.
            (
                "2020-11-01",
                vec![period("2021-01-01", "2021-03-31")],
                "2024-10-31",
                45,
            ),
            // A suspension still running at the date: only its elapsed whole months.
            (
                "2020-11-01",
                vec![period("2024-09-01", "2024-12-31")],
                "2024-10-31",
                46,
            ),
            (
                "2020-11-01",
                vec![period("2024-09-01", "2024-12-31")],
                "2024-10-15",
                46,
            ),
            // A suspension after the date changes nothing.
            (
                "2020-11-01",
                vec![period("2025-01-01", "2025-03-31")],
                "2024-10-31",
                48,
            ),
            (
                "2020-11-15",
                vec![period("2020-12-01", "2020-12-31")],
                "2021-01-14",
                1,
            ),
        ];
        for (i, (ps, practice_suspensions, date, expected)) in cases.into_iter().enumerate() {
            let c = Contract {
                practice_start: od(ps),
                diploma_date: od(ps),
                practice_suspensions,
                ..example()
            };
            let c = Contract {
                allocation_start: d("2015-10-01"),
                ..c
            };
            let got = run(&c, date, "");
            assert_eq!(got.months_served, expected, "case {i}");
            assert_eq!(
                got.months_remaining,
                Some(got.commitment_months.saturating_sub(expected)),
                "case {i}"
            );
            // The rupture date, when given, wins over as_of.
            let at_rupture = run(&c, "2030-01-01", date);
            assert_eq!(at_rupture.months_served, expected, "case {i} (rupture)");
        }
    }

    #[test]
    fn months_remaining_never_negative() {
        let got = run(&example(), "2030-01-01", "");
        assert_eq!(got.months_served, 110);
        assert_eq!(got.months_remaining, Some(0));
    }

    #[test]
    fn penalty_before_diploma_with_floor() {
        // (months paid, expected penalty)
        for (months, expected) in [
            (0u32, dec!(2000)),
            (5, dec!(2000)),
            (10, dec!(2000)),
            (11, dec!(2200)),
            (60, dec!(12000)),
        ] {
            let c = student("2015-10-01", "");
            let as_of = if months == 0 {
                d("2015-09-30")
            } else {
                period_end(d("2015-10-01"), months).unwrap()
            };
            let got = compute(&c, &Parameters::default(), as_of, Some(as_of)).unwrap();
            assert_eq!(got.months_paid, months);
            let r = got.rupture.unwrap();
            assert_eq!(r.phase, Phase::AvantDiplome);
            assert_eq!(r.penalty, expected, "{months} months");
            assert_eq!(r.rate, dec!(100));
            assert_eq!(r.total, r.allocations + expected);
            assert_eq!(r.total.scale(), 2);
        }
    }

    #[test]
    fn phase_boundaries() {
        // (rupture date, expected phase, penalty, rate 100?)
        let cases = [
            ("2020-10-14", Phase::AvantDiplome, dec!(12000.00)),
            ("2020-10-15", Phase::ApresDiplome, dec!(20000.00)),
            ("2020-10-31", Phase::ApresDiplome, dec!(20000.00)),
            ("2020-11-01", Phase::EnExercice, dec!(20000.00)),
        ];
        for (date, phase, penalty) in cases {
            let r = run(&example(), "2025-01-01", date).rupture.unwrap();
            assert_eq!(
                (r.phase, r.penalty, r.rate),
                (phase, penalty, dec!(100)),
                "{date}"
            );
            assert_eq!(r.total, round_money(dec!(66412.80) + penalty), "{date}");
        }
        // No diploma date: before the diploma, whatever the date (and a warning if installed).
        let c = Contract {
            diploma_date: None,
            ..example()
        };
        let got = run(&c, "2025-01-01", "2024-10-31");
        assert_eq!(got.rupture.unwrap().phase, Phase::AvantDiplome);
        assert!(got.warnings.iter().any(|w| w == "Installé sans date de diplôme."));
        assert!(got
            .warnings
            .iter()
            .any(|w| w.contains("phase « avant diplôme » retenue")));
        // Diploma but not installed.
        let c = Contract {
            practice_start: None,
            ..example()
        };
        assert_eq!(
            run(&c, "2025-01-01", "2024-10-31").rupture.unwrap().phase,
            Phase::ApresDiplome
        );
    }

    #[test]
    fn phase_serialises_as_codes() {
        assert_eq!(
            serde_json::to_string(&Phase::AvantDiplome).unwrap(),
            "\"avant_diplome\""
        );
        assert_eq!(
            serde_json::to_string(&Phase::ApresDiplome).unwrap(),
            "\"apres_diplome\""
        );
        assert_eq!(
            serde_json::to_string(&Phase::EnExercice).unwrap(),
            "\"en_exercice\""
        );
        assert_eq!(Phase::EnExercice.code(), "en_exercice");
    }

    #[test]
    fn degressive_rate_table() {
        let p = Parameters::default();
        let med = p.degressive_for(Discipline::Medecine);
        let odo = p.degressive_for(Discipline::Odontologie);
        // (degressive, d, f, expected rate to 4 decimals)
        let cases = [
            (med, 60, 0, "100.0000"),
            (med, 60, 36, "100.0000"),
            (med, 60, 37, "84.5081"),
            (med, 60, 48, "46.3344"),
            (med, 60, 60, "24.1053"),
            (med, 60, 77, "0.8032"),
            (med, 60, 78, "0.0000"),
            (med, 60, 200, "0.0000"),
            (med, 24, 60, "0.0000"),
            (med, 36, 37, "80.0000"),
            (odo, 24, 24, "100.0000"),
            (odo, 24, 25, "85.3031"),
            (odo, 36, 33, "64.0000"),
            (odo, 24, 48, "28.0000"),
            (odo, 24, 71, "0.0000"),
            (p.degressive_for(Discipline::Maieutique), 60, 48, "46.3344"),
            (p.degressive_for(Discipline::Pharmacie), 60, 48, "46.3344"),
        ];
        for (deg, d, f, expected) in cases {
            let rate = degressive_rate(deg, d, f);
            assert_eq!(round_fixed(rate, 4).to_string(), expected, "d={d} f={f}");
        }
        // d = 0 (only with a minimum set to 0): the commitment is served.
        assert_eq!(degressive_rate(med, 0, 37), Decimal::ZERO);
    }

    #[test]
    fn rate_floors_at_zero_and_total_is_zero() {
        // d = 24 (10 months paid), f = 60 > d: 120 × √(24/24) = 120 > 100 → rate 0.
        let c = Contract {
            allocation_start: d("2019-12-01"),
            allocation_end: Some(d("2020-09-30")),
            ..example()
        };
        let got = run(&c, "2026-01-01", "2025-10-31");
        assert_eq!((got.commitment_months, got.months_served), (24, 60));
        let r = got.rupture.unwrap();
        assert_eq!(r.rate, Decimal::ZERO);
        assert_eq!(r.total.to_string(), "0.00");
        assert!(got
            .warnings
            .iter()
            .any(|w| w.contains("l'engagement était déjà accompli")));
    }

    #[test]
    fn odontology_threshold_in_a_rupture() {
        let c = Contract {
            discipline: Discipline::Odontologie,
            ..example()
        };
        let r24 = run(&c, "2025-01-01", "2022-10-31").rupture.unwrap();
        assert_eq!(r24.rate, dec!(100));
        assert_eq!(r24.total, dec!(86412.80));
        let r25 = run(&c, "2025-01-01", "2022-11-30").rupture.unwrap();
        // 100 − 72 × √(1/60) = 90.7048...
        assert_eq!(r25.rate_rounded().to_string(), "90.7048");
        let med = run(&example(), "2025-01-01", "2022-11-30").rupture.unwrap();
        assert_eq!(med.rate, dec!(100));
    }

    #[test]
    fn rounding_is_half_away_from_zero_once() {
        assert_eq!(round_money(dec!(0.125)).to_string(), "0.13");
        assert_eq!(round_money(dec!(0.135)).to_string(), "0.14");
        assert_eq!(round_money(dec!(2.665)).to_string(), "2.67");
        assert_eq!(round_money(dec!(-0.125)).to_string(), "-0.13");
        assert_eq!(round_money(dec!(-0.001)).to_string(), "0.00");
        assert_eq!(round_money(dec!(7)).to_string(), "7.00");
        // End to end: threshold 0, coefficient 50, d = 24, f = 6 → rate 100 − 50 × √¼ = 75;
        // base 20 000,06 → 15 000,045 → 15 000,05 (banker's rounding would give 15 000,04).
        let p = Parameters {
            degressive_medecine: Degressive {
                threshold_months: 0,
                coefficient: dec!(50),
            },
            ..Parameters::default()
        };
        let c = Contract {
            allocation_start: d("2020-01-01"),
            allocation_end: Some(d("2020-01-31")),
            monthly_gross: dec!(0.06),
            monthly_net: dec!(0.06),
            diploma_date: Some(d("2020-06-01")),
            practice_start: Some(d("2020-07-01")),
            ..example()
        };
        let r = compute(&c, &p, d("2021-01-01"), Some(d("2020-12-31")))
            .unwrap()
            .rupture
            .unwrap();
        assert_eq!(r.rate, dec!(75));
        assert_eq!(r.total.to_string(), "15000.05");
    }

    #[test]
    fn sqrt_has_at_least_20_significant_digits() {
        let cases = [
            ("0.2", "0.4472135954999579392818347337"),
            ("2", "1.414213562373095048801688724"),
            ("0.0001", "0.01"),
            ("0.25", "0.5"),
            ("144", "12"),
            ("1000000", "1000"),
            (
                "0.016666666666666666666666666667",
                "0.1290994448735805628393088466",
            ),
        ];
        for (x, expected) in cases {
            let got = decimal_sqrt(dec_s(x)).unwrap();
            let want = dec_s(expected);
            assert!((got - want).abs() <= want * dec_s("1e-20"), "√{x} = {got}");
        }
        assert_eq!(decimal_sqrt(Decimal::ZERO), Some(Decimal::ZERO));
        assert_eq!(decimal_sqrt(dec!(-1)), None);
        assert!(decimal_sqrt(Decimal::MAX).is_some());
    }

    #[test]
    fn validation_errors_table() {
        let cases: Vec<(Contract, &str)> =
            vec![
            (
                Contract {
                    suspensions: vec![
                        susp("2016-01-01", "2016-01-31", false),
                        susp("2019-03-15", "2019-04-30", false),
                    ],
                    ..example()
                },
                "suspensions[1] : la suspension doit commencer le 1er d'un mois (reçu 15/03/2019).",
            ),
            (
                Contract { suspensions: vec![susp("2016-01-01", "2016-02-28", false)], ..example() },
                "suspensions[0] : la suspension doit se terminer le dernier jour d'un mois \
                 (reçu 28/02/2016).",
            ),
            (
                Contract { suspensions: vec![susp("2016-03-01", "2016-01-31", false)], ..example() },
                "suspensions[0] : la fin (31/01/2016) précède le début (01/03/2016).",
            ),
            (
                Contract {
                    suspensions: vec![
                        susp("2016-01-01", "2016-06-30", false),
                        susp("2016-06-01", "2016-07-31", true),
                    ],
                    ..example()
                },
                "suspensions[1] : la suspension chevauche suspensions[0].",
            ),
            (
                Contract { suspensions: vec![susp("2015-09-01", "2015-10-31", false)], ..example() },
                "suspensions[0] : la suspension (01/09/2015 – 31/10/2015) doit se situer dans la période \
                 d'allocation (de 01/10/2015 à 30/09/2020).",
            ),
            (
                Contract { suspensions: vec![susp("2020-09-01", "2020-10-31", false)], ..example() },
                "suspensions[0] : la suspension (01/09/2020 – 31/10/2020) doit se situer dans la période \
                 d'allocation (de 01/10/2015 à 30/09/2020).",
            ),
            (
                Contract { allocation_end: Some(d("2015-09-30")), ..example() },
                "allocation_end : la fin de l'allocation (30/09/2015) précède son début (01/10/2015).",
            ),
            (
                Contract { practice_suspensions: vec![period("2020-10-01", "2020-12-31")], ..example() },
                "practice_suspensions[0] : la suspension d'exercice (01/10/2020) précède l'installation \
                 (01/11/2020).",
            ),
            (
                Contract {
                    practice_start: None,
                    practice_suspensions: vec![period("2021-01-01", "2021-01-31")],
                    ..example()
                },
                "practice_suspensions[0] : suspension d'exercice sans date d'installation (practice_start).",
            ),
            (
                Contract { practice_suspensions: vec![period("2021-01-10", "2021-01-31")], ..example() },
                "practice_suspensions[0] : la suspension doit commencer le 1er d'un mois (reçu 10/01/2021).",
            ),
            (
                Contract {
                    practice_suspensions: vec![
                        period("2021-01-01", "2021-03-31"),
                        period("2021-02-01", "2021-02-28"),
                    ],
                    ..example()
                },
                "practice_suspensions[1] : la suspension chevauche practice_suspensions[0].",
            ),
            (
                Contract { diploma_date: Some(d("2014-06-30")), ..example() },
                "diploma_date : la date (30/06/2014) précède le début de l'allocation (01/10/2015).",
            ),
            (
                Contract { practice_start: Some(d("2015-09-01")), ..example() },
                "practice_start : la date (01/09/2015) précède le début de l'allocation (01/10/2015).",
            ),
            (
                Contract {
                    allocation_start: d("1815-10-01"),
                    diploma_date: None,
                    practice_start: None,
                    ..example()
                },
                "allocation_start : date invraisemblable (01/10/1815) ; attendu entre 1900 et 2199.",
            ),
            (
                Contract { monthly_net: dec!(-1), ..example() },
                "monthly_net : montant invalide (-1) : le montant doit être positif ou nul.",
            ),
            (
                Contract { monthly_net: dec!(1106.885), ..example() },
                "monthly_net : montant invalide (1106,885) : au plus deux décimales.",
            ),
            (
                Contract { monthly_net: dec!(1300), ..example() },
                "monthly_net : montant invalide (1300) : le net ne peut dépasser le brut (1200,00).",
            ),
        ];
        for (i, (c, expected)) in cases.into_iter().enumerate() {
            let errors = validate(&c).unwrap_err();
            assert_eq!(
                errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
                vec![expected],
                "case {i}"
            );
            let err = compute(&c, &Parameters::default(), d("2025-01-01"), None).unwrap_err();
            assert_eq!(err.to_string(), expected, "case {i}");
        }
    }

    #[test]
    fn validation_accepts_good_contracts_and_lists_every_error() {
        let ok = Contract {
            suspensions: vec![
                susp("2015-10-01", "2015-10-31", true),
                susp("2020-09-01", "2020-09-30", false),
            ],
            practice_suspensions: vec![period("2020-11-01", "2020-11-30")],
            ..example()
        };
        assert_eq!(validate(&ok), Ok(()));
        // Open allowance: any suspension after the start is inside.
        let open = Contract {
            suspensions: vec![susp("2030-01-01", "2031-12-31", false)],
            ..student("2015-10-15", "")
        };
        assert_eq!(validate(&open), Ok(()));
        let bad = Contract {
            suspensions: vec![susp("2016-01-02", "2016-01-30", false)],
            ..example()
        };
        let errors = validate(&bad).unwrap_err();
        assert_eq!(errors.len(), 2);
        let err = compute(&bad, &Parameters::default(), d("2025-01-01"), None).unwrap_err();
        assert_eq!(err.to_string().lines().count(), 2);
        let range = compute(&example(), &Parameters::default(), d("2500-01-01"), None).unwrap_err();
        assert_eq!(
            range.to_string(),
            "as_of : date invraisemblable (01/01/2500) ; attendu entre 1900 et 2199."
        );
    }

    #[test]
    fn consistency_warnings_table() {
        let w = |c: Contract, as_of: &str, rupture: &str| run(&c, as_of, rupture).warnings;
        assert_eq!(
            w(
                Contract {
                    diploma_date: None,
                    ..example()
                },
                "2025-01-01",
                ""
            ),
            vec!["Installé sans date de diplôme."]
        );
        assert_eq!(
            w(
                Contract {
                    diploma_date: Some(d("2020-12-01")),
                    ..example()
                },
                "2025-01-01",
                ""
            ),
            vec!["Installation (01/11/2020) antérieure à la date de diplôme (01/12/2020)."]
        );
        assert_eq!(
            w(
                Contract {
                    allocation_end: None,
                    ..example()
                },
                "2020-12-01",
                ""
            ),
            vec!["Installé alors que l'allocation est toujours versée (pas de date de fin d'allocation)."]
        );
        assert_eq!(
            w(
                Contract {
                    diploma_date: Some(d("2020-06-15")),
                    ..example()
                },
                "2025-01-01",
                ""
            ),
            vec!["Allocation versée jusqu'au 30/09/2020 : au-delà du mois du diplôme (15/06/2020)."]
        );
        assert_eq!(
            w(student("2015-10-01", ""), "2016-01-15", "2016-06-30"),
            vec![
                "Rupture (30/06/2016) postérieure à la date de calcul (15/01/2016) : les mensualités sont \
                 comptées jusqu'au 15/01/2016."
            ]
        );
        assert_eq!(
            w(student("2015-10-01", ""), "2015-06-01", "2015-06-01"),
            vec![
                "Rupture (01/06/2015) antérieure au début de l'allocation (01/10/2015) : \
                 aucune mensualité versée."
            ]
        );
        assert_eq!(
            w(student("2015-10-01", ""), "2015-06-01", ""),
            vec![
                "Date de calcul (01/06/2015) antérieure au début de l'allocation (01/10/2015) : \
                 aucune mensualité comptée."
            ]
        );
        assert!(w(example(), "2025-01-01", "").is_empty());
    }

    #[test]
    fn definitive_suspension_dates() {
        let cases = [
            ("2023-11-02", "2023-11-02", true),
            ("2023-11-02", "2023-12-02", true),
            ("2023-11-02", "2023-12-03", false),
            ("2023-11-02", "2023-11-01", false),
            ("2024-02-01", "2024-03-02", true),
            ("2024-02-01", "2024-03-03", false),
        ];
        for (first, request, ok) in cases {
            assert_eq!(
                definitive_suspension_request_ok(d(first), d(request)),
                ok,
                "{first} {request}"
            );
        }
        assert_eq!(definitive_suspension_effective(d("2023-11-20")), d("2024-01-01"));
        assert_eq!(definitive_suspension_effective(d("2023-01-01")), d("2024-01-01"));
        assert_eq!(definitive_suspension_effective(d("2023-12-31")), d("2024-01-01"));
        let p = Parameters {
            definitive_suspension_request_days: 10,
            ..Parameters::default()
        };
        assert!(!p.definitive_suspension_request_ok(d("2023-11-02"), d("2023-11-13")));
    }

    #[test]
    fn parameters_defaults_and_rate_table() {
        let p = Parameters::default();
        assert_eq!(p.penalty_per_month, dec!(200));
        assert_eq!(p.penalty_floor, dec!(2000));
        assert_eq!(p.penalty_after_diploma, dec!(20000));
        assert_eq!(p.minimum_commitment_months, 24);
        assert_eq!(
            p.degressive_odontologie,
            Degressive {
                threshold_months: 24,
                coefficient: dec!(72)
            }
        );
        let r = p.allowance_at(d("2015-10-01")).unwrap();
        assert_eq!((r.monthly_gross, r.monthly_net), (dec!(1200.00), dec!(1106.88)));
        assert_eq!(p.allowance_at(d("2001-01-01")), p.allowance_rates.first());
        let mut p2 = p.clone();
        p2.allowance_rates.push(AllowanceRate {
            from: d("2026-01-01"),
            monthly_gross: dec!(1300.00),
            monthly_net: dec!(1199.12),
        });
        assert_eq!(
            p2.allowance_at(d("2025-12-31")).unwrap().monthly_gross,
            dec!(1200.00)
        );
        assert_eq!(
            p2.allowance_at(d("2026-01-01")).unwrap().monthly_gross,
            dec!(1300.00)
        );
        assert_eq!(
            Parameters {
                allowance_rates: vec![],
                ..p
            }
            .allowance_at(d("2026-01-01")),
            None
        );
    }

    const DISCIPLINES: [Discipline; 4] = [
        Discipline::Medecine,
        Discipline::Odontologie,
        Discipline::Maieutique,
        Discipline::Pharmacie,
    ];

    // --- properties -------------------------------------------------------------------------

    prop_compose! {
        /// A valid contract: allowance of 1–120 months from 2000–2030, non-overlapping whole-month
        /// suspensions, diploma, installation and practice suspensions after it.
        fn arb_contract()(
            start_month in 0i64..360,
            start_day in 1u32..=28,
            length in 1u32..120,
            open in any::<bool>(),
            susp in proptest::collection::vec((0u32..24, 1u32..6, any::<bool>()), 0..4),
            net_cents in 0u32..200_000,
            disc in 0usize..4,
            diploma_gap in proptest::option::of(0u32..6),
            practice_gap in proptest::option::of(0u32..12),
            psusp in proptest::collection::vec((0u32..24, 1u32..6), 0..3),
        ) -> Contract {
            let start = first_of_month_index(24_000 + start_month).unwrap().with_day(start_day).unwrap();
            let end = period_end(first_of_month(start), length).unwrap();
            let mut suspensions = Vec::new();
            let mut cursor = month_index(start);
            for (gap, len, paid) in susp {
                let s = cursor + i64::from(gap);
                let e = s + i64::from(len) - 1;
                if !open && e > month_index(end) { break; }
                suspensions.push(Suspension {
                    start: first_of_month_index(s).unwrap(),
                    end: last_of_month(first_of_month_index(e).unwrap()),
                    paid,
                });
                cursor = e + 1;
            }
            let diploma = diploma_gap.map(|g| add_months_civil(end, g).unwrap());
            let practice = diploma.zip(practice_gap).map(|(d, g)| add_months_civil(d, g).unwrap());
            let mut practice_suspensions = Vec::new();
            if let Some(ps) = practice {
                let mut cursor = month_index(ps) + 1;
                for (gap, len) in psusp {
                    let s = cursor + i64::from(gap);
                    let e = s + i64::from(len) - 1;
                    practice_suspensions.push(Period {
                        start: first_of_month_index(s).unwrap(),
                        end: last_of_month(first_of_month_index(e).unwrap()),
                    });
                    cursor = e + 1;
                }
            }
            let net = Decimal::new(i64::from(net_cents), 2);
            Contract {
                discipline: DISCIPLINES[disc],
                allocation_start: start,
                allocation_end: (!open).then_some(end),
                monthly_gross: net + dec!(93.12),
                monthly_net: net,
                rate_changes: vec![],
                definitive_suspension_from: None,
                suspensions,
                diploma_date: diploma,
                practice_start: practice,
                practice_suspensions,
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn prop_contract_properties(
            c in arb_contract(),
            as_of_off in 0u64..8000,
            rupture_off in proptest::option::of(0u64..8000),
        ) {
            prop_assert_eq!(validate(&c), Ok(()));
            let base = d("2000-01-01");
            let as_of = base + Days::new(as_of_off);
            let rupture = rupture_off.map(|o| base + Days::new(o));
            let got = compute(&c, &Parameters::default(), as_of, rupture).unwrap();
            prop_assert!(got.commitment_months >= 24);
            prop_assert!(got.commitment_months >= got.commitment_basis_months);
            prop_assert_eq!(got.net_total, Decimal::from(got.months_paid) * c.monthly_net);
            prop_assert_eq!(got.net_total.scale(), 2);
            prop_assert_eq!(got.gross_total, Decimal::from(got.months_paid) * c.monthly_gross);
            prop_assert_eq!(got.gross_total.scale(), 2);
            if let Some(r) = &got.rupture {
                prop_assert!(r.total >= Decimal::ZERO);
                prop_assert_eq!(r.total.scale(), 2);
                prop_assert!(r.rate >= Decimal::ZERO && r.rate <= dec!(100));
                prop_assert!(r.total <= r.allocations + r.penalty);
                prop_assert!(r.penalty >= dec!(2000));
            }
            if let Some(end) = got.commitment_end {
                prop_assert!(end >= c.practice_start.unwrap());
            }
        }

        #[test]
        fn prop_rate_never_increases_with_f(d_months in 0u32..400, f in 0u32..500, disc in 0usize..4) {
            let p = Parameters::default();
            let deg = p.degressive_for(DISCIPLINES[disc]);
            let now = degressive_rate(deg, d_months, f);
            let next = degressive_rate(deg, d_months, f + 1);
            prop_assert!(next <= now, "d={} f={} {} > {}", d_months, f, next, now);
            prop_assert!(now >= Decimal::ZERO && now <= dec!(100));
        }

        #[test]
        fn prop_served_months_grow_by_at_most_one_a_month(ps_off in 0u64..20000, days in 0u64..4000) {
            let ps = d("1990-01-01") + Days::new(ps_off);
            let c = Contract { practice_start: Some(ps), ..student("1980-01-01", "1985-12-31") };
            let date = ps + Days::new(days);
            let f = served_months(&c, ps, date).unwrap();
            prop_assert!(period_end(ps, f).unwrap() <= date);
            prop_assert!(period_end(ps, f + 1).unwrap() > date);
        }
    }
}
