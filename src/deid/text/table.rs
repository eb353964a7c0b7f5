//! Identifier columns of a table pasted into a note: a comma-separated export
//! (`patient_name,mrn,dob,accession,...`) or a table drawn with `|` (`| Scr ID | Init | Age |`),
//! whose header line of column names says what each cell below it holds.
//!
//! A header is a line of at least 3 names separated by commas (made only of letters, `_` and
//! spaces) or by `|` (also `/`, `#`, `.`, `(`, `)` and `-` in names; outer bars optional); the
//! rows are the following lines with as many cells (a `"..."` cell may hold commas), up to a
//! line that has another count (a `|---|---|` rule under the header has the same count and
//! holds nothing). Fixed-width tables, whose columns are lined up with spaces, are read by
//! [`super::aligned`] with the same column names. Only identifier columns are read
//! ([`column_kind`]): number columns (MRN, account, accession, member, licence, serial, phone,
//! ZIP, SSN ...), from the first word of a cell holding a digit to the last; name columns, a
//! cell up to a bracket when it holds a letter and no digit; address columns, the cell; an age
//! column, a cell that is an age of 90 or more; date columns, a cell's first word when it is a
//! month/day or an ISO date (scored under the date rules, which keep their reading of a date
//! they also find).

use super::{scan, Candidate, PhiKind};

/// Score of a cell found by its column.
const SCORE: u8 = 92;

/// Score of a date found by its column, below those of the date rules.
const DATE_SCORE: u8 = 55;

/// The class of a column named `name` (any case, `_`, spaces or punctuation between words).
pub(super) fn column_kind(name: &str) -> Option<PhiKind> {
    let key: String = name.trim().to_ascii_lowercase().chars().filter(char::is_ascii_alphabetic).collect();
    Some(match key.as_str() {
        "medicalrecordnumber"
        | "patientid"
        | "chart"
        | "chartnumber"
        | "empi"
        | "empiid"
        | "clientno"
        | "clientnumber"
        | "clientid" => PhiKind::Mrn,
        "account" | "acct" | "accountnumber" | "har" | "visitnumber" | "fin" => PhiKind::Account,
        "accession" | "accessionnumber" | "acc" | "specimenid" | "orderid" | "encounterid" | "claimid" | "scrid"
        | "screeningid" | "screenid" | "subjectid" | "subjid" | "studyid" | "participantid" | "ptid" | "caseid"
        | "studentid" | "bookingnumber" | "sampleid" | "kitid" | "rx" | "rxnumber" | "rxno" | "req" | "reqno"
        | "requisition" | "ticket" | "incident" | "pid" | "userid" | "empid" | "employeeid" | "badgeid" | "staffid"
        | "camperid" | "subject" | "user" | "specid" | "specimenno" | "specimennumber" | "barcode" | "visitid"
        | "reqid" | "requestid" | "paref" | "authref" | "authno" | "authnumber" | "authid" | "pcn" | "icn"
        | "payericn" | "tcn" | "claim" | "claimno" | "claimnumber" => PhiKind::Id,
        "memberid" | "policynumber" | "subscriberid" | "mbi" | "medicaidid" | "medicareid" | "insuranceid" | "grp"
        | "groupnumber" | "providerone" => PhiKind::HealthPlan,
        "npi" | "dea" | "license" | "licensenumber" => PhiKind::License,
        "serialnumber" | "udi" => PhiKind::Device,
        "name" | "patient" | "pt" | "student" | "studentname" | "init" | "initials" | "ptinitials"
        | "subjectinitials" | "resident" | "client" | "inmate" | "caller" | "guardian" | "parent" | "tech" | "rn"
        | "lpn" | "nurse" | "staff" | "owner" | "assignee" | "worker" | "by" | "givenby" | "signedby"
        | "verifiedby" | "provider" | "clinician" | "rph" | "pharmacist" | "prescriber" | "attending" | "lastname"
        | "firstname" | "ptlast" | "ptfirst" | "surname" | "givenname" | "employee" | "camper" | "operator"
        | "patientname" | "releasedby" | "receivedby" | "orderedby" | "collectedby" | "enteredby" | "physician"
        | "doctor" | "referring" | "signer" | "consentsigner" => PhiKind::Name,
        "street" | "address" | "streetaddress" | "city" | "town" | "place" | "residence" | "hometown" | "pickup"
        | "dropoff" | "drop" | "destination" => PhiKind::Address,
        "zip" | "zipcode" | "postalcode" => PhiKind::Zip,
        "phone" | "telephone" | "tel" | "cell" | "fax" => PhiKind::Phone,
        "age" | "ageyrs" => PhiKind::Age,
        "dob" | "birthdate" | "adm" | "admit" | "admitted" | "dc" | "disch" | "dos" | "dod" | "collected"
        | "obsstart" => PhiKind::Date,
        _ if key.ends_with("date") || key.ends_with("dt") && key.len() > 2 => PhiKind::Date,
        // A column named by what it is, alone or after what it belongs to (`MRN`, `pt_mrn`,
        // `ord_npi`, `SSN`, `S/N`, `meter_sn`, `monitor_sn`, `Badge`, `op_badge`,
        // `patient_name`).
        _ if key.ends_with("mrn") => PhiKind::Mrn,
        _ if key.ends_with("npi") => PhiKind::License,
        _ if key.ends_with("ssn") => PhiKind::Ssn,
        _ if key.ends_with("sn") || key.ends_with("serial") => PhiKind::Device,
        _ if key.ends_with("badge") => PhiKind::Id,
        _ if key.ends_with("name") && PERSON_PREFIXES.iter().any(|p| key.starts_with(p)) => PhiKind::Name,
        _ => return None,
    })
}

