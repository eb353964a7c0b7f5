//! A small tokenizer shared by the recognizers: runs of letters, runs of digits, and single
//! punctuation characters, each with byte offsets into the original text.
//!
//! Letters and digits are split apart (`92yo` → `92`, `yo`; `04T10` → `04`, `T`, `10`) so that
//! recognizers can match fixed shapes; `space_before` tells whether whitespace separated a token
//! from the previous one, so adjacency (`123-45-6789`) can be required where it matters.

use super::dictionary::NameInfo;
use std::cell::Cell;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (Unicode alphabetic).
    Alpha,
    /// ASCII digits.
    Digit,
    /// One other non-space character.
    Punct,
}

/// Bits of [`Token::shape`], computed once by the tokenizer so recognizers never re-scan a
/// token's characters.
pub(crate) mod shape {
    /// The first character is upper case.
    pub const CAPITALIZED: u8 = 1 << 0;
    /// Some character is lower case.
    pub const HAS_LOWER: u8 = 1 << 1;
    /// More than one character.
    pub const MULTI_CHAR: u8 = 1 << 2;
    /// Every byte is ASCII.
    pub const ASCII: u8 = 1 << 3;
}

/// One token: `text[start..end]`, in 24 bytes (a note has about one token per 4 bytes, and
/// every recognizer walks them).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    /// Byte offsets as `u32`: texts are at most [`super::MAX_TEXT_BYTES`] (and known values
    /// far less), so they fit; [`offset`] saturates rather than wraps past 4 GiB.
    start: u32,
    end: u32,
    /// Keyword bits ([`super::lexicon::bit`]); 0 for non-letters and unlisted words.
    pub lex: u64,
    /// The first character (the whole token for punctuation).
    pub first: char,
    pub kind: TokKind,
    /// Whitespace (any amount) lies between this token and the previous one.
    pub space_before: bool,
    /// The whitespace before this token contains a line break.
    pub newline_before: bool,
    /// [`shape`] bits.
    pub shape: u8,
}

/// A byte offset as stored in a [`Token`].
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl Token {
    /// Byte offset of the first byte.
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the last byte.
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    pub(crate) fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// The same token moved to start at `start`.
    pub(crate) fn moved_to(self, start: usize) -> Token {
        let start = offset(start);
        Token { start, end: start.saturating_add(self.end - self.start), ..self }
    }

    /// Extends the token to end at `end`.
    fn extend_to(&mut self, end: usize) {
        self.end = offset(end);
    }
}

/// Class of a character: `None` for whitespace (as [`char::is_whitespace`]).
fn class_of(c: char) -> Option<TokKind> {
    if c.is_ascii_digit() {
        Some(TokKind::Digit)
    } else if c.is_alphabetic() {
        Some(TokKind::Alpha)
    } else if c.is_whitespace() {
        None
    } else {
        Some(TokKind::Punct)
    }
}

/// The [`shape`] bits one character contributes.
fn char_shape(c: char, is_first: bool) -> u8 {
    let mut bits = 0;
    if c.is_ascii() {
        bits |= shape::ASCII;
        if c.is_ascii_lowercase() {
            bits |= shape::HAS_LOWER;
        } else if is_first && c.is_ascii_uppercase() {
            bits |= shape::CAPITALIZED;
        }
        return bits;
    }
    if c.is_lowercase() {
        bits |= shape::HAS_LOWER;
    }
    if is_first && c.is_uppercase() {
        bits |= shape::CAPITALIZED;
    }
    bits
}

/// Byte classes of the ASCII fast path ([`ASCII_CLASS`]).
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const PUNCT: u8 = 3;
/// A byte of a multi-byte character: decoded on the slow path.
const NON_ASCII: u8 = 4;
/// A line break (`\n`, `\r`): whitespace that also sets [`Token::newline_before`].
const NEWLINE: u8 = 5;

