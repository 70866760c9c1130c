//! The contract ledger stored in SQLite, and the promise that the window and the CLI
//! give the same figures for the same contract.

mod common;

use cesp::domain::Status;
use cesp::ledger::service::{
    self as ledger, AllowanceRateForm, AllowanceSuspensionForm, ContractEndInput, LedgerForm,
    PracticeSuspensionForm,
};
use cesp::{register, Error, Store};
use common::{input, temp_db, today};
use std::io::Write;
use std::process::{Command, Stdio};

fn signatory(store: &mut Store) -> i64 {
    let mut i = input("Kerjean", "Noémie");
    i.signature_date = "15/03/2015".into();
    i64::from(register::create(store, &i, today()).unwrap().id)
}

/// The worked example of domain.md §6.
fn worked_example() -> LedgerForm {
    LedgerForm {
        allocation_start: "01/10/2015".into(),
        allocation_end: "30/09/2020".into(),
        diploma_date: "15/10/2020".into(),
        practice_start: "01/11/2020".into(),
        ..Default::default()
    }
}

#[test]
fn figures_are_computed_from_the_stored_contract() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    let view = ledger::save(&mut store, id, &worked_example(), today()).unwrap();
    let c = view.computation.expect("figures");
    assert_eq!(c.months_paid, 60);
    assert_eq!(c.gross_total, "72000.00");
    assert_eq!(c.net_total, "66412.80");
    assert_eq!(c.commitment_months, 60);
    assert_eq!(c.commitment_end.as_deref(), Some("2025-10-31"));
    assert_eq!(view.monthly_net.as_deref(), Some("1106.88"));
    // Reopen: the form comes back as typed, in the French form.
    drop(store);
    let store = Store::open(&path).unwrap();
    let view = ledger::get(&store, id, today()).unwrap();
    assert_eq!(view.form.allocation_start, "01/10/2015");
    assert_eq!(view.form.practice_start, "01/11/2020");

    let out = ledger::simulate_rupture(&store, id, "31/10/2024", today()).unwrap();
    let r = out.rupture.expect("rupture");
    assert_eq!((r.rate.as_str(), r.total.as_str()), ("46.3344", "40038.83"));
}

#[test]
fn the_window_and_the_cli_give_the_same_figures() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    let mut form = worked_example();
    form.suspensions = vec![AllowanceSuspensionForm {
        start: "01/03/2017".into(),
        end: "31/05/2017".into(),
        reason: "maternite".into(),
        paid: false,
        document_received: true,
    }];
    form.practice_suspensions = vec![PracticeSuspensionForm {
        start: "01/01/2022".into(),
        end: "28/02/2022".into(),
    }];
    ledger::save(&mut store, id, &form, today()).unwrap();
    assert_window_matches_cli(
        &store,
        id,
        &["15/06/2018", "20/10/2020", "31/10/2024", "31/12/2027"],
    );
}