/// What a column named `<prefix>name` belongs to when that is a person (`operator_name`,
/// `provider_name`); `drug_name`, `test_name` name no one.
const PERSON_PREFIXES: &[&str] = &[
    "patient",
    "pt",
    "operator",
    "op",
    "user",
    "staff",
    "employee",
    "provider",
    "physician",
    "nurse",
    "tech",
    "member",
    "subscriber",
    "guardian",
    "contact",
    "caller",
    "client",
    "resident",
    "alias",
    "legal",
    "driver",
];

/// What the cells of a column hold: one class, or two in one cell (`Patient / MRN`, `PATIENT
/// (MRN)`), split at `split` (`/` or `(`), or a name followed by a number without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Spec {
    pub(super) kind: PhiKind,
    pub(super) second: Option<PhiKind>,
    split: u8,
}

impl Spec {
    /// A column of one class.
    pub(super) fn single(kind: PhiKind) -> Spec {
        Spec { kind, second: None, split: b'/' }
    }
}

/// The classes of a column named `name`: one, or two for a compound name (`Patient / MRN`,
/// `PATIENT (MRN)`), whose cells hold both (`Vang, Pa Nhia / M5530217`). A compound whose first
/// part names no identifier is read by its second (`PAYER / MEMBER ID`); a bracket after a
/// name that names no class describes it (`CAMPER (LAST, FIRST)` is a name column).
pub(super) fn column_kinds(name: &str) -> Option<Spec> {
    for split in [b'/', b'('] {
        if let Some((a, b)) = name.split_once(char::from(split)) {
            let b = b.trim_end().strip_suffix(')').unwrap_or(b);
            match (column_kind(a), column_kind(b)) {
                (Some(kind), Some(second)) => return Some(Spec { kind, second: Some(second), split }),
                // `CAMPER (LAST, FIRST)`: a bracket that names no class describes the column.
                (Some(kind), None) if split == b'(' => return Some(Spec { kind, second: None, split }),
                // `ADDRESS / DIRECTIONS`: what else an address cell says is part of the address.
                (Some(PhiKind::Address), None) if split == b'/' => return Some(Spec::single(PhiKind::Address)),
                (None, Some(kind)) if split == b'/' && kind != PhiKind::Name => {
                    return Some(Spec { kind, second: None, split })
                }
                _ => {}
            }
        }
    }
    column_kind(name).map(Spec::single)
}

