//! The `cesp` binary, run as a user would.

mod common;

use chrono::Datelike;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

// ---------------------------------------------------------------------------------------
// Helpers

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A path as the command line receives it (temporary folders are UTF-8 here).
fn utf8(path: &Path) -> &str {
    path.to_str().expect("chemin en UTF-8")
}

/// `cesp --db DB ARGS…`, run to completion.
fn run(db: &Path, args: &[&str]) -> Output {
    cesp()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("lancement du binaire cesp")
}

/// Exit code, stdout and stderr, for assertion messages.
fn both(out: &Output) -> String {
    format!(
        "code {:?}\n--- sortie standard ---\n{}\n--- sortie d'erreur ---\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    )
}

fn assert_code(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "{}", both(out));
}

fn assert_stdout_has(out: &Output, needles: &[&str]) {
    let stdout = text(&out.stdout);
    for needle in needles {
        assert!(stdout.contains(*needle), "« {needle} » absent\n{}", both(out));
    }
}

/// The number of signatories in the base, as `cesp list --json` reports it.
fn total(db: &Path) -> u64 {
    let out = run(db, &["list", "--json"]);
    assert_code(&out, 0);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON illisible ({e})\n{}", both(&out)));
    page["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("pas de total dans {page}"))
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn write_file(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("écriture de {} : {e}", path.display()));
    path
}

/// The names of the files in `dir`, sorted; none when the folder does not exist.
fn files_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| {
            e.expect("lecture du dossier")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// cesp import

const HEADER: &str = "Civilité;Nom;Prénom;Date de naissance;Discipline;Statut;Date de signature\n";

#[test]
fn import_names_rejected_cells_dry_run_and_strict_write_nothing_and_twice_changes_nothing() {
    let (dir, db) = common::temp_db();
    let csv = write_file(
        dir.path(),
        "registre.csv",
        &format!(
            "{HEADER}Mme;Lefèvre;Hélène;14/02/2001;Médecine;En formation;15/09/2023\n\
             M.;Quéré;Loïc;31/02/2001;Médecine;En formation;15/09/2023\n"
        ),
    );
    let file = utf8(&csv);
    // An unreadable birth date alone would be set aside; without a contract reference nothing
    // tells this person from a homonym, and the row is refused.
    let rejected =
        "Ligne 3, colonne D (« Date de naissance »), Date de naissance « 31/02/2001 » : La date de naissance n'a pas pu être lue (attendu : une date qui existe";

    // --dry-run: the plan, with the rejected cell located, and nothing written.
    let out = run(&db, &["import", file, "--dry-run"]);
    assert_code(&out, 2);
    assert_stdout_has(
        &out,
        &[
            rejected,
            "n'existe pas",
            "registre.csv : 1 création(s), 0 mise(s) à jour, 0 ligne(s) inchangée(s), 1 refusée(s) — à importer.",
        ],
    );
    let stderr = text(&out.stderr);
    assert!(stderr.contains("1 ligne(s) refusée(s)"), "{}", both(&out));
    assert_eq!(total(&db), 0, "--dry-run a écrit dans la base");

    // --strict: one rejected row and nothing is imported.
    let out = run(&db, &["import", file, "--strict"]);
    assert_code(&out, 2);
    assert_stdout_has(
        &out,
        &[
            rejected,
            "Rien n'a été importé : des lignes sont refusées (--strict).",
        ],
    );
    assert_eq!(total(&db), 0, "--strict a importé malgré une ligne refusée");

    // By default the valid row is imported, and the exit code still says a row was refused.
    let out = run(&db, &["import", file]);
    assert_code(&out, 2);
    assert_stdout_has(
        &out,
        &[
            rejected,
            "1 création(s), 0 mise(s) à jour, 0 ligne(s) inchangée(s), 1 refusée(s) — importées.",
        ],
    );
    assert_eq!(total(&db), 1);

    // The same file again: the file is found again and left as it is; the report is a CSV
    // for Excel (UTF-8 with BOM, ';').
    let report = dir.path().join("compte-rendu.csv");
    let out = run(&db, &["import", file, "--report", utf8(&report)]);
    assert_code(&out, 2);
    assert_stdout_has(
        &out,
        &[
            "0 création(s), 0 mise(s) à jour, 1 ligne(s) inchangée(s), 1 refusée(s) — importées.",
            "Compte rendu :",
        ],
    );
    assert_eq!(total(&db), 1, "le second import a dupliqué le dossier");
    let bytes =
        std::fs::read(&report).unwrap_or_else(|e| panic!("compte rendu absent ({e})\n{}", both(&out)));
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "pas de BOM UTF-8 : {:?}",
        bytes.get(..16)
    );
    let lines = text(&bytes[3..]);
    assert!(
        lines.starts_with("Ligne;Résultat;Nom;Dossier;Colonne;Champ;Valeur;Motif"),
        "{lines}"
    );
    assert!(lines.contains("2;Inchangé;"), "{lines}");
    assert!(lines.contains("3;Refusée;"), "{lines}");
    assert!(lines.contains("D (Date de naissance)"), "{lines}");
    assert!(lines.contains("31/02/2001"), "{lines}");
}

#[test]
fn import_of_the_committed_register_locates_its_three_bad_cells() {
    let (_dir, db) = common::temp_db();
    // tests/data/README.md: 25 signatories and a duplicated row; bad cells at T11, Z13, V15.
    // Incomplete is not invalid: the three rows are kept, each bad cell set aside and named.
    let out = run(&db, &["import", utf8(&data("registre-ars.xlsx"))]);
    assert_code(&out, 0);
    assert_stdout_has(
        &out,
        &[
            "Ligne 11, colonne T (« Date signature CESP »), Date de signature « 31/02/2019 » non repris (gardé dans les notes)",
            "Ligne 13, colonne Z",
            "« bientôt »",
            "Ligne 15, colonne V",
            "« Perdu de vue »",
            "2 dossier(s) à compléter (listés dans « À faire ») :",
            "ligne 11 ROUSSEAU Gaëlle : date de signature",
            "registre-ars.xlsx : 25 création(s), 0 mise(s) à jour, 1 ligne(s) inchangée(s), 0 refusée(s) — importées.",
        ],
    );
    assert_eq!(total(&db), 25);

    // The same register as CSV (header on row 1, so every row number is 2 less): nothing to
    // change, the notes already hold what was set aside.
    let out = run(&db, &["import", utf8(&data("registre-utf8-bom.csv"))]);
    assert_code(&out, 0);
    assert_stdout_has(
        &out,
        &["0 création(s), 0 mise(s) à jour, 26 ligne(s) inchangée(s), 0 refusée(s) — importées."],
    );
    assert_eq!(total(&db), 25);
}

#[test]
fn import_honours_a_mapping_file() {
    let (dir, db) = common::temp_db();
    // "Patronyme" is not a header the mapper knows; "Observations" would feed the notes.
    let csv = write_file(
        dir.path(),
        "patronymes.csv",
        "Civilité;Patronyme;Prénom;Date de naissance;Discipline;Statut;Date de signature;Observations\n\
         Mme;Durand;Léa;14/02/2001;Médecine;En formation;15/09/2023;ne pas importer\n",
    );
    let file = utf8(&csv);

    // Without the mapping, no column gives the name: the row is refused.
    let out = run(&db, &["import", file]);
    assert_code(&out, 2);
    assert_stdout_has(&out, &["Ligne 2", "Aucune colonne ne donne le champ « Nom »"]);
    assert_eq!(total(&db), 0);

    // A mapping file that does not exist or is not JSON: exit 2, a message, nothing written.
    let absent = dir.path().join("absent.json");
    let out = run(&db, &["import", file, "--mapping", utf8(&absent)]);
    assert_code(&out, 2);
    assert!(text(&out.stderr).contains("--mapping"), "{}", both(&out));
    let broken = write_file(dir.path(), "casse.json", "{\"columns\": ");
    let out = run(&db, &["import", file, "--mapping", utf8(&broken)]);
    assert_code(&out, 2);
    assert!(text(&out.stderr).contains("illisible"), "{}", both(&out));
    assert_eq!(total(&db), 0);

    // With it: "Patronyme" is the name, "Observations" is ignored.
    let mapping = write_file(
        dir.path(),
        "modele.json",
        r#"{"columns": {"Patronyme": "last_name", "Observations": null}}"#,
    );
    let out = run(&db, &["import", file, "--mapping", utf8(&mapping)]);
    assert_code(&out, 0);
    assert_stdout_has(
        &out,
        &["1 création(s), 0 mise(s) à jour, 0 ligne(s) inchangée(s), 0 refusée(s) — importées."],
    );
    assert_eq!(total(&db), 1);

    let store = cesp::Store::open(&db).expect("ouverture de la base");
    let page = cesp::register::list(&store, &Default::default()).expect("liste des signataires");
    let row = page.rows.first().expect("un signataire importé");
    let s = cesp::register::get(&store, i64::from(row.id)).expect("dossier importé");
    assert_eq!(cesp::text::fold(&s.last_name), "durand");
    assert_eq!(cesp::text::fold(&s.first_names), "lea");
    assert_eq!(s.notes, "", "la colonne ignorée a été importée");
}

// ---------------------------------------------------------------------------------------
// cesp followup print

/// Pages of a PDF, counted in its bytes: each page object is `/Type/Page` (or `/Type /Page`),
/// the page tree `/Type/Pages`.
fn pdf_pages(bytes: &[u8]) -> usize {
    let mut count = 0;
    for (i, w) in bytes.windows(5).enumerate() {
        if w != b"/Type".as_slice() {
            continue;
        }
        let rest = &bytes[i + 5..];
        let Some(k) = rest.iter().position(|b| !b.is_ascii_whitespace()) else {
            continue;
        };
        let rest = &rest[k..];
        if rest.starts_with(b"/Page") && !rest.get(5).is_some_and(|b| b.is_ascii_alphanumeric()) {
            count += 1;
        }
    }
    count
}

/// Pages according to pdfinfo (poppler-utils), when it is installed.
fn pdfinfo_pages(pdf: &Path) -> Option<usize> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    if !out.status.success() {
        return None;
    }
    text(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

/// `NOM_Prenom_2026.pdf`, or `NOM_Prenom_2026_42.pdf` for homonyms: ASCII letters, digits
/// and inner hyphens only in the name parts (`safe_part` in src/followup/print.rs).
fn is_sheet_file_name(name: &str, year: i32) -> bool {
    let Some(stem) = name.strip_suffix(".pdf") else {
        return false;
    };
    let year = year.to_string();
    let part_ok = |p: &str| {
        !p.is_empty()
            && !p.starts_with('-')
            && !p.ends_with('-')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let parts: Vec<&str> = stem.split('_').collect();
    match *parts.as_slice() {
        [last, first, y] => part_ok(last) && part_ok(first) && y == year.as_str(),
        [last, first, y, n] => {
            part_ok(last)
                && part_ok(first)
                && y == year.as_str()
                && !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The file names `followup print --out-dir` should write for the campaign of `year`
/// (all of it, or the forms in `status`), as the core names them.
fn expected_sheet_files(db: &Path, year: i32, status: Option<cesp::domain::FormStatus>) -> Vec<String> {
    let store = cesp::Store::open(db).expect("ouverture de la base");
    let ids = cesp::followup::service::campaign_ids(&store, year, status, "").expect("campagne");
    if ids.is_empty() {
        return Vec::new();
    }
    let sheets = cesp::followup::print::sheets(&store, &ids, year, common::today()).expect("fiches");
    let mut names = cesp::followup::print::file_names(&sheets);
    names.sort();
    names
}

#[test]
fn followup_print_writes_a_merged_pdf_or_one_pdf_per_signatory() {
    let (dir, db) = common::temp_db();
    let out = run(&db, &["demo", "--signatories", "30", "--seed", "3"]);
    assert_code(&out, 0);
    // This year's campaign: its members are the followed files signed by the end of the
    // year; the demo sends (most of) its forms from October on.
    let year = chrono::Local::now().date_naive().year();
    let year_text = year.to_string();
    let y = year_text.as_str();
    let all = expected_sheet_files(&db, year, None);
    assert!(!all.is_empty(), "campagne {year} vide");

    // One merged PDF.
    let merged = dir.path().join("fiches.pdf");
    let out = run(&db, &["followup", "print", "--year", y, "--out", utf8(&merged)]);
    assert_code(&out, 0);
    assert_stdout_has(
        &out,
        &[format!("{} fiche(s) de suivi {year} dans", all.len()).as_str()],
    );
    let bytes = std::fs::read(&merged).unwrap_or_else(|e| panic!("PDF absent ({e})\n{}", both(&out)));
    assert!(bytes.starts_with(b"%PDF"), "pas un PDF : {:?}", bytes.get(..8));
    let pages = pdf_pages(&bytes);
    assert!(pages >= all.len(), "{pages} page(s) pour {} fiche(s)", all.len());
    if let Some(n) = pdfinfo_pages(&merged) {
        assert_eq!(n, pages, "pages selon pdfinfo");
    }

    // One PDF per signatory, named after them.
    let folder = dir.path().join("fiches");
    let out = run(
        &db,
        &["followup", "print", "--year", y, "--out-dir", utf8(&folder)],
    );
    assert_code(&out, 0);
    assert_stdout_has(
        &out,
        &[format!("{} fiche(s) de suivi {year} écrites dans le dossier", all.len()).as_str()],
    );
    let files = files_in(&folder);
    assert_eq!(files, all);
    for f in &files {
        assert!(is_sheet_file_name(f, year), "nom de fichier inattendu : {f}");
        let bytes = std::fs::read(folder.join(f)).expect("lecture d'une fiche");
        assert!(bytes.starts_with(b"%PDF"), "{f} n'est pas un PDF");
        assert!(pdf_pages(&bytes) >= 1, "{f} sans page");
    }

    // Only the forms still to send: a part of the campaign (possibly none).
    let to_send = expected_sheet_files(&db, year, Some(cesp::domain::FormStatus::AEnvoyer));
    let filtered = dir.path().join("a-envoyer");
    let out = run(
        &db,
        &[
            "followup",
            "print",
            "--year",
            y,
            "--out-dir",
            utf8(&filtered),
            "--status",
            "a_envoyer",
        ],
    );
    assert_code(&out, 0);
    let some = files_in(&filtered);
    assert_eq!(some, to_send);
    assert!(some.len() <= files.len(), "{} > {}", some.len(), files.len());
    if some.is_empty() {
        assert_stdout_has(&out, &["Aucune fiche à imprimer"]);
    }

    // An unknown state: exit 2 and the list of valid ones.
    let out = run(
        &db,
        &[
            "followup",
            "print",
            "--year",
            y,
            "--out",
            utf8(&merged),
            "--status",
            "perdue",
        ],
    );
    assert_code(&out, 2);
    assert!(text(&out.stderr).contains("état inconnu"), "{}", both(&out));
}

// ---------------------------------------------------------------------------------------
// cesp simulate

/// `cesp simulate` with `input` on its standard input.
fn simulate(input: &str) -> Output {
    let mut child = cesp()
        .arg("simulate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lancement de cesp simulate");
    child
        .stdin
        .take()
        .expect("entrée standard de cesp simulate")
        .write_all(input.as_bytes())
        .expect("écriture sur l'entrée standard");
    child.wait_with_output().expect("fin de cesp simulate")
}

/// The worked example of the README (domain.md §6).
const README_EXAMPLE: &str = r#"{"discipline":"medecine","allocation_start":"2015-10-01","allocation_end":"2020-09-30",
       "diploma_date":"2020-10-15","practice_start":"2020-11-01","rupture_date":"2024-10-31"}"#;

#[test]
fn simulate_computes_the_worked_example_of_the_readme() {
    let out = simulate(README_EXAMPLE);
    assert_code(&out, 0);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON illisible ({e})\n{}", both(&out)));
    assert_eq!(v["months_paid"], 60, "{v}");
    assert_eq!(v["net_total"], "66412.80", "{v}");
    assert_eq!(v["commitment_months"], 60, "{v}");
    assert_eq!(v["commitment_end"], "2025-10-31", "{v}");
    let r = &v["rupture"];
    assert_eq!(r["phase"], "en_exercice", "{v}");
    assert_eq!(r["allocations"], "66412.80", "{v}");
    assert_eq!(r["penalty"], "20000.00", "{v}");
    assert_eq!(r["rate"], "46.3344", "{v}");
    assert_eq!(r["total"], "40038.83", "{v}");
}

#[test]
fn simulate_refuses_bad_input_with_a_french_message_naming_the_field() {
    let base = r#""discipline":"medecine","allocation_start":"2015-10-01""#;
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!(r#"{{{base},"allocation_debut":"2015-10-01"}}"#),
            vec!["Champ inconnu « allocation_debut »."],
        ),
        (
            r#"{"discipline":"medecine","allocation_start":"01/10/2015"}"#.to_owned(),
            vec!["Champ « allocation_start » : date invalide « 01/10/2015 » (attendu AAAA-MM-JJ)."],
        ),
        (
            r#"{"discipline":"medecine","allocation_start":"2015-02-30"}"#.to_owned(),
            vec!["Champ « allocation_start » : date invalide « 2015-02-30 »"],
        ),
        (
            format!(r#"{{{base},"suspensions":[{{"start":"2016-01-15","end":"2016-01-31"}}]}}"#),
            vec!["suspensions[0] : la suspension doit commencer le 1er d'un mois (reçu 15/01/2016)."],
        ),
        (
            format!(
                r#"{{{base},"suspensions":[{{"start":"2016-01-01","end":"2016-03-31"}},
                {{"start":"2016-03-01","end":"2016-04-30","paid":true}}]}}"#
            ),
            vec!["suspensions[1] : la suspension chevauche suspensions[0]."],
        ),
        (
            format!(r#"{{{base},"allocation_end":"2015-01-31"}}"#),
            vec!["allocation_end : la fin de l'allocation (31/01/2015) précède son début (01/10/2015)."],
        ),
        (
            "ceci n'est pas du JSON".to_owned(),
            vec!["JSON invalide (ligne 1, colonne", "syntaxe incorrecte"],
        ),
        (String::new(), vec!["JSON invalide", "fin de texte inattendue"]),
        (
            "[1, 2]".to_owned(),
            vec!["L'entrée doit être un objet JSON (reçu un tableau)."],
        ),
    ];
    for (input, fragments) in &cases {
        let out = simulate(input);
        assert_eq!(out.status.code(), Some(2), "entrée : {input}\n{}", both(&out));
        assert!(out.stdout.is_empty(), "entrée : {input}\n{}", both(&out));
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("Erreur : "),
            "entrée : {input}\n{}",
            both(&out)
        );
        for f in fragments {
            assert!(
                stderr.contains(*f),
                "« {f} » absent, entrée : {input}\n{}",
                both(&out)
            );
        }
    }
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn applications_list_and_print_the_commissions_decisions() {
    let (dir, db) = common::temp_db();
    assert_code(&run(&db, &["demo", "--signatories", "150", "--seed", "6"]), 0);
    // The campaign before the current one is always decided (its commission sat in January).
    let year = cesp::applications::current_year(chrono::Local::now().date_naive()) - 1;
    let y = year.to_string();
    let out = run(&db, &["applications", "list", "--year", &y, "--json"]);
    assert_code(&out, 0);
    let list: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", both(&out)));
    let list = list.as_array().expect("a JSON array");
    assert!(list.len() >= 6, "{}", both(&out));
    assert!(list.iter().all(|a| !a["decision"].is_null()), "{}", both(&out));
    let ufr = list[0]["ufr"].as_str().expect("ufr").to_owned();
    let named = list
        .iter()
        .find(|a| a["ufr"] == ufr.as_str())
        .and_then(|a| a["name"].as_str())
        .expect("a name")
        .to_owned();

    let out = run(&db, &["applications", "list", "--year", &y, "--ufr", &ufr]);
    assert_code(&out, 0);
    assert_stdout_has(
        &out,
        &[
            named.as_str(),
            format!("pour la campagne {year}-{}", year + 1).as_str(),
        ],
    );

    let pdf = dir.path().join("decisions.pdf");
    let out = run(
        &db,
        &[
            "applications",
            "print",
            "--year",
            &y,
            "--ufr",
            &ufr,
            "--out",
            utf8(&pdf),
        ],
    );
    assert_code(&out, 0);
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let text = String::from_utf8_lossy(&text.stdout);
    let last_name = named.split_whitespace().next().unwrap_or_default();
    assert!(
        text.contains(last_name),
        "« {last_name} » absent du PDF :\n{text}"
    );

    // No UFR: a French message, exit code 2, no file.
    let empty = dir.path().join("vide.pdf");
    let out = run(
        &db,
        &["applications", "print", "--ufr", " ", "--out", utf8(&empty)],
    );
    assert_code(&out, 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Choisissez l'UFR"),
        "{}",
        both(&out)
    );
    assert!(!empty.exists());
}

#[test]
fn settings_are_shown_and_set_like_the_window_and_letters_print_in_envelope_order() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let db = dir.path().join("r.sqlite3");
    assert_code(&run(&db, &["demo", "--signatories", "120"]), 0);
    let year = chrono::Local::now().date_naive().year();
    for (key, value) in [
        ("region", "bretagne"),
        ("contact.referent", "Camille Exemple"),
        (
            "contact.adresse",
            "6 place des Colombes\\nCS 14253\\n35042 Rennes Cedex",
        ),
    ] {
        assert_code(&run(&db, &["settings", "set", key, value]), 0);
    }
    // Refused like the window refuses: nothing written, exit 2, the reason in French.
    for (key, value, reason) in [
        ("region", "Atlantide", "n'est pas une région française"),
        ("campagne.2026.retour", "01/01/2027", "jour férié (Jour de l'an)"),
        ("contact.adresse", &"x".repeat(39), "38 par ligne"),
        ("cle.inconnue", "1", "Paramètre inconnu"),
    ] {
        let out = run(&db, &["settings", "set", key, value]);
        assert_code(&out, 2);
        assert!(both(&out).contains(reason), "{key} : {}", both(&out));
    }
    let template = write_file(
        dir.path(),
        "modele.txt",
        "Objet : essai\n\n{{ formule }}\n\n{{ nom_de_famille }}",
    );
    let out = run(
        &db,
        &["settings", "set", "lettre.envoi", "--from-file", utf8(&template)],
    );
    assert_code(&out, 2);
    assert!(both(&out).contains("{{ nom_de_famille }}"), "{}", both(&out));
    // The allowance scale from a file as French Excel saves a CSV (Windows-1252, CRLF,
    // "1 200,00 €"); a refused one names its line and column and changes nothing.
    let excel = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bareme-excel-1252.csv");
    assert_code(
        &run(
            &db,
            &[
                "settings",
                "set",
                "bareme.allocation",
                "--from-file",
                utf8(&excel),
            ],
        ),
        0,
    );
    let bad = write_file(
        dir.path(),
        "bareme.csv",
        "a_partir_du;brut;net\n01/09/2010;1200;1050\n01/09/2026;1 250,00;mille\n",
    );
    let out = run(
        &db,
        &["settings", "set", "bareme.allocation", "--from-file", utf8(&bad)],
    );
    assert_code(&out, 2);
    assert!(
        both(&out).contains("bareme.allocation, ligne 3, colonne net"),
        "{}",
        both(&out)
    );
    let out = run(&db, &["settings", "show", "--json"]);
    assert_code(&out, 0);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let value = |k: &str| {
        shown
            .as_array()
            .and_then(|a| a.iter().find(|s| s["key"] == k))
            .map(|s| s["value"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|| panic!("{k} absent de {shown}"))
    };
    assert_eq!(value("region"), "Bretagne");
    assert_eq!(
        value("bareme.allocation"),
        "a_partir_du;brut;net\n01/09/2010;1200,00;1050,00\n01/09/2026;1250,00;1093,75"
    );
    assert_eq!(
        value("contact.adresse"),
        "6 place des Colombes\nCS 14253\n35042 Rennes Cedex"
    );
    assert!(
        value("lettre.envoi").contains("{{ date_limite_retour }}"),
        "modèle par défaut"
    );

    // The covering letters and their sheets: one PDF, each envelope a letter then its sheet.
    let pdf = dir.path().join("envoi.pdf");
    let y = year.to_string();
    let out = run(
        &db,
        &[
            "letters",
            "--year",
            &y,
            "--kind",
            "envoi",
            "--with-sheets",
            "--out",
            utf8(&pdf),
        ],
    );
    assert_code(&out, 0);
    // Counted in the bytes (pdfinfo, a Linux program, cannot run under Wine), and checked
    // against pdfinfo where it runs.
    let pages = pdf_pages(&std::fs::read(&pdf).expect("PDF écrit"));
    if let Some(n) = pdfinfo_pages(&pdf) {
        assert_eq!(n, pages);
    }
    let letters: usize = text(&out.stdout)
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("nombre de courriers");
    assert!(letters > 20, "{}", both(&out));
    assert!(
        (2 * letters..=3 * letters).contains(&pages),
        "{pages} pages pour {letters} courriers"
    );
    // The same campaign as e-mail drafts: refused without the agency's address, then one
    // .eml per signatory, the fillable sheet attached; a convocation is not e-mailed.
    let mails = dir.path().join("courriels");
    let out = run(
        &db,
        &["followup", "emails", "--year", &y, "--out-dir", utf8(&mails)],
    );
    assert_code(&out, 2);
    assert!(both(&out).contains("courriel de l'agence"), "{}", both(&out));
    assert_code(
        &run(
            &db,
            &["settings", "set", "contact.courriel", "ars-cesp@exemple.fr"],
        ),
        0,
    );
    let out = run(
        &db,
        &["followup", "emails", "--year", &y, "--out-dir", utf8(&mails)],
    );
    assert_code(&out, 0);
    let drafts = std::fs::read_dir(&mails)
        .expect("dossier des courriels")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "eml"))
        })
        .count();
    assert!(drafts > 20, "{drafts} brouillons : {}", both(&out));
    let out = run(
        &db,
        &[
            "followup",
            "emails",
            "--year",
            &y,
            "--out-dir",
            utf8(&mails),
            "--kind",
            "convocation",
        ],
    );
    assert_code(&out, 2);

    // A letter that cannot take a sheet, an unknown kind: refused.
    let out = run(
        &db,
        &[
            "letters",
            "--year",
            &y,
            "--kind",
            "convocation",
            "--with-sheets",
            "--out",
            utf8(&pdf),
        ],
    );
    assert_code(&out, 2);
    let out = run(
        &db,
        &[
            "letters",
            "--year",
            &y,
            "--kind",
            "faire-part",
            "--out",
            utf8(&pdf),
        ],
    );
    assert_code(&out, 2);
    let folder = dir.path().join("installation");
    let out = run(
        &db,
        &[
            "letters",
            "--year",
            &y,
            "--kind",
            "installation",
            "--out-dir",
            utf8(&folder),
        ],
    );
    assert_code(&out, 0);
    assert!(
        files_in(&folder).iter().all(|f| f.ends_with("_installation.pdf")),
        "{:?}",
        files_in(&folder)
    );
}
