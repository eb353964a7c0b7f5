//! Identifier columns of a fixed-width table: a report printed in columns lined up with
//! spaces (`RX#      PATIENT                 DOB       MEMBER ID`), whose header line of
//! column names says what each value below it holds, as the header of a comma-separated or
//! `|` table does ([`super::table`], which names the columns).
//!
//! A header is a line of at least 3 column names separated by two spaces or more, each name
//! made of at most 4 words of letters (also `#`, `/`, `.`, `_`, `&`, `,`, brackets, `-`, and digits
//! after a letter or a `-`: `SSN-L4`), each word
//! starting with a capital, `#` or a bracket (or a header all in lower case, of one-word names
//! none of them a word of prose: `date   staff   method`), and at least one name naming an
//! identifier column. A name of several words that names none counts as one column per word (`TIME REQ#`).
//! A rule of dashes right under the header (`-------  ----------`) gives the columns' exact
//! starts instead, and the header text above each run of dashes its name (or, when that names
//! no column, its last word: `PRESCRIBER NPI`).
//!
//! The rows are the lines after it, up to an empty line or a line without a gap of two spaces
//! (an indented line without one continues the row above it and is not read).
//! A row with as many values (words separated by gaps) as there are columns is read in order.
//! In another row each word belongs to the column it starts under: a word after a gap to the last
//! column starting at or before it (two characters of slack), a word after a single space to
//! the column of the word before it, unless it starts where a later column starts (a row
//! printed with single spaces, `1912 BR-771204 NGUYEN, THI HOA`). So a value wider than its
//! column (`Castellanos Vda. de Ruiz, Amparo (5520981)`) stays in its column.

use super::table::{column_kinds, line_at, take_cell, Spec};
use super::{scan, Candidate};

/// Most words in one column name.
const MAX_NAME_WORDS: usize = 4;

/// Most columns of a table: a line of more names is no header (and a row is read against at
/// most this many columns, so reading a row stays linear in its length).
const MAX_COLUMNS: usize = 40;

/// A column: where it starts (in characters from the start of the line) and what it holds.
#[derive(Clone, Copy, Debug)]
struct Column {
    at: usize,
    spec: Option<Spec>,
}

/// The words of `line` with their byte range and their start in characters, and whether a gap
/// (two spaces or more, or a tab) comes before each.
fn words(line: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut spaces = 2usize;
    let mut start: Option<(usize, usize, bool)> = None;
    for (column, (k, c)) in line.char_indices().enumerate() {
        if c == ' ' || c == '\t' {
            if let Some((s, col, gap)) = start.take() {
                out.push(Word { start: s, end: k, column: col, after_gap: gap });
                spaces = 0;
            }
            spaces += if c == '\t' { 2 } else { 1 };
        } else if start.is_none() {
            start = Some((k, column, spaces >= 2));
        }
    }
    if let Some((s, col, gap)) = start {
        out.push(Word { start: s, end: line.len(), column: col, after_gap: gap });
    }
    out
}

/// One word of a line ([`words`]).
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    column: usize,
    after_gap: bool,
}

/// Words of prose that no column of a header in lower case is named.
/// (`from`, `to`, `in`, `out` name columns of logs.)
const PROSE_WORDS: &[&str] = &["a", "an", "and", "or", "the", "of", "with", "is", "are", "was", "were", "be"];

/// A byte a column name may hold.
fn name_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b' ' | b'#' | b'/' | b'.' | b'_' | b'&' | b'(' | b')' | b'-' | b',')
}

