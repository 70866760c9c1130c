//! Printing the letters of a campaign: who receives `kind`, the values of each letter's
//! fields, the template rendered, and the PDF — one merged file in envelope order, or one
//! file per signatory — optionally with each signatory's sheet after the letter.

use super::templates::render;
use super::LetterKind;
use crate::domain::dates::format_fr;
use crate::domain::{Civility, FormStatus, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::followup::print::{PrintReport, PrintTarget};
use crate::pdf::{self, Envelope, FollowupSheet, Letter, SheetContact};
use crate::register::{ListQuery, SortColumn};
use crate::settings;
use crate::store::{signatories, Store};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the window asks to print.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
pub struct LettersInput {
    pub year: i32,
    pub kind: LetterKind,
    pub with_sheets: bool,
    pub appointment: String,
    pub place: String,
    pub target: PrintTarget,
}

impl LettersInput {
    /// The request and its target.
    pub fn split(self) -> (LettersRequest, PrintTarget) {
        (
            LettersRequest {
                year: self.year,
                kind: self.kind,
                with_sheets: self.with_sheets,
                status: None,
                appointment: self.appointment,
                place: self.place,
                medium: super::Medium::Courrier,
            },
            self.target,
        )
    }
}

/// What to print.
#[derive(Debug, Clone)]
pub struct LettersRequest {
    pub year: i32,
    pub kind: LetterKind,
    /// Each letter followed by the signatory's sheet (campaign letters only).
    pub with_sheets: bool,
    /// Only the sheets in this state (covering letters).
    pub status: Option<FormStatus>,
    /// The appointment offered in convocations ("12/01/2027 à 10 h"), "" for none.
    pub appointment: String,
    /// Where, "" for none.
    pub place: String,
    /// Posted, or e-mailed (its own template; see `letters::email`).
    pub medium: super::Medium,
}

/// One recipient and the fields that are theirs alone.
struct Recipient {
    id: i64,
    extra: BTreeMap<String, String>,
}

/// Who receives `kind` for the campaign `year`, on `today`.
fn recipients(store: &Store, req: &LettersRequest, today: NaiveDate) -> Result<Vec<Recipient>> {
    let plain = |ids: Vec<i32>| {
        ids.into_iter()
            .map(|id| Recipient {
                id: i64::from(id),
                extra: BTreeMap::new(),
            })
            .collect::<Vec<_>>()
    };
    Ok(match req.kind {
        LetterKind::Envoi => plain(crate::followup::service::campaign_ids(
            store, req.year, req.status, "",
        )?),
        LetterKind::Relance => {
            let mut out = Vec::new();
            for status in [FormStatus::Envoyee, FormStatus::Relancee] {
                for id in crate::followup::service::campaign_ids(store, req.year, Some(status), "")? {
                    let form = crate::followup::service::form(store, i64::from(id), req.year)?;
                    let mut extra = BTreeMap::new();
                    extra.insert(
                        "date_envoi_fiche".to_owned(),
                        form.sent_date.map(format_fr).unwrap_or_default(),
                    );
                    extra.insert("nombre_relances".to_owned(), form.reminders.len().to_string());
                    out.push(Recipient {
                        id: i64::from(id),
                        extra,
                    });
                }
            }
            out
        }
        LetterKind::Convocation => {
            // One convocation per person: the interview due first.
            let mut due = crate::interviews::region_due(store, today, false)?;
            due.sort_by(|a, b| (a.signatory_id, &a.due_iso).cmp(&(b.signatory_id, &b.due_iso)));
            due.dedup_by_key(|d| d.signatory_id);
            due.into_iter()
                .map(|d| {
                    let mut extra = BTreeMap::new();
                    extra.insert("motif_entretien".to_owned(), d.reason_label);
                    extra.insert("echeance_entretien".to_owned(), d.due);
                    extra.insert("date_rendez_vous".to_owned(), req.appointment.trim().to_owned());
                    extra.insert("lieu_rendez_vous".to_owned(), req.place.trim().to_owned());
                    Recipient {
                        id: i64::from(d.signatory_id),
                        extra,
                    }
                })
                .collect()
        }
        LetterKind::Installation => {
            let q = ListQuery {
                search: String::new(),
                status: Some(Status::Diplome),
                discipline: None,
                sort: SortColumn::Name,
                descending: false,
                offset: 0,
                limit: 0,
            };
            let mut out = Vec::new();
            // Every match, not a page of the list (which stops at 500).
            for row in crate::register::all_matching(store, &q)? {
                let id = i64::from(row.id);
                let diploma = crate::store::ledger::get(store.read(), id)?.and_then(|l| l.diploma_date);
                let mut extra = BTreeMap::new();
                extra.insert(
                    "date_diplome".to_owned(),
                    diploma.map(format_fr).unwrap_or_default(),
                );
                out.push(Recipient { id, extra });
            }
            out
        }
    })
}

/// The values shared by every letter of a batch.
struct Common {
    values: BTreeMap<String, String>,
    contact: SheetContact,
    ars_name: String,
    place_date: String,
    return_by: NaiveDate,
    template: String,
    logo: Option<std::sync::Arc<crate::pdf::layout::Image>>,
    /// Printed on the letters that ask for personal data (the covering letter).
    privacy_notice: String,
}

fn common(store: &Store, req: &LettersRequest, today: NaiveDate) -> Result<Common> {
    let c = settings::contact(store)?;
    let ars_name = settings::ars_name(store)?;
    let dates = crate::followup::calendar::dates(store, req.year, today)?;
    let region = settings::region(store)?;
    // A reminder gives a fresh delay when the campaign's deadline is near or gone.
    let return_by = if req.kind == LetterKind::Relance {
        let fresh = crate::domain::calendar::next_working_day(
            today.checked_add_days(Days::new(15)).unwrap_or(today),
            &region,
        );
        dates.return_by.max(fresh)
    } else {
        dates.return_by
    };
    let mut values = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        values.insert(k.to_owned(), v);
    };
    put("annee", req.year.to_string());
    put("date_envoi", format_fr(dates.send));
    put("date_limite_retour", format_fr(return_by));
    put("date_du_jour", format_fr(today));
    put("ars", ars_name.clone());
    put("service", c.service.clone());
    put("referent", c.referent.clone());
    // Non-breaking spaces: a phone number is never cut at the end of a line.
    put("telephone_ars", c.phone.replace(' ', "\u{a0}"));
    put("courriel_ars", c.email.clone());
    let town = crate::postal::town_of(&c.address);
    let place_date = if town.is_empty() {
        format!("Le {}", format_fr(today))
    } else {
        format!("{town}, le {}", format_fr(today))
    };
    Ok(Common {
        values,
        contact: SheetContact {
            service: c.service,
            referent: c.referent,
            address: c.address,
            email: c.email,
            phone: c.phone,
        },
        ars_name,
        place_date,
        return_by,
        template: super::templates::template_in(store, req.kind, req.medium)?,
        logo: settings::logo::image(store)?.map(std::sync::Arc::new),
        privacy_notice: if req.kind == LetterKind::Envoi {
            settings::privacy::notice(store)?
        } else {
            String::new()
        },
    })
}

