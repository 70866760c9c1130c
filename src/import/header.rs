//! Finding the header row of a sheet and proposing which column feeds which field.
//!
//! Registers kept by hand put a title (often in merged cells), a date of extraction or empty
//! rows above the header, and name their columns in many ways ("NOM ", "Nom d'usage",
//! "Prénom(s)", "Né(e) le"…). Headers are compared folded (see [`fold`]): first against the
//! usual spellings of each field, then by keywords, in an order chosen so that the specific
//! wins over the general ("Nom de naissance" is not the name, "Date de naissance" is not the
//! birth name, "Date d'obtention du DES" is not the specialty).

use super::field::FieldKey;
use super::fold::{fold, has_words};
use super::read::Sheet;
use super::rows::column_letter;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// The header is looked for in the first rows only: a register's header is near the top, and
/// data rows further down could otherwise look like a header by chance.
pub const HEADER_SCAN_ROWS: usize = 30;

/// The usual spellings of each field's header, matched exactly once folded.
const EXACT: &[(FieldKey, &[&str])] = &[
    (
        FieldKey::Civility,
        &[
            "Civilité",
            "Titre",
            "Sexe",
            "Genre",
            "Civ.",
            "M/Mme",
            "M./Mme",
            "H/F",
            "F/H",
            "F/M",
            "M/F",
            "Sexe (H/F)",
            "Sexe (F/M)",
            "Genre (H/F)",
        ],
    ),
    (
        FieldKey::LastName,
        &[
            "Nom",
            "NOM",
            "Nom d'usage",
            "Nom de famille",
            "Nom usuel",
            "Nom marital",
            "Noms",
        ],
    ),
    (
        FieldKey::BirthName,
        &[
            "Nom de naissance",
            "NOM DE NAISSANCE",
            "Nom de jeune fille",
            "Nom patronymique",
            "NJF",
        ],
    ),
    (
        FieldKey::FirstNames,
        &["Prénom", "Prénoms", "Prénom(s)", "Premier prénom"],
    ),
    (
        FieldKey::BirthDate,
        &[
            "Date de naissance",
            "Date naissance",
            "Né(e) le",
            "Né le",
            "Née le",
            "DDN",
            "Naissance",
        ],
    ),
    (
        FieldKey::Email,
        &[
            "Mail",
            "Courriel",
            "E-mail",
            "Email",
            "Mél",
            "Adresse électronique",
            "Adresse mail",
            "Adresse e-mail",
            "Adresse courriel",
        ],
    ),
    (
        FieldKey::Phone,
        &[
            "Téléphone",
            "Tél",
            "Tél.",
            "Portable",
            "Mobile",
            "Téléphone portable",
            "N° de téléphone",
            "Numéro de téléphone",
        ],
    ),
    (
        FieldKey::Address,
        &["Adresse", "Adresse postale", "Adresse personnelle", "Domicile"],
    ),
    (
        FieldKey::Discipline,
        &[
            "Discipline",
            "Filière",
            "Formation",
            "Cursus",
            "Filière d'études",
            "Études",
            "Profession",
        ],
    ),
    (
        FieldKey::FullName,
        &[
            "NOM Prénom",
            "Nom et prénom",
            "Nom et prénoms",
            "Prénom NOM",
            "Prénom et nom",
            "Nom complet",
            "Identité",
            "Signataire",
            "Nom du signataire",
        ],
    ),
    (
        FieldKey::Padhue,
        &["PADHUE", "Padhue (oui/non)", "Praticien à diplôme hors UE"],
    ),
    (
        FieldKey::Ufr,
        &[
            "UFR",
            "Faculté",
            "Université",
            "UFR d'origine",
            "UFR de rattachement",
        ],
    ),
    (
        FieldKey::Subdivision,
        &[
            "Subdivision",
            "Subdivision d'internat",
            "Subdivision d'affectation",
        ],
    ),
    (FieldKey::Cycle, &["Cycle", "Cycle d'études"]),
    (
        FieldKey::StudyYear,
        &[
            "Année",
            "Année d'études",
            "Année d'étude",
            "Niveau",
            "Niveau d'études",
            "Année de formation",
            "Année en cours",
        ],
    ),
    (
        FieldKey::EcnYear,
        &[
            "Année ECN",
            "Année EDN",
            "Année ECNi",
            "Année ECN/EDN",
            "Session ECN",
            "Année des ECN",
        ],
    ),
    (
        FieldKey::EcnRank,
        &[
            "Rang",
            "Rang ECN",
            "Rang EDN",
            "Rang ECN/EDN",
            "Classement",
            "Classement ECN",
        ],
    ),
    (
        FieldKey::Specialty,
        &[
            "Spécialité",
            "DES",
            "Spécialité (DES)",
            "Spécialité DES",
            "DES suivi",
            "Spécialité choisie",
        ],
    ),
    (
        FieldKey::SignatureDate,
        &[
            "Date de signature",
            "Date signature",
            "Date signature CESP",
            "Signature du contrat",
            "Date de signature du contrat",
            "Signé le",
            "Date du contrat",
        ],
    ),
    (
        FieldKey::ManagingBody,
        &[
            "Gestionnaire",
            "Organisme (CNG/ASP)",
            "Organisme gestionnaire",
            "Organisme",
            "CNG/ASP",
        ],
    ),
    (
        FieldKey::ContractRef,
        &[
            "N° de contrat",
            "Nº de contrat",
            "N° contrat",
            "Numéro de contrat",
            "Référence du contrat",
            "Référence contrat",
            "Référence",
            "Réf.",
            "Numéro CESP",
            "N° CESP",
        ],
    ),
    (
        FieldKey::Status,
        &[
            "Statut",
            "Situation",
            "État",
            "Statut actuel",
            "Situation actuelle",
        ],
    ),
    (
        FieldKey::Notes,
        &[
            "Observations",
            "Observation",
            "Commentaires",
            "Commentaire",
            "Remarques",
            "Remarque",
            "Notes",
        ],
    ),
    (
        FieldKey::AllocationStart,
        &[
            "Début de l'allocation",
            "Date de début de versement",
            "Début allocation",
            "Date de début de l'allocation",
            "Premier versement",
        ],
    ),
    (
        FieldKey::AllocationEnd,
        &[
            "Fin de l'allocation",
            "Date de fin de versement",
            "Fin allocation",
            "Date de fin de l'allocation",
            "Dernier versement",
        ],
    ),
    (
        FieldKey::DiplomaDate,
        &[
            "Date du diplôme",
            "Date d'obtention du DES",
            "Thèse",
            "Date de thèse",
            "Date de soutenance",
            "Diplôme obtenu le",
        ],
    ),
    (
        FieldKey::PracticeStart,
        &[
            "Date d'installation",
            "Début d'exercice",
            "Date de début d'exercice",
            "Installation",
            "Installé le",
        ],
    ),
];

