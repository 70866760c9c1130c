//! One "NOM Prénom" column split into the last name and the first names.
//!
//! French administrative lists write the last name in capitals: "LE GALL Jean-Baptiste",
//! "Anne-Sophie DE LA TOUR D'AUVERGNE". The capitals say where the name ends, whichever
//! comes first; lower-case particles written against the capitals ("Anne de LA TOUR") go
//! with the name. A comma settles it too ("Le Gall, Jean-Baptiste"). When the case says
//! nothing (all capitals, or none), the cell is refused with what to write instead: a
//! guess would swap the names of some people without anyone noticing.

use super::cells::Invalid;

/// Particles that belong to the last name when written in lower case beside it.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "d’", "la", "le", "les", "van", "von", "der", "den", "da", "das", "do", "dos",
    "di", "del", "della", "ben", "ibn", "el", "al", "y",
];

/// True for a word written in capitals: at least one letter, no lower-case letter. An elided
/// particle written in lower case against the capitals ("d'ESTAING", "l'HERMITE") does not
/// change that: the word is still the name's.
fn capitals(word: &str) -> bool {
    let rest = ["d'", "d’", "l'", "l’"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .filter(|r| !r.is_empty())
        .unwrap_or(word);
    rest.chars().any(char::is_alphabetic) && !rest.chars().any(char::is_lowercase)
}

fn particle(word: &str) -> bool {
    let lower = word.to_lowercase();
    PARTICLES.contains(&lower.as_str())
        || PARTICLES
            .iter()
            .any(|p| p.ends_with('\'') && lower.starts_with(p))
}

fn expected() -> Invalid {
    Invalid {
        expected: "le nom en capitales et le ou les prénoms en minuscules (« LE GALL Jean-Baptiste » ou \
                   « Jean-Baptiste LE GALL »), ou « Nom, Prénom »"
            .to_owned(),
    }
}

/// `(last name, first names)` from one cell.
pub fn split(text: &str) -> Result<(String, String), Invalid> {
    let text = text.trim();
    if let Some((last, first)) = text.split_once(',') {
        let (last, first) = (last.trim(), first.trim());
        if last.is_empty() || first.is_empty() || first.contains(',') {
            return Err(expected());
        }
        return Ok((last.to_owned(), first.to_owned()));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 {
        return Err(expected());
    }
    let upper: Vec<bool> = words.iter().map(|w| capitals(w)).collect();
    let leading = upper.iter().take_while(|u| **u).count();
    let trailing = upper.iter().rev().take_while(|u| **u).count();
    let join = |ws: &[&str]| ws.join(" ");
    if leading > 0 && leading < words.len() {
        // "NOM Prénom": the capitals first. A particle written in lower case right after
        // them would be a first name ("DUPONT de…" does not happen); the rest are first names.
        if upper[leading..].iter().any(|u| *u) && trailing > 0 {
            // Capitals at both ends ("MARTIN Jean PAUL"): which are the name is unclear.
            return Err(expected());
        }
        return Ok((join(&words[..leading]), join(&words[leading..])));
    }
    if trailing > 0 && trailing < words.len() {
        // "Prénom NOM": the capitals last, with the particles written just before them.
        let mut start = words.len() - trailing;
        while start > 1 && particle(words[start - 1]) {
            start -= 1;
        }
        return Ok((join(&words[start..]), join(&words[..start])));
    }
    Err(expected())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> (String, String) {
        split(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn pair(last: &str, first: &str) -> (String, String) {
        (last.to_owned(), first.to_owned())
    }

    #[test]
    fn capitals_say_where_the_name_ends() {
        assert_eq!(ok("LE GALL Jean-Baptiste"), pair("LE GALL", "Jean-Baptiste"));
        assert_eq!(
            ok("DE LA TOUR D'AUVERGNE Anne-Sophie"),
            pair("DE LA TOUR D'AUVERGNE", "Anne-Sophie")
        );
        assert_eq!(
            ok("DA SILVA DOS SANTOS Inês"),
            pair("DA SILVA DOS SANTOS", "Inês")
        );
        assert_eq!(ok("O'BRIEN Siobhán"), pair("O'BRIEN", "Siobhán"));
        assert_eq!(ok("Jean-Baptiste LE GALL"), pair("LE GALL", "Jean-Baptiste"));
        assert_eq!(
            ok("Anne-Sophie de LA TOUR D'AUVERGNE"),
            pair("de LA TOUR D'AUVERGNE", "Anne-Sophie")
        );
        assert_eq!(ok("Marie Claire N'DIAYE"), pair("N'DIAYE", "Marie Claire"));
        assert_eq!(ok("ÉLÉONORE-MARTIN Zoé Léa"), pair("ÉLÉONORE-MARTIN", "Zoé Léa"));
        assert_eq!(ok("  MARTIN   Léa  "), pair("MARTIN", "Léa"));
        assert_eq!(ok("Le Gall, Jean-Baptiste"), pair("Le Gall", "Jean-Baptiste"));
        // An elided particle in lower case fused to the capitals.
        assert_eq!(ok("Anne d'ESTAING"), pair("d'ESTAING", "Anne"));
        assert_eq!(ok("d’ESTAING Anne"), pair("d’ESTAING", "Anne"));
        assert_eq!(ok("Louis l'HERMITE"), pair("l'HERMITE", "Louis"));
    }

    #[test]
    fn when_the_case_says_nothing_the_cell_is_refused() {
        for s in [
            "LE GALL JEAN-BAPTISTE",
            "Jean-Baptiste Le Gall",
            "MARTIN",
            "",
            "MARTIN Jean PAUL",
            "a, b, c",
        ] {
            let e = split(s).unwrap_err();
            assert!(e.expected.contains("capitales"), "{s}");
        }
    }

    use proptest::prelude::*;

    fn last_names() -> impl Strategy<Value = String> {
        prop::collection::vec(
            "[A-Z]{2,8}(-[A-Z]{2,8})?|D'[A-Z]{3,8}|O'[A-Z]{3,8}|DE|LA|DA|DOS",
            1..4,
        )
        .prop_map(|w| w.join(" "))
        // A name made of particles only is not a name.
        .prop_filter("a real name", |n| n.split(' ').any(|w| w.len() > 3))
    }

    fn first_names() -> impl Strategy<Value = String> {
        prop::collection::vec("[A-Z][a-zéèïô]{1,8}(-[A-Z][a-zéè]{1,8})?", 1..3)
            // "La", "De", "Dos" are particles, not first names: the split rightly takes
            // them for the start of a last name.
            .prop_filter("no particle", |w| w.iter().all(|x| !particle(x)))
            .prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn both_orders_split_back(last in last_names(), first in first_names()) {
            prop_assert_eq!(split(&format!("{last} {first}")).unwrap(), (last.clone(), first.clone()));
            prop_assert_eq!(split(&format!("{first} {last}")).unwrap(), (last.clone(), first.clone()));
            prop_assert_eq!(split(&format!("{last}, {first}")).unwrap(), (last, first));
        }
    }
}
