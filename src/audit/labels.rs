//! What the journal shows for the tables and columns it records: French names, and values as
//! the forms show them (dates jj/mm/aaaa, codes by their label, amounts in euros).

use crate::domain::dates::{format_fr, parse_date};
use crate::domain::{
    ApplicationDocument, Civility, ContractEndKind, Cycle, Decision, Discipline, InterviewMode,
    InterviewReason, ManagingBody, PlaceMode, PracticeMode, PracticeStructure, Sector, SendChannel,
    Situation, Status, SuspensionReason, ZoneType,
};

/// The French name of an audited table ("" for one the journal does not know).
pub fn entity(table: &str) -> &'static str {
    match table {
        "signatory" => "Dossier",
        "ledger" => "Contrat et allocation",
        "allowance_suspension" => "Suspension de l'allocation",
        "practice_suspension" => "Suspension de l'exercice",
        "followup_form" => "Fiche de suivi",
        "followup_reminder" => "Relance de fiche de suivi",
        "followup_return_file" => "Fiche retournée lue d'un fichier PDF",
        "interview" => "Entretien",
        "interview_action" => "Action décidée en entretien",
        "installation" => "Installation",
        "installation_place" => "Lieu d'exercice",
        "todo_done" => "À faire traité",
        "application" => "Candidature",
        "application_document" => "Pièce de candidature",
        _ => "",
    }
}

pub fn action(code: &str) -> &'static str {
    match code {
        "creation" => "Création",
        "modification" => "Modification",
        "suppression" => "Suppression",
        "anonymisation" => "Anonymisation",
        _ => "",
    }
}

/// How a column's value reads.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    YesNo,
    Euros,
    Code(fn(&str) -> Option<&'static str>),
}

fn code<T: Copy>(
    from: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> impl Fn(&str) -> Option<&'static str> {
    move |s| from(s).map(label)
}

