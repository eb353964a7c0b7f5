//! The held-out notes (`tests/deid/holdout/dev.txt`, `dev2.txt`, `dev3.txt`, `dev4.txt`, `dev5.txt`, `dev6.txt`, `dev7.txt`, `dev8.txt`, `dev9.txt`, `dev10.txt`, `dev11.txt`, `dev12.txt`, `dev13.txt`, `dev14.txt`, `dev15.txt`, `dev16.txt`, `dev17.txt`, `dev18.txt`, `dev19.txt`, `dev20.txt`, `dev21.txt`, `dev22.txt`, `dev23.txt` and `test.txt`):
//! clinical notes written by hand, without reading the scrubber, its rules or its evaluation set,
//! so they measure how the scrubber does on writing it was not built for. `dev`, `dev2`,
//! `dev3` to `dev23` (written later by other blind authors, each scored once before any change made from
//! it) may be used to find and fix misses; `test` is only ever scored (a fix made by looking at
//! its misses would make it one more development set).
//!
//! File format: each note starts with a line `=== NOTE <n> | <note type> ===` (`n` counts
//! from 1); the body is every line up to the next header, trailing blank lines dropped. Each
//! identifier is marked inline as `{{CLASS|text}}` (CLASS a [`PhiKind`] label, `text` exactly
//! as the note has it); the markers are removed to give the note's text and its gold spans.
#![allow(dead_code, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::eval_set::Note;
use phiseal::deid::{KnownIdentifiers, PhiKind};

/// The held-out files, by name.
pub const SETS: [&str; 24] = [
    "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14",
    "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "test",
];

/// What the held-out set `name` is for, as the report says it.
pub fn role(name: &str) -> &'static str {
    match name {
        "test" => "test half: scored only, never tuned on",
        "dev2" | "dev3" | "dev4" | "dev5" | "dev6" | "dev7" | "dev8" | "dev9" | "dev10" | "dev11" | "dev12" | "dev13" | "dev14" | "dev15" | "dev16" | "dev17" | "dev18" | "dev19" | "dev20" | "dev21" | "dev22" | "dev23" => {
            "further development set, written later: scored once before any change, then its misses may be looked at and fixed"
        }
        _ => "development half: its misses may be looked at and fixed",
    }
}

/// The text of the held-out file `name` (`dev`, `dev2` to `dev23` or `test`), read at build time so the scorer
/// and the tests need no path at run time.
pub fn source(name: &str) -> &'static str {
    match name {
        "dev" => include_str!("holdout/dev.txt"),
        "dev2" => include_str!("holdout/dev2.txt"),
        "dev3" => include_str!("holdout/dev3.txt"),
        "dev4" => include_str!("holdout/dev4.txt"),
        "dev5" => include_str!("holdout/dev5.txt"),
        "dev6" => include_str!("holdout/dev6.txt"),
        "dev7" => include_str!("holdout/dev7.txt"),
        "dev8" => include_str!("holdout/dev8.txt"),
        "dev9" => include_str!("holdout/dev9.txt"),
        "dev10" => include_str!("holdout/dev10.txt"),
        "dev11" => include_str!("holdout/dev11.txt"),
        "dev12" => include_str!("holdout/dev12.txt"),
        "dev13" => include_str!("holdout/dev13.txt"),
        "dev14" => include_str!("holdout/dev14.txt"),
        "dev15" => include_str!("holdout/dev15.txt"),
        "dev16" => include_str!("holdout/dev16.txt"),
        "dev17" => include_str!("holdout/dev17.txt"),
        "dev18" => include_str!("holdout/dev18.txt"),
        "dev19" => include_str!("holdout/dev19.txt"),
        "dev20" => include_str!("holdout/dev20.txt"),
        "dev21" => include_str!("holdout/dev21.txt"),
        "dev22" => include_str!("holdout/dev22.txt"),
        "dev23" => include_str!("holdout/dev23.txt"),
        "test" => include_str!("holdout/test.txt"),
        _ => panic!("no held-out set {name}"),
    }
}

/// One note of a held-out file, as written.
pub struct Marked<'a> {
    pub number: usize,
    pub kind: &'a str,
    pub body: String,
}

/// Splits a held-out file into its notes. Panics, naming the line, on a malformed header or
/// a note out of sequence.
pub fn split(src: &str) -> Vec<Marked<'_>> {
    let mut notes: Vec<Marked<'_>> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if let Some(header) = line.strip_prefix("=== NOTE ") {
            let header = header.strip_suffix(" ===").unwrap_or_else(|| panic!("line {}: bad header", n + 1));
            let (number, kind) = header.split_once(" | ").unwrap_or_else(|| panic!("line {}: bad header", n + 1));
            let number: usize = number.parse().unwrap_or_else(|_| panic!("line {}: bad note number", n + 1));
            assert_eq!(number, notes.len() + 1, "line {}: notes out of sequence", n + 1);
            notes.push(Marked { number, kind, body: String::new() });
        } else {
            let note = notes.last_mut().unwrap_or_else(|| panic!("line {}: text before the first header", n + 1));
            note.body.push_str(line);
            note.body.push('\n');
        }
    }
    for note in &mut notes {
        let kept = note.body.trim_end().len();
        note.body.truncate(kept);
    }
    notes
}

/// The plain text of a marked body and its gold spans (byte offsets into that text).
pub fn unmark(body: &str) -> (String, Vec<(PhiKind, usize, usize)>) {
    let (mut text, mut gold) = (String::with_capacity(body.len()), Vec::new());
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}").unwrap_or_else(|| panic!("unclosed marker near {:?}", &rest[open..]));
        let (label, value) = after[..close].split_once('|').unwrap_or_else(|| panic!("marker without class"));
        let kind = PhiKind::from_label(label).unwrap_or_else(|| panic!("unknown class {label}"));
        assert!(!value.is_empty() && !value.contains(['{', '}', '|']), "bad marked value");
        gold.push((kind, text.len(), text.len() + value.len()));
        text.push_str(value);
        rest = &after[close + 2..];
    }
    assert!(!rest.contains("}}"), "stray marker end");
    text.push_str(rest);
    (text, gold)
}

/// The notes of the held-out file `name`, ready to score (no structured record: the scrubber
/// gets the text alone, its hardest case).
pub fn notes(name: &str) -> Vec<Note> {
    split(source(name))
        .into_iter()
        .map(|m| {
            let (text, gold) = unmark(&m.body);
            let upper = !text.chars().any(char::is_lowercase);
            Note { text, gold, known: KnownIdentifiers::default(), known_values: Vec::new(), upper }
        })
        .collect()
}
