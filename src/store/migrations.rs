//! The schema migrations, embedded at compile time from `migrations/*.sql`.
//! Each file is one version; `PRAGMA user_version` is the number applied.

use rusqlite_migration::{Migrations, M};

/// Every migration, in order. A test checks that this list and the folder agree.
const FILES: &[(&str, &str)] = &[
    (
        "0001_registre_signataires.sql",
        include_str!("../../migrations/0001_registre_signataires.sql"),
    ),
    (
        "0002_contrat_allocation.sql",
        include_str!("../../migrations/0002_contrat_allocation.sql"),
    ),
    (
        "0003_taux_degressif.sql",
        include_str!("../../migrations/0003_taux_degressif.sql"),
    ),
    (
        "0004_suivi_annuel.sql",
        include_str!("../../migrations/0004_suivi_annuel.sql"),
    ),
    (
        "0005_entretiens_installation.sql",
        include_str!("../../migrations/0005_entretiens_installation.sql"),
    ),
    (
        "0006_a_faire.sql",
        include_str!("../../migrations/0006_a_faire.sql"),
    ),
    (
        "0007_index_tableau_de_bord.sql",
        include_str!("../../migrations/0007_index_tableau_de_bord.sql"),
    ),
    (
        "0008_journal.sql",
        include_str!("../../migrations/0008_journal.sql"),
    ),
    (
        "0009_candidatures.sql",
        include_str!("../../migrations/0009_candidatures.sql"),
    ),
    (
        "0010_civilite_facultative.sql",
        include_str!("../../migrations/0010_civilite_facultative.sql"),
    ),
    (
        "0011_formulaires_remplissables.sql",
        include_str!("../../migrations/0011_formulaires_remplissables.sql"),
    ),
];

/// The SQL of every migration, in order.
pub fn scripts() -> Vec<&'static str> {
    FILES.iter().map(|(_, sql)| *sql).collect()
}

/// The schema version this binary brings a store to.
pub fn latest_version() -> i64 {
    FILES.len() as i64
}

/// The migrations of `scripts`, each followed by a foreign-key check.
pub(crate) fn build(scripts: &[&'static str]) -> Migrations<'static> {
    Migrations::new(scripts.iter().map(|sql| M::up(sql).foreign_key_check()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_matches_the_folder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, listed, "add the new migration file to FILES");
        for (i, name) in listed.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} is out of sequence"
            );
        }
    }

    #[test]
    fn migrations_are_valid() {
        build(&scripts()).validate().unwrap();
    }
}
