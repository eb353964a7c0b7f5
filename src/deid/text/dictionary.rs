//! The shipped name dictionary: 1990 US Census first and last names (top 1,500 female, 1,000
//! male, 5,000 surnames; `data/names/`), each flagged when it is also a common English word,
//! and the 2020 US Census names occurring 500 times or more that are no English word
//! (16,172 first names, 35,365 surnames),
//! plus a stop list of eponyms, drug names and place words (`data/names/stopwords.txt`), and
//! a list of common English words (`data/names/english.txt`) that tells a word that is
//! probably a name (capitalized, not listed, not English) from an ordinary word.

use super::lexicon::{self, MAX_WORD};

const FIRST: &str = include_str!("../../../data/names/first.txt");
const LAST: &str = include_str!("../../../data/names/last.txt");
const STOP: &str = include_str!("../../../data/names/stopwords.txt");
const ENGLISH: &str = include_str!("../../../data/names/english.txt");
const PLACES: &str = include_str!("../../../data/places/us-places.txt");
/// Cities outside the US (`scripts/derive_places.py --world`).
const WORLD_PLACES: &str = include_str!("../../../data/places/world-places.txt");

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
    /// A first name and nothing else (a romanized given name in no list: `Ji-hoon`).
    pub(crate) const FIRST: NameInfo = NameInfo { first: true, last: false, ambiguous: false, stop: false };

    pub(crate) fn any(self) -> bool {
        self.first || self.last
    }

    /// A name without any context: in a list, not a common word, not stopped.
    pub(crate) fn strong(self) -> bool {
        self.any() && !self.ambiguous && !self.stop
    }
}

/// The lines of `list` that are no `#` comment, as `str::lines` cuts them. The lists hold
/// 27,000 lines of a few bytes, read when the tables are built on the first scrub of a process
/// or page: a byte loop finds each line's end, where `lines` set up a byte search per line
/// (most of building the tables, once the keys were no longer sorted).
fn entries(list: &str) -> impl Iterator<Item = &str> {
    let mut rest = list;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let line = match rest.bytes().position(|b| b == b'\n') {
                Some(end) => {
                    let line = rest.get(..end).unwrap_or("");
                    rest = rest.get(end + 1..).unwrap_or("");
                    // As `lines`: `\r\n` ends a line too (a `\r` is stripped only before `\n`).
                    line.strip_suffix('\r').unwrap_or(line)
                }
                None => std::mem::take(&mut rest),
            };
            if line.as_bytes().first() != Some(&b'#') {
                return Some(line);
            }
        }
        None
    })
}

