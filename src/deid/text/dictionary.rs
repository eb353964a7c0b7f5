//! The shipped name dictionary: 1990 US Census first and last names (top 1,500 female, 1,000
//! male, 5,000 surnames; `data/names/`), each flagged when it is also a common English word,
//! plus a stop list of eponyms, drug names and place words (`data/names/stopwords.txt`).

use std::collections::HashMap;
use std::sync::OnceLock;

const FIRST: &str = include_str!("../../../data/names/first.txt");
const LAST: &str = include_str!("../../../data/names/last.txt");
const STOP: &str = include_str!("../../../data/names/stopwords.txt");

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

fn load() -> HashMap<&'static str, NameInfo> {
    let mut map: HashMap<&'static str, NameInfo> = HashMap::with_capacity(8192);
    for (list, is_first) in [(FIRST, true), (LAST, false)] {
        for line in list.lines().filter(|l| !l.starts_with('#')) {
            let (word, ambiguous) = match line.strip_suffix(" *") {
                Some(w) => (w, true),
                None => (line, false),
            };
            let e = map.entry(word).or_default();
            if is_first { e.first = true } else { e.last = true }
            e.ambiguous |= ambiguous;
        }
    }
    for word in STOP.lines().filter(|l| !l.starts_with('#')).flat_map(str::split_whitespace) {
        map.entry(word).or_default().stop = true;
    }
    map
}

fn table() -> &'static HashMap<&'static str, NameInfo> {
    static TABLE: OnceLock<HashMap<&'static str, NameInfo>> = OnceLock::new();
    TABLE.get_or_init(load)
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
    let Ok(upper) = core::str::from_utf8(dst) else { return NameInfo::default() };
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
    }
}