/// A cell of a date column that is a date: month and day first (`03/02`, `04/17/71`,
/// `12-22-2024`) or an ISO date (`2023-08-14`), with or without a time after it.
fn date_shaped(cell: &str) -> Option<usize> {
    let word = cell.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = word.split(['/', '-']).collect();
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let ok = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            num(m).is_some_and(|m| (1..=12).contains(&m)) && num(d).is_some_and(|d| (1..=31).contains(&d))
        }
        [m, d] | [m, d, _] => {
            num(m).is_some_and(|m| (1..=12).contains(&m))
                && num(d).is_some_and(|d| (1..=31).contains(&d))
                && parts.get(2).map_or(true, |y| num(y).is_some() && matches!(y.len(), 2 | 4))
        }
        _ => false,
    };
    ok.then_some(word.len())
}

/// The line of `text` starting at byte `start` (without its `\r\n` or `\n`) and the start of
/// the next one.
pub(super) fn line_at(text: &str, start: usize) -> (&str, usize) {
    let rest = text.get(start..).unwrap_or("");
    let end = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..end).unwrap_or("");
    (line.strip_suffix('\r').unwrap_or(line), start + end + 1)
}

/// Whether `word` holds a digit.
fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// The words of `value` split at single spaces, each with its byte offset.
fn words_at(value: &str) -> impl Iterator<Item = (usize, &str)> {
    value.split(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len() + 1;
        Some((start, w))
    })
}

/// The part of cell `value` a column of class `kind` takes, as a byte range of `value`.
fn taken(kind: PhiKind, value: &str) -> Option<(usize, usize)> {
    match kind {
        PhiKind::Name => {
            // `mateo r. (rm 14)`: up to a bracket.
            let head = value.split('(').next().unwrap_or("").trim_end();
            let letters = head.bytes().any(|b| b.is_ascii_alphabetic()) || !head.is_ascii();
            (letters && !has_digit(head)).then_some((0, head.len()))
        }
        PhiKind::Age => {
            // A mark after the number (`102*`: documented) is no part of it; an age spelled
            // out in the nineties is one too (`ninety-two`).
            let digits = value.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            if let Ok(n) = digits.trim().parse::<u32>() {
                return (90..=130).contains(&n).then_some((0, digits.len()));
            }
            let word = value.trim();
            let spelled = word.len() >= 6 && word.get(..6).is_some_and(|w| w.eq_ignore_ascii_case("ninety"));
            (spelled && !word.contains(' ')).then_some((0, word.len()))
        }
        PhiKind::Date => date_shaped(value).map(|len| (0, len)),
        PhiKind::Address => value.bytes().any(|b| b.is_ascii_alphanumeric()).then_some((0, value.len())),
        _ => {
            // From the first word holding a digit to the last (`Humana MA H88213407-01`).
            let (first, _) = words_at(value).find(|(_, w)| has_digit(w))?;
            let (last, w) = words_at(value).filter(|(_, w)| has_digit(w)).last()?;
            Some((first, last + w.len()))
        }
    }
}

/// Proposes what a column of class `kind` takes of `value` (starting at byte `at`).
fn take(kind: PhiKind, value: &str, at: usize, out: &mut Vec<Candidate>) {
    if let Some((s, e)) = taken(kind, value) {
        // Below the date rules' own scores: a date they find keeps their reading (its year).
        let score = if kind == PhiKind::Date { DATE_SCORE } else { SCORE };
        out.push(Candidate::new(kind, at + s, at + e, score));
    }
}

