//! The word lists the recognizers use: the keyword lists as one table of bits (looked up once
//! per word, by the tokenizer) and the Census name dictionary with the English word list (looked
//! up on first use), so a token is never compared with each list at each use.

use super::dictionary;
use super::slots::{ascii_lower, key, Slots};
use super::word_table::{WordFacts, WordTable};
use super::{address, ages, dates, ids, login, names, patterns, spelled};
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
    pub const COUNTRY: u64 = 1 << 33;
    pub const DIGIT_WORD: u64 = 1 << 34;
    pub const ROAD_OWNER: u64 = 1 << 35;
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
    pub const ID_CONNECTOR: u64 = 1 << 22;
    pub const ID_MARKER: u64 = 1 << 23;
    pub const ID_WEAK: u64 = 1 << 24;
    pub const DATE_CUE: u64 = 1 << 25;
    pub const AGE_SUBJECT: u64 = 1 << 26;
    pub const ID_CODED: u64 = 1 << 27;
    pub const PAYER: u64 = 1 << 28;
    pub const PLACE_CONTEXT: u64 = 1 << 31;
    /// A clinician's credential (`MD`, `RN`, `PharmD`): the words before `, MD` are a name.
    pub const CREDENTIAL: u64 = 1 << 29;
    /// A clinical abbreviation (`ED`, `DOB`, `MAE`): never a name when written in capitals.
    pub const ABBREVIATION: u64 = 1 << 30;
    /// The class an ID context word names: this bit shifted by its place in
    /// [`super::super::ids::KINDS`] (7 bits).
    pub const ID_KIND: u64 = 1 << 32;
    /// A preposition before a place (`in`, `near`, `from`, `at`, `to`): a listed US place
    /// after it is an address.
    pub const LOCATIVE: u64 = 1 << 50;
    /// A word after a place that makes it one (`Chicopee PD`, `Cook County`).
    pub const PLACE_AFTER: u64 = 1 << 51;
    /// A hospital unit (`ICU`, `ED`): `neuro ICU, Honolulu` ending a line is a place.
    pub const FACILITY: u64 = 1 << 52;
    /// What a state issues (`license`, `plate`): `CO plate`, `CA license` is no city's state.
    pub const STATE_DOC: u64 = 1 << 53;
    /// A mile marker word (`MP`, `MM`, `milepost`, `marker`): after a numbered road (`I-82 MP
    /// 31`, `HWY 32 mile marker 4`) it and its number locate a scene.
    pub const ROAD_MARK: u64 = 1 << 56;
    /// A result before a bracketed month/day (`GBS neg (5/2)`): the date of the result.
    pub const DATE_RESULT: u64 = 1 << 44;
    /// A vehicle (`car`, `truck`): a state code and a plate-shaped code after it are a plate.
    pub const VEHICLE: u64 = 1 << 45;
    /// A label that introduces a name before its colon (`ORDERING:`, `Re:`, `Asst:`).
    pub const NAME_LABEL: u64 = 1 << 39;
    /// A score or ratio word before `n/m` (`pain 7/10`, `Apgars 8/9`): not a month/day.
    pub const SCORE_BEFORE: u64 = 1 << 40;
    /// A word right after `n/m` that makes it a fraction (`3/4 of`, `1/2 tab`).
    pub const FRACTION_AFTER: u64 = 1 << 41;
    /// A label before a colon and a person's initials (`Transcribed: klm`, `RPH: JMH`).
    pub const INITIALS_LABEL: u64 = 1 << 42;
    /// `ninety`: an age over 89 spelled out may start at it.
    pub const AGE_WORD: u64 = 1 << 46;
    /// A label before an address and its colon (`Address:`, `Addr:`, `Residence:`).
    pub const ADDRESS_LABEL: u64 = 1 << 47;
    /// A word before a staff member's login name (`user`, `uid`, `by`).
    pub const LOGIN_LABEL: u64 = 1 << 43;
}

/// Longest word looked up at all (longer words are in no list).
pub(crate) use super::word_table::MAX_WORD;

