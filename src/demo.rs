//! Fictitious demonstration data: deterministic for a given seed, realistic in shape
//! (names, years 2010 to today, disciplines and specialties in proportions close to
//! domain.md §8), and never a real person. Names are drawn independently from lists of
//! common French first and last names; phone numbers are in the ranges ARCEP reserves
//! for fiction (06 39 98 …) and e-mails in the reserved domain example.org.

use crate::domain::signatory::validate;
use crate::domain::{SignatoryInput, SignatoryRecord};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

mod applications;
mod ledger;

/// A small, fast, deterministic generator (SplitMix64): the same seed gives the same
/// register on every machine and every version of the dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 1000 < percent * 10
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
    fn weighted<'a>(&mut self, items: &'a [(&'a str, u32)]) -> &'a str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut n = (self.next() % u64::from(total)) as u32;
        for (v, w) in items {
            if n < *w {
                return v;
            }
            n -= w;
        }
        items[0].0
    }
}

const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Müller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Le Gall",
    "Le Bihan",
    "Kerjean",
    "Le Goff",
    "Tanguy",
    "Quéré",
    "Le Roux",
    "Jaouen",
    "Ménard",
    "Hervé",
    "D'Almeida",
    "N'Diaye",
    "Nguyen",
    "Benali",
    "Da Silva",
    "Lemaître",
    "Barbier",
    "Cœurdevey",
    "Brunet",
    "Noël",
];

const FEMALE_FIRST_NAMES: &[&str] = &[
    "Hélène",
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Emma",
    "Louise",
    "Juliette",
    "Anaïs",
    "Clémence",
    "Océane",
    "Maëlle",
    "Zoé",
    "Élise",
    "Margaux",
    "Pauline",
    "Lucie",
    "Noémie",
    "Salomé",
    "Justine",
    "Marie-Ange",
    "Gwenaëlle",
    "Solène",
    "Yasmine",
    "Aurélie",
    "Élodie",
    "Agathe",
    "Bérénice",
];

const MALE_FIRST_NAMES: &[&str] = &[
    "Lucas",
    "Hugo",
    "Théo",
    "Nathan",
    "Louis",
    "Mathis",
    "Raphaël",
    "Gabriel",
    "Noé",
    "Jules",
    "Maël",
    "Clément",
    "Antoine",
    "Étienne",
    "Baptiste",
    "Quentin",
    "Thibault",
    "Yanis",
    "Erwan",
    "Loïc",
    "Jean-Baptiste",
    "Benoît",
    "Rémi",
    "Adrien",
    "Maxime",
    "Corentin",
    "Jérôme",
    "Gaël",
    "Mehdi",
    "François",
];

/// University towns with a medical faculty (public institutions, not people).
const TOWNS: &[(&str, &str)] = &[
    ("Brest", "29200"),
    ("Rennes", "35000"),
    ("Nantes", "44000"),
    ("Angers", "49000"),
    ("Tours", "37000"),
    ("Poitiers", "86000"),
    ("Caen", "14000"),
    ("Rouen", "76000"),
    ("Lille", "59000"),
    ("Amiens", "80000"),
    ("Reims", "51100"),
    ("Nancy", "54000"),
    ("Strasbourg", "67000"),
    ("Dijon", "21000"),
    ("Besançon", "25000"),
    ("Lyon", "69000"),
    ("Grenoble", "38000"),
    ("Clermont-Ferrand", "63000"),
    ("Limoges", "87000"),
    ("Bordeaux", "33000"),
    ("Toulouse", "31000"),
    ("Montpellier", "34000"),
    ("Marseille", "13000"),
    ("Nice", "06000"),
    ("Paris", "75006"),
];

const STREETS: &[&str] = &[
    "rue de la Paix",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "boulevard de la Liberté",
    "rue des Écoles",
    "place du Marché",
    "rue Pasteur",
    "allée des Tilleuls",
    "chemin de Kerhuel",
    "impasse des Genêts",
];

