//! "À faire": what is due or late in the region, in one list that the referent reads in the
//! morning (issue #6). Each item links to a signatory and can be marked as dealt with, on a
//! date; a new occurrence of the same kind (next year's form, another due date) shows again.
//!
//! Categories:
//! - follow-up forms sent and not returned after N days (setting, 30);
//! - interviews due or overdue (see [`crate::interviews::due`]);
//! - interns whose 30 days to ask for a definitive suspension end within N days (setting, 10);
//! - diplomas obtained N months ago (setting, 6) without a declaration of installation;
//! - commitments ending within N months (setting, 3): the doctor must say whether they stay;
//! - the consistency warnings of the contract ledger;
//! - files kept incomplete (an imported register without some column), with what they lack.

use crate::domain::dates::{format_fr, parse_date};
use crate::domain::{completeness, TodoKind};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::{now_stamp, settings as kv, todo as sql, Store};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

const UNRETURNED_KEY: &str = "todo.unreturned_days";
const DIPLOMA_KEY: &str = "todo.diploma_months";
const DEFINITIVE_KEY: &str = "todo.definitive_days_left";
const COMMITMENT_KEY: &str = "todo.commitment_months_ahead";

/// The delays of the list, as settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TodoSettings {
    /// A form sent this many days ago and not returned is listed.
    pub unreturned_days: u32,
    /// A diploma this many months old without a declaration of installation is listed.
    pub diploma_months: u32,
    /// An intern is listed when this many days or fewer remain to ask for a definitive suspension.
    pub definitive_days_left: u32,
    /// A commitment ending within this many months is listed.
    pub commitment_months_ahead: u32,
}

impl Default for TodoSettings {
    fn default() -> Self {
        TodoSettings {
            unreturned_days: 30,
            diploma_months: 6,
            definitive_days_left: 10,
            commitment_months_ahead: 3,
        }
    }
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TodoItem {
    pub kind: TodoKind,
    pub kind_label: String,
    /// The signatory's file the item is about; `None` for an application not converted.
    pub signatory_id: Option<i32>,
    /// The application the item is about (the reminders of the selection campaign), with its
    /// campaign, to open it in "Candidatures".
    pub application: Option<ApplicationRef>,
    /// "NOM Prénom".
    pub name: String,
    /// What is due, in French.
    pub what: String,
    /// jj/mm/aaaa, "" when the item has no date.
    pub due: String,
    /// ISO date for sorting, "" when none.
    pub due_iso: String,
    pub overdue: bool,
    /// Identifies the item for "marquer comme traité".
    pub key: String,
    /// jj/mm/aaaa when marked as dealt with.
    pub done_on: Option<String>,
}

/// An application, with its campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ApplicationRef {
    pub id: i32,
    pub academic_year: i32,
    pub ufr: String,
}

/// The number of items of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TodoCount {
    pub kind: TodoKind,
    pub label: String,
    pub count: u32,
    pub overdue: u32,
}

/// The list, its counts per kind (items not dealt with), and how many were dealt with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TodoList {
    pub items: Vec<TodoItem>,
    pub counts: Vec<TodoCount>,
    pub done: u32,
}

/// What the screen asks for: a category (all when `None`), and a page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct TodoQuery {
    pub include_done: bool,
    pub kind: Option<TodoKind>,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the list, with the counts of every category and how many lines match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TodoPage {
    pub items: Vec<TodoItem>,
    /// Lines of the chosen category (with those dealt with when asked).
    pub total: u32,
    pub counts: Vec<TodoCount>,
    pub done: u32,
}

/// A page of [`list`]: a region of 50 000 signatories has tens of thousands of lines, and the
/// window shows them a hundred at a time. The lines are computed once per state of the data
/// (see [`due_items`]); a page costs the copy of its lines.
pub fn page(store: &Store, today: NaiveDate, q: &TodoQuery) -> Result<TodoPage> {
    let v = view(
        store,
        today,
        q.include_done,
        q.kind,
        q.offset as usize,
        q.limit.clamp(1, 500) as usize,
    )?;
    Ok(TodoPage {
        items: v.items,
        total: v.total,
        counts: v.counts,
        done: v.done,
    })
}

struct View {
    items: Vec<TodoItem>,
    total: u32,
    counts: Vec<TodoCount>,
    done: u32,
}