/// Calls `add` with every keyword (as listed) and its bits; a word may come more than once.
fn add_keywords(add: &mut dyn FnMut(&str, u64)) {
    let lists: [(&[&str], u64); 54] = [
        (names::FUNCTION_WORDS, bit::FUNCTION),
        (names::TITLES, bit::TITLE),
        (names::FAMILY, bit::RELATION),
        (names::RELATIONS, bit::RELATION),
        (names::BY_VERBS, bit::BY_VERB),
        (names::WEAK_CONTEXT, bit::NAME_WEAK),
        (names::CLINICAL_NOUNS, bit::CLINICAL_NOUN),
        (names::ORGANISATION_NOUNS, bit::ORGANISATION),
        (address::SUFFIXES, bit::STREET_SUFFIX),
        (address::UNITS, bit::UNIT),
        (address::DIRECTIONS, bit::DIRECTION),
        (address::STATE_NAMES, bit::STATE_NAME),
        (address::COUNTRIES, bit::COUNTRY),
        (spelled::DIGIT_WORDS, bit::DIGIT_WORD),
        (address::ROAD_OWNERS, bit::ROAD_OWNER),
        (address::STATE_CODES, bit::STATE_CODE),
        (address::ZIP_CONTEXT, bit::ZIP_CONTEXT),
        (ages::AGE_BEFORE, bit::AGE_BEFORE),
        (ages::AGE_AFTER, bit::AGE_AFTER),
        (&dates::MONTHS, bit::MONTH),
        (&dates::MONTH_ABBR, bit::MONTH),
        (&dates::MONTH_TYPOS, bit::MONTH),
        (&dates::MONTHS_ES, bit::MONTH),
        (dates::WEEKDAYS, bit::WEEKDAY),
        (dates::BIRTH_CONTEXT, bit::BIRTH),
        (dates::DAY_MONTH_CONTEXT, bit::DAY_MONTH),
        (patterns::SSN_CONTEXT, bit::SSN_CONTEXT),
        (ids::CONNECTORS, bit::ID_CONNECTOR),
        (ids::MARKERS, bit::ID_MARKER),
        (ids::WEAK_CONTEXT, bit::ID_WEAK),
        (dates::DATE_CUE, bit::DATE_CUE),
        (ages::AGE_SUBJECT, bit::AGE_SUBJECT),
        (ids::CODED_CONTEXT, bit::ID_CODED),
        (ids::PAYER_WORDS, bit::PAYER),
        (address::PLACE_CONTEXT, bit::PLACE_CONTEXT),
        (names::CREDENTIALS, bit::CREDENTIAL),
        (names::ABBREVIATIONS, bit::ABBREVIATION),
        (address::LOCATIVES, bit::LOCATIVE),
        (address::PLACE_AFTER, bit::PLACE_AFTER),
        (address::COUNTY_WORDS, bit::PLACE_AFTER),
        (address::COMPLEX_WORDS, bit::PLACE_AFTER),
        (address::SITE_WORDS, bit::PLACE_AFTER),
        (address::FACILITY_UNITS, bit::FACILITY),
        (address::STATE_DOCS, bit::STATE_DOC),
        (address::ROAD_MARKS, bit::ROAD_MARK),
        (dates::DATE_RESULT, bit::DATE_RESULT),
        (ids::VEHICLE_WORDS, bit::VEHICLE),
        (dates::SCORE_BEFORE, bit::SCORE_BEFORE),
        (dates::FRACTION_AFTER, bit::FRACTION_AFTER),
        (names::NAME_LABELS, bit::NAME_LABEL),
        (names::INITIALS_LABELS, bit::INITIALS_LABEL),
        (ages::AGE_WORDS, bit::AGE_WORD),
        (address::ADDRESS_LABELS, bit::ADDRESS_LABEL),
        (login::LOGIN_LABELS, bit::LOGIN_LABEL),
    ];
    for (list, b) in lists {
        for w in list {
            add(w, b);
        }
    }
    for w in patterns::PHONE_CONTEXT {
        add(w, bit::PHONE_CONTEXT);
    }
    for &(w, kind) in ids::CONTEXT {
        add(w, bit::ID_CONTEXT | ids::kind_bit(kind));
    }
}