/// Proposes what a column `spec` takes of cell `value` (starting at byte `at`).
pub(super) fn take_cell(spec: Spec, value: &str, at: usize, out: &mut Vec<Candidate>) {
    let Some(second) = spec.second else {
        take(spec.kind, value, at, out);
        return;
    };
    if let Some((a, b)) = value.split_once(char::from(spec.split)) {
        let lead = b.len() - b.trim_start().len();
        let b = b.trim();
        if spec.split == b'(' {
            // `Amparo (5520981)`; not an aside (`(same pt as 10/13)`).
            let inner = b.strip_suffix(')').unwrap_or(b);
            if !a.trim().is_empty() && !inner.contains(' ') {
                take(spec.kind, a.trim_end(), at, out);
                take(second, inner, at + a.len() + 1 + lead, out);
            }
            return;
        }
        take(spec.kind, a.trim_end(), at, out);
        take(second, b, at + a.len() + 1 + lead, out);
        return;
    }
    // A name and a number side by side (`NGUYEN, THI HOA 004418827 (93 F)`): the name up to
    // the first word holding a digit, that word the number.
    let number = words_at(value).find(|(_, w)| has_digit(w));
    match number {
        Some((k, w)) if spec.kind == PhiKind::Name && k > 0 => {
            take(PhiKind::Name, value.get(..k).unwrap_or("").trim_end(), at, out);
            take(second, w, at + k, out);
        }
        _ => take(spec.kind, value, at, out),
    }
}

/// The cells of a `|` table line (starting at `at`) as byte ranges, spaces around each cell and
/// the outer bars left out.
fn bar_cells(line: &str, at: usize) -> Vec<(usize, usize)> {
    let trimmed = line.trim_end();
    let inner_start = trimmed.len() - trimmed.trim_start().len();
    let mut inner = trimmed.get(inner_start..).unwrap_or("");
    let mut offset = inner_start;
    if let Some(rest) = inner.strip_prefix('|') {
        inner = rest;
        offset += 1;
    }
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut start = 0;
    for part in inner.split('|') {
        let lead = part.len() - part.trim_start().len();
        let s = offset + start + lead;
        out.push((at + s, at + s + part.trim().len()));
        start += part.len() + 1;
    }
    out
}

/// Byte ranges of the cells of `line` (starting at `at`), a `"..."` cell without its quotes.
fn cells(line: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (k, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push((start, k));
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out.into_iter()
        .map(|(s, e)| {
            let cell = line.as_bytes().get(s..e).unwrap_or(&[]);
            let quoted = cell.len() >= 2 && cell.first() == Some(&b'"') && cell.last() == Some(&b'"');
            if quoted {
                (at + s + 1, at + e - 1)
            } else {
                (at + s, at + e)
            }
        })
        .collect()
}

/// How the cells of a table's lines are separated.
#[derive(Clone, Copy, PartialEq)]
enum Separator {
    Comma,
    Bar,
}

/// The cells of `line` (starting at `at`) in a table with separator `sep`.
fn row_cells(line: &str, at: usize, sep: Separator) -> Vec<(usize, usize)> {
    match sep {
        Separator::Comma => cells(line, at),
        Separator::Bar => bar_cells(line, at),
    }
}

/// A header line: its separator and the class of each column, if it names at least one
/// identifier column.
fn header_of(line: &str) -> Option<(Separator, Vec<Column>)> {
    // One pass over the bytes turns prose away before anything is allocated.
    let commas = line.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b' ' || b == b',');
    // A line without `|` has one cell at most: one search over its bytes turns it away
    // before the test byte by byte. That test is a `match`, not `b" _|/#.()-\t".contains(&b)`:
    // a slice's `contains` is a call to a byte search per byte.
    let bars = !commas
        && line.as_bytes().contains(&b'|')
        && line.bytes().all(|b| {
            b.is_ascii_alphabetic() || matches!(b, b' ' | b'_' | b'|' | b'/' | b'#' | b'.' | b'(' | b')' | b'-' | b'\t')
        })
        && line.bytes().any(|b| b.is_ascii_alphabetic());
    let (sep, names): (Separator, Vec<&str>) = if commas && line.bytes().filter(|&b| b == b',').count() >= 2 {
        (Separator::Comma, line.split(',').collect())
    } else if bars {
        let names: Vec<&str> = bar_cells(line, 0).into_iter().map(|(s, e)| line.get(s..e).unwrap_or("")).collect();
        (Separator::Bar, names)
    } else {
        return None;
    };
    if names.len() < 3 || names.iter().any(|n| n.trim().is_empty()) {
        return None;
    }
    // `mrn,last,first,dob`, `SEQ|STUDENT ID|LAST|FIRST|DOB`: in an export's header `last`,
    // `first` and `middle` alone are a name's parts (only here: a form lined up with spaces
    // writes `Last Nwachukwu   First Dmitri`, whose labels [`super::aligned`] must not read as
    // a header).
    let part = |n: &str| {
        let name_part = ["last", "first", "middle"].iter().any(|w| n.trim().eq_ignore_ascii_case(w));
        name_part.then_some(Spec::single(PhiKind::Name))
    };
    let kinds: Vec<Column> = names.iter().map(|n| column_kinds(n).or_else(|| part(n))).collect();
    kinds.iter().any(Option::is_some).then_some((sep, kinds))
}

