//! One table of every keyword list the recognizers use, so that a token is classified once
//! (a hash lookup in the tokenizer) instead of being compared with each list at each use.

use super::dictionary::FnvBuild;
use super::{address, ages, dates, ids, names, patterns};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Bits of [`super::token::Token::lex`].
pub(crate) mod bit {
    pub const FUNCTION: u64 = 1 << 0;
    pub const TITLE: u64 = 1 << 1;
    pub const RELATION: u64 = 1 << 2;
    pub const BY_VERB: u64 = 1 << 3;
    pub const NAME_WEAK: u64 = 1 << 4;
    pub const CLINICAL_NOUN: u64 = 1 << 5;
    pub const ORGANISATION: u64 = 1 << 6;
    pub const STREET_SUFFIX: u64 = 1 << 7;
    pub const UNIT: u64 = 1 << 8;
    pub const DIRECTION: u64 = 1 << 9;
    pub const STATE_NAME: u64 = 1 << 10;
    pub const STATE_CODE: u64 = 1 << 11;
    pub const ZIP_CONTEXT: u64 = 1 << 12;
    pub const AGE_BEFORE: u64 = 1 << 13;
    pub const AGE_AFTER: u64 = 1 << 14;
    pub const MONTH: u64 = 1 << 15;
    pub const WEEKDAY: u64 = 1 << 16;
    pub const BIRTH: u64 = 1 << 17;
    pub const DAY_MONTH: u64 = 1 << 18;
    pub const ID_CONTEXT: u64 = 1 << 19;
    pub const SSN_CONTEXT: u64 = 1 << 20;
    pub const PHONE_CONTEXT: u64 = 1 << 21;
}

/// Longest keyword looked up, in bytes.
const MAX_KEYWORD: usize = 16;

fn build() -> HashMap<Vec<u8>, u64, FnvBuild> {
    let lists: [(&[&str], u64); 21] = [
        (names::FUNCTION_WORDS, bit::FUNCTION),
        (names::TITLES, bit::TITLE),
        (names::RELATIONS, bit::RELATION),
        (names::BY_VERBS, bit::BY_VERB),
        (names::WEAK_CONTEXT, bit::NAME_WEAK),
        (names::CLINICAL_NOUNS, bit::CLINICAL_NOUN),
        (names::ORGANISATION_NOUNS, bit::ORGANISATION),
        (address::SUFFIXES, bit::STREET_SUFFIX),
        (address::UNITS, bit::UNIT),
        (address::DIRECTIONS, bit::DIRECTION),
        (address::STATE_NAMES, bit::STATE_NAME),
        (address::STATE_CODES, bit::STATE_CODE),
        (address::ZIP_CONTEXT, bit::ZIP_CONTEXT),
        (ages::AGE_BEFORE, bit::AGE_BEFORE),
        (ages::AGE_AFTER, bit::AGE_AFTER),
        (&dates::MONTHS, bit::MONTH),
        (&dates::MONTH_ABBR, bit::MONTH),
        (dates::WEEKDAYS, bit::WEEKDAY),
        (dates::BIRTH_CONTEXT, bit::BIRTH),
        (dates::DAY_MONTH_CONTEXT, bit::DAY_MONTH),
        (patterns::SSN_CONTEXT, bit::SSN_CONTEXT),
    ];
    let mut map: HashMap<Vec<u8>, u64, FnvBuild> = HashMap::default();
    for (list, b) in lists {
        for w in list {
            *map.entry(w.to_ascii_lowercase().into_bytes()).or_insert(0) |= b;
        }
    }
    for w in patterns::PHONE_CONTEXT {
        *map.entry(w.to_ascii_lowercase().into_bytes()).or_insert(0) |= bit::PHONE_CONTEXT;
    }
    for (w, _) in ids::CONTEXT {
        *map.entry(w.to_ascii_lowercase().into_bytes()).or_insert(0) |= bit::ID_CONTEXT;
    }
    map
}

fn table() -> &'static HashMap<Vec<u8>, u64, FnvBuild> {
    static TABLE: OnceLock<HashMap<Vec<u8>, u64, FnvBuild>> = OnceLock::new();
    TABLE.get_or_init(build)
}

/// The keyword bits of one alphabetic token (0 for anything not in a list).
pub(crate) fn classify(word: &str) -> u64 {
    let mut buf = [0u8; MAX_KEYWORD];
    let Some(dst) = buf.get_mut(..word.len()) else { return 0 };
    if !word.is_ascii() {
        return 0;
    }
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    let lower: &[u8] = dst;
    table().get(lower).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_is_classifiable() {
        for (word, bits) in table() {
            let word = std::str::from_utf8(word).unwrap();
            assert!(word.len() <= MAX_KEYWORD, "{word} longer than MAX_KEYWORD");
            assert_eq!(classify(word), *bits);
            assert_eq!(classify(&word.to_ascii_uppercase()), *bits);
        }
        assert_eq!(classify("Daughter") & bit::RELATION, bit::RELATION);
        assert_eq!(classify("IL") & bit::STATE_CODE, bit::STATE_CODE);
        assert_eq!(classify("Lopez"), 0);
    }
}