/// The keyword table: two [`Slots`] tables of lower-cased words and their bits, one for words
/// of at most 8 bytes (one-integer keys; 1018 of the 1189 keywords) and one for longer ones. Every
/// token is looked up and most are keywords (`the`, `of`, ...), so the common path is one
/// multiply and one or two slot reads, in a table small enough to stay in the first-level
/// cache (2048 slots of 16 bytes, where one table of 16-byte keys took 96 KiB).
pub(crate) struct Keywords {
    short: Slots<1, u64>,
    long: Slots<2, u64>,
}

/// Longest keyword, in bytes (a longer word is never a keyword; a test checks every list).
const MAX_KEYWORD: usize = 16;

/// The keyword table (built on first use).
pub(crate) fn keywords() -> &'static Keywords {
    static TABLE: OnceLock<Keywords> = OnceLock::new();
    TABLE.get_or_init(|| {
        let (mut short, mut long) = (Vec::new(), Vec::new());
        add_keywords(&mut |word, bits| match key::<1>(word.as_bytes()) {
            Some(k) => short.push((k, bits)),
            None => long.extend(key::<2>(word.as_bytes()).map(|k| (k, bits))),
        });
        // Two slots per word keeps the short table at most half full (a probe reads one or two
        // slots) and within 32 KiB.
        Keywords { short: Slots::new(&short, 2), long: Slots::new(&long, 2) }
    })
}

/// The name dictionary and the English list. Kept apart from the small, always-hot keyword
/// table: most tokens never need it.
fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words = Vec::new();
        dictionary::add_names(&mut |word, name| words.push((word, WordFacts { name, ..WordFacts::default() })));
        dictionary::add_english(&mut |word| words.push((word, WordFacts { english: true, ..WordFacts::default() })));
        dictionary::add_places(&mut |word, head| {
            words.push((word, WordFacts { place: !head, place_head: head, ..WordFacts::default() }));
        });
        WordTable::new(&words)
    })
}

/// The dictionary facts of a word with letters outside ASCII, as [`super::word_table::fact`]
/// bits: the facts of its letters with their diacritics dropped (`María` is `maria`, `Sørensen`
/// `sorensen`, `Zieliński` `zielinski`), the spelling the Census lists use. 0 for a word with a
/// character that is no Latin letter (`Ωmega`, `Łódź` folds, `Москва` does not).
pub(crate) fn latin_word_facts(word: &str) -> u8 {
    let mut buf = [0u8; MAX_WORD];
    latin_fold(word, &mut buf).map_or(0, |lower| word_table().get(lower).to_byte())
}

/// `word` written without its diacritics in lower-case ASCII (`Trần` is `tran`), into `buf`, if
/// every character is a Latin letter and the result fits.
pub(crate) fn latin_fold<'b>(word: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let mut len = 0;
    for c in word.chars() {
        let base = latin_base(c)?;
        buf.get_mut(len..len + base.len())?.copy_from_slice(base.as_bytes());
        len += base.len();
    }
    buf.get(..len)
}

/// Every character of `word` is a Latin letter, with or without diacritics.
pub(crate) fn is_latin_word(word: &str) -> bool {
    word.chars().all(|c| latin_base(c).is_some())
}

