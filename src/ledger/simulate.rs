//! The JSON interface of `cesp simulate` (a stable interface: field names must not change).
//!
//! Input: one JSON object (see [`SimulateInput`]); output: pretty JSON (see [`SimulateOutput`]).
//! Every bad input gives a [`SimulateError`] whose message is French and names the field; the CLI
//! prints it on stderr and exits with status 2.
//!
//! Amounts are JSON strings ("1106.88" or "1106,88"; spaces as thousands separators are accepted),
//! never JSON numbers, which would go through binary floating point.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::rules::{
    self, AllowanceRate, Contract, Degressive, LedgerError, Parameters, Period, Phase, Suspension,
};
use crate::domain::Discipline;

/// One allowance suspension as given to `cesp simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspensionInput {
    pub start: String,
    pub end: String,
    /// Allowance kept during the suspension; absent or null = false (the allowance is suspended).
    #[serde(default)]
    pub paid: Option<bool>,
}

/// One practice suspension as given to `cesp simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodInput {
    pub start: String,
    pub end: String,
}

/// One row of the allowance rate table as given to `cesp simulate`: amounts in force from `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateInput {
    pub from: String,
    pub monthly_gross: String,
    pub monthly_net: String,
}

/// The degressive rate of the contract's discipline as given to `cesp simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DegressiveInput {
    pub threshold_months: u32,
    /// A decimal as a string ("120").
    pub coefficient: String,
}

/// The input object of `cesp simulate`, as written (dates "YYYY-MM-DD" and amounts as strings;
/// they are checked by [`simulate`] so that errors name the field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulateInput {
    /// "medecine" | "odontologie" | "maieutique" | "pharmacie".
    pub discipline: String,
    pub allocation_start: String,
    /// null or absent: the allowance is still paid.
    #[serde(default)]
    pub allocation_end: Option<String>,
    /// One amount for every month paid. Default: the rate table (`allowance_rates`), each month at
    /// the amounts in force on its first day.
    #[serde(default)]
    pub monthly_gross: Option<String>,
    #[serde(default)]
    pub monthly_net: Option<String>,
    /// The dated rate table; default: the built-in one (1 200,00 € / 1 106,88 € since 2010).
    /// Ignored for an amount given in `monthly_gross` or `monthly_net`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowance_rates: Option<Vec<RateInput>>,
    /// The degressive rate of the discipline; default: the constants of the arrêtés.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degressive: Option<DegressiveInput>,
    /// Definitive suspension: first day with no allowance (the 1 January following the request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definitive_suspension_from: Option<String>,
    #[serde(default)]
    pub suspensions: Option<Vec<SuspensionInput>>,
    #[serde(default)]
    pub diploma_date: Option<String>,
    #[serde(default)]
    pub practice_start: Option<String>,
    #[serde(default)]
    pub practice_suspensions: Option<Vec<PeriodInput>>,
    #[serde(default)]
    pub rupture_date: Option<String>,
    /// Date of the computation; default: today.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// The sums owed on rupture, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RuptureOutput {
    pub phase: Phase,
    /// Net allowances received, 2 decimals.
    pub allocations: String,
    /// Penalty, 2 decimals.
    pub penalty: String,
    /// Rate in percent, 4 decimals (e.g. "46.3344").
    pub rate: String,
    /// Total owed, 2 decimals.
    pub total: String,
}

/// Months paid at the same amounts: one line of the detail of the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AllowanceLineOutput {
    /// First month paid at these amounts, "YYYY-MM-DD" (a 1st of the month).
    pub from: String,
    pub months: u32,
    /// 2 decimals.
    pub monthly_gross: String,
    /// 2 decimals.
    pub monthly_net: String,
}

/// The output object of `cesp simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SimulateOutput {
    pub months_paid: u32,
    pub gross_total: String,
    pub net_total: String,
    /// The months paid grouped by amounts (one line unless the rate table changed meanwhile).
    pub allowance_lines: Vec<AllowanceLineOutput>,
    pub commitment_months: u32,
    /// "YYYY-MM-DD", null without practice_start.
    pub commitment_end: Option<String>,
    pub months_served: u32,
    /// null without practice_start.
    pub months_remaining: Option<u32>,
    pub warnings: Vec<String>,
    /// Present only when rupture_date is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rupture: Option<RuptureOutput>,
}

