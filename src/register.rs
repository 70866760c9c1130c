//! The register of signatories: the service the window and the CLI call to list,
//! read, create and update files. Every write validates first, then runs in one
//! transaction: either everything is saved or nothing is.

use crate::domain::signatory::validate;
use crate::domain::{Discipline, Signatory, SignatoryInput, SignatoryRecord, Status};
use crate::error::{Error, Result, ValidationErrors};
use crate::store::{now_stamp, signatories, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    #[default]
    Name,
    Discipline,
    SignatureYear,
    Status,
    Specialty,
    Ufr,
}

/// What the list screen asks for: search text, filters, sort and page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct ListQuery {
    pub search: String,
    pub status: Option<Status>,
    pub discipline: Option<Discipline>,
    pub sort: SortColumn,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            search: String::new(),
            status: None,
            discipline: None,
            sort: SortColumn::Name,
            descending: false,
            offset: 0,
            limit: 50,
        }
    }
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SignatoryRow {
    pub id: i32,
    pub last_name: String,
    pub birth_name: Option<String>,
    pub first_names: String,
    pub discipline: Discipline,
    pub signature_year: Option<i32>,
    pub status: Status,
    pub specialty: Option<String>,
    pub ufr: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Page {
    pub rows: Vec<SignatoryRow>,
    /// Number of signatories matching the search and filters (all pages).
    pub total: u32,
}

pub fn list(store: &Store, query: &ListQuery) -> Result<Page> {
    signatories::list(store.read(), query)
}

pub fn count(store: &Store) -> Result<i64> {
    signatories::count(store.read())
}

/// Every signatory matching the list's search and filters, in its order (paging ignored).
pub fn all_matching(store: &Store, query: &ListQuery) -> Result<Vec<Signatory>> {
    signatories::all_matching(store.read(), query)
}

pub fn get(store: &Store, id: i64) -> Result<Signatory> {
    signatories::get(store.read(), id)?.ok_or(Error::SignatoryNotFound(id))
}

/// Validates and stores a new signatory; `today` is the date the rules are checked at.
pub fn create(store: &mut Store, input: &SignatoryInput, today: NaiveDate) -> Result<Signatory> {
    let record = validate(input, today)?;
    let id = store.write(|tx| {
        check_contract_ref_free(tx, &record, None)?;
        signatories::insert(tx, &record, &now_stamp())
    })?;
    get(store, id)
}

/// Validates and replaces the file of signatory `id`.
pub fn update(store: &mut Store, id: i64, input: &SignatoryInput, today: NaiveDate) -> Result<Signatory> {
    let record = validate(input, today)?;
    store.write(|tx| {
        check_contract_ref_free(tx, &record, Some(id))?;
        if signatories::update(tx, id, &record, &now_stamp())? {
            Ok(())
        } else {
            Err(Error::SignatoryNotFound(id))
        }
    })?;
    get(store, id)
}

/// Inserts already validated records in one transaction (demo data, later imports).
pub(crate) fn insert_all(store: &mut Store, records: &[SignatoryRecord]) -> Result<usize> {
    store.write(|tx| {
        let now = now_stamp();
        for r in records {
            signatories::insert(tx, r, &now)?;
        }
        Ok(records.len())
    })
}

/// The contract reference identifies a contract: two files cannot share it. Checked
/// inside the write transaction so that two concurrent saves cannot both pass.
fn check_contract_ref_free(conn: &Connection, record: &SignatoryRecord, own_id: Option<i64>) -> Result<()> {
    let Some(r) = &record.contract_ref else {
        return Ok(());
    };
    match signatories::contract_ref_owner(conn, r)? {
        Some(other) if Some(other) != own_id => {
            let mut e = ValidationErrors::default();
            e.push(
                "contract_ref",
                format!("La référence « {r} » est déjà celle du contrat du signataire n° {other}."),
            );
            Err(e.into())
        }
        _ => Ok(()),
    }
}
