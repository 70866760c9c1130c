//! The data-protection notice printed on every document that collects personal data
//! (the sheet, the covering letter): what article 13 of the GDPR requires the agency to
//! tell the person when it collects their data — who is responsible, why, on what legal
//! basis, who receives the data, how long they are kept, the person's rights and whom to
//! ask. A setting: the agency's data-protection officer words it; the default is complete.

use crate::error::{Result, ValidationErrors};
use crate::store::{settings as kv, Store};

const KEY: &str = "privacy_notice";
/// Long enough for any notice; short enough to stay a paragraph of the sheet.
pub const MAX_CHARS: usize = 1_000;

/// The default notice for the agency `ars` ("ARS Bretagne"), keeping files `years` after
/// their end.
pub fn default_notice(ars: &str, years: u32) -> String {
    let ars = if ars.trim().is_empty() {
        "L'agence régionale de santé"
    } else {
        ars.trim()
    };
    format!(
        "Protection des données personnelles. {ars} (son directeur général) est responsable du traitement de ces \
         informations. Elles servent au suivi de votre contrat d'engagement de service public, de vos études à la \
         fin de votre engagement (article L. 632-6 du code de l'éducation) : c'est une mission d'intérêt public \
         (article 6.1.e du RGPD). Elles sont communiquées à l'organisme gestionnaire de votre contrat et, pour \
         les comptages, sans votre nom, au ministère chargé de la santé. Elles sont conservées pendant votre contrat \
         puis {years} ans après sa fin. Vous pouvez y accéder, les faire rectifier, en demander la limitation ou vous \
         opposer à leur traitement auprès du délégué à la protection des données de l'agence, et adresser une \
         réclamation à la CNIL (www.cnil.fr)."
    )
}

/// The notice to print: the one saved, or the default.
pub fn notice(store: &Store) -> Result<String> {
    if let Some(v) = kv::get(store.read(), KEY)?.filter(|v| !v.trim().is_empty()) {
        return Ok(v);
    }
    Ok(default_notice(
        &super::ars_name(store)?,
        crate::archive::years(store)?,
    ))
}

/// The notice as saved ("" = the default).
pub fn saved(store: &Store) -> Result<String> {
    Ok(kv::get(store.read(), KEY)?.unwrap_or_default())
}

/// Saves the notice ("" returns to the default).
pub fn save(store: &mut Store, text: &str) -> Result<String> {
    let t = text.trim();
    if t.chars().count() > MAX_CHARS {
        let mut e = ValidationErrors::default();
        e.push(
            "privacy_notice",
            format!(
                "La mention sur les données personnelles dépasse {MAX_CHARS} caractères ({}) : raccourcissez-la.",
                t.chars().count()
            ),
        );
        return Err(e.into());
    }
    store.write(|tx| kv::set(tx, KEY, t))?;
    notice(store)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_notice_says_what_article_13_asks() {
        let n = super::default_notice("ARS Bretagne", 10);
        for part in [
            "ARS Bretagne",
            "responsable du traitement",
            "6.1.e",
            "organisme gestionnaire",
            "10 ans",
            "rectifier",
            "CNIL",
        ] {
            assert!(n.contains(part), "{part}");
        }
    }
}
