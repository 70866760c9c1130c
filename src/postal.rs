//! Postal addresses as La Poste reads them through the window of an envelope: at most
//! six lines of at most 38 characters, the town line last, in capitals (norme
//! NF Z 10-011; see [`crate::pdf::layout::ADDRESS_WINDOW`] for where it is printed).
//!
//! Addresses are typed in the register as free text, on one line ("18 chemin de Kerhuel,
//! 34000 Montpellier") or several; this module cuts them into the lines of the norm.

use crate::pdf::layout::ADDRESS_WINDOW;

/// The lines of the address block: the recipient's name, then the address. A long line
/// is wrapped between words; beyond six lines the middle lines (a building, a
/// floor) are dropped rather than the street or the town.
pub fn address_lines(name: &str, address: &str) -> Vec<String> {
    let max = ADDRESS_WINDOW.max_chars;
    let mut parts: Vec<String> = Vec::new();
    for line in address.lines().map(str::trim).filter(|l| !l.is_empty()) {
        parts.extend(split_before_postcode(line));
    }
    if let Some(last) = parts.last_mut() {
        if starts_with_postcode(last) {
            *last = last.to_uppercase();
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if !name.is_empty() {
        lines.extend(wrap(&name, max));
    }
    for p in &parts {
        lines.extend(wrap(p, max));
    }
    let keep = ADDRESS_WINDOW.max_lines;
    if lines.len() > keep {
        // Name first, street and town last: what a carrier needs.
        let tail = lines.split_off(lines.len() - (keep - 2));
        lines.truncate(2);
        lines.extend(tail);
    }
    lines
}

/// "18 chemin de Kerhuel, 34000 Montpellier" → ["18 chemin de Kerhuel", "34000 Montpellier"].
fn split_before_postcode(line: &str) -> Vec<String> {
    let pieces: Vec<&str> = line.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if pieces.len() < 2 {
        return vec![line.to_owned()];
    }
    // Join back everything before the piece that starts with a postcode: commas inside
    // a street line ("Bâtiment A, 3e étage") stay.
    match pieces.iter().rposition(|p| starts_with_postcode(p)) {
        Some(i) if i > 0 => {
            let mut out: Vec<String> = pieces[..i].iter().map(|p| (*p).to_owned()).collect();
            out.push(pieces[i..].join(", "));
            out
        }
        _ => vec![line.to_owned()],
    }
}

fn starts_with_postcode(s: &str) -> bool {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.len() == 5 && s[5..].starts_with(' ')
}

fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let extra = usize::from(!cur.is_empty());
        if cur.chars().count() + extra + word.chars().count() > max && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
        // A single word longer than a line: cut it.
        while cur.chars().count() > max {
            let head: String = cur.chars().take(max).collect();
            let rest: String = cur.chars().skip(max).collect();
            out.push(head);
            cur = rest;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// "Rennes" from "35042 RENNES CEDEX": the town of an address, written as a date line
/// writes it ("Rennes, le …"): the last line that starts with a postcode, "CEDEX" and its
/// number dropped.
pub fn town_of(address: &str) -> String {
    let Some(last) = address
        .lines()
        .map(str::trim)
        .rfind(|l| l.len() > 6 && starts_with_postcode(l))
    else {
        return String::new();
    };
    let words: Vec<&str> = last[6..]
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("cedex") && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    // "SAINT-BRIEUC" → "Saint-Brieuc".
    words
        .join(" ")
        .split_inclusive(['-', ' '])
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_address_becomes_the_lines_of_the_norm() {
        assert_eq!(
            address_lines("M. Jérôme BARBIER", "18 chemin de Kerhuel, 34000 Montpellier"),
            vec!["M. Jérôme BARBIER", "18 chemin de Kerhuel", "34000 MONTPELLIER"]
        );
        assert_eq!(
            address_lines(
                "Mme Anne DUPONT",
                "Résidence Les Pins, bât. A\n3 rue de la Paix\n29200 Brest"
            ),
            vec![
                "Mme Anne DUPONT",
                "Résidence Les Pins, bât. A",
                "3 rue de la Paix",
                "29200 BREST"
            ]
        );
    }

    #[test]
    fn no_line_is_longer_than_38_characters_and_there_are_at_most_6() {
        let long = "Appartement 12, escalier B, résidence du Grand Large et des Embruns\nBâtiment C\n3e étage\nchez Mme Martin\n12 boulevard du Général-de-Gaulle-et-de-la-Libération\n35000 Rennes";
        let lines = address_lines("M. Jean-Baptiste DE LA TOUR D'AUVERGNE-LAURAGUAIS", long);
        assert!(lines.len() <= 6, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 38), "{lines:?}");
        assert_eq!(lines.last().map(String::as_str), Some("35000 RENNES"));
        assert!(lines[0].starts_with("M. Jean-Baptiste"));
    }

    #[test]
    fn the_town_of_the_agency_dates_the_letters() {
        assert_eq!(
            super::town_of("6 place des Colombes\nCS 14253\n35042 RENNES CEDEX"),
            "Rennes"
        );
        assert_eq!(super::town_of("3 rue X\n22000 SAINT-BRIEUC"), "Saint-Brieuc");
        assert_eq!(super::town_of("13331 MARSEILLE CEDEX 03"), "Marseille");
        assert_eq!(super::town_of("sans code postal"), "");
    }
}