/// The columns of `line` if it is a header. Prose is turned away at its first word starting
/// in lower case, or its first digit or other punctuation.
fn header_of(line: &str) -> Option<Vec<Column>> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    // A header in lower case is all in lower case (`date        staff  method    outcome`).
    let lower = first.is_ascii_lowercase() && !bytes.iter().any(u8::is_ascii_uppercase);
    if !(first.is_ascii_uppercase() || first == b'#' || lower) {
        return None;
    }
    // Gaps between names: a space after a space, counted once per run of spaces.
    let (mut before, mut gaps, mut in_gap) = (b' ', 0usize, false);
    for &b in bytes {
        // A digit inside a name, after a letter or a `-` (`SSN-L4`, `DX1`), never opening a word.
        let digit = b.is_ascii_digit() && (before.is_ascii_alphabetic() || before == b'-');
        if !(name_byte(b) || digit) || (before == b' ' && b.is_ascii_lowercase() && !lower) {
            return None;
        }
        let gap = before == b' ' && b == b' ';
        gaps += usize::from(gap && !in_gap);
        in_gap = gap || (in_gap && b == b' ');
        before = b;
    }
    if gaps < 2 {
        return None;
    }
    let words = words(line);
    // Names: runs of words without a gap between them.
    let mut names: Vec<&[Word]> = Vec::new();
    let mut from = 0;
    for k in 1..=words.len() {
        if words.get(k).map_or(true, |w| w.after_gap) {
            names.push(words.get(from..k)?);
            from = k;
        }
    }
    if names.len() < 3 || names.len() > MAX_COLUMNS || names.iter().any(|n| n.len() > MAX_NAME_WORDS) {
        return None;
    }
    // In lower case, each name one word and none a word of prose (`seen  and  staff  aware`).
    let prose = |w: &Word| PROSE_WORDS.contains(&line.get(w.start..w.end).unwrap_or(""));
    if lower && names.iter().any(|n| n.len() > 1 || n.iter().any(prose)) {
        return None;
    }
    let mut columns = Vec::new();
    for name in names {
        let (first, last) = (name.first()?, name.last()?);
        let spec = column_kinds(line.get(first.start..last.end)?);
        if spec.is_none() && name.len() > 1 {
            columns.extend(
                name.iter()
                    .map(|w| Column { at: w.column, spec: column_kinds(line.get(w.start..w.end).unwrap_or("")) }),
            );
        } else {
            columns.push(Column { at: first.column, spec });
        }
    }
    (columns.len() <= MAX_COLUMNS && columns.iter().any(|c| c.spec.is_some())).then_some(columns)
}

/// The columns a rule of dashes under header `header` marks: one per run of dashes, named by
/// the header text above it. `None` if `line` is no such rule.
fn columns_of_rule(header: &str, line: &str) -> Option<Vec<Column>> {
    if !line.bytes().all(|b| matches!(b, b'-' | b'=' | b' ')) {
        return None;
    }
    // Made of dashes and spaces only: its words are the runs of dashes (none in a blank line).
    let runs = words(line);
    if runs.len() < 3 || runs.len() > MAX_COLUMNS || !header.is_ascii() {
        return None;
    }
    let columns: Vec<Column> = runs
        .iter()
        .enumerate()
        .map(|(k, r)| {
            // Up to the next run: a name may be wider than its dashes.
            let end = runs.get(k + 1).map_or(header.len(), |next| next.start).min(header.len());
            let name = header.get(r.start.min(end)..end).unwrap_or("");
            // A name of several words that names no column reads as its last (`PRESCRIBER NPI`).
            let spec = column_kinds(name.trim()).or_else(|| name.split_whitespace().next_back().and_then(column_kinds));
            Column { at: r.column, spec }
        })
        .collect();
    columns.iter().any(|c| c.spec.is_some()).then_some(columns)
}

/// Characters a word may start before the column it belongs to: a row typed by hand drifts a
/// little from its header (`MRN` at 45, `3381920` at 43).
const SLACK: usize = 2;

/// The index of the column a word starting at `column` belongs to after a gap: the last one
/// starting at or before it, [`SLACK`] characters of slack.
fn column_at(columns: &[Column], column: usize) -> usize {
    columns.iter().rposition(|c| c.at <= column + SLACK).unwrap_or(0)
}

/// Proposes the identifier values of row `line` (starting at byte `at` of the text).
///
/// A row with as many values (words separated by gaps) as the header has columns is read in
/// order, which no width of a value disturbs. Another row is read by position; but not one
/// holding a placeholder (`[`, `90+`): a placeholder is not as wide as what it replaced, so
/// reading a scrubbed row by position would move values under other columns.
fn take_row(line: &str, at: usize, columns: &[Column], out: &mut Vec<Candidate>) {
    let words = words(line);
    // Cells: (column, first byte, end byte).
    let mut cells: Vec<(usize, usize, usize)> = Vec::new();
    if words.iter().filter(|w| w.after_gap).count() == columns.len() {
        for w in &words {
            match cells.last_mut() {
                Some(cell) if !w.after_gap => cell.2 = w.end,
                _ => cells.push((cells.len(), w.start, w.end)),
            }
        }
    } else if line.contains('[') || line.contains("90+") {
        return;
    } else {
        for w in &words {
            let column = match cells.last() {
                Some(&(prev, _, _)) if !w.after_gap => {
                    // A single space: the same column, unless a later column starts here.
                    columns
                        .iter()
                        .enumerate()
                        .skip(prev + 1)
                        .find(|(_, c)| c.at.abs_diff(w.column) <= 1)
                        .map_or(prev, |(k, _)| k)
                }
                _ => column_at(columns, w.column),
            };
            match cells.last_mut() {
                Some(cell) if cell.0 == column => cell.2 = w.end,
                _ => cells.push((column, w.start, w.end)),
            }
        }
    }
    for (column, s, e) in cells {
        if let Some(spec) = columns.get(column).and_then(|c| c.spec) {
            take_cell(spec, line.get(s..e).unwrap_or(""), at + s, out);
        }
    }
}