/// What a column holds ([`Spec`]); `None` for a column that is no identifier.
type Column = Option<Spec>;

/// Proposes the identifier cells of `row` (byte ranges of `text`) under columns `kinds`.
fn take_row(text: &str, row: &[(usize, usize)], kinds: &[Column], out: &mut Vec<Candidate>) {
    for (&(s, e), column) in row.iter().zip(kinds) {
        if let Some(spec) = *column {
            take_cell(spec, text.get(s..e).unwrap_or(""), s, out);
        }
    }
}

/// `| Member ID | WKP448120093 | OR7731264 |`: a row of a `|` table drawn with its outer bar,
/// whose first cell names an identifier as a column header would ([`column_kinds`]): its other
/// cells are of that class (a table of fields, one column per plan, visit or person). A line
/// with a header's shape is read as a header instead.
fn keyed_row(line: &str, at: usize, out: &mut Vec<Candidate>) {
    if !line.trim_start().starts_with('|') {
        return;
    }
    let row = bar_cells(line, at);
    let Some((&(s, e), values)) = row.split_first() else { return };
    let Some(spec) = line.get(s - at..e - at).and_then(column_kinds) else { return };
    for &(s, e) in values {
        take_cell(spec, line.get(s - at..e - at).unwrap_or(""), s, out);
    }
}

