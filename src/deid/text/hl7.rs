//! HL7 v2 messages pasted into a note: identifiers found by segment and field position
//! (HL7 v2.5 chapters 2, 3, 6 and 7), not by their look.
//!
//! Only lines that really are segments are read: the text must hold an `MSH` segment with its
//! four encoding characters (`MSH|^~\&|`), and a segment line starts with one of the segment
//! ids below followed by the same field separator. Fields are split on the field, repetition
//! and component separators that `MSH` declares. Each rule names a field (`PID-7`) and, for
//! composite types, the components that carry an identifier; a value must look like its class
//! (a digit in an identifier, a date, a phone number; a letter in a name or place), so empty,
//! coded or already replaced fields (`[MRN]`, `****`) give nothing.

use super::{scan, Candidate, PhiKind};

/// Score of a field found by position: above every pattern and context rule, since the
/// position says what the value is (a name field is a name even when it is also a word).
const SCORE: u8 = 97;

/// What a field (or one of its components) holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A date or date/time (`DTM`, `TS`): a run of at least 8 digits.
    Date,
    /// A birth date.
    Birth,
    /// An identifier of the given class, with a digit.
    Id(PhiKind),
    /// A field where the standard has an amount, a count or a code: only a code with letters
    /// and at least 6 digits, which there is an identifier written one field off (a
    /// hand-edited message), is taken, as the given class.
    Coded(PhiKind),
    /// A list of `CX` identifiers: component 1 classed by the type code in component 5.
    Cx,
    /// A person name (`XPN`): family, given and middle names.
    Name,
    /// A clinician (`XCN`): the id (component 1, a licence-like number) and the family, given
    /// and middle names (components 2-4; not the suffix, prefix or degree).
    Clinician,
    /// An address (`XAD`): street, other designation, city, county and ZIP.
    Address,
    /// A phone number (`XTN`): component 1, the email (component 4) or area code and number.
    Phone,
}

/// (segment id, field number, what it holds), field numbers as in the standard (`MSH-7`).
const FIELDS: &[(&[u8; 3], usize, Field)] = &[
    (b"MSH", 7, Field::Date),
    (b"MSH", 10, Field::Id(PhiKind::Id)),
    (b"EVN", 2, Field::Date),
    (b"EVN", 6, Field::Date),
    (b"PID", 2, Field::Id(PhiKind::Mrn)),
    (b"PID", 3, Field::Cx),
    (b"PID", 4, Field::Id(PhiKind::Mrn)),
    (b"PID", 5, Field::Name),
    (b"PID", 6, Field::Name),
    (b"PID", 7, Field::Birth),
    (b"PID", 9, Field::Name),
    (b"PID", 11, Field::Address),
    (b"PID", 13, Field::Phone),
    (b"PID", 14, Field::Phone),
    (b"PID", 18, Field::Id(PhiKind::Account)),
    (b"PID", 19, Field::Id(PhiKind::Ssn)),
    (b"PID", 20, Field::Id(PhiKind::License)),
    (b"PID", 21, Field::Cx),
    (b"PID", 29, Field::Date),
    (b"PD1", 4, Field::Clinician),
    (b"NK1", 2, Field::Name),
    (b"NK1", 4, Field::Address),
    (b"NK1", 5, Field::Phone),
    (b"NK1", 6, Field::Phone),
    (b"NK1", 16, Field::Birth),
    (b"NK1", 30, Field::Name),
    (b"NK1", 31, Field::Phone),
    (b"NK1", 32, Field::Address),
    (b"NK1", 37, Field::Id(PhiKind::Ssn)),
    (b"PV1", 7, Field::Clinician),
    (b"PV1", 8, Field::Clinician),
    (b"PV1", 9, Field::Clinician),
    (b"PV1", 17, Field::Clinician),
    (b"PV1", 19, Field::Id(PhiKind::Account)),
    (b"PV1", 44, Field::Date),
    (b"PV1", 45, Field::Date),
    (b"MRG", 1, Field::Cx),
    (b"MRG", 3, Field::Id(PhiKind::Account)),
    (b"MRG", 5, Field::Id(PhiKind::Account)),
    (b"IN1", 8, Field::Id(PhiKind::HealthPlan)),
    (b"IN1", 12, Field::Date),
    (b"IN1", 13, Field::Date),
    (b"IN1", 16, Field::Name),
    (b"IN1", 18, Field::Birth),
    (b"IN1", 19, Field::Address),
    (b"IN1", 36, Field::Id(PhiKind::HealthPlan)),
    (b"IN1", 37, Field::Coded(PhiKind::HealthPlan)),
    (b"IN1", 38, Field::Coded(PhiKind::HealthPlan)),
    (b"IN1", 39, Field::Coded(PhiKind::HealthPlan)),
    (b"IN1", 40, Field::Coded(PhiKind::HealthPlan)),
    (b"IN1", 41, Field::Coded(PhiKind::HealthPlan)),
    (b"IN1", 46, Field::Coded(PhiKind::HealthPlan)),
    (b"IN1", 49, Field::Cx),
    (b"GT1", 2, Field::Id(PhiKind::Account)),
    (b"GT1", 3, Field::Name),
    (b"GT1", 5, Field::Address),
    (b"GT1", 6, Field::Phone),
    (b"GT1", 7, Field::Phone),
    (b"GT1", 8, Field::Birth),
    (b"GT1", 12, Field::Id(PhiKind::Ssn)),
    // Placer and filler order numbers (dev19 rules).
    (b"OBR", 2, Field::Id(PhiKind::Id)),
    (b"OBR", 3, Field::Id(PhiKind::Id)),
    (b"OBR", 7, Field::Date),
    (b"OBR", 16, Field::Clinician),
    (b"OBX", 14, Field::Date),
    (b"OBX", 16, Field::Clinician),
    (b"ORC", 2, Field::Id(PhiKind::Id)),
    (b"ORC", 3, Field::Id(PhiKind::Id)),
    (b"ORC", 9, Field::Date),
    (b"ORC", 12, Field::Clinician),
];