fn exact_table() -> &'static HashMap<String, FieldKey> {
    static TABLE: OnceLock<HashMap<String, FieldKey>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for (field, variants) in EXACT {
            for v in *variants {
                table.entry(fold(v)).or_insert(*field);
            }
        }
        table
    })
}

/// The field a header names, if any.
pub fn guess_field(header: &str) -> Option<FieldKey> {
    let folded = fold(header);
    if folded.is_empty() {
        return None;
    }
    exact_table()
        .get(&folded)
        .copied()
        .or_else(|| by_keywords(&folded))
}

/// Keyword rules for headers no usual spelling matched. The order matters: each rule only
/// sees the headers the rules above it left.
fn by_keywords(f: &str) -> Option<FieldKey> {
    use FieldKey::*;
    let has = |p: &str| has_words(f, p);
    let any = |ps: &[&str]| ps.iter().any(|p| has_words(f, p));

    // "Nom Prénom" in one column: split into both by the rows (see full_name.rs).
    if has("nom") && any(&["prenom", "prenoms"]) && !has("naissance") {
        return Some(FullName);
    }
    if has("padhue") {
        return Some(Padhue);
    }
    if any(&["nom de naissance", "nom de jeune fille", "nom patronymique"]) {
        return Some(BirthName);
    }
    let place = any(&["lieu", "ville", "commune", "pays", "departement", "adresse"]);
    if (any(&["date de naissance", "ddn", "ne le", "nee le", "ne e le"]) || (has("naissance") && has("date")))
        && !place
    {
        return Some(BirthDate);
    }
    if any(&["ecn", "edn", "ecni"]) {
        if any(&["rang", "classement"]) {
            return Some(EcnRank);
        }
        if any(&["annee", "session", "promotion"]) {
            return Some(EcnYear);
        }
        // "ECN" alone may hold the year or the rank: the user chooses.
        return None;
    }
    if any(&["rang", "classement"]) {
        return Some(EcnRank);
    }
    if has("signature") && !place {
        return Some(SignatureDate);
    }
    if any(&["allocation", "versement", "versements"]) {
        if any(&["debut", "premier", "premiere"]) {
            return Some(AllocationStart);
        }
        if any(&["fin", "dernier", "derniere"]) {
            return Some(AllocationEnd);
        }
        // "Montant de l'allocation" and the like are not dates.
        return None;
    }
    if any(&[
        "installation",
        "debut d exercice",
        "debut de l exercice",
        "debut exercice",
    ]) {
        return if place { None } else { Some(PracticeStart) };
    }
    if any(&["diplome", "these", "obtention", "soutenance"]) {
        let not_a_date = any(&["sujet", "titre", "intitule", "prepare", "vise", "lieu"]);
        return if not_a_date { None } else { Some(DiplomaDate) };
    }
    if any(&["prenom", "prenoms"]) {
        return Some(FirstNames);
    }
    if any(&[
        "mail",
        "email",
        "e mail",
        "courriel",
        "adresse electronique",
        "mel",
    ]) {
        return Some(Email);
    }
    if any(&["telephone", "tel", "portable", "mobile"]) {
        return Some(Phone);
    }
    if has("adresse") {
        return Some(Address);
    }
    if any(&["contrat", "cesp"]) && any(&["n", "no", "numero", "num", "reference", "ref", "identifiant"]) {
        return Some(ContractRef);
    }
    if any(&["organisme", "cng", "asp"]) {
        return Some(ManagingBody);
    }
    if any(&["specialite", "specialites"]) {
        return Some(Specialty);
    }
    if has("subdivision") {
        return Some(Subdivision);
    }
    if any(&["ufr", "faculte", "universite"]) {
        return Some(Ufr);
    }
    if any(&["annee d etudes", "annee d etude", "niveau"]) {
        return Some(StudyYear);
    }
    if has("cycle") {
        return Some(Cycle);
    }
    if any(&["statut", "situation", "etat"]) {
        return Some(Status);
    }
    if any(&[
        "observation",
        "observations",
        "commentaire",
        "commentaires",
        "remarque",
        "remarques",
        "notes",
    ]) {
        return Some(Notes);
    }
    if any(&["discipline", "filiere"]) {
        return Some(Discipline);
    }
    if any(&["civilite", "sexe"]) {
        return Some(Civility);
    }
    if any(&["nom", "noms"]) {
        return Some(LastName);
    }
    None
}