/// The letter of one recipient, rendered.
fn letter(
    store: &Store,
    common: &Common,
    r: &Recipient,
    kind: LetterKind,
    today: NaiveDate,
) -> Result<Letter> {
    let s = signatories::get(store.read(), r.id)?.ok_or(Error::SignatoryNotFound(r.id))?;
    let mut values = common.values.clone();
    let (formule, politesse) = match s.civility {
        Some(Civility::Mme) => ("Madame,", "Madame"),
        Some(Civility::M) => ("Monsieur,", "Monsieur"),
        None => ("Madame, Monsieur,", "Madame, Monsieur"),
    };
    let full = format!(
        "{} {} {}",
        s.civility_label(),
        s.first_names,
        s.last_name.to_uppercase()
    )
    .trim()
    .to_owned();
    let mut put = |k: &str, v: String| {
        values.insert(k.to_owned(), v);
    };
    put("formule", formule.to_owned());
    put("formule_politesse", politesse.to_owned());
    put("civilite", s.civility_label().to_owned());
    put("prenoms", s.first_names.clone());
    put("nom", s.last_name.to_uppercase());
    put("nom_complet", full.clone());
    put("dossier", r.id.to_string());
    put("discipline", s.discipline.label().to_owned());
    put("specialite", s.specialty.clone().unwrap_or_default());
    put("reference_contrat", s.contract_ref.clone().unwrap_or_default());
    put(
        "organisme_gestionnaire",
        crate::domain::managing::managing_body_at(s.managing_body, s.signature_date, today)
            .map(|m| m.label().to_owned())
            .unwrap_or_default(),
    );
    values.extend(r.extra.clone());
    // Fields of other letters are absent: the template was checked against its own list.
    let text = render(&common.template, &values)?;
    let mut subject = String::new();
    let mut paragraphs = Vec::new();
    for (i, p) in text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        match p.strip_prefix("Objet :").or_else(|| p.strip_prefix("Objet:")) {
            Some(rest) if i == 0 => subject = rest.trim().to_owned(),
            _ => paragraphs.push(p.to_owned()),
        }
    }
    let mut signature = Vec::new();
    if !common.ars_name.is_empty() {
        signature.push(format!("Pour le directeur général de l'{}", common.ars_name));
        signature.push("et par délégation,".to_owned());
    }
    if !common.contact.referent.trim().is_empty() {
        signature.push(common.contact.referent.trim().to_owned());
    }
    Ok(Letter {
        ars_name: common.ars_name.clone(),
        sender: common.contact.sender_lines(),
        recipient: crate::postal::address_lines(&full, s.address.as_deref().unwrap_or_default()),
        file_number: format!("Dossier n° {}", r.id),
        place_date: common.place_date.clone(),
        subject,
        paragraphs,
        signature,
        footer: format!(
            "{} — {} {}",
            kind.label(),
            s.last_name.to_uppercase(),
            s.first_names
        ),
        last_name: s.last_name.clone(),
        first_names: s.first_names.clone(),
        logo: common.logo.clone(),
        privacy_notice: common.privacy_notice.clone(),
        email: s.email.clone().unwrap_or_default(),
    })
}

