//! The applications of the demo register: the campaign under way (files arriving in the
//! autumn, some documents still missing, the decisions once the commission has sat) and the
//! one before it, decided, so that the Candidatures screen, its reminders in "À faire" and the
//! counts of the statistics show something shaped like a real winter. Nobody is converted:
//! the demo files have their own signatories.

use super::{Rng, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, TOWNS};
use crate::applications::{self, calendar, required_documents, ApplicationInput};
use crate::domain::Decision;
use crate::error::{Error, Result};
use crate::store::applications::{self as sql, CommissionRow};
use crate::store::Store;
use chrono::{Duration, NaiveDate};

/// Fictitious places of the projects (communes of under-served areas of Brittany).
const PLACES: &[&str] = &[
    "Carhaix-Plouguer",
    "Pontivy",
    "Guingamp",
    "Loudéac",
    "Rostrenen",
    "Châteaulin",
];

/// Short reasons a commission gives, as minutes word them.
const REASONS_RETENU: &[&str] = &[
    "Projet construit en zone sous-dotée",
    "Motivation argumentée, stage en MSP",
    "Projet d'installation en ZIP",
];
const REASONS_NON_RETENU: &[&str] = &[
    "Projet professionnel à préciser",
    "Dossier incomplet à la date limite",
    "Places de la faculté pourvues",
];

/// A day between `from` and `to` (both included; `from` if the span is empty).
fn day_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Duration::days(rng.range(0, span))
}

/// One candidate as the form would send it, received on `received` (None: not yet).
fn candidate(rng: &mut Rng, year: i32, odontology: bool, received: Option<NaiveDate>) -> ApplicationInput {
    let female = rng.chance(62);
    let first = if female {
        rng.pick(FEMALE_FIRST_NAMES)
    } else {
        rng.pick(MALE_FIRST_NAMES)
    };
    let last = rng.pick(LAST_NAMES);
    let intern = !odontology && rng.chance(30);
    // The second cycle counts its own years (1 to 3: the 4th to 6th year of studies).
    let (cycle, study_year, age) = if intern {
        let y = rng.range(1, 2);
        ("troisieme_cycle", y, 24 + y)
    } else {
        let y = rng.range(1, 3);
        ("deuxieme_cycle", y, 21 + y)
    };
    let birth = NaiveDate::from_ymd_opt(year - (age + rng.range(0, 2)) as i32, 1, 1)
        .map(|d| d + Duration::days(rng.range(0, 364)));
    let handle = |s: &str| super::ascii_handle(s).to_lowercase();
    let specialty = if odontology {
        "Chirurgie dentaire"
    } else if rng.chance(80) {
        "Médecine générale"
    } else {
        rng.pick(&["Pédiatrie", "Psychiatrie", "Gynécologie médicale"])
    };
    let place = rng.pick(PLACES);
    ApplicationInput {
        civility: if female { "Mme" } else { "M" }.into(),
        last_name: (*last).into(),
        first_names: (*first).into(),
        birth_date: birth.map(crate::domain::dates::format_fr).unwrap_or_default(),
        email: format!("{}.{}.candidat@example.org", handle(first), handle(last)),
        phone: format!("06 39 98 {:02} {:02}", rng.range(0, 99), rng.range(0, 99)),
        discipline: if odontology { "odontologie" } else { "medecine" }.into(),
        cycle: cycle.into(),
        study_year: study_year.to_string(),
        ecn_year: if intern { year.to_string() } else { String::new() },
        ecn_rank: if intern {
            rng.range(1, 9500).to_string()
        } else {
            String::new()
        },
        specialty: specialty.into(),
        project_mode: rng.pick(&["liberal", "liberal", "mixte", "indecis"]).to_string(),
        project_zone: rng.pick(&["zip", "zip", "zac", "indecis"]).to_string(),
        project_place: (*place).into(),
        project: format!("S'installer près de {place}, en exercice regroupé."),
        received_date: received.map(crate::domain::dates::format_fr).unwrap_or_default(),
        ..Default::default()
    }
}

/// Adds the applications of the campaigns up to `today`, in one transaction; returns how
/// many. `count` is the size of the demo register: about one candidate for 25 files.
pub(super) fn applications_history(
    store: &mut Store,
    count: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<usize> {
    let mut rng = Rng(seed ^ 0xCA4D_1DA7_0000_0001);
    let settings = calendar::settings(store)?;
    let current = applications::current_year(today);
    let per_campaign = (count / 25).clamp(6, 60);
    let (town, _) = *rng.pick(TOWNS);
    let ufrs = [
        (format!("Faculté de médecine de {town}"), false),
        (format!("UFR d'odontologie de {town}"), true),
    ];
    // Validated as the form would be, before the transaction.
    let mut planned = Vec::new();
    for year in [current - 1, current] {
        let dates = settings.dates(year);
        let opened = NaiveDate::from_ymd_opt(year, 10, 1).unwrap_or(dates.deadline);
        if opened > today {
            continue;
        }
        let last_day = dates.deadline.min(today);
        let decided = today >= dates.commission;
        let mut waiting = 0;
        for n in 0..per_campaign {
            // A third of the files go to odontology; a few are announced but not received.
            let (ufr, odontology) = &ufrs[usize::from(n % 3 == 2)];
            let received = (decided || rng.chance(85)).then(|| day_between(&mut rng, opened, last_day));
            let input = candidate(&mut rng, year, *odontology, received);
            let record = applications::validate(&input, year, ufr, today).map_err(Error::from)?;
            let needed = required_documents(&record, settings.ars_validation);
            // A decided campaign's files are complete but for a few; the current one fills in.
            let mut documents = Vec::new();
            if let Some(received) = received {
                for doc in needed {
                    if rng.chance(if decided { 97 } else { 80 }) {
                        documents.push((doc, day_between(&mut rng, received, last_day)));
                    }
                }
            }
            let decision = decided.then(|| match rng.range(0, 9) {
                0..=4 => (Decision::Retenu, None, *rng.pick(REASONS_RETENU)),
                5..=6 => {
                    waiting += 1;
                    (Decision::ListeAttente, Some(waiting), "")
                }
                _ => (Decision::NonRetenu, None, *rng.pick(REASONS_NON_RETENU)),
            });
            planned.push((record, documents, decision));
        }
    }
    let commissions: Vec<(i32, String, NaiveDate)> = [current - 1, current]
        .into_iter()
        .filter(|y| today >= settings.dates(*y).commission)
        .flat_map(|y| {
            let sat = settings.dates(y).commission;
            ufrs.iter().map(move |(u, _)| (y, u.clone(), sat))
        })
        .collect();
    let n = planned.len();
    store.write(|tx| {
        let now = crate::store::now_stamp();
        for (record, documents, decision) in &planned {
            let id = sql::insert(tx, record, &now)?;
            for (doc, on) in documents {
                sql::set_document(tx, id, *doc, Some(*on))?;
            }
            if let Some((d, rank, reason)) = decision {
                sql::set_decision(tx, id, Some(*d), *rank, reason, &now)?;
            }
        }
        for (year, ufr, sat) in &commissions {
            let row = CommissionRow {
                sitting_date: Some(*sat),
                members: "Doyen de la faculté ; référent CESP de l'ARS ; représentant des étudiants".into(),
                notes: String::new(),
            };
            sql::save_commission(tx, *year, ufr, &row, &now)?;
        }
        Ok(())
    })?;
    Ok(n)
}
