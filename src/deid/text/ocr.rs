//! Digits misread as letters by optical character recognition, in faxes and scans pasted into
//! notes: `74O-555-O166`, `O9/3O/1988`, `891O2`, `4l20 W Sahara Ave`. Detection reads a copy
//! of the text in which such letters are read back as digits (`O` and `o` as `0`, `l` and `I`
//! as `1`), so every number rule applies to them; the replacement is made in the text as
//! written. Each letter is replaced by one ASCII digit, so byte offsets do not move.
//!
//! A letter is read as a digit only inside a word of ASCII letters and digits that has a digit
//! and no letter other than `O`, `o`, `l` and `I`, and only where the word is long enough not
//! to be a symbol: 3 characters or more, or 2 in a chunk of text (between spaces) with 4
//! digits or more (`O3/O9/2O26`). `O2`, `SpO2`, `CO2`, `IL6`, `B12` stay as written.
//!
//! The other way round, a zero inside a word of letters is read as the letter `O`
//! (`HARRIS0N`, `L0RETTA`, `HOLBR00K`, `B0X`), so names and places are found: only a zero
//! with a letter on both sides, in a word whose only digits are zeros and whose letters are
//! not all hexadecimal digits (`T2N0M0`, `K0823`, `C0CF` of an IPv6 address and a code ending
//! in zeros stay as written).

use super::token::{TokKind, Tokens};
use std::borrow::Cow;

/// A letter OCR puts in place of a digit.
fn misread(b: u8) -> bool {
    matches!(b, b'O' | b'o' | b'l' | b'I')
}

/// The digit a misread letter stands for.
fn digit_for(b: u8) -> u8 {
    if matches!(b, b'O' | b'o') {
        b'0'
    } else {
        b'1'
    }
}

/// Whether the tokens `t` of a text have a word made only of letters OCR misreads for
/// digits glued to a number (`74O`, `O166`): the cheap test, over tokens already made, that
/// tells nearly every text has nothing for [`read_digits`] to read.
pub(crate) fn may_have_misread(t: &Tokens<'_>) -> bool {
    let bytes = t.text.as_bytes();
    t.toks.iter().enumerate().any(|(i, tok)| {
        // Most tokens start with another character: one test turns them away.
        if !matches!(tok.first, 'O' | 'o' | 'l' | 'I' | '0') {
            return false;
        }
        let letters_for_digits = tok.kind == TokKind::Alpha
            && misread(tok.first as u8)
            && tok.len() <= 8
            && bytes.get(tok.start()..tok.end()).is_some_and(|w| w.iter().all(|&b| misread(b)))
            && ((i > 0 && !tok.space_before && t.kind(i - 1) == Some(TokKind::Digit))
                || (t.joined(i + 1) && t.kind(i + 1) == Some(TokKind::Digit)));
        // A run of zeros between letters (`HARRIS0N`).
        let zeros_for_letters = tok.kind == TokKind::Digit
            && tok.first == '0'
            && i > 0
            && !tok.space_before
            && t.kind(i - 1) == Some(TokKind::Alpha)
            && t.joined(i + 1)
            && t.kind(i + 1) == Some(TokKind::Alpha)
            && bytes.get(tok.start()..tok.end()).is_some_and(|w| w.iter().all(|&b| b == b'0'));
        letters_for_digits || zeros_for_letters
    })
}

/// Whether `word` (ASCII letters and digits) is a word of letters with zeros read for `O`:
/// its only digits are zeros, each between two letters, and it has at least 2 letters, not all
/// of them hexadecimal digits.
fn zeros_for_letters(word: &[u8]) -> bool {
    let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let zeros_only = word.iter().all(|&b| b.is_ascii_alphabetic() || b == b'0');
    // The first and last characters are letters, so every run of zeros is between letters.
    let ends = word.first().is_some_and(u8::is_ascii_alphabetic) && word.last().is_some_and(u8::is_ascii_alphabetic);
    // Letters `a` to `f` alone make a hexadecimal number (`C0CF` in an IPv6 address, `D0B`).
    let hex = word.iter().all(u8::is_ascii_hexdigit);
    letters >= 2 && zeros_only && ends && letters < word.len() && !hex
}