// Evaluated at compile time only ([`ASCII_CLASS`]): an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const fn ascii_class_table() -> [u8; 256] {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'A'..=b'Z' | b'a'..=b'z' => LETTER,
            b'\n' | b'\r' => NEWLINE,
            b'\t'..=b'\r' | b' ' => SPACE,
            _ => PUNCT,
        };
        b += 1;
    }
    t
}

/// Class of every byte, so the ASCII path needs one lookup per byte.
static ASCII_CLASS: [u8; 256] = ascii_class_table();

/// [`ASCII_CLASS`] of one byte (every `u8` is in range).
fn class_of_byte(b: u8) -> u8 {
    ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(NON_ASCII)
}

/// The high bit of each byte of `w` that is an ASCII letter (`digits` false) or an ASCII digit,
/// eight bytes at once (no byte loop, which matters in WebAssembly too).
fn class_bits(w: u64, digits: bool) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, on its low 7 bits (no carry crosses a byte): bit 7 is set where the byte is at
    // least `lo`, and where it is past `hi`; bytes with bit 7 set are not ASCII.
    let within = |x: u64, lo: u8, hi: u8| {
        let low = x & !HIGH;
        (low + ONES * u64::from(0x80 - lo)) & !(low + ONES * u64::from(0x80 - hi - 1)) & !x & HIGH
    };
    if digits {
        within(w, b'0', b'9')
    } else {
        // `| 0x20` folds A-Z onto a-z (and maps no other byte into a-z).
        within(w | (ONES * 0x20), b'a', b'z')
    }
}

/// Length of the run of ASCII letters (`digits` false) or ASCII digits at the start of
/// `bytes`, and the OR of its bytes, eight to a word (a letter's bit `0x20` is set exactly when
/// it is lower case, so `acc & LOWER_BITS != 0` tells whether the run has a lower-case letter,
/// with no fold of the eight bytes into one). Eight bytes at a time where the text has them.
fn ascii_run(bytes: &[u8], digits: bool) -> (usize, u64) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    let mut acc = 0u64;
    while let Some(w) = bytes.get(n..n + 8).and_then(|w| w.try_into().ok()).map(u64::from_le_bytes) {
        let stop = !class_bits(w, digits) & HIGH;
        if stop != 0 {
            // Bytes before the first one outside the class.
            let len = (stop.trailing_zeros() / 8) as usize;
            let run = if len == 0 { 0 } else { w & (u64::MAX >> (64 - 8 * len as u32)) };
            return (n + len, acc | run);
        }
        acc |= w;
        n += 8;
    }
    for &b in bytes.get(n..).unwrap_or(&[]) {
        let more = if digits { b.is_ascii_digit() } else { b.is_ascii_alphabetic() };
        if !more {
            return (n, acc);
        }
        acc |= u64::from(b);
        n += 1;
    }
    (n, acc)
}

/// Bit `0x20` of every byte of a word: where [`ascii_run`]'s OR of a run of letters has one
/// set, the run has a lower-case letter.
const LOWER_BITS: u64 = 0x2020_2020_2020_2020;

/// A new token `start..end`, after the (whitespace, line break) state `before`.
fn token(start: usize, end: usize, kind: TokKind, first: char, shape: u8, lex: u64, before: (bool, bool)) -> Token {
    let (space, newline) = before;
    Token {
        start: offset(start),
        end: offset(end),
        kind,
        space_before: space,
        newline_before: newline,
        lex,
        first,
        shape,
    }
}

/// Splits `text` into tokens, with their keyword bits.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    // Notes hold about one token per 4 bytes: a third more room avoids growing the vector
    // (a copy of every token) on most texts.
    let mut tokens = Vec::with_capacity(text.len() / 3 + 1);
    tokenize_into(text, 0..text.len(), (false, false), &mut tokens);
    tokens
}

