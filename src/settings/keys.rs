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
        format!("Paramètre inconnu « {key} ». Paramètres : {}.", known.join(", ")),
    );
    Err(Error::Validation(e))
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
        for (key, bad) in [
            ("region", "Atlantide"),
            ("contact.courriel", "pas-une-adresse"),
            ("fiche.delai_retour", "0"),
            ("campagne.2026.retour", "01/01/2027"),
            ("inconnu", "1"),
        ] {
            assert!(
                matches!(set(&mut store, key, bad), Err(Error::Validation(_))),
                "{key}"
            );
        }
        assert_eq!(show(&store, &[2026]).unwrap(), shown);
    }
}