/// Medicine specialties with weights from seed 003 (45 of 66 in general practice).
const MEDICAL_WEIGHTS: &[(&str, u32)] = &[
    ("Médecine générale", 450),
    ("Psychiatrie", 80),
    ("Anesthésie-réanimation", 30),
    ("Pédiatrie", 30),
    ("Ophtalmologie", 20),
    ("Dermatologie et vénéréologie", 20),
    ("Médecine d'urgence", 15),
    ("Médecine physique et de réadaptation", 10),
    ("Médecine cardiovasculaire", 10),
    ("Gynécologie médicale", 10),
    ("Gériatrie", 10),
    ("Radiologie et imagerie médicale", 8),
    ("Oto-rhino-laryngologie – chirurgie cervico-faciale", 5),
    ("Neurologie", 5),
    ("Rhumatologie", 5),
    ("Pneumologie", 5),
];
const DENTAL_WEIGHTS: &[(&str, u32)] = &[
    ("Chirurgie dentaire (omnipratique)", 90),
    ("Orthopédie dento-faciale", 4),
    ("Chirurgie orale", 3),
    ("Médecine bucco-dentaire", 3),
];
const PHARMACY_WEIGHTS: &[(&str, u32)] = &[
    ("Pharmacie d'officine", 70),
    ("Pharmacie hospitalière", 20),
    ("Biologie médicale", 10),
];