/// Which column feeds which field, and where the header is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// 0-based index of the header row in [`Sheet::rows`]; data starts below it.
    pub header_row: usize,
    /// The header text of every column (trimmed; "" for a column without header).
    pub headers: Vec<String>,
    /// The field each column feeds, `None` for a column that is ignored.
    pub columns: Vec<Option<FieldKey>>,
    /// Columns that named a field another column already feeds: they are ignored.
    #[serde(default)]
    pub duplicates: Vec<DuplicateField>,
    /// Headers of the saved mapping that this sheet does not have ([`apply_saved`] only).
    #[serde(default)]
    pub unmatched_saved: Vec<String>,
    /// Columns whose field was recognised from their values, not their header.
    #[serde(default)]
    pub recognised_by_values: Vec<usize>,
}

/// A column ignored because an earlier column already feeds its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateField {
    pub field: FieldKey,
    /// 0-based index of the column that feeds the field.
    pub kept_column: usize,
    /// 0-based index of the column that is ignored.
    pub dropped_column: usize,
    pub dropped_header: String,
}

impl DuplicateField {
    /// The warning shown to the user.
    pub fn message(&self) -> String {
        format!(
            "La colonne {} (« {} ») correspond aussi au champ « {} » : seule la colonne {} est utilisée.",
            column_letter(self.dropped_column),
            self.dropped_header,
            self.field.label(),
            column_letter(self.kept_column)
        )
    }
}