/// The envelopes of a request, in envelope order (by name, in French order).
pub fn envelopes(store: &Store, req: &LettersRequest, today: NaiveDate) -> Result<Vec<Envelope>> {
    let common = common(store, req, today)?;
    let mut list = recipients(store, req, today)?;
    let names: BTreeMap<i64, String> = list
        .iter()
        .map(|r| {
            let key = signatories::get(store.read(), r.id)?
                .map(|s| format!("{} {}", s.last_name, s.first_names))
                .unwrap_or_default();
            Ok((r.id, key))
        })
        .collect::<Result<_>>()?;
    crate::text::sort_french_by(&mut list, |r| names.get(&r.id).cloned().unwrap_or_default());
    let sheets: Vec<Option<FollowupSheet>> = if req.with_sheets && req.kind.goes_with_sheet() {
        let ids: Vec<i32> = list.iter().filter_map(|r| i32::try_from(r.id).ok()).collect();
        let mut sheets = crate::followup::print::sheets(store, &ids, req.year, today)?;
        for s in &mut sheets {
            s.return_by = format_fr(common.return_by);
            // One logo for the whole file: embedded once.
            s.logo = common.logo.clone();
        }
        sheets.into_iter().map(Some).collect()
    } else {
        vec![None; list.len()]
    };
    list.iter()
        .zip(sheets)
        .map(|(r, sheet)| {
            Ok(Envelope {
                letter: letter(store, &common, r, req.kind, today)?,
                sheet,
            })
        })
        .collect()
}

/// Prints the letters of `req` to `target`.
pub fn print(
    store: &Store,
    req: &LettersRequest,
    target: &PrintTarget,
    today: NaiveDate,
) -> Result<PrintReport> {
    if req.with_sheets && !req.kind.goes_with_sheet() {
        let mut e = ValidationErrors::default();
        e.push(
            "with_sheets",
            "Seuls le courrier d'envoi et la relance sont accompagnés de la fiche de suivi.",
        );
        return Err(e.into());
    }
    let list = envelopes(store, req, today)?;
    if list.is_empty() {
        let mut e = ValidationErrors::default();
        e.push(
            "kind",
            format!(
                "Aucun destinataire pour « {} » en {}.",
                req.kind.label(),
                req.year
            ),
        );
        return Err(e.into());
    }
    let fonts = pdf::fonts()?;
    let title = format!("{} — {}", req.kind.label(), req.year);
    let write = |path: &std::path::Path, bytes: &[u8]| {
        pdf::write_file(path, bytes).map_err(|source| Error::WriteFile {
            path: path.to_owned(),
            source,
        })
    };
    match target {
        PrintTarget::Merged(path) => {
            let path = PathBuf::from(path);
            let bytes = pdf::render_envelopes(fonts, &list, &title, today, &mut |_| true)?
                .ok_or_else(|| Error::BadInput("impression annulée".to_owned()))?;
            write(&path, &bytes)?;
            Ok(PrintReport {
                sheets: u32::try_from(list.len()).unwrap_or(u32::MAX),
                files: vec![path.display().to_string()],
                location: path.display().to_string(),
                cancelled: false,
            })
        }
        PrintTarget::Folder(dir) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).map_err(|source| Error::WriteFile {
                path: dir.clone(),
                source,
            })?;
            let names = crate::followup::print::file_names_of(list.iter().map(|e| {
                crate::followup::print::FileNamed {
                    last_name: &e.letter.last_name,
                    first_names: &e.letter.first_names,
                    year: req.year,
                    file_number: &e.letter.file_number,
                }
            }));
            let mut files = Vec::new();
            for (e, name) in list.iter().zip(names) {
                let name = name.replace(".pdf", &format!("_{}.pdf", req.kind.code()));
                let path = dir.join(name);
                let bytes =
                    pdf::render_envelopes(fonts, std::slice::from_ref(e), &title, today, &mut |_| true)?
                        .ok_or_else(|| Error::BadInput("impression annulée".to_owned()))?;
                write(&path, &bytes)?;
                files.push(path.display().to_string());
            }
            Ok(PrintReport {
                sheets: u32::try_from(files.len()).unwrap_or(u32::MAX),
                files,
                location: dir.display().to_string(),
                cancelled: false,
            })
        }
    }
}

#[cfg(test)]
mod tests {}