fn ascii_handle(s: &str) -> String {
    crate::text::fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Generates `count` fictitious files as the form would send them.
pub fn generate(count: usize, seed: u64, today: NaiveDate) -> Vec<SignatoryInput> {
    let mut rng = Rng(seed ^ 0xC35F_2010);
    let last_year = today.year().clamp(2010, 2026);
    // More contracts every year: the CESP grew from a few dozen to thousands of places.
    let years: Vec<(i32, u32)> = (2010..=last_year).map(|y| (y, (y - 2008) as u32)).collect();
    let year_total: u32 = years.iter().map(|(_, w)| w).sum();
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let mut pick = (rng.next() % u64::from(year_total)) as u32;
        let mut year = 2010;
        for (y, w) in &years {
            if pick < *w {
                year = *y;
                break;
            }
            pick -= w;
        }
        // Signatures run from February (after the commission) to September.
        let (first, last) = if year == 2010 {
            (
                NaiveDate::from_ymd_opt(2010, 6, 29),
                NaiveDate::from_ymd_opt(2010, 9, 30),
            )
        } else {
            (
                NaiveDate::from_ymd_opt(year, 2, 1),
                NaiveDate::from_ymd_opt(year, 9, 30),
            )
        };
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let last = last.min(today);
        let first = first.min(last);
        let span = (last - first).num_days();
        let signature = first + chrono::Duration::days(rng.range(0, span.max(0)));

        let discipline = if signature >= NaiveDate::from_ymd_opt(2026, 1, 16).unwrap_or(NaiveDate::MAX) {
            rng.weighted(&[
                ("medecine", 58),
                ("odontologie", 30),
                ("pharmacie", 7),
                ("maieutique", 5),
            ])
        } else {
            rng.weighted(&[("medecine", 64), ("odontologie", 36)])
        };
        let female = rng.chance(60);
        let first_names = if female {
            rng.pick(FEMALE_FIRST_NAMES)
        } else {
            rng.pick(MALE_FIRST_NAMES)
        };
        let last_name = rng.pick(LAST_NAMES);
        let birth_name = if female && year < 2018 && rng.chance(12) {
            rng.pick(LAST_NAMES).to_string()
        } else {
            String::new()
        };
        let age_at_signature = rng.range(20, 27) as i32;
        let birth = NaiveDate::from_ymd_opt(
            year - age_at_signature,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        );

        // Career: signed in the 2nd cycle (year 1–3) or at the start of the internship.
        let in_second_cycle = discipline != "medecine" || rng.chance(60);
        let elapsed = today.year() - year;
        let start_year_in_cycle = if in_second_cycle {
            rng.range(1, 3) as i32
        } else {
            1
        };
        let years_to_internship = if in_second_cycle {
            4 - start_year_in_cycle
        } else {
            0
        };
        let internship_length = if discipline == "medecine" {
            rng.range(4, 5) as i32
        } else {
            1
        };
        let years_to_diploma = years_to_internship + internship_length;
        let months_paid = (years_to_diploma * 12).max(24);
        let commitment_years = (months_paid + 11) / 12;

        let (mut status, cycle, study_year) = if discipline != "medecine" && elapsed >= years_to_diploma {
            (
                if elapsed >= years_to_diploma + 1 + commitment_years {
                    "engagement_termine"
                } else if elapsed > years_to_diploma {
                    "installe"
                } else {
                    "diplome"
                },
                "",
                String::new(),
            )
        } else if elapsed < years_to_internship {
            (
                "en_formation",
                "deuxieme_cycle",
                (start_year_in_cycle + elapsed).to_string(),
            )
        } else if elapsed < years_to_diploma {
            (
                "en_formation",
                "troisieme_cycle",
                (elapsed - years_to_internship + 1).to_string(),
            )
        } else if elapsed == years_to_diploma {
            ("diplome", "", String::new())
        } else if elapsed <= years_to_diploma + commitment_years {
            ("installe", "", String::new())
        } else {
            ("engagement_termine", "", String::new())
        };
        let roll = rng.next() % 1000;
        if status == "en_formation" && roll < 40 {
            status = "suspendu";
        } else if (960..995).contains(&roll) {
            status = "rompu";
        } else if (995..998).contains(&roll) {
            status = "resilie";
        } else if roll >= 998 {
            status = "decede_ou_inaptitude";
        }

        let reached_internship = elapsed >= years_to_internship;
        let specialty = match discipline {
            "medecine" if reached_internship => rng.weighted(MEDICAL_WEIGHTS).to_owned(),
            "odontologie" => rng.weighted(DENTAL_WEIGHTS).to_owned(),
            "pharmacie" => rng.weighted(PHARMACY_WEIGHTS).to_owned(),
            "maieutique" => "Maïeutique".to_owned(),
            _ => String::new(),
        };
        let (ecn_year, ecn_rank) = if discipline == "medecine" && reached_internship {
            let y = (year + years_to_internship).min(today.year());
            (y.to_string(), rng.range(1, 9500).to_string())
        } else {
            (String::new(), String::new())
        };

        let (town, postcode) = *rng.pick(TOWNS);
        let ufr = match discipline {
            "medecine" => format!("Faculté de médecine de {town}"),
            "odontologie" => format!("UFR d'odontologie de {town}"),
            "pharmacie" => format!("Faculté de pharmacie de {town}"),
            _ => format!("École de sages-femmes de {town}"),
        };
        let managing_body = if signature >= NaiveDate::from_ymd_opt(2025, 3, 26).unwrap_or(NaiveDate::MAX) {
            "asp"
        } else {
            "cng"
        };
        let padhue = year >= 2021 && discipline == "medecine" && rng.chance(2);

        out.push(SignatoryInput {
            civility: if female { "Mme" } else { "M" }.into(),
            last_name: last_name.to_string(),
            birth_name,
            first_names: first_names.to_string(),
            birth_date: birth
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            email: format!(
                "{}.{}{}@example.org",
                ascii_handle(first_names),
                ascii_handle(last_name),
                n % 100
            ),
            phone: format!("06 39 98 {:02} {:02}", rng.range(0, 99), rng.range(0, 99)),
            address: format!("{} {}, {postcode} {town}", rng.range(1, 120), rng.pick(STREETS)),
            discipline: discipline.into(),
            padhue,
            ufr,
            subdivision: town.into(),
            cycle: cycle.into(),
            study_year,
            ecn_year,
            ecn_rank,
            specialty,
            signature_date: signature.format("%d/%m/%Y").to_string(),
            managing_body: managing_body.into(),
            contract_ref: format!("CESP-{year}-{:06}", n + 1),
            status: status.into(),
            notes: String::new(),
        });
    }
    out
}