/// The label and kind of `column` of `table`.
fn field(table: &str, column: &str) -> (&'static str, Kind) {
    use Kind::*;
    macro_rules! enum_kind {
        ($t:ty) => {
            Code(|s| code(<$t>::from_code, <$t>::label)(s))
        };
    }
    match (table, column) {
        (_, "civility") => ("Civilité", enum_kind!(Civility)),
        (_, "last_name") => ("Nom", Text),
        (_, "birth_name") => ("Nom de naissance", Text),
        (_, "first_names") => ("Prénoms", Text),
        (_, "birth_date") => ("Date de naissance", Date),
        (_, "email") => ("Courriel", Text),
        (_, "phone") => ("Téléphone", Text),
        (_, "address") => ("Adresse", Text),
        (_, "discipline") => ("Discipline", enum_kind!(Discipline)),
        (_, "padhue") => ("PADHUE", YesNo),
        (_, "ufr") => ("UFR", Text),
        (_, "subdivision") => ("Subdivision", Text),
        (_, "cycle") => ("Cycle", enum_kind!(Cycle)),
        (_, "study_year") => ("Année d'études", Text),
        (_, "ecn_year") => ("Année ECN/EDN", Text),
        (_, "ecn_rank") => ("Rang ECN/EDN", Text),
        (_, "specialty") => ("Spécialité", Text),
        (_, "signature_date") => ("Date de signature", Date),
        (_, "managing_body") => ("Organisme gestionnaire", enum_kind!(ManagingBody)),
        (_, "contract_ref") => ("Référence du contrat", Text),
        (_, "status") => ("Statut", enum_kind!(Status)),
        (_, "notes") => ("Notes", Text),
        ("ledger", "allocation_start") => ("Début de l'allocation", Date),
        ("ledger", "allocation_end") => ("Fin de l'allocation", Date),
        ("ledger", "intern_start") => ("Début de l'internat", Date),
        ("ledger", "definitive_request") => ("Demande de suspension définitive", Date),
        ("ledger", "diploma_date") => ("Date du diplôme", Date),
        ("ledger", "practice_start") | ("installation", "practice_start") => ("Début d'exercice", Date),
        ("ledger", "end_kind") => ("Fin du contrat", enum_kind!(ContractEndKind)),
        ("ledger", "end_date") => ("Date de fin du contrat", Date),
        ("ledger", "end_amount") => ("Montant dû à la fin du contrat", Euros),
        ("ledger", "end_notes") => ("Observations sur la fin du contrat", Text),
        (_, "start_date") => ("Début", Date),
        (_, "end_date") => ("Fin", Date),
        ("allowance_suspension", "reason") => ("Motif", enum_kind!(SuspensionReason)),
        ("allowance_suspension", "paid") => ("Allocation maintenue", YesNo),
        ("allowance_suspension", "document_received") => ("Justificatif reçu", YesNo),
        ("followup_form", "year") => ("Année", Text),
        ("followup_form", "sent_date") => ("Envoyée le", Date),
        ("followup_form", "sent_channel") => ("Envoyée par", enum_kind!(SendChannel)),
        ("followup_form", "received_date") => ("Reçue le", Date),
        ("followup_form", "complete") => ("Complète", YesNo),
        ("followup_form", "missing") => ("Pièces manquantes", Text),
        ("followup_form", "situation") => ("Situation", enum_kind!(Situation)),
        ("followup_form", "project_mode") => ("Mode d'exercice envisagé", enum_kind!(PracticeMode)),
        ("followup_form", "project_structure") => ("Structure envisagée", enum_kind!(PracticeStructure)),
        ("followup_form", "project_zone") => ("Zone envisagée", enum_kind!(ZoneType)),
        ("followup_form", "project_place") => ("Lieu envisagé", Text),
        ("followup_form", "project_date") => ("Date d'installation envisagée", Date),
        ("followup_form", "expected_des_date") => ("Date prévue du DES", Date),
        ("followup_form", "expected_thesis_date") => ("Date prévue de la thèse", Date),
        ("followup_form", "other_aids") => ("Autres aides", Text),
        ("followup_form", "comments") => ("Commentaires", Text),
        ("followup_form", "missing_note") => ("Autres manques", Text),
        ("followup_form", "applied_fields") => ("Reporté dans le dossier", Text),
        ("followup_reminder", "date") => ("Date de la relance", Date),
        ("followup_return_file", "year") => ("Campagne", Text),
        ("followup_return_file", "sha256") => ("Empreinte du fichier (SHA-256)", Text),
        ("followup_reminder", "channel") => ("Relance par", enum_kind!(SendChannel)),
        ("interview", "date") => ("Date de l'entretien", Date),
        ("interview", "mode") => ("Modalité", enum_kind!(InterviewMode)),
        ("interview", "reason") => ("Motif", enum_kind!(InterviewReason)),
        ("interview", "attendees") => ("Participants", Text),
        ("interview", "report") => ("Compte rendu", Text),
        ("interview_action", "position") | ("installation_place", "position") => ("Ordre", Text),
        ("interview_action", "text") => ("Action", Text),
        ("interview_action", "due_date") => ("Échéance", Date),
        ("interview_action", "done_date") => ("Faite le", Date),
        ("installation", "declaration_date") => ("Déclaration reçue le", Date),
        ("installation", "des_certificate_date") => ("Attestation de DES reçue le", Date),
        ("installation", "contracts_date") => ("Contrats reçus le", Date),
        ("installation_place", "insee") => ("Code INSEE", Text),
        ("installation_place", "commune") => ("Commune", Text),
        ("installation_place", "department") => ("Département", Text),
        ("installation_place", "zone") => ("Zone", enum_kind!(ZoneType)),
        ("installation_place", "zonage_version") => ("Version du zonage", Text),
        ("installation_place", "mode") => ("Mode d'exercice", enum_kind!(PlaceMode)),
        ("installation_place", "sector") => ("Secteur", enum_kind!(Sector)),
        ("installation_place", "structure") => ("Structure", enum_kind!(PracticeStructure)),
        ("installation_place", "half_days") => ("Demi-journées par semaine", Text),
        ("application", "academic_year") => ("Année universitaire (début)", Text),
        ("application", "project_mode") => ("Mode d'exercice envisagé", enum_kind!(PracticeMode)),
        ("application", "project_zone") => ("Zone envisagée", enum_kind!(ZoneType)),
        ("application", "project_place") => ("Lieu envisagé", Text),
        ("application", "project") => ("Projet professionnel", Text),
        ("application", "received_date") => ("Dossier reçu le", Date),
        ("application", "decision") => ("Décision de la commission", enum_kind!(Decision)),
        ("application", "waiting_rank") => ("Rang sur la liste d'attente", Text),
        ("application", "decision_reason") => ("Motif de la décision", Text),
        ("application", "contract_sent_on") => ("Contrat envoyé le", Date),
        ("application_document", "document") => ("Pièce", enum_kind!(ApplicationDocument)),
        ("application_document", "received_on") => ("Reçue le", Date),
        ("todo_done", "item_key") => ("Élément", Text),
        ("todo_done", "done_on") => ("Traité le", Date),
        _ => ("", Text),
    }
}

