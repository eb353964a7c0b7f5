//! Names written as short syllables, whose words are English or in no name list one by one but
//! whose order is a name's (45 CFR 164.514(b)(2)(i)(A)): Vietnamese names in their own order,
//! surname first (`Nguyen Thi Hoa`, `PHAM VAN LOC`, `Do Thanh Huong`: a common surname, a common
//! middle name, a given name), and Hmong names (`Pa Houa Lor`, `Mai Yer Her`, `Lue Her`: one or
//! two given names of the list, then a clan name; `Pa Nhia`: a given name that opens women's
//! names and a second given name), and Karen and Burmese names after their honorific (`Naw Say
//! Wah`, `Saw Tha Dah Htoo`, `Ma Khin Lay`: `Naw` and `Ma` for women, `Saw` and `Maung` for men,
//! then syllables of which the first is a common name syllable). Vietnamese names are read
//! with their diacritics too (`Nguyễn Thị Hoa` as `Nguyen Thi Hoa`).
//!
//! Every word is capitalized (or every word in capitals), on one line; the given name after a
//! Vietnamese middle name has 2 to 7 letters and opens no field (`MRN`, `DOB`, a credential).

use super::lexicon::{bit, latin_fold};
use super::slots;
use super::token::{TokKind, Tokens};
use super::word_table::MAX_WORD;

/// The [`slots::key`] of a lower-case word of at most 8 bytes, at compile time.
// Evaluated at compile time only: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const fn pack(word: &str) -> u64 {
    let b = word.as_bytes();
    let mut key = 0u64;
    let mut j = 0;
    while j < b.len() && j < 8 {
        key |= (b[j] as u64) << (8 * j);
        j += 1;
    }
    key
}

/// A list of words as their keys and a 256-bit filter of them (one bit per key, at
/// [`filter_bit`]): most words are in no list, and the filter tells at one bit test.
struct KeyList<const N: usize> {
    keys: [u64; N],
    filter: [u64; 4],
}

/// The filter bit of a key: its top 8 bits after a multiplicative hash.
const fn filter_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// The keys of a list of lower-case words of at most 8 bytes, and their filter, at compile time.
#[allow(clippy::indexing_slicing)]
const fn key_list<const N: usize>(words: [&str; N]) -> KeyList<N> {
    let mut keys = [0u64; N];
    let mut filter = [0u64; 4];
    let mut j = 0;
    while j < N {
        keys[j] = pack(words[j]);
        let b = filter_bit(keys[j]);
        filter[b / 64] |= 1 << (b % 64);
        j += 1;
    }
    KeyList { keys, filter }
}

/// The [`slots::key`] of word `k`, folded to ASCII without diacritics (`Trần` as `tran`).
fn word_key(t: &Tokens<'_>, k: usize) -> Option<u64> {
    let mut buf = [0u8; MAX_WORD];
    let word = if t.ascii(k) { Some(t.s(k).as_bytes()) } else { latin_fold(t.s(k), &mut buf) };
    word.and_then(slots::key::<1>).map(|[w]| w)
}

/// Whether the word of key `w` is in `list` (these tests run at many short capitalized words).
fn key_in<const N: usize>(w: u64, list: &KeyList<N>) -> bool {
    let b = filter_bit(w);
    let maybe = list.filter.get(b / 64).is_some_and(|f| f & (1 << (b % 64)) != 0);
    maybe && list.keys.contains(&w)
}

/// Whether token `k` is a word of `list`.
fn in_list<const N: usize>(t: &Tokens<'_>, k: usize, list: &KeyList<N>) -> bool {
    word_key(t, k).is_some_and(|w| key_in(w, list))
}

/// Common Vietnamese surnames (they cover most of the population).
const VIET_SURNAMES: KeyList<26> = key_list([
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "truong", "dinh", "lam", "trinh", "luong", "doan", "cao", "ta", "quach", "thai",
]);

/// Common Vietnamese middle names (`Thi` for women, `Van` for men, and the frequent others).
const VIET_MIDDLE: KeyList<20> = key_list([
    "thi", "van", "thanh", "hoang", "minh", "ngoc", "quang", "duc", "huu", "xuan", "kim", "anh", "thu", "hong", "bao",
    "gia", "cong", "tien", "thuy", "hai",
]);

/// Hmong clan names.
const HMONG_CLANS: KeyList<26> = key_list([
    "vang", "xiong", "lor", "lo", "her", "yang", "thao", "moua", "vue", "hang", "kue", "khang", "cha", "chang", "chue",
    "fang", "kong", "thor", "yaj", "vaj", "xyooj", "lis", "tsab", "hawj", "muas", "thoj",
]);