/// Segment ids read after an `MSH` (those of [`FIELDS`] and common ones without a rule).
fn is_segment_id(id: &[u8]) -> bool {
    FIELDS.iter().any(|(s, _, _)| s.as_slice() == id)
        || matches!(id, b"PV2" | b"IN2" | b"AL1" | b"DG1" | b"NTE" | b"SPM" | b"TXA" | b"ROL" | b"PR1")
}

/// The separators an `MSH` line declares: field, component, repetition.
#[derive(Clone, Copy)]
struct Seps {
    field: u8,
    component: u8,
    repetition: u8,
}

/// The separators of the first real `MSH` segment in `text`, if any: `MSH` at a line start,
/// then a field separator and four distinct encoding characters, none a letter, digit or space.
fn header(text: &str) -> Option<Seps> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Each `M`, eight bytes at a time, then its `SH`: a substring search set itself up anew for
    // every pass over every note, most of which hold no `MSH` (no two can overlap).
    while let Some(at) = scan::find_either(bytes, from, b'M', b'M') {
        from = at + 1;
        if bytes.get(at + 1..at + 3) != Some(b"SH") {
            continue;
        }
        let line_start = at == 0 || matches!(bytes.get(at - 1), Some(b'\n' | b'\r'));
        let Some(enc) = bytes.get(at + 3..at + 8) else { continue };
        let punct = |b: &u8| b.is_ascii_punctuation();
        if line_start && enc.iter().all(punct) {
            let (field, component, repetition) = (enc.first()?, enc.get(1)?, enc.get(2)?);
            let distinct = field != component && field != repetition && component != repetition;
            if distinct && bytes.get(at + 8) == Some(field) {
                return Some(Seps { field: *field, component: *component, repetition: *repetition });
            }
        }
    }
    None
}

