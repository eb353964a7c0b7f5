//! Free-text scrubbing of clinical notes (45 CFR 164.514(b)(2)(i), rules in `docs/DEIDENTIFICATION.md`).
//!
//! Presidio-like pipeline: recognizers propose candidate spans (patterns with validation,
//! context words, the Census name dictionary, identifiers known from the record), overlapping
//! candidates are resolved by score then length, and the winners are transformed into type
//! tags, consistent surrogates or masks. The result carries the list of spans (class and byte
//! offsets into the input, never a value).

mod address;
mod ages;
mod aligned;
mod dates;
mod dictionary;
mod hl7;
mod ids;
mod initials;
mod json_fields;
mod kind;
mod known;
mod lexicon;
mod login;
mod names;
mod network;
mod ocr;
mod patterns;
mod resolve;
mod scan;
mod slots;
mod spelled;
mod splice;
mod syllabic;
mod table;
mod token;
mod transform;
mod word_table;
mod x12;

pub use kind::PhiKind;
pub use known::{KnownIdentifiers, MAX_KNOWN_BYTES, MAX_KNOWN_ITEMS};
pub use transform::AGE_GROUP;

use crate::{Error, Result};
use serde::Serialize;
use token::{TokKind, Tokens};

/// Largest text accepted by [`scrub_text`], in bytes (16 MiB).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// How detected spans are written in the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputMode {
    /// `[NAME]`, `[DATE]`, ... (ages over 89 always become `90+`).
    #[default]
    Tag,
    /// `[NAME-1]`, `[NAME-2]`: the same value (ignoring case and punctuation) gets the same
    /// surrogate within one document. Indexed placeholders, so scrubbing stays idempotent.
    Surrogate,
    /// Every character of the span becomes `*`.
    Mask,
}

/// Options for [`scrub_text`].
#[derive(Clone, Debug, Default)]
pub struct TextOptions {
    /// How spans are replaced.
    pub mode: OutputMode,
    /// Write the 4-digit year of a date instead of a tag (Safe Harbor allows the year, except a
    /// year that implies an age over 89).
    pub keep_year: bool,
    /// The year ages are computed against. Without it, a birth date's year is never kept.
    pub reference_year: Option<u16>,
    /// Identifiers known from the structured record, found anywhere in the text.
    pub known: KnownIdentifiers,
}

/// One detected identifier: its class and byte offsets into the input text. No value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Identifier class.
    pub kind: PhiKind,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
}

/// The scrubbed text and where identifiers were found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScrubbedText {
    /// The text with every span replaced.
    pub text: String,
    /// Detected spans in input order (offsets into the input).
    pub spans: Vec<Span>,
}

/// A proposed span before overlap resolution.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub kind: PhiKind,
    pub start: usize,
    pub end: usize,
    pub score: u8,
    /// A date written next to a birth word (DOB, born).
    pub birth: bool,
    /// Byte range of a 4-digit year inside a date.
    pub year: Option<(usize, usize)>,
}

impl Candidate {
    pub(crate) fn new(kind: PhiKind, start: usize, end: usize, score: u8) -> Self {
        Candidate { kind, start, end, score, birth: false, year: None }
    }
}

/// A note is treated as written in one case (the rules' `upper_doc`) when under 5% of its
/// letters are lower case, or when it holds 100 letters or more and under 2.5% of them are
/// upper case (a note typed all in lower case, where a few abbreviations such as `RN` keep
/// their capitals): capitals then carry no information, so name rules need dictionary
/// evidence, as they do in capitals. A short lower-case text (a coded field's `text`, a
/// one-line message) keeps the mixed-case rules, which take no lower-case word as a name
/// without a title or a label.
#[cfg(test)]
fn is_upper_case_text(text: &str) -> bool {
    text_facts(text).upper
}

/// What one walk over a pass's text tells before the recognizers run.
struct TextFacts {
    /// The note is written in one case (the rule written on `is_upper_case_text`, which
    /// tests call).
    upper: bool,
    /// The text may hold an `@`, as every email does.
    at_sign: bool,
    /// The text may hold an `M` at the start of the text or of a line, as every HL7 message's
    /// `MSH` header is ([`hl7::find_hl7`]).
    line_m: bool,
    /// The text may hold a gap between the columns of a table (two spaces, a tab), as every
    /// header of a fixed-width table does ([`aligned::find_aligned_tables`]).
    gap: bool,
    /// The text may hold an `=`, as every key of initials does ([`initials::find_initials_keys`]).
    equals: bool,
    /// The text may hold a `*` and a `~`, as every X12 segment does ([`x12::find_x12`]).
    x12: bool,
    /// The text may hold a `"` before a `:`, as every JSON key does
    /// ([`json_fields::find_json_fields`]).
    json: bool,
}

