//! The settings by name, for the command line (`cesp settings show`, `cesp settings set
//! KEY VALUE`): each key is saved through the same validation as its screen of the window,
//! one transaction, and a bad value or an unknown key changes nothing.

use super::{contact, privacy, save, save_contact, tables, ContactSettings, SettingsInput};
use crate::applications::calendar::{self as applications, CampaignSettingsForm};
use crate::backup::retention::Retention;
use crate::error::{Error, Result, ValidationErrors};
use crate::followup::calendar::{self, CampaignDatesForm};
use crate::store::Store;
use chrono::NaiveDate;
use serde::Serialize;

/// One setting as `cesp settings show` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// The keys of the contact details, with their label.
const CONTACT: &[(&str, &str)] = &[
    ("contact.service", "Service"),
    ("contact.referent", "Référent (signataire des courriers)"),
    ("contact.adresse", "Adresse postale (lignes séparées par \\n)"),
    ("contact.courriel", "Courriel"),
    ("contact.telephone", "Téléphone"),
    ("fiche.delai_retour", "Délai de retour des fiches (jours)"),
];

fn contact_field<'a>(c: &'a mut ContactSettings, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "contact.service" => &mut c.service,
        "contact.referent" => &mut c.referent,
        "contact.adresse" => &mut c.address,
        "contact.courriel" => &mut c.email,
        "contact.telephone" => &mut c.phone,
        "fiche.delai_retour" => &mut c.return_days,
        _ => return None,
    })
}

/// The calendar of the selection campaign (Paramètres › Campagne de candidatures).
const APPLICATIONS: &[(&str, &str)] = &[
    (
        "candidatures.fin_depot",
        "Candidatures : fin du dépôt des dossiers (jj/mm)",
    ),
    (
        "candidatures.commission",
        "Candidatures : commission de sélection (jj/mm, l'année suivante)",
    ),
    (
        "candidatures.listes_avant",
        "Candidatures : listes à transmettre avant le (jj/mm)",
    ),
    (
        "candidatures.signatures",
        "Candidatures : signature des contrats à partir du (jj/mm)",
    ),
    (
        "candidatures.retour_contrat_jours",
        "Candidatures : délai de retour du contrat signé (jours)",
    ),
    (
        "candidatures.validation_ars",
        "Candidatures : validation écrite de l'ARS (jamais, medecine_generale, autres_specialites, toujours)",
    ),
];

fn applications_field<'a>(f: &'a mut CampaignSettingsForm, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "candidatures.fin_depot" => &mut f.deadline,
        "candidatures.commission" => &mut f.commission,
        "candidatures.listes_avant" => &mut f.lists_before,
        "candidatures.signatures" => &mut f.signatures,
        "candidatures.retour_contrat_jours" => &mut f.contract_return_days,
        "candidatures.validation_ars" => &mut f.ars_validation,
        _ => return None,
    })
}

/// The rotation of the backups (Paramètres › Sauvegardes).
const BACKUPS: &[(&str, &str)] = &[
    ("sauvegardes.quotidiennes", "Sauvegardes quotidiennes gardées"),
    ("sauvegardes.hebdomadaires", "Sauvegardes hebdomadaires gardées"),
    ("sauvegardes.mensuelles", "Sauvegardes mensuelles gardées"),
    ("sauvegardes.autres_mois", "Autres sauvegardes gardées (mois)"),
];

fn backup_field<'a>(r: &'a mut Retention, key: &str) -> Option<&'a mut u32> {
    Some(match key {
        "sauvegardes.quotidiennes" => &mut r.daily,
        "sauvegardes.hebdomadaires" => &mut r.weekly,
        "sauvegardes.mensuelles" => &mut r.monthly,
        "sauvegardes.autres_mois" => &mut r.others_months,
        _ => return None,
    })
}

const JOURNAL: &str = "journal.conservation_mois";

