//! The closed lists of the domain, with their French labels (domain.md §1–§2).
//! The wire value (serde) is the stable code stored in SQLite and used by the CLI.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Declares an enum with its stable code and French label, and the helpers every
/// closed list needs (all values, parsing from a code, the label).
macro_rules! labeled_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable code (stored in the database, used by the CLI and the UI).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            pub fn from_code(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

labeled_enum!(
    Civility {
        M => ("M", "M."),
        Mme => ("Mme", "Mme"),
    }
);

labeled_enum!(
    Discipline {
        Medecine => ("medecine", "Médecine"),
        Odontologie => ("odontologie", "Odontologie"),
        Maieutique => ("maieutique", "Maïeutique"),
        Pharmacie => ("pharmacie", "Pharmacie"),
    }
);

labeled_enum!(
    /// The statuses a signatory moves through (domain.md §2).
    Status {
        Candidat => ("candidat", "Candidat"),
        EnFormation => ("en_formation", "En formation (allocataire)"),
        Suspendu => ("suspendu", "Suspendu"),
        Diplome => ("diplome", "Diplômé, non installé"),
        Installe => ("installe", "Installé (engagement en cours)"),
        EngagementTermine => ("engagement_termine", "Engagement terminé"),
        Rompu => ("rompu", "Rupture"),
        Resilie => ("resilie", "Résilié"),
        DecedeOuInaptitude => ("decede_ou_inaptitude", "Décès ou inaptitude (sans remboursement)"),
    }
);

labeled_enum!(
    Cycle {
        Deuxieme => ("deuxieme_cycle", "2e cycle"),
        Troisieme => ("troisieme_cycle", "3e cycle (internat)"),
    }
);

labeled_enum!(
    /// Who signs and pays: the CNG until 2025, the ASP since (domain.md §1).
    ManagingBody {
        Cng => ("cng", "CNG (Centre national de gestion)"),
        Asp => ("asp", "ASP (Agence de services et de paiement)"),
    }
);

labeled_enum!(
    /// Why the allowance was suspended (domain.md §4).
    SuspensionReason {
        Maternite => ("maternite", "Congé de maternité"),
        Paternite => ("paternite", "Congé de paternité"),
        Adoption => ("adoption", "Congé d'adoption"),
        Maladie => ("maladie", "Maladie"),
        Accident => ("accident", "Accident survenu pendant la formation"),
        Disponibilite => ("disponibilite", "Disponibilité (conjoint ou enfant malade)"),
        ConvenancePersonnelle => ("convenance_personnelle", "Convenance personnelle (interne)"),
        Autre => ("autre", "Autre motif"),
    }
);

labeled_enum!(
    /// How a contract ended before its term (domain.md §6).
    ContractEndKind {
        Rupture => ("rupture", "Rupture (remboursement et pénalité)"),
        Resiliation => ("resiliation", "Résiliation par l'organisme gestionnaire"),
        SansRemboursement => ("sans_remboursement", "Fin sans remboursement (décès ou inaptitude définitive)"),
    }
);

labeled_enum!(
    /// How a follow-up form was sent or a reminder made.
    SendChannel {
        Courrier => ("courrier", "Courrier"),
        Courriel => ("courriel", "Courriel"),
        MainPropre => ("main_propre", "Remise en main propre"),
        Telephone => ("telephone", "Téléphone"),
    }
);

labeled_enum!(
    /// The situation a signatory declares on the annual fiche de suivi (domain.md §7).
    Situation {
        DeuxiemeCycle => ("deuxieme_cycle", "Étudiant en 2e cycle"),
        TroisiemeCycle => ("troisieme_cycle", "Interne (3e cycle)"),
        Suspendu => ("suspendu", "Formation ou allocation suspendue"),
        DiplomeNonInstalle => ("diplome_non_installe", "Diplômé, pas encore installé"),
        Installe => ("installe", "Installé (en exercice)"),
        Autre => ("autre", "Autre situation"),
    }
);

labeled_enum!(
    /// Mode of practice, intended (fiche de suivi) or declared (installation).
    PracticeMode {
        Liberal => ("liberal", "Libéral (secteur 1)"),
        Salarie => ("salarie", "Salarié"),
        Mixte => ("mixte", "Mixte (libéral et salarié)"),
        Remplacement => ("remplacement", "Remplacement"),
        Indecis => ("indecis", "Pas encore décidé"),
    }
);

labeled_enum!(
    /// Structure of practice, intended or declared.
    PracticeStructure {
        CabinetIndividuel => ("cabinet_individuel", "Cabinet individuel"),
        CabinetGroupe => ("cabinet_groupe", "Cabinet de groupe"),
        Msp => ("msp", "Maison de santé pluriprofessionnelle (MSP)"),
        CentreSante => ("centre_sante", "Centre de santé"),
        Etablissement => ("etablissement", "Établissement de santé (hors CHU)"),
        Pmi => ("pmi", "Protection maternelle et infantile (PMI)"),
        Cpts => ("cpts", "Communauté professionnelle territoriale de santé (CPTS)"),
        Autre => ("autre", "Autre structure"),
        Indecis => ("indecis", "Pas encore décidé"),
    }
);

labeled_enum!(
    /// Zone of the intended place of practice in the zonage (domain.md §5).
    ZoneType {
        Zip => ("zip", "Zone d'intervention prioritaire (ZIP)"),
        Zac => ("zac", "Zone d'action complémentaire (ZAC)"),
        HorsZone => ("hors_zone", "Hors zone sous-dotée"),
        Indecis => ("indecis", "Ne sait pas encore"),
    }
);

labeled_enum!(
    /// Where a signatory's fiche de suivi of a year stands.
    FormStatus {
        AEnvoyer => ("a_envoyer", "À envoyer"),
        Envoyee => ("envoyee", "Envoyée"),
        Relancee => ("relancee", "Relancée"),
        Recue => ("recue", "Reçue (à saisir)"),
        Complete => ("complete", "Complète et signée"),
        Incomplete => ("incomplete", "Incomplète"),
    }
);

labeled_enum!(
    /// How an interview was held (domain.md §7).
    InterviewMode {
        Ars => ("ars", "À l'ARS"),
        Telephone => ("telephone", "Par téléphone"),
        Visio => ("visio", "En visioconférence"),
    }
);

labeled_enum!(
    /// Why an interview was held (domain.md §7, seed 001).
    InterviewReason {
        PremiereAnnee => ("premiere_annee", "Première année après la signature"),
        AvantEcn => ("avant_ecn", "Avant les ECN/EDN"),
        AnnuelTroisiemeCycle => ("annuel_troisieme_cycle", "Entretien annuel du 3e cycle"),
        AvantInstallation => ("avant_installation", "Année précédant l'installation"),
        SurDemande => ("sur_demande", "À la demande du signataire ou de l'ARS"),
        ConvocationSuspendu => ("convocation_suspendu", "Convocation annuelle (interne suspendu)"),
    }
);

labeled_enum!(
    /// Mode of practice at a declared place (domain.md §5).
    PlaceMode {
        Liberal => ("liberal", "Libéral"),
        Salarie => ("salarie", "Salarié"),
        Mixte => ("mixte", "Mixte (libéral et salarié)"),
        Remplacement => ("remplacement", "Remplacement"),
    }
);

labeled_enum!(
    /// Conventional sector of liberal practice: secteur 1 is mandatory during the commitment.
    Sector {
        Secteur1 => ("secteur_1", "Secteur 1"),
        Secteur2 => ("secteur_2", "Secteur 2"),
        NonConventionne => ("non_conventionne", "Non conventionné"),
    }
);

labeled_enum!(
    /// The categories of the "À faire" list (issue #6).
    TodoKind {
        FicheNonRetournee => ("fiche_non_retournee", "Fiches de suivi non retournées"),
        Entretien => ("entretien", "Entretiens à tenir"),
        SuspensionDefinitive => ("suspension_definitive", "Délais de suspension définitive"),
        DiplomeSansInstallation => ("diplome_sans_installation", "Diplômés sans déclaration d'installation"),
        FinEngagement => ("fin_engagement", "Fins d'engagement proches"),
        Alerte => ("alerte", "Points à vérifier dans les contrats"),
        CandidatureIncomplete => ("candidature_incomplete", "Dossiers de candidature incomplets"),
        CandidatureSansDecision => ("candidature_sans_decision", "Candidats sans décision de la commission"),
        ContratARetourner => ("contrat_a_retourner", "Contrats à retourner signés"),
        DossierACompleter => ("dossier_a_completer", "Dossiers à compléter"),
    }
);

labeled_enum!(
    /// What the selection commission decided for an application (seeds 002, 004).
    Decision {
        Retenu => ("retenu", "Retenu"),
        ListeAttente => ("liste_attente", "Liste d'attente"),
        NonRetenu => ("non_retenu", "Non retenu"),
    }
);

labeled_enum!(
    /// The documents of an application file (seed 004, « Pièces à fournir »).
    ApplicationDocument {
        Formulaire => ("formulaire", "Formulaire de candidature"),
        PieceIdentite => ("piece_identite", "Copie de la pièce d'identité ou du titre de séjour"),
        LettreMotivation => ("lettre_motivation", "Lettre de motivation à exercer en zone déficitaire"),
        RelevesNotes => ("releves_notes", "Relevés de notes des deux années précédentes"),
        RangClassement => ("rang_classement", "Rang de classement ECN/EDN (internes)"),
        CertificatScolarite => ("certificat_scolarite", "Certificat de scolarité"),
        Photo => ("photo", "Photo d'identité en couleur"),
        ValidationArs => ("validation_ars", "Validation écrite de l'ARS"),
    }
);

labeled_enum!(
    /// When the region asks for the ARS's written validation of the project (seed 004: in
    /// Île-de-France, for general medicine; elsewhere, for the other specialties).
    ArsValidationRule {
        Jamais => ("jamais", "Jamais"),
        MedecineGenerale => ("medecine_generale", "Pour la médecine générale"),
        AutresSpecialites => ("autres_specialites", "Pour les spécialités autres que la médecine générale"),
        Toujours => ("toujours", "Toujours"),
    }
);

impl ContractEndKind {
    /// The status a signatory takes when the contract ends this way.
    pub fn status(self) -> Status {
        match self {
            ContractEndKind::Rupture => Status::Rompu,
            ContractEndKind::Resiliation => Status::Resilie,
            ContractEndKind::SansRemboursement => Status::DecedeOuInaptitude,
        }
    }
}

impl Cycle {
    /// The highest year of study in the cycle: DFASM1–3, then up to 6 years of internship
    /// (the longest DES, with the docteur junior phase).
    pub fn max_year(self) -> u8 {
        match self {
            Cycle::Deuxieme => 3,
            Cycle::Troisieme => 6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.code()));
        }
        for d in Discipline::ALL {
            assert_eq!(Discipline::from_code(d.code()), Some(*d));
        }
        assert_eq!(Status::from_code("inconnu"), None);
        assert_eq!(Status::ALL.len(), 9);
    }
}