impl Mapping {
    /// The column that feeds `field`.
    pub fn column_of(&self, field: FieldKey) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    /// The (column, field) pairs, in column order.
    pub fn mapped(&self) -> impl Iterator<Item = (usize, FieldKey)> + '_ {
        self.columns
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
    }

    /// The user's choice for one column. A field feeds one column at most, so the column
    /// that fed it before is cleared.
    pub fn assign(&mut self, column: usize, field: Option<FieldKey>) {
        if let Some(f) = field {
            for c in self.columns.iter_mut().filter(|c| **c == Some(f)) {
                *c = None;
            }
        }
        if self.columns.len() <= column {
            self.columns.resize(column.saturating_add(1), None);
        }
        if let Some(slot) = self.columns.get_mut(column) {
            *slot = field;
        }
        self.duplicates.retain(|d| d.dropped_column != column);
    }

    /// The mapping as the user saves it: header text → field (null for ignored columns).
    /// Columns without a header cannot be found again by name and are left out.
    pub fn to_saved(&self) -> SavedMapping {
        let mut columns = BTreeMap::new();
        for (i, header) in self.headers.iter().enumerate() {
            if header.trim().is_empty() {
                continue;
            }
            let field = self.columns.get(i).copied().flatten();
            columns.entry(header.trim().to_owned()).or_insert(field);
        }
        SavedMapping { columns }
    }
}

/// A mapping saved by the user, applied to other files by header name.
/// JSON: `{"columns": {"NOM": "last_name", "Identifiant interne": null}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// Header text → field, or `null` for a column the user chose to ignore.
    pub columns: BTreeMap<String, Option<FieldKey>>,
}

/// A saved mapping that cannot be read back.
#[derive(Debug, thiserror::Error)]
#[error("Le modèle de correspondance enregistré est illisible : {0}")]
pub struct SavedMappingError(#[from] serde_json::Error);

impl SavedMapping {
    pub fn to_json(&self) -> String {
        // A map of strings to strings or null always serialises.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a saved mapping. Unknown field keys (written by a later version, or edited by
    /// hand) make their column ignored instead of the whole mapping unreadable.
    pub fn from_json(json: &str) -> Result<SavedMapping, SavedMappingError> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            columns: BTreeMap<String, Option<String>>,
        }
        let raw: Raw = serde_json::from_str(json)?;
        let columns = raw
            .columns
            .into_iter()
            .map(|(h, f)| (h, f.as_deref().and_then(FieldKey::from_key)))
            .collect();
        Ok(SavedMapping { columns })
    }
}

/// Proposes a mapping: the header is the row, among the first [`HEADER_SCAN_ROWS`], where
/// the most cells name a field (the first such row on a tie); every column is guessed from
/// its header. Without any recognisable header, the first non-empty row is taken as the
/// header and no column is mapped: the user maps them by hand.
pub fn propose_mapping(sheet: &Sheet) -> Mapping {
    let header_row = best_row(sheet, |h| guess_field(h).map(|f| f.as_str().to_owned()))
        .or_else(|| sheet.rows.iter().position(|r| r.iter().any(|c| !c.is_blank())))
        .unwrap_or(0);
    let mut mapping = build(sheet, header_row, |h| (guess_field(h), false));
    mapping.recognised_by_values = super::by_values::infer(sheet, &mut mapping, |_| true);
    mapping
}

