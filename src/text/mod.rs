//! Text normalisation for search: "Hélène" and "helene" must meet, and so must
//! "Lefèvre"/"LEFEVRE" and "Cœur"/"coeur".

use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents dropped, ligatures expanded. Used for the indexed search column
/// and for the user's query, so that both sides are folded the same way.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        match c {
            // Combining diacritical marks left by the decomposition.
            '\u{0300}'..='\u{036f}' => {}
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// What identifies a person's name across spellings ("LEFEVRE  Helene" and "Lefèvre
/// Hélène"): folded, whitespace collapsed, typographic apostrophe as '. Import matches
/// rows with files on it (with the birth date).
pub fn identity_key(last: &str, first: &str) -> String {
    let clean = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('’', "'")
    };
    format!("{} {}", fold(&clean(last)), fold(&clean(first)))
}

/// Splits folded text into search words (letters and digits).
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Builds an FTS5 query from what the user typed: every word must match the start of a
/// word of the name ("hel lef" finds "Hélène Lefèvre"). Returns `None` when nothing
/// searchable was typed. Words are quoted, so FTS5 operators typed by the user are inert.
pub fn fts_prefix_query(input: &str) -> Option<String> {
    let terms: Vec<String> = words(input)
        .into_iter()
        .take(8)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_accents_case_and_ligatures() {
        assert_eq!(fold("Hélène"), "helene");
        assert_eq!(fold("LEFÈVRE"), "lefevre");
        assert_eq!(fold("Cœur-Noël"), "coeur-noel");
        assert_eq!(fold("Ægir Straße"), "aegir strasse");
        assert_eq!(fold("Ç à ï ô û"), "c a i o u");
    }

    #[test]
    fn words_split_on_hyphens_apostrophes_and_spaces() {
        assert_eq!(
            words("D'Almeida-Éric  Jean"),
            vec!["d", "almeida", "eric", "jean"]
        );
        assert!(words(" - ' ").is_empty());
    }

    #[test]
    fn prefix_query_quotes_every_word() {
        assert_eq!(fts_prefix_query("helene"), Some("\"helene\"*".into()));
        assert_eq!(fts_prefix_query("Hél LEF"), Some("\"hel\"* \"lef\"*".into()));
        // FTS5 syntax typed by a user is neutralised: only words survive.
        assert_eq!(
            fts_prefix_query("a\" OR NEAR(b"),
            Some("\"a\"* \"or\"* \"near\"* \"b\"*".into())
        );
        assert_eq!(fts_prefix_query("  "), None);
    }
}

pub mod collation;
pub use collation::{cmp_french, sort_french_by};