/// Appends the tokens of `text[range]` to `tokens`, with their keyword bits. `range` must
/// start where a token of the whole text starts (or at 0) and end where one ends (or at the
/// end), and `before` is the (space, line break) state in front of it, so the tokens are
/// those a full pass would find.
///
/// One loop with its state in locals (whitespace seen, line break seen, position): the ASCII
/// bytes that make up nearly every note take one table lookup each, a run of letters or digits
/// eight bytes at a time, and only a non-ASCII character goes to the slow path.
pub(crate) fn tokenize_into(text: &str, range: std::ops::Range<usize>, before: (bool, bool), tokens: &mut Vec<Token>) {
    let keywords = super::lexicon::keywords();
    let bytes = text.as_bytes();
    let (mut space, mut newline) = before;
    // Where the last token ends if an ASCII run starting there could continue it: one the slow
    // path wrote (a word with a non-ASCII letter), or the one before `range`. ASCII runs are
    // maximal, so no run continues another, and most runs skip the test of the last token.
    let mut joins_at = tokens.last().map_or(usize::MAX, Token::end);
    let mut i = range.start;
    while let Some(&b) = bytes.get(i).filter(|_| i < range.end) {
        match class_of_byte(b) {
            SPACE => {
                space = true;
                i += 1;
            }
            NEWLINE => {
                (space, newline) = (true, true);
                i += 1;
            }
            LETTER => {
                i = ascii_run_token::<false>(bytes, i, keywords, tokens, (&mut space, &mut newline), joins_at);
            }
            DIGIT => {
                i = ascii_run_token::<true>(bytes, i, keywords, tokens, (&mut space, &mut newline), joins_at);
            }
            PUNCT => {
                tokens.push(token(i, i + 1, TokKind::Punct, char::from(b), shape::ASCII, 0, (space, newline)));
                (space, newline) = (false, false);
                i += 1;
            }
            _ => match other(text, i, tokens, &mut space, &mut newline) {
                Some(end) => (i, joins_at) = (end, end),
                None => break,
            },
        }
    }
}

/// The run of ASCII letters (or, `DIGITS`, digits) starting at `i`, as a new token or
/// continuing the last (which ends at `joins_at`, see [`tokenize_into`]); returns its end.
/// One copy for each class, so neither tests the class again.
#[inline(always)]
fn ascii_run_token<const DIGITS: bool>(
    bytes: &[u8],
    i: usize,
    keywords: &super::lexicon::Keywords,
    tokens: &mut Vec<Token>,
    (space, newline): (&mut bool, &mut bool),
    joins_at: usize,
) -> usize {
    let kind = if DIGITS { TokKind::Digit } else { TokKind::Alpha };
    let (len, acc) = ascii_run(bytes.get(i..).unwrap_or(&[]), DIGITS);
    let end = i + len;
    let lower = if !DIGITS && acc & LOWER_BITS != 0 { shape::HAS_LOWER } else { 0 };
    let last = if !*space && i == joins_at { tokens.last_mut() } else { None };
    match last.filter(|l| l.end() == i && l.kind == kind) {
        Some(last) => {
            // After a non-ASCII letter of the same word (ASCII runs are maximal): the ASCII bit
            // stays as it was, and so do the keyword bits (0: every listed word is ASCII).
            last.extend_to(end);
            last.shape |= lower | shape::MULTI_CHAR;
        }
        None => {
            let first = bytes.get(i).copied().unwrap_or(0);
            let multi = if len > 1 { shape::MULTI_CHAR } else { 0 };
            let capital = if first.is_ascii_uppercase() { shape::CAPITALIZED } else { 0 };
            let lex = if DIGITS { 0 } else { keywords.bits_at(bytes, i, len) };
            let shape = shape::ASCII | capital | lower | multi;
            tokens.push(token(i, end, kind, char::from(first), shape, lex, (*space, *newline)));
            *space = false;
        }
    }
    *newline = false;
    end
}