/// What the window's "Simuler une rupture" shows on each date, and what `cesp simulate`
/// answers for the contract the window hands it, are the same JSON.
fn assert_window_matches_cli(store: &Store, id: i64, dates: &[&str]) -> Vec<serde_json::Value> {
    let mut shown = Vec::new();
    for date in dates {
        let window = ledger::simulate_rupture(store, id, date, today()).unwrap();
        let d = cesp::domain::dates::parse_date(date).unwrap();
        let input = ledger::simulation_input(store, id, Some(d), d.max(today()))
            .unwrap()
            .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_cesp"))
            .arg("simulate")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(serde_json::to_string(&input).unwrap().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(cli, serde_json::to_value(&window).unwrap(), "rupture on {date}");
        assert!(window.rupture.is_some());
        shown.push(cli);
    }
    shown
}

#[test]
fn edited_settings_reach_the_cli_through_the_contract_it_is_handed() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    ledger::save(&mut store, id, &worked_example(), today()).unwrap();
    let before = assert_window_matches_cli(&store, id, &["31/10/2024"]);
    assert_eq!(before[0]["rupture"]["rate"], "46.3344");

    // A new amount from 01/04/2018, and a degressive coefficient of 100 for medicine under the
    // contract's regime (2013, signed 15/03/2015).
    let mut rates = ledger::rates(&store).unwrap();
    rates.push(AllowanceRateForm {
        from: "01/04/2018".into(),
        monthly_gross: "1 300,00".into(),
        monthly_net: "1 199,12".into(),
    });
    ledger::save_rates(&mut store, &rates).unwrap();
    let mut degressive = ledger::degressive_settings(&store).unwrap();
    let row = degressive
        .iter_mut()
        .find(|r| r.regime == "r2013" && r.discipline == "medecine")
        .expect("a medicine row for regime 2013");
    row.coefficient = "100".into();
    ledger::save_degressive_settings(&mut store, &degressive).unwrap();

    let after = assert_window_matches_cli(&store, id, &["31/10/2024", "15/06/2018"]);
    let r = &after[0]["rupture"];
    // 30 months at 1 106,88 € and 30 at 1 199,12 €.
    assert_eq!(after[0]["net_total"], "69180.00");
    assert_eq!(after[0]["allowance_lines"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["allocations"], "69180.00");
    // 100 − 100 × √(12/60) = 55,2786 %.
    assert_eq!(r["rate"], "55.2786");
    // Rupture in June 2018: 30 + 3 months (April–June at the new amount).
    assert_eq!(after[1]["rupture"]["allocations"], "36803.76");
}

#[test]
fn a_definitive_suspension_in_time_stops_the_allowance_and_a_late_one_does_not() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    let mut form = worked_example();
    form.diploma_date = String::new();
    form.practice_start = String::new();
    form.allocation_end = "31/10/2022".into();
    form.intern_start = "01/11/2018".into();
    form.definitive_request = "20/11/2018".into();
    let view = ledger::save(&mut store, id, &form, today()).unwrap();
    let c = view.computation.unwrap();
    // 10/2015 … 12/2018: the allowance stops on 01/01/2019.
    assert_eq!(c.months_paid, 39);
    assert_eq!(c.commitment_months, 39);
    assert_window_matches_cli(&store, id, &["30/06/2020"]);

    form.definitive_request = "15/12/2018".into();
    let view = ledger::save(&mut store, id, &form, today()).unwrap();
    assert_eq!(view.computation.unwrap().months_paid, 85);
    assert!(view
        .warnings
        .iter()
        .any(|w| w.contains("n'est pas prise en compte")));
}

#[test]
fn bad_suspensions_are_reported_on_their_row_and_nothing_is_saved() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    ledger::save(&mut store, id, &worked_example(), today()).unwrap();
    let mut form = worked_example();
    form.suspensions = vec![
        AllowanceSuspensionForm {
            start: "15/03/2017".into(),
            end: "31/05/2017".into(),
            reason: "maladie".into(),
            paid: false,
            document_received: false,
        },
        AllowanceSuspensionForm {
            start: "01/04/2017".into(),
            end: "30/04/2017".into(),
            reason: String::new(),
            paid: false,
            document_received: false,
        },
    ];
    form.allocation_end = "32/09/2020".into();
    let Err(Error::Validation(e)) = ledger::save(&mut store, id, &form, today()) else {
        panic!("validation expected")
    };
    assert!(
        e.message("allocation_end").unwrap().contains("jj/mm/aaaa"),
        "{e:?}"
    );
    assert!(e.message("suspensions.1.reason").is_some(), "{e:?}");
    // Whole months and overlaps are the rules' checks, reported on the row.
    form.allocation_end = "30/09/2020".into();
    form.suspensions[1].reason = "maladie".into();
    let Err(Error::Validation(e)) = ledger::save(&mut store, id, &form, today()) else {
        panic!("validation expected")
    };
    let first = e.message("suspensions.0").unwrap_or_default();
    assert!(first.contains("1er d'un mois"), "{e:?}");
    // Nothing of the rejected form was stored.
    let view = ledger::get(&store, id, today()).unwrap();
    assert!(view.form.suspensions.is_empty());
    assert_eq!(view.form.allocation_end, "30/09/2020");
}

#[test]
fn status_consistency_warnings() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    let mut form = worked_example();
    form.diploma_date = String::new();
    form.intern_start = "01/11/2018".into();
    form.definitive_request = "15/12/2018".into();
    form.suspensions = vec![AllowanceSuspensionForm {
        start: "01/03/2017".into(),
        end: "31/03/2017".into(),
        reason: "maladie".into(),
        paid: true,
        document_received: false,
    }];
    let view = ledger::save(&mut store, id, &form, today()).unwrap();
    let all = view.warnings.join("\n");
    assert!(all.contains("Exercice commencé mais statut"), "{all}");
    assert!(
        all.contains("hors") || all.contains("après le délai de 30 jours"),
        "{all}"
    );
    assert!(all.contains("Justificatif non reçu"), "{all}");
    let d = view.definitive.unwrap();
    assert_eq!(d.in_time, Some(false));
    assert_eq!(d.effective, chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap());
}

