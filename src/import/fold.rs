//! Folding text for tolerant comparisons: "Prénom(s) ", "PRENOMS" and "prénoms" must meet.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents dropped, ligatures expanded, and every run of characters that are
/// neither letters nor digits collapsed to one space (none at either end).
///
/// The decomposition is NFKD rather than NFD: on top of splitting accents off their letters
/// it also turns the no-break spaces, superscripts ("2ᵉ" → "2e"), ordinals ("Nº" → "no") and
/// typographic ligatures ("ﬁ") that spreadsheets are full of into plain characters.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    };
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => "oe".chars().for_each(|c| push(c, &mut out)),
            'æ' | 'Æ' => "ae".chars().for_each(|c| push(c, &mut out)),
            'ß' => "ss".chars().for_each(|c| push(c, &mut out)),
            _ => c.to_lowercase().for_each(|c| push(c, &mut out)),
        }
    }
    out
}

/// True when `phrase` (already folded) occurs in `folded` as whole words:
/// "nom" occurs in "nom d usage" but not in "prenom".
pub fn has_words(folded: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let hay = folded.split(' ').collect::<Vec<_>>();
    let needle = phrase.split(' ').collect::<Vec<_>>();
    hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_ligatures_and_punctuation() {
        assert_eq!(fold("Prénom(s) "), "prenom s");
        assert_eq!(fold("  NOM  "), "nom");
        assert_eq!(fold("Nom d'usage"), "nom d usage");
        assert_eq!(fold("Né(e) le"), "ne e le");
        assert_eq!(fold("Cœur-Ægir"), "coeur aegir");
        assert_eq!(fold("N° de contrat"), "n de contrat");
        assert_eq!(fold("Nº de contrat"), "no de contrat");
        assert_eq!(fold("2ᵉ cycle"), "2e cycle");
        assert_eq!(fold("1\u{202f}234\u{a0}€"), "1 234");
        assert_eq!(fold("Date de\nnaissance"), "date de naissance");
        assert_eq!(fold("ÉTAT"), "etat");
        assert_eq!(fold(" - ' "), "");
    }

    #[test]
    fn whole_word_phrases() {
        assert!(has_words("nom d usage", "nom"));
        assert!(!has_words("prenom", "nom"));
        assert!(has_words("date de naissance", "date de naissance"));
        assert!(!has_words("date de naissance", "nom de naissance"));
        assert!(!has_words("nom", "nom de naissance"));
        assert!(!has_words("nom", ""));
    }
}