/// Calls `add` with every listed word (upper case, as the lists spell them) and its facts;
/// a word may come more than once (first and last name, stop word).
pub(crate) fn add_names(add: &mut dyn FnMut(&'static str, NameInfo)) {
    for (list, is_first) in [(FIRST, true), (LAST, false)] {
        for line in entries(list) {
            let (word, ambiguous) = match line.strip_suffix(" *") {
                Some(w) => (w, true),
                None => (line, false),
            };
            add(word, NameInfo { first: is_first, last: !is_first, ambiguous, stop: false });
        }
    }
    for word in entries(STOP).flat_map(str::split_whitespace) {
        add(word, NameInfo { stop: true, ..NameInfo::default() });
    }
}

/// Calls `add` with every word of the English list (lower case, base forms).
pub(crate) fn add_english(add: &mut dyn FnMut(&'static str)) {
    for word in entries(ENGLISH) {
        add(word);
    }
}

/// Calls `add` with every place of the US gazetteer (`data/places/us-places.txt`: GeoNames
/// populated places of 1,000 people or more and seats of administrative divisions, CC BY 4.0) and `false`, the place as listed
/// (`Chicopee`, `Long Beach`, words joined by one space); and, for a place of several words,
/// with its first word and `true` (`Long`: a place may start here).
pub(crate) fn add_places(add: &mut dyn FnMut(&'static str, bool)) {
    for line in entries(PLACES).chain(entries(WORLD_PLACES)).filter(|l| !l.is_empty()) {
        add(line, false);
        if let Some((head, _)) = line.split_once(' ') {
            add(head, true);
        }
    }
}

/// Suffixes stripped to find a base form (the same rule as `data/names/derive_names.py`).
const SUFFIXES: [&str; 9] = ["ies", "ied", "es", "s", "ed", "ing", "ly", "er", "est"];

/// Whether the lower-case `stem` followed by `tail` (one byte or none) is an English base
/// form, without allocating.
fn base_with(stem: &[u8], tail: Option<u8>) -> bool {
    let mut buf = [0u8; MAX_WORD];
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
    buf.get(..len).is_some_and(|w| lexicon::word_entry(w).english)
}

/// Whether a lower-case word that is not itself in the English list is an inflection of a
/// word that is (`visits`, `carried`, `stopped`).
pub(crate) fn is_inflection(lower: &[u8]) -> bool {
    SUFFIXES.iter().any(|suf| {
        let Some(stem) = lower.strip_suffix(suf.as_bytes()).filter(|s| s.len() >= 3) else { return false };
        if *suf == "ies" || *suf == "ied" {
            return base_with(stem, Some(b'y'));
        }
        let doubled = stem.len() >= 2 && stem.last() == stem.get(stem.len() - 2);
        base_with(stem, None)
            || base_with(stem, Some(b'e'))
            || (doubled && stem.get(..stem.len() - 1).is_some_and(|s| base_with(s, None)))
    })
}

/// Whether a word is a common English word (SCOWL size 35), inflections included.
/// Non-ASCII and very long words are not. (Tokens get the same answer from
/// [`super::token::Tokens::english`].)
pub(crate) fn is_english(word: &str) -> bool {
    let mut buf = [0u8; MAX_WORD];
    let Some(lower) = lexicon::fold(word.as_bytes(), &mut buf) else { return false };
    lexicon::word_entry(lower).english || is_inflection(lower)
}

/// Whether `phrase` (words joined by one space, any ASCII case) is a listed US place.
#[cfg(test)]
fn is_place(phrase: &str) -> bool {
    let mut buf = [0u8; MAX_WORD];
    lexicon::fold(phrase.as_bytes(), &mut buf).is_some_and(|lower| lexicon::word_entry(lower).place)
}

/// Looks a word up, ignoring case. Non-ASCII or very long words are unknown.
pub(crate) fn lookup(word: &str) -> NameInfo {
    let mut buf = [0u8; MAX_WORD];
    lexicon::fold(word.as_bytes(), &mut buf).map_or_else(NameInfo::default, |lower| lexicon::word_entry(lower).name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists and texts with empty lines, comments, `\r\n`, a lone `\r` and no last break.
    #[test]
    fn entries_are_the_uncommented_lines() {
        let texts = [
            FIRST,
            LAST,
            STOP,
            ENGLISH,
            PLACES,
            WORLD_PLACES,
            "",
            "\n",
            "a",
            "a\n",
            "#x\na\r\n\n#\nb\r",
            "\r\n#\n\n x \n",
        ];
        for text in texts {
            let want: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
            assert_eq!(entries(text).collect::<Vec<_>>(), want, "{:?}", text.get(..40.min(text.len())));
        }
    }

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

    #[test]
    fn gazetteer_places_and_heads() {
        for p in [
            "Chicopee",
            "SKOKIE",
            "tupelo",
            "Shiprock",
            "Espanola",
            "Long Beach",
            "long beach",
            "Commerce City",
            "Salt Lake City",
            "Winston Salem",
            "Cap Haitien",
        ] {
            assert!(is_place(p), "{p}");
        }
        // A head is not a place by itself; a country is left out; a name is kept as listed.
        // (`Commerce` and `Beach` are towns of their own.)
        for p in ["Long", "Salt", "Lebanon", "Jamaica", "Long  Beach", "Boston Beach", "Lasix"] {
            assert!(!is_place(p), "{p}");
        }
        assert!(lexicon::word_entry(b"long").place_head && lexicon::word_entry(b"salt").place_head);
        assert!(!lexicon::word_entry(b"chicopee").place_head);
        // The Census name facts of a word that is also a place are kept.
        let austin = lexicon::word_entry(b"austin");
        assert!(austin.place && austin.name.first);
    }
}
