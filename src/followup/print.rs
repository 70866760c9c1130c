//! Printing the fiche de suivi: one sheet, or a campaign (or a selection of it) as one
//! merged PDF or as one file per signatory in a folder (`NOM_Prenom_2026.pdf`).
//!
//! A sheet in a file of its own is a form to fill on screen (fillable fields, its signed
//! identification in a hidden field: `followup::returns`), which prints like the flat one;
//! a merged file, made to be printed and posted, is flat (the same field names on 200
//! sheets would be one field for a reader). [`flatten`] makes the separate files flat too.
//!
//! The data are read from the store first (fast, under the store's lock); the layout,
//! which takes the time, runs afterwards on the sheets alone, so that a long batch never
//! holds the database, reports its progress and can be cancelled.

use super::service::studies_label;
use crate::domain::dates::format_fr;
use crate::domain::{Cycle, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::pdf::{self, FollowupSheet, InstalledFacts, SheetContact, SheetVariant, SuspendedFacts};
use crate::settings;
use crate::store::followup as sql;
use crate::store::{ledger, signatories, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Where a batch goes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
#[serde(tag = "kind", content = "path", rename_all = "snake_case")]
pub enum PrintTarget {
    /// One PDF file holding every sheet.
    Merged(String),
    /// One PDF file per signatory in this folder (created if needed).
    Folder(String),
}

/// What a batch produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PrintReport {
    /// Sheets laid out (all of them unless cancelled).
    pub sheets: u32,
    /// Files written.
    pub files: Vec<String>,
    /// The merged file or the folder.
    pub location: String,
    /// Stopped by the user before the end; for a merged file, nothing was written.
    pub cancelled: bool,
}

/// The sheet of signatory `id` for the campaign of `year`, with everything the agency
/// knows: the file, the contract's suspensions, and the project of the last form answered.
pub fn sheet(store: &Store, id: i64, year: i32, today: NaiveDate) -> Result<FollowupSheet> {
    let common = Common::read(store, year, today)?;
    sheet_with(store, &common, id, year)
}

/// The sheets of `ids`, in that order.
pub fn sheets(store: &Store, ids: &[i32], year: i32, today: NaiveDate) -> Result<Vec<FollowupSheet>> {
    let common = Common::read(store, year, today)?;
    ids.iter()
        .map(|&id| sheet_with(store, &common, i64::from(id), year))
        .collect()
}

/// What every sheet of a campaign shares.
struct Common {
    ars_name: String,
    contact: SheetContact,
    return_by: String,
    privacy_notice: String,
    logo: Option<std::sync::Arc<crate::pdf::layout::Image>>,
    /// Signs each sheet's identification, for the fillable version.
    key: super::returns::key::RegisterKey,
    today: NaiveDate,
}

impl Common {
    fn read(store: &Store, year: i32, today: NaiveDate) -> Result<Common> {
        super::service::campaign_ids(store, year, None, "").map(|_| ())?;
        let c = settings::contact(store)?;
        let return_by = format_fr(super::calendar::dates(store, year, today)?.return_by);
        Ok(Common {
            privacy_notice: settings::privacy::notice(store)?,
            logo: settings::logo::image(store)?.map(std::sync::Arc::new),
            key: super::returns::key::RegisterKey::read(store)?,
            today,
            ars_name: settings::ars_name(store)?,
            contact: SheetContact {
                service: c.service,
                referent: c.referent,
                address: c.address,
                email: c.email,
                phone: c.phone,
            },
            return_by,
        })
    }
}

fn sheet_with(store: &Store, common: &Common, id: i64, year: i32) -> Result<FollowupSheet> {
    let conn = store.read();
    let s = signatories::get(conn, id)?.ok_or(Error::SignatoryNotFound(id))?;
    let last = sql::last_answered_before(conn, id, year + 1)?.map(|f| f.answers);
    let suspensions = ledger::suspensions(conn, id)?
        .into_iter()
        .map(|x| {
            format!(
                "du {} au {} — {}{}",
                format_fr(x.start),
                format_fr(x.end),
                x.reason.label(),
                if x.paid { " (allocation maintenue)" } else { "" }
            )
        })
        .collect();
    let t = |x: &Option<String>| x.clone().unwrap_or_default();
    let d = |x: Option<NaiveDate>| x.map(format_fr).unwrap_or_default();
    let ecn = match (s.ecn_year, s.ecn_rank) {
        (Some(y), Some(r)) => format!(
            "{y}, rang {}",
            crate::money::format_number(rust_decimal::Decimal::from(r), 0)
        ),
        (Some(y), None) => y.to_string(),
        (None, Some(r)) => format!(
            "rang {}",
            crate::money::format_number(rust_decimal::Decimal::from(r), 0)
        ),
        (None, None) => String::new(),
    };
    let last = last.unwrap_or_default();
    let today = common.today;
    // A date given last year and gone since is not printed as still expected.
    let mut past_dates = Vec::new();
    let mut future = |label: &str, date: Option<NaiveDate>| match date {
        Some(x) if x < today => {
            past_dates.push(format!("{label} le {}", format_fr(x)));
            String::new()
        }
        other => d(other),
    };
    let expected_des_date = future("DES prévu", last.expected_des_date);
    let expected_thesis_date = future("thèse prévue", last.expected_thesis_date);
    let project_date = future("installation prévue", last.project_date);
    let campaign_day = super::campaign::year_end(year).min(today.max(campaign_start(year)));
    let managing_body =
        crate::domain::managing::managing_body_at(s.managing_body, s.signature_date, campaign_day)
            .map(|m| m.label().to_owned())
            .unwrap_or_default();
    let variant = variant(store, id, &s, year, today)?;
    let name = format!(
        "{} {} {}",
        s.civility_label(),
        s.first_names,
        s.last_name.to_uppercase()
    );
    Ok(FollowupSheet {
        recipient: crate::postal::address_lines(&name, s.address.as_deref().unwrap_or_default()),
        variant,
        past_dates,
        privacy_notice: common.privacy_notice.clone(),
        logo: common.logo.clone(),
        year,
        ars_name: common.ars_name.clone(),
        file_number: format!("Dossier n° {id}"),
        return_by: common.return_by.clone(),
        contact: common.contact.clone(),
        civility: s.civility_label().to_owned(),
        last_name: s.last_name.clone(),
        birth_name: t(&s.birth_name),
        first_names: s.first_names.clone(),
        birth_date: d(s.birth_date),
        address: t(&s.address),
        email: t(&s.email),
        phone: t(&s.phone),
        discipline: format!(
            "{}{}",
            s.discipline.label(),
            if s.padhue { " (PADHUE)" } else { "" }
        ),
        ufr: t(&s.ufr),
        subdivision: t(&s.subdivision),
        cycle_and_year: studies_label(s.cycle, s.study_year),
        ecn,
        specialty: t(&s.specialty),
        signature_date: d(s.signature_date),
        contract_ref: t(&s.contract_ref),
        managing_body,
        suspensions,
        known_situation: s.status.label().to_owned(),
        project_mode: last.project_mode,
        project_structure: last.project_structure,
        project_zone: last.project_zone,
        project_place: t(&last.project_place),
        project_date,
        expected_des_date,
        expected_thesis_date,
        other_aids: t(&last.other_aids),
        form_key: common.key.sign(year, id),
    })
}

/// The first day of the campaign of `year`: the situation is asked "au 1er octobre".
fn campaign_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 10, 1).unwrap_or(NaiveDate::MIN)
}