/// Whether `line` holds a gap of two spaces or more, or a tab, between two words.
fn has_gap(line: &str) -> bool {
    scan::find_gap(line.trim().as_bytes(), 0).is_some()
}

/// What a table's header gives the lines below it: the header's text, its columns, and
/// whether a line below it was read (a rule of dashes is looked for only right under it).
struct Open<'a> {
    header: &'a str,
    columns: Vec<Column>,
    below: bool,
}

/// Reads `line` (starting at byte `at`) under the table `open`, if any: true if the line
/// belongs to it (a rule or a row), false if it ends it.
fn read_line(open: &mut Open<'_>, line: &str, at: usize, out: &mut Vec<Candidate>) -> bool {
    if !open.below {
        open.below = true;
        if let Some(ruled) = columns_of_rule(open.header, line) {
            open.columns = ruled;
            return true;
        }
    }
    // An empty line holds no gap either.
    if !has_gap(line) {
        // An indented line without a gap goes on the row above (`   post-crani 11/06, q1h
        // neuro checks` under a roster's row): it is no row, and the table goes on.
        return line.starts_with([' ', '\t']) && !line.trim().is_empty();
    }
    take_row(line, at, &open.columns, out);
    true
}

/// Proposes the identifier values of every fixed-width table in `text` that has a header.
///
/// A header holds a gap, so the walk goes from one line holding a gap to the next with one
/// search of the text ([`scan::find_gap`]), rather than testing every line of prose.
pub(crate) fn find_aligned_tables(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(gap) = scan::find_gap(bytes, from) {
        // The line holding the gap (a space, a tab and a line break are one byte each, never
        // inside a character).
        let start = bytes.get(..gap).and_then(|b| b.iter().rposition(|&c| c == b'\n')).map_or(0, |k| k + 1);
        let (line, mut next) = line_at(text, start);
        from = next;
        let Some(columns) = header_of(line) else { continue };
        let mut open = Open { header: line, columns, below: false };
        while next <= text.len() {
            let (line, after) = line_at(text, next);
            if !read_line(&mut open, line, next, out) {
                // This line may head the next table: the search goes on from it.
                from = next;
                break;
            }
            next = after;
            from = after;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deid::text::PhiKind;

    /// [`find_aligned_tables`] as first written: every line cut out and read in turn.
    fn reference(text: &str, out: &mut Vec<Candidate>) {
        let mut open: Option<Open<'_>> = None;
        let mut at = 0;
        for raw in text.split('\n') {
            let start = at;
            at += raw.len() + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if let Some(table) = &mut open {
                if read_line(table, line, start, out) {
                    continue;
                }
            }
            open = header_of(line).map(|columns| Open { header: line, columns, below: false });
        }
    }

    /// Random lines of headers, rules, rows and prose, with and without `\r\n` and a last
    /// line break.
    #[test]
    fn skipping_to_lines_with_gaps_finds_what_reading_every_line_finds() {
        let lines = [
            "RX#      PATIENT   DOB       NPI",
            "-------  --------  --------  ----------",
            "6120448  NWOSU, A  04/17/71  1366049821",
            "NAME   MRN    AGE\r",
            "Smith  12345  91\r",
            "Doe 555  x",
            "Seen today, stable.",
            "TIME REQ#  PATIENT / MRN  NEED",
            "1912 BR-1 NGUYEN, T 0044  tele",
            "",
            "\tA\tB",
            "  ",
        ];
        crate::deid::text::assert_walks_agree(&lines, 0x2b9e_7c41_d05a_8f13, 4000, find_aligned_tables, reference);
    }

    fn found(text: &str) -> Vec<(PhiKind, &str)> {
        crate::deid::text::found_by(find_aligned_tables, text)
    }

    #[test]
    fn columns_under_a_ruled_header() {
        let text = "RIVERBEND POS REJECT RPT\n\
RX#      PATIENT                 DOB       MEMBER ID       GRP      REJ PRESCRIBER NPI\n\
-------  ----------------------  --------  --------------  -------  --- -------------\n\
6120448  NWOSU, ADAEZE           04/17/71  ZGX881204557    RX7716   75  1366049821\n\
COMMENTS:\n\
6120448 PA REQ. TECH CALLED OFFICE\n";
        assert_eq!(
            found(text),
            [
                (PhiKind::Id, "6120448"),
                (PhiKind::Name, "NWOSU, ADAEZE"),
                (PhiKind::Date, "04/17/71"),
                (PhiKind::HealthPlan, "ZGX881204557"),
                (PhiKind::HealthPlan, "RX7716"),
                (PhiKind::License, "1366049821"),
            ]
        );
    }

    #[test]
    fn indented_lines_continue_a_row_and_rows_drift_from_their_header() {
        // `3381920` starts two characters before `MRN`; the indented note under a row keeps the
        // table open, a line of prose without a gap ends it.
        let roster = "BED    PATIENT                  MRN          NOTE\n\
4W-12  OKONKWO, CHIDI         3381920      tele\n   post-crani 11/06, q1h neuro checks\n\
4W-14  HALVORSEN, ROSE          3102277    sitter\nSeen today.\n4W-17  AL-SAYED, YOUSEF  3419054   x\n";
        assert_eq!(
            found(roster),
            [
                (PhiKind::Name, "OKONKWO, CHIDI"),
                (PhiKind::Mrn, "3381920"),
                (PhiKind::Name, "HALVORSEN, ROSE"),
                (PhiKind::Mrn, "3102277"),
            ]
        );
        // Three characters is more than a row drifts: the value stays in the column before.
        let header = "BED    PATIENT                  MRN          NOTE\n";
        let far = format!("{header}4W-12  OKONKWO, CHIDI        3381920\n");
        assert!(!found(&far).iter().any(|&(kind, _)| kind == PhiKind::Mrn), "{:?}", found(&far));
        let near = format!("{header}4W-12  OKONKWO, CHIDI         3381920\n");
        assert!(found(&near).contains(&(PhiKind::Mrn, "3381920")), "{:?}", found(&near));
    }

    #[test]
    fn rows_printed_with_single_spaces_and_wide_values() {
        let board = "TIME REQ#       PATIENT / MRN                        NEED      STATUS\n\
1912 BR-771204 NGUYEN, THI HOA 004418827 (93 F)  tele      5W-512B @2250\n\
\n\
1935 BR-771209 Abdi Warsame 004420916  IMCU\n";
        assert_eq!(
            found(board),
            [(PhiKind::Id, "BR-771204"), (PhiKind::Name, "NGUYEN, THI HOA"), (PhiKind::Mrn, "004418827")]
        );
        let log = "DATE   PATIENT (MRN)                 TYPE          DETAIL\n\
10/13  Castellanos Vda. de Ruiz, Amparo (5520981)  renal dose   cefepime 2 g q8h\n\
10/18  (same pt as 10/13)            TDM           vanc trough 27.1\n";
        assert_eq!(
            found(log),
            [
                (PhiKind::Date, "10/13"),
                (PhiKind::Name, "Castellanos Vda. de Ruiz, Amparo"),
                (PhiKind::Mrn, "5520981"),
                (PhiKind::Date, "10/18"),
            ]
        );
        let queue = "ACCT/HAR      PATIENT                    PAYER / MEMBER ID                   OBS START\n\
H600419355    Park, Ji-woo               BCBS grp 0071553 mbr XJP902114477  03/03 0540\n";
        assert_eq!(
            found(queue),
            [
                (PhiKind::Account, "H600419355"),
                (PhiKind::Name, "Park, Ji-woo"),
                (PhiKind::HealthPlan, "0071553 mbr XJP902114477"),
                (PhiKind::Date, "03/03"),
            ]
        );
    }

    #[test]
    fn a_line_of_too_many_names_is_no_header() {
        let names: Vec<String> = (0..=MAX_COLUMNS)
            .map(|k| if k == 0 { "NAME".to_string() } else { format!("C{}", "X".repeat(k % 5 + 1)) })
            .collect();
        let header = names.join("  ");
        let row: Vec<&str> = (0..=MAX_COLUMNS).map(|_| "Smith").collect();
        assert!(found(&format!("{header}\n{}\n", row.join("  "))).is_empty());
        // One column fewer is a table.
        let header = names.get(..MAX_COLUMNS).unwrap_or(&[]).join("  ");
        let row = row.get(..MAX_COLUMNS).unwrap_or(&[]).join("  ");
        assert_eq!(found(&format!("{header}\n{row}\n")), [(PhiKind::Name, "Smith")]);
    }

    #[test]
    fn prose_and_tables_without_identifier_columns_are_no_header() {
        // No identifier column; words in lower case; a colon; too few names.
        assert!(found("DRUG      DOSE      ROUTE\nCefepime  2 g  IV\n").is_empty());
        assert!(found("Name  seen today  for follow up\nSmith  12  3\n").is_empty());
        assert!(found("PLAN:  NAME  MRN\nSmith  12345  x\n").is_empty());
        assert!(found("NAME  MRN\nSmith  12345\n").is_empty());
        // Lab values under a date column are no dates; an age under 90 is no age.
        assert_eq!(found("NAME   AGE  DATE\nSmith  88   120/80\n"), [(PhiKind::Name, "Smith")]);
    }
}
