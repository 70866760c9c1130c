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

/// The canonical spelling of a specialty typed with other accents, case or spaces.
pub fn canonical_specialty(discipline: Discipline, typed: &str) -> Option<&'static str> {
    let key = squash(typed);
    specialties(discipline).iter().copied().find(|s| squash(s) == key)
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
