//! Reference lists shown in the forms and used by validation and the demo generator.

use super::Discipline;
use crate::text::fold;

/// The 18 French regions, each with its ARS.
pub const REGIONS: &[&str] = &[
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Guadeloupe",
    "Guyane",
    "Hauts-de-France",
    "Île-de-France",
    "La Réunion",
    "Martinique",
    "Mayotte",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
];

/// Medical DES (diplômes d'études spécialisées), as named since the 2017 reform.
pub const MEDICAL_SPECIALTIES: &[&str] = &[
    "Médecine générale",
    "Allergologie",
    "Anatomie et cytologie pathologiques",
    "Anesthésie-réanimation",
    "Biologie médicale",
    "Chirurgie maxillo-faciale",
    "Chirurgie orale",
    "Chirurgie orthopédique et traumatologique",
    "Chirurgie pédiatrique",
    "Chirurgie plastique, reconstructrice et esthétique",
    "Chirurgie thoracique et cardiovasculaire",
    "Chirurgie vasculaire",
    "Chirurgie viscérale et digestive",
    "Dermatologie et vénéréologie",
    "Endocrinologie-diabétologie-nutrition",
    "Génétique médicale",
    "Gériatrie",
    "Gynécologie médicale",
    "Gynécologie obstétrique",
    "Hématologie",
    "Hépato-gastro-entérologie",
    "Maladies infectieuses et tropicales",
    "Médecine cardiovasculaire",
    "Médecine d'urgence",
    "Médecine du travail",
    "Médecine intensive-réanimation",
    "Médecine interne et immunologie clinique",
    "Médecine légale et expertises médicales",
    "Médecine nucléaire",
    "Médecine physique et de réadaptation",
    "Médecine vasculaire",
    "Néphrologie",
    "Neurochirurgie",
    "Neurologie",
    "Oncologie",
    "Ophtalmologie",
    "Oto-rhino-laryngologie – chirurgie cervico-faciale",
    "Pédiatrie",
    "Pneumologie",
    "Psychiatrie",
    "Radiologie et imagerie médicale",
    "Rhumatologie",
    "Santé publique",
    "Urologie",
];

/// Dental specialties; most dental signatories practise general dentistry (no DES).
pub const DENTAL_SPECIALTIES: &[&str] = &[
    "Chirurgie dentaire (omnipratique)",
    "Chirurgie orale",
    "Médecine bucco-dentaire",
    "Orthopédie dento-faciale",
];

pub const PHARMACY_SPECIALTIES: &[&str] = &[
    "Pharmacie d'officine",
    "Pharmacie hospitalière",
    "Biologie médicale",
    "Innovation pharmaceutique et recherche",
];

pub const MIDWIFERY_SPECIALTIES: &[&str] = &["Maïeutique"];

pub fn specialties(discipline: Discipline) -> &'static [&'static str] {
    match discipline {
        Discipline::Medecine => MEDICAL_SPECIALTIES,
        Discipline::Odontologie => DENTAL_SPECIALTIES,
        Discipline::Pharmacie => PHARMACY_SPECIALTIES,
        Discipline::Maieutique => MIDWIFERY_SPECIALTIES,
    }
}