#[test]
fn recording_a_rupture_sets_the_status_and_the_amount() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store);
    ledger::save(&mut store, id, &worked_example(), today()).unwrap();
    let bad = ContractEndInput {
        kind: "abandon".into(),
        date: "31/10/2024".into(),
        notes: String::new(),
    };
    assert!(matches!(
        ledger::record_end(&mut store, id, &bad, today()),
        Err(Error::Validation(_))
    ));
    assert_eq!(register::get(&store, id).unwrap().status, Status::EnFormation);

    let input = ContractEndInput {
        kind: "rupture".into(),
        date: "31/10/2024".into(),
        notes: "Départ à l'étranger".into(),
    };
    let view = ledger::record_end(&mut store, id, &input, today()).unwrap();
    let end = view.contract_end.unwrap();
    assert_eq!(end.amount.as_deref(), Some("40038.83"));
    assert_eq!(register::get(&store, id).unwrap().status, Status::Rompu);

    let other = signatory(&mut store);
    let input = ContractEndInput {
        kind: "sans_remboursement".into(),
        date: "01/02/2025".into(),
        notes: String::new(),
    };
    let view = ledger::record_end(&mut store, other, &input, today()).unwrap();
    assert_eq!(view.contract_end.unwrap().amount, None);
    assert_eq!(
        register::get(&store, other).unwrap().status,
        Status::DecedeOuInaptitude
    );
}

#[test]
fn the_rate_table_is_a_setting() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let rates = ledger::rates(&store).unwrap();
    assert_eq!(rates.len(), 1);
    assert_eq!(
        (rates[0].monthly_gross.as_str(), rates[0].monthly_net.as_str()),
        ("1200.00", "1106.88")
    );
    let bad = vec![AllowanceRateForm {
        from: "01/01/2027".into(),
        monthly_gross: "1 250".into(),
        monthly_net: "1 300".into(),
    }];
    let Err(Error::Validation(e)) = ledger::save_rates(&mut store, &bad) else {
        panic!()
    };
    assert!(e.message("rates.0.monthly_net").is_some());
    let mut new = rates.clone();
    new.push(AllowanceRateForm {
        from: "01/01/2027".into(),
        monthly_gross: "1 250,00".into(),
        monthly_net: "1 153,00".into(),
    });
    let saved = ledger::save_rates(&mut store, &new).unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[1].monthly_gross, "1250.00");
    // A contract starting in 2027 uses the new amounts.
    let id = signatory(&mut store);
    let form = LedgerForm {
        allocation_start: "01/10/2027".into(),
        ..Default::default()
    };
    let view = ledger::save(&mut store, id, &form, today()).unwrap();
    assert_eq!(view.monthly_net.as_deref(), Some("1153.00"));
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn the_rupture_simulation_prints_as_a_one_page_pdf() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::settings::save(
        &mut store,
        &cesp::settings::SettingsInput {
            region: "Bretagne".into(),
        },
    )
    .unwrap();
    let id = signatory(&mut store);
    ledger::save(&mut store, id, &worked_example(), today()).unwrap();
    let pdf = dir.path().join("simulation.pdf");
    cesp::ledger::print::print_rupture_sheet(&store, id, "31/10/2024", &pdf, today()).unwrap();
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for expected in [
        "RÉPUBLIQUE FRANÇAISE",
        "ARS Bretagne",
        "Noémie KERJEAN",
        "31/10/2024",
        "46,3344",
        "Page 1 / 1",
    ] {
        assert!(text.contains(expected), "« {expected} » missing from:\n{text}");
    }
    // Amounts use narrow no-break spaces; compare without spacing.
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    assert!(compact.contains("40038,83€"), "{text}");
    assert!(compact.contains("66412,80€"), "{text}");
    // A folder that does not exist: a French message, no partial file.
    let bad = dir.path().join("absent").join("x.pdf");
    let err = cesp::ledger::print::print_rupture_sheet(&store, id, "31/10/2024", &bad, today()).unwrap_err();
    assert!(err.to_string().contains("Impossible d'écrire"), "{err}");
    assert!(!bad.with_extension("pdf.partiel").exists());
}