/// [`TextFacts`] of `text`. The bytes an email or an HL7 message needs are looked for in the
/// walk that counts letters (a compare and an OR per byte, in a loop that vectorizes): most
/// notes hold neither, and then their own searches of the text, among the costliest walks of
/// a note, do not run.
fn text_facts(text: &str) -> TextFacts {
    let (mut letters, mut lower) = (0usize, 0usize);
    let bytes = text.as_bytes();
    if text.is_ascii() {
        let (mut at_sign, mut equals, mut star, mut tilde) = (0u8, 0u8, 0u8, 0u8);
        // Branch-free with byte-wide counters, so the inner loop vectorizes: `b | 0x20` folds
        // A-Z onto a-z, and bit 0x20 of a letter is its lower case (`letters - lower` are the
        // upper-case ones). A chunk of 255 bytes cannot overflow a `u8` count.
        for chunk in bytes.chunks(255) {
            let (mut l, mut lo) = (0u8, 0u8);
            for &b in chunk {
                let letter = u8::from((b | 0x20).wrapping_sub(b'a') < 26);
                l += letter;
                lo += letter & (b >> 5 & 1);
                at_sign |= u8::from(b == b'@');
                equals |= u8::from(b == b'=');
                star |= u8::from(b == b'*');
                tilde |= u8::from(b == b'~');
            }
            letters += usize::from(l);
            lower += usize::from(lo);
        }
        // Each byte beside the one before it (two loads, no state carried from byte to byte, so
        // this loop vectorizes too).
        let (after_break, gap_after, key_end) =
            bytes.iter().zip(bytes.iter().skip(1)).fold((0u8, 0u8, 0u8), |(m, g, j), (&before, &b)| {
                (
                    m | (u8::from(b == b'M') & u8::from(before == b'\n' || before == b'\r')),
                    g | (u8::from(b == b' ') & u8::from(before == b' ')) | u8::from(b == b'\t'),
                    j | (u8::from(b == b':') & u8::from(before == b'"')),
                )
            });
        let line_m = bytes.first() == Some(&b'M') || after_break != 0;
        // The walk sees each byte after the first: a tab opening the text is looked at alone.
        let gap = gap_after != 0 || bytes.first() == Some(&b'\t');
        return TextFacts {
            upper: one_case(letters, lower),
            at_sign: at_sign != 0,
            line_m,
            gap,
            equals: equals != 0,
            x12: star & tilde != 0,
            json: key_end != 0,
        };
    }
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lower += usize::from(c.is_lowercase());
    }
    // Not looked for: the searches run.
    TextFacts {
        upper: one_case(letters, lower),
        at_sign: true,
        line_m: true,
        gap: true,
        equals: true,
        x12: true,
        json: true,
    }
}

/// The test of `is_upper_case_text` on its counts ([`text_facts`]).
fn one_case(letters: usize, lower: usize) -> bool {
    let upper = letters - lower;
    (letters >= 8 && lower * 20 < letters) || (letters >= 100 && upper * 40 < letters)
}

/// Whether a token starting with each ASCII character can start a pattern of the number walk
/// in [`candidates`]: digits (only a digit token starts with one), `(` and `+` (punctuation
/// tokens are one character).
// Evaluated at compile time only: an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
static NUMBER_START_CHARS: [bool; 128] = {
    let mut starts = [false; 128];
    let mut c = 0;
    while c < 128 {
        starts[c] = matches!(c as u8, b'0'..=b'9' | b'(' | b'+');
        c += 1;
    }
    starts
};

/// Token `tok` can start a pattern of the number walk in [`candidates`] (a digit token, `(`,
/// `+`, a digit word or `ninety`), without a branch: see [`scan::marked`].
fn may_start_number(tok: &token::Token) -> bool {
    // Past ASCII, `get` finds nothing.
    NUMBER_START_CHARS.get(tok.first as usize).copied().unwrap_or(false)
        | (tok.lex & (lexicon::bit::DIGIT_WORD | lexicon::bit::AGE_WORD) != 0)
}

