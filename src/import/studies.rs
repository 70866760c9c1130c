//! Where a signatory is in their studies, read the way faculties and referents write it.
//!
//! Registers rarely keep a "Cycle" column: they write the year as the faculty names it
//! (`DFASM2`, `DFASO1`, `Interne 2e année`, `DES 3`, `Docteur junior`, `T1`) or as a year of
//! studies counted from the first (`5e année`), which only the discipline turns into a
//! cycle and a year in it. This module reads one such text; [`reconcile`] puts it together
//! with the "Cycle" column, when there is one, and the discipline of the row.
//!
//! The register keeps the 2nd cycle (years 1 to 3 in medicine, 1 to 2 elsewhere) and the
//! 3rd (years 1 to 6). The 1st cycle (PASS, LAS, DFGSM…) is refused with its reason: the
//! contract is open from the 2nd cycle only since 2020.

use super::cells::Invalid;
use super::fold::fold;
use super::read::Cell;

/// What one text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A cycle (`"deuxieme_cycle"` or `"troisieme_cycle"`) and, when it says so, the year in
    /// it; `discipline` when the faculty's name gives it (`DFASO` is odontology).
    Stage {
        cycle: &'static str,
        year: Option<u8>,
        discipline: Option<&'static str>,
    },
    /// A year of studies counted from the first (`5e année`, `5`): its cycle depends on
    /// the discipline, or on the "Cycle" column when it is within that cycle.
    Year(u8),
    /// Studies over: a doctor, a thesis defended.
    Finished,
    /// A year of the 1st cycle, named as written.
    FirstCycle,
}

pub const DEUXIEME: &str = "deuxieme_cycle";
pub const TROISIEME: &str = "troisieme_cycle";

/// Ordinal words, as French writes the years in full.
const WORDS: &[(&str, u8)] = &[
    ("premiere", 1),
    ("deuxieme", 2),
    ("seconde", 2),
    ("second", 2),
    ("troisieme", 3),
    ("quatrieme", 4),
    ("cinquieme", 5),
    ("sixieme", 6),
    ("septieme", 7),
    ("huitieme", 8),
    ("neuvieme", 9),
    ("dixieme", 10),
    ("onzieme", 11),
    ("douzieme", 12),
];

/// A number written `5`, `5e`, `5eme`, `5ème`, `5°`, `1er`, `1re`, `2nd` or in words.
fn ordinal(word: &str) -> Option<u8> {
    if let Some((_, n)) = WORDS.iter().find(|(w, _)| *w == word) {
        return Some(*n);
    }
    let end = word.find(|c: char| !c.is_ascii_digit()).unwrap_or(word.len());
    let (digits, suffix) = word.split_at(end);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    matches!(
        suffix,
        "" | "e" | "eme" | "er" | "ere" | "re" | "nd" | "nde" | "o"
    )
    .then(|| digits.parse().ok())
    .flatten()
}

/// The first year number among `words` (`interne de 2e annee` → 2).
fn year_in(words: &[&str]) -> Option<u8> {
    words.iter().find_map(|w| ordinal(w))
}