/// Applies a saved mapping: the header is the row where the most cells carry a saved header
/// (folded comparison), and each column takes its saved field. Columns the saved mapping
/// does not know are guessed as [`propose_mapping`] does, since a new column in this year's
/// file deserves a proposal too. When no saved header is found, the proposal is returned,
/// with every saved header listed as unmatched.
pub fn apply_saved(sheet: &Sheet, saved: &SavedMapping) -> Mapping {
    let mut by_folded: HashMap<String, Option<FieldKey>> = HashMap::new();
    for (header, field) in &saved.columns {
        let folded = fold(header);
        if !folded.is_empty() {
            by_folded.entry(folded).or_insert(*field);
        }
    }
    let header_row = best_row(sheet, |h| {
        let folded = fold(h);
        by_folded.contains_key(&folded).then_some(folded)
    });
    let mut mapping = match header_row {
        Some(row) => {
            let mut m = build(sheet, row, |h| match by_folded.get(&fold(h)) {
                Some(field) => (*field, true),
                None => (guess_field(h), false),
            });
            // A column the user chose to ignore stays ignored; a new one gets a proposal.
            let headers = m.headers.clone();
            m.recognised_by_values = super::by_values::infer(sheet, &mut m, |c| {
                headers.get(c).is_none_or(|h| !by_folded.contains_key(&fold(h)))
            });
            m
        }
        None => propose_mapping(sheet),
    };
    let present: HashSet<String> = match header_row {
        Some(_) => mapping.headers.iter().map(|h| fold(h)).collect(),
        None => HashSet::new(),
    };
    mapping.unmatched_saved = saved
        .columns
        .keys()
        .filter(|h| !present.contains(&fold(h)))
        .cloned()
        .collect();
    mapping
}

/// The row among the first [`HEADER_SCAN_ROWS`] with the most distinct keys given by `key`
/// for its cells (the first such row on a tie); `None` when no cell of these rows has a key.
fn best_row(sheet: &Sheet, key: impl Fn(&str) -> Option<String>) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in sheet.rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let keys: HashSet<String> = row.iter().filter_map(|c| key(&header_text(c))).collect();
        let score = keys.len();
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

fn header_text(cell: &super::read::Cell) -> String {
    cell.display().trim().to_owned()
}