/// Fills an empty store with `count` fictitious files. Refuses a store that already
/// holds files: demo data must never mix with a real register.
pub fn load(store: &mut Store, count: usize, seed: u64, today: NaiveDate) -> Result<usize> {
    let existing = crate::register::count(store)?;
    if existing > 0 {
        return Err(Error::DemoNeedsEmptyStore(existing));
    }
    let records = generate(count, seed, today)
        .iter()
        .map(|i| validate(i, today))
        .collect::<std::result::Result<Vec<SignatoryRecord>, _>>()?;
    let n = crate::register::insert_all(store, &records)?;
    followup_history(store, seed, today)?;
    let practice_starts = installation_history(store, seed, today)?;
    ledger::ledger_history(store, seed, today, &practice_starts)?;
    applications::applications_history(store, count, seed, today)?;
    crate::settings::finish_first_launch(store)?;
    Ok(n)
}

/// Annual follow-up forms as a referent's register holds them: last year's campaign
/// mostly returned, this year's under way (sent in October, some reminded, some back).
fn followup_history(store: &mut Store, seed: u64, today: NaiveDate) -> Result<()> {
    use crate::domain::{PracticeMode, PracticeStructure, SendChannel, Situation, Status, ZoneType};
    use crate::followup::campaign::{missing_items, Answers};
    use crate::store::followup as sql;
    let mut rng = Rng(seed ^ 0x5EED_F011_0000_0001);
    let year = today.year();
    let campaigns: Vec<i32> = if today.month() >= 10 {
        vec![year - 1, year]
    } else {
        vec![year - 1]
    };
    let mut members = Vec::new();
    for y in &campaigns {
        members.push((*y, crate::followup::service::campaign_ids(store, *y, None, "")?));
    }
    let places = [
        "Carhaix-Plouguer",
        "Pontivy",
        "Guingamp",
        "Loudéac",
        "Ploërmel",
        "Quimperlé",
    ];
    store.write(|tx| {
        let now = crate::store::now_stamp();
        for (y, ids) in &members {
            let date = |m: u32, d: u32| NaiveDate::from_ymd_opt(*y, m, d).filter(|x| *x <= today);
            let Some(sent) = date(10, 1) else { continue };
            for &id in ids {
                let id = i64::from(id);
                // A few forms of the current campaign are not sent yet.
                if *y == year && rng.chance(25) {
                    continue;
                }
                let Some(s) = crate::store::signatories::get(tx, id)? else {
                    continue;
                };
                let form = sql::ensure_form(tx, id, *y, &now)?;
                sql::set_sent(
                    tx,
                    form,
                    sent,
                    *rng.pick(&[SendChannel::Courrier, SendChannel::Courriel]),
                    &now,
                )?;
                let returned = if *y < year { rng.chance(88) } else { rng.chance(45) };
                if !returned {
                    if let Some(r) = date(10, 25).filter(|_| rng.chance(70)) {
                        sql::add_reminder(tx, form, r, SendChannel::Courriel, &now)?;
                    }
                    continue;
                }
                let Some(received) = date(10, rng.range(8, 28) as u32) else {
                    continue;
                };
                let signed = rng.chance(92);
                let answers = Answers {
                    received_date: Some(received),
                    situation: Some(match s.status {
                        Status::Suspendu => Situation::Suspendu,
                        Status::Diplome => Situation::DiplomeNonInstalle,
                        Status::Installe => Situation::Installe,
                        _ if s.cycle == Some(crate::domain::Cycle::Deuxieme) => Situation::DeuxiemeCycle,
                        _ => Situation::TroisiemeCycle,
                    }),
                    study_year: s.study_year,
                    specialty: s.specialty.clone(),
                    subdivision: s.subdivision.clone(),
                    project_mode: Some(*rng.pick(&[
                        PracticeMode::Liberal,
                        PracticeMode::Liberal,
                        PracticeMode::Mixte,
                        PracticeMode::Indecis,
                    ])),
                    project_structure: Some(*rng.pick(&[
                        PracticeStructure::Msp,
                        PracticeStructure::Msp,
                        PracticeStructure::CabinetGroupe,
                        PracticeStructure::Indecis,
                    ])),
                    project_zone: Some(*rng.pick(&[ZoneType::Zip, ZoneType::Zac, ZoneType::Indecis])),
                    project_place: Some((*rng.pick(&places)).to_owned()).filter(|_| rng.chance(60)),
                    // Interns expect their DES at the end of the internship (November).
                    expected_des_date: (s.cycle == Some(crate::domain::Cycle::Troisieme))
                        .then(|| NaiveDate::from_ymd_opt(y + (4 - s.study_year.unwrap_or(1)).max(1), 11, 1))
                        .flatten(),
                    signature_date: signed.then(|| received - chrono::Days::new(3)),
                    ..Answers::default()
                };
                let missing = missing_items(&answers);
                sql::save_answers(tx, form, &answers, &missing, &[], &now)?;
            }
        }
        Ok(())
    })
}