/// Usual names of medical specialties in registers kept by hand — the names before the
/// 2017 reform, abbreviations — and the DES they mean today.
const MEDICAL_ALIASES: &[(&str, &str)] = &[
    ("MG", "Médecine générale"),
    ("Généraliste", "Médecine générale"),
    ("Médecine générale (DES)", "Médecine générale"),
    ("Cardiologie", "Médecine cardiovasculaire"),
    ("Cardiologie et maladies vasculaires", "Médecine cardiovasculaire"),
    ("Anesthésie", "Anesthésie-réanimation"),
    ("Anesthésie réanimation", "Anesthésie-réanimation"),
    ("MAR", "Anesthésie-réanimation"),
    ("Gynécologie-obstétrique", "Gynécologie obstétrique"),
    ("Obstétrique", "Gynécologie obstétrique"),
    ("Gastro-entérologie", "Hépato-gastro-entérologie"),
    ("Gastroentérologie", "Hépato-gastro-entérologie"),
    ("Dermatologie", "Dermatologie et vénéréologie"),
    ("Endocrinologie", "Endocrinologie-diabétologie-nutrition"),
    ("ORL", "Oto-rhino-laryngologie – chirurgie cervico-faciale"),
    (
        "Oto-rhino-laryngologie",
        "Oto-rhino-laryngologie – chirurgie cervico-faciale",
    ),
    ("Radiologie", "Radiologie et imagerie médicale"),
    ("Médecine interne", "Médecine interne et immunologie clinique"),
    ("Urgences", "Médecine d'urgence"),
    ("Médecine physique", "Médecine physique et de réadaptation"),
    ("MPR", "Médecine physique et de réadaptation"),
    ("Orthopédie", "Chirurgie orthopédique et traumatologique"),
    ("Chirurgie digestive", "Chirurgie viscérale et digestive"),
    ("Chirurgie viscérale", "Chirurgie viscérale et digestive"),
    ("Pédopsychiatrie", "Psychiatrie"),
];

const DENTAL_ALIASES: &[(&str, &str)] = &[
    ("Omnipratique", "Chirurgie dentaire (omnipratique)"),
    ("Chirurgie dentaire", "Chirurgie dentaire (omnipratique)"),
    ("Dentiste", "Chirurgie dentaire (omnipratique)"),
    ("Odontologie", "Chirurgie dentaire (omnipratique)"),
    ("ODF", "Orthopédie dento-faciale"),
    ("Orthodontie", "Orthopédie dento-faciale"),
];

/// The canonical spelling of a specialty typed with other accents, case or spaces, or
/// under a usual former name or abbreviation ("Cardiologie", "ORL", "MG").
pub fn canonical_specialty(discipline: Discipline, typed: &str) -> Option<&'static str> {
    let key = squash(typed);
    if let Some(s) = specialties(discipline).iter().copied().find(|s| squash(s) == key) {
        return Some(s);
    }
    let aliases = match discipline {
        Discipline::Medecine => MEDICAL_ALIASES,
        Discipline::Odontologie => DENTAL_ALIASES,
        Discipline::Maieutique | Discipline::Pharmacie => &[],
    };
    aliases
        .iter()
        .find(|(alias, _)| squash(alias) == key)
        .map(|(_, s)| *s)
}

/// The canonical spelling of a region.
pub fn canonical_region(typed: &str) -> Option<&'static str> {
    let key = squash(typed);
    REGIONS.iter().copied().find(|r| squash(r) == key)
}

fn squash(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_of_specialties_are_understood() {
        let m = Discipline::Medecine;
        assert_eq!(
            canonical_specialty(m, "cardiologie"),
            Some("Médecine cardiovasculaire")
        );
        assert_eq!(
            canonical_specialty(m, "O.R.L."),
            Some("Oto-rhino-laryngologie – chirurgie cervico-faciale")
        );
        assert_eq!(canonical_specialty(m, "mg"), Some("Médecine générale"));
        assert_eq!(
            canonical_specialty(Discipline::Odontologie, "ODF"),
            Some("Orthopédie dento-faciale")
        );
        assert_eq!(canonical_specialty(Discipline::Odontologie, "cardiologie"), None);
        for (_, target) in MEDICAL_ALIASES {
            assert!(MEDICAL_SPECIALTIES.contains(target), "{target}");
        }
        for (_, target) in DENTAL_ALIASES {
            assert!(DENTAL_SPECIALTIES.contains(target), "{target}");
        }
    }

    #[test]
    fn specialty_spellings_are_tolerated() {
        assert_eq!(
            canonical_specialty(Discipline::Medecine, "medecine generale"),
            Some("Médecine générale")
        );
        assert_eq!(
            canonical_specialty(Discipline::Medecine, "ANESTHÉSIE RÉANIMATION"),
            Some("Anesthésie-réanimation")
        );
        assert_eq!(canonical_specialty(Discipline::Odontologie, "Psychiatrie"), None);
        assert_eq!(canonical_region("ile de france"), Some("Île-de-France"));
        assert_eq!(canonical_region("Atlantide"), None);
    }
}