/// Which questions the sheet of this signatory asks, with what the agency knows.
pub(crate) fn variant(
    store: &Store,
    id: i64,
    s: &crate::domain::Signatory,
    year: i32,
    today: NaiveDate,
) -> Result<SheetVariant> {
    match s.status {
        Status::Installe | Status::EngagementTermine => {
            let tab = crate::installation::tab(store, id, today)?;
            let mut facts = InstalledFacts::default();
            if let Some(decl) = tab.declarations.first() {
                facts.commitment_start = decl.practice_start.clone();
                facts.places = decl
                    .places
                    .iter()
                    .filter(|p| p.current)
                    .map(|p| {
                        let place = [p.address.as_str(), p.commune.as_str()]
                            .iter()
                            .filter(|x| !x.trim().is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ");
                        [
                            place,
                            p.zone_label.clone(),
                            p.mode_label.clone(),
                            p.start_date.clone(),
                        ]
                    })
                    .collect();
            }
            if let Some(c) = crate::ledger::service::get(store, id, today)?.computation {
                facts.commitment_end = c
                    .commitment_end
                    .and_then(|iso| NaiveDate::parse_from_str(&iso, "%Y-%m-%d").ok())
                    .map(format_fr)
                    .unwrap_or_default();
                facts.months_left = c
                    .months_remaining
                    .map(|m| format!("{m} mois"))
                    .unwrap_or_default();
            }
            Ok(SheetVariant::Installed(facts))
        }
        Status::Suspendu => {
            let on = today.max(campaign_start(year));
            let current = ledger::suspensions(store.read(), id)?
                .into_iter()
                .filter(|x| x.start <= on)
                .max_by_key(|x| x.start);
            Ok(SheetVariant::Suspended(match current {
                Some(x) => SuspendedFacts {
                    reason: x.reason.label().to_owned(),
                    since: format_fr(x.start),
                    until: if x.end >= on {
                        format_fr(x.end)
                    } else {
                        String::new()
                    },
                },
                None => SuspendedFacts::default(),
            }))
        }
        _ if s.cycle == Some(Cycle::Deuxieme) => Ok(SheetVariant::Student),
        _ => Ok(SheetVariant::Intern),
    }
}

fn need_path(path: &str, what: &str) -> Result<PathBuf> {
    if path.trim().is_empty() {
        let mut e = ValidationErrors::default();
        e.push("path", format!("Choisissez {what}."));
        return Err(e.into());
    }
    Ok(PathBuf::from(path))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    pdf::write_file(path, bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}

/// Makes `sheets` flat: printed only, without fields (`cesp followup print --flat`).
pub fn flatten(sheets: &mut [FollowupSheet]) {
    for s in sheets {
        s.form_key.clear();
    }
}

/// Prints the sheet of one signatory to `path` (fillable).
pub fn print_one(store: &Store, id: i64, year: i32, path: &str, today: NaiveDate) -> Result<PathBuf> {
    let path = need_path(path, "où enregistrer le PDF")?;
    let sheet = sheet(store, id, year, today)?;
    let bytes = pdf::render_followup_sheet(pdf::fonts()?, &sheet, today)?;
    write(&path, &bytes)?;
    Ok(path)
}

/// Lays out `sheets` and writes them to `target`. `progress(done, total)` is called as
/// sheets are laid out (from worker threads for a folder); setting `cancel` stops the
/// batch: a merged file is then not written at all, a folder keeps the files already
/// written (they are complete) and the report says how many.
pub fn render_batch(
    sheets: &[FollowupSheet],
    target: &PrintTarget,
    today: NaiveDate,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> Result<PrintReport> {
    if sheets.is_empty() {
        let mut e = ValidationErrors::default();
        e.push("ids", "Aucune fiche à imprimer : la sélection est vide.");
        return Err(e.into());
    }
    let fonts = pdf::fonts()?;
    let total = sheets.len();
    match target {
        PrintTarget::Merged(path) => {
            let path = need_path(path, "le fichier PDF à produire")?;
            let bytes = pdf::render_followup_batch(fonts, sheets, today, &mut |done| {
                progress(done, total);
                !cancel.load(Ordering::Relaxed)
            })?;
            let Some(bytes) = bytes else {
                return Ok(PrintReport {
                    sheets: 0,
                    files: Vec::new(),
                    location: path.display().to_string(),
                    cancelled: true,
                });
            };
            write(&path, &bytes)?;
            Ok(PrintReport {
                sheets: u32::try_from(total).unwrap_or(u32::MAX),
                files: vec![path.display().to_string()],
                location: path.display().to_string(),
                cancelled: false,
            })
        }
        PrintTarget::Folder(dir) => {
            let dir = need_path(dir, "le dossier où enregistrer les fiches")?;
            crate::private_files::create_dir(&dir, false).map_err(|e| match e {
                Error::Io { path, source } => Error::WriteFile { path, source },
                other => other,
            })?;
            let names = file_names(sheets);
            let next = AtomicUsize::new(0);
            let done = AtomicUsize::new(0);
            let written: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
            let failure: Mutex<Option<Error>> = Mutex::new(None);
            let stop = AtomicBool::new(false);
            let workers = std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .clamp(1, 4);
            std::thread::scope(|scope| {
                for _ in 0..workers {
                    scope.spawn(|| loop {
                        if cancel.load(Ordering::Relaxed) || stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let (Some(sheet), Some(name)) = (sheets.get(i), names.get(i)) else {
                            break;
                        };
                        let path = dir.join(name);
                        let result = pdf::render_followup_sheet(fonts, sheet, today)
                            .map_err(Error::from)
                            .and_then(|bytes| write(&path, &bytes));
                        match result {
                            Ok(()) => {
                                if let Ok(mut w) = written.lock() {
                                    w.push((i, path.display().to_string()));
                                }
                                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                            }
                            Err(e) => {
                                stop.store(true, Ordering::Relaxed);
                                if let Ok(mut f) = failure.lock() {
                                    f.get_or_insert(e);
                                }
                                break;
                            }
                        }
                    });
                }
            });
            if let Some(e) = failure.into_inner().ok().flatten() {
                return Err(e);
            }
            let mut files = written.into_inner().unwrap_or_default();
            files.sort();
            Ok(PrintReport {
                sheets: u32::try_from(files.len()).unwrap_or(u32::MAX),
                cancelled: files.len() < total,
                files: files.into_iter().map(|(_, f)| f).collect(),
                location: dir.display().to_string(),
            })
        }
    }
}

/// Whom a document's file is named after.
#[derive(Debug, Clone, Copy)]
pub struct FileNamed<'a> {
    pub last_name: &'a str,
    pub first_names: &'a str,
    pub year: i32,
    /// "Dossier n° 42": its digits tell homonyms apart.
    pub file_number: &'a str,
}

impl FollowupSheet {
    /// Whom this sheet's file is named after.
    pub fn named(&self) -> FileNamed<'_> {
        FileNamed {
            last_name: &self.last_name,
            first_names: &self.first_names,
            year: self.year,
            file_number: &self.file_number,
        }
    }
}

/// `NOM_Prenom_2026.pdf` for each sheet (see [`file_names_of`]).
pub fn file_names(sheets: &[FollowupSheet]) -> Vec<String> {
    file_names_of(sheets.iter().map(FollowupSheet::named))
}

/// `NOM_Prenom_2026.pdf` for each person: letters without accents, digits and hyphens
/// only (safe on every file system and in e-mail attachments). Homonyms — same name
/// whatever the case — all get their file number too (`NOM_Prenom_2026_42.pdf`), so
/// that names never collide and stay the same from one batch to the next.
pub fn file_names_of<'a>(people: impl IntoIterator<Item = FileNamed<'a>>) -> Vec<String> {
    let people: Vec<FileNamed<'a>> = people.into_iter().collect();
    let base: Vec<String> = people
        .iter()
        .map(|s| {
            let last = safe_part(&s.last_name.to_uppercase());
            let first = safe_part(s.first_names);
            format!(
                "{}_{}_{}",
                if last.is_empty() {
                    "SANS-NOM".to_owned()
                } else {
                    last
                },
                if first.is_empty() {
                    "Sans-prenom".to_owned()
                } else {
                    first
                },
                s.year
            )
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for b in &base {
        *seen.entry(b.to_lowercase()).or_default() += 1;
    }
    base.iter()
        .zip(&people)
        .map(|(b, s)| {
            if seen.get(&b.to_lowercase()).copied().unwrap_or(0) > 1 {
                let number: String = s.file_number.chars().filter(char::is_ascii_digit).collect();
                format!("{b}_{number}.pdf")
            } else {
                format!("{b}.pdf")
            }
        })
        .collect()
}

/// Letters (accents dropped, ligatures spelled out), digits; anything else becomes a
/// single hyphen. At most 60 characters.
fn safe_part(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfkd() {
        match c {
            '\u{0300}'..='\u{036f}' => {}
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    let trimmed: String = out.trim_end_matches('-').chars().take(60).collect();
    trimmed.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(last: &str, first: &str, n: i64) -> FollowupSheet {
        FollowupSheet {
            year: 2026,
            last_name: last.into(),
            first_names: first.into(),
            file_number: format!("Dossier n° {n}"),
            ..FollowupSheet::default()
        }
    }

    #[test]
    fn file_names_are_safe_and_never_collide() {
        let sheets = vec![
            named("Lefèvre", "Hélène", 1),
            named("D'Almeida", "Jean-Noël", 2),
            named("Martin", "Léa", 3),
            named("MARTIN", "Lea", 4),
            named("Œuvray", "Zoë Ænéas", 5),
            named("  ", "", 6),
            named("N/A:*?\"<>|", "..", 7),
        ];
        let names = file_names(&sheets);
        assert_eq!(names[0], "LEFEVRE_Helene_2026.pdf");
        assert_eq!(names[1], "D-ALMEIDA_Jean-Noel_2026.pdf");
        assert_eq!(names[2], "MARTIN_Lea_2026_3.pdf");
        assert_eq!(names[3], "MARTIN_Lea_2026_4.pdf");
        assert_eq!(names[4], "OEUVRAY_Zoe-AEneas_2026.pdf");
        assert_eq!(names[5], "SANS-NOM_Sans-prenom_2026.pdf");
        assert_eq!(names[6], "N-A_Sans-prenom_2026.pdf");
        let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), names.len());
        for n in &names {
            assert!(
                n.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
                "{n}"
            );
        }
    }
}