/// Reads `text`; `None` when it says nothing about the studies.
pub fn read(text: &str) -> Option<Reading> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let compact: String = words.concat();

    // The faculties' diplomas: DFGS (1st cycle) and DFAS (2nd), per discipline.
    for (prefix, discipline) in [
        ("dfasma", "maieutique"),
        ("dfasm", "medecine"),
        ("dfaso", "odontologie"),
        ("dfasp", "pharmacie"),
    ] {
        if let Some(rest) = compact.strip_prefix(prefix) {
            let year = if rest.is_empty() {
                None
            } else {
                Some(rest.parse::<u8>().ok()?)
            };
            return Some(Reading::Stage {
                cycle: DEUXIEME,
                year,
                discipline: Some(discipline),
            });
        }
    }
    // The 1st cycle: DFGSM2, DFGSO3…, PASS, LAS (L.AS 1), PACES, PCEM1–2, P1.
    let first_cycle = compact.starts_with("dfgs")
        || ["pass", "las", "paces", "pcem", "p1"].iter().any(|p| {
            compact
                .strip_prefix(p)
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        });
    if first_cycle {
        return Some(Reading::FirstCycle);
    }
    // Medicine's names before 2011: DCEM1 was the 3rd year, DCEM2–4 the 2nd cycle.
    if let Some(rest) = compact.strip_prefix("dcem") {
        return match rest.parse::<u8>().ok()? {
            1 => Some(Reading::FirstCycle),
            n @ 2..=4 => Some(Reading::Stage {
                cycle: DEUXIEME,
                year: Some(n - 1),
                discipline: Some("medecine"),
            }),
            _ => None,
        };
    }
    // Odontology's and pharmacy's short 3rd cycle: T1, 6e année (read as a year below).
    if compact == "t1" {
        return Some(Reading::Stage {
            cycle: TROISIEME,
            year: Some(1),
            discipline: Some("odontologie"),
        });
    }
    if compact.contains("junior") || compact.contains("consolidation") {
        return Some(Reading::Stage {
            cycle: TROISIEME,
            year: None,
            discipline: None,
        });
    }
    if compact.contains("socle") {
        return Some(Reading::Stage {
            cycle: TROISIEME,
            year: Some(1),
            discipline: None,
        });
    }
    let internship = words
        .iter()
        .any(|w| matches!(*w, "interne" | "internat" | "des" | "desc" | "approfondissement"))
        || compact
            .strip_prefix("des")
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()));
    if internship {
        // "DES3", "DES 3", "Interne 2e année", "2e année d'internat".
        let year = year_in(&words).or_else(|| compact.strip_prefix("des").and_then(|r| r.parse().ok()));
        return Some(Reading::Stage {
            cycle: TROISIEME,
            year,
            discipline: None,
        });
    }
    if matches!(words.first(), Some(&("externe" | "externat"))) {
        return Some(Reading::Stage {
            cycle: DEUXIEME,
            year: year_in(&words),
            discipline: None,
        });
    }
    let finished = matches!(
        folded.as_str(),
        "dr" | "docteur" | "docteure" | "diplome" | "diplomee" | "these" | "thesee"
    ) || folded.starts_with("docteur en")
        || folded.starts_with("these soutenue")
        || folded.starts_with("these passee");
    if finished {
        return Some(Reading::Finished);
    }
    // "5e année", "5ème année d'études", "cinquième année", "5".
    let rest: Vec<&&str> = words.iter().skip(1).collect();
    let trailing_ok = rest.iter().all(|w| {
        matches!(
            **w,
            "annee" | "annees" | "d" | "etudes" | "etude" | "de" | "medecine" | "a"
        )
    });
    if trailing_ok {
        if let Some(n) = words.first().and_then(|w| ordinal(w)) {
            return Some(Reading::Year(n));
        }
    }
    None
}

/// A year of studies counted from the first, placed in its cycle for `discipline`.
fn absolute(year: u8, discipline: &str) -> Result<(&'static str, u8), Invalid> {
    let medicine = discipline == "medecine";
    let second_start = 4;
    let third_start = if medicine { 7 } else { 6 };
    match year {
        0 => Err(invalid("une année d'études à partir de 1")),
        1..=3 => Err(first_cycle(&format!("{year}e année"))),
        y if y < third_start => Ok((DEUXIEME, y - second_start + 1)),
        y if y - third_start < 6 => Ok((TROISIEME, y - third_start + 1)),
        _ => Err(invalid(format!(
            "une année d'études de 1 à {} en {}",
            third_start + 5,
            discipline_label(discipline)
        ))),
    }
}

fn discipline_label(code: &str) -> &'static str {
    match code {
        "odontologie" => "odontologie",
        "pharmacie" => "pharmacie",
        "maieutique" => "maïeutique",
        _ => "médecine",
    }
}

fn invalid(expected: impl Into<String>) -> Invalid {
    Invalid {
        expected: expected.into(),
    }
}

fn first_cycle(written: &str) -> Invalid {
    invalid(format!(
        "une année du 2e ou du 3e cycle : « {written} » est du 1er cycle, et le CESP n'est ouvert qu'à partir du 2e cycle"
    ))
}