/// The lines of category `kind` (all when `None`), from `offset`, at most `limit`: those not
/// dealt with in the order of [`due_items`], then (with `include_done`) those dealt with.
fn view(
    store: &Store,
    today: NaiveDate,
    include_done: bool,
    kind: Option<TodoKind>,
    offset: usize,
    limit: usize,
) -> Result<View> {
    let items = due_items(store, today)?;
    let marks = sql::done(store.read())?;
    let done_on = |i: &TodoItem| -> Option<NaiveDate> {
        marks
            .get(&i64::from(i.signatory_id?))?
            .iter()
            .find(|(k, _)| *k == i.key)
            .map(|(_, on)| *on)
    };
    let mut counts: Vec<TodoCount> = TodoKind::ALL
        .iter()
        .map(|k| TodoCount {
            kind: *k,
            label: k.label().to_owned(),
            count: 0,
            overdue: 0,
        })
        .collect();
    let mut open = Vec::with_capacity(items.len());
    let mut closed = Vec::new();
    for it in items.iter() {
        match done_on(it) {
            Some(on) => closed.push((it, Some(on))),
            None => {
                if let Some(c) = counts.iter_mut().find(|c| c.kind == it.kind) {
                    c.count += 1;
                    c.overdue += u32::from(it.overdue);
                }
                open.push((it, None));
            }
        }
    }
    let done = u32::try_from(closed.len()).unwrap_or(u32::MAX);
    if !include_done {
        closed.clear();
    }
    let matching = open
        .into_iter()
        .chain(closed)
        .filter(|(i, _)| kind.is_none_or(|k| i.kind == k));
    let mut total = 0u32;
    let mut page = Vec::with_capacity(limit.min(items.len()));
    for (n, (it, on)) in matching.enumerate() {
        total += 1;
        if n >= offset && page.len() < limit {
            let mut it = it.clone();
            it.done_on = on.map(format_fr);
            page.push(it);
        }
    }
    Ok(View {
        items: page,
        total,
        counts,
        done,
    })
}

fn read_u32(conn: &rusqlite::Connection, key: &str, default: u32) -> Result<u32> {
    Ok(kv::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(default))
}

pub fn settings(store: &Store) -> Result<TodoSettings> {
    let conn = store.read();
    let d = TodoSettings::default();
    Ok(TodoSettings {
        unreturned_days: read_u32(conn, UNRETURNED_KEY, d.unreturned_days)?,
        diploma_months: read_u32(conn, DIPLOMA_KEY, d.diploma_months)?,
        definitive_days_left: read_u32(conn, DEFINITIVE_KEY, d.definitive_days_left)?,
        commitment_months_ahead: read_u32(conn, COMMITMENT_KEY, d.commitment_months_ahead)?,
    })
}