/// Builds the mapping for a header row. `decide` gives each header's field and whether the
/// user chose it (saved mapping): chosen fields are served first, so that a guess never
/// takes a field away from the column the user named.
fn build(sheet: &Sheet, header_row: usize, decide: impl Fn(&str) -> (Option<FieldKey>, bool)) -> Mapping {
    let width = sheet.width();
    let headers: Vec<String> = (0..width)
        .map(|c| header_text(sheet.cell(header_row, c)))
        .collect();
    let decisions: Vec<(Option<FieldKey>, bool)> = headers.iter().map(|h| decide(h)).collect();
    let mut columns: Vec<Option<FieldKey>> = vec![None; width];
    let mut owner: HashMap<FieldKey, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for explicit_pass in [true, false] {
        for (col, (field, explicit)) in decisions.iter().enumerate() {
            let Some(field) = *field else { continue };
            if *explicit != explicit_pass {
                continue;
            }
            match owner.get(&field) {
                Some(&kept) => duplicates.push(DuplicateField {
                    field,
                    kept_column: kept,
                    dropped_column: col,
                    dropped_header: headers.get(col).cloned().unwrap_or_default(),
                }),
                None => {
                    owner.insert(field, col);
                    if let Some(slot) = columns.get_mut(col) {
                        *slot = Some(field);
                    }
                }
            }
        }
    }
    duplicates.sort_by_key(|d| d.dropped_column);
    Mapping {
        header_row,
        headers,
        columns,
        duplicates,
        unmatched_saved: Vec::new(),
        recognised_by_values: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::Cell;
    use FieldKey::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet::new(
            "Feuille1",
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|s| if s.is_empty() { Cell::Empty } else { t(s) })
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn usual_spellings_of_every_field() {
        let cases: &[(&str, FieldKey)] = &[
            ("Nom", LastName),
            ("NOM", LastName),
            ("  NOM  ", LastName),
            ("Nom d'usage", LastName),
            ("Nom de famille", LastName),
            ("Nom de naissance", BirthName),
            ("NOM DE NAISSANCE", BirthName),
            ("Nom de jeune fille", BirthName),
            ("Prénom", FirstNames),
            ("Prénoms", FirstNames),
            ("PRENOM(S)", FirstNames),
            ("Civilité", Civility),
            ("Titre", Civility),
            ("Sexe", Civility),
            ("Sexe (M/F)", Civility),
            ("Date de naissance", BirthDate),
            ("Né(e) le", BirthDate),
            ("DDN", BirthDate),
            ("Date de\nnaissance", BirthDate),
            ("Date de signature", SignatureDate),
            ("Date signature CESP", SignatureDate),
            ("Signature du contrat", SignatureDate),
            ("Date de signature du contrat CESP", SignatureDate),
            ("Spécialité", Specialty),
            ("DES", Specialty),
            ("Spécialité (DES)", Specialty),
            ("Spécialité envisagée", Specialty),
            ("UFR", Ufr),
            ("Faculté", Ufr),
            ("Université", Ufr),
            ("UFR de médecine", Ufr),
            ("Subdivision", Subdivision),
            ("Subdivision d'internat", Subdivision),
            ("Année", StudyYear),
            ("Année d'études", StudyYear),
            ("Niveau", StudyYear),
            ("Cycle", Cycle),
            ("Année ECN", EcnYear),
            ("Année EDN", EcnYear),
            ("Année ECNi", EcnYear),
            ("Année des épreuves (ECN/EDN)", EcnYear),
            ("Rang", EcnRank),
            ("Rang ECN", EcnRank),
            ("Classement", EcnRank),
            ("Classement aux EDN", EcnRank),
            ("N° de contrat", ContractRef),
            ("Nº de contrat", ContractRef),
            ("Référence du contrat", ContractRef),
            ("Numéro CESP", ContractRef),
            ("Numéro du contrat CESP", ContractRef),
            ("Gestionnaire", ManagingBody),
            ("Organisme (CNG/ASP)", ManagingBody),
            ("Statut", Status),
            ("Situation", Status),
            ("État", Status),
            ("Statut du contrat", Status),
            ("Mail", Email),
            ("Courriel", Email),
            ("E-mail", Email),
            ("Adresse électronique", Email),
            ("Adresse mail perso", Email),
            ("Téléphone", Phone),
            ("Tél", Phone),
            ("Tél.", Phone),
            ("Portable", Phone),
            ("N° de téléphone portable", Phone),
            ("Adresse", Address),
            ("Adresse postale", Address),
            ("Observations", Notes),
            ("Commentaires", Notes),
            ("Remarques", Notes),
            ("Discipline", Discipline),
            ("Filière", Discipline),
            ("Formation", Discipline),
            ("PADHUE", Padhue),
            ("Statut PADHUE", Padhue),
            ("Début de l'allocation", AllocationStart),
            ("Date de début de versement", AllocationStart),
            ("Fin de l'allocation", AllocationEnd),
            ("Date de fin de versement", AllocationEnd),
            ("Date du diplôme", DiplomaDate),
            ("Date d'obtention du DES", DiplomaDate),
            ("Thèse", DiplomaDate),
            ("Date de soutenance de thèse", DiplomaDate),
            ("Date d'installation", PracticeStart),
            ("Début d'exercice", PracticeStart),
        ];
        for (header, field) in cases {
            assert_eq!(guess_field(header), Some(*field), "{header:?}");
        }
    }

    #[test]
    fn specific_headers_are_not_taken_for_general_ones() {
        assert_eq!(guess_field("Nom de naissance"), Some(BirthName));
        assert_eq!(guess_field("Date de naissance"), Some(BirthDate));
        assert_eq!(guess_field("Lieu de naissance"), None);
        // One column for both: split by the rows.
        assert_eq!(guess_field("Nom Prénom"), Some(FullName));
        assert_eq!(guess_field("NOM - Prénom(s)"), Some(FullName));
        assert_eq!(guess_field("Cursus"), Some(Discipline));
        assert_eq!(guess_field("H/F"), Some(Civility));
        assert_eq!(guess_field("Lieu d'installation"), None);
        assert_eq!(guess_field("Sujet de thèse"), None);
        assert_eq!(guess_field("Montant de l'allocation"), None);
        assert_eq!(guess_field("ECN"), None);
        assert_eq!(guess_field("Date"), None);
        assert_eq!(guess_field("Identifiant interne"), None);
        assert_eq!(guess_field("Code postal"), None);
        assert_eq!(guess_field(""), None);
        assert_eq!(guess_field(" -- "), None);
        // The title of a register is no header.
        assert_eq!(guess_field("Suivi des signataires CESP — ARS Bretagne"), None);
    }

    #[test]
    fn header_below_title_and_empty_rows() {
        let s = sheet(&[
            &["Suivi des signataires CESP — ARS Normandie", "", ""],
            &["Extraction du 15/09/2025"],
            &[],
            &["", "", ""],
            &[
                "NOM ",
                " Prénom(s)",
                "Date de naissance",
                "Identifiant interne",
                "Statut",
            ],
            &["MARTIN", "Léa", "05/03/1998", "X1", "En formation"],
        ]);
        let m = propose_mapping(&s);
        assert_eq!(m.header_row, 4);
        assert_eq!(m.headers[0], "NOM");
        assert_eq!(m.headers[1], "Prénom(s)");
        assert_eq!(
            m.columns,
            vec![
                Some(LastName),
                Some(FirstNames),
                Some(BirthDate),
                None,
                Some(Status)
            ]
        );
        assert!(m.duplicates.is_empty());
        assert_eq!(m.column_of(Status), Some(4));
    }

    #[test]
    fn header_in_first_row_and_extra_columns() {
        let s = sheet(&[
            &["Nom", "Prénom", "", "Colonne perso", "Mail"],
            &["A", "B", "x", "y", "a@exemple.fr", "hors tableau"],
        ]);
        let m = propose_mapping(&s);
        assert_eq!(m.header_row, 0);
        assert_eq!(m.columns.len(), 6);
        assert_eq!(m.headers[5], "");
        assert_eq!(m.columns[4], Some(Email));
        assert_eq!(m.columns[2], None);
        assert_eq!(m.columns[5], None);
    }

    #[test]
    fn duplicate_fields_keep_the_first_column() {
        let s = sheet(&[&["Nom", "Prénom", "NOM d'usage", "Tél", "Portable"]]);
        let m = propose_mapping(&s);
        assert_eq!(
            m.columns,
            vec![Some(LastName), Some(FirstNames), None, Some(Phone), None]
        );
        assert_eq!(m.duplicates.len(), 2);
        assert_eq!(m.duplicates[0].kept_column, 0);
        assert_eq!(m.duplicates[0].dropped_column, 2);
        assert_eq!(
            m.duplicates[0].message(),
            "La colonne C (« NOM d'usage ») correspond aussi au champ « Nom » : seule la colonne A est utilisée."
        );
    }

    #[test]
    fn no_header_found() {
        let s = sheet(&[&[], &["foo", "bar"], &["1", "2"]]);
        let m = propose_mapping(&s);
        assert_eq!(m.header_row, 1);
        assert!(m.columns.iter().all(Option::is_none));
        let empty = Sheet::new("vide", vec![]);
        let m = propose_mapping(&empty);
        assert_eq!(m.header_row, 0);
        assert!(m.columns.is_empty());
    }

    #[test]
    fn header_beyond_scanned_rows_is_not_found() {
        let mut rows: Vec<Vec<Cell>> = vec![vec![t("titre")]; HEADER_SCAN_ROWS];
        rows.push(vec![t("Nom"), t("Prénom")]);
        let m = propose_mapping(&Sheet::new("s", rows));
        assert_eq!(m.header_row, 0);
    }

    #[test]
    fn numbers_in_headers_do_not_break_detection() {
        let s = Sheet::new(
            "s",
            vec![
                vec![Cell::Number(2025.0), Cell::Bool(true)],
                vec![t("Nom"), t("Prénom"), Cell::Number(3.0)],
            ],
        );
        let m = propose_mapping(&s);
        assert_eq!(m.header_row, 1);
        assert_eq!(m.headers[2], "3");
    }

    #[test]
    fn assign_moves_a_field() {
        let s = sheet(&[&["Nom", "Prénom", "Autre"]]);
        let mut m = propose_mapping(&s);
        m.assign(2, Some(LastName));
        assert_eq!(m.columns, vec![None, Some(FirstNames), Some(LastName)]);
        m.assign(5, Some(Notes));
        assert_eq!(m.columns.len(), 6);
        m.assign(1, None);
        assert_eq!(m.column_of(FirstNames), None);
    }

    #[test]
    fn saved_mapping_round_trip_and_apply() {
        let s = sheet(&[
            &["Registre 2024"],
            &["Nom usuel", "Prénom", "Code agent", "Spécialité"],
            &["A", "B", "C", "D"],
        ]);
        let mut m = propose_mapping(&s);
        m.assign(0, Some(LastName));
        m.assign(2, Some(ContractRef));
        m.assign(3, None);
        let saved = m.to_saved();
        let json = saved.to_json();
        let back = SavedMapping::from_json(&json).unwrap();
        assert_eq!(back, saved);
        assert_eq!(back.columns.get("Code agent"), Some(&Some(ContractRef)));
        assert_eq!(back.columns.get("Spécialité"), Some(&None));

        // Next year's file: header moved down, columns reordered, case and accents differ,
        // one saved column gone and one new column.
        let s2 = sheet(&[
            &["Registre 2025"],
            &[],
            &["SPECIALITE", "CODE AGENT", "nom usuel", "Prénoms", "Statut"],
        ]);
        let m2 = apply_saved(&s2, &back);
        assert_eq!(m2.header_row, 2);
        assert_eq!(
            m2.columns,
            vec![
                None,
                Some(ContractRef),
                Some(LastName),
                Some(FirstNames),
                Some(Status)
            ]
        );
        assert_eq!(m2.unmatched_saved, vec!["Prénom".to_owned()]);
    }

    #[test]
    fn saved_mapping_wins_over_guesses() {
        let saved = SavedMapping {
            columns: BTreeMap::from([("Nom de l'interne".to_owned(), Some(LastName))]),
        };
        let s = sheet(&[&["NOM", "Nom de l'interne"]]);
        let m = apply_saved(&s, &saved);
        assert_eq!(m.columns, vec![None, Some(LastName)]);
        assert_eq!(m.duplicates.len(), 1);
        assert_eq!(m.duplicates[0].dropped_column, 0);
    }

    #[test]
    fn saved_mapping_json_is_tolerant() {
        let json = r#"{"columns": {"Nom": "last_name", "X": null, "Y": "champ_futur"}}"#;
        let saved = SavedMapping::from_json(json).unwrap();
        assert_eq!(saved.columns.get("Nom"), Some(&Some(LastName)));
        assert_eq!(saved.columns.get("Y"), Some(&None));
        let err = SavedMapping::from_json("pas du json").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("Le modèle de correspondance enregistré est illisible"));
        // Nothing saved matches: the proposal, every saved header unmatched.
        let s = sheet(&[&["Nom", "Prénom"]]);
        let m = apply_saved(
            &s,
            &SavedMapping::from_json(r#"{"columns":{"Inconnue":"notes"}}"#).unwrap(),
        );
        assert_eq!(m.columns, vec![Some(LastName), Some(FirstNames)]);
        assert_eq!(m.unmatched_saved, vec!["Inconnue".to_owned()]);
    }

    #[test]
    fn mapping_serialises_with_field_keys() {
        let m = propose_mapping(&sheet(&[&["Nom", "?"]]));
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains("\"last_name\""), "{json}");
        let back: Mapping = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
    }
}
