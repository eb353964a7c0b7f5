//! A small tokenizer shared by the recognizers: runs of letters, runs of digits, and single
//! punctuation characters, each with byte offsets into the original text.
//!
//! Letters and digits are split apart (`92yo` → `92`, `yo`; `04T10` → `04`, `T`, `10`) so that
//! recognizers can match fixed shapes; `space_before` tells whether whitespace separated a token
//! from the previous one, so adjacency (`123-45-6789`) can be required where it matters.

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

/// One token: `text[start..end]`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace (any amount) lies between this token and the previous one.
    pub space_before: bool,
    /// The whitespace before this token contains a line break.
    pub newline_before: bool,
    /// Keyword bits ([`super::lexicon::bit`]); 0 for non-letters and unlisted words.
    pub lex: u64,
}

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

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4);
    let mut space = false;
    let mut newline = false;
    for (i, c) in text.char_indices() {
        let Some(kind) = class_of(c) else {
            space = true;
            newline |= c == '\n' || c == '\r';
            continue;
        };
        let end = i + c.len_utf8();
        match tokens.last_mut() {
            Some(last) if !space && last.end == i && last.kind == kind && kind != TokKind::Punct => {
                last.end = end;
            }
            _ => tokens.push(Token {
                start: i,
                end,
                kind,
                space_before: space,
                newline_before: newline,
                lex: 0,
            }),
        }
        space = false;
        newline = false;
    }
    tokens
}

/// Read-only view of the text and its tokens with helpers the recognizers share.
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
}

impl<'a> Tokens<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut toks = tokenize(text);
        for t in &mut toks {
            if t.kind == TokKind::Alpha {
                t.lex = text.get(t.start..t.end).map_or(0, super::lexicon::classify);
            }
        }
        Tokens { text, toks }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The text of token `i` (empty if out of range).
    pub(crate) fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    pub(crate) fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` is a run of exactly `n` digits (any `n` if `None`).
    pub(crate) fn digits(&self, i: usize, n: Option<usize>) -> bool {
        self.kind(i) == Some(TokKind::Digit) && n.map_or(true, |n| self.s(i).len() == n)
    }

    /// Token `i` is the punctuation character `c`.
    pub(crate) fn punct(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(TokKind::Punct) && self.s(i).starts_with(c)
    }

    /// Token `i` equals `word`, ignoring ASCII case.
    pub(crate) fn is(&self, i: usize, word: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(word)
    }

    /// Token `i` is in the keyword list(s) of `bits` ([`super::lexicon::bit`]).
    pub(crate) fn has(&self, i: usize, bits: u64) -> bool {
        self.toks.get(i).is_some_and(|t| t.lex & bits != 0)
    }

    /// Token `i` equals one of `words`, ignoring ASCII case.
    pub(crate) fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let s = self.s(i);
        words.iter().any(|w| s.eq_ignore_ascii_case(w))
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
        let s = self.s(i);
        if self.kind(i) == Some(TokKind::Digit) && s.len() <= 9 {
            s.parse().ok()
        } else {
            None
        }
    }

    /// Byte start of token `i` (text end if out of range).
    pub(crate) fn start(&self, i: usize) -> usize {
        self.toks.get(i).map_or(self.text.len(), |t| t.start)
    }

    /// Byte end of token `i` (0 if out of range).
    pub(crate) fn end(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, |t| t.end)
    }

    /// First letter is upper case and the token is alphabetic.
    pub(crate) fn capitalized(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Alpha)
            && self.s(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The token is alphabetic and has no lower-case letter.
    pub(crate) fn all_caps(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Alpha) && !self.s(i).chars().any(char::is_lowercase)
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
}