/// Proposes the identifiers of every HL7 v2 segment line in `text`.
pub(crate) fn find_hl7(text: &str, out: &mut Vec<Candidate>) {
    let Some(seps) = header(text) else { return };
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for line in text.split(['\n', '\r']) {
        let start = line_start;
        line_start += line.len() + 1;
        let lb = line.as_bytes();
        let (Some(id), Some(&sep)) = (lb.get(..3), lb.get(3)) else { continue };
        if sep != seps.field || !is_segment_id(id) {
            continue;
        }
        // `MSH-1` is the separator itself: the first field after it is `MSH-2`.
        let first = if id == b"MSH" { 2 } else { 1 };
        let mut pos = start + 4;
        for (n, value) in line.get(4..).unwrap_or("").split(char::from(seps.field)).enumerate() {
            let number = n + first;
            let field_start = pos;
            pos += value.len() + 1;
            let Some(&(_, _, what)) = FIELDS.iter().find(|(s, f, _)| s.as_slice() == id && *f == number) else {
                continue;
            };
            field(bytes, field_start, field_start + value.len(), what, seps, out);
        }
    }
}

/// The byte ranges of the components of `s..e` split on `sep`.
fn split(bytes: &[u8], s: usize, e: usize, sep: u8) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut from = s;
    for k in s..e {
        if bytes.get(k) == Some(&sep) {
            parts.push((from, k));
            from = k + 1;
        }
    }
    parts.push((from, e));
    parts
}

fn field(bytes: &[u8], s: usize, e: usize, what: Field, seps: Seps, out: &mut Vec<Candidate>) {
    for (rs, re) in split(bytes, s, e, seps.repetition) {
        let comps = split(bytes, rs, re, seps.component);
        let comp = |k: usize| comps.get(k).copied();
        match what {
            Field::Date | Field::Birth => {
                if let Some((cs, ce)) = comp(0) {
                    date(bytes, cs, ce, what == Field::Birth, out);
                }
            }
            Field::Id(kind) => push_id(bytes, comp(0), kind, out),
            Field::Coded(kind) => {
                let v = comp(0).and_then(|(cs, ce)| bytes.get(cs..ce)).unwrap_or(&[]);
                let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
                if digits >= 6 && v.iter().any(u8::is_ascii_alphabetic) {
                    push_id(bytes, comp(0), kind, out);
                }
            }
            Field::Cx => {
                let code = comp(4).and_then(|(cs, ce)| bytes.get(cs..ce)).unwrap_or(&[]);
                let kind = match code {
                    b"SS" | b"SSN" => PhiKind::Ssn,
                    b"AN" | b"AI" | b"VN" => PhiKind::Account,
                    b"DL" | b"NPI" | b"LN" => PhiKind::License,
                    b"MA" | b"MC" | b"MB" | b"SN" | b"NH" | b"NIIP" => PhiKind::HealthPlan,
                    _ => PhiKind::Mrn,
                };
                push_id(bytes, comp(0), kind, out);
            }
            // A middle initial goes with the family or given name beside it (`XIONG^MAI KA^L`).
            Field::Name => {
                let found = out.len();
                (0..2).for_each(|k| push_word(bytes, comp(k), PhiKind::Name, out));
                push_middle(bytes, comp(2), out.len() > found, out);
            }
            Field::Clinician => {
                push_id(bytes, comp(0), PhiKind::License, out);
                let found = out.len();
                (1..3).for_each(|k| push_word(bytes, comp(k), PhiKind::Name, out));
                push_middle(bytes, comp(3), out.len() > found, out);
            }
            Field::Address => {
                for k in [0, 1, 2, 8] {
                    push_word(bytes, comp(k), PhiKind::Address, out);
                }
                push_id(bytes, comp(4), PhiKind::Zip, out);
            }
            Field::Phone => {
                push_id(bytes, comp(0), PhiKind::Phone, out);
                if let Some((cs, ce)) = comp(3).filter(|&(cs, ce)| bytes.get(cs..ce).is_some_and(|v| v.contains(&b'@')))
                {
                    out.push(Candidate::new(PhiKind::Email, cs, ce, SCORE));
                }
                // Area code (6) and local number (7).
                if let (Some((cs, _)), Some((_, ce))) = (comp(5), comp(6)) {
                    let v = bytes.get(cs..ce).unwrap_or(&[]);
                    if v.iter().filter(|b| b.is_ascii_digit()).count() >= 7 {
                        out.push(Candidate::new(PhiKind::Phone, cs, ce, SCORE));
                    } else {
                        push_id(bytes, comp(6), PhiKind::Phone, out);
                    }
                }
            }
        }
    }
}