/// Common Hmong given names and the syllables of two-word given names.
const HMONG_GIVEN: KeyList<41> = key_list([
    "pa", "mai", "yer", "houa", "nhia", "kia", "tou", "lue", "nou", "chue", "fue", "youa", "xee", "xai", "neng", "pao",
    "cheng", "chong", "kou", "shoua", "blia", "dia", "khou", "nao", "pheng", "see", "tong", "yia", "ying", "zoua",
    "chia", "mee", "bee", "houa", "lia", "nhia", "vang", "yeng", "sai", "tswv", "txiv",
]);

/// Given names that open Hmong women's names of two words (`Pa Nhia`, `Mai Yer`, `Xee Yang`).
const HMONG_FIRST: KeyList<10> = key_list(["pa", "mai", "xee", "nou", "kia", "mee", "yer", "zoua", "shoua", "blia"]);

/// Honorifics that open Karen and Burmese names (`Naw`, `Saw`, `Daw`, `Ma`, `Mahn`, `Nant`,
/// `Sai`, `Maung`, `Nan`).
const KAREN_HONORIFICS: KeyList<9> = key_list(["naw", "saw", "daw", "ma", "mahn", "nant", "sai", "maung", "nan"]);

/// Common syllables of Karen and Burmese names, the first of which follows the honorific.
const KAREN_SYLLABLES: KeyList<61> = key_list([
    "htoo", "paw", "moo", "khin", "lay", "wah", "say", "eh", "tha", "dah", "kapaw", "soe", "win", "aung", "myint",
    "thein", "kyaw", "zaw", "hla", "nyein", "mya", "thu", "aye", "san", "htet", "naing", "oo", "lwin", "htun", "tun",
    "nu", "wai", "mu", "blu", "ku", "ler", "hser", "htee", "poe", "thaw", "khu", "bway", "kler", "lah", "doh", "nyunt",
    "myo", "zin", "hnin", "ei", "phyu", "hsu", "shwe", "sein", "nwe", "thida", "mar", "hpa", "gaw", "taw", "baw",
]);

/// Word `k` is written as a name word on the line that word `first` opens: letters, capitalized
/// (all capitals when `caps`), apart from the word before.
#[inline]
fn syllable(t: &Tokens<'_>, k: usize, caps: bool, first: usize) -> bool {
    let latin = t.ascii(k) || super::lexicon::is_latin_word(t.s(k));
    let tok_ok = t.kind(k) == Some(TokKind::Alpha) && latin && t.capitalized(k) && t.all_caps(k) == caps;
    tok_ok && (k == first || (!t.joined(k) && !t.newline_before(k)))
}

/// The letters of word `k` (its bytes, for a word in ASCII).
#[inline]
fn letters(t: &Tokens<'_>, k: usize) -> usize {
    if t.ascii(k) {
        t.byte_len(k)
    } else {
        t.s(k).chars().count()
    }
}

/// The end of a Vietnamese name in its own order from word `i` (`Nguyen Thi Hoa`, `PHAM VAN
/// LOC`, `Nguyen Thi Bich Ngoc`), if it is one.
fn vietnamese_at(t: &Tokens<'_>, i: usize, first: u64, caps: bool) -> Option<usize> {
    const FIELD: u64 = bit::CREDENTIAL | bit::ID_CONTEXT | bit::ID_KIND | bit::BIRTH | bit::TITLE | bit::NAME_LABEL;
    if !key_in(first, &VIET_SURNAMES) || !syllable(t, i + 1, caps, i) || !in_list(t, i + 1, &VIET_MIDDLE) {
        return None;
    }
    let given = |k: usize| syllable(t, k, caps, i) && (2..=7).contains(&letters(t, k)) && !t.has(k, FIELD);
    if !given(i + 2) {
        return None;
    }
    // A second given name (`Bich Ngoc`), when a third short word follows the same way.
    Some(if given(i + 3) && letters(t, i + 3) <= 5 && !t.english(i + 3) { i + 4 } else { i + 3 })
}

/// The end of a Hmong name from word `i` (`Pa Houa Lor`, `Lue Her`, `Pa Nhia`), if it is one.
fn hmong_at(t: &Tokens<'_>, i: usize, first: u64, caps: bool) -> Option<usize> {
    if !key_in(first, &HMONG_GIVEN) {
        return None;
    }
    let given = |k: usize| syllable(t, k, caps, i) && in_list(t, k, &HMONG_GIVEN);
    let clan = |k: usize| syllable(t, k, caps, i) && in_list(t, k, &HMONG_CLANS);
    if clan(i + 1) {
        return Some(i + 2);
    }
    if given(i + 1) {
        if clan(i + 2) {
            return Some(i + 3);
        }
        if key_in(first, &HMONG_FIRST) {
            return Some(i + 2);
        }
    }
    None
}

/// Most syllables of a Karen or Burmese name after its honorific (`Saw Tha Dah Htoo`: 3).
const MAX_KAREN_SYLLABLES: usize = 4;

