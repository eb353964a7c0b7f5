//! ASC X12 EDI segments pasted into a note (an eligibility response, 271; a claim, 837; a
//! remittance, 835): identifiers found by segment and element position, as in an HL7 message
//! ([`super::hl7`]), not by their look.
//!
//! A segment starts the text, a line or follows a `~` (the usual segment terminator), opens
//! with its id and a `*` (the usual element separator), and ends at the next `~` or line end.
//! Element positions (X12 005010 implementation guides): `NM1` a person (`NM102` = `1`) has its
//! last, first and middle names in `NM103`-`NM105`, and an identifier in `NM109` classed by
//! its qualifier `NM108` (`MI` member, `XX` NPI, `34` SSN, `II` health identifier; a payer's
//! own id, `NM101` = `PR`, is kept); `N3` the street lines; `N4` the city and ZIP (`N401`,
//! `N403`); `DMG` the birth date (`DMG02` after `D8`); `DTP` a date (`DTP03` after `D8` or
//! `RD8`); `REF` a reference (`REF02`, classed by `REF01`: `SY` SSN, `0F`/`1L`/`6P`/`IG`/`18`/`1W`
//! plan numbers, `EJ` a patient account, others an identifier); `TRN` a trace number
//! (`TRN02`); `BHT` the transaction's reference and date (`BHT03`, `BHT04`); `PER` a contact's
//! name (`PER02`) and numbers (`TE`, `FX` phone numbers; `EM` email addresses are found as
//! emails). A value must look like its class (a letter in a name or place, a digit in a
//! number), so an empty or replaced element gives nothing.

use super::{scan, Candidate, PhiKind};

/// Score of an element found by position, as an HL7 field's.
const SCORE: u8 = 97;

/// Most elements read in one segment.
const MAX_ELEMENTS: usize = 16;

/// The elements of the segment whose id ends just before the `*` at `star` (byte ranges, the
/// id first), and its id, if a segment starts there.
fn segment_at(text: &str, star: usize) -> Option<(&str, Vec<(usize, usize)>)> {
    let bytes = text.as_bytes();
    // The id: 2 or 3 capitals or digits, starting the text, a line or after `~`.
    let mut s = star;
    while s > 0 && star - s < 3 && bytes.get(s - 1).is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        s -= 1;
    }
    let opens = s == 0 || bytes.get(s - 1).is_some_and(|&b| matches!(b, b'~' | b'\n' | b'\r'));
    if star - s < 2 || !opens {
        return None;
    }
    let id = text.get(s..star)?;
    let end =
        bytes.get(star..)?.iter().position(|&b| matches!(b, b'~' | b'\n' | b'\r')).map_or(bytes.len(), |k| star + k);
    let mut elements = vec![(s, star)];
    let mut at = star + 1;
    while at <= end && elements.len() <= MAX_ELEMENTS {
        let e = bytes.get(at..end)?.iter().position(|&b| b == b'*').map_or(end, |k| at + k);
        elements.push((at, e));
        at = e + 1;
    }
    Some((id, elements))
}

/// Proposes element `n` of a segment (`elements`, the id at 0) as `kind`, if it looks like one.
fn take(text: &str, elements: &[(usize, usize)], n: usize, kind: PhiKind, out: &mut Vec<Candidate>) {
    let Some(&(s, e)) = elements.get(n) else { return };
    let Some(value) = text.get(s..e) else { return };
    let shaped = match kind {
        PhiKind::Name | PhiKind::Address => value.bytes().any(|b| b.is_ascii_alphabetic()),
        PhiKind::Date => value.len() >= 8 && value.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
        PhiKind::Zip => matches!(value.len(), 5 | 9) && value.bytes().all(|b| b.is_ascii_digit()),
        _ => value.bytes().any(|b| b.is_ascii_digit()),
    };
    // A placeholder this scrubber wrote is no value.
    if shaped && !value.contains('[') {
        out.push(Candidate::new(kind, s, e, SCORE));
    }
}

/// The class of a `REF` reference by its qualifier.
fn reference_kind(qualifier: &str) -> PhiKind {
    match qualifier {
        "SY" => PhiKind::Ssn,
        "0F" | "1L" | "6P" | "IG" | "18" | "1W" => PhiKind::HealthPlan,
        "EJ" => PhiKind::Account,
        _ => PhiKind::Id,
    }
}

