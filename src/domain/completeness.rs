//! What a file still lacks for the follow-up to run: a register imported from a referent's
//! sheet is kept even when a column was missing or a cell unreadable ("incomplete is not
//! invalid", issue #17), and the file then says what to complete.
//!
//! Only what the follow-up needs counts: the civility (letters and sheets address the person),
//! the birth date (it tells homonyms apart), the signature date (it sets the regime and the
//! rules), the studies of a student or intern (the annual sheet and the interviews follow
//! them), and a way to reach the person (a postal or e-mail address for the annual sheet). A
//! file whose contract has ended needs none of them any more.

use super::{Cycle, Status};
use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

/// One thing a file lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    Civility,
    BirthDate,
    SignatureDate,
    Studies,
    Contact,
}

impl Gap {
    /// A stable code, kept in the keys of "À faire" (a label may be reworded).
    pub fn code(self) -> &'static str {
        match self {
            Gap::Civility => "civilite",
            Gap::BirthDate => "date_naissance",
            Gap::SignatureDate => "date_signature",
            Gap::Studies => "etudes",
            Gap::Contact => "contact",
        }
    }

    /// Said in a list: "À compléter : civilité, date de signature".
    pub fn label(self) -> &'static str {
        match self {
            Gap::Civility => "civilité",
            Gap::BirthDate => "date de naissance",
            Gap::SignatureDate => "date de signature",
            Gap::Studies => "cycle et année d'études",
            Gap::Contact => "adresse postale ou électronique",
        }
    }
}

/// The facts of a file the rule reads (a list row or a whole file give them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<'a> {
    pub civility_known: bool,
    pub birth_date: Option<NaiveDate>,
    pub signature_date: Option<NaiveDate>,
    pub status: Status,
    pub cycle: Option<Cycle>,
    pub study_year: Option<i32>,
    pub email: Option<&'a str>,
    pub address: Option<&'a str>,
}

/// The statuses of a contract still running (or about to): their files must be complete.
pub fn followed(status: Status) -> bool {
    matches!(
        status,
        Status::Candidat | Status::EnFormation | Status::Suspendu | Status::Diplome | Status::Installe
    )
}

/// What the file lacks, in the order of the form; empty for a complete file or a contract
/// that has ended.
pub fn gaps(f: &Facts) -> Vec<Gap> {
    if !followed(f.status) {
        return Vec::new();
    }
    let blank = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
    let mut out = Vec::new();
    if !f.civility_known {
        out.push(Gap::Civility);
    }
    if f.birth_date.is_none() {
        out.push(Gap::BirthDate);
    }
    if blank(f.email) && blank(f.address) {
        out.push(Gap::Contact);
    }
    if matches!(f.status, Status::EnFormation | Status::Suspendu)
        && (f.cycle.is_none() || f.study_year.is_none())
    {
        out.push(Gap::Studies);
    }
    if f.signature_date.is_none() && f.status != Status::Candidat {
        out.push(Gap::SignatureDate);
    }
    out
}

/// "civilité, date de signature".
pub fn describe(gaps: &[Gap]) -> String {
    gaps.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> Facts<'static> {
        Facts {
            civility_known: true,
            birth_date: NaiveDate::from_ymd_opt(2000, 5, 4),
            signature_date: NaiveDate::from_ymd_opt(2023, 9, 1),
            status: Status::EnFormation,
            cycle: Some(Cycle::Deuxieme),
            study_year: Some(5),
            email: Some("a@exemple.fr"),
            address: None,
        }
    }

    #[test]
    fn a_complete_file_lacks_nothing() {
        assert!(gaps(&complete()).is_empty());
    }

    #[test]
    fn each_gap_is_found() {
        let mut f = complete();
        f.civility_known = false;
        f.birth_date = None;
        f.signature_date = None;
        f.study_year = None;
        f.email = Some("  ");
        assert_eq!(
            gaps(&f),
            vec![
                Gap::Civility,
                Gap::BirthDate,
                Gap::Contact,
                Gap::Studies,
                Gap::SignatureDate
            ]
        );
        assert_eq!(
            describe(&gaps(&f)),
            "civilité, date de naissance, adresse postale ou électronique, cycle et année d'études, date de signature"
        );
    }

    #[test]
    fn studies_matter_only_during_studies_and_signature_not_for_a_candidate() {
        let mut f = complete();
        f.cycle = None;
        f.status = Status::Installe;
        assert!(gaps(&f).is_empty());
        f.status = Status::Candidat;
        f.signature_date = None;
        assert!(gaps(&f).is_empty());
    }

    #[test]
    fn an_ended_contract_needs_nothing_more() {
        let mut f = complete();
        f.civility_known = false;
        f.birth_date = None;
        for s in [
            Status::Rompu,
            Status::Resilie,
            Status::EngagementTermine,
            Status::DecedeOuInaptitude,
        ] {
            f.status = s;
            assert!(gaps(&f).is_empty(), "{s:?}");
        }
    }
}
