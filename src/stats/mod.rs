//! The regional counts the managers send to the ministry and the CNG (domain.md §8, seed 003),
//! as of a chosen date: the same tables in the window, the exports and `cesp export counts`.
//!
//! Where a signatory stood on a past day is read from the dated events of the file (signature,
//! diploma, installation, suspensions, end of contract); an event whose date is not recorded is
//! taken from the current status.

pub mod export;

use crate::domain::departments::department_label;
use crate::domain::Status;
use crate::error::Result;
use crate::ledger::rules;
use crate::store::stats::{self as sql, FactsRow, SuspensionSpan};
use crate::store::Store;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use specta::Type;
use std::collections::BTreeMap;
use std::str::FromStr;

/// One line of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct StatRow {
    /// Stable code (a year, a status code, a department…).
    pub key: String,
    /// What the line shows, in French.
    pub label: String,
    pub count: u32,
    /// A sum of money, when the table has one: decimal with a point ("14400.00").
    pub amount: Option<String>,
    /// The same, the French way ("14 400,00 €").
    pub amount_label: Option<String>,
}

/// One table of counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct StatTable {
    /// Stable identifier (`signatures_par_annee`, `statut`…).
    pub table: String,
    pub title: String,
    /// What the count of a line counts ("Signataires", "Allocataires"…).
    pub unit: String,
    /// Shown with a bar chart beside it (the window and the PDF report).
    pub chart: bool,
    pub rows: Vec<StatRow>,
    /// The sum of the amounts, the French way, when the table has some.
    pub total_amount_label: Option<String>,
    /// What to print when the table has no line ("Aucun signataire installé à cette date.").
    pub empty: String,
}

impl StatTable {
    pub fn total(&self) -> u32 {
        self.rows.iter().map(|r| r.count).sum()
    }

    /// The sum of the amounts, when the table has some.
    pub fn total_amount(&self) -> Option<Decimal> {
        let mut any = false;
        let mut sum = Decimal::ZERO;
        for a in self.rows.iter().filter_map(|r| r.amount.as_deref()) {
            any = true;
            sum += Decimal::from_str(a).unwrap_or_default();
        }
        any.then(|| sum.round_dp(2))
    }
}

/// A count the French way: "12 345" (narrow no-break space between thousands).
pub fn format_count(n: u32) -> String {
    crate::money::format_number(Decimal::from(n), 0)
}

/// Every table, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Counts {
    /// jj/mm/aaaa.
    pub as_of: String,
    /// The agency's name as documents print it ("ARS Bretagne"); "" when no region is set.
    pub region: String,
    pub tables: Vec<StatTable>,
}

/// The date of the counts as typed (jj/mm/aaaa or aaaa-mm-jj); `today` when empty.
pub fn parse_as_of(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(today);
    }
    crate::domain::dates::parse_date(t).ok_or_else(|| {
        let mut e = crate::error::ValidationErrors::default();
        e.push(
            "as_of",
            format!("Date invalide « {t} » : attendu jj/mm/aaaa, par exemple 31/12/2026."),
        );
        crate::error::Error::Validation(e)
    })
}

/// Where a signatory stood on `at`; `None` before the contract was signed (or without a
/// signature date). `today` is the date of the current status.
/// The first day without allowance of a definitive suspension that counts (a request within
/// the 30 days; see the ledger).
fn definitive_from(f: &FactsRow, params: &crate::ledger::Parameters) -> Option<NaiveDate> {
    let row = crate::store::ledger::LedgerRow {
        intern_start: f.intern_start,
        definitive_request: f.definitive_request,
        ..Default::default()
    };
    crate::ledger::service::counted_definitive_request(&row, params)
        .map(crate::ledger::rules::definitive_suspension_effective)
}

