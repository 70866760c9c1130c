//! Helpers shared by the integration tests (a module, not a test binary of its own).

#![allow(dead_code)]

use cesp::domain::SignatoryInput;
use chrono::NaiveDate;
use std::path::PathBuf;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A fresh temporary folder and a database path inside it (the folder lives as long as
/// the returned guard).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registre").join("cesp.sqlite3");
    (dir, path)
}

pub fn input(last: &str, first: &str) -> SignatoryInput {
    SignatoryInput {
        civility: "Mme".into(),
        last_name: last.into(),
        first_names: first.into(),
        birth_date: "14/02/2001".into(),
        discipline: "medecine".into(),
        cycle: "deuxieme_cycle".into(),
        study_year: "2".into(),
        signature_date: "15/03/2024".into(),
        status: "en_formation".into(),
        ..Default::default()
    }
}
