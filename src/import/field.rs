//! The fields a spreadsheet column can feed: the keys of the signatory form, plus the
//! dates of the contract ledger that registers kept by hand usually carry too.

use serde::{Deserialize, Serialize};

/// Declares the keys with their stable name (the form's key, used in saved mappings) and
/// their French label, so that the three can never drift apart.
macro_rules! field_keys {
    ($($variant:ident => ($key:literal, $label:literal)),+ $(,)?) => {
        /// One field of the import. The serde name is [`FieldKey::as_str`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum FieldKey {
            $(#[serde(rename = $key)] $variant),+
        }
        impl FieldKey {
            /// Every field, in the order of the form.
            pub const ALL: &'static [FieldKey] = &[$(FieldKey::$variant),+];
            /// The key of the form (`SignatoryInput`'s field name for the signatory fields).
            pub fn as_str(self) -> &'static str {
                match self { $(FieldKey::$variant => $key),+ }
            }
            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $(FieldKey::$variant => $label),+ }
            }
            /// The field for a key, `None` for an unknown key.
            pub fn from_key(key: &str) -> Option<FieldKey> {
                match key { $($key => Some(FieldKey::$variant),)+ _ => None }
            }
        }
    };
}

field_keys!(
    Civility => ("civility", "Civilité"),
    LastName => ("last_name", "Nom"),
    FullName => ("full_name", "Nom et prénom (une colonne)"),
    BirthName => ("birth_name", "Nom de naissance"),
    FirstNames => ("first_names", "Prénoms"),
    BirthDate => ("birth_date", "Date de naissance"),
    Email => ("email", "Courriel"),
    Phone => ("phone", "Téléphone"),
    Address => ("address", "Adresse"),
    Discipline => ("discipline", "Discipline"),
    Padhue => ("padhue", "PADHUE"),
    Ufr => ("ufr", "UFR"),
    Subdivision => ("subdivision", "Subdivision"),
    Cycle => ("cycle", "Cycle"),
    StudyYear => ("study_year", "Année d'études"),
    EcnYear => ("ecn_year", "Année ECN/EDN"),
    EcnRank => ("ecn_rank", "Rang ECN/EDN"),
    Specialty => ("specialty", "Spécialité"),
    SignatureDate => ("signature_date", "Date de signature"),
    ManagingBody => ("managing_body", "Organisme gestionnaire"),
    ContractRef => ("contract_ref", "Référence du contrat"),
    Status => ("status", "Statut"),
    Notes => ("notes", "Notes"),
    AllocationStart => ("allocation_start", "Début de l'allocation"),
    AllocationEnd => ("allocation_end", "Fin de l'allocation"),
    DiplomaDate => ("diploma_date", "Date du diplôme"),
    PracticeStart => ("practice_start", "Début d'exercice"),
);

impl FieldKey {
    /// True for the fields of the signatory form; false for the contract-ledger dates,
    /// which the caller records as ledger events rather than in the form, and for the
    /// combined name, which the rows split into the name and the first names.
    pub fn is_signatory_field(self) -> bool {
        !matches!(
            self,
            FieldKey::FullName
                | FieldKey::AllocationStart
                | FieldKey::AllocationEnd
                | FieldKey::DiplomaDate
                | FieldKey::PracticeStart
        )
    }
}

impl std::fmt::Display for FieldKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        assert_eq!(FieldKey::ALL.len(), 27);
        for f in FieldKey::ALL {
            assert_eq!(FieldKey::from_key(f.as_str()), Some(*f));
            let json = serde_json::to_string(f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.as_str()));
            assert!(!f.label().is_empty());
        }
        assert_eq!(FieldKey::from_key("inconnu"), None);
        assert_eq!(FieldKey::LastName.label(), "Nom");
        assert_eq!(FieldKey::FirstNames.label(), "Prénoms");
        assert!(!FieldKey::DiplomaDate.is_signatory_field());
        assert!(FieldKey::Padhue.is_signatory_field());
    }
}