/// The non-ASCII character at `i` (the slow path of [`tokenize_into`]); returns its end.
fn other(text: &str, i: usize, tokens: &mut Vec<Token>, space: &mut bool, newline: &mut bool) -> Option<usize> {
    let c = text.get(i..).and_then(|r| r.chars().next())?;
    let end = i + c.len_utf8();
    let Some(kind) = class_of(c) else {
        *space = true;
        return Some(end);
    };
    match tokens.last_mut() {
        Some(last) if !*space && last.end() == i && last.kind == kind && kind != TokKind::Punct => {
            last.extend_to(end);
            // ASCII only if every character is; lower case if any character is.
            let add = char_shape(c, false);
            let ascii = last.shape & add & shape::ASCII;
            last.shape = (last.shape & !shape::ASCII) | ascii | (add & !shape::ASCII) | shape::MULTI_CHAR;
            // Every listed word is ASCII: a word with this character is in no list.
            last.lex = 0;
        }
        _ => {
            tokens.push(token(i, end, kind, c, char_shape(c, true), 0, (*space, *newline)));
            (*space, *newline) = (false, false);
        }
    }
    Some(end)
}

/// Dictionary facts about one token ([`Tokens::name_info`], [`Tokens::english`]), looked up
/// on first use (most tokens never need them). The low byte is the word table's facts byte
/// ([`super::word_table::fact`]) as looked up, so a lookup is stored without a conversion.
mod memo {
    use super::super::word_table::fact;

    pub const FIRST: u16 = fact::FIRST as u16;
    pub const LAST: u16 = fact::LAST as u16;
    pub const AMBIGUOUS: u16 = fact::AMBIGUOUS as u16;
    pub const STOP: u16 = fact::STOP as u16;
    pub const ENGLISH: u16 = fact::ENGLISH as u16;
    pub const PLACE: u16 = fact::PLACE as u16;
    pub const PLACE_HEAD: u16 = fact::PLACE_HEAD as u16;
    pub const INFO_DONE: u16 = 1 << 8;
    pub const ENGLISH_DONE: u16 = 1 << 9;
}