/// The end of the commitment from the stored dates: practice start + max(24, months paid) months
/// − 1 day (practice suspensions, which push it back, are not counted here). `None` when the
/// dates are not all known.
fn commitment_end(
    f: &FactsRow,
    suspensions: &[SuspensionSpan],
    definitive: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let start = f.practice_start.or(f.declared_start)?;
    let (first, mut last) = (f.allocation_start?, f.allocation_end?);
    if let Some(stop) = definitive.and_then(|d| d.pred_opt()) {
        last = last.min(stop);
    }
    let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let unpaid: i64 = suspensions
        .iter()
        .filter(|(_, _, paid)| !paid)
        .map(|(a, b, _)| (month(*b).min(month(last)) - month(*a).max(month(first)) + 1).max(0))
        .sum();
    let paid = (month(last) - month(first) + 1 - unpaid).max(0);
    let months = u32::try_from(paid).unwrap_or(0).max(24);
    crate::ledger::rules::period_end(start, months)
}

pub(crate) fn status_at(
    f: &FactsRow,
    suspensions: &[SuspensionSpan],
    definitive: Option<NaiveDate>,
    at: NaiveDate,
    today: NaiveDate,
) -> Option<Status> {
    let signed = f.signature_date?;
    if signed > at || f.status == Status::Candidat {
        return None;
    }
    if let Some((kind, end)) = f.end {
        if end <= at {
            return Some(kind.status());
        }
    }
    let ended = matches!(
        f.status,
        Status::Rompu | Status::Resilie | Status::DecedeOuInaptitude
    );
    if ended && f.end.is_none() {
        // Ended on a date not recorded: as today.
        return Some(f.status);
    }
    let installed = f.practice_start.or(f.declared_start);
    match installed {
        Some(start) if start <= at => {
            let ended = match commitment_end(f, suspensions, definitive) {
                Some(end) => at > end,
                // Without the dates to compute its end, the commitment ended as the file says.
                None => f.status == Status::EngagementTermine,
            };
            return Some(if ended && f.status == Status::EngagementTermine {
                Status::EngagementTermine
            } else {
                Status::Installe
            });
        }
        Some(_) => {}
        None if matches!(f.status, Status::Installe | Status::EngagementTermine) && at >= today => {
            return Some(f.status)
        }
        None => {}
    }
    if f.diploma_date.is_some_and(|d| d <= at) {
        return Some(Status::Diplome);
    }
    let suspended = suspensions.iter().any(|(a, b, _)| *a <= at && at <= *b)
        || definitive.is_some_and(|d| d <= at && f.allocation_end.is_none_or(|e| at <= e));
    if suspended {
        return Some(Status::Suspendu);
    }
    if at >= today {
        return Some(f.status);
    }
    // A past day with no dated event: in training, unless the file says nothing dated at all
    // about a later stage (then the current status is the best knowledge).
    Some(match f.status {
        Status::Suspendu | Status::EnFormation => Status::EnFormation,
        // Ended later, on a recorded date: still in the contract's earlier stages then.
        Status::Rompu | Status::Resilie | Status::DecedeOuInaptitude if f.end.is_some() => {
            if f.diploma_date.is_some_and(|d| d <= at) {
                Status::Diplome
            } else {
                Status::EnFormation
            }
        }
        Status::Diplome if f.diploma_date.is_some() => Status::EnFormation,
        Status::Installe | Status::EngagementTermine if installed.is_some() => {
            if f.diploma_date.is_some() {
                Status::EnFormation
            } else {
                Status::Diplome
            }
        }
        other => other,
    })
}

/// Receives the allowance on `at`: its month is paid (domain.md §4, "Exact semantics").
fn paid_on(
    f: &FactsRow,
    suspensions: &[SuspensionSpan],
    definitive: Option<NaiveDate>,
    at: NaiveDate,
) -> bool {
    let Some(start) = f.allocation_start else {
        return false;
    };
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let m = month(at);
    if m < month(start) {
        return false;
    }
    let mut end = f.allocation_end;
    if let Some(from) = definitive {
        let stop = from.pred_opt();
        end = match (end, stop) {
            (Some(e), Some(s)) => Some(e.min(s)),
            (e, s) => e.or(s),
        };
    }
    if let Some((_, ended)) = f.end {
        end = Some(end.map_or(ended, |e| e.min(ended)));
    }
    if end.is_some_and(|e| m > month(e)) {
        return false;
    }
    !suspensions
        .iter()
        .any(|(a, b, paid)| !paid && month(*a) <= m && m <= month(*b))
}

