//! The letters the agency posts with its documents: the covering letter of the annual
//! campaign, the reminder for sheets not returned, the convocation to an interview and the
//! reminder to declare an installation.
//!
//! Each is a template the agency edits in Paramètres (or `cesp settings set lettre.…`),
//! written in the minijinja language (`{{ nom }}`, `{% if … %}`). The fields a template may
//! use are listed here, beside the editor: a template naming another field is refused when
//! it is saved, never printed with a blank in 200 letters.

pub mod email;
pub mod print;
pub mod templates;

use serde::{Deserialize, Serialize};
use specta::Type;

/// The four letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// Covering letter of the campaign's sheet.
    Envoi,
    /// Reminder: the sheet was sent and has not come back.
    Relance,
    /// Convocation to an interview due.
    Convocation,
    /// Reminder to declare the place of practice (graduates not installed).
    Installation,
}

impl LetterKind {
    pub const ALL: [LetterKind; 4] = [
        LetterKind::Envoi,
        LetterKind::Relance,
        LetterKind::Convocation,
        LetterKind::Installation,
    ];

    /// The code of the CLI (`--kind envoi`) and of the settings' key.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Envoi => "envoi",
            LetterKind::Relance => "relance",
            LetterKind::Convocation => "convocation",
            LetterKind::Installation => "installation",
        }
    }

    pub fn from_code(code: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// What the window calls it.
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Envoi => "Courrier d'envoi de la fiche de suivi",
            LetterKind::Relance => "Relance : fiche de suivi non retournée",
            LetterKind::Convocation => "Convocation à un entretien",
            LetterKind::Installation => "Rappel : déclarer le lieu d'exercice",
        }
    }

    /// Whether the campaign's sheet may follow the letter in the envelope.
    pub fn goes_with_sheet(self) -> bool {
        matches!(self, LetterKind::Envoi | LetterKind::Relance)
    }
}

/// How a letter goes out: posted (printed), or as an e-mail with the fillable sheet
/// attached (the covering letter and the reminder only). Each has its own template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    #[default]
    Courrier,
    Courriel,
}

impl Medium {
    /// The prefix of the settings' key (`lettre.envoi`, `courriel.envoi`).
    pub fn code(self) -> &'static str {
        match self {
            Medium::Courrier => "lettre",
            Medium::Courriel => "courriel",
        }
    }
}

/// A letter as the window lists it: its name, whether the sheet may go with it, and who
/// receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LetterKindView {
    pub kind: LetterKind,
    pub label: String,
    pub with_sheet: bool,
    pub recipients: String,
}

/// The four letters, for the window's lists.
pub fn kinds() -> Vec<LetterKindView> {
    LetterKind::ALL
        .into_iter()
        .map(|kind| LetterKindView {
            kind,
            label: kind.label().to_owned(),
            with_sheet: kind.goes_with_sheet(),
            recipients: match kind {
                LetterKind::Envoi => "Destinataires : tous les signataires de la campagne.",
                LetterKind::Relance => {
                    "Destinataires : les fiches envoyées ou relancées et pas encore reçues. La date limite \
                     imprimée est celle de la campagne, ou au moins quinze jours plus tard, un jour ouvré."
                }
                LetterKind::Convocation => {
                    "Destinataires : les signataires qui ont un entretien à tenir (un courrier chacun, \
                     pour l'entretien le plus proche)."
                }
                LetterKind::Installation => "Destinataires : les diplômés qui ne sont pas encore installés.",
            }
            .to_owned(),
        })
        .collect()
}

/// A field of the letters: its name in the templates, what it holds, and the letter it
/// belongs to (`None`: every letter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LetterField {
    pub name: String,
    pub description: String,
    /// Example value, as printed.
    pub example: String,
}