/// Proposes the identifier cells of every table in `text` that has a header.
///
/// Outside a table only a line with a `,` or a `|` can head one, so the walk goes from such a
/// line to the next with one search of the text ([`scan::find_either`]), rather than cutting
/// every line of prose out and searching it for `|`.
pub(crate) fn find_tables(text: &str, out: &mut Vec<Candidate>) {
    // The separator and column classes of the header above the current line.
    let mut header: Option<(Separator, Vec<Column>)> = None;
    // The start of the current line.
    let mut start = 0;
    while start <= text.len() {
        if header.is_none() {
            let Some(mark) = scan::find_either(text.as_bytes(), start, b',', b'|') else { return };
            // The line holding the mark (a `,` or `|` is one byte, never inside a character).
            start = text.get(start..mark).and_then(|before| before.rfind('\n')).map_or(start, |k| start + k + 1);
        }
        let (line, next) = line_at(text, start);
        if let Some((sep, kinds)) = &header {
            let row = row_cells(line, start, *sep);
            if row.len() == kinds.len() {
                take_row(text, &row, kinds, out);
                start = next;
                continue;
            }
        }
        // A line of another count ends the table, and may head the next.
        header = header_of(line);
        if header.is_none() {
            keyed_row(line, start, out);
        }
        start = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find_tables`] as first written: every line cut out and read in turn.
    fn reference(text: &str, out: &mut Vec<Candidate>) {
        let mut header: Option<(Separator, Vec<Column>)> = None;
        let mut at = 0;
        for line in text.split('\n') {
            let start = at;
            at += line.len() + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if let Some((sep, kinds)) = &header {
                let row = row_cells(line, start, *sep);
                if row.len() == kinds.len() {
                    take_row(text, &row, kinds, out);
                    continue;
                }
            }
            header = header_of(line);
            if header.is_none() {
                keyed_row(line, start, out);
            }
        }
    }

    /// Random lines of tables, prose with and without commas, empty lines and `\r\n`, with and
    /// without a last line break.
    #[test]
    fn skipping_to_marked_lines_finds_what_reading_every_line_finds() {
        let lines = [
            "patient_name,mrn,dob",
            "\"Lindgren, Astrid\",MR5501823,1962-03-08",
            "Doe,P123456,x",
            "| Scr ID | Init | Age |",
            "|---|---|---|",
            "| 114-0031 | R.T.B. | 91 |",
            "Seen today, stable.",
            "No marks here",
            "",
            "name,mrn,test\r",
            "Roe,P654321,CBC\r",
            "a|b",
        ];
        crate::deid::text::assert_walks_agree(&lines, 0x7a3d_11f0_5c2b_9e41, 3000, find_tables, reference);
    }

    fn found(text: &str) -> Vec<(PhiKind, &str)> {
        crate::deid::text::found_by(find_tables, text)
    }

    #[test]
    fn identifier_columns_under_a_header() {
        let text = "Export:\npatient_name,mrn,dob,collected,accession,test,loinc,result,units\n\
\"Lindgren, Astrid\",MR5501823,1962-03-08,2026-01-15 07:42,A26-015-00412,HGB A1C,4548-4,7.9,%\n\
\"Lindgren, Astrid\",MR5501823,1962-03-08,2026-01-15 07:42,A26-015-00413,CREATININE,2160-0,1.31,mg/dL\n\
Reviewed, 3 results, 2 flags\n";
        assert_eq!(
            found(text),
            [
                (PhiKind::Name, "Lindgren, Astrid"),
                (PhiKind::Mrn, "MR5501823"),
                (PhiKind::Date, "1962-03-08"),
                (PhiKind::Date, "2026-01-15"),
                (PhiKind::Id, "A26-015-00412"),
                (PhiKind::Name, "Lindgren, Astrid"),
                (PhiKind::Mrn, "MR5501823"),
                (PhiKind::Date, "1962-03-08"),
                (PhiKind::Date, "2026-01-15"),
                (PhiKind::Id, "A26-015-00413")
            ]
        );
    }

    /// Client numbers, visit and authorization references, a claim's control numbers and an
    /// ordering clinician's NPI, by their columns.
    #[test]
    fn reference_and_npi_columns() {
        let text = "Tracker:\nvisit_id,client_no,svc_dt,pa_ref,status,ord_npi,pcn\n\
V-7731904,SHC-004417,2025-11-10,PA25-1183047,APPROVED,1649372018,CLM88120447\n";
        let got = found(text);
        for want in [
            (PhiKind::Id, "V-7731904"),
            (PhiKind::Mrn, "SHC-004417"),
            (PhiKind::Id, "PA25-1183047"),
            (PhiKind::License, "1649372018"),
            (PhiKind::Id, "CLM88120447"),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }
        assert!(!got.iter().any(|(_, v)| *v == "APPROVED"), "{got:?}");
    }

    #[test]
    fn name_columns_named_last_first_and_by_what_a_person_did() {
        let text = "mrn,last,first,dob,kit_id\nRB3342716,Washington,Lorraine,1962-07-19,FIT4-008831\n";
        let got = found(text);
        assert!(got.contains(&(PhiKind::Name, "Washington")) && got.contains(&(PhiKind::Name, "Lorraine")), "{got:?}");
        let text = "Item | Released by | Received by | Date\nBlock A4 | T. Vill | Brandtner | 10/27/2025\n";
        assert!(found(text).contains(&(PhiKind::Name, "Brandtner")), "{:?}", found(text));
        let text = "SEQ|STUDENT ID|LAST|FIRST|DOB|CONSENT SIGNER|CVX\n02|S2290688|SAINT-FLEUR|WIDLINE|11/02/2011|THU NGUYEN (MO)|165\n";
        let got = found(text);
        for want in ["SAINT-FLEUR", "WIDLINE", "THU NGUYEN"] {
            assert!(got.contains(&(PhiKind::Name, want)), "{want} not in {got:?}");
        }
        assert!(!got.iter().any(|(_, v)| *v == "165"), "{got:?}");
    }

    #[test]
    fn address_columns_with_directions_and_rides() {
        let text = "SEQ|CLIENT NAME|ADDRESS / DIRECTIONS|DIET\n05|SCHMITZ, AUGUST|HCR 61 BOX 9, OSTERDOCK|REG\n";
        let got = found(text);
        assert!(got.contains(&(PhiKind::Address, "HCR 61 BOX 9, OSTERDOCK")), "{got:?}");
        let text = "TIME|RIDER|PICKUP|DROP|PURPOSE\n07:15|RASMUSSEN, THORA|2209 PRAIRIE DU CHIEN RD, MONONA|DIALYSIS CTR DECORAH|HD\n";
        let got = found(text);
        for want in ["2209 PRAIRIE DU CHIEN RD, MONONA", "DIALYSIS CTR DECORAH"] {
            assert!(got.contains(&(PhiKind::Address, want)), "{want} not in {got:?}");
        }
        assert!(!got.iter().any(|(_, v)| *v == "HD"), "{got:?}");
    }

    #[test]
    fn columns_of_a_table_drawn_with_bars() {
        let text = "Screening log\n\
| Scr ID    | Init   | Age | Sex | Date screened | Result |\n\
|-----------|--------|-----|-----|---------------|--------|\n\
| 114-0031  | R.T.B. | 67  | M   | 02/02/2026    | SF     |\n\
| 114-0033  | J.M.T. | 90  | F   | 02/03/2026    | declined (2/3) |\n\
Notes: 2 screened\n";
        assert_eq!(
            found(text),
            [
                (PhiKind::Id, "114-0031"),
                (PhiKind::Name, "R.T.B."),
                (PhiKind::Id, "114-0033"),
                (PhiKind::Name, "J.M.T."),
                (PhiKind::Age, "90")
            ]
        );
        let log = "time | student | gr | complaint | action\n0840 | mateo r. (rm 14) | k | nosebleed | class\n";
        assert_eq!(found(log), [(PhiKind::Name, "mateo r.")]);
        // No identifier column, an HL7 segment, a row of another count.
        assert!(found("| Item | Result | Note |\n| BP | 142/88 | ok |\n").is_empty());
        assert!(found("OBX|1|NM|8302-2^Height^LN||165|cm\n").is_empty());
        assert!(found("| Name | Age | Sex |\nfree text after the table | 95 |\n").is_empty());
    }

    #[test]
    fn compound_columns_split_at_their_slash() {
        let text = "Time | Accession | Patient / MRN | Loc | Test | Tech
0222 | C26-306-0134 | Vang, Pa Nhia / M5530217 | ICU-08 | Lactate | JK
0305 | H26-306-0017 | Price, Walter | L&D 3 | Plt | TM
";
        assert_eq!(
            found(text),
            [
                (PhiKind::Id, "C26-306-0134"),
                (PhiKind::Name, "Vang, Pa Nhia"),
                (PhiKind::Mrn, "M5530217"),
                (PhiKind::Name, "JK"),
                (PhiKind::Id, "H26-306-0017"),
                (PhiKind::Name, "Price, Walter"),
                (PhiKind::Name, "TM")
            ]
        );
        // A slash in a column name that names no identifier on one side is one column.
        assert_eq!(found("Time | Patient | Read-back / comment\n0147 | Phan | Y / ok\n"), [(PhiKind::Name, "Phan")]);
    }

    #[test]
    fn no_header_no_identifier_column_or_another_cell_count() {
        // LOINC codes, results and units are no identifiers; prose with commas is no header.
        assert!(found("test,loinc,result,units\nHGB A1C,4548-4,7.9,%\n").is_empty());
        assert!(found("Plan: labs, mrn, follow up\nCBC, 12345, BMP\n").is_empty());
        assert!(found("mrn,dob,test\n12345,2020-01-01\n").is_empty());
        assert_eq!(found("name,mrn,test\nDoe,pending,CBC\n"), [(PhiKind::Name, "Doe")]);
        assert_eq!(found("name,mrn,test\r\nDoe,P123456,CBC\r\n"), [(PhiKind::Name, "Doe"), (PhiKind::Mrn, "P123456")]);
    }
}
