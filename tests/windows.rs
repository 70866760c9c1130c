//! What only Windows does to a register: mapped network drives, files another program holds
//! open, access lists, the path limit. Built for
//! x86_64-pc-windows-gnu and run under Wine by scripts/test (empty on other systems; the
//! rest of the suite runs on both).
//!
//! The mapped drive `N:` is set up by scripts/setup.sh (`install_windows_tools`): a Wine
//! drive whose registry type is "network", as a share mapped by the agency's IT is.

#![cfg(windows)]

mod common;

use cesp::{register, Store};
use common::{input, temp_db, today};
use std::os::windows::fs::OpenOptionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn cesp(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Share mode FILE_SHARE_READ only: what Excel and PDF viewers hold a file open with.
const SHARE_READ: u32 = 1;

#[test]
fn a_register_on_a_mapped_network_drive_is_refused_before_anything_is_written() {
    assert!(
        Path::new("N:\\").exists(),
        "the network drive N: is missing: scripts/setup.sh (install_windows_tools) maps it in the Wine prefix"
    );
    let dir = Path::new("N:\\cesp-test-reseau");
    let _ = std::fs::remove_dir_all(dir);
    let out = cesp(&dir.join("cesp.sqlite3"), &["init"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("lecteur réseau Windows"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.exists(), "nothing was created on the share");
    // A UNC path is refused by its spelling, without trying to reach the server.
    let out = cesp(Path::new("\\\\serveur-ars\\cesp\\cesp.sqlite3"), &["init"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("chemin UNC"), "{}", stderr(&out));
}

#[test]
fn an_export_open_in_another_program_is_named_and_left_as_it_was() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    register::create(&mut store, &input("Abgrall", "Nolwenn"), today()).unwrap();
    drop(store);
    let target = dir.path().join("comptes.csv");
    std::fs::write(&target, "ancien contenu").unwrap();
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(SHARE_READ)
        .open(&target)
        .unwrap();
    let args = ["export", "counts", "--out", target.to_str().unwrap()];
    let out = cesp(&db, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("ouvert dans un autre programme"), "{message}");
    assert!(message.contains("comptes.csv"), "{message}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "ancien contenu");
    assert!(!dir.path().join("comptes.csv.partiel").exists());
    // Closed in the other program: the export goes through.
    drop(held);
    let out = cesp(&db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&target).unwrap().starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn the_register_folder_and_what_it_holds_are_private_to_the_user() {
    let (dir, db) = temp_db();
    let out = cesp(&db, &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cesp(&db, &["backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    cesp::private_files::acl::assert_private(db.parent().unwrap(), true);
    cesp::private_files::acl::assert_private(&cesp::backup::folder(&db), true);
    cesp::private_files::acl::assert_private(&db, true);
    for b in cesp::backup::list(&db).unwrap() {
        cesp::private_files::acl::assert_private(Path::new(&b.path), false);
    }
    drop(dir);
}

#[test]
fn a_register_too_deep_for_windows_is_refused_with_its_length() {
    let tmp = tempfile::tempdir().unwrap();
    let deep = tmp
        .path()
        .join("d".repeat(120))
        .join("e".repeat(100))
        .join("cesp.sqlite3");
    let err = Store::open(&deep).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("trop long pour Windows"), "{message}");
    assert!(!deep.parent().unwrap().exists(), "nothing created");
}