/// The class of an `NM1` identifier by its qualifier.
fn name_id_kind(qualifier: &str) -> PhiKind {
    match qualifier {
        "MI" | "II" => PhiKind::HealthPlan,
        "XX" => PhiKind::License,
        "34" => PhiKind::Ssn,
        _ => PhiKind::Id,
    }
}

/// Proposes the identifiers of the X12 segments in `text`. The walk goes from `*` to `*` with
/// one search of the text ([`scan::find_either`]); the caller runs it only when the text holds
/// a `*` and a `~`.
pub(crate) fn find_x12(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(star) = scan::find_either(bytes, from, b'*', b'*') {
        from = star + 1;
        let Some((id, el)) = segment_at(text, star) else { continue };
        let value = |n: usize| el.get(n).and_then(|&(s, e)| text.get(s..e)).unwrap_or("");
        match id {
            "NM1" => {
                if value(2) == "1" {
                    for n in 3..=5 {
                        take(text, &el, n, PhiKind::Name, out);
                    }
                }
                if value(1) != "PR" && !value(8).is_empty() {
                    take(text, &el, 9, name_id_kind(value(8)), out);
                }
            }
            "N3" => {
                take(text, &el, 1, PhiKind::Address, out);
                take(text, &el, 2, PhiKind::Address, out);
            }
            "N4" => {
                take(text, &el, 1, PhiKind::Address, out);
                take(text, &el, 3, PhiKind::Zip, out);
            }
            "DMG" if value(1) == "D8" => take(text, &el, 2, PhiKind::Date, out),
            "DTP" if matches!(value(2), "D8" | "RD8") => take(text, &el, 3, PhiKind::Date, out),
            "REF" => take(text, &el, 2, reference_kind(value(1)), out),
            "TRN" => take(text, &el, 2, PhiKind::Id, out),
            "BHT" => {
                take(text, &el, 3, PhiKind::Id, out);
                take(text, &el, 4, PhiKind::Date, out);
            }
            "PER" => {
                take(text, &el, 2, PhiKind::Name, out);
                for n in [3, 5, 7] {
                    if matches!(value(n), "TE" | "FX") {
                        take(text, &el, n + 1, PhiKind::Phone, out);
                    }
                }
            }
            _ => {}
        }
        // The rest of the segment holds no segment start.
        from = el.last().map_or(from, |&(_, e)| e.max(from));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deid::text::found_by;

    #[test]
    fn identifiers_by_segment_and_element() {
        let text = "ST*271*0001~\nBHT*0022*11*T004417A*20250311*0852~\n\
NM1*PR*2*STATE MEDICAID*****PI*SKCO0~\nNM1*1P*1*DESROSIERS*JEAN****XX*1588700326~\n\
TRN*2*93175-012~\nNM1*IL*1*PIERRE-LOUIS*MARIE*C***MI*KY44019827~\nREF*SY*400558812~\n\
N3*1402 PRESTON HWY APT 6~\nN4*LOUISVILLE*KY*402174410~\nDMG*D8*19320817*F~\nEB*1**30*MC~";
        assert_eq!(
            found_by(find_x12, text),
            [
                (PhiKind::Id, "T004417A"),
                (PhiKind::Date, "20250311"),
                (PhiKind::Name, "DESROSIERS"),
                (PhiKind::Name, "JEAN"),
                (PhiKind::License, "1588700326"),
                (PhiKind::Id, "93175-012"),
                (PhiKind::Name, "PIERRE-LOUIS"),
                (PhiKind::Name, "MARIE"),
                (PhiKind::Name, "C"),
                (PhiKind::HealthPlan, "KY44019827"),
                (PhiKind::Ssn, "400558812"),
                (PhiKind::Address, "1402 PRESTON HWY APT 6"),
                (PhiKind::Address, "LOUISVILLE"),
                (PhiKind::Zip, "402174410"),
                (PhiKind::Date, "19320817"),
            ]
        );
    }

    #[test]
    fn only_segments_at_a_segment_start() {
        for text in [
            "pain ~5/10 *worse* at night; NM1 listed",
            "note: xNM1*IL*1*SMITH*JOHN~",
            "NM1*IL*2*ACME CLINIC~",
            "NM1*PR*2*AETNA*****PI*60054~",
            "N4*[ADDRESS]*KY*[ZIP]~",
        ] {
            assert!(found_by(find_x12, text).is_empty(), "{text}: {:?}", found_by(find_x12, text));
        }
    }
}
