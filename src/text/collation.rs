//! French collation: names and labels in the order a French reader expects — accents,
//! case and ligatures count after the letters ("Pédiatrie" before "Psychiatrie", "Œuvray"
//! with the O), a space before any letter ("Martin Anne" before "Martinez") — as the
//! Unicode Collation Algorithm with the CLDR's French data says, through ICU4X
//! (`icu_collator`, the Unicode consortium's maintained Rust library, data compiled in).

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// What the stored sort keys were computed with: when it changes, they are computed again
/// (see `store::signatories::refresh_name_keys`).
pub const SORT_KEY_VERSION: &str = "icu_collator 2.4 fr";

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static C: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    C.get_or_init(|| {
        let fr = icu_locale_core::locale!("fr");
        Collator::try_new((&fr).into(), CollatorOptions::default()).ok()
    })
    .as_ref()
}

/// Compares two texts in French order (byte order of the folded texts if the collation
/// data could not be loaded, which compiled data rules out).
pub fn cmp_french(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(c) => c.compare(a, b),
        None => super::fold(a).cmp(&super::fold(b)),
    }
}

/// Sorts `items` by `key` in French order (stable: equal keys keep their order).
pub fn sort_french_by<T>(items: &mut [T], key: impl Fn(&T) -> String) {
    let mut keyed: Vec<(Vec<u8>, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, t)| (sort_key(&key(t)), i))
        .collect();
    keyed.sort();
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    permute(items, &order);
}

/// Puts `items[order[k]]` at position `k`.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut taken: Vec<Option<usize>> = order.iter().copied().map(Some).collect();
    // Cycle-following permutation in place, without requiring Clone.
    for start in 0..items.len() {
        let mut cur = start;
        while let Some(src) = taken[cur].take() {
            if src == start {
                break;
            }
            items.swap(cur, src);
            cur = src;
        }
    }
}

/// The collation key of `s`: comparing keys byte by byte is comparing the texts in French
/// order. Stored (in hexadecimal) as the register's sort column, so that SQLite sorts
/// names in French order with a plain index.
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(s.len() * 3);
    match collator() {
        Some(c) => {
            let Ok(()) = c.write_sort_key_to(s, &mut key);
        }
        None => key.extend_from_slice(super::fold(s).as_bytes()),
    }
    key
}

/// [`sort_key`] in hexadecimal: text that sorts as the key does.
pub fn sort_key_hex(s: &str) -> String {
    use std::fmt::Write;
    let key = sort_key(s);
    let mut out = String::with_capacity(key.len() * 2);
    for b in key {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_order_is_not_byte_order() {
        let mut v = vec![
            "Psychiatrie",
            "Pédiatrie",
            "pneumologie",
            "Œuvray",
            "Martinez Anne",
            "Martin Zoé",
            "Émile",
            "Eymard",
        ];
        sort_french_by(&mut v, |s| (*s).to_owned());
        assert_eq!(
            v,
            vec![
                "Émile",
                "Eymard",
                "Martin Zoé",
                "Martinez Anne",
                "Œuvray",
                "Pédiatrie",
                "pneumologie",
                "Psychiatrie"
            ]
        );
        assert_eq!(cmp_french("Pédiatrie", "Psychiatrie"), Ordering::Less);
        // The keys sort as the texts do, in hexadecimal too.
        assert!(sort_key_hex("Pédiatrie") < sort_key_hex("Psychiatrie"));
        assert!(sort_key_hex("MARTIN Zoé") < sort_key_hex("MARTINEZ Anne"));
    }

    #[test]
    fn sorting_is_stable_and_keeps_every_item() {
        let mut v: Vec<(String, usize)> = ["b", "a", "B", "a", "à"]
            .iter()
            .enumerate()
            .map(|(i, s)| ((*s).to_owned(), i))
            .collect();
        sort_french_by(&mut v, |t| t.0.clone());
        let idx: Vec<usize> = v.iter().map(|t| t.1).collect();
        assert_eq!(idx, vec![1, 3, 4, 0, 2]);
    }
}