/// `s..e` without surrounding spaces.
fn trim(bytes: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && bytes.get(s) == Some(&b' ') {
        s += 1;
    }
    while e > s && bytes.get(e - 1) == Some(&b' ') {
        e -= 1;
    }
    (s, e)
}

/// An identifier component: kept when it holds a digit (and, for a phone, at least 7).
fn push_id(bytes: &[u8], part: Option<(usize, usize)>, kind: PhiKind, out: &mut Vec<Candidate>) {
    let Some((s, e)) = part.map(|(s, e)| trim(bytes, s, e)) else { return };
    let v = bytes.get(s..e).unwrap_or(&[]);
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let need = match kind {
        PhiKind::Phone => 7,
        PhiKind::Zip => 5,
        _ => 1,
    };
    if digits >= need && !v.contains(&b'[') && !v.contains(&b'*') {
        out.push(Candidate::new(kind, s, e, SCORE));
    }
}

/// A name or place component: kept when it holds a letter and no digit-only or placeholder text.
fn push_word(bytes: &[u8], part: Option<(usize, usize)>, kind: PhiKind, out: &mut Vec<Candidate>) {
    let Some((s, e)) = part.map(|(s, e)| trim(bytes, s, e)) else { return };
    let v = bytes.get(s..e).unwrap_or(&[]);
    let letters = v.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let plain = v.iter().all(|&b| b.is_ascii_alphanumeric() || b" .'-,#".contains(&b) || b >= 0x80);
    // A name needs 2 letters: a middle initial alone (`R`) says little and `^^^MD` none.
    if letters >= 2 && plain {
        out.push(Candidate::new(kind, s, e, SCORE));
    }
}

/// A middle name, or its initial when a family or given name was found beside it (`named`).
fn push_middle(bytes: &[u8], part: Option<(usize, usize)>, named: bool, out: &mut Vec<Candidate>) {
    let initial = part.map(|(s, e)| trim(bytes, s, e)).filter(|&(s, e)| {
        let v = bytes.get(s..e).unwrap_or(&[]);
        named && matches!(v, [b] | [b, b'.'] if b.is_ascii_alphabetic())
    });
    match initial {
        Some((s, e)) => out.push(Candidate::new(PhiKind::Name, s, e, SCORE)),
        None => push_word(bytes, part, PhiKind::Name, out),
    }
}