/// Tables shown with a chart (the others are short lists, read faster as tables).
const CHARTED: &[&str] = &[
    "signatures_par_annee",
    "statut",
    "specialite",
    "specialites_en_formation",
    "specialites_installes",
];

/// The contract as the ledger's rules see it, for the allowance paid: amounts from the dated
/// rate table; an end of contract stops the allowance on its date.
fn allowance_contract(
    f: &FactsRow,
    suspensions: &[SuspensionSpan],
    definitive: Option<NaiveDate>,
    params: &crate::ledger::Parameters,
) -> Option<rules::Contract> {
    let start = f.allocation_start?;
    let first = start.with_day(1)?;
    let rate = params.allowance_at(first)?;
    let end = match (f.allocation_end, f.end) {
        (Some(a), Some((_, e))) => Some(a.min(e)),
        (a, e) => a.or(e.map(|(_, d)| d)),
    };
    Some(rules::Contract {
        discipline: f.discipline,
        allocation_start: start,
        allocation_end: end,
        monthly_gross: rate.monthly_gross,
        monthly_net: rate.monthly_net,
        rate_changes: params
            .allowance_rates
            .iter()
            .filter(|r| r.from > first)
            .cloned()
            .collect(),
        definitive_suspension_from: definitive,
        suspensions: suspensions
            .iter()
            .map(|(a, b, paid)| rules::Suspension {
                start: *a,
                end: *b,
                paid: *paid,
            })
            .collect(),
        diploma_date: None,
        practice_start: None,
        practice_suspensions: Vec::new(),
    })
}

fn table(id: &str, title: &str, counts: BTreeMap<String, (String, u32)>) -> StatTable {
    StatTable {
        table: id.to_owned(),
        title: title.to_owned(),
        unit: if id.starts_with("installes") {
            "Installés"
        } else if id == "allocataires" {
            "Allocataires"
        } else {
            "Signataires"
        }
        .to_owned(),
        chart: CHARTED.contains(&id),
        total_amount_label: None,
        empty: empty_wording(id).to_owned(),
        rows: ordered(
            id,
            counts
                .into_iter()
                .map(|(key, (label, count))| StatRow {
                    key,
                    label,
                    count,
                    amount: None,
                    amount_label: None,
                })
                .collect(),
        ),
    }
}

/// What an empty table says: who is missing, in the table's own words.
fn empty_wording(id: &str) -> &'static str {
    if id.starts_with("installes") {
        "Aucun signataire installé à cette date."
    } else if id == "allocataires" || id == "allocation_versee" {
        "Aucun allocataire sur la période."
    } else if id.starts_with("candidat") {
        "Aucune candidature à ce stade pour cette campagne."
    } else {
        "Aucun signataire à cette date."
    }
}

/// The rows in the order a reader expects: statuses in the order of a contract's life
/// (candidate, in training… ended), specialties by name whatever their accents ("Pédiatrie"
/// before "Psychiatrie", which byte order inverts); the others by key (years, codes).
fn ordered(id: &str, mut rows: Vec<StatRow>) -> Vec<StatRow> {
    if id == "statut" {
        rows.sort_by_key(|r| {
            Status::from_code(&r.key)
                .and_then(|s| Status::ALL.iter().position(|x| *x == s))
                .unwrap_or(usize::MAX)
        });
    } else if id.contains("specialite") {
        crate::text::sort_french_by(&mut rows, |r| r.label.clone());
    }
    rows
}

/// One more in line `key`; the strings are copied only for a line's first count (the counts
/// go over every file of the region).
fn bump(m: &mut BTreeMap<String, (String, u32)>, key: &str, label: &str) {
    match m.get_mut(key) {
        Some(e) => e.1 += 1,
        None => {
            m.insert(key.to_owned(), (label.to_owned(), 1));
        }
    }
}