/// What the row's cycle and year cells give, as the form's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Studies {
    /// `"deuxieme_cycle"`, `"troisieme_cycle"` or `""`.
    pub cycle: String,
    /// The year in the cycle, or `""`.
    pub year: String,
    /// The discipline the faculty's name gave, to use when the row has none.
    pub discipline: Option<&'static str>,
    /// The studies are over ("Docteur", "thèse soutenue"): the status the import deduces
    /// when the sheet gives none.
    pub finished: bool,
}

/// Which of the two cells a refusal is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Cycle(Invalid),
    Year(Invalid),
}

/// The cycle and the year of a row from its "Cycle" cell and its "Année d'études" cell
/// (either may be absent or empty) and its discipline code, if known.
pub fn reconcile(cycle_cell: &Cell, year_cell: &Cell, discipline: Option<&str>) -> Result<Studies, Refused> {
    let cycle_text = text_of(cycle_cell);
    let year_text = text_of(year_cell);
    let stated_cycle = if cycle_text.is_empty() {
        None
    } else {
        match super::cells::cycle(cycle_cell) {
            Ok(code) if !code.is_empty() => Some(code),
            _ => None,
        }
    };
    let from_cycle = read(&cycle_text);
    let from_year = read(&year_text);
    let mut out = Studies {
        cycle: stated_cycle.clone().unwrap_or_default(),
        year: String::new(),
        discipline: None,
        finished: matches!(from_cycle, Some(Reading::Finished))
            || matches!(from_year, Some(Reading::Finished)),
    };
    // The "Cycle" column may itself hold the faculty's name ("DFASM2", "Interne").
    match from_cycle {
        Some(Reading::FirstCycle) => return Err(Refused::Cycle(first_cycle(cycle_text.trim()))),
        Some(Reading::Stage {
            cycle,
            year,
            discipline: d,
        }) => {
            out.cycle = cycle.to_owned();
            out.year = year.map(|y| y.to_string()).unwrap_or_default();
            out.discipline = d;
        }
        _ if !cycle_text.is_empty() && stated_cycle.is_none() => {
            return Err(Refused::Cycle(invalid(
                "un cycle : 2e cycle (externat, DFASM) ou 3e cycle (internat, DES, docteur junior)",
            )))
        }
        _ => {}
    }
    let discipline = discipline.filter(|d| !d.is_empty()).or(out.discipline);
    match from_year {
        None if year_text.is_empty() => {}
        None => {
            return Err(Refused::Year(invalid(
                "une année d'études : 5e année, DFASM2, DFASO1, Interne 2e année, DES 3, Docteur junior…",
            )))
        }
        Some(Reading::FirstCycle) => return Err(Refused::Year(first_cycle(year_text.trim()))),
        Some(Reading::Finished) => {
            out.year = String::new();
        }
        Some(Reading::Stage {
            cycle,
            year,
            discipline: d,
        }) => {
            if !out.cycle.is_empty() && out.cycle != cycle {
                return Err(Refused::Year(invalid(format!(
                    "une année du {} que dit la colonne du cycle : « {} » est du {}",
                    cycle_name(&out.cycle),
                    year_text.trim(),
                    cycle_name(cycle)
                ))));
            }
            out.cycle = cycle.to_owned();
            out.year = year.map(|y| y.to_string()).unwrap_or_default();
            out.discipline = out.discipline.or(d);
        }
        Some(Reading::Year(n)) => {
            // The years the register allows in each cycle (DFASM1–3; internship 1–6).
            let max_in = |c: &str| if c == DEUXIEME { 3 } else { 6 };
            if !out.cycle.is_empty() && n >= 1 && n <= max_in(&out.cycle) {
                // A year within the cycle the other column gives.
                out.year = n.to_string();
            } else if let Some(d) = discipline {
                // Counted from the first year: placed by the discipline.
                let (cycle, year) = absolute(n, d).map_err(Refused::Year)?;
                if !out.cycle.is_empty() && out.cycle != cycle {
                    return Err(Refused::Year(invalid(format!(
                        "une année du {} que dit la colonne du cycle : la {n}e année de {} est du {}",
                        cycle_name(&out.cycle),
                        discipline_label(d),
                        cycle_name(cycle)
                    ))));
                }
                out.cycle = cycle.to_owned();
                out.year = year.to_string();
            } else {
                // Neither a cycle nor a discipline: the number is kept as written, and the
                // form's rules say what is missing.
                out.year = n.to_string();
            }
        }
    }
    Ok(out)
}