/// The text with misread digits read back, or the text itself if it has none.
pub(crate) fn read_digits(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut chunk_start = 0;
    while chunk_start < bytes.len() {
        let chunk_end = bytes
            .get(chunk_start..)
            .and_then(|rest| rest.iter().position(u8::is_ascii_whitespace))
            .map_or(bytes.len(), |k| chunk_start + k);
        let chunk = bytes.get(chunk_start..chunk_end).unwrap_or(&[]);
        let chunk_digits = chunk.iter().filter(|b| b.is_ascii_digit()).count();
        let mut k = 0;
        while k < chunk.len() {
            let word_len =
                chunk.get(k..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count());
            if word_len == 0 {
                k += 1;
                continue;
            }
            let word = chunk.get(k..k + word_len).unwrap_or(&[]);
            let has_digit = word.iter().any(u8::is_ascii_digit);
            let only_misread = word.iter().all(|&b| b.is_ascii_digit() || misread(b));
            let long_enough = word_len >= 3 || (word_len == 2 && chunk_digits >= 4);
            if has_digit && only_misread && long_enough {
                for (n, &b) in word.iter().enumerate() {
                    if misread(b) {
                        if let Some(slot) = out.get_mut(chunk_start + k + n) {
                            *slot = digit_for(b);
                            changed = true;
                        }
                    }
                }
            } else if has_digit && zeros_for_letters(word) {
                // In the case of the letter before the zeros (`h0use` reads `house`).
                let mut letter = b'O';
                for (n, &b) in word.iter().enumerate() {
                    if b.is_ascii_alphabetic() {
                        letter = if b.is_ascii_lowercase() { b'o' } else { b'O' };
                    } else if let Some(slot) = out.get_mut(chunk_start + k + n) {
                        *slot = letter;
                        changed = true;
                    }
                }
            }
            k += word_len;
        }
        chunk_start = chunk_end + 1;
    }
    // Only ASCII letters were replaced by ASCII digits, so the bytes are still UTF-8.
    match (changed, String::from_utf8(out)) {
        (true, Ok(s)) => Cow::Owned(s),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misread_digits_are_read_back_in_numbers_only() {
        let cases = [
            ("Tel 74O-555-O166     Fax", "Tel 740-555-0166     Fax"),
            ("D0B:  O9/3O/1988\n", "D0B:  09/30/1988\n"),
            ("4l20 W Sahara Ave Ste l05, Las Vegas NV 891O2", "4120 W Sahara Ave Ste 105, Las Vegas NV 89102"),
            ("O3/O9/2O26 14:22", "03/09/2026 14:22"),
            ("MRN: HD-OO8l337", "MRN: HD-0081337"),
            ("was 20/50 on l2/2O25). Amsler", "was 20/50 on 12/2025). Amsler"),
        ];
        for (text, want) in cases {
            assert_eq!(read_digits(text), want, "{text}");
        }
        // Symbols and words stay: oxygen, gases, interleukins, vitamins, words with other
        // letters, a word without a digit, a short word in a chunk of few digits.
        for text in ["on 2L O2 NC, SpO2 94%", "CO2 24, IL6 high, B12 low", "Oil 10 ml, lOl", "O2 sat", "Ol 4"] {
            assert!(matches!(read_digits(text), Cow::Borrowed(_)), "{text}: {}", read_digits(text));
        }
        // Zeros between letters are read as `O`; zeros at a word's end, words with other
        // digits, a single letter stay.
        let letters = [
            ("PATIENT NAME: YAZZIE, HARRIS0N", "PATIENT NAME: YAZZIE, HARRISON"),
            ("FR0M: PHARMACY, HOLBR00K AZ", "FROM: PHARMACY, HOLBROOK AZ"),
            ("HC 63 B0X 12, SH0W L0W AZ", "HC 63 BOX 12, SHOW LOW AZ"),
            ("the h0use", "the house"),
        ];
        for (text, want) in letters {
            assert_eq!(read_digits(text), want, "{text}");
        }
        for text in ["T2N0M0 staging", "K0823 chair", "lot XKD00 and A0", "SN60WF lens", "2001:db8::c0cf", "D0B"] {
            assert!(matches!(read_digits(text), Cow::Borrowed(_)), "{text}: {}", read_digits(text));
        }
        // Offsets do not move, whatever the text.
        let text = "naïve 7O2 – l2/2O25 café";
        assert_eq!(read_digits(text).len(), text.len());
    }
}