/// The selection campaign under way at `at` (issue #11): applications, complete files,
/// selected candidates and contracts signed, by UFR and discipline; none when the campaign
/// has no application recorded.
fn campaign_tables(store: &Store, at: NaiveDate) -> Result<Vec<StatTable>> {
    let year = crate::applications::current_year(at);
    let c = crate::applications::counts(store, year)?;
    if c.rows.is_empty() {
        return Ok(Vec::new());
    }
    let label = crate::applications::year_label(year);
    let stages = [
        (
            "candidatures",
            format!("Candidatures {label}, par UFR et discipline"),
        ),
        (
            "candidatures_completes",
            format!("Dossiers de candidature complets {label}, par UFR et discipline"),
        ),
        (
            "candidats_retenus",
            format!("Candidats retenus par la commission {label}, par UFR et discipline"),
        ),
        (
            "candidats_signes",
            format!("Contrats signés par les candidats {label}, par UFR et discipline"),
        ),
    ];
    Ok(stages
        .iter()
        .enumerate()
        .map(|(i, (id, title))| StatTable {
            table: (*id).to_owned(),
            title: title.clone(),
            unit: "Candidats".to_owned(),
            chart: false,
            total_amount_label: None,
            empty: empty_wording(id).to_owned(),
            rows: c
                .rows
                .iter()
                .filter(|r| r.counts[i] > 0 || i == 0)
                .map(|r| StatRow {
                    key: format!("{}|{}", r.ufr, r.discipline.code()),
                    label: format!("{} — {}", r.ufr, r.discipline.label()),
                    count: r.counts[i],
                    amount: None,
                    amount_label: None,
                })
                .collect(),
        })
        .collect())
}