/// (name, description, example, letter) of every field.
const FIELDS: &[(&str, &str, &str, Option<LetterKind>)] = &[
    ("formule", "Formule d'appel", "Madame,", None),
    (
        "formule_politesse",
        "Dans la formule de politesse",
        "Madame",
        None,
    ),
    ("civilite", "Civilité abrégée", "Mme", None),
    ("prenoms", "Prénoms", "Hélène", None),
    ("nom", "Nom, en capitales", "LEFÈVRE", None),
    (
        "nom_complet",
        "Civilité, prénoms et nom",
        "Mme Hélène LEFÈVRE",
        None,
    ),
    ("dossier", "Numéro du dossier", "42", None),
    ("discipline", "Discipline", "Médecine", None),
    ("specialite", "Spécialité (DES)", "Médecine générale", None),
    (
        "reference_contrat",
        "Référence du contrat",
        "CESP-2023-0042",
        None,
    ),
    (
        "organisme_gestionnaire",
        "Organisme gestionnaire à ce jour",
        "ASP (Agence de services et de paiement)",
        None,
    ),
    ("annee", "Année de la campagne", "2026", None),
    ("date_envoi", "Date d'envoi de la campagne", "05/10/2026", None),
    (
        "date_limite_retour",
        "Date limite de retour de la fiche",
        "04/11/2026",
        None,
    ),
    ("date_du_jour", "Date d'impression", "05/10/2026", None),
    ("ars", "Nom de l'agence", "ARS Bretagne", None),
    ("service", "Service", "Suivi des signataires du CESP", None),
    ("referent", "Référent", "Camille Exemple", None),
    ("telephone_ars", "Téléphone du service", "02 00 00 00 00", None),
    ("courriel_ars", "Courriel du service", "ars-cesp@exemple.fr", None),
    (
        "date_envoi_fiche",
        "Date où la fiche a été envoyée",
        "05/10/2026",
        Some(LetterKind::Relance),
    ),
    (
        "nombre_relances",
        "Relances déjà faites",
        "1",
        Some(LetterKind::Relance),
    ),
    (
        "motif_entretien",
        "Motif de l'entretien",
        "Entretien annuel du 3e cycle",
        Some(LetterKind::Convocation),
    ),
    (
        "echeance_entretien",
        "Date avant laquelle le tenir",
        "31/12/2026",
        Some(LetterKind::Convocation),
    ),
    (
        "date_rendez_vous",
        "Rendez-vous proposé (--rendez-vous)",
        "12/01/2027 à 10 h",
        Some(LetterKind::Convocation),
    ),
    (
        "lieu_rendez_vous",
        "Lieu du rendez-vous (--lieu)",
        "ARS, 6 place des Colombes, Rennes",
        Some(LetterKind::Convocation),
    ),
    (
        "date_diplome",
        "Date du diplôme",
        "15/10/2026",
        Some(LetterKind::Installation),
    ),
];

/// The fields `kind`'s template may use, in the order of the list beside the editor.
pub fn fields(kind: LetterKind) -> Vec<LetterField> {
    FIELDS
        .iter()
        .filter(|f| f.3.is_none() || f.3 == Some(kind))
        .map(|f| LetterField {
            name: f.0.to_owned(),
            description: f.1.to_owned(),
            example: f.2.to_owned(),
        })
        .collect()
}