/// The lower-case ASCII letters a Latin letter is written with when its diacritics are dropped
/// (`Ñ` is `n`, `ß` is `ss`); `None` for anything else.
fn latin_base(c: char) -> Option<&'static str> {
    const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz";
    let letter = |b: u8| {
        let k = usize::from(b.wrapping_sub(b'a'));
        ALPHABET.get(k..k + 1)
    };
    if c.is_ascii_alphabetic() {
        return letter(c.to_ascii_lowercase() as u8);
    }
    let lower = c.to_lowercase().next()?;
    let base = match lower {
        'à'..='å' | 'ā' | 'ă' | 'ą' => b'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => b'c',
        'ď' | 'đ' | 'ð' => b'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => b'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => b'g',
        'ĥ' | 'ħ' => b'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => b'i',
        'ĵ' => b'j',
        'ķ' => b'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => b'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => b'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => b'o',
        'ŕ' | 'ŗ' | 'ř' => b'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => b's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => b't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => b'u',
        'ŵ' => b'w',
        'ý' | 'ÿ' | 'ŷ' => b'y',
        // Vietnamese letters with two marks or a hook (Latin Extended Additional), and `ơ`, `ư`:
        // `Nguyễn` is `nguyen`, `Trần` `tran`, `Thị` `thi`.
        'ạ'..='ặ' => b'a',
        'ẹ'..='ệ' => b'e',
        'ỉ'..='ị' => b'i',
        'ọ'..='ợ' | 'ơ' => b'o',
        'ụ'..='ự' | 'ư' => b'u',
        'ỳ'..='ỹ' => b'y',
        'ź' | 'ż' | 'ž' => b'z',
        'ß' => return Some("ss"),
        'æ' => return Some("ae"),
        'œ' => return Some("oe"),
        'þ' => return Some("th"),
        _ => return None,
    };
    letter(base)
}

/// `word` lower-cased into `buf`, if it is ASCII and at most [`MAX_WORD`] bytes.
pub(crate) fn fold<'b>(word: &[u8], buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let dst = buf.get_mut(..word.len())?;
    if !word.is_ascii() {
        return None;
    }
    dst.copy_from_slice(word);
    dst.make_ascii_lowercase();
    Some(dst)
}

impl Keywords {
    /// The keyword bits of a word (any ASCII case).
    #[cfg(test)]
    fn bits(&self, word: &[u8]) -> u64 {
        self.bits_at(word, 0, word.len())
    }

    /// The keyword bits of the word `text[at..at + len]` (any ASCII case). Where the text has
    /// 8 (or 16) bytes from `at`, the key is read in one (or two) 8-byte loads, the bytes past
    /// the word masked off, instead of being built byte by byte.
    pub(crate) fn bits_at(&self, text: &[u8], at: usize, len: usize) -> u64 {
        if len == 0 || len > MAX_KEYWORD {
            return 0;
        }
        let le = |at: usize| text.get(at..at + 8).and_then(|w| w.try_into().ok()).map(u64::from_le_bytes);
        // The low `n` bytes of a word (`n` is 1 to 8).
        let low = |w: u64, n: usize| w & (u64::MAX >> (64 - 8 * n as u32));
        if len <= 8 {
            let key = match le(at) {
                Some(w) => Some([ascii_lower(low(w, len))]),
                None => text.get(at..at + len).and_then(key::<1>),
            };
            return key.and_then(|k| self.short.get(&k)).unwrap_or(0);
        }
        let key = match (le(at), le(at + 8)) {
            (Some(a), Some(b)) => Some([ascii_lower(a), ascii_lower(low(b, len - 8))]),
            _ => text.get(at..at + len).and_then(key::<2>),
        };
        key.and_then(|k| self.long.get(&k)).unwrap_or(0)
    }
}

/// Every keyword (lower case) and its bits, in a hash map: the reference [`Keywords`] is
/// checked against.
#[cfg(test)]
fn keyword_map() -> std::collections::HashMap<String, u64> {
    let mut map = std::collections::HashMap::new();
    add_keywords(&mut |word, bits| *map.entry(word.to_ascii_lowercase()).or_default() |= bits);
    map
}

/// The keyword bits of a word (any ASCII case), from [`keyword_map`].
#[cfg(test)]
pub(crate) fn keyword_bits(word: &[u8]) -> u64 {
    static TABLE: OnceLock<std::collections::HashMap<String, u64>> = OnceLock::new();
    let word = String::from_utf8_lossy(word).to_ascii_lowercase();
    TABLE.get_or_init(keyword_map).get(&word).copied().unwrap_or(0)
}