/// A bad input to `cesp simulate`. Messages are French and name the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimulateError {
    #[error("JSON invalide (ligne {line}, colonne {column}) : {detail}.")]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("L'entrée doit être un objet JSON (reçu {found}).")]
    NotAnObject { found: String },
    #[error("Champ inconnu « {field} ».")]
    UnknownField { field: String },
    #[error("Champ « {field} » manquant.")]
    MissingField { field: String },
    #[error("Champ « {field} » : type incorrect (attendu {expected}, reçu {found}).")]
    WrongType {
        field: String,
        expected: String,
        found: String,
    },
    #[error("Champ « {field} » : date invalide « {value} » (attendu AAAA-MM-JJ).")]
    InvalidDate { field: String, value: String },
    #[error(
        "Champ « {field} » : montant invalide « {value} » (attendu un montant positif avec au plus deux \
         décimales, par exemple « 1106,88 »)."
    )]
    InvalidAmount { field: String, value: String },
    #[error(
        "Champ « {field} » : nombre invalide « {value} » (attendu un nombre positif, par exemple « 120 »)."
    )]
    InvalidNumber { field: String, value: String },
    #[error(
        "Champ « discipline » : valeur inconnue « {value} » (attendu medecine, odontologie, maieutique ou \
         pharmacie)."
    )]
    UnknownDiscipline { value: String },
    #[error("Champ « {field} » : aucun barème d'allocation dans les paramètres ; indiquer le montant.")]
    NoAllowanceRate { field: String },
    #[error("{0}")]
    Rules(#[from] LedgerError),
    #[error("Entrée invalide : {0}.")]
    Other(String),
}

/// What a field of the input must be.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Bool,
    /// A whole number ≥ 0.
    Count,
    /// An array of objects with these fields; the string describes them in messages.
    Array(&'static [Field], &'static str),
    /// An object with these fields.
    Object(&'static [Field], &'static str),
}

/// (name, kind, required). Optional fields also accept null.
type Field = (&'static str, Kind, bool);

impl Kind {
    fn expected(self) -> String {
        match self {
            Kind::Text => "une chaîne".to_string(),
            Kind::Bool => "un booléen (true ou false)".to_string(),
            Kind::Count => "un nombre entier positif".to_string(),
            Kind::Array(_, shape) => format!("un tableau d'objets {shape}"),
            Kind::Object(_, shape) => format!("un objet {shape}"),
        }
    }
}

const FIELDS: &[Field] = &[
    ("discipline", Kind::Text, true),
    ("allocation_start", Kind::Text, true),
    ("allocation_end", Kind::Text, false),
    ("monthly_gross", Kind::Text, false),
    ("monthly_net", Kind::Text, false),
    (
        "allowance_rates",
        Kind::Array(RATE_FIELDS, "{from, monthly_gross, monthly_net}"),
        false,
    ),
    (
        "degressive",
        Kind::Object(DEGRESSIVE_FIELDS, "{threshold_months, coefficient}"),
        false,
    ),
    ("definitive_suspension_from", Kind::Text, false),
    (
        "suspensions",
        Kind::Array(SUSPENSION_FIELDS, "{start, end…}"),
        false,
    ),
    ("diploma_date", Kind::Text, false),
    ("practice_start", Kind::Text, false),
    (
        "practice_suspensions",
        Kind::Array(PERIOD_FIELDS, "{start, end…}"),
        false,
    ),
    ("rupture_date", Kind::Text, false),
    ("as_of", Kind::Text, false),
];

const SUSPENSION_FIELDS: &[Field] = &[
    ("start", Kind::Text, true),
    ("end", Kind::Text, true),
    ("paid", Kind::Bool, false),
];

const PERIOD_FIELDS: &[Field] = &[("start", Kind::Text, true), ("end", Kind::Text, true)];

const RATE_FIELDS: &[Field] = &[
    ("from", Kind::Text, true),
    ("monthly_gross", Kind::Text, true),
    ("monthly_net", Kind::Text, true),
];

const DEGRESSIVE_FIELDS: &[Field] = &[
    ("threshold_months", Kind::Count, true),
    ("coefficient", Kind::Text, true),
];

fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(_) => "un booléen".to_string(),
        Value::Number(_) => "un nombre".to_string(),
        Value::String(_) => "une chaîne".to_string(),
        Value::Array(_) => "un tableau".to_string(),
        Value::Object(_) => "un objet".to_string(),
    }
}

