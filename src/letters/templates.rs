//! The templates of the letters: stored in the register's settings, checked when saved,
//! rendered with minijinja (a maintained engine of the Jinja language, which agencies'
//! IT staff often know; small, no system dependency).
//!
//! A template comes from a person or a file: it is bounded in size, rendered with a fuel
//! budget (a loop cannot run away), and may only name the fields of its letter.

use super::{default_email_template, default_template, fields, LetterKind, Medium};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::{settings as kv, Store};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use specta::Type;
use std::collections::BTreeMap;

/// Longer than any letter; short enough to keep a template a page.
pub const MAX_CHARS: usize = 8_000;
/// Instructions a rendering may run: a letter takes a few hundred.
const FUEL: u64 = 50_000;

fn key(kind: LetterKind, medium: Medium) -> String {
    format!("{}_{}", medium.code(), kind.code())
}

/// The default of `kind` sent by `medium`; `None` when it is not sent that way.
fn default_for(kind: LetterKind, medium: Medium) -> Option<&'static str> {
    match medium {
        Medium::Courrier => Some(default_template(kind)),
        Medium::Courriel => default_email_template(kind),
    }
}

fn not_by_email(kind: LetterKind) -> Error {
    let mut e = ValidationErrors::default();
    e.push(
        "kind",
        format!(
            "« {} » ne s'envoie pas par courriel : il n'a pas de modèle de courriel.",
            kind.label()
        ),
    );
    Error::Validation(e)
}

/// One template as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TemplateView {
    pub kind: LetterKind,
    pub medium: Medium,
    pub label: String,
    /// The template in use (the saved one, or the default).
    pub text: String,
    /// True when it is the application's default.
    pub is_default: bool,
    pub fields: Vec<super::LetterField>,
}

/// The letter's template of `kind`: the agency's, or the default.
pub fn template(store: &Store, kind: LetterKind) -> Result<String> {
    template_in(store, kind, Medium::Courrier)
}

/// The template of `kind` sent by `medium`: the agency's, or the default.
pub fn template_in(store: &Store, kind: LetterKind, medium: Medium) -> Result<String> {
    let default = default_for(kind, medium).ok_or_else(|| not_by_email(kind))?;
    Ok(kv::get(store.read(), &key(kind, medium))?
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| default.to_owned()))
}

pub fn view(store: &Store, kind: LetterKind) -> Result<TemplateView> {
    view_in(store, kind, Medium::Courrier)
}

pub fn view_in(store: &Store, kind: LetterKind, medium: Medium) -> Result<TemplateView> {
    let default = default_for(kind, medium).ok_or_else(|| not_by_email(kind))?;
    let saved = kv::get(store.read(), &key(kind, medium))?.filter(|t| !t.trim().is_empty());
    Ok(TemplateView {
        kind,
        medium,
        label: kind.label().to_owned(),
        is_default: saved.is_none(),
        text: saved.unwrap_or_else(|| default.to_owned()),
        fields: fields(kind),
    })
}

/// Checks and saves the letter's template of `kind` ("" returns to the default).
pub fn save(store: &mut Store, kind: LetterKind, text: &str) -> Result<TemplateView> {
    save_in(store, kind, Medium::Courrier, text)
}

/// Checks and saves the template of `kind` sent by `medium` ("" returns to the default).
pub fn save_in(store: &mut Store, kind: LetterKind, medium: Medium, text: &str) -> Result<TemplateView> {
    default_for(kind, medium).ok_or_else(|| not_by_email(kind))?;
    let text = text.replace("\r\n", "\n");
    if !text.trim().is_empty() {
        check(kind, &text).map_err(|message| {
            let mut e = ValidationErrors::default();
            e.push("template", message);
            Error::Validation(e)
        })?;
    }
    store.write(|tx| kv::set(tx, &key(kind, medium), text.trim()))?;
    view_in(store, kind, medium)
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Plain text, printed as is: no HTML escaping of "l'ARS".
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env
}

/// Why `text` cannot be the template of `kind`, in French, with the line.
pub fn check(kind: LetterKind, text: &str) -> std::result::Result<(), String> {
    let n = text.chars().count();
    if n > MAX_CHARS {
        return Err(format!("Le modèle fait {n} caractères ; {MAX_CHARS} au plus."));
    }
    let env = environment();
    let tmpl = env.template_from_str(text).map_err(|e| syntax(&e))?;
    let known: Vec<String> = fields(kind).into_iter().map(|f| f.name).collect();
    let mut unknown: Vec<String> = tmpl
        .undeclared_variables(false)
        .into_iter()
        .filter(|v| !known.contains(v))
        .collect();
    unknown.sort();
    if !unknown.is_empty() {
        return Err(format!(
            "Champ{} inconnu{} : {}. Champs disponibles pour ce courrier : {}.",
            if unknown.len() > 1 { "s" } else { "" },
            if unknown.len() > 1 { "s" } else { "" },
            unknown
                .iter()
                .map(|u| format!("{{{{ {u} }}}}"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        ));
    }
    // Rendered once with the examples: what fails here would fail in every letter.
    let example: BTreeMap<String, String> = fields(kind).into_iter().map(|f| (f.name, f.example)).collect();
    tmpl.render(&example).map_err(|e| syntax(&e))?;
    Ok(())
}

fn syntax(e: &minijinja::Error) -> String {
    let what = e
        .detail()
        .map(str::to_owned)
        .unwrap_or_else(|| e.kind().to_string());
    match e.line() {
        Some(l) => format!("Modèle illisible, ligne {l} : {what}."),
        None => format!("Modèle illisible : {what}."),
    }
}

/// Renders `text` with `values` (every field of the letter).
pub fn render(text: &str, values: &BTreeMap<String, String>) -> Result<String> {
    let env = environment();
    let tmpl = env
        .template_from_str(text)
        .map_err(|e| Error::BadInput(syntax(&e)))?;
    tmpl.render(values).map_err(|e| Error::BadInput(syntax(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_templates_use_only_their_fields() {
        for kind in LetterKind::ALL {
            check(kind, default_template(kind)).unwrap_or_else(|e| panic!("{}: {e}", kind.code()));
        }
    }

    #[test]
    fn an_unknown_field_or_a_broken_template_is_refused_with_its_line() {
        let e = check(LetterKind::Envoi, "{{ formule }}\n{{ nom_de_famille }}").unwrap_err();
        assert!(e.contains("{{ nom_de_famille }}") && e.contains("formule"), "{e}");
        // A field of another letter is unknown here.
        let e = check(LetterKind::Envoi, "{{ motif_entretien }}").unwrap_err();
        assert!(e.contains("motif_entretien"), "{e}");
        let e = check(LetterKind::Envoi, "Bonjour\n{% if nom %}sans fin").unwrap_err();
        assert!(e.contains("ligne 2"), "{e}");
        let e = check(LetterKind::Envoi, &"x".repeat(MAX_CHARS + 1)).unwrap_err();
        assert!(e.contains("8000"), "{e}");
    }

    #[test]
    fn a_runaway_loop_runs_out_of_fuel() {
        let e = check(
            LetterKind::Envoi,
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        );
        assert!(e.is_err());
    }

    #[test]
    fn text_is_not_escaped() {
        let mut v = BTreeMap::new();
        v.insert(
            "ars".to_owned(),
            "ARS Provence-Alpes-Côte d'Azur <PACA>".to_owned(),
        );
        assert_eq!(
            render("{{ ars }}", &v).unwrap(),
            "ARS Provence-Alpes-Côte d'Azur <PACA>"
        );
    }
}