/// "campagne.2026.envoi" → (2026, send); "campagne.2026.retour" → (2026, return).
fn campaign_key(key: &str) -> Option<(i32, bool)> {
    let mut parts = key.split('.');
    let (Some("campagne"), Some(year), Some(which), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let year: i32 = year.parse().ok()?;
    match which {
        "envoi" => Some((year, true)),
        "retour" => Some((year, false)),
        _ => None,
    }
}

/// Every setting, with the campaigns of `years` (their dates).
pub fn show(store: &Store, years: &[i32]) -> Result<Vec<Setting>> {
    let s = |key: &str, label: &str, value: String| Setting {
        key: key.to_owned(),
        label: label.to_owned(),
        value,
    };
    let mut out = vec![s("region", "Région de l'ARS", super::region(store)?)];
    out.push(s(
        tables::RATES,
        "Barème de l'allocation (CSV : a_partir_du;brut;net)",
        tables::rates_text(store)?,
    ));
    out.push(s(
        tables::DEGRESSIVE,
        "Taux dégressif (CSV : regime;discipline;seuil_mois;coefficient)",
        tables::degressive_text(store)?,
    ));
    let mut c = contact(store)?;
    for (key, label) in CONTACT {
        let value = contact_field(&mut c, key).map(|v| v.clone()).unwrap_or_default();
        out.push(s(key, label, value));
    }
    out.push(s(
        "logo",
        "Logo de l'agence (fichier PNG ou SVG ; vide = aucun)",
        super::logo::info(store)?
            .map(|l| format!("{} ({} × {} pixels)", l.file_name, l.width, l.height))
            .unwrap_or_default(),
    ));
    out.push(s(
        "donnees_personnelles",
        "Mention sur les données personnelles (vide = texte par défaut)",
        privacy::saved(store)?,
    ));
    let t = crate::todo::settings(store)?;
    for (key, label, v) in [
        (
            "a_faire.fiche_non_retournee_jours",
            "À faire : fiche non retournée après (jours)",
            t.unreturned_days,
        ),
        (
            "a_faire.diplome_sans_installation_mois",
            "À faire : diplômé sans déclaration après (mois)",
            t.diploma_months,
        ),
        (
            "a_faire.suspension_definitive_jours",
            "À faire : suspension définitive, jours restants",
            t.definitive_days_left,
        ),
        (
            "a_faire.fin_engagement_mois",
            "À faire : fin d'engagement dans (mois)",
            t.commitment_months_ahead,
        ),
    ] {
        out.push(s(key, label, v.to_string()));
    }
    out.push(s(
        "conservation.annees",
        "Conservation des dossiers terminés (années)",
        crate::archive::years(store)?.to_string(),
    ));
    let mut a = applications::form(&applications::settings(store)?);
    for (key, label) in APPLICATIONS {
        let value = applications_field(&mut a, key)
            .map(|v| v.clone())
            .unwrap_or_default();
        out.push(s(key, label, value));
    }
    let mut r = crate::backup::retention(store)?;
    for (key, label) in BACKUPS {
        let value = backup_field(&mut r, key)
            .map(|v| v.to_string())
            .unwrap_or_default();
        out.push(s(key, label, value));
    }
    out.push(s(
        JOURNAL,
        "Conservation du journal (mois, de 6 à 12)",
        crate::audit::retention_months(store)?.to_string(),
    ));
    let i = crate::installation::settings_form(store)?;
    out.push(s(
        "installation.demi_journees_temps_plein",
        "Installation : demi-journées d'un temps plein",
        i.full_time_half_days,
    ));
    out.push(s(
        "installation.remplacement_mois_max",
        "Installation : remplacement, mois au plus",
        i.max_replacement_months,
    ));
    for kind in crate::letters::LetterKind::ALL {
        out.push(s(
            &format!("lettre.{}", kind.code()),
            &format!("Modèle : {}", kind.label()),
            crate::letters::templates::template(store, kind)?,
        ));
    }
    for kind in crate::letters::LetterKind::ALL
        .into_iter()
        .filter(|k| k.goes_with_sheet())
    {
        out.push(s(
            &format!("courriel.{}", kind.code()),
            &format!("Modèle de courriel : {}", kind.label()),
            crate::letters::templates::template_in(store, kind, crate::letters::Medium::Courriel)?,
        ));
    }
    for &y in years {
        let f = calendar::form(store, y)?;
        out.push(s(
            &format!("campagne.{y}.envoi"),
            &format!("Campagne {y} : date d'envoi"),
            f.send,
        ));
        out.push(s(
            &format!("campagne.{y}.retour"),
            &format!("Campagne {y} : date limite de retour"),
            f.return_by,
        ));
    }
    Ok(out)
}

/// Sets `key` to `value` through the validation of its screen (`today` for the journal's
/// retention, which purges at once what it no longer keeps).
pub fn set(store: &mut Store, key: &str, value: &str, today: NaiveDate) -> Result<()> {
    if key == tables::RATES {
        return tables::save_rates(store, value);
    }
    if key == tables::DEGRESSIVE {
        return tables::save_degressive(store, value);
    }
    let mut a = applications::form(&applications::settings(store)?);
    if let Some(field) = applications_field(&mut a, key) {
        *field = value.trim().to_owned();
        return applications::save_settings(store, &a).map(|_| ());
    }
    let mut r = crate::backup::retention(store)?;
    if let Some(field) = backup_field(&mut r, key) {
        *field = number(key, value)?;
        return crate::backup::save_retention(store, &r).map(|_| ());
    }
    if key == JOURNAL {
        return crate::audit::save_retention(store, number(key, value)?, today).map(|_| ());
    }
    if key == "region" {
        return save(
            store,
            &SettingsInput {
                region: value.to_owned(),
            },
        )
        .map(|_| ());
    }
    if let Some(field) = key.strip_prefix("a_faire.") {
        let mut t = crate::todo::settings(store)?;
        let slot = match field {
            "fiche_non_retournee_jours" => &mut t.unreturned_days,
            "diplome_sans_installation_mois" => &mut t.diploma_months,
            "suspension_definitive_jours" => &mut t.definitive_days_left,
            "fin_engagement_mois" => &mut t.commitment_months_ahead,
            _ => return Err(unknown(key)),
        };
        *slot = number(key, value)?;
        return crate::todo::save_settings(store, &t).map(|_| ());
    }
    if key == "conservation.annees" {
        return crate::archive::save_years(store, number(key, value)?).map(|_| ());
    }
    if let Some(field) = key.strip_prefix("installation.") {
        let mut f = crate::installation::settings_form(store)?;
        match field {
            "demi_journees_temps_plein" => f.full_time_half_days = value.to_owned(),
            "remplacement_mois_max" => f.max_replacement_months = value.to_owned(),
            _ => return Err(unknown(key)),
        }
        return crate::installation::save_settings(store, &f).map(|_| ());
    }
    if key == "logo" {
        return if value.trim().is_empty() {
            super::logo::remove(store)
        } else {
            super::logo::save_file(store, std::path::Path::new(value.trim())).map(|_| ())
        };
    }
    if key == "donnees_personnelles" {
        return privacy::save(store, value).map(|_| ());
    }
    if let Some(kind) = key
        .strip_prefix("lettre.")
        .and_then(crate::letters::LetterKind::from_code)
    {
        return crate::letters::templates::save(store, kind, value).map(|_| ());
    }
    if let Some(kind) = key
        .strip_prefix("courriel.")
        .and_then(crate::letters::LetterKind::from_code)
    {
        return crate::letters::templates::save_in(store, kind, crate::letters::Medium::Courriel, value)
            .map(|_| ());
    }
    let mut c = contact(store)?;
    if let Some(field) = contact_field(&mut c, key) {
        // "\n" typed in a shell stands for a line break of the address.
        *field = value.replace("\\n", "\n");
        return save_contact(store, &c).map(|_| ());
    }
    if let Some((year, send)) = campaign_key(key) {
        let mut f: CampaignDatesForm = calendar::form(store, year)?;
        if send {
            f.send = value.to_owned();
        } else {
            f.return_by = value.to_owned();
        }
        return calendar::save(store, &f).map(|_| ());
    }
    Err(unknown(key))
}

/// A whole number typed on the command line.
fn number(key: &str, value: &str) -> Result<u32> {
    value.trim().parse().map_err(|_| {
        let mut e = ValidationErrors::default();
        e.push(key, format!("« {value} » n'est pas un nombre entier."));
        Error::Validation(e)
    })
}

fn unknown(key: &str) -> Error {
    let mut e = ValidationErrors::default();
    let known: Vec<&str> = [
        "region",
        tables::RATES,
        tables::DEGRESSIVE,
        "logo",
        "donnees_personnelles",
    ]
    .into_iter()
    .chain(CONTACT.iter().map(|(k, _)| *k))
    .chain(["campagne.AAAA.envoi", "campagne.AAAA.retour"])
    .chain([
        "lettre.envoi",
        "lettre.relance",
        "lettre.convocation",
        "lettre.installation",
        "courriel.envoi",
        "courriel.relance",
    ])
    .collect();
    e.push(
        "key",
        format!(
            "Paramètre inconnu « {key} ». Paramètres : {}, a_faire.…, candidatures.…, sauvegardes.…, \
             {JOURNAL}, conservation.annees, installation.… (cesp settings show les liste tous).",
            known.join(", ")
        ),
    );
    Error::Validation(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 3) {
        Some(d) => d,
        None => panic!(),
    };

    fn value(shown: &[Setting], key: &str) -> String {
        shown
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.value.clone())
            .unwrap_or_else(|| panic!("{key} absent"))
    }

    #[test]
    fn every_key_is_validated_like_its_screen_and_an_unknown_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        for (key, v) in [
            ("region", "bretagne"),
            (
                "contact.adresse",
                "6 place des Colombes\\nCS 14253\\n35042 Rennes Cedex",
            ),
            ("campagne.2026.retour", "04/01/2027"),
            ("a_faire.fiche_non_retournee_jours", "45"),
            ("installation.demi_journees_temps_plein", "9"),
            ("candidatures.fin_depot", "12/12"),
            ("candidatures.validation_ars", "toujours"),
            ("sauvegardes.hebdomadaires", "8"),
            ("journal.conservation_mois", "6"),
        ] {
            set(&mut store, key, v, DAY).unwrap_or_else(|e| panic!("{key}: {e}"));
        }
        let shown = show(&store, &[2026]).unwrap();
        assert_eq!(value(&shown, "region"), "Bretagne");
        assert_eq!(
            value(&shown, "contact.adresse"),
            "6 place des Colombes\nCS 14253\n35042 Rennes Cedex"
        );
        assert_eq!(value(&shown, "campagne.2026.retour"), "04/01/2027");
        assert_eq!(value(&shown, "a_faire.fiche_non_retournee_jours"), "45");
        assert_eq!(value(&shown, "installation.demi_journees_temps_plein"), "9");
        assert_eq!(value(&shown, "candidatures.fin_depot"), "12/12");
        assert_eq!(value(&shown, "candidatures.validation_ars"), "toujours");
        assert_eq!(value(&shown, "sauvegardes.hebdomadaires"), "8");
        assert_eq!(value(&shown, "journal.conservation_mois"), "6");
        assert_eq!(crate::todo::settings(&store).unwrap().unreturned_days, 45);
        assert_eq!(crate::backup::retention(&store).unwrap().weekly, 8);
        assert_eq!(crate::audit::retention_months(&store).unwrap(), 6);
        for (key, bad) in [
            ("region", "Atlantide"),
            ("contact.courriel", "pas-une-adresse"),
            ("fiche.delai_retour", "0"),
            ("campagne.2026.retour", "01/01/2027"),
            ("inconnu", "1"),
            ("a_faire.fiche_non_retournee_jours", "0"),
            ("conservation.annees", "deux"),
            ("installation.demi_journees_temps_plein", "30"),
            ("candidatures.fin_depot", "31/02"),
            ("candidatures.validation_ars", "parfois"),
            ("sauvegardes.quotidiennes", "0"),
            ("journal.conservation_mois", "24"),
            ("bareme.allocation", "01/09/2010;1200"),
            ("degressivite", "r2010;inconnue;36;120"),
        ] {
            assert!(
                matches!(set(&mut store, key, bad, DAY), Err(Error::Validation(_))),
                "{key}"
            );
        }
        assert_eq!(show(&store, &[2026]).unwrap(), shown);
    }

    #[test]
    fn the_tables_print_as_french_csv_and_read_back_what_they_print() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let before = show(&store, &[]).unwrap();
        let rates = value(&before, "bareme.allocation");
        let degressive = value(&before, "degressivite");
        assert!(rates.starts_with("a_partir_du;brut;net\n"), "{rates}");
        assert!(rates.contains(",00"), "virgule décimale : {rates}");
        assert!(degressive.starts_with("regime;discipline;seuil_mois;coefficient\n"));
        // What is printed is taken back unchanged.
        set(&mut store, "bareme.allocation", &rates, DAY).unwrap();
        set(&mut store, "degressivite", &degressive, DAY).unwrap();
        assert_eq!(show(&store, &[]).unwrap(), before);

        // A file as a spreadsheet saves it: BOM, CRLF, header capitalised, amounts with a
        // space and a euro sign, a blank line; rows in any order.
        let typed =
            "\u{feff}À partir du;Brut;Net\r\n01/09/2026;1 300,00 €;1 150,50\r\n\r\n01/09/2010;1200;1050\r\n";
        set(&mut store, "bareme.allocation", typed, DAY).unwrap();
        let after = ledger_rates(&store);
        assert_eq!(
            after,
            vec![
                (
                    "01/09/2010".to_owned(),
                    "1200.00".to_owned(),
                    "1050.00".to_owned()
                ),
                (
                    "01/09/2026".to_owned(),
                    "1300.00".to_owned(),
                    "1150.50".to_owned()
                ),
            ]
        );

        // A refusal names the line and the column, and saves nothing.
        let bad = "a_partir_du;brut;net\n01/09/2010;1200;1050\n31/09/2026;1300;1400\n";
        let Err(Error::Validation(e)) = set(&mut store, "bareme.allocation", bad, DAY) else {
            panic!("refus attendu");
        };
        assert!(
            e.message("bareme.allocation, ligne 3, colonne a_partir_du")
                .is_some(),
            "{e}"
        );
        assert!(
            e.message("bareme.allocation, ligne 3, colonne net").is_some(),
            "{e}"
        );
        let Err(Error::Validation(e)) = set(&mut store, "bareme.allocation", "01/09/2010;1200", DAY) else {
            panic!("refus attendu");
        };
        assert!(
            e.message("bareme.allocation")
                .unwrap()
                .contains("ligne 1 : 3 colonnes attendues"),
            "{e}"
        );
        assert_eq!(ledger_rates(&store).len(), 2);

        // The degressive table: only the rows given change.
        let first = degressive.lines().nth(1).unwrap();
        let cells: Vec<&str> = first.split(';').collect();
        let changed = format!("{};{};48;150,5", cells[0], cells[1]);
        set(&mut store, "degressivite", &changed, DAY).unwrap();
        let now = value(&show(&store, &[]).unwrap(), "degressivite");
        assert!(
            now.contains(&format!("{};{};48;150,5", cells[0], cells[1])),
            "{now}"
        );
        assert_eq!(now.lines().count(), degressive.lines().count());
        let Err(Error::Validation(e)) = set(
            &mut store,
            "degressivite",
            &format!("{};{};48;0", cells[0], cells[1]),
            DAY,
        ) else {
            panic!("refus attendu");
        };
        assert!(
            e.message("degressivite, ligne 1, colonne coefficient").is_some(),
            "{e}"
        );
    }

    fn ledger_rates(store: &Store) -> Vec<(String, String, String)> {
        crate::ledger::service::rates(store)
            .unwrap()
            .into_iter()
            .map(|r| (r.from, r.monthly_gross, r.monthly_net))
            .collect()
    }
}