/// Shortens a user value quoted in a message.
fn shown(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Checks the shape of an object against `fields`: unknown fields, then missing ones, then types.
fn check_object(obj: &Map<String, Value>, fields: &[Field], prefix: &str) -> Result<(), SimulateError> {
    if let Some(unknown) = obj.keys().find(|k| !fields.iter().any(|(name, _, _)| name == k)) {
        return Err(SimulateError::UnknownField {
            field: format!("{prefix}{}", shown(unknown)),
        });
    }
    for &(name, kind, required) in fields {
        let field = format!("{prefix}{name}");
        let value = match obj.get(name) {
            None if required => return Err(SimulateError::MissingField { field }),
            None | Some(Value::Null) if !required => continue,
            None => continue,
            Some(v) => v,
        };
        let wrong = || SimulateError::WrongType {
            field: field.clone(),
            expected: kind.expected(),
            found: found(value),
        };
        match kind {
            Kind::Text if !value.is_string() => return Err(wrong()),
            Kind::Bool if !value.is_boolean() => return Err(wrong()),
            Kind::Count if value.as_u64().is_none_or(|n| n > u64::from(u32::MAX)) => return Err(wrong()),
            Kind::Array(sub, shape) => {
                let items = value.as_array().ok_or_else(wrong)?;
                for (i, item) in items.iter().enumerate() {
                    let item_field = format!("{field}[{i}]");
                    let item_obj = item.as_object().ok_or_else(|| SimulateError::WrongType {
                        field: item_field.clone(),
                        expected: format!("un objet {shape}"),
                        found: found(item),
                    })?;
                    check_object(item_obj, sub, &format!("{item_field}."))?;
                }
            }
            Kind::Object(sub, _) => {
                let sub_obj = value.as_object().ok_or_else(wrong)?;
                check_object(sub_obj, sub, &format!("{field}."))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Parses the input text into a [`SimulateInput`], with French errors naming the field.
pub fn parse_input(input: &str) -> Result<SimulateInput, SimulateError> {
    let value: Value = serde_json::from_str(input).map_err(|e| SimulateError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: match e.classify() {
            serde_json::error::Category::Eof => "fin de texte inattendue".to_string(),
            _ => "syntaxe incorrecte".to_string(),
        },
    })?;
    let obj = value
        .as_object()
        .ok_or_else(|| SimulateError::NotAnObject { found: found(&value) })?;
    check_object(obj, FIELDS, "")?;
    // The shape is checked: deserialising can no longer fail, but map an error all the same.
    serde_json::from_value(value).map_err(|e| SimulateError::Other(e.to_string()))
}

/// A date "YYYY-MM-DD", strictly (4-digit year, 2-digit month and day).
fn parse_date(field: &str, s: &str) -> Result<NaiveDate, SimulateError> {
    let invalid = || SimulateError::InvalidDate {
        field: field.to_string(),
        value: shown(s),
    };
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(invalid());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| invalid())
}

fn parse_opt_date(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>, SimulateError> {
    s.as_deref().map(|s| parse_date(field, s)).transpose()
}

/// An amount: digits, optionally a decimal point or comma and one or two decimals; spaces (also
/// non-breaking) between digits are thousands separators. No sign, no exponent.
fn parse_amount(field: &str, s: &str) -> Result<Decimal, SimulateError> {
    let invalid = || SimulateError::InvalidAmount {
        field: field.to_string(),
        value: shown(s),
    };
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect::<String>();
    let cleaned = cleaned.replace(',', ".");
    let (int, frac) = match cleaned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (cleaned.as_str(), None),
    };
    let digits_ok = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !digits_ok(int) || int.len() > 15 || frac.is_some_and(|f| !digits_ok(f) || f.len() > 2) {
        return Err(invalid());
    }
    cleaned.parse::<Decimal>().map_err(|_| invalid())
}

/// A coefficient of the degressive rate: a decimal number ≥ 0, point or comma, any number of decimals.
fn parse_coefficient(field: &str, s: &str) -> Result<Decimal, SimulateError> {
    let invalid = || SimulateError::InvalidNumber {
        field: field.to_string(),
        value: shown(s),
    };
    let cleaned = s.trim().replace(',', ".");
    let ok = !cleaned.is_empty()
        && cleaned.len() <= 30
        && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.')
        && cleaned.chars().filter(|c| *c == '.').count() <= 1
        && cleaned.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !ok {
        return Err(invalid());
    }
    cleaned.parse::<Decimal>().map_err(|_| invalid())
}

fn format_fixed(value: Decimal, dp: u32) -> String {
    let mut v = value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if v.is_zero() {
        v = Decimal::ZERO;
    }
    v.rescale(dp);
    v.to_string()
}

/// Runs the rules on a parsed input. `today` is the default of `as_of`.
pub fn simulate(
    input: &SimulateInput,
    params: &Parameters,
    today: NaiveDate,
) -> Result<SimulateOutput, SimulateError> {
    let discipline =
        Discipline::from_code(&input.discipline).ok_or_else(|| SimulateError::UnknownDiscipline {
            value: shown(&input.discipline),
        })?;
    let allocation_start = parse_date("allocation_start", &input.allocation_start)?;
    let allocation_end = parse_opt_date("allocation_end", &input.allocation_end)?;
    // The rate table: the input's, else the parameters'.
    let table = match &input.allowance_rates {
        None => params.allowance_rates.clone(),
        Some(rows) => {
            let mut table = Vec::with_capacity(rows.len());
            for (i, r) in rows.iter().enumerate() {
                let row = AllowanceRate {
                    from: parse_date(&format!("allowance_rates[{i}].from"), &r.from)?,
                    monthly_gross: parse_amount(
                        &format!("allowance_rates[{i}].monthly_gross"),
                        &r.monthly_gross,
                    )?,
                    monthly_net: parse_amount(&format!("allowance_rates[{i}].monthly_net"), &r.monthly_net)?,
                };
                if row.monthly_net > row.monthly_gross {
                    return Err(LedgerError::InvalidAmount {
                        field: format!("allowance_rates[{i}].monthly_net"),
                        value: row.monthly_net.to_string().replace('.', ","),
                        reason: format!(
                            "le net ne peut dépasser le brut ({})",
                            row.monthly_gross.to_string().replace('.', ",")
                        ),
                    }
                    .into());
                }
                table.push(row);
            }
            table
        }
    };
    let table_params = Parameters {
        allowance_rates: table,
        ..Parameters::default()
    };
    // A month is paid at the amounts in force on its first day: the first month's amounts, then
    // the rows that start later.
    let first_month = allocation_start.with_day(1).unwrap_or(allocation_start);
    let rate = table_params.allowance_at(first_month);
    let flat = input.monthly_gross.is_some() || input.monthly_net.is_some();
    let monthly_gross = match &input.monthly_gross {
        Some(s) => parse_amount("monthly_gross", s)?,
        None => rate
            .map(|r| r.monthly_gross)
            .ok_or_else(|| SimulateError::NoAllowanceRate {
                field: "monthly_gross".to_string(),
            })?,
    };
    let monthly_net = match &input.monthly_net {
        Some(s) => parse_amount("monthly_net", s)?,
        None => rate
            .map(|r| r.monthly_net)
            .ok_or_else(|| SimulateError::NoAllowanceRate {
                field: "monthly_net".to_string(),
            })?,
    };
    let mut rate_changes: Vec<AllowanceRate> = if flat {
        Vec::new()
    } else {
        table_params
            .allowance_rates
            .iter()
            .filter(|r| r.from > first_month)
            .cloned()
            .collect()
    };
    rate_changes.sort_by_key(|r| r.from);
    let mut params = params.clone();
    if let Some(dg) = &input.degressive {
        let degressive = Degressive {
            threshold_months: dg.threshold_months,
            coefficient: parse_coefficient("degressive.coefficient", &dg.coefficient)?,
        };
        match discipline {
            Discipline::Medecine => params.degressive_medecine = degressive,
            Discipline::Odontologie => params.degressive_odontologie = degressive,
            Discipline::Maieutique => params.degressive_maieutique = degressive,
            Discipline::Pharmacie => params.degressive_pharmacie = degressive,
        }
    }
    let params = &params;
    let mut suspensions = Vec::new();
    for (i, s) in input.suspensions.iter().flatten().enumerate() {
        suspensions.push(Suspension {
            start: parse_date(&format!("suspensions[{i}].start"), &s.start)?,
            end: parse_date(&format!("suspensions[{i}].end"), &s.end)?,
            paid: s.paid.unwrap_or(false),
        });
    }
    let mut practice_suspensions = Vec::new();
    for (i, p) in input.practice_suspensions.iter().flatten().enumerate() {
        practice_suspensions.push(Period {
            start: parse_date(&format!("practice_suspensions[{i}].start"), &p.start)?,
            end: parse_date(&format!("practice_suspensions[{i}].end"), &p.end)?,
        });
    }
    let contract = Contract {
        discipline,
        allocation_start,
        allocation_end,
        monthly_gross,
        monthly_net,
        rate_changes,
        definitive_suspension_from: parse_opt_date(
            "definitive_suspension_from",
            &input.definitive_suspension_from,
        )?,
        suspensions,
        diploma_date: parse_opt_date("diploma_date", &input.diploma_date)?,
        practice_start: parse_opt_date("practice_start", &input.practice_start)?,
        practice_suspensions,
    };
    let rupture_date = parse_opt_date("rupture_date", &input.rupture_date)?;
    let as_of = parse_opt_date("as_of", &input.as_of)?.unwrap_or(today);

    let c = rules::compute(&contract, params, as_of, rupture_date)?;
    Ok(SimulateOutput {
        months_paid: c.months_paid,
        gross_total: format_fixed(c.gross_total, 2),
        net_total: format_fixed(c.net_total, 2),
        allowance_lines: c
            .allowance_lines
            .iter()
            .map(|l| AllowanceLineOutput {
                from: crate::domain::dates::format_iso(l.from),
                months: l.months,
                monthly_gross: format_fixed(l.monthly_gross, 2),
                monthly_net: format_fixed(l.monthly_net, 2),
            })
            .collect(),
        commitment_months: c.commitment_months,
        commitment_end: c.commitment_end.map(crate::domain::dates::format_iso),
        months_served: c.months_served,
        months_remaining: c.months_remaining,
        warnings: c.warnings,
        rupture: c.rupture.map(|r| RuptureOutput {
            phase: r.phase,
            allocations: format_fixed(r.allocations, 2),
            penalty: format_fixed(r.penalty, 2),
            rate: format_fixed(r.rate, 4),
            total: format_fixed(r.total, 2),
        }),
    })
}

/// `cesp simulate`: JSON in, pretty JSON out. `today` is the default of `as_of`.
pub fn simulate_json(input: &str, params: &Parameters, today: NaiveDate) -> Result<String, SimulateError> {
    let parsed = parse_input(input)?;
    let output = simulate(&parsed, params, today)?;
    serde_json::to_string_pretty(&output).map_err(|e| SimulateError::Other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
    }

    fn run(input: &str) -> Result<Value, SimulateError> {
        simulate_json(input, &Parameters::default(), today()).map(|s| serde_json::from_str(&s).unwrap())
    }

    fn err(input: &str) -> String {
        simulate_json(input, &Parameters::default(), today())
            .unwrap_err()
            .to_string()
    }

    const EXAMPLE: &str = r#"{
        "discipline": "medecine",
        "allocation_start": "2015-10-01",
        "allocation_end": "2020-09-30",
        "monthly_gross": "1200.00",
        "monthly_net": "1106,88",
        "suspensions": [],
        "diploma_date": "2020-10-15",
        "practice_start": "2020-11-01",
        "practice_suspensions": null,
        "rupture_date": "2024-10-31",
        "as_of": null
    }"#;

    #[test]
    fn worked_example_output() {
        let out = simulate_json(EXAMPLE, &Parameters::default(), today()).unwrap();
        let expected = r#"{
  "months_paid": 60,
  "gross_total": "72000.00",
  "net_total": "66412.80",
  "allowance_lines": [
    {
      "from": "2015-10-01",
      "months": 60,
      "monthly_gross": "1200.00",
      "monthly_net": "1106.88"
    }
  ],
  "commitment_months": 60,
  "commitment_end": "2025-10-31",
  "months_served": 48,
  "months_remaining": 12,
  "warnings": [],
  "rupture": {
    "phase": "en_exercice",
    "allocations": "66412.80",
    "penalty": "20000.00",
    "rate": "46.3344",
    "total": "40038.83"
  }
}"#;
        assert_eq!(out, expected);
        let parsed: SimulateOutput = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed.rupture.unwrap().phase, Phase::EnExercice);
    }

    #[test]
    fn defaults_and_no_rupture() {
        let v = run(r#"{"discipline":"odontologie","allocation_start":"2024-10-01"}"#).unwrap();
        // as_of = today (01/01/2025): Oct, Nov, Dec, Jan; amounts from the parameters.
        assert_eq!(v["months_paid"], 4);
        assert_eq!(v["gross_total"], "4800.00");
        assert_eq!(v["net_total"], "4427.52");
        assert_eq!(v["commitment_months"], 24);
        assert_eq!(v["commitment_end"], Value::Null);
        assert_eq!(v["months_served"], 0);
        assert_eq!(v["months_remaining"], Value::Null);
        assert_eq!(v["warnings"], serde_json::json!([]));
        assert!(v.get("rupture").is_none());
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 9);
    }

    #[test]
    fn suspensions_amounts_and_before_diploma_rupture() {
        let v = run(
            r#"{"discipline":"maieutique","allocation_start":"2023-10-01","monthly_gross":"1 200,00",
                "monthly_net":"1000","suspensions":[{"start":"2024-01-01","end":"2024-02-29","paid":false},
                {"start":"2024-03-01","end":"2024-03-31","paid":true},
                {"start":"2024-04-01","end":"2024-04-30"}],
                "rupture_date":"2024-06-10","as_of":"2024-12-31"}"#,
        )
        .unwrap();
        // Oct 2023 – Jun 2024 = 9 months, minus Jan, Feb (unpaid) and Apr (paid absent = false) = 6.
        assert_eq!(v["months_paid"], 6);
        assert_eq!(v["gross_total"], "7200.00");
        assert_eq!(v["net_total"], "6000.00");
        assert_eq!(v["rupture"]["phase"], "avant_diplome");
        assert_eq!(v["rupture"]["penalty"], "2000.00");
        assert_eq!(v["rupture"]["rate"], "100.0000");
        assert_eq!(v["rupture"]["total"], "8000.00");
    }

    #[test]
    fn french_errors_name_the_field() {
        let base = r#""discipline":"medecine","allocation_start":"2015-10-01""#;
        let cases: Vec<(String, &str)> = vec![
            (r#"{"foo":1}"#.into(), "Champ inconnu « foo »."),
            (format!(r#"{{{base},"foo":1}}"#), "Champ inconnu « foo »."),
            (r#"{"discipline":"medecine"}"#.into(), "Champ « allocation_start » manquant."),
            (r#"{"allocation_start":"2015-10-01"}"#.into(), "Champ « discipline » manquant."),
            (
                r#"{"discipline":"medecine","allocation_start":"2024-13-01"}"#.into(),
                "Champ « allocation_start » : date invalide « 2024-13-01 » (attendu AAAA-MM-JJ).",
            ),
            (
                format!(r#"{{{base},"allocation_end":"30/09/2020"}}"#),
                "Champ « allocation_end » : date invalide « 30/09/2020 » (attendu AAAA-MM-JJ).",
            ),
            (
                format!(r#"{{{base},"diploma_date":"2021-02-29"}}"#),
                "Champ « diploma_date » : date invalide « 2021-02-29 » (attendu AAAA-MM-JJ).",
            ),
            (
                format!(r#"{{{base},"as_of":"2021-2-3"}}"#),
                "Champ « as_of » : date invalide « 2021-2-3 » (attendu AAAA-MM-JJ).",
            ),
            (
                r#"{"discipline":3,"allocation_start":"2015-10-01"}"#.into(),
                "Champ « discipline » : type incorrect (attendu une chaîne, reçu un nombre).",
            ),
            (
                r#"{"discipline":null,"allocation_start":"2015-10-01"}"#.into(),
                "Champ « discipline » : type incorrect (attendu une chaîne, reçu null).",
            ),
            (
                r#"{"discipline":"chirurgie","allocation_start":"2015-10-01"}"#.into(),
                "Champ « discipline » : valeur inconnue « chirurgie » (attendu medecine, odontologie, \
                 maieutique ou pharmacie).",
            ),
            (
                format!(r#"{{{base},"monthly_net":1106.88}}"#),
                "Champ « monthly_net » : type incorrect (attendu une chaîne, reçu un nombre).",
            ),
            (
                format!(r#"{{{base},"monthly_net":"1106.885"}}"#),
                "Champ « monthly_net » : montant invalide « 1106.885 » (attendu un montant positif avec au \
                 plus deux décimales, par exemple « 1106,88 »).",
            ),
            (
                format!(r#"{{{base},"monthly_gross":"-5"}}"#),
                "Champ « monthly_gross » : montant invalide « -5 » (attendu un montant positif avec au plus \
                 deux décimales, par exemple « 1106,88 »).",
            ),
            (
                format!(r#"{{{base},"monthly_gross":"1e3"}}"#),
                "Champ « monthly_gross » : montant invalide « 1e3 » (attendu un montant positif avec au plus \
                 deux décimales, par exemple « 1106,88 »).",
            ),
            (
                format!(r#"{{{base},"suspensions":{{}}}}"#),
                "Champ « suspensions » : type incorrect (attendu un tableau d'objets {start, end…}, reçu un \
                 objet).",
            ),
            (
                format!(r#"{{{base},"suspensions":[1]}}"#),
                "Champ « suspensions[0] » : type incorrect (attendu un objet {start, end…}, reçu un nombre).",
            ),
            (
                format!(
                    r#"{{{base},"suspensions":[
                    {{"start":"2016-01-01","end":"2016-01-31","why":"x"}}]}}"#
                ),
                "Champ inconnu « suspensions[0].why ».",
            ),
            (
                format!(r#"{{{base},"suspensions":[{{"start":"2016-01-01"}}]}}"#),
                "Champ « suspensions[0].end » manquant.",
            ),
            (
                format!(
                    r#"{{{base},"suspensions":[
                    {{"start":"2016-01-01","end":"2016-01-31","paid":"oui"}}]}}"#
                ),
                "Champ « suspensions[0].paid » : type incorrect (attendu un booléen (true ou false), \
                 reçu une chaîne).",
            ),
            (
                format!(r#"{{{base},"practice_suspensions":[{{"start":"2016-01-01","end":"x"}}]}}"#),
                "Champ « practice_suspensions[0].end » : date invalide « x » (attendu AAAA-MM-JJ).",
            ),
            (
                format!(r#"{{{base},"suspensions":[{{"start":"2016-01-15","end":"2016-01-31"}}]}}"#),
                "suspensions[0] : la suspension doit commencer le 1er d'un mois (reçu 15/01/2016).",
            ),
            (
                format!(
                    r#"{{{base},"suspensions":[{{"start":"2016-01-01","end":"2016-03-31"}},
                    {{"start":"2016-03-01","end":"2016-04-30","paid":true}}]}}"#
                ),
                "suspensions[1] : la suspension chevauche suspensions[0].",
            ),
            (
                format!(r#"{{{base},"allocation_end":"2015-01-31"}}"#),
                "allocation_end : la fin de l'allocation (31/01/2015) précède son début (01/10/2015).",
            ),
            (
                format!(r#"{{{base},"suspensions":[{{"start":"2016-03-01","end":"2016-01-31"}}]}}"#),
                "suspensions[0] : la fin (31/01/2016) précède le début (01/03/2016).",
            ),
            ("[1,2]".into(), "L'entrée doit être un objet JSON (reçu un tableau)."),
            ("".into(), "JSON invalide (ligne 1, colonne 0) : fin de texte inattendue."),
            ("{\"discipline\":}".into(), "JSON invalide (ligne 1, colonne 15) : syntaxe incorrecte."),
        ];
        for (input, expected) in cases {
            assert_eq!(err(&input), expected, "input: {input}");
        }
    }

    #[test]
    fn rate_table_degressive_and_definitive_suspension_in_the_input() {
        let base = r#""discipline": "medecine", "allocation_start": "2015-10-01",
            "allocation_end": "2020-09-30", "diploma_date": "2020-10-15",
            "practice_start": "2020-11-01", "rupture_date": "2024-10-31""#;
        // The table: 30 months at each amount; the output details them.
        let v = run(&format!(
            r#"{{{base}, "allowance_rates": [
                {{"from": "2010-06-29", "monthly_gross": "1200.00", "monthly_net": "1106.88"}},
                {{"from": "2018-04-01", "monthly_gross": "1300,00", "monthly_net": "1199,12"}}]}}"#
        ))
        .unwrap();
        assert_eq!(v["net_total"], "69180.00");
        assert_eq!(v["gross_total"], "75000.00");
        assert_eq!(v["allowance_lines"][1]["from"], "2018-04-01");
        assert_eq!(v["allowance_lines"][1]["months"], 30);
        assert_eq!(v["allowance_lines"][1]["monthly_net"], "1199.12");
        // An amount given explicitly applies to every month.
        let v = run(&format!(
            r#"{{{base}, "monthly_net": "1000.00", "monthly_gross": "1100.00", "allowance_rates": [
                {{"from": "2018-04-01", "monthly_gross": "1300,00", "monthly_net": "1199,12"}}]}}"#
        ))
        .unwrap();
        assert_eq!(v["net_total"], "60000.00");
        // The degressive rate of the input.
        let v = run(&format!(
            r#"{{{base}, "degressive": {{"threshold_months": 36, "coefficient": "100"}}}}"#
        ))
        .unwrap();
        assert_eq!(v["rupture"]["rate"], "55.2786");
        // The definitive suspension: nothing paid from 01/01/2019.
        let v = run(&format!(
            r#"{{{base}, "definitive_suspension_from": "2019-01-01"}}"#
        ))
        .unwrap();
        assert_eq!(v["months_paid"], 39);

        for (input, fragment) in [
            (
                format!(r#"{{{base}, "degressive": {{"threshold_months": "36", "coefficient": "100"}}}}"#),
                "« degressive.threshold_months » : type incorrect",
            ),
            (
                format!(r#"{{{base}, "degressive": {{"threshold_months": 36, "coefficient": "-1"}}}}"#),
                "« degressive.coefficient » : nombre invalide",
            ),
            (
                format!(r#"{{{base}, "degressive": {{"threshold_months": 36}}}}"#),
                "« degressive.coefficient » manquant",
            ),
            (
                format!(
                    r#"{{{base}, "allowance_rates": [{{"from": "01/04/2018", "monthly_gross": "1", "monthly_net": "1"}}]}}"#
                ),
                "« allowance_rates[0].from » : date invalide",
            ),
            (
                format!(
                    r#"{{{base}, "allowance_rates": [{{"from": "2018-04-01", "monthly_gross": "1", "net": "1"}}]}}"#
                ),
                "Champ inconnu « allowance_rates[0].net »",
            ),
            (
                format!(
                    r#"{{{base}, "allowance_rates": [{{"from": "2010-01-01", "monthly_gross": "1000", "monthly_net": "1100"}}]}}"#
                ),
                "allowance_rates[0].monthly_net : montant invalide (1100) : le net ne peut dépasser le brut",
            ),
            (
                format!(r#"{{{base}, "definitive_suspension_from": "2019-01-15"}}"#),
                "definitive_suspension_from : la suspension doit commencer le 1er d'un mois",
            ),
        ] {
            let e = err(&input);
            assert!(e.contains(fragment), "{input}\n→ {e}");
        }
    }

    #[test]
    fn amounts_parse() {
        for (s, expected) in [
            ("1200", "1200"),
            ("1200.5", "1200.5"),
            ("1 106,88", "1106.88"),
            ("0,01", "0.01"),
        ] {
            assert_eq!(parse_amount("x", s).unwrap().to_string(), expected);
        }
        for s in [
            "",
            ",5",
            "1.",
            "1.234",
            "+1",
            "-1",
            "1e2",
            "abc",
            "1.2.3",
            "12345678901234567",
        ] {
            assert!(parse_amount("x", s).is_err(), "{s}");
        }
    }

    #[test]
    fn empty_rate_table_needs_amounts() {
        let p = Parameters {
            allowance_rates: vec![],
            ..Parameters::default()
        };
        let e = simulate_json(
            r#"{"discipline":"pharmacie","allocation_start":"2026-10-01"}"#,
            &p,
            today(),
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "Champ « monthly_gross » : aucun barème d'allocation dans les paramètres ; indiquer le montant."
        );
    }

    #[test]
    fn input_struct_round_trips_and_denies_unknown_fields() {
        let parsed = parse_input(EXAMPLE).unwrap();
        assert_eq!(parsed.discipline, "medecine");
        assert_eq!(parsed.practice_suspensions, None);
        let again: SimulateInput = serde_json::from_str(&serde_json::to_string(&parsed).unwrap()).unwrap();
        assert_eq!(again, parsed);
        assert!(
            serde_json::from_str::<SimulateInput>(r#"{"discipline":"x","allocation_start":"y","z":1}"#)
                .is_err()
        );
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_strings(s in ".*") {
            let _ = simulate_json(&s, &Parameters::default(), today());
        }

        #[test]
        fn never_panics_on_json_like_input(
            start in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            end in proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            ps in proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            rupture in proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            net in "[0-9 ,.]{0,8}",
            s1 in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            s2 in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        ) {
            let q = |o: &Option<String>| o.as_ref().map_or("null".to_string(), |s| format!("\"{s}\""));
            let input = format!(
                r#"{{"discipline":"medecine","allocation_start":"{start}","allocation_end":{},
                "practice_start":{},"diploma_date":{},"rupture_date":{},"monthly_net":"{net}",
                "suspensions":[{{"start":"{s1}","end":"{s2}"}}],
                "practice_suspensions":[{{"start":"{s1}","end":"{s2}"}}]}}"#,
                q(&end), q(&ps), q(&ps), q(&rupture)
            );
            let _ = simulate_json(&input, &Parameters::default(), today());
        }
    }
}