fn cycle_name(code: &str) -> &'static str {
    if code == TROISIEME {
        "3e cycle"
    } else {
        "2e cycle"
    }
}

fn text_of(cell: &Cell) -> String {
    if cell.is_blank() {
        String::new()
    } else {
        cell.display()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn studies(cycle: &str, year: &str, discipline: Option<&str>) -> (String, String) {
        let c = if cycle.is_empty() { Cell::Empty } else { t(cycle) };
        let y = if year.is_empty() { Cell::Empty } else { t(year) };
        let s = reconcile(&c, &y, discipline).unwrap_or_else(|e| panic!("{cycle} / {year}: {e:?}"));
        (s.cycle, s.year)
    }

    fn pair(cycle: &str, year: u8) -> (String, String) {
        (cycle.to_owned(), year.to_string())
    }

    #[test]
    fn faculty_names_give_cycle_year_and_discipline() {
        let m = Some("medecine");
        assert_eq!(studies("", "DFASM2", m), pair(DEUXIEME, 2));
        assert_eq!(studies("", "dfasm 3", None), pair(DEUXIEME, 3));
        assert_eq!(studies("", "DFASO1", None), pair(DEUXIEME, 1));
        assert_eq!(studies("", "DFASP2", None), pair(DEUXIEME, 2));
        assert_eq!(studies("", "DFASMa1", None), pair(DEUXIEME, 1));
        assert_eq!(studies("", "DCEM3", None), pair(DEUXIEME, 2));
        let s = reconcile(&Cell::Empty, &t("DFASO1"), None).unwrap();
        assert_eq!(s.discipline, Some("odontologie"));
        let s = reconcile(&Cell::Empty, &t("DFASMa2"), None).unwrap();
        assert_eq!(s.discipline, Some("maieutique"));
        assert_eq!(studies("", "T1", Some("odontologie")), pair(TROISIEME, 1));
    }

    #[test]
    fn internship_and_its_years() {
        assert_eq!(
            studies("", "Interne", None),
            (TROISIEME.to_owned(), String::new())
        );
        assert_eq!(studies("", "Interne 2e année", None), pair(TROISIEME, 2));
        assert_eq!(studies("", "Interne de 3ème année", None), pair(TROISIEME, 3));
        assert_eq!(studies("", "Interne DES 2e année", None), pair(TROISIEME, 2));
        assert_eq!(studies("", "2e année d'internat", None), pair(TROISIEME, 2));
        assert_eq!(studies("", "DES 3", None), pair(TROISIEME, 3));
        assert_eq!(studies("", "DES3", None), pair(TROISIEME, 3));
        assert_eq!(studies("", "Phase socle", None), pair(TROISIEME, 1));
        assert_eq!(
            studies("", "Docteur junior", None),
            (TROISIEME.to_owned(), String::new())
        );
        assert_eq!(
            studies("", "Dr junior", None),
            (TROISIEME.to_owned(), String::new())
        );
    }

    #[test]
    fn years_counted_from_the_first_follow_the_discipline() {
        assert_eq!(studies("", "5e année", Some("medecine")), pair(DEUXIEME, 2));
        assert_eq!(studies("", "4ème année", Some("medecine")), pair(DEUXIEME, 1));
        assert_eq!(studies("", "6", Some("medecine")), pair(DEUXIEME, 3));
        assert_eq!(studies("", "7e année", Some("medecine")), pair(TROISIEME, 1));
        assert_eq!(
            studies("", "cinquième année", Some("odontologie")),
            pair(DEUXIEME, 2)
        );
        assert_eq!(studies("", "6e année", Some("odontologie")), pair(TROISIEME, 1));
        assert_eq!(studies("", "5e année", Some("pharmacie")), pair(DEUXIEME, 2));
        assert_eq!(studies("", "4e année", Some("maieutique")), pair(DEUXIEME, 1));
        assert_eq!(studies("", "5ᵉ année", Some("maieutique")), pair(DEUXIEME, 2));
        // With a "Cycle" column, a year within it is the year in the cycle…
        assert_eq!(
            studies("2e cycle", "2e année", Some("medecine")),
            pair(DEUXIEME, 2)
        );
        assert_eq!(studies("3e cycle", "4", None), pair(TROISIEME, 4));
        // …and one beyond it is counted from the first year when that agrees.
        assert_eq!(
            studies("2e cycle", "5e année", Some("medecine")),
            pair(DEUXIEME, 2)
        );
        // Without a discipline nor a cycle, the number is kept for the form's rules.
        assert_eq!(studies("", "5e année", None), (String::new(), "5".to_owned()));
    }

    #[test]
    fn finished_studies_and_the_first_cycle() {
        assert_eq!(
            studies("", "Docteur", Some("medecine")),
            (String::new(), String::new())
        );
        assert_eq!(studies("", "Dr", None), (String::new(), String::new()));
        assert_eq!(
            studies("", "Thèse soutenue", None),
            (String::new(), String::new())
        );
        for first in ["PASS", "LAS", "L.AS 1", "DFGSM2", "DFGSO3", "PACES", "3e année"] {
            let err = reconcile(&Cell::Empty, &t(first), Some("medecine")).unwrap_err();
            let Refused::Year(e) = err else { panic!("{first}") };
            assert!(e.expected.contains("1er cycle"), "{first}: {}", e.expected);
        }
    }

    #[test]
    fn contradictions_and_unknown_texts_are_refused_with_their_reason() {
        let err = reconcile(&t("3e cycle"), &t("DFASM2"), None).unwrap_err();
        let Refused::Year(e) = err else { panic!() };
        assert!(
            e.expected.contains("« DFASM2 » est du 2e cycle"),
            "{}",
            e.expected
        );
        let err = reconcile(&Cell::Empty, &t("bientôt"), None).unwrap_err();
        assert!(matches!(err, Refused::Year(_)));
        let err = reconcile(&t("licence"), &Cell::Empty, None).unwrap_err();
        assert!(matches!(err, Refused::Cycle(_)));
        // The "Cycle" column holding the faculty's name.
        assert_eq!(studies("DFASM1", "", None), pair(DEUXIEME, 1));
        assert_eq!(studies("Interne", "3", None), pair(TROISIEME, 3));
        assert_eq!(studies("", "", None), (String::new(), String::new()));
    }

    #[test]
    fn ordinals() {
        for (w, n) in [
            ("5", 5),
            ("5e", 5),
            ("5eme", 5),
            ("1er", 1),
            ("1re", 1),
            ("2nd", 2),
            ("sixieme", 6),
        ] {
            assert_eq!(ordinal(w), Some(n), "{w}");
        }
        assert_eq!(ordinal("5x"), None);
        assert_eq!(ordinal("123"), None);
    }

    use proptest::prelude::*;

    proptest! {
        /// However the year is written, and for the 2nd cycle however the faculty names it,
        /// the same year gives the same cycle and year.
        #[test]
        fn a_year_reads_the_same_however_written(
            discipline in prop::sample::select(vec!["medecine", "odontologie", "pharmacie", "maieutique"]),
            offset in 0u8..8,
            form in 0usize..4,
        ) {
            let n = 4 + offset;
            let written = [format!("{n}"), format!("{n}e"), format!("{n}ème année"), format!("{n}e année d'études")];
            let got = reconcile(&Cell::Empty, &t(&written[form]), Some(discipline)).unwrap();
            let plain = reconcile(&Cell::Empty, &t(&n.to_string()), Some(discipline)).unwrap();
            prop_assert_eq!(&got, &plain);
            if got.cycle == DEUXIEME {
                let code = match discipline { "medecine" => "M", "odontologie" => "O", "pharmacie" => "P", _ => "Ma" };
                let faculty = reconcile(&Cell::Empty, &t(&format!("DFAS{code}{}", got.year)), None).unwrap();
                prop_assert_eq!(&faculty.cycle, &got.cycle);
                prop_assert_eq!(&faculty.year, &got.year);
                prop_assert_eq!(faculty.discipline, Some(discipline));
            } else {
                prop_assert_eq!(got.cycle.as_str(), TROISIEME);
                let year: u8 = got.year.parse().unwrap();
                prop_assert!((1..=6).contains(&year));
            }
        }
    }
}