pub fn save_settings(store: &mut Store, s: &TodoSettings) -> Result<TodoSettings> {
    let mut e = ValidationErrors::default();
    for (field, value, max, unit) in [
        ("unreturned_days", s.unreturned_days, 365, "jours"),
        ("diploma_months", s.diploma_months, 36, "mois"),
        ("definitive_days_left", s.definitive_days_left, 30, "jours"),
        ("commitment_months_ahead", s.commitment_months_ahead, 24, "mois"),
    ] {
        if value == 0 || value > max {
            e.push(field, format!("Indiquez un nombre de {unit} de 1 à {max}."));
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    store.write(|tx| {
        kv::set(tx, UNRETURNED_KEY, &s.unreturned_days.to_string())?;
        kv::set(tx, DIPLOMA_KEY, &s.diploma_months.to_string())?;
        kv::set(tx, DEFINITIVE_KEY, &s.definitive_days_left.to_string())?;
        kv::set(tx, COMMITMENT_KEY, &s.commitment_months_ahead.to_string())
    })?;
    settings(store)
}

fn name(last: &str, first: &str) -> String {
    format!("{} {}", last.to_uppercase(), first)
}

fn item(
    kind: TodoKind,
    id: i64,
    name: String,
    what: String,
    due: Option<NaiveDate>,
    today: NaiveDate,
    key: String,
) -> TodoItem {
    TodoItem {
        kind,
        kind_label: kind.label().to_owned(),
        signatory_id: Some(i32::try_from(id).unwrap_or(i32::MAX)),
        application: None,
        name,
        what,
        due: due.map(format_fr).unwrap_or_default(),
        due_iso: due.map(crate::domain::dates::format_iso).unwrap_or_default(),
        overdue: due.is_some_and(|d| d < today),
        key,
        done_on: None,
    }
}

/// A key that stays the same for the same item and fits the table (≤ 200 characters).
fn warning_key(text: &str) -> String {
    let folded: String = crate::text::fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(150)
        .collect();
    format!("alerte:{folded}")
}

/// Everything due on `today`; with `include_done`, also what was marked as dealt with (after
/// the rest).
pub fn list(store: &Store, today: NaiveDate, include_done: bool) -> Result<TodoList> {
    let v = view(store, today, include_done, None, 0, usize::MAX)?;
    Ok(TodoList {
        items: v.items,
        counts: v.counts,
        done: v.done,
    })
}

/// Computes the list of `today` ahead of the screen (the window starts it while it loads).
pub fn prepare(store: &Store, today: NaiveDate) -> Result<()> {
    due_items(store, today).map(|_| ())
}

/// Every line due on `today`, before the marks "traité": late first, then by date (undated
/// last), then by name. Kept by the store until the data change (see [`Store::cached`]); the
/// marks are applied over it, so that marking a line does not recompute the region's list.
fn due_items(store: &Store, today: NaiveDate) -> Result<std::sync::Arc<Vec<TodoItem>>> {
    store.cached("a_faire", today.to_string(), || compute(store, today))
}

fn compute(store: &Store, today: NaiveDate) -> Result<Vec<TodoItem>> {
    let conn = store.read();
    let s = settings(store)?;
    let mut items = Vec::new();

    // Follow-up forms: this campaign and last year's. A campaign with a return deadline
    // is late the day after it; otherwise a form is late some days after it was sent.
    let mut unreturned = Vec::new();
    for year in [today.year() - 1, today.year()] {
        let deadline = crate::followup::calendar::chosen_return(conn, year)?;
        let sent_before = match deadline {
            Some(d) if d >= today => continue,
            Some(_) => today,
            None => today - chrono::Days::new(u64::from(s.unreturned_days)),
        };
        for f in sql::unreturned_forms(conn, &[year], sent_before)? {
            let due = deadline.unwrap_or(f.sent_date + chrono::Days::new(u64::from(s.unreturned_days)));
            unreturned.push((f, due));
        }
    }
    for (f, due) in unreturned {
        let what = match f.last_reminder {
            Some(r) => format!(
                "Fiche de suivi {} envoyée le {}, relancée le {}, non retournée",
                f.year,
                format_fr(f.sent_date),
                format_fr(r)
            ),
            None => format!(
                "Fiche de suivi {} envoyée le {}, non retournée",
                f.year,
                format_fr(f.sent_date)
            ),
        };
        items.push(item(
            TodoKind::FicheNonRetournee,
            f.signatory_id,
            name(&f.last_name, &f.first_names),
            what,
            Some(due),
            today,
            format!("fiche:{}", f.year),
        ));
    }

    // Interviews.
    for d in crate::interviews::region_due(store, today, false)? {
        let due = NaiveDate::parse_from_str(&d.due_iso, "%Y-%m-%d").ok();
        items.push(item(
            TodoKind::Entretien,
            i64::from(d.signatory_id),
            name(&d.last_name, &d.first_names),
            format!("Entretien : {}", d.reason_label.to_lowercase()),
            due,
            today,
            format!("entretien:{}", d.key),
        ));
    }

    // Dated checks of the contract ledger: every contract read in three queries, reviewed
    // with the same rules as its tab.
    let params = crate::ledger::service::parameters_shared(store)?;
    let allowance = crate::store::ledger::all_suspensions(conn)?;
    let practice = crate::store::ledger::all_practice_suspensions(conn)?;
    let facts = sql::ledger_facts(conn)?;
    for l in facts {
        let who = name(&l.last_name, &l.first_names);
        let row = &l.ledger;
        if let (Some(first), None) = (row.intern_start, row.definitive_request) {
            let deadline = first + chrono::Days::new(u64::from(params.definitive_suspension_request_days));
            let left = (deadline - today).num_days();
            if (0..=i64::from(s.definitive_days_left)).contains(&left) && first <= today {
                items.push(item(
                    TodoKind::SuspensionDefinitive,
                    l.signatory_id,
                    who.clone(),
                    format!(
                        "Interne depuis le {} : une suspension définitive doit être demandée au plus tard le {}",
                        format_fr(first),
                        format_fr(deadline)
                    ),
                    Some(deadline),
                    today,
                    format!("suspension_definitive:{first}"),
                ));
            }
        }
        if let Some(diploma) = row.diploma_date {
            let after = diploma.checked_add_months(Months::new(s.diploma_months));
            if !l.has_declaration
                && l.status != crate::domain::Status::Installe
                && after.is_some_and(|a| a <= today)
            {
                items.push(item(
                    TodoKind::DiplomeSansInstallation,
                    l.signatory_id,
                    who.clone(),
                    format!(
                        "Diplômé le {}, sans déclaration du lieu d'exercice",
                        format_fr(diploma)
                    ),
                    after,
                    today,
                    format!("diplome:{diploma}"),
                ));
            }
        }
        let no_rows = Vec::new();
        let no_periods = Vec::new();
        let review = match crate::ledger::service::review(
            l.discipline,
            l.status,
            row,
            allowance.get(&l.signatory_id).unwrap_or(&no_rows),
            practice.get(&l.signatory_id).unwrap_or(&no_periods),
            &params,
            today,
        ) {
            Ok(r) => r,
            Err(e) => {
                items.push(item(
                    TodoKind::Alerte,
                    l.signatory_id,
                    who.clone(),
                    format!("Le contrat ne peut pas être calculé : {e}"),
                    None,
                    today,
                    "alerte:contrat_incalculable".to_owned(),
                ));
                continue;
            }
        };
        if l.status == crate::domain::Status::Installe {
            if let Some(end) = review.commitment_end {
                let horizon = today.checked_add_months(Months::new(s.commitment_months_ahead));
                if end >= today && horizon.is_some_and(|h| end <= h) {
                    items.push(item(
                        TodoKind::FinEngagement,
                        l.signatory_id,
                        who.clone(),
                        format!(
                            "Engagement jusqu'au {} : demander au médecin s'il reste sur son lieu d'exercice",
                            format_fr(end)
                        ),
                        // To ask one month before the end (domain.md §5).
                        end.checked_sub_months(Months::new(1)),
                        today,
                        format!("fin_engagement:{end}"),
                    ));
                }
            }
        }
        for w in review.warnings {
            let key = warning_key(&w);
            items.push(item(
                TodoKind::Alerte,
                l.signatory_id,
                who.clone(),
                w,
                None,
                today,
                key,
            ));
        }
    }

    // Files kept incomplete (an imported register without some column): what to complete.
    for f in sql::possibly_incomplete(conn)? {
        let gaps = completeness::gaps(&completeness::Facts {
            civility_known: f.civility_known,
            birth_date: f.birth_date,
            signature_date: f.signature_date,
            status: f.status,
            cycle: f.cycle,
            study_year: f.study_year,
            email: f.email.as_deref(),
            address: f.address.as_deref(),
        });
        if gaps.is_empty() {
            continue;
        }
        // The key names what lacks: completing one field and losing another shows again.
        let key = format!(
            "a_completer:{}",
            gaps.iter().map(|g| g.code()).collect::<Vec<_>>().join(",")
        );
        items.push(item(
            TodoKind::DossierACompleter,
            f.signatory_id,
            name(&f.last_name, &f.first_names),
            format!("À compléter : {}", completeness::describe(&gaps)),
            None,
            today,
            key,
        ));
    }

    // The selection campaign: incomplete files, decisions missing, contracts not returned.
    for r in crate::applications::reminders(store, today)? {
        let mut it = item(
            r.kind,
            r.signatory_id.unwrap_or(0),
            r.name,
            r.what,
            Some(r.due),
            today,
            r.key,
        );
        it.signatory_id = r.signatory_id.and_then(|i| i32::try_from(i).ok());
        it.application = Some(ApplicationRef {
            id: i32::try_from(r.application_id).unwrap_or(i32::MAX),
            academic_year: r.academic_year,
            ufr: r.ufr,
        });
        items.push(it);
    }

    items.sort_by(|a, b| {
        let undated = |i: &TodoItem| i.due_iso.is_empty();
        (!a.overdue, undated(a), &a.due_iso, &a.name).cmp(&(!b.overdue, undated(b), &b.due_iso, &b.name))
    });
    Ok(items)
}

/// Marks item `key` of signatory `id` as dealt with on `date_text` (jj/mm/aaaa).
pub fn mark_done(store: &mut Store, id: i64, key: &str, date_text: &str, today: NaiveDate) -> Result<()> {
    let mut e = ValidationErrors::default();
    let on = match parse_date(date_text) {
        Some(d) if d > today => {
            e.push("date", "La date de traitement ne peut pas être dans le futur.");
            None
        }
        Some(d) => Some(d),
        None => {
            e.push(
                "date",
                format!("Date invalide « {} » : attendu jj/mm/aaaa.", date_text.trim()),
            );
            None
        }
    };
    let key = key.trim();
    if key.is_empty() || key.chars().count() > 200 {
        e.push("key", "Élément à marquer inconnu.");
    }
    let Some(on) = on.filter(|_| e.is_empty()) else {
        return Err(e.into());
    };
    let now = now_stamp();
    // The marks are applied over the cached list: no need to recompute it.
    store.write_keeping_views(|tx| {
        if crate::store::signatories::get(tx, id)?.is_none() {
            return Err(Error::SignatoryNotFound(id));
        }
        sql::mark_done(tx, id, key, on, &now)
    })
}

/// Puts an item back in the list.
pub fn unmark(store: &mut Store, id: i64, key: &str) -> Result<()> {
    store.write_keeping_views(|tx| sql::unmark_done(tx, id, key))?;
    Ok(())
}