#[test]
fn degressive_thresholds_and_coefficients_are_per_regime_settings() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(&mut store); // signed 15/03/2015: regime 2013
    ledger::save(&mut store, id, &worked_example(), today()).unwrap();
    let mut other = input("Tanguy", "Erwan");
    other.signature_date = "15/03/2021".into(); // regime 2020
    let other = i64::from(register::create(&mut store, &other, today()).unwrap().id);
    ledger::save(&mut store, other, &worked_example(), today()).unwrap();

    let mut rows = ledger::degressive_settings(&store).unwrap();
    assert_eq!(rows.len(), 16, "4 regimes × 4 disciplines");
    let medecine_2013 = rows
        .iter_mut()
        .find(|r| r.regime == "r2013" && r.discipline == "medecine")
        .unwrap();
    assert_eq!(
        (
            medecine_2013.threshold_months.as_str(),
            medecine_2013.coefficient.as_str()
        ),
        ("36", "120")
    );
    medecine_2013.threshold_months = "30".into();
    medecine_2013.coefficient = "100,0".into();
    ledger::save_degressive_settings(&mut store, &rows).unwrap();

    // 100 − 100 × √((48 − 30) / 60) = 45,2277 % for the 2013 contract…
    let r = ledger::simulate_rupture(&store, id, "31/10/2024", today())
        .unwrap()
        .rupture
        .unwrap();
    assert_eq!(r.rate, "45.2277");
    // …while the 2020 contract keeps the arrêté's constants.
    let r = ledger::simulate_rupture(&store, other, "31/10/2024", today())
        .unwrap()
        .rupture
        .unwrap();
    assert_eq!(r.rate, "46.3344");

    // Bad values are refused field by field, nothing is changed.
    let mut bad = ledger::degressive_settings(&store).unwrap();
    bad[0].threshold_months = "trente".into();
    bad[1].coefficient = "-5".into();
    let Err(Error::Validation(e)) = ledger::save_degressive_settings(&mut store, &bad) else {
        panic!()
    };
    assert!(e.message("degressive.0.threshold_months").is_some());
    assert!(e.message("degressive.1.coefficient").is_some());
    let r = ledger::simulate_rupture(&store, id, "31/10/2024", today())
        .unwrap()
        .rupture
        .unwrap();
    assert_eq!(r.rate, "45.2277");
}

/// The demo files carry a contract ledger that the rules accept and that agrees with their
/// status: the home screen, the counts and the benchmarks run on realistic histories.
#[test]
fn the_demo_contracts_pass_the_rules_and_match_their_status() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 1500, 5, today()).unwrap();
    let all = register::all_matching(&store, &register::ListQuery::default()).unwrap();
    let (mut with_ledger, mut warned, mut paid, mut suspended) = (0, 0, 0, 0);
    for r in &all {
        let view = ledger::get(&store, i64::from(r.id), today())
            .unwrap_or_else(|e| panic!("{} {}: {e}", r.last_name, r.id));
        let Some(c) = &view.computation else {
            continue;
        };
        with_ledger += 1;
        if c.months_paid > 0 {
            paid += 1;
        }
        if !view.form.suspensions.is_empty() {
            suspended += 1;
        }
        // The only warnings expected: a missing document for a suspension, and a commitment
        // reaching its end while the file still says "installé" (to be checked by the referent).
        let unexpected: Vec<&String> = view
            .warnings
            .iter()
            .filter(|w| !w.starts_with("Justificatif non reçu"))
            .collect();
        if !unexpected.is_empty() {
            warned += 1;
            assert!(
                r.status == Status::Installe || r.status == Status::EnFormation,
                "{:?} {}: {unexpected:?}",
                r.status,
                r.id
            );
        }
        match r.status {
            Status::Installe | Status::EngagementTermine => {
                assert!(c.commitment_end.is_some(), "{}: no commitment end", r.id)
            }
            Status::Rompu | Status::Resilie | Status::DecedeOuInaptitude => {
                assert!(view.contract_end.is_some(), "{}: no end", r.id)
            }
            _ => {}
        }
        if r.status == Status::EngagementTermine {
            let end = c.commitment_end.as_deref().unwrap();
            assert!(end < "2026-11-23", "{}: commitment ends {end}", r.id);
        }
    }
    assert!(
        with_ledger * 100 / all.len() > 90,
        "{with_ledger} / {}",
        all.len()
    );
    assert!(paid > 1000, "{paid}");
    assert!(suspended > 20, "{suspended}");
    assert!(warned * 100 / with_ledger < 3, "{warned} files with warnings");
}