/// The counts of the region as of `at` (`today` is the date of the current statuses).
pub fn counts(store: &Store, at: NaiveDate, today: NaiveDate) -> Result<Counts> {
    let conn = store.read();
    let facts = sql::facts(conn)?;
    let params = crate::ledger::service::parameters_shared(store)?;
    let suspensions = sql::suspensions(conn)?;
    let none = Vec::new();
    let mut by_year = BTreeMap::new();
    let mut by_status = BTreeMap::new();
    let mut by_discipline = BTreeMap::new();
    let mut by_specialty = BTreeMap::new();
    let mut training_specialty = BTreeMap::new();
    let mut installed_specialty = BTreeMap::new();
    let mut recipients = BTreeMap::new();
    let mut installed_ids = std::collections::HashSet::new();
    // The allowance paid from 1 January of the year of `at` to `at`, by discipline.
    let year_start = NaiveDate::from_ymd_opt(at.year(), 1, 1).unwrap_or(at);
    let mut paid_in_year: BTreeMap<String, (String, u32, Decimal)> = BTreeMap::new();
    for f in &facts {
        let susp = suspensions.get(&f.id).unwrap_or(&none);
        let definitive = definitive_from(f, &params);
        let Some(status) = status_at(f, susp, definitive, at, today) else {
            continue;
        };
        if let Some(signed) = f.signature_date {
            let y = signed.year().to_string();
            bump(&mut by_year, &y, &y);
        }
        bump(&mut by_status, status.code(), status.label());
        bump(&mut by_discipline, f.discipline.code(), f.discipline.label());
        let specialty = f
            .specialty
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or("Non renseignée");
        bump(&mut by_specialty, specialty, specialty);
        match status {
            Status::EnFormation | Status::Suspendu => bump(&mut training_specialty, specialty, specialty),
            Status::Installe => {
                bump(&mut installed_specialty, specialty, specialty);
                installed_ids.insert(f.id);
            }
            _ => {}
        }
        if paid_on(f, susp, definitive, at)
            && matches!(status, Status::EnFormation | Status::Suspendu | Status::Diplome)
        {
            bump(&mut recipients, f.discipline.code(), f.discipline.label());
        }
        if let Some(contract) = allowance_contract(f, susp, definitive, &params) {
            let (months, gross) = rules::paid_between(&contract, year_start, at)
                .map_err(|e| crate::error::Error::Rules(e.to_string()))?;
            if months > 0 {
                let e = paid_in_year
                    .entry(f.discipline.code().to_owned())
                    .or_insert_with(|| (f.discipline.label().to_owned(), 0, Decimal::new(0, 2)));
                e.1 += 1;
                e.2 += gross;
            }
        }
    }
    // The installed by the first current place of each (a multi-site doctor counts once).
    let mut by_department = BTreeMap::new();
    let mut by_zone = BTreeMap::new();
    let mut by_mode = BTreeMap::new();
    let mut by_structure = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for p in sql::places_at(conn, at)? {
        if !installed_ids.contains(&p.signatory_id) || !seen.insert(p.signatory_id) {
            continue;
        }
        bump(
            &mut by_department,
            &p.department,
            &department_label(&p.department),
        );
        bump(&mut by_zone, p.zone.code(), p.zone.label());
        bump(&mut by_mode, p.mode.code(), p.mode.label());
        bump(&mut by_structure, p.structure.code(), p.structure.label());
    }
    let region = crate::settings::ars_name(store)?;
    let mut counts = Counts {
        as_of: crate::domain::dates::format_fr(at),
        region,
        tables: vec![
            table(
                "signatures_par_annee",
                "Contrats signés, par année de signature",
                by_year,
            ),
            table("statut", "Situation à la date", by_status),
            table("discipline", "Par discipline", by_discipline),
            table("specialite", "Par spécialité", by_specialty),
            table(
                "specialites_en_formation",
                "Répartition entre les spécialités : en formation",
                training_specialty,
            ),
            table(
                "specialites_installes",
                "Répartition entre les spécialités : installés",
                installed_specialty,
            ),
            table(
                "installes_par_departement",
                "Installés, par département",
                by_department,
            ),
            table("installes_par_zone", "Installés, par zone (ZIP, ZAC)", by_zone),
            table("installes_par_mode", "Installés, par mode d'exercice", by_mode),
            table(
                "installes_par_structure",
                "Installés, par structure d'exercice",
                by_structure,
            ),
            table(
                "allocataires",
                "Allocataires à la date, par discipline",
                recipients,
            ),
            StatTable {
                table: "allocation_versee".to_owned(),
                title: format!(
                    "Allocation versée en {} (brut, mensualités du 01/01/{} au {}), par discipline",
                    at.year(),
                    at.year(),
                    crate::domain::dates::format_fr(at)
                ),
                unit: "Allocataires".to_owned(),
                chart: false,
                total_amount_label: None,
                empty: empty_wording("allocation_versee").to_owned(),
                rows: paid_in_year
                    .into_iter()
                    .map(|(key, (label, count, gross))| StatRow {
                        key,
                        label,
                        count,
                        amount: Some(gross.round_dp(2).to_string()),
                        amount_label: Some(crate::money::format_euros(gross)),
                    })
                    .collect(),
            },
        ],
    };
    counts.tables.extend(campaign_tables(store, at)?);
    for t in &mut counts.tables {
        t.total_amount_label = t.total_amount().map(crate::money::format_euros);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, &str)]) -> BTreeMap<String, (String, u32)> {
        pairs
            .iter()
            .map(|(k, l)| (k.to_string(), (l.to_string(), 1)))
            .collect()
    }

    fn keys(t: &StatTable) -> Vec<&str> {
        t.rows.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn statuses_follow_a_contract_s_life_and_specialties_their_names() {
        let statuses = counts(&[
            ("rompu", "Rupture"),
            ("installe", "Installé"),
            ("candidat", "Candidat"),
            ("en_formation", "En formation"),
        ]);
        assert_eq!(
            keys(&table("statut", "Situation", statuses)),
            vec!["candidat", "en_formation", "installe", "rompu"]
        );
        let specialties = counts(&[
            ("Psychiatrie", "Psychiatrie"),
            ("Pédiatrie", "Pédiatrie"),
            ("Médecine générale", "Médecine générale"),
        ]);
        assert_eq!(
            keys(&table("specialites_en_formation", "Spécialités", specialties)),
            vec!["Médecine générale", "Pédiatrie", "Psychiatrie"]
        );
    }
}