/// The candidates of every recognizer, in `spare` emptied (the room of a previous pass's
/// candidates, so a later pass allocates nothing unless its text has more tokens).
fn candidates(t: &Tokens<'_>, known: &known::KnownIndex, spare: Vec<Candidate>) -> Vec<Candidate> {
    let text = t.text;
    // Of this pass's text, not the input's: a later pass must read its text as scrubbing that
    // text again would, or the output would not be a fixed point (placeholders add capitals).
    let facts = text_facts(text);
    let upper = facts.upper;
    // Room for one candidate per token, which notes never reach. Too small a spare is dropped
    // rather than grown: growing would copy its stale contents. A quarter more than that at
    // first: the next pass's text has more tokens (a placeholder is three), and its spare is
    // this room.
    let mut out = if spare.capacity() >= t.len() { spare } else { Vec::with_capacity(t.len() + t.len() / 4 + 16) };
    out.clear();
    // The number patterns in one walk over the tokens that can start one. This proposes IPv4
    // addresses and ages before emails, URLs, IPv6 addresses and dates; resolution keeps the
    // order of proposal only for candidates equal in score, start and length, and none of
    // those can be equal: IPv4 shares its score (85) only with a URL without a scheme, which
    // never starts with a digit, and an age (95) is a number of at most 3 digits, never an
    // email or a URL with a scheme.
    // Each pattern rejects a number of the wrong length (or without a glued `.` after it) with
    // one or two tests before anything else.
    // Numbers spelled out in words (`four four seven two nine one eight`) join the walk: a run
    // is proposed from its first word, `past_words` skips the rest of it.
    // Only tokens starting with a digit, `(` or `+`, or a digit word start a pattern: the walk
    // visits them alone ([`scan::marked`]), with one table read and one bit test per token.
    let mut past_words = 0;
    for i in scan::marked(t, |_, tok| may_start_number(tok)) {
        let Some(tok) = t.toks.get(i) else { continue };
        if tok.kind == TokKind::Digit {
            patterns::ssn_at(t, i, &mut out);
            patterns::phone_from(t, i, &mut out);
            patterns::ipv4_at(t, i, &mut out);
            ages::age_at(t, i, &mut out);
            patterns::mbi_at(t, i, &mut out);
            patterns::card_at(t, i, &mut out);
            patterns::coordinates_at(t, i, &mut out);
        } else if tok.kind == TokKind::Punct && tok.first == '(' {
            patterns::phone_from(t, i, &mut out);
        } else if tok.kind == TokKind::Punct && tok.first == '+' {
            patterns::international_phone_at(t, i, &mut out);
        } else if tok.lex & lexicon::bit::AGE_WORD != 0 {
            ages::spelled_age_at(t, i, &mut out);
        } else if tok.lex & lexicon::bit::DIGIT_WORD != 0 && i >= past_words {
            past_words = spelled::digits_at(t, i, &mut out).unwrap_or(past_words);
        }
    }
    if facts.at_sign {
        network::find_email(text, &mut out);
    }
    network::find_url(text, &mut out);
    network::find_ipv6(text, &mut out);
    dates::find_dates(t, &mut out);
    ids::find_context_ids(t, &mut out);
    ids::find_bare_codes(t, &mut out);
    login::find_logins(t, &mut out);
    if facts.line_m {
        hl7::find_hl7(text, &mut out);
    }
    if facts.x12 {
        x12::find_x12(text, &mut out);
    }
    table::find_tables(text, &mut out);
    if facts.json {
        json_fields::find_json_fields(text, &mut out);
    }
    if facts.gap {
        aligned::find_aligned_tables(text, &mut out);
    }
    address::find_addresses(t, upper, &mut out);
    names::find_names(t, upper, &mut out);
    login::logins_of_names(t, &mut out);
    initials::find_initials_keys(t, facts.equals, &mut out);
    known::find_known(t, known, upper, &mut out);
    out
}

/// The spans of all passes in input order. A later pass can find an identifier that takes in
/// what an earlier one replaced (`lena.sorensen59@...` with the name masked first, in mask
/// mode); such overlapping spans become one span of the longer one's class.
///
/// In place: each span is merged into the last one kept while they overlap.
fn merge_overlapping(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    spans.dedup_by(|span, last| {
        let overlaps = span.start < last.end;
        if overlaps {
            if span.end - span.start > last.end - last.start {
                last.kind = span.kind;
            }
            last.end = last.end.max(span.end);
        }
        overlaps
    });
    spans
}

