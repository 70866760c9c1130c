//! The printed justification of a rupture simulation: one A4 page that explains the
//! computation line by line, with the legal references (issue #3).

use super::rules::Phase;
use super::service::{parameters, simulate_rupture};
use crate::domain::dates::{format_fr, parse_date};
use crate::domain::Discipline;
use crate::error::{Error, Result, ValidationErrors};
use crate::money::{format_euros, format_percent};
use crate::pdf::{self, RuptureSheet, SheetLine};
use crate::store::Store;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

fn amount(s: &str) -> Result<Decimal> {
    Decimal::from_str(s).map_err(|_| Error::Rules(format!("Montant illisible dans le calcul : {s}")))
}

/// The content of the sheet for a rupture of signatory `id` on `date_text`.
pub fn rupture_sheet(store: &Store, id: i64, date_text: &str, today: NaiveDate) -> Result<RuptureSheet> {
    let out = simulate_rupture(store, id, date_text, today)?;
    let s = crate::register::get(store, id)?;
    let params = parameters(store, id)?;
    let info = crate::settings::app_info(store)?;
    let Some(r) = out.rupture.as_ref() else {
        return Err(Error::Rules("La simulation n'a pas produit de rupture.".into()));
    };
    let allocations = amount(&r.allocations)?;
    let penalty = amount(&r.penalty)?;
    let rate = amount(&r.rate)?;
    // One line per amount in force: "60 mois × 1 106,88 €", or "12 mois × … + 48 mois × …".
    let mut detail = Vec::new();
    for l in &out.allowance_lines {
        detail.push(format!(
            "{} mois × {}",
            l.months,
            format_euros(amount(&l.monthly_net)?)
        ));
    }
    if detail.is_empty() {
        detail.push("0 mois".to_owned());
    }
    let degressive = params.degressive_for(s.discipline);
    let mut lines = vec![SheetLine {
        label: "Allocations nettes perçues".into(),
        detail: detail.join(" + "),
        amount: format_euros(allocations),
    }];
    lines.push(SheetLine {
        label: match r.phase {
            Phase::AvantDiplome => "Pénalité (rupture avant le diplôme)".into(),
            _ => "Pénalité (rupture après le diplôme)".into(),
        },
        detail: match r.phase {
            Phase::AvantDiplome => format!(
                "{} × {} mois, {} au minimum",
                format_euros(params.penalty_per_month),
                out.months_paid,
                format_euros(params.penalty_floor)
            ),
            _ => "Forfait".into(),
        },
        amount: format_euros(penalty),
    });
    lines.push(SheetLine {
        label: "Base de l'indemnité".into(),
        detail: format!("{} + {}", format_euros(allocations), format_euros(penalty)),
        amount: format_euros(allocations + penalty),
    });
    let (t, c) = (degressive.threshold_months, degressive.coefficient);
    let (d, f) = (out.commitment_months, out.months_served);
    lines.push(SheetLine {
        label: match r.phase {
            Phase::EnExercice => format!(
                "Taux dégressif ({}, f = {f} mois servis sur d = {d} mois dus)",
                s.discipline.label().to_lowercase()
            ),
            _ => "Taux (pas d'exercice commencé)".into(),
        },
        detail: match r.phase {
            Phase::EnExercice if f > t => format!("100 − min(100 ; {c} × √(({f} − {t}) / {d}))"),
            Phase::EnExercice => format!("100 % tant que f ≤ {t} mois"),
            _ => "100 %".into(),
        },
        amount: format_percent(rate, 4),
    });
    let mut legal = vec![
        match s.discipline {
            Discipline::Odontologie => {
                "Code de l'éducation, article L. 634-2 (contrat d'engagement de service public, odontologie)"
                    .to_owned()
            }
            _ => "Code de l'éducation, article L. 632-6 (contrat d'engagement de service public)".to_owned(),
        },
        "Décret n° 2010-735 du 29 juin 2010 modifié relatif au contrat d'engagement de service public"
            .to_owned(),
    ];
    legal.push(match s.discipline {
        Discipline::Odontologie => "Arrêté du 29 octobre 2013 (taux dégressif, odontologie)".to_owned(),
        _ => "Arrêté du 24 juin 2011, annexe (taux dégressif, médecine) ; arrêté du 26 mai 2020 (indemnité)"
            .to_owned(),
    });
    Ok(RuptureSheet {
        ars_name: if info.region.is_empty() {
            String::new()
        } else {
            format!("ARS {}", info.region)
        },
        signatory: format!(
            "{} {} {}",
            s.civility_label(),
            s.first_names,
            s.last_name.to_uppercase()
        )
        .trim_start()
        .to_owned(),
        discipline: s.discipline.label().to_owned(),
        contract_ref: s.contract_ref.clone().unwrap_or_default(),
        regime: s.regime.map(|r| r.label().to_owned()).unwrap_or_default(),
        rupture_date: parse_date(date_text)
            .map(format_fr)
            .unwrap_or_else(|| date_text.to_owned()),
        generated_on: today,
        phase_label: r.phase.label().to_owned(),
        lines,
        total: format_euros(amount(&r.total)?),
        warnings: out.warnings.clone(),
        legal_references: legal,
    })
}

/// Renders the sheet and writes it to `path` (chosen by the user), atomically.
pub fn print_rupture_sheet(
    store: &Store,
    id: i64,
    date_text: &str,
    path: &Path,
    today: NaiveDate,
) -> Result<()> {
    if path.as_os_str().is_empty() {
        let mut e = ValidationErrors::default();
        e.push("path", "Choisissez où enregistrer le PDF.");
        return Err(e.into());
    }
    let sheet = rupture_sheet(store, id, date_text, today)?;
    let bytes = pdf::render_rupture_simulation(pdf::fonts()?, &sheet)?;
    pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}