/// Read-only view of the text and its tokens with helpers the recognizers share.
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// [`memo`] bits per token.
    memo: Vec<Cell<u16>>,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let toks = tokenize(text);
        let memo = vec![Cell::new(0); toks.len()];
        Tokens { text, toks, memo }
    }

    /// The tokens of `text` from parts built for it (see [`super::splice`]).
    pub(crate) fn from_parts(text: &'a str, parts: TokenParts) -> Self {
        Tokens { text, toks: parts.toks, memo: parts.memo }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The text of token `i` (empty if out of range).
    pub(crate) fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start()..t.end())).unwrap_or("")
    }

    /// The bytes of token `i` (empty if out of range).
    fn bytes(&self, i: usize) -> &'a [u8] {
        self.toks.get(i).and_then(|t| self.text.as_bytes().get(t.start()..t.end())).unwrap_or(&[])
    }

    /// Byte length of token `i` (0 if out of range).
    pub(crate) fn byte_len(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, Token::len)
    }

    pub(crate) fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn has_shape(&self, i: usize, bits: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.shape & bits == bits)
    }

    /// Token `i` is a run of exactly `n` digits (any `n` if `None`).
    pub(crate) fn digits(&self, i: usize, n: Option<usize>) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Digit && n.map_or(true, |n| t.len() == n))
    }

    /// Token `i` is the punctuation character `c`.
    pub(crate) fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Punct && t.first == c)
    }

    /// Token `i` is an apostrophe, straight or typographic (`'`, `’`).
    pub(crate) fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, '\'') || self.punct(i, '’')
    }

    /// Token `i` equals `word`, ignoring ASCII case.
    pub(crate) fn is(&self, i: usize, word: &str) -> bool {
        self.byte_len(i) == word.len() && self.bytes(i).eq_ignore_ascii_case(word.as_bytes())
    }

    /// Token `i` is in the keyword list(s) of `bits` ([`super::lexicon::bit`]).
    pub(crate) fn has(&self, i: usize, bits: u64) -> bool {
        self.toks.get(i).is_some_and(|t| t.lex & bits != 0)
    }

    /// Token `i` is where something this scrubber wrote begins: the `[` of a placeholder or a
    /// `*` of a mask. A rule that would join a value to it would find, on the next pass, what
    /// the replacement exposed (and scrubbing would not be idempotent).
    pub(crate) fn opens_replacement(&self, i: usize) -> bool {
        self.punct(i, '[') || self.punct(i, '*')
    }

    /// Token `i` is where something this scrubber wrote ends: the `]` of a placeholder or a `*`
    /// of a mask (see [`Self::opens_replacement`]).
    pub(crate) fn closes_replacement(&self, i: usize) -> bool {
        self.punct(i, ']') || self.punct(i, '*')
    }

    /// Token `i` equals one of `words`, ignoring ASCII case.
    ///
    /// Inlined: every caller passes a constant list of a few words, and in place the word
    /// lengths are constants the token's length is tested against, where a call spent more
    /// on its own entry, exit and bounds checks than on the words.
    #[inline]
    pub(crate) fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let token = self.bytes(i);
        words.iter().any(|w| token.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// Token `i` directly touches token `i - 1` (no whitespace between).
    pub(crate) fn joined(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before) && i > 0
    }

    /// A line break separates token `i` from the previous one.
    pub(crate) fn newline_before(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.newline_before)
    }

    /// Numeric value of a digit token of at most 9 digits.
    pub(crate) fn num(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Digit || t.len() > 9 {
            return None;
        }
        Some(self.bytes(i).iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
    }

    /// Byte start of token `i` (text end if out of range).
    pub(crate) fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(self.text.len(), Token::start)
    }

    /// Byte end of token `i` (0 if out of range).
    pub(crate) fn end(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, Token::end)
    }

    /// First letter is upper case and the token is alphabetic.
    pub(crate) fn capitalized(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Alpha) && self.has_shape(i, shape::CAPITALIZED)
    }

    /// The token is alphabetic and has no lower-case letter.
    pub(crate) fn all_caps(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Alpha) && !self.has_shape(i, shape::HAS_LOWER)
    }

    /// The token is a word of ASCII lower-case letters only (`rsh`, `tmb`).
    pub(crate) fn all_lower(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Alpha) && self.s(i).bytes().all(|b| b.is_ascii_lowercase())
    }

    /// The token has more than one character.
    pub(crate) fn multi_char(&self, i: usize) -> bool {
        self.has_shape(i, shape::MULTI_CHAR)
    }

    /// The token is ASCII (false out of range).
    pub(crate) fn ascii(&self, i: usize) -> bool {
        self.has_shape(i, shape::ASCII)
    }

    /// The [`memo`] bits of token `i`, with its dictionary entry looked up on first use.
    fn memo_of(&self, i: usize) -> Option<(&Cell<u16>, u16)> {
        let cell = self.memo.get(i)?;
        let m = cell.get();
        if m & memo::INFO_DONE != 0 {
            return Some((cell, m));
        }
        let m = match self.toks.get(i).filter(|t| t.kind == TokKind::Alpha) {
            Some(t) if t.shape & shape::ASCII == 0 => {
                // A word with letters outside ASCII, looked up without its diacritics. Its
                // English facts are those of the listed word alone (the inflections are
                // English spellings, written without diacritics).
                let word = self.text.get(t.start()..t.end()).unwrap_or("");
                memo::INFO_DONE | memo::ENGLISH_DONE | u16::from(super::lexicon::latin_word_facts(word))
            }
            Some(t) => {
                let facts = u16::from(super::lexicon::word_facts_at(self.text.as_bytes(), t.start(), t.len()));
                // A word in the English list needs no check of its inflections.
                let english_done = if facts & memo::ENGLISH != 0 { memo::ENGLISH_DONE } else { 0 };
                memo::INFO_DONE | facts | english_done
            }
            // In no list (punctuation, digits).
            None => memo::INFO_DONE | memo::ENGLISH_DONE,
        };
        cell.set(m);
        Some((cell, m))
    }

    /// [`super::dictionary::lookup`] of token `i`, looked up once.
    pub(crate) fn name_info(&self, i: usize) -> NameInfo {
        let m = self.memo_of(i).map_or(0, |(_, m)| m);
        NameInfo {
            first: m & memo::FIRST != 0,
            last: m & memo::LAST != 0,
            ambiguous: m & memo::AMBIGUOUS != 0,
            stop: m & memo::STOP != 0,
        }
    }

    /// Whether token `i` is a listed US place by itself (`Chicopee`), and whether it starts a
    /// listed place of several words (`Long` of `Long Beach`), looked up once.
    pub(crate) fn place(&self, i: usize) -> (bool, bool) {
        let m = self.memo_of(i).map_or(0, |(_, m)| m);
        (m & memo::PLACE != 0, m & memo::PLACE_HEAD != 0)
    }

    /// [`super::dictionary::is_english`] of token `i`, looked up once.
    pub(crate) fn english(&self, i: usize) -> bool {
        let Some((cell, m)) = self.memo_of(i) else { return false };
        if m & memo::ENGLISH_DONE != 0 {
            return m & memo::ENGLISH != 0;
        }
        let mut buf = [0u8; super::lexicon::MAX_WORD];
        let english = super::lexicon::fold(self.bytes(i), &mut buf).is_some_and(super::dictionary::is_inflection);
        cell.set(m | memo::ENGLISH_DONE | if english { memo::ENGLISH } else { 0 });
        english
    }
}

