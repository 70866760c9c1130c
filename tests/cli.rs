//! The `cesp` binary, run as a user would.

mod common;

use std::process::Command;

fn cesp() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cesp"));
    c.env_remove("CESP_DB");
    c
}

#[test]
fn init_demo_and_list() {
    let (_dir, path) = common::temp_db();
    let db = path.to_str().unwrap();
    let out = cesp().args(["--db", db, "init"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = format!("schéma v{}", cesp::store::migrations::latest_version());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&expected));

    let out = cesp()
        .args(["--db", db, "demo", "--signatories", "120", "--seed", "4"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("120 signataires fictifs"));

    // Through CESP_DB instead of --db, as JSON.
    let out = cesp()
        .env("CESP_DB", db)
        .args(["list", "--json", "--limit", "500"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 120);
    let first = &page["rows"][0];
    let name = first["first_names"].as_str().unwrap();

    // Search with accents dropped finds that first name.
    let plain = cesp::text::fold(name);
    let out = cesp()
        .args(["--db", db, "list", "--search", &plain, "--json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(found["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["first_names"] == name));

    // A second demo load is refused: demo data never mix with a register.
    let out = cesp()
        .args(["--db", db, "demo", "--signatories", "5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("base vide"));
}

#[test]
fn bad_arguments_exit_2_with_a_french_message() {
    let (_dir, path) = common::temp_db();
    let out = cesp()
        .args(["--db", path.to_str().unwrap(), "list", "--status", "parti"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("statut inconnu"));
}