/// The dictionary facts (name, English) of a word (any ASCII case).
pub(crate) fn word_entry(lower: &[u8]) -> WordFacts {
    word_table().get(lower)
}

/// The dictionary facts of the word `text[at..at + len]` (any ASCII case) as their
/// [`super::word_table::fact`] bits.
pub(crate) fn word_facts_at(text: &[u8], at: usize, len: usize) -> u8 {
    word_table().facts_at(text, at, len)
}

/// The keyword bits of one alphabetic token (0 for anything not in a list).
#[cfg(test)]
fn classify(word: &str) -> u64 {
    let mut buf = [0u8; MAX_WORD];
    fold(word.as_bytes(), &mut buf).map_or(0, |lower| keywords().bits(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Diacritics drop to the letters the Census lists spell names with, in either case; a
    /// word with any other character is in no list.
    #[test]
    fn latin_letters_fold_to_their_base_letters() {
        let pairs = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", 'a'),
            ("ÇçĆćČč", 'c'),
            ("ÈÉÊËèéêëĒēĘęĚě", 'e'),
            ("ÌÍÎÏìíîïĪīı", 'i'),
            ("ŁłĽľ", 'l'),
            ("ÑñŃńŇň", 'n'),
            ("ÒÓÔÕÖØòóôõöøŐő", 'o'),
            ("ŠšŚśŞşȘș", 's'),
            ("ÙÚÛÜùúûüŮůŰű", 'u'),
            ("Ýýÿ", 'y'),
            ("ŽžŹźŻż", 'z'),
        ];
        for (letters, base) in pairs {
            for c in letters.chars() {
                assert_eq!(latin_base(c), Some(&*base.to_string()), "{c}");
            }
        }
        assert_eq!(latin_base('ß'), Some("ss"));
        assert_eq!(latin_base('Q'), Some("q"));
        for c in ['Ω', 'д', '中', '-', '1', '\'', '·'] {
            assert_eq!(latin_base(c), None, "{c}");
        }
        let facts = |w: &str| WordFacts::from_byte(latin_word_facts(w));
        assert!(facts("María").name.first && facts("BENÍTEZ").name.last && facts("Muñoz").name.last);
        assert_eq!(latin_word_facts("Mariaд"), 0);
        assert!(
            is_latin_word("Łukasz") && is_latin_word("Barragán") && !is_latin_word("Москва") && !is_latin_word("ab1")
        );
        assert_eq!(latin_word_facts("Maria"), word_table().get(b"maria").to_byte());
    }

    #[test]
    fn every_keyword_is_classifiable() {
        for (word, &bits) in &keyword_map() {
            assert!(word.len() <= MAX_KEYWORD, "{word} longer than MAX_KEYWORD");
            assert_eq!(classify(word), bits);
            assert_eq!(classify(&word.to_ascii_uppercase()), bits);
        }
        assert_eq!(classify("Daughter") & bit::RELATION, bit::RELATION);
        assert_eq!(classify("IL") & bit::STATE_CODE, bit::STATE_CODE);
        assert_eq!(classify("Lopez"), 0);
    }

    /// Inside a longer text the key is loaded 8 bytes at a time and masked: every keyword, in
    /// both cases and followed by letters, gives its bits, and a keyword's prefix or extension
    /// gives its own.
    #[test]
    fn bits_read_from_inside_a_text_match_the_lists() {
        let map = keyword_map();
        for word in map.keys() {
            for w in [word.clone(), word.to_ascii_uppercase()] {
                let text = format!("xy{w}zzzzzzzzzzzzzzzzzz");
                for len in 1..=w.len() + 1 {
                    let want = map.get(&text[2..2 + len].to_ascii_lowercase()).copied().unwrap_or(0);
                    assert_eq!(keywords().bits_at(text.as_bytes(), 2, len), want, "{text} {len}");
                }
                // At the very end of the text (no 8 bytes to load).
                let text = format!("x{w}");
                assert_eq!(keywords().bits_at(text.as_bytes(), 1, w.len()), map[word], "{text}");
            }
        }
    }
}
