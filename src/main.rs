//! `cesp`: the command-line interface over the same core as the window.

use cesp::domain::{Discipline, Status};
use cesp::register::{ListQuery, SortColumn};
use cesp::{demo, paths, register, Error, Store};
use chrono::{Datelike, NaiveDate};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes one line of output. When whoever reads it has gone (`cesp list --json | head`), the
/// program ends there, quietly and successfully, as Unix tools do: `println!` would panic.
fn emit(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{line}").and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("Erreur : écriture sur la sortie standard impossible : {e}");
            std::process::exit(1);
        }
    }
}

/// `println!` through [`emit`].
macro_rules! out {
    ($($arg:tt)*) => {
        emit(format_args!($($arg)*))
    };
}

#[derive(Parser)]
#[command(
    name = "cesp",
    version,
    about = "Suivi CESP en ligne de commande : registre des signataires du contrat d'engagement de service public"
)]
struct Cli {
    /// Base de données à utiliser (sinon la variable CESP_DB, sinon le dossier de données local de l'utilisateur).
    #[arg(long, global = true, value_name = "CHEMIN")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The list's search and filters, shared by `list` and `export signatories`.
#[derive(clap::Args)]
struct Filters {
    /// Texte recherché dans le nom, le prénom ou le nom de naissance.
    #[arg(long)]
    search: Option<String>,
    /// Filtre sur le statut (code : en_formation, installe, …).
    #[arg(long)]
    status: Option<String>,
    /// Filtre sur la discipline (medecine, odontologie, maieutique, pharmacie).
    #[arg(long)]
    discipline: Option<String>,
}

impl Filters {
    /// The list query they make, or a French message naming the option and its values.
    fn query(self) -> Result<ListQuery, Error> {
        let status = match self.status {
            None => None,
            Some(s) => Some(Status::from_code(&s).ok_or_else(|| {
                let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
                bad_input(
                    "--status",
                    format!(
                        "statut inconnu « {s} » ; valeurs possibles : {}",
                        codes.join(", ")
                    ),
                )
            })?),
        };
        let discipline = match self.discipline {
            None => None,
            Some(d) => Some(Discipline::from_code(&d).ok_or_else(|| {
                bad_input(
                    "--discipline",
                    format!(
                        "discipline inconnue « {d} » ; valeurs possibles : medecine, odontologie, maieutique, pharmacie"
                    ),
                )
            })?),
        };
        Ok(ListQuery {
            search: self.search.unwrap_or_default(),
            status,
            discipline,
            ..ListQuery::default()
        })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Calcule un contrat (allocation, engagement, rupture) : JSON sur l'entrée standard, JSON en sortie.
    /// N'utilise pas la base. Voir le README pour les champs.
    Simulate,
    /// Crée la base (ou la met à jour) et affiche son emplacement.
    Init,
    /// Sauvegarde la base (copie vérifiée dans le dossier « sauvegardes » à côté d'elle, ou --out).
    Backup {
        /// Fichier de sauvegarde à écrire (par défaut : sauvegardes/<base>-manuelle-<date>.sqlite3).
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
    },
    /// Liste les sauvegardes de la base (date, nature, taille, signataires).
    Backups,
    /// Remplace la base par une sauvegarde ; la base actuelle est sauvegardée d'abord (ou mise de
    /// côté si elle est endommagée). Rien n'est supprimé.
    Restore {
        /// La sauvegarde à restaurer.
        file: PathBuf,
    },
    /// Vérifie l'intégrité de la base et ses références ; code de sortie 1 s'il y a des problèmes.
    Check,
    /// Charge des données de démonstration fictives dans une base vide.
    Demo {
        /// Nombre de signataires à générer.
        #[arg(long, default_value_t = 300)]
        signatories: usize,
        /// Graine : la même graine donne les mêmes données.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Liste les signataires (recherche sans accents ni majuscules).
    List {
        #[command(flatten)]
        filters: Filters,
        /// Nombre maximal de lignes.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Sortie JSON (une page : {"rows": [...], "total": N}).
        #[arg(long)]
        json: bool,
    },
    /// Importe un tableur de signataires (.xlsx, .xls, .ods, .csv) : crée ou met à jour les dossiers,
    /// en une seule transaction. Code de sortie 2 si des lignes sont refusées.
    Import {
        /// Le fichier à importer.
        file: PathBuf,
        /// Correspondance des colonnes enregistrée (JSON : {"columns": {"NOM": "last_name", …}}).
        #[arg(long, value_name = "FICHIER.json")]
        mapping: Option<PathBuf>,
        /// N'écrit rien : affiche seulement ce que l'import ferait.
        #[arg(long)]
        dry_run: bool,
        /// Refuse tout l'import dès qu'une ligne est refusée (par défaut, les lignes valides sont importées).
        #[arg(long)]
        strict: bool,
        /// Écrit le compte rendu ligne par ligne dans ce fichier CSV (;, UTF-8).
        #[arg(long, value_name = "FICHIER.csv")]
        report: Option<PathBuf>,
        /// La feuille à importer (par défaut : celle qui a le plus de lignes remplies).
        #[arg(long, value_name = "NOM")]
        sheet: Option<String>,
    },
    /// Campagnes de suivi annuel : impression des fiches de suivi.
    Followup {
        #[command(subcommand)]
        action: FollowupCommand,
    },
    /// Zonage de l'ARS (ZIP, ZAC) : import d'une version, liste des versions, zone d'une commune.
    Zonage {
        #[command(subcommand)]
        action: ZonageCommand,
    },
    /// Exports pour les gestionnaires : comptages régionaux à une date.
    Export {
        #[command(subcommand)]
        action: ExportCommand,
    },
    /// Entretiens : ceux à tenir dans la région.
    Interviews {
        #[command(subcommand)]
        action: InterviewsCommand,
    },
    /// Conservation des dossiers terminés : liste, export pour les archives, anonymisation, suppression.
    Archive {
        #[command(subcommand)]
        action: ArchiveCommand,
    },
    /// Candidatures au CESP : liste d'une campagne, impression des décisions de la commission.
    Applications {
        #[command(subcommand)]
        action: ApplicationsCommand,
    },
    /// Imprime les courriers d'une campagne (envoi de la fiche, relance, convocation à un
    /// entretien, rappel de déclaration d'installation) d'après les modèles des paramètres,
    /// dans l'ordre des enveloppes.
    Letters {
        /// Année de la campagne.
        #[arg(long)]
        year: i32,
        /// envoi, relance, convocation ou installation.
        #[arg(long)]
        kind: String,
        /// Un seul PDF avec tous les courriers.
        #[arg(
            long,
            value_name = "FICHIER.pdf",
            conflicts_with = "out_dir",
            required_unless_present = "out_dir"
        )]
        out: Option<PathBuf>,
        /// Un PDF par signataire dans ce dossier.
        #[arg(long, value_name = "DOSSIER")]
        out_dir: Option<PathBuf>,
        /// Chaque courrier suivi de la fiche de suivi du signataire (envoi et relance).
        #[arg(long)]
        with_sheets: bool,
        /// Seulement les fiches dans cet état (courrier d'envoi) : a_envoyer, envoyee…
        #[arg(long)]
        status: Option<String>,
        /// Convocation : le rendez-vous proposé (« 12/01/2027 à 10 h »).
        #[arg(long, default_value = "")]
        rendez_vous: String,
        /// Convocation : le lieu du rendez-vous.
        #[arg(long, default_value = "")]
        lieu: String,
    },
    /// Les paramètres de la fenêtre (région, coordonnées, calendrier des campagnes,
    /// mention sur les données personnelles) : les afficher, ou en changer un, validé
    /// comme dans la fenêtre (code de sortie 2 si la valeur ou la clé est refusée).
    Settings {
        #[command(subcommand)]
        action: SettingsCommand,
    },
    /// Journal des modifications : export CSV ou XLSX (filtres comme dans la fenêtre).
    Journal {
        /// Fichier à écrire (.csv ou .xlsx).
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Depuis ce jour (jj/mm/aaaa).
        #[arg(long, default_value = "")]
        from: String,
        /// Jusqu'à ce jour inclus (jj/mm/aaaa).
        #[arg(long, default_value = "")]
        to: String,
        /// Une partie du nom du signataire.
        #[arg(long, default_value = "")]
        signatory: String,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Affiche chaque paramètre : clé, libellé, valeur.
    Show {
        /// Sortie JSON (un tableau d'objets key, label, value).
        #[arg(long)]
        json: bool,
    },
    /// Change un paramètre : `cesp settings set contact.referent "Camille Exemple"`.
    /// Pour un long texte, --from-file lit la valeur dans un fichier UTF-8.
    Set {
        key: String,
        /// La valeur (omise avec --from-file).
        #[arg(required_unless_present = "from_file")]
        value: Option<String>,
        #[arg(long, value_name = "FICHIER", conflicts_with = "value")]
        from_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ApplicationsCommand {
    /// Les candidats d'une campagne : pièces manquantes et décision.
    List {
        /// Année de début de la campagne (2026 pour 2026-2027 ; par défaut : celle en cours).
        #[arg(long, default_value_t = 0)]
        year: i32,
        /// Seulement cette UFR (par défaut : toutes celles qui ont des candidats).
        #[arg(long)]
        ufr: Option<String>,
        /// Sortie JSON (un tableau de candidatures).
        #[arg(long)]
        json: bool,
    },
    /// Imprime la liste des décisions de la commission d'une UFR (PDF pour le procès-verbal).
    Print {
        /// Année de début de la campagne (par défaut : celle en cours).
        #[arg(long, default_value_t = 0)]
        year: i32,
        #[arg(long)]
        ufr: String,
        #[arg(long, value_name = "FICHIER.pdf")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum ArchiveCommand {
    /// Les dossiers terminés depuis plus longtemps que la durée de conservation.
    List,
    /// Écrit tout le dossier en JSON pour les archives.
    Export {
        id: i64,
        #[arg(long, value_name = "FICHIER.json")]
        out: PathBuf,
    },
    /// Efface ce qui identifie la personne (les statistiques le comptent toujours, par année et
    /// département) ; nomme les sauvegardes qui la contiennent encore.
    Anonymise {
        id: i64,
        /// Supprime aussi les sauvegardes qui contiennent encore la personne.
        #[arg(long)]
        purge_backups: bool,
    },
    /// Supprime le dossier et tout ce qui s'y rattache ; nomme les sauvegardes qui le contiennent encore.
    Delete {
        id: i64,
        /// Supprime aussi les sauvegardes qui contiennent encore la personne.
        #[arg(long)]
        purge_backups: bool,
    },
    /// Supprime les sauvegardes qui contiennent encore un dossier anonymisé tel qu'il était.
    PurgeBackups { id: i64 },
    /// Supprime les candidatures jamais converties des campagnes terminées depuis la durée de conservation.
    DeleteApplications,
}

#[derive(Subcommand)]
enum ZonageCommand {
    /// Importe le zonage d'un fichier .csv, .xlsx, .xls ou .ods (colonnes : code INSEE, commune,
    /// zone ; facultatives : département, date de l'arrêté), en une transaction : tout ou rien.
    /// Code de sortie 2 si une ligne est invalide (ligne, colonne et valeur sont indiquées).
    Import {
        file: PathBuf,
        /// Date d'entrée en vigueur de cette version (AAAA-MM-JJ ou jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        effective: String,
    },
    /// Liste les versions importées, la plus récente d'abord.
    List,
    /// Zone d'une commune (code INSEE) dans le zonage en vigueur à une date (par défaut : aujourd'hui).
    Lookup {
        insee: String,
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Comptages régionaux (signatures par année, situation, discipline, spécialité, installés par
    /// département, zone, mode et structure, allocataires, allocation versée dans l'année) à une date.
    Counts {
        /// Date des comptages (AAAA-MM-JJ ou jj/mm/aaaa ; par défaut : aujourd'hui).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// csv (;, UTF-8 avec BOM), xlsx (une feuille par tableau), json ou pdf (rapport avec
        /// tableaux et graphiques).
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// La liste des signataires (toute la liste, ou filtrée comme dans la fenêtre), avec les
    /// colonnes choisies.
    Signatories {
        /// csv (;, UTF-8 avec BOM) ou xlsx.
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        #[command(flatten)]
        filters: Filters,
        /// Colonnes, séparées par des virgules (par défaut : nom, prénoms, discipline, spécialité,
        /// UFR, date de signature, statut, référence). Codes : voir le README.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
    },
}

#[derive(Subcommand)]
enum InterviewsCommand {
    /// Les entretiens à tenir (ou en retard) aujourd'hui, en retard d'abord.
    Due {
        /// Seulement ceux dont l'échéance est passée.
        #[arg(long)]
        overdue: bool,
        /// Sortie JSON (un tableau).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum FollowupCommand {
    /// Imprime les fiches de suivi pré-remplies d'une campagne : un PDF fusionné (--out)
    /// ou un PDF par signataire dans un dossier (--out-dir, fichiers NOM_Prenom_ANNEE.pdf).
    Print {
        /// Année de la campagne.
        #[arg(long)]
        year: i32,
        /// Fichier PDF unique contenant toutes les fiches.
        #[arg(
            long,
            value_name = "FICHIER.pdf",
            conflicts_with = "out_dir",
            required_unless_present = "out_dir"
        )]
        out: Option<PathBuf>,
        /// Dossier où écrire une fiche par signataire.
        #[arg(long, value_name = "DOSSIER")]
        out_dir: Option<PathBuf>,
        /// Seulement les fiches dans cet état (a_envoyer, envoyee, relancee, recue, complete, incomplete).
        #[arg(long)]
        status: Option<String>,
        /// Fiches à imprimer seulement, sans champs à remplir à l'écran (avec --out-dir ; le
        /// fichier fusionné de --out l'est toujours).
        #[arg(long)]
        flat: bool,
    },
    /// Écrit un brouillon de courriel (.eml) par signataire ayant une adresse, la fiche à
    /// remplir jointe, qu'Outlook ou Thunderbird ouvrent prêt à envoyer.
    Emails {
        /// Année de la campagne.
        #[arg(long)]
        year: i32,
        /// Dossier où écrire les brouillons (NOM_Prenom_ANNEE_envoi.eml).
        #[arg(long, value_name = "DOSSIER")]
        out_dir: PathBuf,
        /// envoi (toute la campagne) ou relance (fiches envoyées non reçues).
        #[arg(long, default_value = "envoi")]
        kind: String,
        /// Seulement les fiches dans cet état (avec envoi).
        #[arg(long)]
        status: Option<String>,
    },
    /// Lit des fiches retournées remplies à l'écran (PDF) et enregistre leurs réponses dans
    /// les dossiers ; code 2 si une fiche est refusée (autre registre, modifiée, numérisée…).
    Returns {
        /// Les fichiers PDF reçus.
        #[arg(required = true, value_name = "FICHIER.pdf")]
        files: Vec<PathBuf>,
        /// Seulement les fiches de cette campagne (les autres sont refusées).
        #[arg(long)]
        year: Option<i32>,
        /// Date de réception (jj/mm/aaaa ; par défaut aujourd'hui).
        #[arg(long)]
        received: Option<String>,
        /// Affiche ce qui serait enregistré, sans rien enregistrer.
        #[arg(long)]
        dry_run: bool,
        /// Sortie JSON (un objet par fichier).
        #[arg(long)]
        json: bool,
    },
}

/// `cesp followup returns`: each file read, matched, and its answers recorded (all of
/// them: what the window lets the referent choose field by field).
fn followup_returns(
    db: &Path,
    files: &[PathBuf],
    year: Option<i32>,
    received: Option<String>,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    use cesp::followup::returns;
    let received = received.unwrap_or_else(|| today.format("%d/%m/%Y").to_string());
    let mut store = Store::open(db)?;
    let mut refused = 0;
    let mut reports = Vec::new();
    for file in files {
        let sheet = returns::read_file(&store, file, year, today)?;
        let mut recorded = false;
        let mut problem = sheet.refused.clone();
        if problem.is_empty() && sheet.already_read.is_none() && !dry_run {
            let keys: Vec<String> = sheet.fields.iter().map(|f| f.key.clone()).collect();
            match returns::accept(&mut store, file, year, &keys, &received, today) {
                Ok(_) => recorded = true,
                Err(e) => problem = e.to_string(),
            }
        }
        if !problem.is_empty() {
            refused += 1;
        }
        if json {
            reports.push(serde_json::json!({
                "fichier": sheet.file_name,
                "dossier": sheet.signatory_id,
                "nom": sheet.name,
                "campagne": sheet.year,
                "enregistree": recorded,
                "deja_lue_le": sheet.already_read,
                "refus": problem,
                "numerisee": sheet.scanned,
                "reponses": sheet.fields.iter().map(|f| serde_json::json!({
                    "champ": f.key, "libelle": f.label, "dossier": f.in_file, "fiche": f.on_sheet, "modifie": f.changed,
                })).collect::<Vec<_>>(),
            }));
            continue;
        }
        if !problem.is_empty() {
            out!("{} : refusée — {problem}", sheet.file_name);
            continue;
        }
        let id = sheet.signatory_id.map(|i| i.to_string()).unwrap_or_default();
        let state = match (&sheet.already_read, recorded) {
            (Some(day), _) => format!("déjà enregistrée le {day}, rien n'a changé"),
            (None, true) => "réponses enregistrées".to_owned(),
            (None, false) => "lue (--dry-run : rien d'enregistré)".to_owned(),
        };
        out!(
            "{} : dossier n° {id}, {}, campagne {} — {state}",
            sheet.file_name,
            sheet.name,
            sheet.year
        );
        for f in sheet.fields.iter().filter(|f| f.changed) {
            out!(
                "  {} : {} → {}",
                f.label,
                if f.in_file.is_empty() { "—" } else { &f.in_file },
                if f.on_sheet.is_empty() { "—" } else { &f.on_sheet }
            );
        }
    }
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&reports).map_err(|e| Error::BadInput(e.to_string()))?
        );
    }
    if refused > 0 {
        return Err(Error::BadInput(format!(
            "{refused} fiche(s) refusée(s) sur {} ; les autres sont traitées.",
            files.len()
        )));
    }
    Ok(())
}

/// `cesp settings show|set`.
fn settings_command(path: &Path, action: SettingsCommand, today: NaiveDate) -> Result<(), Error> {
    use cesp::settings::keys;
    match action {
        SettingsCommand::Show { json } => {
            let store = Store::open(path)?;
            let y = today.year();
            let all = keys::show(&store, &[y - 1, y, y + 1])?;
            if json {
                out!(
                    "{}",
                    serde_json::to_string_pretty(&all).map_err(|e| Error::BadInput(e.to_string()))?
                );
            } else {
                for s in all {
                    let value = if s.value.is_empty() {
                        "—".to_owned()
                    } else {
                        s.value.replace('\n', " / ")
                    };
                    out!("{}\t{}\t{}", s.key, s.label, value);
                }
            }
        }
        SettingsCommand::Set {
            key,
            value,
            from_file,
        } => {
            let value = match (value, from_file) {
                (Some(v), _) => v,
                (None, Some(file)) => cesp::settings::read_value_file(&file)?,
                (None, None) => String::new(),
            };
            let mut store = Store::open(path)?;
            keys::set(&mut store, &key, &value, today)?;
            out!("« {key} » enregistré.");
        }
    }
    Ok(())
}

/// Where the person of an anonymised or deleted file still is, and the purge if asked.
fn report_erased(store: &Store, erased: &cesp::archive::Erased, purge: bool) -> Result<(), Error> {
    if erased.journal_pending {
        out!("Un autre programme lisait la base : son journal sera vidé à sa prochaine fermeture.");
    }
    if erased.backups.is_empty() {
        out!("Aucune sauvegarde ne contient plus cette personne.");
        return Ok(());
    }
    if purge {
        let n = cesp::archive::purge_backups(store, i64::from(erased.id), &erased.created_at)?;
        out!("{n} sauvegarde(s) qui contenaient encore cette personne supprimée(s).");
        return Ok(());
    }
    out!(
        "{} sauvegarde(s) contiennent encore cette personne :",
        erased.backups.len()
    );
    for b in &erased.backups {
        out!("  {}\t{}\t{}", b.taken, b.kind_label, b.path);
    }
    out!(
        "Pour les supprimer : cesp archive purge-backups {} (ou --purge-backups la prochaine fois).",
        erased.id
    );
    Ok(())
}

/// Exit codes: 0 success, 1 failure (store, disk), 2 invalid input.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Erreur : {e}");
            match e {
                Error::Validation(_) | Error::BadInput(_) | Error::Zonage(_) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

/// `cesp simulate`: the rules on one contract, no database (amounts default to domain.md's).
fn simulate(today: chrono::NaiveDate) -> Result<(), Error> {
    use std::io::Read;
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| bad_input("stdin", format!("lecture de l'entrée standard impossible : {e}")))?;
    let params = cesp::ledger::Parameters::default();
    let out =
        cesp::ledger::simulate_json(&input, &params, today).map_err(|e| Error::BadInput(e.to_string()))?;
    out!("{out}");
    Ok(())
}

fn bad_input(field: &str, message: String) -> Error {
    let mut v = cesp::ValidationErrors::default();
    v.push(field, message);
    Error::Validation(v)
}

/// `--status CODE`: a sheet's state, or the list of the codes.
fn form_status(code: Option<&str>) -> Result<Option<cesp::domain::FormStatus>, Error> {
    use cesp::domain::FormStatus;
    code.map(|c| {
        FormStatus::from_code(c).ok_or_else(|| {
            let codes: Vec<&str> = FormStatus::ALL.iter().map(|s| s.code()).collect();
            bad_input(
                "--status",
                format!("état inconnu « {c} » ; valeurs possibles : {}", codes.join(", ")),
            )
        })
    })
    .transpose()
}

/// `cesp applications`: what the Candidatures screen shows, and its PDF of decisions.
fn applications(store: &Store, action: ApplicationsCommand, today: chrono::NaiveDate) -> Result<(), Error> {
    use cesp::applications as app;
    match action {
        ApplicationsCommand::List { year, ufr, json } => {
            let known = app::campaign(store, year, "", today)?;
            let ufrs = match ufr {
                Some(u) => vec![u],
                None => known.ufrs.clone(),
            };
            let mut all = Vec::new();
            for u in &ufrs {
                all.extend(app::campaign(store, known.academic_year, u, today)?.applications);
            }
            if json {
                let text =
                    serde_json::to_string_pretty(&all).map_err(|e| bad_input("--json", e.to_string()))?;
                out!("{text}");
                return Ok(());
            }
            for a in &all {
                let file = if a.complete {
                    "complet".to_owned()
                } else {
                    format!("{} pièce(s) manquante(s)", a.missing.len())
                };
                let decision = match (&a.decision_label, a.waiting_rank) {
                    (d, Some(r)) => format!("{d} (rang {r})"),
                    (d, None) if d.is_empty() => "sans décision".to_owned(),
                    (d, None) => d.clone(),
                };
                out!(
                    "{:>6}  {} | {} | {} | {} | {file} | {decision}",
                    a.id,
                    a.name,
                    a.ufr,
                    a.discipline_label,
                    a.studies_label
                );
            }
            out!(
                "{} candidature(s) pour la campagne {}.",
                all.len(),
                known.year_label
            );
        }
        ApplicationsCommand::Print { year, ufr, out } => {
            let year = if year == 0 { app::current_year(today) } else { year };
            app::print::write(store, year, &ufr, &out, today)?;
            out!(
                "Décisions de la commission ({ufr}, {}) : {}",
                app::year_label(year),
                out.display()
            );
        }
    }
    Ok(())
}

/// What `cesp import` was asked, besides the file.
struct ImportOptions {
    mapping: Option<PathBuf>,
    dry_run: bool,
    strict: bool,
    report: Option<PathBuf>,
    sheet: Option<String>,
}

/// `cesp import`: the same plan as the window's preview, the same single transaction.
fn import(
    db: &std::path::Path,
    file: &std::path::Path,
    options: ImportOptions,
    today: chrono::NaiveDate,
) -> Result<(), Error> {
    use cesp::import::service::{self, ImportInput, RowAction};
    let ImportOptions {
        mapping,
        dry_run,
        strict,
        report,
        sheet,
    } = options;
    let path = file.display().to_string();
    let columns = match mapping {
        None => None,
        Some(m) => {
            let json = std::fs::read_to_string(&m).map_err(|e| {
                bad_input(
                    "--mapping",
                    format!("lecture de {} impossible : {e}", m.display()),
                )
            })?;
            Some(service::choices_from_saved(
                &path,
                sheet.as_deref(),
                &service::mapping_from_json(&json)?,
            )?)
        }
    };
    let input = ImportInput {
        path,
        columns,
        skip_rejected: !strict,
        sheet,
        // The grid's corrections are the window's; on the command line, correct the file.
        corrections: Vec::new(),
        excluded_rows: Vec::new(),
    };
    let mut store = Store::open(db)?;
    let p = if dry_run {
        service::preview(&store, &input, today)?
    } else {
        service::run(&mut store, &input, today)?
    };
    for w in &p.warnings {
        out!("Attention : {w}");
    }
    for r in p.rows.iter().filter(|r| r.action == RowAction::Rejected) {
        for pb in &r.problems {
            let col = if pb.column_letter.is_empty() {
                String::new()
            } else {
                format!(", colonne {}", pb.column_letter)
            };
            let header = if pb.column_header.is_empty() {
                String::new()
            } else {
                format!(" (« {} »)", pb.column_header)
            };
            out!(
                "Ligne {}{col}{header}, {} « {} » : {}",
                r.row_number,
                pb.field_label,
                pb.value,
                pb.message
            );
        }
    }
    for r in p.rows.iter().filter(|r| r.action == RowAction::Skipped) {
        out!("Ligne {} ignorée : {}", r.row_number, r.note);
    }
    // Incomplete is not invalid: what was set aside and what each file will lack.
    let kept = |r: &&service::RowPreview| matches!(r.action, RowAction::Create | RowAction::Update);
    for r in p.rows.iter().filter(kept) {
        for pb in &r.set_aside {
            let col = if pb.column_letter.is_empty() {
                String::new()
            } else if pb.column_header.is_empty() {
                format!(", colonne {}", pb.column_letter)
            } else {
                format!(", colonne {} (« {} »)", pb.column_letter, pb.column_header)
            };
            if pb.value.is_empty() {
                out!("Ligne {}{col}, {} : {}", r.row_number, pb.field_label, pb.message);
            } else {
                out!(
                    "Ligne {}{col}, {} « {} » non repris (gardé dans les notes) : {}",
                    r.row_number,
                    pb.field_label,
                    pb.value,
                    pb.message
                );
            }
        }
    }
    let incomplete = p
        .rows
        .iter()
        .filter(|r| kept(r) && !r.to_complete.is_empty())
        .count();
    if incomplete > 0 {
        out!("{incomplete} dossier(s) à compléter (listés dans « À faire ») :");
        for r in p.rows.iter().filter(|r| kept(r) && !r.to_complete.is_empty()) {
            out!(
                "  ligne {} {} : {}",
                r.row_number,
                r.name,
                r.to_complete.join(", ")
            );
        }
    }
    let verb = if p.imported { "importées" } else { "à importer" };
    let skipped = if p.skipped > 0 {
        format!(", {} ignorée(s) (pas des signataires)", p.skipped)
    } else {
        String::new()
    };
    out!(
        "{} : {} création(s), {} mise(s) à jour, {} ligne(s) inchangée(s), {} refusée(s){skipped} — {verb}.",
        p.file_name,
        p.created,
        p.updated,
        p.unchanged,
        p.rejected
    );
    if !dry_run && !p.imported {
        out!("Rien n'a été importé : des lignes sont refusées (--strict).");
    }
    if let Some(r) = report {
        service::write_report(&p, &r)?;
        out!("Compte rendu : {}", r.display());
    }
    if p.rejected > 0 {
        return Err(Error::BadInput(format!(
            "{} ligne(s) refusée(s), détaillées ci-dessus : corrigez-les dans le tableur puis relancez l'import (les lignes déjà importées ne seront pas dupliquées).",
            p.rejected
        )));
    }
    Ok(())
}

/// `cesp followup print`: the same batch as the window's "Imprimer", without the window.
fn followup_print(
    db: &std::path::Path,
    year: i32,
    out: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    status: Option<String>,
    flat: bool,
    today: chrono::NaiveDate,
) -> Result<(), Error> {
    use cesp::followup::{print, service, PrintTarget};
    let status = form_status(status.as_deref())?;
    let target = match (out, out_dir) {
        (Some(f), _) => PrintTarget::Merged(f.display().to_string()),
        (None, Some(d)) => PrintTarget::Folder(d.display().to_string()),
        (None, None) => {
            return Err(bad_input(
                "--out",
                "indiquez --out FICHIER.pdf ou --out-dir DOSSIER".into(),
            ))
        }
    };
    let store = Store::open(db)?;
    let ids = service::campaign_ids(&store, year, status, "")?;
    if ids.is_empty() {
        out!("Aucune fiche à imprimer pour la campagne {year}.");
        return Ok(());
    }
    let mut sheets = print::sheets(&store, &ids, year, today)?;
    if flat {
        print::flatten(&mut sheets);
    }
    drop(store);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report = print::render_batch(&sheets, &target, today, &|_, _| {}, &cancel)?;
    match target {
        PrintTarget::Merged(_) => out!(
            "{} fiche(s) de suivi {year} dans {}",
            report.sheets,
            report.location
        ),
        PrintTarget::Folder(_) => out!(
            "{} fiche(s) de suivi {year} écrites dans le dossier {}",
            report.files.len(),
            report.location
        ),
    }
    Ok(())
}

/// `cesp zonage …`.
fn zonage(db: &std::path::Path, action: ZonageCommand, today: chrono::NaiveDate) -> Result<(), Error> {
    use cesp::zonage;
    match action {
        ZonageCommand::Import { file, effective } => {
            let effective = zonage::parse_effective(&effective)?;
            let mut store = Store::open(db)?;
            let r = zonage::import(&mut store, &file, effective)?;
            let v = &r.version;
            out!(
                "Zonage en vigueur au {} {} : {} communes (ZIP {}, ZAC {}, hors zone {}){}.",
                v.effective_date,
                if r.replaced { "remplacé" } else { "importé" },
                v.zip + v.zac + v.hors_zone,
                v.zip,
                v.zac,
                v.hors_zone,
                if v.arrete_date.is_empty() {
                    String::new()
                } else {
                    format!(", arrêté du {}", v.arrete_date)
                }
            );
        }
        ZonageCommand::List => {
            let store = Store::open(db)?;
            let versions = zonage::versions(&store)?;
            if versions.is_empty() {
                out!("Aucun zonage importé.");
            }
            for v in versions {
                out!(
                    "{}\t{} communes (ZIP {}, ZAC {}, hors zone {})\t{}",
                    v.effective_date,
                    v.zip + v.zac + v.hors_zone,
                    v.zip,
                    v.zac,
                    v.hors_zone,
                    v.source
                );
            }
        }
        ZonageCommand::Lookup { insee, at } => {
            let at = match at {
                Some(t) => zonage::parse_effective(&t)?,
                None => today,
            };
            let store = Store::open(db)?;
            match zonage::lookup(&store, &insee, at)? {
                Some(c) => out!(
                    "{} {} ({}) : {} — zonage en vigueur au {}",
                    c.insee, c.name, c.department, c.zone_label, c.zonage_effective
                ),
                None => {
                    return Err(bad_input(
                        "insee",
                        format!(
                            "la commune {} n'est pas dans le zonage en vigueur au {} (ou aucun zonage n'est importé).",
                            insee.trim(),
                            at.format("%d/%m/%Y")
                        ),
                    ))
                }
            }
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<(), Error> {
    let today = chrono::Local::now().date_naive();
    if let Command::Simulate = cli.command {
        // No database: the contract comes whole on standard input.
        return simulate(today);
    }
    let Some(path) = paths::resolve(cli.db) else {
        return Err(bad_input("--db", "aucun dossier de données n'est défini pour cet utilisateur : indiquez la base avec --db CHEMIN ou CESP_DB.".into()));
    };
    match cli.command {
        Command::Simulate => simulate(today)?,
        Command::Import {
            file,
            mapping,
            dry_run,
            strict,
            report,
            sheet,
        } => {
            let options = ImportOptions {
                mapping,
                dry_run,
                strict,
                report,
                sheet,
            };
            return import(&path, &file, options, today);
        }
        Command::Followup {
            action:
                FollowupCommand::Print {
                    year,
                    out,
                    out_dir,
                    status,
                    flat,
                },
        } => followup_print(&path, year, out, out_dir, status, flat, today)?,
        Command::Followup {
            action:
                FollowupCommand::Emails {
                    year,
                    out_dir,
                    kind,
                    status,
                },
        } => {
            use cesp::letters::LetterKind;
            let Some(kind) = LetterKind::from_code(&kind).filter(|k| k.goes_with_sheet()) else {
                return Err(bad_input(
                    "--kind",
                    format!("courriel inconnu « {kind} » : attendu envoi ou relance."),
                ));
            };
            let status = form_status(status.as_deref())?;
            let store = Store::open(&path)?;
            let r = cesp::letters::email::write_drafts(&store, year, kind, status, &out_dir, today)?;
            out!(
                "{} brouillon(s) de courriel écrits dans {}",
                r.written,
                r.location
            );
            if !r.without_address.is_empty() {
                out!(
                    "Sans adresse électronique ({}), à envoyer par courrier : {}",
                    r.without_address.len(),
                    r.without_address.join(", ")
                );
            }
        }
        Command::Followup {
            action:
                FollowupCommand::Returns {
                    files,
                    year,
                    received,
                    dry_run,
                    json,
                },
        } => followup_returns(&path, &files, year, received, dry_run, json, today)?,
        Command::Zonage { action } => zonage(&path, action, today)?,
        Command::Settings { action } => settings_command(&path, action, today)?,
        Command::Letters {
            year,
            kind,
            out,
            out_dir,
            with_sheets,
            status,
            rendez_vous,
            lieu,
        } => {
            use cesp::followup::print::PrintTarget;
            use cesp::letters::{print as letters, LetterKind};
            let Some(kind) = LetterKind::from_code(&kind) else {
                return Err(bad_input(
                    "--kind",
                    format!(
                        "courrier inconnu « {kind} » : attendu envoi, relance, convocation ou installation."
                    ),
                ));
            };
            let status = form_status(status.as_deref())?;
            let target = match (out, out_dir) {
                (Some(f), _) => PrintTarget::Merged(f.display().to_string()),
                (None, Some(d)) => PrintTarget::Folder(d.display().to_string()),
                (None, None) => return Err(bad_input("--out", "indiquez --out ou --out-dir.".to_owned())),
            };
            let store = Store::open(&path)?;
            let req = letters::LettersRequest {
                year,
                kind,
                with_sheets,
                status,
                appointment: rendez_vous,
                place: lieu,
                medium: cesp::letters::Medium::Courrier,
            };
            let report = letters::print(&store, &req, &target, today)?;
            out!(
                "{} courrier(s) « {} »{} dans {}",
                report.sheets,
                kind.label(),
                if with_sheets {
                    " avec leur fiche de suivi"
                } else {
                    ""
                },
                report.location
            );
        }
        Command::Export {
            action: ExportCommand::Counts { as_of, format, out },
        } => {
            use cesp::stats::{self, export};
            let Some(fmt) = export::Format::from_code(&format) else {
                return Err(bad_input(
                    "--format",
                    format!("format inconnu « {format} » : attendu csv, xlsx, json ou pdf."),
                ));
            };
            let at = match as_of {
                Some(t) => cesp::domain::dates::parse_date(&t).ok_or_else(|| {
                    bad_input(
                        "--as-of",
                        format!("date invalide « {t} » : attendu AAAA-MM-JJ ou jj/mm/aaaa."),
                    )
                })?,
                None => today,
            };
            let store = Store::open(&path)?;
            let counts = stats::counts(&store, at, today)?;
            export::write(&counts, fmt, &out, today)?;
            out!("Comptages au {} écrits dans {}", counts.as_of, out.display());
        }
        Command::Export {
            action:
                ExportCommand::Signatories {
                    format,
                    out,
                    filters,
                    columns,
                },
        } => {
            let export = cesp::export::signatories::SignatoryExport {
                query: filters.query()?,
                columns,
                format,
            };
            let store = Store::open(&path)?;
            let n = cesp::export::signatories::write(&store, &export, &out)?;
            out!("{n} signataire(s) exporté(s) dans {}", out.display());
        }
        Command::Interviews {
            action: InterviewsCommand::Due { overdue, json },
        } => {
            let store = Store::open(&path)?;
            let due = cesp::interviews::region_due(&store, today, overdue)?;
            if json {
                out!(
                    "{}",
                    serde_json::to_string_pretty(&due).map_err(|e| Error::Rules(e.to_string()))?
                );
            } else {
                for d in &due {
                    out!(
                        "{}\t{} {}\t{}\t{}{}",
                        d.due,
                        d.last_name.to_uppercase(),
                        d.first_names,
                        d.reason_label,
                        if d.overdue { "EN RETARD" } else { "à tenir" },
                        if d.last_interview.is_empty() {
                            String::new()
                        } else {
                            format!(" (dernier entretien : {})", d.last_interview)
                        }
                    );
                }
                out!("{} entretien(s) à tenir.", due.len());
            }
        }
        Command::Archive { action } => {
            let mut store = Store::open(&path)?;
            match action {
                ArchiveCommand::List => {
                    let list = cesp::archive::candidates(&store, today)?;
                    for c in &list.rows {
                        out!(
                            "{:>6}  {}\t{}{}",
                            c.id,
                            c.label,
                            c.reason,
                            if c.anonymised { "\t(anonymisé)" } else { "" }
                        );
                    }
                    out!(
                        "{} dossier(s) terminé(s) avant le {} (conservation : {} ans).",
                        list.rows.len(),
                        list.ended_before,
                        list.years
                    );
                    out!(
                        "{} candidature(s) jamais convertie(s) des campagnes {} et antérieures (cesp archive delete-applications).",
                        list.old_applications, list.old_campaigns_label
                    );
                }
                ArchiveCommand::Export { id, out } => {
                    cesp::archive::export(&store, id, &out, today)?;
                    out!("Dossier n° {id} exporté : {}", out.display());
                }
                ArchiveCommand::Anonymise { id, purge_backups } => {
                    let erased = cesp::archive::anonymise(&mut store, id, today)?;
                    out!("Dossier n° {id} anonymisé.");
                    report_erased(&store, &erased, purge_backups)?;
                }
                ArchiveCommand::Delete { id, purge_backups } => {
                    let erased = cesp::archive::delete(&mut store, id, today)?;
                    out!("Dossier n° {id} supprimé.");
                    report_erased(&store, &erased, purge_backups)?;
                }
                ArchiveCommand::PurgeBackups { id } => {
                    let created = cesp::archive::created_stamp(&store, id)?;
                    let n = cesp::archive::purge_backups(&store, id, &created)?;
                    out!("{n} sauvegarde(s) supprimée(s).");
                }
                ArchiveCommand::DeleteApplications => {
                    let n = cesp::archive::delete_old_applications(&mut store, today)?;
                    out!("{n} candidature(s) supprimée(s).");
                }
            }
        }
        Command::Applications { action } => {
            let store = Store::open(&path)?;
            applications(&store, action, today)?;
        }
        Command::Journal {
            out,
            from,
            to,
            signatory,
        } => {
            let store = Store::open(&path)?;
            let format = match out.extension().and_then(|e| e.to_str()) {
                Some(e) if e.eq_ignore_ascii_case("xlsx") => "xlsx",
                Some(e) if e.eq_ignore_ascii_case("csv") => "csv",
                _ => return Err(bad_input("--out", "attendu un fichier .csv ou .xlsx".into())),
            };
            let query = cesp::audit::AuditQuery {
                from,
                to,
                signatory,
                ..Default::default()
            };
            let n = cesp::audit::write(&store, &query, format, &out)?;
            out!("{n} entrée(s) du journal exportée(s) : {}", out.display());
        }
        Command::Init => {
            let store = Store::open(&path)?;
            out!(
                "Base prête : {} (schéma v{})",
                store.path().display(),
                store.schema_version()?
            );
        }
        Command::Backup { out } => {
            let store = Store::open(&path)?;
            match out {
                None => {
                    let b = cesp::backup::backup_now(&store)?;
                    out!(
                        "Sauvegarde écrite et vérifiée : {} ({}, {} signataires)",
                        b.path,
                        b.size_label,
                        b.signatories.unwrap_or(0)
                    );
                }
                Some(file) => {
                    let written = cesp::backup::backup_to(&store, &file)?;
                    out!("Sauvegarde écrite et vérifiée : {}", written.display());
                }
            }
        }
        Command::Backups => {
            let list = cesp::backup::list(&path)?;
            if list.is_empty() {
                out!("Aucune sauvegarde dans {}", cesp::backup::folder(&path).display());
            }
            for b in list {
                out!(
                    "{}\t{}\t{}\t{} signataires\t{}",
                    b.taken,
                    b.kind_label,
                    b.size_label,
                    b.signatories.map_or("?".to_owned(), |n| n.to_string()),
                    b.path
                );
            }
        }
        Command::Restore { file } => {
            let outcome = cesp::backup::restore(&path, &file, cesp::store::migrations::latest_version())?;
            // Opening brings an older backup to the current schema.
            let store = Store::open(&path)?;
            out!(
                "Sauvegarde {} restaurée dans {} ({} signataires).",
                outcome.restored,
                store.path().display(),
                cesp::register::count(&store)?
            );
            if let Some(p) = outcome.previous {
                if outcome.previous_damaged {
                    out!("La base endommagée a été mise de côté : {p}");
                } else {
                    out!("La base remplacée a été sauvegardée : {p}");
                }
            }
        }
        Command::Check => {
            let store = Store::open(&path)?;
            let problems = cesp::backup::check(&store)?;
            if problems.is_empty() {
                out!(
                    "Base saine : {} (intégrité et références vérifiées)",
                    store.path().display()
                );
            } else {
                out!("Problèmes trouvés dans {} :", store.path().display());
                for p in &problems {
                    out!("  - {p}");
                }
                out!(
                    "Restaurez la dernière sauvegarde : cesp --db {} backups, puis cesp --db {} restore SAUVEGARDE",
                    store.path().display(),
                    store.path().display()
                );
                return Err(Error::Corrupt(format!("{} problème(s)", problems.len())));
            }
        }
        Command::Demo { signatories, seed } => {
            let mut store = Store::open(&path)?;
            let n = demo::load(&mut store, signatories, seed, today)?;
            out!("{n} signataires fictifs créés dans {}", store.path().display());
        }
        Command::List { filters, limit, json } => {
            let query = ListQuery {
                sort: SortColumn::Name,
                descending: false,
                offset: 0,
                limit: limit.clamp(1, 500),
                ..filters.query()?
            };
            let store = Store::open(&path)?;
            let page = register::list(&store, &query)?;
            if json {
                let text =
                    serde_json::to_string_pretty(&page).map_err(|e| bad_input("--json", e.to_string()))?;
                out!("{text}");
            } else {
                for r in &page.rows {
                    let birth = r
                        .birth_name
                        .as_deref()
                        .map(|b| format!(" (née {b})"))
                        .unwrap_or_default();
                    out!(
                        "{:>6}  {}{birth} {}  | {} | {} | {} | {}",
                        r.id,
                        r.last_name.to_uppercase(),
                        r.first_names,
                        r.discipline.label(),
                        r.signature_year
                            .map(|y| y.to_string())
                            .unwrap_or_else(|| "—".into()),
                        r.status.label(),
                        r.specialty.as_deref().unwrap_or("—"),
                    );
                }
                out!(
                    "{} signataire(s) sur {} correspondant(s).",
                    page.rows.len(),
                    page.total
                );
            }
        }
    }
    Ok(())
}