/// A `DTM` value: at least 8 digits (`YYYYMMDD`, with a time after it). The span is the digits.
fn date(bytes: &[u8], s: usize, e: usize, birth: bool, out: &mut Vec<Candidate>) {
    let (s, e) = trim(bytes, s, e);
    let run = bytes.get(s..e).unwrap_or(&[]).iter().take_while(|b| b.is_ascii_digit()).count();
    if run >= 8 {
        let mut c = Candidate::new(PhiKind::Date, s, s + run, SCORE);
        c.birth = birth;
        c.year = Some((s, s + 4));
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(PhiKind, &str)> {
        let mut out = Vec::new();
        find_hl7(text, &mut out);
        out.iter().map(|c| (c.kind, text.get(c.start..c.end).unwrap_or("?"))).collect()
    }

    const MSG: &str = "Pasted feed:\nMSH|^~\\&|EPICADT|NWMC|HIMQ|NWMC|20260211||ADT^A08|MSG00417732|P|2.5.1\n\
PID|1||4471902^^^NWMC^MR~512-44-9087^^^SSA^SS||OKONKWO^CHIDINMA^R||19710304|F|||2219 W Larkspur Ln^^Coeur d'Alene^ID^83814||(208)555-0173|||M||900128834\n\
PV1|1|I|4W^412^B||||1487702231^HADDAD^SAMIR^^^MD|||MED\n\
OBX|1|NM|8302-2^Height^LN||165|cm\n";

    #[test]
    fn fields_by_position() {
        let f = found(MSG);
        for want in [
            (PhiKind::Date, "20260211"),
            (PhiKind::Id, "MSG00417732"),
            (PhiKind::Mrn, "4471902"),
            (PhiKind::Ssn, "512-44-9087"),
            (PhiKind::Name, "OKONKWO"),
            (PhiKind::Name, "CHIDINMA"),
            (PhiKind::Name, "R"),
            (PhiKind::Date, "19710304"),
            (PhiKind::Address, "2219 W Larkspur Ln"),
            (PhiKind::Address, "Coeur d'Alene"),
            (PhiKind::Zip, "83814"),
            (PhiKind::Phone, "(208)555-0173"),
            (PhiKind::Account, "900128834"),
            (PhiKind::License, "1487702231"),
            (PhiKind::Name, "HADDAD"),
            (PhiKind::Name, "SAMIR"),
        ] {
            assert!(f.contains(&want), "{want:?} not in {f:?}");
        }
        // Not identifiers: sending application, facility, event type, version, sex, state,
        // location, the degree, LOINC codes and results.
        for not in ["EPICADT", "NWMC", "ADT", "2.5.1", "F", "ID", "4W", "412", "MD", "8302-2", "165", "cm", "MED"] {
            assert!(f.iter().all(|(_, v)| *v != not), "{not} in {f:?}");
        }
    }

    #[test]
    fn only_real_segments() {
        // No MSH header: pipes in a table are not HL7.
        assert!(found("PID|1||4471902^^^NWMC^MR||DOE^JANE||19710304\n").is_empty());
        // An MSH without encoding characters.
        assert!(found("MSH|x|y|z\nPID|1||4471902^^^NWMC^MR||DOE^JANE\n").is_empty());
        // MSH not at a line start.
        assert!(found("see MSH|^~\\&|A|B\nPID|1||4471902||DOE^JANE\n").is_empty());
        // A line that is not a known segment, or uses another separator.
        let f = found("MSH|^~\\&|A|B|C|D|20260211\nXYZ|1||4471902\nPID:1::4471902\nPain|7/10|19710304\n");
        assert_eq!(f, vec![(PhiKind::Date, "20260211")]);
    }

    #[test]
    fn replaced_values_are_not_found_again() {
        let f = found("MSH|^~\\&|A|B|C|D|[DATE]||ADT^A08|[ID]\nPID|1||[MRN]^^^N^MR||[NAME]^****||****\n");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn cr_separated_segments_and_insurance() {
        let text = "MSH|^~\\&|A|B|C|D|202602111047||ADT^A04|X1|P|2.5\rIN1|1|P01|00710|BLUE CROSS||||||||||||||||||||||||||||||||XWB884102277|||250000|||||||||||X99\r\
IN1|2|P02|00711|AETNA|||||||||||||||||||||||||||||||||||||AET55120093\r\
NK1|1|OKONKWO^EMEKA|SPO|12 Elm St^^Boise^ID^83702|^PRN^PH^^1^208^5550199\r";
        let f = found(text);
        for want in [
            (PhiKind::Date, "202602111047"),
            (PhiKind::HealthPlan, "XWB884102277"),
            (PhiKind::HealthPlan, "AET55120093"),
            (PhiKind::Name, "EMEKA"),
            (PhiKind::Address, "Boise"),
            (PhiKind::Zip, "83702"),
            (PhiKind::Phone, "208^5550199"),
        ] {
            assert!(f.contains(&want), "{want:?} not in {f:?}");
        }
        assert!(f.iter().all(|(_, v)| !["BLUE CROSS", "00710", "P01", "SPO", "250000", "X99"].contains(v)), "{f:?}");
    }
}
