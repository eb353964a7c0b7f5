//! The shipped name dictionary: 1990 US Census first and last names (top 1,500 female, 1,000
//! male, 5,000 surnames; `data/names/`), each flagged when it is also a common English word,
//! plus a stop list of eponyms, drug names and place words (`data/names/stopwords.txt`), and
//! a list of common English words (`data/names/english.txt`) that tells a word that is
//! probably a name (capitalized, not listed, not English) from an ordinary word.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the tables are fixed at build time, so a fast non-keyed hash cannot be abused (an
/// input word can only land in a bucket the static table already has).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
    /// Slice keys hash their length first: one step for it instead of eight byte steps.
    fn write_usize(&mut self, n: usize) {
        let h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        self.0 = (h ^ n as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// Hash builder for the static word tables.
pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;
use std::sync::OnceLock;

const FIRST: &str = include_str!("../../../data/names/first.txt");
const LAST: &str = include_str!("../../../data/names/last.txt");
const STOP: &str = include_str!("../../../data/names/stopwords.txt");
const ENGLISH: &str = include_str!("../../../data/names/english.txt");

/// Longest word looked up (longer words are never names in the lists).
const MAX_WORD: usize = 24;

/// What the dictionary knows about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameInfo {
    pub first: bool,
    pub last: bool,
    /// Also a common English word ("Mark", "Brown"): needs context.
    pub ambiguous: bool,
    /// Eponym, drug, calendar or place word: never a name on its own.
    pub stop: bool,
}

impl NameInfo {
    pub(crate) fn any(self) -> bool {
        self.first || self.last
    }

    /// A name without any context: in a list, not a common word, not stopped.
    pub(crate) fn strong(self) -> bool {
        self.any() && !self.ambiguous && !self.stop
    }
}

/// Table keys are the words' bytes, so a lookup needs no UTF-8 check of the folded copy.
fn load() -> HashMap<&'static [u8], NameInfo, FnvBuild> {
    let mut map: HashMap<&'static [u8], NameInfo, FnvBuild> =
        HashMap::with_capacity_and_hasher(8192, FnvBuild::default());
    for (list, is_first) in [(FIRST, true), (LAST, false)] {
        for line in list.lines().filter(|l| !l.starts_with('#')) {
            let (word, ambiguous) = match line.strip_suffix(" *") {
                Some(w) => (w, true),
                None => (line, false),
            };
            let e = map.entry(word.as_bytes()).or_default();
            if is_first {
                e.first = true
            } else {
                e.last = true
            }
            e.ambiguous |= ambiguous;
        }
    }
    for word in STOP.lines().filter(|l| !l.starts_with('#')).flat_map(str::split_whitespace) {
        map.entry(word.as_bytes()).or_default().stop = true;
    }
    map
}

fn table() -> &'static HashMap<&'static [u8], NameInfo, FnvBuild> {
    static TABLE: OnceLock<HashMap<&'static [u8], NameInfo, FnvBuild>> = OnceLock::new();
    TABLE.get_or_init(load)
}

fn english_table() -> &'static HashSet<&'static [u8], FnvBuild> {
    static TABLE: OnceLock<HashSet<&'static [u8], FnvBuild>> = OnceLock::new();
    TABLE.get_or_init(|| ENGLISH.lines().filter(|l| !l.starts_with('#')).map(str::as_bytes).collect())
}

/// Suffixes stripped to find a base form (the same rule as `data/names/derive_names.py`).
const SUFFIXES: [&str; 9] = ["ies", "ied", "es", "s", "ed", "ing", "ly", "er", "est"];

/// Whether `stem` followed by `tail` (one byte or none) is in the English table, without
/// allocating.
fn contains_with(table: &HashSet<&'static [u8], FnvBuild>, stem: &[u8], tail: Option<u8>) -> bool {
    let mut buf = [0u8; MAX_WORD + 1];
    let n = stem.len();
    let Some(dst) = buf.get_mut(..n) else { return false };
    dst.copy_from_slice(stem);
    let len = match tail {
        Some(b) => match buf.get_mut(n) {
            Some(slot) => {
                *slot = b;
                n + 1
            }
            None => return false,
        },
        None => n,
    };
    buf.get(..len).is_some_and(|w| table.contains(w))
}

/// Whether a word is a common English word (SCOWL size 35), inflections included.
/// Non-ASCII and very long words are not.
pub(crate) fn is_english(word: &str) -> bool {
    let mut buf = [0u8; MAX_WORD];
    let Some(dst) = buf.get_mut(..word.len()) else { return false };
    if !word.is_ascii() {
        return false;
    }
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    let lower: &[u8] = dst;
    let table = english_table();
    if table.contains(lower) {
        return true;
    }
    SUFFIXES.iter().any(|suf| {
        let Some(stem) = lower.strip_suffix(suf.as_bytes()).filter(|s| s.len() >= 3) else { return false };
        if *suf == "ies" || *suf == "ied" {
            return contains_with(table, stem, Some(b'y'));
        }
        let doubled = stem.len() >= 2 && stem.last() == stem.get(stem.len() - 2);
        table.contains(stem)
            || contains_with(table, stem, Some(b'e'))
            || (doubled && stem.get(..stem.len() - 1).is_some_and(|s| table.contains(s)))
    })
}

/// Looks a word up, ignoring case. Non-ASCII or very long words are unknown.
pub(crate) fn lookup(word: &str) -> NameInfo {
    let mut buf = [0u8; MAX_WORD];
    let Some(dst) = buf.get_mut(..word.len()) else { return NameInfo::default() };
    if !word.is_ascii() {
        return NameInfo::default();
    }
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_uppercase();
    let upper: &[u8] = dst;
    table().get(upper).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_flags() {
        assert!(lookup("Ramona").strong() && lookup("ramona").first);
        assert!(lookup("HERNANDEZ").strong());
        let mark = lookup("Mark");
        assert!(mark.first && mark.ambiguous && !mark.strong());
        let foley = lookup("Foley");
        assert!(foley.last && foley.stop && !foley.strong());
        assert!(lookup("Lasix").stop && !lookup("Lasix").any());
        assert!(!lookup("Metformin").any());
        assert_eq!(lookup("Ωmega"), NameInfo::default());
        for w in ["visits", "VISITS", "called", "tolerating", "walker", "Denies", "carried", "stopped"] {
            assert!(is_english(w), "{w}");
        }
        for w in ["Tomasz", "Svetlana", "Delacroix", "ambulating", "Ωmega"] {
            assert!(!is_english(w), "{w}");
        }
    }
}