/// The tokens of a text and their looked-up dictionary facts, without the text.
pub(crate) struct TokenParts {
    pub toks: Vec<Token>,
    /// [`memo`] bits per token (0: nothing looked up yet).
    pub memo: Vec<Cell<u16>>,
}

impl Tokens<'_> {
    /// Clears the keyword bits of the tokens inside `ranges` (sorted byte ranges, such as the
    /// placeholders a pass wrote), so no rule takes them for context words.
    pub(crate) fn clear_keywords_in(&mut self, ranges: &[(usize, usize)]) {
        // Both are sorted and placeholders come every few tokens: one forward walk over the
        // tokens serves every range.
        let mut toks = self.toks.iter_mut().peekable();
        for &(s, e) in ranges {
            while toks.next_if(|t| t.start() < s).is_some() {}
            while let Some(tok) = toks.next_if(|t| t.start() < e) {
                tok.lex = 0;
            }
        }
    }

    /// The [`memo`] bits of token `i` (0 out of range).
    pub(crate) fn memo_bits(&self, i: usize) -> u16 {
        self.memo.get(i).map_or(0, Cell::get)
    }

    /// The [`memo`] cells of tokens `range` (none out of range).
    pub(crate) fn memo_range(&self, range: std::ops::Range<usize>) -> &[Cell<u16>] {
        self.memo.get(range).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_letters_digits_punct() {
        let t = Tokens::new("Pt 92yo, SSN 123-45-6789\nJosé");
        let parts: Vec<&str> = (0..t.len()).map(|i| t.s(i)).collect();
        assert_eq!(parts, ["Pt", "92", "yo", ",", "SSN", "123", "-", "45", "-", "6789", "José"]);
        assert!(t.toks.get(1).unwrap().space_before && !t.toks.get(2).unwrap().space_before);
        assert!(t.newline_before(10));
    }

    /// The tokenizer as first written, one character at a time (keyword bits set afterwards):
    /// the reference the fast one must match.
    mod reference {
        use super::super::{char_shape, class_of, shape, TokKind, Token};

        pub fn tokenize_into(text: &str, range: std::ops::Range<usize>, before: (bool, bool), tokens: &mut Vec<Token>) {
            let fresh = tokens.len();
            let (mut space, mut newline) = before;
            let mut i = range.start;
            while i < range.end {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
                let end = i + c.len_utf8();
                let Some(kind) = class_of(c) else {
                    space = true;
                    newline |= c == '\n' || c == '\r';
                    i = end;
                    continue;
                };
                match tokens.last_mut() {
                    Some(last) if !space && last.end() == i && last.kind == kind && kind != TokKind::Punct => {
                        last.extend_to(end);
                        let add = char_shape(c, false);
                        let ascii = last.shape & add & shape::ASCII;
                        last.shape = (last.shape & !shape::ASCII) | ascii | (add & !shape::ASCII) | shape::MULTI_CHAR;
                        if c.is_ascii() {
                            newline = false;
                        }
                    }
                    _ => {
                        let shape = char_shape(c, true);
                        tokens.push(Token {
                            start: i as u32,
                            end: end as u32,
                            kind,
                            space_before: space,
                            newline_before: newline,
                            lex: 0,
                            first: c,
                            shape,
                        });
                        space = false;
                        newline = false;
                    }
                }
                i = end;
            }
            for t in tokens.iter_mut().skip(fresh).filter(|t| t.kind == TokKind::Alpha) {
                t.lex = crate::deid::text::lexicon::keyword_bits(&text.as_bytes()[t.start()..t.end()]);
            }
        }

        pub fn tokenize(text: &str) -> Vec<Token> {
            let mut tokens = Vec::new();
            tokenize_into(text, 0..text.len(), (false, false), &mut tokens);
            tokens
        }
    }

    /// Pieces of generated texts: every class of character the tokenizer tells apart.
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "x",
        "Dr",
        "MRN",
        "mrn",
        "January",
        "Jos",
        "é",
        "É",
        "ß",
        "Ж",
        "ж",
        "日",
        "ǅ",
        "\u{301}",
        "\u{345}",
        "0",
        "7",
        "1931",
        "٣",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u{b}",
        "\u{c}",
        "\u{a0}",
        "\u{85}",
        "\u{2028}",
        "\u{3000}",
        ".",
        ",",
        "-",
        "/",
        "(",
        "@",
        "#",
        "\u{7f}",
        "\0",
        "’",
        "—",
        "🙂",
        "street",
        "St",
        "IL",
        "Smith",
        "abcdefghijklmnopqrstuvwxyz",
        "Ünïcödé",
    ];

    /// [`ascii_run`] with the OR of the run's bytes folded into one byte.
    fn run_folded(bytes: &[u8], digits: bool) -> (usize, u8) {
        let (n, acc) = ascii_run(bytes, digits);
        (n, acc.to_le_bytes().iter().fold(0, |a, &b| a | b))
    }

    /// The byte-by-byte run the eight-bytes-at-a-time one must match.
    fn reference_run(bytes: &[u8], digits: bool) -> (usize, u8) {
        let n = bytes.iter().take_while(|b| if digits { b.is_ascii_digit() } else { b.is_ascii_alphabetic() }).count();
        (n, bytes[..n].iter().fold(0, |a, &b| a | b))
    }

    #[test]
    fn runs_match_the_byte_by_byte_rule() {
        // Every byte at every position of a run of letters or digits, and runs of every length
        // up to 20 (past one and two 8-byte words).
        for digits in [false, true] {
            let fill = if digits { b'7' } else { b'q' };
            for len in 0..20 {
                for b in 0..=255u8 {
                    for at in [0, len / 2, len] {
                        let mut bytes = vec![fill; len + 3];
                        bytes[at] = b;
                        for cut in [at + 1, len + 3] {
                            let slice = &bytes[..cut];
                            assert_eq!(run_folded(slice, digits), reference_run(slice, digits), "{slice:?} {digits}");
                        }
                    }
                }
            }
        }
        assert_eq!(run_folded(b"AbcDEFGHIJklm!", false), (13, reference_run(b"AbcDEFGHIJklm", false).1));
        assert_eq!(ascii_run(b"ABCDEFGH", false).1 & LOWER_BITS, 0);
        assert_ne!(ascii_run(b"ABCDEFGHIJKLMNOPq", false).1 & LOWER_BITS, 0);
    }

    #[test]
    fn keywords_are_cleared_in_exactly_the_ranges() {
        let text = "seen by [NAME] the ZIP [ZIP-2] of[DATE]name 90+ and the MRN";
        for ranges in [
            super::super::resolve::placeholders(text, 0),
            vec![(0, 4), (5, 7), (8, 60)],
            vec![(3, 9), (4, 5), (20, 21)],
            vec![],
        ] {
            let mut t = Tokens::new(text);
            t.clear_keywords_in(&ranges);
            let fresh = Tokens::new(text);
            for (k, (got, was)) in t.toks.iter().zip(&fresh.toks).enumerate() {
                let inside = ranges.iter().any(|&(s, e)| s <= was.start() && was.start() < e);
                let want = if inside { 0 } else { was.lex };
                assert_eq!(got.lex, want, "token {k} {:?} in {ranges:?}", t.s(k));
            }
            assert!(fresh.toks.iter().any(|t| t.lex != 0));
        }
    }

    /// The memo, looked up from the text, says what the word lists say of each token's word.
    #[test]
    fn memo_answers_as_the_word_lists() {
        let text = "Mary SMITH visits Long Beach, Chicopee; Austin stopped the carried 12 José \
                    Washington MASSACHUSETTS counterrevolutionaries supercalifragilisticexpialidocious \
                    xqzw Pt. d'Angelo O'Brien ABBOTT abbott Jr Sørensen ZIELIŃSKI Straße Москва Ωmega";
        let t = Tokens::new(text);
        for i in 0..t.len() {
            let w = t.s(i);
            let mut buf = [0u8; super::super::lexicon::MAX_WORD];
            let listable = t.kind(i) == Some(TokKind::Alpha) && w.is_ascii();
            let lower = super::super::lexicon::fold(w.as_bytes(), &mut buf).filter(|_| listable);
            // A word with diacritics is looked up as written without them (no inflections).
            let latin = match w {
                "José" => Some("jose"),
                "Sørensen" => Some("sorensen"),
                "ZIELIŃSKI" => Some("zielinski"),
                "Straße" => Some("strasse"),
                _ => None,
            };
            let e = lower.or(latin.map(str::as_bytes)).map(super::super::lexicon::word_entry).unwrap_or_default();
            let english = e.english || lower.is_some_and(super::super::dictionary::is_inflection);
            assert_eq!(t.name_info(i), e.name, "{w}");
            assert_eq!(t.place(i), (e.place, e.place_head), "{w}");
            assert_eq!(t.english(i), english, "{w}");
        }
        // The text has words of each kind.
        assert!(t.name_info(0).first && t.place(3).1 && t.place(6).0 && t.english(2) && t.english(10));
        let at = |w: &str| (0..t.len()).find(|&i| t.s(i) == w).unwrap();
        assert!(t.name_info(at("José")).first && t.name_info(at("Sørensen")).last && t.name_info(at("ZIELIŃSKI")).last);
        assert!(!t.name_info(at("Москва")).any() && !t.english(at("Ωmega")));
    }

    fn debug(toks: &[Token]) -> Vec<String> {
        toks.iter().map(|t| format!("{t:?}")).collect()
    }

    #[test]
    fn matches_the_reference_tokenizer() {
        let mut rng = crate::deid::text::TestRng::new(0x2545_f491_4f6c_dd1d);
        let mut below = |n: usize| rng.below(n);
        for _ in 0..4000 {
            let text: String = (0..below(40)).map(|_| PIECES[below(PIECES.len())]).collect();
            let want = reference::tokenize(&text);
            assert_eq!(debug(&tokenize(&text)), debug(&want), "{text:?}");
            // A stretch from token `a` to token `b` (or the text's ends), after tokens `..a`.
            for _ in 0..4 {
                let (a, b) = (below(want.len() + 1), below(want.len() + 1));
                let (a, b) = (a.min(b), a.max(b));
                let (from, before) = match a {
                    0 => (0, (false, false)),
                    _ => want
                        .get(a)
                        .map_or((text.len(), (false, false)), |t| (t.start(), (t.space_before, t.newline_before))),
                };
                let to = if b >= want.len() { text.len() } else { want[b].end() };
                let mut got = want[..a].to_vec();
                tokenize_into(&text, from..to, before, &mut got);
                let mut expected = want[..a].to_vec();
                reference::tokenize_into(&text, from..to, before, &mut expected);
                assert_eq!(debug(&got), debug(&expected), "{text:?} {from}..{to}");
                assert_eq!(debug(&got), debug(&want[..got.len()]), "{text:?} {from}..{to}");
            }
        }
    }
}
