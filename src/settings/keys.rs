//! The settings by name, for the command line (`cesp settings show`, `cesp settings set
//! KEY VALUE`): each key is saved through the same validation as its screen of the window,
//! one transaction, and a bad value or an unknown key changes nothing.

use super::{contact, privacy, save, save_contact, ContactSettings, SettingsInput};
use crate::error::{Error, Result, ValidationErrors};
use crate::followup::calendar::{self, CampaignDatesForm};
use crate::store::Store;
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
    let mut c = contact(store)?;
    for (key, label) in CONTACT {
        let value = contact_field(&mut c, key).map(|v| v.clone()).unwrap_or_default();
        out.push(s(key, label, value));
    }
    out.push(s(
        "logo",
        "Logo de l'agence (fichier PNG ; vide = aucun)",
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

/// Sets `key` to `value` through the validation of its screen.
pub fn set(store: &mut Store, key: &str, value: &str) -> Result<()> {
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
    let known: Vec<&str> = ["region", "logo", "donnees_personnelles"]
        .into_iter()
        .chain(CONTACT.iter().map(|(k, _)| *k))
        .chain(["campagne.AAAA.envoi", "campagne.AAAA.retour"])
        .chain([
            "lettre.envoi",
            "lettre.relance",
            "lettre.convocation",
            "lettre.installation",
        ])
        .collect();
    e.push(
        "key",
        format!(
            "Paramètre inconnu « {key} ». Paramètres : {}, a_faire.…, conservation.annees, installation.… \
             (cesp settings show les liste tous).",
            known.join(", ")
        ),
    );
    Error::Validation(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_validated_like_its_screen_and_an_unknown_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        set(&mut store, "region", "bretagne").unwrap();
        set(
            &mut store,
            "contact.adresse",
            "6 place des Colombes\\nCS 14253\\n35042 Rennes Cedex",
        )
        .unwrap();
        set(&mut store, "campagne.2026.retour", "04/01/2027").unwrap();
        set(&mut store, "a_faire.fiche_non_retournee_jours", "45").unwrap();
        set(&mut store, "installation.demi_journees_temps_plein", "9").unwrap();
        let shown = show(&store, &[2026]).unwrap();
        let value = |k: &str| {
            shown
                .iter()
                .find(|s| s.key == k)
                .map(|s| s.value.clone())
                .unwrap()
        };
        assert_eq!(value("region"), "Bretagne");
        assert_eq!(
            value("contact.adresse"),
            "6 place des Colombes\nCS 14253\n35042 Rennes Cedex"
        );
        assert_eq!(value("campagne.2026.retour"), "04/01/2027");
        assert_eq!(value("a_faire.fiche_non_retournee_jours"), "45");
        assert_eq!(value("installation.demi_journees_temps_plein"), "9");
        assert_eq!(crate::todo::settings(&store).unwrap().unreturned_days, 45);
        for (key, bad) in [
            ("region", "Atlantide"),
            ("contact.courriel", "pas-une-adresse"),
            ("fiche.delai_retour", "0"),
            ("campagne.2026.retour", "01/01/2027"),
            ("inconnu", "1"),
            ("a_faire.fiche_non_retournee_jours", "0"),
            ("conservation.annees", "deux"),
            ("installation.demi_journees_temps_plein", "30"),
        ] {
            assert!(
                matches!(set(&mut store, key, bad), Err(Error::Validation(_))),
                "{key}"
            );
        }
        assert_eq!(show(&store, &[2026]).unwrap(), shown);
    }
}