/// A walk of the text that proposes candidates (a table reader), for the tests below.
#[cfg(test)]
pub(crate) type Walk = fn(&str, &mut Vec<Candidate>);

/// Checks that `walk`, which skips to marked lines, proposes what `reference`, which reads
/// every line, proposes, on `count` texts of up to 7 lines drawn from `lines` with the
/// generator seeded `seed` (joined by `\n`, half of them with a last line break).
#[cfg(test)]
pub(crate) fn assert_walks_agree(lines: &[&str], seed: u64, count: usize, walk: Walk, reference: Walk) {
    let mut rng = TestRng::new(seed);
    let shown = |v: &[Candidate]| v.iter().map(|c| (c.kind, c.start, c.end)).collect::<Vec<_>>();
    for _ in 0..count {
        let n = rng.below(8);
        let mut text: String = (0..n).map(|_| lines[rng.below(lines.len())]).collect::<Vec<_>>().join("\n");
        if rng.below(2) == 0 {
            text.push('\n');
        }
        let (mut got, mut want) = (Vec::new(), Vec::new());
        walk(&text, &mut got);
        reference(&text, &mut want);
        assert_eq!(shown(&got), shown(&want), "{text:?}");
    }
}

/// What `walk` proposes in `text`: each candidate's class and text.
#[cfg(test)]
pub(crate) fn found_by(walk: Walk, text: &str) -> Vec<(PhiKind, &str)> {
    let mut out = Vec::new();
    walk(text, &mut out);
    out.iter().map(|c| (c.kind, text.get(c.start..c.end).unwrap_or("?"))).collect()
}

/// The pseudo-random numbers of the randomized tests in this module (xorshift64, fixed seeds):
/// one generator, so every differential test draws the same way.
#[cfg(test)]
pub(crate) struct TestRng(u64);

#[cfg(test)]
impl TestRng {
    /// A generator from a non-zero seed.
    pub(crate) fn new(seed: u64) -> Self {
        TestRng(seed)
    }