/// The label of a column: its French name, or the column itself for one added later and not
/// named here yet (never an empty cell).
pub fn field_label(table: &str, column: &str) -> String {
    match field(table, column).0 {
        "" => column.to_owned(),
        l => l.to_owned(),
    }
}

/// A stored value as the forms show it; "" for none.
pub fn value(table: &str, column: &str, raw: Option<&str>) -> String {
    let Some(raw) = raw else { return String::new() };
    match field(table, column).1 {
        Kind::Text => raw.to_owned(),
        Kind::Date => parse_date(raw).map(format_fr).unwrap_or_else(|| raw.to_owned()),
        Kind::YesNo => match raw {
            "1" => "oui".to_owned(),
            "0" => "non".to_owned(),
            other => other.to_owned(),
        },
        Kind::Euros => raw
            .parse::<rust_decimal::Decimal>()
            .map(crate::money::format_euros)
            .unwrap_or_else(|_| raw.to_owned()),
        Kind::Code(label) => label(raw).map(str::to_owned).unwrap_or_else(|| raw.to_owned()),
    }
}

/// A created or deleted row (its values as a JSON array: column, value, column, value…) as
/// "Label : valeur" pairs in the order of the table, empty values left out.
pub fn summary(table: &str, json: Option<&str>) -> String {
    let Some(items) = json.and_then(|j| serde_json::from_str::<Vec<serde_json::Value>>(j).ok()) else {
        return String::new();
    };
    items
        .chunks(2)
        .filter_map(|pair| {
            let [serde_json::Value::String(column), v] = pair else {
                return None;
            };
            let raw = match v {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) if s.is_empty() => return None,
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(format!(
                "{} : {}",
                field_label(table, column),
                value(table, column, Some(&raw))
            ))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_in_the_forms() {
        assert_eq!(value("signatory", "birth_date", Some("1999-03-05")), "05/03/1999");
        assert_eq!(
            value("signatory", "status", Some("en_formation")),
            "En formation (allocataire)"
        );
        assert_eq!(value("signatory", "padhue", Some("1")), "oui");
        assert_eq!(
            value("ledger", "end_amount", Some("1200.5")),
            "1\u{202f}200,50\u{a0}€"
        );
        assert_eq!(value("installation_place", "zone", Some("inconnue")), "inconnue");
        assert_eq!(value("signatory", "email", None), "");
        assert_eq!(field_label("signatory", "colonne_future"), "colonne_future");
        assert_eq!(
            summary(
                "practice_suspension",
                Some(r#"["start_date","2024-01-01","end_date",null]"#)
            ),
            "Début : 01/01/2024"
        );
    }
}