/// The end of a Karen or Burmese name from word `i` (`Naw Say Wah`, `SAW THA DAH HTOO`), if it
/// is one: an honorific, a listed syllable, then up to [`MAX_KAREN_SYLLABLES`] in all of short
/// words written the same way that are listed syllables or no English word and open no field.
fn karen_at(t: &Tokens<'_>, i: usize, first: u64, caps: bool) -> Option<usize> {
    const FIELD: u64 = bit::CREDENTIAL | bit::ID_CONTEXT | bit::ID_KIND | bit::BIRTH | bit::TITLE | bit::NAME_LABEL;
    if !key_in(first, &KAREN_HONORIFICS) || !in_list(t, i + 1, &KAREN_SYLLABLES) || t.has(i + 1, FIELD) {
        return None;
    }
    let mut end = i + 2;
    while end < i + 1 + MAX_KAREN_SYLLABLES
        && syllable(t, end, caps, i)
        && letters(t, end) <= 6
        && !t.has(end, FIELD)
        && (in_list(t, end, &KAREN_SYLLABLES) || !t.english(end))
    {
        end += 1;
    }
    Some(end)
}

/// The end of a syllabic name ([`vietnamese_at`], [`hmong_at`], [`karen_at`]) from word `i`.
pub(crate) fn syllabic_name_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    if t.kind(i) != Some(TokKind::Alpha) || !t.capitalized(i) || letters(t, i) > 6 {
        return None;
    }
    let caps = t.all_caps(i) && t.byte_len(i) > 1;
    // Every such name has a second word written the same way: most words stop here.
    if !syllable(t, i + 1, caps, i) || letters(t, i + 1) > 6 {
        return None;
    }
    // The first word's key, looked up in each list.
    let first = word_key(t, i)?;
    vietnamese_at(t, i, first, caps).or_else(|| hmong_at(t, i, first, caps)).or_else(|| karen_at(t, i, first, caps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if let Some(e) = syllabic_name_at(&t, i) {
                out.push(text.get(t.start(i)..t.end(e - 1)).unwrap_or("?"));
                i = e;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn vietnamese_names_in_their_own_order() {
        assert_eq!(found("discharge teaching for PHAM VAN LOC (93 M)"), ["PHAM VAN LOC"]);
        assert_eq!(found("Nguyen Thi Hoa RN (badge E120774)"), ["Nguyen Thi Hoa"]);
        assert_eq!(found("| Vietnamese | Do Thanh Huong (INT-3307) |"), ["Do Thanh Huong"]);
        assert_eq!(found("Reconnected with Nguyen Hoang Bao (INT-3412)"), ["Nguyen Hoang Bao"]);
        assert_eq!(found("Patient: Tran Thi Bich Ngoc"), ["Tran Thi Bich Ngoc"]);
        for text in ["le thi hoa", "Tran Thi\nHoa", "NGUYEN THI MRN", "Do Not Resuscitate", "Ho Chi Minh City"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn vietnamese_names_with_their_diacritics() {
        assert_eq!(
            found("grandparents Nguyễn Văn Phúc (63) and Trần Thị Lan (60)"),
            ["Nguyễn Văn Phúc", "Trần Thị Lan"]
        );
        assert_eq!(found("0117-14 Trần Thị Hồng - QFT pos"), ["Trần Thị Hồng"]);
        assert_eq!(found("PATIENT: NGUYỄN THỊ HOA"), ["NGUYỄN THỊ HOA"]);
        for text in ["Trần Thị\nLan", "Đỗ Not", "Trần Thị MRN"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn karen_and_burmese_names_after_their_honorific() {
        assert_eq!(found("interpreter Naw Say Wah (712) 555-0160"), ["Naw Say Wah"]);
        assert_eq!(found("0117-02|SAW THA DAH HTOO|son"), ["SAW THA DAH HTOO"]);
        assert_eq!(found("Home visit. Ma Khin Lay afebrile"), ["Ma Khin Lay"]);
        assert_eq!(found("Pastor Saw Kapaw Moo states"), ["Saw Kapaw Moo"]);
        // No listed syllable after the honorific, another case, a line break, a field.
        for text in ["Saw Dr. Lee", "Saw Patient today", "MA Khin", "Naw\nSay Wah", "saw htoo"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn hmong_names() {
        assert_eq!(found("From: Pa Houa Lor (mother, proxy)"), ["Pa Houa Lor"]);
        assert_eq!(found("Sister Mai Yer Her attended"), ["Mai Yer Her"]);
        assert_eq!(found("shaman Lue Her can come"), ["Lue Her"]);
        assert_eq!(found("- Pa Nhia: Dexcom G7"), ["Pa Nhia"]);
        for text in ["PA Nhia", "Pa said", "Kia Sorento", "her Yang", "Pa\nNhia"] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