    /// A number below `n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Passes of detection over the previous output. A replacement can change what is next to a
/// neighbouring value (`Mary::1` → `[NAME]::1` exposes an IPv6 address), so the scrubber runs
/// again on its own output until nothing new is found.
const MAX_PASSES: usize = 4;

/// Finds identifiers in free text and replaces them.
///
/// Idempotent: scrubbing the output again gives the same text (placeholders this function
/// writes are never detected again, and detection is repeated on the output until it finds
/// nothing, at most 4 passes).
///
/// # Errors
/// [`Error::LimitExceeded`] if `text` is longer than [`MAX_TEXT_BYTES`].
pub fn scrub_text(text: &str, opts: &TextOptions) -> Result<ScrubbedText> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::LimitExceeded("text longer than MAX_TEXT_BYTES"));
    }
    let known = known::KnownIndex::new(&opts.known);
    let mut surrogates = transform::Surrogates::default();
    let mut maps: Vec<Vec<transform::Copied>> = Vec::new();
    let mut spans = Vec::new();
    let mut current = std::borrow::Cow::Borrowed(text);
    // The tokens of `current`, once a pass has written it (the first pass tokenizes the input).
    let mut spliced = None;
    // The previous pass's winners, whose room the next pass's candidates reuse.
    let mut spare = Vec::new();
    // Whether the text may hold a word misread by OCR beside a number, or zeros between
    // letters. A pass writes only bracketed placeholders (a surrogate's number after a `-`),
    // masks, `90+` in place of an age and a kept year in place of a date (whose ends are tokens
    // of their own): no new such word can appear, so one negative check serves every later pass.
    let mut ocr_possible = true;
    for _ in 0..MAX_PASSES {
        // Detection reads digits misread by OCR as digits (`74O-555-O166`); offsets are the
        // same, and the replacement is made in the text as written. Such a text is tokenized
        // afresh: the previous pass's tokens are those of the text as written.
        let as_written = match spliced.take() {
            Some(parts) => Tokens::from_parts(&current, parts),
            None => Tokens::new(&current),
        };
        ocr_possible = ocr_possible && ocr::may_have_misread(&as_written);
        let read = if ocr_possible { ocr::read_digits(&current) } else { std::borrow::Cow::Borrowed(current.as_ref()) };
        let misread = matches!(read, std::borrow::Cow::Owned(_));
        let mut t = if misread { Tokens::new(&read) } else { as_written };
        // About one placeholder per span found so far: those the passes wrote.
        let placeholders = resolve::placeholders(&current, spans.len());
        // A placeholder's label is no context word: `[ZIP] or 50134` must not make the number
        // a ZIP code, or each pass would write a new `[ZIP]` that finds the next number.
        t.clear_keywords_in(&placeholders);
        let mut proposed = candidates(&t, &known, std::mem::take(&mut spare));
        if let Some(copied) = maps.last() {
            // What the previous pass wrote (a kept year, a mask) is not found again on its own,
            // unless writing it again changes it (a kept year now after a birth word).
            proposed.retain(|c| {
                !transform::inside_written(copied, c.start, c.end) || !transform::rewrites_to_itself(&current, c, opts)
            });
        }
        let found = resolve::resolve(proposed, &placeholders, current.len());
        if found.is_empty() {
            break;
        }
        spans.reserve(found.len());
        for c in &found {
            let back = |pos: usize, is_end: bool| maps.iter().rev().fold(pos, |p, m| transform::map_back(m, p, is_end));
            spans.push(Span { kind: c.kind, start: back(c.start, false), end: back(c.end, true) });
        }
        let (out, copied) = transform::apply(&current, &found, opts, &mut surrogates);
        // Tokens of a text read with misread digits are not those of `out`'s unchanged parts.
        spliced = (!misread).then(|| splice::splice(&t, &out, &found, &copied));
        drop(t);
        drop(read);
        maps.push(copied);
        current = std::borrow::Cow::Owned(out);
        spare = found;
    }
    Ok(ScrubbedText { text: current.into_owned(), spans: merge_overlapping(spans) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`merge_overlapping`] as first written, into a second vector.
    fn merged_by_copy(mut spans: Vec<Span>) -> Vec<Span> {
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut out: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match out.last_mut() {
                Some(last) if span.start < last.end => {
                    if span.end - span.start > last.end - last.start {
                        last.kind = span.kind;
                    }
                    last.end = last.end.max(span.end);
                }
                _ => out.push(span),
            }
        }
        out
    }

    /// The flags of [`text_facts`] against searches of the text, on random texts of the bytes
    /// they look at (and a non-ASCII letter, where every flag is set).
    #[test]
    fn text_facts_match_searches() {
        let mut rng = TestRng::new(0x3c6e_f372_fe94_f82b);
        let pieces = ["M", "m", "@", "\n", "\r", " ", "SH|", "a", "é", "\t", "=", "*", "~", "\"", ":"];
        for _ in 0..5000 {
            let text: String = (0..rng.below(300)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let facts = text_facts(&text);
            let b = text.as_bytes();
            let line_m = (0..b.len()).any(|k| b[k] == b'M' && (k == 0 || b[k - 1] == b'\n' || b[k - 1] == b'\r'));
            assert_eq!(facts.at_sign, !text.is_ascii() || text.contains('@'), "{text:?}");
            assert_eq!(facts.line_m, !text.is_ascii() || line_m, "{text:?}");
            let gap = text.contains("  ") || text.contains('\t');
            assert_eq!(facts.gap, !text.is_ascii() || gap, "{text:?}");
            assert_eq!(facts.equals, !text.is_ascii() || text.contains('='), "{text:?}");
            assert_eq!(facts.x12, !text.is_ascii() || (text.contains('*') && text.contains('~')), "{text:?}");
            assert_eq!(facts.json, !text.is_ascii() || text.contains("\":"), "{text:?}");
        }
    }

    /// Chains of overlaps, spans inside others, equal spans of different classes, touching
    /// spans (which stay apart).
    #[test]
    fn spans_merge_in_place_as_into_a_copy() {
        let mut rng = TestRng::new(0x0123_4567_89ab_cdef);
        let kinds = [PhiKind::Name, PhiKind::Date, PhiKind::Email, PhiKind::Zip];
        for n in 0..40 {
            for _ in 0..50 {
                let spans: Vec<Span> = (0..n)
                    .map(|_| {
                        let start = rng.below(60);
                        Span { kind: kinds[rng.below(kinds.len())], start, end: start + 1 + rng.below(8) }
                    })
                    .collect();
                assert_eq!(merge_overlapping(spans.clone()), merged_by_copy(spans));
            }
        }
    }
}