/// The template given with the application for `kind`.
pub fn default_template(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Envoi => {
            "Objet : suivi annuel {{ annee }} de votre contrat d'engagement de service public\n\n\
             {{ formule }}\n\n\
             Vous êtes signataire d'un contrat d'engagement de service public (CESP). Chaque année, \
             l'agence régionale de santé fait le point avec vous sur vos études et sur votre projet \
             d'exercice.\n\n\
             Vous trouverez ci-joint votre fiche de suivi {{ annee }}, pré-remplie avec les informations \
             dont nous disposons. Merci de la vérifier, de la compléter, de la dater et de la signer, puis \
             de nous la retourner avant le {{ date_limite_retour }}.\n\n\
             Pour toute question{% if referent %}, {{ referent }} se tient à votre disposition{% else %}, \
             le service se tient à votre disposition{% endif %}{% if telephone_ars %} au {{ telephone_ars }}\
             {% endif %}{% if courriel_ars %} ou à l'adresse {{ courriel_ars }}{% endif %}.\n\n\
             Je vous prie d'agréer, {{ formule_politesse }}, l'expression de mes salutations distinguées."
        }
        LetterKind::Relance => {
            "Objet : relance — fiche de suivi {{ annee }} non reçue\n\n\
             {{ formule }}\n\n\
             Nous vous avons adressé le {{ date_envoi_fiche }} votre fiche de suivi {{ annee }}. Nous ne \
             l'avons pas reçue à ce jour.\n\n\
             Le suivi annuel fait partie des engagements de votre contrat d'engagement de service public. \
             Vous trouverez ci-joint un nouvel exemplaire de la fiche : merci de nous le retourner complété \
             et signé avant le {{ date_limite_retour }}. Si vous l'avez envoyée entre-temps, ne tenez pas \
             compte de ce courrier.\n\n\
             Je vous prie d'agréer, {{ formule_politesse }}, l'expression de mes salutations distinguées."
        }
        LetterKind::Convocation => {
            "Objet : entretien de suivi de votre contrat — {{ motif_entretien }}\n\n\
             {{ formule }}\n\n\
             Dans le cadre du suivi de votre contrat d'engagement de service public, un entretien avec \
             l'agence régionale de santé doit se tenir avant le {{ echeance_entretien }} \
             ({{ motif_entretien }}).\n\n\
             {% if date_rendez_vous %}Nous vous proposons de vous recevoir le {{ date_rendez_vous }}\
             {% if lieu_rendez_vous %}, {{ lieu_rendez_vous }}{% endif %}. Si ce rendez-vous ne vous \
             convient pas, merci de nous en proposer un autre.{% else %}Merci de nous contacter pour en \
             fixer la date{% if telephone_ars %} au {{ telephone_ars }}{% endif %}{% if courriel_ars %} \
             ou à l'adresse {{ courriel_ars }}{% endif %}.{% endif %}\n\n\
             Je vous prie d'agréer, {{ formule_politesse }}, l'expression de mes salutations distinguées."
        }
        LetterKind::Installation => {
            "Objet : déclaration de votre lieu d'exercice\n\n\
             {{ formule }}\n\n\
             Vous avez achevé votre formation{% if date_diplome %} le {{ date_diplome }}{% endif %}. \
             Votre contrat d'engagement de service public vous engage à exercer, pendant une durée égale à \
             celle du versement de votre allocation et d'au moins deux ans, dans un lieu où l'offre de \
             soins est insuffisante.\n\n\
             Nous n'avons pas encore reçu votre déclaration de choix du lieu d'exercice. Merci de nous \
             l'adresser dès que votre projet est arrêté, ou de nous contacter pour en parler\
             {% if telephone_ars %} au {{ telephone_ars }}{% endif %}.\n\n\
             Je vous prie d'agréer, {{ formule_politesse }}, l'expression de mes salutations distinguées."
        }
    }
}

/// The e-mail given with the application for `kind` (the covering e-mail and the reminder;
/// the other letters are posted only).
pub fn default_email_template(kind: LetterKind) -> Option<&'static str> {
    match kind {
        LetterKind::Envoi => Some(
            "Objet : suivi annuel {{ annee }} de votre contrat d'engagement de service public\n\n\
             {{ formule }}\n\n\
             Vous êtes signataire d'un contrat d'engagement de service public (CESP). Chaque année, \
             l'agence régionale de santé fait le point avec vous sur vos études et sur votre projet \
             d'exercice.\n\n\
             Votre fiche de suivi {{ annee }} est jointe à ce courriel, pré-remplie avec les informations \
             dont nous disposons. Vous pouvez la remplir à l'écran : ouvrez-la avec Adobe Acrobat Reader, \
             votre navigateur ou Aperçu, vérifiez et complétez vos réponses, indiquez le lieu et la date, \
             enregistrez-la, puis renvoyez-la en réponse à ce courriel avant le {{ date_limite_retour }}. \
             Vous pouvez aussi l'imprimer, la remplir à la main, la signer et nous la retourner par \
             courrier.\n\n\
             Pour toute question{% if referent %}, {{ referent }} se tient à votre disposition{% else %}, \
             le service se tient à votre disposition{% endif %}{% if telephone_ars %} au {{ telephone_ars }}\
             {% endif %}.\n\n\
             Je vous prie d'agréer, {{ formule_politesse }}, l'expression de mes salutations distinguées.",
        ),
        LetterKind::Relance => Some(
            "Objet : relance — fiche de suivi {{ annee }} non reçue\n\n\
             {{ formule }}\n\n\
             Nous vous avons adressé le {{ date_envoi_fiche }} votre fiche de suivi {{ annee }}. Nous ne \
             l'avons pas reçue à ce jour.\n\n\
             Le suivi annuel fait partie des engagements de votre contrat d'engagement de service public. \
             Vous trouverez la fiche jointe à ce courriel : remplissez-la à l'écran, enregistrez-la et \
             renvoyez-la en réponse à ce courriel avant le {{ date_limite_retour }}. Si vous l'avez envoyée \
             entre-temps, ne tenez pas compte de ce message.\n\n\
             Je vous prie d'agréer, {{ formule_politesse }}, l'expression de mes salutations distinguées.",
        ),
        LetterKind::Convocation | LetterKind::Installation => None,
    }
}