/// The fictitious demo zonage (assets/zonage/zonage-demo.csv), in force from 01/02/2024.
const DEMO_ZONAGE: &[u8] = include_bytes!("../assets/zonage/zonage-demo.csv");

/// The demo zonage, declarations of installation for the installed signatories (most in a
/// ZIP or a ZAC, in a MSP, full time, as seed 003 describes; a few to check), and the
/// interviews a referent would have held. Returns the practice start of each declaration.
fn installation_history(store: &mut Store, seed: u64, today: NaiveDate) -> Result<HashMap<i64, NaiveDate>> {
    use crate::domain::{
        Cycle, InterviewMode, InterviewReason, PlaceMode, PracticeStructure, Sector, Status,
    };
    use crate::store::installation::{DeclarationRow, PlaceRow};
    use crate::store::interviews::{ActionRow, InterviewRow};
    let workbook = crate::import::read_bytes("zonage-demo.csv", DEMO_ZONAGE)?;
    let sheet = workbook
        .main_sheet()
        .ok_or_else(|| Error::Rules("Zonage de démonstration vide.".into()))?;
    let zonage = crate::zonage::parse::parse_sheet(sheet)
        .map_err(|p| Error::Rules(format!("Zonage de démonstration illisible : {}", p[0])))?;
    let effective = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap_or(today);
    let ids: Vec<i64> = crate::store::signatories::identities(store.read())?
        .into_iter()
        .map(|i| i.0)
        .collect();
    let mut rng = Rng(seed ^ 0x1A57_A11A_7100_0002);
    let served: Vec<&crate::zonage::parse::ZonageRow> =
        zonage.rows.iter().filter(|r| r.zone.is_underserved()).collect();
    let mut starts = HashMap::new();
    store.write(|tx| {
        let now = crate::store::now_stamp();
        let (version, _) = crate::store::zonage::replace_version(
            tx,
            effective,
            zonage.arrete_date,
            "zonage-demo.csv",
            &zonage.rows,
            &now,
        )?;
        let date = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).filter(|x| *x <= today);
        for &id in &ids {
            let Some(s) = crate::store::signatories::get(tx, id)? else {
                continue;
            };
            match s.status {
                Status::Installe => {
                    let year = today.year() - rng.range(0, 3) as i32;
                    let Some(start) = date(year, 11, 1).or_else(|| date(year - 1, 11, 1)) else {
                        continue;
                    };
                    // One in ten outside the zones, to show what the referent must check.
                    let row = if rng.chance(10) {
                        rng.pick(&zonage.rows)
                    } else {
                        *rng.pick(&served)
                    };
                    let mode = if rng.chance(80) { PlaceMode::Liberal } else { PlaceMode::Salarie };
                    let place = PlaceRow {
                        address: format!("{} {}", rng.range(1, 60), rng.pick(STREETS)),
                        insee: row.insee.clone(),
                        commune: row.name.clone(),
                        department: row.department.clone(),
                        zone: row.zone.into(),
                        zonage_version: Some(version),
                        mode,
                        sector: (mode == PlaceMode::Liberal)
                            .then(|| if rng.chance(95) { Sector::Secteur1 } else { Sector::Secteur2 }),
                        structure: if rng.chance(85) {
                            PracticeStructure::Msp
                        } else {
                            *rng.pick(&[PracticeStructure::CabinetGroupe, PracticeStructure::CentreSante])
                        },
                        half_days: if rng.chance(90) { rng.range(8, 10).to_string() } else { "6".to_owned() },
                        start,
                        end: None,
                    };
                    crate::store::installation::insert(
                        tx,
                        &DeclarationRow {
                            id: 0,
                            signatory_id: id,
                            declaration_date: start - chrono::Days::new(rng.range(10, 40) as u64),
                            practice_start: start,
                            des_certificate_date: Some(start - chrono::Days::new(5)),
                            contracts_date: (mode == PlaceMode::Salarie).then_some(start),
                            notes: String::new(),
                            places: vec![place],
                        },
                        &now,
                    )?;
                    starts.insert(id, start);
                }
                Status::EnFormation | Status::Suspendu | Status::Diplome => {
                    // Last year's interview for most, this year's for some.
                    for (y, share) in [(today.year() - 1, 70), (today.year(), 35)] {
                        if !rng.chance(share) {
                            continue;
                        }
                        let Some(d) = date(y, rng.range(1, 11) as u32, rng.range(1, 28) as u32) else {
                            continue;
                        };
                        if s.signature_date.is_some_and(|sig| d < sig) {
                            continue;
                        }
                        let reason = match (s.status, s.cycle) {
                            (Status::Suspendu, _) => InterviewReason::ConvocationSuspendu,
                            (_, Some(Cycle::Troisieme)) => InterviewReason::AnnuelTroisiemeCycle,
                            (Status::Diplome, _) => InterviewReason::AvantInstallation,
                            _ => InterviewReason::SurDemande,
                        };
                        crate::store::interviews::insert(
                            tx,
                            &InterviewRow {
                                id: 0,
                                signatory_id: id,
                                date: d,
                                mode: *rng.pick(&[InterviewMode::Ars, InterviewMode::Telephone, InterviewMode::Visio]),
                                reason,
                                attendees: "Référent CESP".to_owned(),
                                report: "Point sur le cursus et le projet professionnel ; lieux possibles en ZIP et \
                                         ZAC présentés."
                                    .to_owned(),
                                actions: vec![ActionRow {
                                    text: "Envoyer la liste des lieux d'exercice".to_owned(),
                                    due_date: Some(d + chrono::Days::new(30)),
                                    done_date: rng.chance(70).then(|| d + chrono::Days::new(7)).filter(|x| *x <= today),
                                }],
                            },
                            &now,
                        )?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok(starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn same_seed_same_data_and_every_record_is_valid() {
        let a = generate(2000, 7, today());
        assert_eq!(a, generate(2000, 7, today()));
        assert_ne!(a, generate(2000, 8, today()));
        for i in &a {
            validate(i, today()).unwrap_or_else(|e| panic!("{i:?}: {e}"));
        }
    }

    #[test]
    fn proportions_are_close_to_the_domain() {
        let a = generate(5000, 1, today());
        let share = |f: &dyn Fn(&SignatoryInput) -> bool| a.iter().filter(|i| f(i)).count() * 100 / a.len();
        let med = share(&|i| i.discipline == "medecine");
        assert!((55..=70).contains(&med), "médecine {med} %");
        let gp = a.iter().filter(|i| i.specialty == "Médecine générale").count() * 100
            / a.iter()
                .filter(|i| i.discipline == "medecine" && !i.specialty.is_empty())
                .count();
        assert!((55..=80).contains(&gp), "médecine générale {gp} %");
        let years: std::collections::BTreeSet<&str> = a.iter().map(|i| &i.signature_date[6..]).collect();
        assert_eq!(years.first().copied(), Some("2010"));
        assert_eq!(years.last().copied(), Some("2026"));
        for status in [
            "en_formation",
            "suspendu",
            "diplome",
            "installe",
            "engagement_termine",
            "rompu",
        ] {
            assert!(a.iter().any(|i| i.status == status), "no {status}");
        }
    }
}
