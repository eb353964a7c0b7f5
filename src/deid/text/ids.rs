//! Identifier numbers found by a context word (45 CFR 164.514(b)(2)(i)(H)-(M), (R)): medical
//! record, account, member/policy/beneficiary, license and certificate, plate and VIN, serial
//! and device numbers. The value is the alphanumeric code after the word, which must contain a
//! digit.

use super::lexicon::bit;
use super::scan::marked;
use super::token::{shape, TokKind, Tokens};
use super::{Candidate, PhiKind};

/// Context word → class. Multi-word contexts are matched on their last word plus a check.
pub(crate) const CONTEXT: &[(&str, PhiKind)] = &[
    ("mrn", PhiKind::Mrn),
    ("mr", PhiKind::Mrn),
    ("chart", PhiKind::Mrn),
    ("record", PhiKind::Mrn),
    ("account", PhiKind::Account),
    ("acct", PhiKind::Account),
    ("member", PhiKind::HealthPlan),
    ("policy", PhiKind::HealthPlan),
    ("beneficiary", PhiKind::HealthPlan),
    ("subscriber", PhiKind::HealthPlan),
    ("medicare", PhiKind::HealthPlan),
    ("medicaid", PhiKind::HealthPlan),
    ("insurance", PhiKind::HealthPlan),
    ("group", PhiKind::HealthPlan),
    ("plan", PhiKind::HealthPlan),
    ("license", PhiKind::License),
    ("licence", PhiKind::License),
    ("dl", PhiKind::License),
    ("certificate", PhiKind::License),
    ("cert", PhiKind::License),
    ("npi", PhiKind::License),
    ("dea", PhiKind::License),
    ("passport", PhiKind::License),
    ("plate", PhiKind::Vehicle),
    ("plt", PhiKind::Vehicle),
    ("vin", PhiKind::Vehicle),
    ("vehicle", PhiKind::Vehicle),
    ("serial", PhiKind::Device),
    ("sn", PhiKind::Device),
    ("device", PhiKind::Device),
    ("udi", PhiKind::Device),
    ("pacemaker", PhiKind::Device),
    ("implant", PhiKind::Device),
    ("mbi", PhiKind::HealthPlan),
    // TRICARE's DoD benefits number.
    ("dbn", PhiKind::HealthPlan),
    ("mbr", PhiKind::HealthPlan),
    ("hicn", PhiKind::HealthPlan),
    ("id", PhiKind::Id),
    ("identifier", PhiKind::Id),
    ("claim", PhiKind::Id),
    ("case", PhiKind::Id),
    ("accession", PhiKind::Id),
    ("specimen", PhiKind::Id),
    ("badge", PhiKind::Id),
    ("employee", PhiKind::Id),
    ("lot", PhiKind::Id),
    ("batch", PhiKind::Id),
    ("rx", PhiKind::Id),
    ("prescription", PhiKind::Id),
    ("order", PhiKind::Id),
    ("ref", PhiKind::Id),
    ("reference", PhiKind::Id),
    ("sample", PhiKind::Id),
    ("msg", PhiKind::Id),
    ("message", PhiKind::Id),
    ("referral", PhiKind::Id),
    ("report", PhiKind::Id),
    ("confirmation", PhiKind::Id),
    // A study protocol's number (`IRB Protocol 2024-0817-NR`), taken only in a code's shape.
    ("protocol", PhiKind::Id),
    // (dev19 rules) An encounter's contact serial number, a message's control id, a receipt,
    // a visa foil, a state hearing screening number, a Polish national id, an interpreter's id.
    ("csn", PhiKind::Id),
    ("ctrl", PhiKind::Id),
    ("receipt", PhiKind::Id),
    ("foil", PhiKind::Id),
    ("ehdi", PhiKind::Id),
    ("pesel", PhiKind::Id),
    ("interp", PhiKind::Id),
    ("interpreter", PhiKind::Id),
    ("ticket", PhiKind::Id),
    ("transaction", PhiKind::Id),
    ("trans", PhiKind::Id),
    ("txn", PhiKind::Id),
    ("tracking", PhiKind::Id),
    ("fedex", PhiKind::Id),
    ("usps", PhiKind::Id),
    ("authorization", PhiKind::Id),
    ("auth", PhiKind::Id),
    ("encounter", PhiKind::Id),
    ("requisition", PhiKind::Id),
    ("invoice", PhiKind::Id),
    ("har", PhiKind::Account),
    ("acc", PhiKind::Id),
    ("req", PhiKind::Id),
    ("study", PhiKind::Id),
    ("cdl", PhiKind::License),
    ("cin", PhiKind::HealthPlan),
    ("aircraft", PhiKind::Vehicle),
    ("tail", PhiKind::Vehicle),
    ("n", PhiKind::Device),
    ("mrns", PhiKind::Mrn),
    ("expediente", PhiKind::Mrn),
    ("lic", PhiKind::License),
    ("nrcme", PhiKind::License),
    ("bar", PhiKind::License),
    ("incident", PhiKind::Id),
    ("booking", PhiKind::Id),
    ("doc", PhiKind::Id),
    ("kit", PhiKind::Id),
    ("ups", PhiKind::Id),
    ("pcr", PhiKind::Id),
    ("pump", PhiKind::Device),
    ("waiver", PhiKind::HealthPlan),
    ("cad", PhiKind::Id),
    ("icn", PhiKind::Id),
    ("tkt", PhiKind::Id),
    ("seal", PhiKind::Id),
    ("warrant", PhiKind::Id),
    ("ccf", PhiKind::Id),
    ("interpreter", PhiKind::Id),
    ("registry", PhiKind::License),
    ("reg", PhiKind::Id),
    ("barcode", PhiKind::Id),
    ("tag", PhiKind::Device),
    ("run", PhiKind::Id),
    ("rpt", PhiKind::Id),
    ("file", PhiKind::Id),
    ("icr", PhiKind::Id),
    ("event", PhiKind::Id),
    ("armband", PhiKind::Id),
    ("wristband", PhiKind::Id),
    ("rec", PhiKind::Mrn),
    ("student", PhiKind::Id),
    ("grp", PhiKind::HealthPlan),
    // A pharmacy card's group (`RxGrp RX8803`) and an Illinois Medicaid recipient's number
    // (`Medicaid RIN 418093276`).
    ("rxgrp", PhiKind::HealthPlan),
    ("rin", PhiKind::HealthPlan),
    // A certified letter's tracking number (`article no. 9589 0710 5270 0418 3362 57`).
    ("article", PhiKind::Id),
    ("card", PhiKind::HealthPlan),
    ("job", PhiKind::Id),
    ("patient", PhiKind::Mrn),
    ("docket", PhiKind::Id),
    ("randomization", PhiKind::Id),
    ("request", PhiKind::Id),
    ("session", PhiKind::Id),
    ("application", PhiKind::Id),
    ("app", PhiKind::Id),
    ("inc", PhiKind::Id),
    ("emp", PhiKind::Id),
    ("alien", PhiKind::Id),
    ("client", PhiKind::Id),
    ("enc", PhiKind::Id),
    ("hrn", PhiKind::Mrn),
    ("fin", PhiKind::Account),
    ("participant", PhiKind::Id),
    ("intake", PhiKind::Id),
    ("conf", PhiKind::Id),
    ("check", PhiKind::Account),
    ("uid", PhiKind::Id),
    ("parcel", PhiKind::Id),
    ("microchip", PhiKind::Id),
    ("imei", PhiKind::Device),
    ("modem", PhiKind::Device),
    ("sensor", PhiKind::Device),
    ("serials", PhiKind::Device),
    ("alias", PhiKind::Id),
    ("ids", PhiKind::Id),
    ("din", PhiKind::Id),
    ("unit", PhiKind::Id),
    ("inmate", PhiKind::Id),
    ("medigap", PhiKind::HealthPlan),
    ("supplement", PhiKind::HealthPlan),
    ("mcd", PhiKind::HealthPlan),
    // (dev23 rules) A state or program PIN (`VFC PIN 061447`), specimens in the plural, and a
    // bank's checking and savings accounts (`checking 004-771-29183`): code-shaped values only.
    ("pin", PhiKind::Id),
    ("specimens", PhiKind::Id),
    ("checking", PhiKind::Account),
    ("savings", PhiKind::Account),
];

/// Context words that name a code only when the value looks like one ([`coded`]): a letter
/// prefix with at least 3 digits (`lot X8874`, `case TW-26-01183`), or a number of at least
/// 6 digits (4 after `#`, `:`, `no` ...). Written right after the word, or after a marker.
pub(crate) const CODED_CONTEXT: &[&str] = &[
    "protocol",
    "csn",
    "ctrl",
    "receipt",
    "foil",
    // A parcel's carrier, a dispatch system's incident, a claim's control number, a trip
    // ticket (`UPS 1Z999AA10123456784`, `CAD 25-061422-0037`, `ICN 2225141077600`, `TKT
    // TT-250304-0912`): `CAD` is also a disease, `CAD 2015` a year, no code.
    "ups",
    "pump",
    "waiver",
    "cad",
    "icn",
    "tkt",
    "inmate",
    "supplement",
    "medigap",
    "mcd",
    "id",
    "identifier",
    "claim",
    "case",
    "specimen",
    "lot",
    "batch",
    "rx",
    "prescription",
    "order",
    "ref",
    "reference",
    "sample",
    "msg",
    "message",
    "referral",
    "report",
    "confirmation",
    "ticket",
    "transaction",
    "trans",
    "txn",
    "tracking",
    "authorization",
    "auth",
    "encounter",
    "requisition",
    "invoice",
    "har",
    "acc",
    "req",
    "study",
    "cin",
    "aircraft",
    "tail",
    "incident",
    "booking",
    "doc",
    "kit",
    "seal",
    "warrant",
    "ccf",
    "patient",
    "docket",
    "randomization",
    "request",
    "session",
    "application",
    "app",
    "inc",
    "emp",
    "alien",
    "client",
    "enc",
    "participant",
    "intake",
    "conf",
    "check",
    "parcel",
    "sensor",
    "alias",
    "ids",
    "unit",
    "file",
    "event",
    "reg",
    "pin",
    "specimens",
    "checking",
    "savings",
];

/// Payer words: an `ID` or `group` number after one of them on the same line is a health plan
/// number (`Insurance: Acme PPO, ID XQW882013344, group 0047721`).
pub(crate) const PAYER_WORDS: &[&str] = &[
    "insurance",
    "insurer",
    "insured",
    "ins",
    "payer",
    "payor",
    "medicaid",
    "medicare",
    "ppo",
    "hmo",
    "epo",
    "tricare",
    "champva",
    "coverage",
    "chip",
    "minnesotacare",
    "masshealth",
    "tenncare",
    "badgercare",
    "soonercare",
    "healthchoice",
    "husky",
    "bcbs",
    "aetna",
    "cigna",
    "humana",
    "anthem",
    "kaiser",
    "uhc",
    "unitedhealthcare",
    "molina",
    "ambetter",
    "wellcare",
    "caresource",
    "amerigroup",
    "highmark",
    "healthnet",
    "subscriber",
    "member",
    "mbr",
];

/// Vehicles: a state code after one, with a plate-shaped code after it, names a plate (`Pt's
/// car (PA KLM-4821)`).
pub(crate) const VEHICLE_WORDS: &[&str] = &[
    "veh",
    "car",
    "cars",
    "truck",
    "vehicle",
    "van",
    "minivan",
    "suv",
    "pickup",
    "sedan",
    "jeep",
    "motorcycle",
    "trailer",
    "camper",
    "automobile",
];

/// The classes a context word can name, in the order of their lexicon bits
/// ([`bit::ID_KIND`]).
pub(crate) const KINDS: [PhiKind; 7] = [
    PhiKind::Mrn,
    PhiKind::Account,
    PhiKind::HealthPlan,
    PhiKind::License,
    PhiKind::Vehicle,
    PhiKind::Device,
    PhiKind::Id,
];

/// The lexicon bit of a context word naming `kind`.
pub(crate) fn kind_bit(kind: PhiKind) -> u64 {
    KINDS.iter().position(|&k| k == kind).map_or(0, |p| bit::ID_KIND << p)
}

/// Connector words allowed between the context word and the code.
pub(crate) const CONNECTORS: &[&str] = &[
    "#",
    ":",
    "no",
    ".",
    "number",
    "num",
    "nbr",
    "id",
    "is",
    "=",
    "-",
    "code",
    "nos",
    "plate",
    "of",
    "and",
    "(",
    ")",
    "identifier",
];

/// Connectors that mark what follows as a number: a weak context word needs one of them.
pub(crate) const MARKERS: &[&str] = &["#", ":", "no", "number", "num", "nbr", "id", "="];

/// Whether token `k` is one of `words`, which are listed under `bit` in the lexicon (letters)
/// or single ASCII punctuation characters (looked up by character: the lexicon only
/// classifies words).
fn listed(t: &Tokens<'_>, k: usize, words: &[&str], bit: u64) -> bool {
    match t.kind(k) {
        Some(TokKind::Alpha) => t.has(k, bit),
        Some(TokKind::Punct) => words.iter().any(|w| w.len() == 1 && t.is(k, w)),
        _ => false,
    }
}

/// Context words too common to trigger alone: they need `#`, `:`, `no`, `number` or `id`.
pub(crate) const WEAK_CONTEXT: &[&str] = &[
    "interp",
    "interpreter",
    // A patient care report's number (`PCR #: PCR0098171`); `PCR` alone is a test.
    "pcr",
    "group",
    "plan",
    "record",
    "chart",
    "case",
    "claim",
    "insurance",
    "employee",
    "device",
    "implant",
    "pacemaker",
    "vehicle",
    "medicare",
    "medicaid",
    "specimen",
    "id",
    "identifier",
    "acc",
    "req",
    "study",
    "tail",
    "bar",
    "interpreter",
    "reg",
    "tag",
    "run",
    "file",
    "event",
    "rec",
    "student",
    "grp",
    "rin",
    "article",
    "card",
    "job",
    "inc",
    "emp",
    "alien",
    "client",
    "participant",
    "intake",
    "check",
    "unit",
    "sensor",
];

const MAX_CODE_BYTES: usize = 40;

/// Clinical words that look like codes (letters with a digit) and follow words such as "plan:"
/// in notes ("Plan: HbA1c in 3 months"). Never identifiers.
const CLINICAL_CODES: &[&str] = &[
    "hba1c",
    "a1c",
    "b12",
    "b6",
    "b1",
    "d3",
    "co2",
    "spo2",
    "sao2",
    "fio2",
    "pao2",
    "o2",
    "h2o",
    "t3",
    "t4",
    "ft4",
    "ft3",
    "k2",
    "mg2",
    "ca2",
    "covid19",
    "hba1",
    "il6",
    "cd4",
    "cd8",
    "ct1",
    "pm2",
    "g6pd",
    "ck-mb",
    "nt-probnp",
];

/// Longest entry of [`CLINICAL_CODES`], in bytes.
const MAX_CLINICAL_CODE: usize = 9;

/// True when the code between token `start` and `end` (exclusive) is a clinical term.
fn is_clinical_code(t: &Tokens<'_>, start: usize, end: usize) -> bool {
    let mut buf = [0u8; MAX_CLINICAL_CODE];
    let mut len = 0;
    for k in start..end {
        let part = t.s(k).as_bytes();
        let Some(dst) = buf.get_mut(len..len + part.len()) else { return false };
        dst.copy_from_slice(part);
        len += part.len();
    }
    let code = buf.get(..len).unwrap_or(&[]);
    CLINICAL_CODES.iter().any(|c| c.as_bytes().eq_ignore_ascii_case(code))
}

fn context_kind(t: &Tokens<'_>, i: usize) -> Option<PhiKind> {
    if !t.has(i, bit::ID_CONTEXT) {
        return None;
    }
    if t.is(i, "mr") && !t.punct(i + 1, '#') {
        return None; // "Mr." is a title; "MR#" is a record number.
    }
    // `patient # 20118453`: the word is a label only before `#` (most are not).
    if t.is(i, "patient") && !t.punct(i + 1, '#') {
        return None;
    }
    // `File No.`, `COURT FILE 69DU-JV-24-318`; `address on file: 1209 Paisano Dr` is no label.
    if t.is(i, "file") && i > 0 && t.is_any(i - 1, &["on", "in", "the", "a"]) {
        return None;
    }
    // `n` only as the end of `s/n` (serial number).
    if t.is(i, "n") && !(i >= 2 && t.punct(i - 1, '/') && t.is(i - 2, "s") && t.joined(i) && t.joined(i - 1)) {
        return None;
    }
    // Each context word is listed once, so it has one class bit.
    KINDS.iter().enumerate().find(|&(p, _)| t.has(i, bit::ID_KIND << p)).map(|(_, &k)| k)
}

/// Fewest letters and digits of a code ([`code_at`]).
const MIN_CODE: usize = 4;

/// Fewest letters and digits of the value after context word `i`: [`MIN_CODE`], but 3 for a
/// badge, whose numbers are short (`SECURITY DELACROIX (BADGE 114)`).
fn shortest_value(t: &Tokens<'_>, i: usize) -> usize {
    if t.is(i, "badge") {
        3
    } else {
        MIN_CODE
    }
}

/// Returns one past the last token of a code starting at `i`, if it is one.
fn code_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    code_of_at_least(t, i, MIN_CODE)
}

/// [`code_at`] with `min` letters and digits at least.
fn code_of_at_least(t: &Tokens<'_>, i: usize, min: usize) -> Option<usize> {
    let mut j = i;
    let mut has_digit = false;
    let mut alnum = 0usize;
    while j < t.len() && (j == i || t.joined(j)) {
        match t.kind(j) {
            Some(TokKind::Digit) => has_digit = true,
            Some(TokKind::Alpha) => {}
            Some(TokKind::Punct)
                if (t.punct(j, '-') || t.punct(j, '.') || t.punct(j, '/'))
                    && t.joined(j + 1)
                    && t.kind(j + 1) != Some(TokKind::Punct) => {}
            _ => break,
        }
        if t.kind(j) != Some(TokKind::Punct) {
            alnum += t.byte_len(j);
        }
        j += 1;
    }
    // A run glued to a `[` or `*` is no code: those begin what a replacement writes, and a run
    // too long to be a code (`4MRN3-02024-...`) that a later pass found cut short by a
    // placeholder (`4MRN[MRN]`) would otherwise become one, one more per pass, and scrubbing
    // would not be idempotent.
    if t.kind(i) == Some(TokKind::Punct) || (t.joined(j) && t.opens_replacement(j)) {
        return None;
    }
    let bytes = t.end(j.saturating_sub(1)).saturating_sub(t.start(i));
    (has_digit && alnum >= min && bytes <= MAX_CODE_BYTES).then_some(j)
}

/// Most groups of a code written in groups apart: a USPS tracking number has six (`9400 1118
/// 9922 3345 6710 02`).
const MAX_GROUPS: usize = 6;

/// A code written in groups apart (`K423 118 670 905`, `0731 4482 09`, `8KJ 442`) from `j`, on
/// one line: a first group of 5 letters and digits at most with a digit, then 1 to 5 groups of 2 to 4, each
/// with a digit, no group glued to anything; at least 6 characters, 4 of them digits. The
/// end of the last group. (`MRN 1234567 80 yo` is no group: its first is too long.)
fn grouped_code(t: &Tokens<'_>, j: usize) -> Option<usize> {
    // One group: a run of letters and digits glued together, from `k`; its end, its length
    // and its digit count.
    let group = |k: usize| {
        if !matches!(t.kind(k), Some(TokKind::Alpha | TokKind::Digit)) {
            return None;
        }
        let (mut e, mut len, mut digits) = (k, 0, 0);
        while e < t.len() && (e == k || t.joined(e)) {
            match t.kind(e) {
                Some(TokKind::Digit) => digits += t.byte_len(e),
                Some(TokKind::Alpha) => {}
                _ => break,
            }
            len += t.byte_len(e);
            e += 1;
        }
        Some((e, len, digits))
    };
    // A group glued to more than closing punctuation is part of something else (`12-3`).
    let free = |e: usize| !t.joined(e) || [')', ',', '.', ';'].iter().any(|&c| t.punct(e, c));
    // A first group of letters alone is 1 to 3 capitals, and needs two groups after it (`C 29
    // 118 406`; not `at 1900`).
    let (mut e, first, mut digits) =
        group(j).filter(|&(e, len, d)| free(e) && (d > 0 || (len <= 3 && t.all_caps(j))))?;
    let lettered = digits == 0;
    if first > 5 {
        return None;
    }
    let (mut total, mut groups) = (first, 1);
    while groups < MAX_GROUPS && !t.newline_before(e) && !t.joined(e) {
        let Some((ge, len, d)) = group(e).filter(|&(ge, len, d)| (2..=4).contains(&len) && d > 0 && free(ge)) else {
            break;
        };
        (e, total, digits, groups) = (ge, total + len, digits + d, groups + 1);
    }
    (groups >= if lettered { 3 } else { 2 } && total >= 6 && digits >= 4).then_some(e)
}

/// Plates written `ABC 1234`: a short letter group, a space, then digits.
fn spaced_plate(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let letters = t.kind(i) == Some(TokKind::Alpha) && t.byte_len(i) <= 3 && t.all_caps(i);
    (letters && t.digits(i + 1, None) && !t.joined(i + 1) && t.byte_len(i + 1) <= 5).then_some(i + 2)
}

/// One group of a plate from token `i`: letters in capitals and digits glued together, at most
/// 4 characters. Returns its end, its length and whether it holds a digit and a letter.
fn plate_group(t: &Tokens<'_>, i: usize) -> Option<(usize, usize, bool, bool)> {
    // Five tokens at most: a longer run is longer than 4 characters.
    let (e, digits, len) = glued_run(t, i, 5, false);
    let caps = (i..e).all(|k| t.kind(k) != Some(TokKind::Alpha) || (t.all_caps(k) && t.ascii(k)));
    (e > i && len <= 4 && caps).then_some((e, len, digits > 0, digits < len))
}

/// Plates in two groups apart (`418 KZW`, `9RX KH2`, `XJR 4417`): 5 to 8 characters in all,
/// digits and capitals both, nothing glued after.
fn two_group_plate(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let (m, a, d1, l1) = plate_group(t, i)?;
    if t.joined(m) || t.newline_before(m) {
        return None;
    }
    let (e, b, d2, l2) = plate_group(t, m)?;
    let free =
        !(t.joined(e) && matches!(t.kind(e), Some(TokKind::Alpha | TokKind::Digit)) || t.punct(e, '-') && t.joined(e));
    ((5..=8).contains(&(a + b)) && (d1 || d2) && (l1 || l2) && free).then_some(e)
}

/// Whether the code between tokens `start` and `end` (exclusive) looks like an identifier for
/// a [`CODED_CONTEXT`] word: letters first and at least 3 digits (`X8874`, `PA-558120`; not
/// `T2DM`, `L4-L5`, `PCV20`), or digits first (`-` and letters inside: `1Z999AA101`,
/// `00418827A`) and at least 6 digits, 4 after a marker (not a range `135-145`, a decimal, a
/// ratio or a date with `/`, a dose `500mg`). After `lot` or `batch` (`short` true) also a
/// short all-capitals code mixing letters and digits (`9T4CX`, `AB12C`: at least 5 characters,
/// 3 runs; not `2X`, `10ML`).
fn coded(t: &Tokens<'_>, start: usize, end: usize, marked: bool, short: bool) -> bool {
    let mut digits = 0usize;
    let mut letters = false;
    let mut dashes = 0usize;
    let mut longest = 0usize;
    for k in start..end {
        match t.kind(k) {
            Some(TokKind::Digit) => {
                digits += t.byte_len(k);
                longest = longest.max(t.byte_len(k));
            }
            Some(TokKind::Alpha) => letters = true,
            _ if t.punct(k, '-') => dashes += 1,
            _ => return false, // `.` or `/`
        }
    }
    let runs = (start..end).filter(|&k| t.kind(k) != Some(TokKind::Punct)).count();
    let caps = (start..end).all(|k| t.kind(k) != Some(TokKind::Alpha) || t.all_caps(k));
    if short && letters && digits >= 1 && runs >= 3 && caps && end - start == runs {
        let alnum: usize = (start..end).map(|k| t.byte_len(k)).sum();
        if alnum >= 5 {
            return true;
        }
    }
    if t.kind(start) == Some(TokKind::Alpha) {
        return digits >= 3;
    }
    let range = dashes == 1 && longest <= 3;
    // A number with a unit glued after it (`2500mg`, `10000UNITS`), not a code with letters
    // inside (`1Z99`) or a long number with a check letter (`00418827A`).
    let unit = letters && end == start + 2 && (t.byte_len(start) <= 5 || !t.all_caps(start + 1));
    !unit && !range && digits >= if marked { 4 } else { 6 }
}

/// Words of an account or a card before the last digits of its number.
const ACCOUNT_ENDING_WORDS: &[&str] = &[
    "acct",
    "account",
    "card",
    "visa",
    "mastercard",
    "amex",
    "discover",
    "checking",
    "savings",
    "cd",
    "debit",
    "credit",
];

/// `checking acct ending 4420`, `debit card ending 5517`, `card: Visa ending in 8815`: the last 4
/// digits of an account or a card, after `ending` (or `ends`, and `in`), with an account or card word at
/// most 3 words before it on its line. `i` is a digit token up to 4 tokens after such a word
/// (read from the context word, not at every number).
pub(crate) fn account_ending_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if t.byte_len(i) != 4 || i < 2 || t.joined(i) || (t.joined(i + 1) && !t.punct(i + 1, '.') && !t.punct(i + 1, ',')) {
        return;
    }
    let e = if t.is(i - 1, "in") { i - 2 } else { i - 1 };
    if !t.is_any(e, &["ending", "ends"]) || t.newline_before(i) || t.newline_before(e + 1) {
        return;
    }
    let mut k = e;
    while k > 0 && e - k < 3 && !t.newline_before(k) {
        k -= 1;
        if t.is_any(k, ACCOUNT_ENDING_WORDS) {
            out.push(Candidate::new(PhiKind::Account, t.start(i), t.end(i), 85));
            return;
        }
    }
}

/// A parenthesised abbreviation at `j` (`(HAR)` in `Hospital account (HAR): 60019284`): the
/// token after it.
fn abbreviation_after(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let abbr = t.punct(j, '(')
        && t.all_caps(j + 1)
        && (2..=6).contains(&t.byte_len(j + 1))
        && t.joined(j + 1)
        && t.punct(j + 2, ')')
        && t.joined(j + 2);
    abbr.then_some(j + 3)
}

/// `(visit)` in `Hosp acct (visit): HA-31177402`, `(pending hire)` in `Employee ID (pending
/// hire): CVPL-10388`: one to three words in brackets right before a label's colon. The colon.
fn bracketed_words_before_colon(t: &Tokens<'_>, j: usize) -> Option<usize> {
    if !t.punct(j, '(') {
        return None;
    }
    let words =
        (1..=3).find(|&n| t.punct(j + n + 1, ')') && (j + 1..=j + n).all(|k| t.kind(k) == Some(TokKind::Alpha)))?;
    let close = j + words + 1;
    (t.punct(close + 1, ':') && !t.newline_before(close)).then_some(close + 1)
}

/// `FL Medicaid (newborn) 9012274458`, `legacy MRN (pre-Epic) M000452291`, `MRN there
/// 000733519`, `MRN OURS UC88104477`: after a record, plan or account word at `i`, one word or
/// one to three words in brackets at `j`, on the line, before a number of 8 characters or more
/// with at least 6 digits (no date, phone or amount has that shape glued together). Returns
/// the number's token.
fn aside_before_long_number(t: &Tokens<'_>, i: usize, j: usize) -> Option<usize> {
    if !matches!(context_kind(t, i), Some(PhiKind::Mrn | PhiKind::HealthPlan | PhiKind::Account)) || t.newline_before(j)
    {
        return None;
    }
    let n = if t.punct(j, '(') {
        let words = (1..=3).find(|&n| {
            t.punct(j + n + 1, ')')
                && (j + 1..=j + n).all(|k| t.kind(k) == Some(TokKind::Alpha) || (k > j + 1 && t.punct(k, '-')))
        })?;
        j + words + 2
    } else if t.kind(j) == Some(TokKind::Alpha)
        && t.toks.get(j).is_some_and(|x| x.lex & !bit::FUNCTION == 0)
        && !t.joined(j + 1)
        // A short word in capitals is the number's prefix (`member KP 000183274`).
        && !(t.all_caps(j) && t.byte_len(j) <= 3)
    {
        j + 1
    } else {
        return None;
    };
    let (k, digits, chars) = glued_run(t, n, 4, false);
    // A date written together (`20260105`) is no number of a record.
    let date = super::dates::is_compact_date(t, n);
    let long = digits >= 6
        && chars >= 8
        && !date
        && !(t.joined(k) && matches!(t.kind(k), Some(TokKind::Digit | TokKind::Alpha)));
    (long && !t.newline_before(n)).then_some(n)
}

/// A run of letters and digits glued together from token `n`, of at most `max` tokens (with
/// hyphens inside it when `hyphens`): one past it, its digits and its bytes.
pub(crate) fn glued_run(t: &Tokens<'_>, n: usize, max: usize, hyphens: bool) -> (usize, usize, usize) {
    let mut k = n;
    let (mut digits, mut chars) = (0, 0);
    while k < n + max && (k == n || t.joined(k)) {
        match t.kind(k) {
            Some(TokKind::Digit) => digits += t.byte_len(k),
            Some(TokKind::Alpha) => {}
            _ if hyphens && k > n && t.punct(k, '-') => {}
            _ => break,
        }
        chars += t.byte_len(k);
        k += 1;
    }
    (k, digits, chars)
}

/// Prefixes of codes that name forms and code systems, not people (`CMS-1500`, `CPT-99213`).
const CODE_SYSTEM_PREFIXES: &[&str] = &["cms", "cpt", "icd", "ndc", "iso", "hcpcs", "dsm", "loinc", "snomed", "ub"];

/// A structured code with no context word: capitals (a letter group of 1 to 5, which may end
/// in up to 2 digits: `S26`), optional further letter groups, then a group of at least 4
/// digits and an optional short suffix, all joined by hyphens (`HA-31177402`, `BB-WA-20219`,
/// `PPB-E-1144`, `S26-004417-A`, `KMC-0047712`). In clinical text such codes are accession,
/// case, evidence, kit and account numbers; gene and test names have fewer digits (`CA-125`,
/// `IL-6`, `COVID-19`), and form and code system names are listed
/// ([`CODE_SYSTEM_PREFIXES`]). A year as the digit group (`FY-2026`) is not taken. `i` is the
/// first letter group; returns one past the code.
fn bare_code_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    // Not glued to what comes before, except an opening bracket or quote (`("S26-004417-A")`).
    // Or an export's cell: after a `|` or `,` (`|HT-00571932|`, `,NEG,L25-2744018`).
    let free_start = !t.joined(i) || ['(', '"', '“', '#', '|', ','].iter().any(|&c| t.punct(i - 1, c));
    // `(rsh-p-30417-01)`: a code typed all in lower case, whose digit group is then 5 digits
    // or more (`il-6`, `covid-19`, `abt-199` stay).
    let lower = t.all_lower(i);
    let case_ok = |k: usize| if lower { t.all_lower(k) } else { t.all_caps(k) };
    if !free_start || !case_ok(i) || t.byte_len(i) > 5 || t.is_any(i, CODE_SYSTEM_PREFIXES) {
        return None;
    }
    let mut k = i + 1;
    // `S26`; `KS0522-0147`, `L250304-0992`: up to 6 digits glued to the letters when a group
    // of 4 digits or more follows straight after a hyphen.
    let glued_digits = t.joined(k) && t.digits(k, None);
    let long_next =
        t.punct(k + 1, '-') && t.joined(k + 1) && t.joined(k + 2) && t.digits(k + 2, None) && t.byte_len(k + 2) >= 4;
    if glued_digits && (t.byte_len(k) <= 2 || (t.byte_len(k) <= 6 && long_next)) {
        k += 1;
    }
    // Further letter groups.
    while t.punct(k, '-') && t.joined(k) && t.joined(k + 1) && case_ok(k + 1) && t.byte_len(k + 1) <= 3 {
        k += 2;
    }
    // Middle digit groups before the last (`TC-26-0918842`, `PLI-449-07215`, `NY-LTC-2025-448193`):
    // 2 to 4 digits, each followed by a hyphen and more digits.
    // Only if the last group is then long enough: `CPS-0321-018` is a code with a suffix.
    let before_middle = k;
    let mut middle = 0;
    while middle < 2
        && t.punct(k, '-')
        && t.joined(k)
        && t.joined(k + 1)
        && t.digits(k + 1, None)
        && (2..=4).contains(&t.byte_len(k + 1))
        && t.punct(k + 2, '-')
        && t.joined(k + 2)
        && t.joined(k + 3)
        && t.digits(k + 3, None)
    {
        k += 2;
        middle += 1;
    }
    if middle > 0 && t.byte_len(k + 1) < 4 {
        k = before_middle;
    }
    let digits = k + 1;
    let least = if lower { 5 } else { 4 };
    if !(t.punct(k, '-') && t.joined(k) && t.joined(digits) && t.digits(digits, None) && t.byte_len(digits) >= least) {
        return None;
    }
    let year = t.byte_len(digits) == 4 && t.num(digits).is_some_and(|y| (1900..=2099).contains(&y));
    let mut e = digits + 1;
    // Up to two short suffixes (`-A`, `-01`, `-A2`; `-A4-HE1`, a block's slide).
    for _ in 0..2 {
        let suffix = t.punct(e, '-') && t.joined(e) && t.joined(e + 1) && t.byte_len(e + 1) <= 3;
        if !(suffix && (case_ok(e + 1) || t.digits(e + 1, None))) {
            break;
        }
        let letter_digit = t.kind(e + 1) == Some(TokKind::Alpha)
            && t.joined(e + 2)
            && t.digits(e + 2, None)
            && t.byte_len(e + 1) + t.byte_len(e + 2) <= 3;
        e += if letter_digit { 3 } else { 2 };
    }
    let glued_after = t.joined(e) && (t.kind(e) != Some(TokKind::Punct) || t.opens_replacement(e) || t.punct(e, '-'));
    let year_alone = year && e == digits + 1;
    (!glued_after && !year_alone).then_some(e)
}

/// Codes of [`bare_code_at`]'s shape anywhere, as `ID`, scored under codes after a context
/// word (which also give the class: `MRN KMC-0047712`).
pub(crate) fn find_bare_codes(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    // A letter group of capitals glued to a hyphen or to its digits: in an upper-case note
    // most words are capitals, few are glued to what follows.
    // A word with no capital only before a glued hyphen (most words in lower case are glued
    // to a comma or a period at most).
    // And a long run of digits ([`long_number_at`]), in the same walk.
    let starts = marked(t, |i, tok| {
        (tok.kind == TokKind::Digit && tok.len() >= MIN_LONG_DIGITS)
            || (tok.kind == TokKind::Alpha
                && tok.len() <= 5
                && t.toks.get(i + 1).is_some_and(|next| {
                    !next.space_before
                        && next.kind != TokKind::Alpha
                        && (tok.shape & shape::HAS_LOWER == 0
                            || (tok.shape & shape::CAPITALIZED == 0
                                && next.kind == TokKind::Punct
                                && next.first == '-'))
                }))
    });
    for i in starts {
        if t.kind(i) == Some(TokKind::Digit) {
            if let Some(kind) = long_number_at(t, i) {
                out.push(Candidate::new(kind, t.start(i), t.end(i), 60));
            }
            continue;
        }
        if let Some(e) = bare_code_at(t, i).or_else(|| glued_long_code_at(t, i)) {
            out.push(Candidate::new(PhiKind::Id, t.start(i), t.end(e - 1), 75));
        }
        super::patterns::donation_number_at(t, i, out);
    }
}

/// Fewest digits of a number that identifies without a context word ([`long_number_at`]).
const MIN_LONG_DIGITS: usize = 10;

/// Fewest digits of a code of capitals glued to digits that identifies without a context word
/// ([`glued_long_code_at`]).
const MIN_GLUED_DIGITS: usize = 7;

/// `PCN88120447`, `MCH448201937`, `SH25302A00917`: 1 to 4 capitals glued to a group of at least
/// 4 digits, then the capitals and digits glued after them (up to 8 tokens in all), with at
/// least [`MIN_GLUED_DIGITS`] digits in all; standing apart (a `(`, `"`, `|` or `,` before it
/// may touch it: a cell of an export), nothing but punctuation after it. Returns one past the
/// code.
fn glued_long_code_at(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let free_start = i == 0 || !t.joined(i) || ['(', '"', '|', ','].iter().any(|&c| t.punct(i - 1, c));
    if !free_start || !t.all_caps(i) || t.byte_len(i) > 4 || !t.joined(i + 1) || !t.digits(i + 1, None) {
        return None;
    }
    // A trial's registry number names a study, not a person (`NCT05512348`).
    if t.byte_len(i + 1) < 4 || t.is_any(i, CODE_SYSTEM_PREFIXES) || t.is(i, "nct") {
        return None;
    }
    let mut e = i + 2;
    let mut digits = t.byte_len(i + 1);
    while t.joined(e) && (t.digits(e, None) || t.all_caps(e)) && e < i + 8 {
        if t.digits(e, None) {
            digits += t.byte_len(e);
        }
        e += 1;
    }
    let glued_after = t.joined(e) && t.kind(e) != Some(TokKind::Punct);
    (digits >= MIN_GLUED_DIGITS && !glued_after).then_some(e)
}

/// A run of [`MIN_LONG_DIGITS`] digits or more standing alone (`rebilled as 250920118802114`,
/// `TO: 15055550172`): a telephone number when it has the shape of a North American one (10
/// digits, area code and exchange not starting with 0 or 1, or 11 with a leading 1), else an
/// identifying number; not a date and time run (`20251118143100`: its first 8 digits a date)
/// and not after a product code's label (`NDC 00093718001`). Token `i`.
fn long_number_at(t: &Tokens<'_>, i: usize) -> Option<PhiKind> {
    // Glued to a letter or digit, or part of a dotted or hyphenated number, on either side.
    let joiner = |k: usize| t.punct(k, '.') || t.punct(k, '-') || t.punct(k, '/');
    let before = i > 0 && t.joined(i) && (t.kind(i - 1) != Some(TokKind::Punct) || joiner(i - 1));
    let after =
        t.joined(i + 1) && (t.kind(i + 1).is_some_and(|x| x != TokKind::Punct) || (joiner(i + 1) && t.joined(i + 2)));
    if before || after {
        return None;
    }
    if i > 0 && t.is_any(i - 1, &["ndc", "upc", "gtin", "ean", "isbn"]) {
        return None;
    }
    let d = t.s(i);
    // The first 8 digits as a year from 1900 to 2099, a month and a day of it.
    let dated = d.len() >= 12
        && d.get(..8).and_then(|p| p.parse::<u32>().ok()).is_some_and(|v| {
            (1900..=2099).contains(&(v / 10_000)) && super::dates::month_day_valid(v / 100 % 100, v % 100)
        });
    if dated {
        return None;
    }
    let nanp = |n: &str| n.len() == 10 && super::patterns::nanp_ok(n, n.get(3..).unwrap_or(""));
    let phone = nanp(d) || (d.len() == 11 && d.starts_with('1') && d.get(1..).is_some_and(nanp));
    Some(if phone { PhiKind::Phone } else { PhiKind::Id })
}

/// Longest GS1 run, in bytes.
const MAX_GS1_BYTES: usize = 96;

/// A GS1 string of a device identifier (UDI) at `j`: application identifiers in parentheses,
/// each followed by its value (`(01)00889024123456(21)PE88130`). One past its last token.
fn gs1_end(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let mut k = j;
    let mut has_digit = false;
    while t.punct(k, '(')
        && (k == j || t.joined(k))
        && t.digits(k + 1, None)
        && (2..=4).contains(&t.byte_len(k + 1))
        && t.joined(k + 1)
        && t.punct(k + 2, ')')
        && t.joined(k + 2)
    {
        let mut v = k + 3;
        while t.joined(v) && matches!(t.kind(v), Some(TokKind::Alpha | TokKind::Digit)) {
            has_digit |= t.kind(v) == Some(TokKind::Digit);
            v += 1;
        }
        if v == k + 3 {
            break;
        }
        k = v;
    }
    let bytes = t.end(k.saturating_sub(1)).saturating_sub(t.start(j));
    (k > j && has_digit && bytes <= MAX_GS1_BYTES).then_some(k)
}

/// Tokens looked back over for a payer word.
const PAYER_WINDOW: usize = 16;

/// Whether a payer word comes before token `i` on its line (within [`PAYER_WINDOW`] tokens).
fn payer_before(t: &Tokens<'_>, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < PAYER_WINDOW && !t.newline_before(k) {
        k -= 1;
        if t.has(k, bit::PAYER) {
            return true;
        }
    }
    false
}

/// An agency or system prefix written apart from a number (`report APD 25-118340`): 2 to 5
/// capitals (1 for a licence's class) that are no context word themselves, or one naming the
/// same class (`acct HAR 40019927`, `Rx # RX 7720413`), a space, and a number code that
/// passes [`coded`] on its own. The token range of both.
fn prefixed_code(t: &Tokens<'_>, j: usize, marked: bool, kind: PhiKind) -> Option<(usize, usize)> {
    // A licence's class may be one letter (`CA lic. A 148823`).
    let shortest = if kind == PhiKind::License { 1 } else { 2 };
    let prefix = t.all_caps(j)
        && t.kind(j) == Some(TokKind::Alpha)
        && (shortest..=5).contains(&t.byte_len(j))
        && (!t.has(j, bit::ID_CONTEXT) || context_kind(t, j) == Some(kind))
        && t.digits(j + 1, None)
        && !t.joined(j + 1)
        && !t.newline_before(j + 1);
    if !prefix {
        return None;
    }
    let e = code_at(t, j + 1)?;
    coded(t, j + 1, e, marked, false).then_some((j, e))
}

/// Words between a payer and its member number (`BCBS secondary XKP771902334`).
const PAYER_FILLERS: &[&str] = &[
    "primary",
    "secondary",
    "tertiary",
    "member",
    "id",
    "no",
    // Whose number it is (`MassHealth: mother 100384427791, infant 100384427805`).
    "mother",
    "father",
    "infant",
    "child",
    "baby",
    "pt",
    "patient",
    "spouse",
];

/// A member number right after payer word `i`, with no context word of its own: `Wellmark BCBS
/// WMK882104637`, `BCBS secondary XKP771902334`, `Medicaid/CHIP #518827340`. Up to three
/// tokens may come between (`#`, `:`, `/`, `-`, other payer words, [`PAYER_FILLERS`]); the code
/// has letters first and at least 6 digits, or is a number of at least 8 digits (6 after `#`).
fn payer_code_at(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    // A payer that is a context word itself (`Medicaid`, `insurance`) is read as one.
    if !t.has(i, bit::PAYER) || t.has(i, bit::ID_CONTEXT) {
        return;
    }
    let mut j = i + 1;
    let mut hash = false;
    while j < i + 4 && !t.newline_before(j) {
        let punct = ['#', ':', '/', '-'].iter().any(|&c| t.punct(j, c));
        if !(punct || t.has(j, bit::PAYER) || t.is_any(j, PAYER_FILLERS)) {
            break;
        }
        hash |= t.punct(j, '#');
        j += 1;
    }
    if t.newline_before(j) {
        return;
    }
    let Some(e) = code_at(t, j) else { return };
    let digits: usize = (j..e).filter(|&k| t.kind(k) == Some(TokKind::Digit)).map(|k| t.byte_len(k)).sum();
    let dashes_only = (j..e).all(|k| t.kind(k) != Some(TokKind::Punct) || t.punct(k, '-'));
    let code = match t.kind(j) {
        Some(TokKind::Alpha) => digits >= 6 && t.all_caps(j),
        Some(TokKind::Digit) => digits >= if hash { 6 } else { 8 },
        _ => false,
    };
    if code && dashes_only && !is_clinical_code(t, j, e) {
        out.push(Candidate::new(PhiKind::HealthPlan, t.start(j), t.end(e - 1), 88));
    }
}

/// A plate after a vehicle word and a state code on its line, at most 8 tokens after the word
/// (a year, a make and a model between: `VEH: 2014 FORD F-250 MO 7RB-D49`): `Pt's car (PA
/// KLM-4821)`, `truck, MA 1ABC23`, `van, AL tag 2A7H419` (a plate word after the state). The plate has capitals and digits, 4 to 8 of them (or is
/// written `ABC 1234`); the state code is kept.
fn find_state_plates(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    for i in marked(t, |_, tok| tok.lex & bit::VEHICLE != 0) {
        for k in i + 1..=i + 8 {
            if t.newline_before(k) {
                break;
            }
            let state = t.has(k, bit::STATE_CODE) && t.all_caps(k) && t.byte_len(k) == 2;
            if !state || t.joined(k + 1) || t.newline_before(k + 1) {
                continue;
            }
            // `van, AL tag 2A7H419`: the state's word for a plate between.
            let p = if t.is_any(k + 1, &["tag", "tags", "plate"]) && !t.newline_before(k + 2) { k + 2 } else { k + 1 };
            let plate = spaced_plate(t, p).or_else(|| {
                let e = code_at(t, p)?;
                let alnum: usize = (p..e).filter(|&q| t.kind(q) != Some(TokKind::Punct)).map(|q| t.byte_len(q)).sum();
                let letters = (p..e).any(|q| t.kind(q) == Some(TokKind::Alpha));
                let caps = (p..e).all(|q| t.kind(q) != Some(TokKind::Alpha) || t.all_caps(q));
                (letters && caps && (4..=8).contains(&alnum)).then_some(e)
            });
            if let Some(e) = plate {
                // The state written as part of the plate (`PA KLM-4821`), not across a word
                // (`AL tag 2A7H419`).
                let first = if p == k + 1 { k } else { p };
                out.push(Candidate::new(PhiKind::Vehicle, t.start(first), t.end(e - 1), 93));
                break;
            }
        }
    }
}

/// Identifier codes after a context word.
pub(crate) fn find_context_ids(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    find_state_plates(t, out);
    // Only a context word or a payer can start one: one test of the keyword bits turns every
    // other token away.
    for i in marked(t, |_, tok| tok.lex & (bit::ID_CONTEXT | bit::PAYER) != 0) {
        payer_code_at(t, i, out);
        // `acct ending 4420`, `card: Visa ending in 8815`: a number up to 4 tokens on.
        if t.is_any(i, ACCOUNT_ENDING_WORDS) {
            let number =
                (i + 2..i + 6).take_while(|&k| !t.newline_before(k)).find(|&k| t.kind(k) == Some(TokKind::Digit));
            let seen = |d: usize| out.last().is_some_and(|c| c.start == t.start(d) && c.kind == PhiKind::Account);
            if let Some(d) = number.filter(|&d| !seen(d)) {
                account_ending_at(t, d, out);
            }
        }
        let Some(kind) = context_kind(t, i) else { continue };
        let mut j = i + 1;
        let mut skipped = 0;
        let mut gs1 = None;
        let mut aside = false;
        // The issuing state skipped before the value, if any.
        let mut state = None;
        while skipped < 5 {
            if kind == PhiKind::Device && t.punct(j, '(') {
                gs1 = gs1_end(t, j);
                if gs1.is_some() {
                    break;
                }
            }
            if let Some(after) = abbreviation_after(t, j).or_else(|| bracketed_words_before_colon(t, j)) {
                j = after;
            } else if let Some(after) = aside_before_long_number(t, i, j) {
                // The number's shape marks it as the value, as `#` or `:` would.
                j = after;
                aside = true;
            } else if matches!(kind, PhiKind::License | PhiKind::Vehicle | PhiKind::HealthPlan)
                && t.has(j, bit::STATE_CODE)
                && t.all_caps(j)
                && !t.joined(j + 1)
                && (j > i + 1
                    || t.kind(j + 1) == Some(TokKind::Digit)
                    || (kind == PhiKind::Vehicle && code_at(t, j + 1).or_else(|| two_group_plate(t, j + 1)).is_some()))
            {
                // `Driver's license: CA D6673018`, `CDL TX 44871290`, `plate IA 8KJ 442`,
                // `Medicaid ID: MN 0731 4482 09`: the issuing state stays, but for a plate's
                // (written as part of the plate: `IA 8KJ 442`).
                state = Some(j);
                j += 1;
            } else if t.punct(j, '.') && t.punct(j + 1, '.') && t.joined(j + 1) {
                // `INSURED ID ........ 527714093`: a form's leader dots, one connector.
                while t.punct(j, '.') && !t.newline_before(j + 1) {
                    j += 1;
                }
            } else if listed(t, j, CONNECTORS, bit::ID_CONNECTOR) {
                j += 1;
            } else {
                break;
            }
            skipped += 1;
        }
        if let Some(e) = gs1 {
            out.push(Candidate::new(kind, t.start(j), t.end(e - 1), 93));
            continue;
        }
        let kind =
            if kind == PhiKind::License && (i + 1..j).any(|k| t.is(k, "plate")) { PhiKind::Vehicle } else { kind };
        // A protocol's number is an institution's (`IRB Protocol 2024-0817-NR`, `2025P001877`)
        // or a registry's (`NCT05518822`); a sponsor's code names a drug's study (`Protocol
        // ABX-221-07`), no one.
        let registry = t.s(j).get(..3).is_some_and(|p| p.eq_ignore_ascii_case("nct"));
        if t.is(i, "protocol") && t.kind(j) != Some(TokKind::Digit) && !registry {
            continue;
        }
        // `Home unit: 4410 Old Shell Rd`: a house number before its street is no identifier.
        if kind == PhiKind::Id && t.kind(j) == Some(TokKind::Digit) && super::address::numbered_street_at(t, j) {
            continue;
        }
        let mut marked = aside || (i + 1..j).any(|k| listed(t, k, MARKERS, bit::ID_MARKER));
        // `ID` and `group` after a payer word on the line name a health plan number.
        let id_word = kind == PhiKind::Id && (t.is(i, "id") || t.is(i, "identifier"));
        let payer = (id_word || t.is_any(i, &["group", "grp"])) && payer_before(t, i);
        let kind = if id_word && payer { PhiKind::HealthPlan } else { kind };
        marked |= payer;
        let coded_word = t.has(i, bit::ID_CODED);
        if coded_word {
            // Right after the word (or punctuation), on its line; or after a marker.
            let direct = (i + 1..j).all(|k| t.kind(k) == Some(TokKind::Punct)) && !t.newline_before(j);
            if !marked && !direct {
                continue;
            }
        } else if t.has(i, bit::ID_WEAK) && !marked && !unmarked_code_after(t, i, j) {
            continue;
        }
        let short = t.is(i, "lot") || t.is(i, "batch");
        let end = if kind == PhiKind::Vehicle {
            // `VEHICLE: 2017 TOYOTA TACOMA`: a model year is no plate.
            let model_year = t.digits(j, Some(4)) && t.num(j).is_some_and(|y| (1950..=2099).contains(&y));
            if model_year {
                continue;
            }
            two_group_plate(t, j).or_else(|| spaced_plate(t, j)).or_else(|| code_at(t, j))
        } else {
            code_of_at_least(t, j, shortest_value(t, i))
        };
        let end = end.filter(|&e| !is_clinical_code(t, j, e) && (!coded_word || coded(t, j, e, marked, short)));
        // A code in groups (`DL # K423 118 670 905`, `plate IA 8KJ 442`) is taken whole.
        let end = match (end, grouped_code(t, j)) {
            (Some(e), Some(g)) if g > e => Some(g),
            (None, Some(g)) if !coded_word || coded(t, j, g, marked, false) => Some(g),
            (end, _) => end,
        };
        // `member KP 000183274`: a health plan number with a payer's prefix; `lic PT 41872`,
        // `lic RRT 9930418`: a licence number with its profession's; `acct HAR 40019927`, `MRN
        // TLA 33-0917`: a system's (any class, the number passing [`coded`]).
        // After a licence word the profession's prefix marks the number as a marker would.
        let prefix_marks = marked || kind == PhiKind::License;
        let end = end.map(|e| (j, e)).or_else(|| prefixed_code(t, j, prefix_marks, kind));
        if let Some((j, e)) = end {
            // A code that starts with letters outranks a name run that took them (`DEA
            // FW2289104`): a name is never glued to digits.
            let score = if t.kind(j) == Some(TokKind::Alpha) { 93 } else { 88 };
            let plate_state = state.filter(|&st| kind == PhiKind::Vehicle && st + 1 == j);
            // `MSG-4471902`, `PCR2508230617`: a context word in capitals glued to its value (by
            // a hyphen or not) is the code's prefix, and part of it.
            let glued_word = i + 1 == j || (i + 2 == j && t.punct(i + 1, '-') && t.joined(i + 1));
            let prefix = (glued_word && t.joined(j) && t.all_caps(i) && t.multi_char(i)).then_some(i);
            out.push(Candidate::new(kind, t.start(prefix.or(plate_state).unwrap_or(j)), t.end(e - 1), score));
            listed_codes(t, j, e, kind, score, out);
        }
    }
}

/// Most codes taken from one list after a context word (`MRNs P0093321 / P0093322`).
const MAX_LISTED: usize = 4;

/// Codes after the one at `j..e`, separated by `/`, `,`, `;`, `&` or `and` on its line, that
/// have exactly its shape (the same runs of letters, digits and punctuation, each of the same
/// length): `MRNs P0093321 / P0093322`. Another shape (`MRN 1234567, 80 y/o`) ends the list.
fn listed_codes(t: &Tokens<'_>, j: usize, e: usize, kind: PhiKind, score: u8, out: &mut Vec<Candidate>) {
    let (mut j, mut e) = (j, e);
    for _ in 0..MAX_LISTED {
        let sep = t.punct(e, '/') || t.punct(e, ',') || t.punct(e, ';') || t.punct(e, '&') || t.is(e, "and");
        let n = e + 1;
        if !sep || t.newline_before(e) || t.newline_before(n) || t.joined(n) {
            return;
        }
        let Some(ne) = code_at(t, n) else { return };
        let same = ne - n == e - j
            && (0..e - j).all(|d| t.kind(j + d) == t.kind(n + d) && t.byte_len(j + d) == t.byte_len(n + d));
        if !same {
            return;
        }
        out.push(Candidate::new(kind, t.start(n), t.end(ne - 1), score));
        (j, e) = (n, ne);
    }
}

/// Whether a weak context word at `i` is followed right away (on its line, after punctuation
/// only, up to `j`) by a code that needs no marker: in capitals with at least 4 digits (`Group
/// GRP-702218`, `chart D-77201`), or a number of 8 digits or more (`IDAHO MEDICAID
/// 0048821950`), or a code of 8 characters or more that starts with digits and mixes in
/// capitals (`Medicare 4TR9KD2MX61`).
fn unmarked_code_after(t: &Tokens<'_>, i: usize, j: usize) -> bool {
    let direct = (i + 1..j).all(|k| t.kind(k) == Some(TokKind::Punct)) && !t.newline_before(j);
    // Nothing glued after the number but the punctuation ending a clause (`medicaid
    // 8830142276.`), with no digit glued after that (`12345678.5`).
    let clause_end =
        [',', '.', ';', ')'].iter().any(|&p| t.punct(j + 1, p)) && !(t.joined(j + 2) && t.digits(j + 2, None));
    if direct && t.digits(j, None) && t.byte_len(j) >= 8 && (!t.joined(j + 1) || clause_end) {
        return true;
    }
    // `Medicare 4TR9KD2MX61`, `Grp 00A77120`: digits first, then capitals and digits mixed, 8
    // characters or more in 3 runs or more.
    if direct && t.kind(j) == Some(TokKind::Digit) {
        let Some(e) = code_at(t, j) else { return false };
        let caps =
            (j..e).all(|k| t.kind(k) == Some(TokKind::Digit) || (t.kind(k) == Some(TokKind::Alpha) && t.all_caps(k)));
        let alnum: usize = (j..e).map(|k| t.byte_len(k)).sum();
        let letters = (j..e).any(|k| t.kind(k) == Some(TokKind::Alpha));
        return caps && letters && e - j >= 3 && alnum >= 8;
    }
    if !direct || t.kind(j) != Some(TokKind::Alpha) || !t.all_caps(j) || t.byte_len(j) > 4 {
        return false;
    }
    let Some(e) = code_at(t, j) else { return false };
    let digits: usize = (j..e).filter(|&k| t.kind(k) == Some(TokKind::Digit)).map(|k| t.byte_len(k)).sum();
    digits >= 4 && !is_clinical_code(t, j, e) && coded(t, j, e, false, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The class and text of every identifier found after a context word in `text`.
    fn ids(text: &str) -> Vec<(PhiKind, &str)> {
        let t = Tokens::new(text);
        let mut out = Vec::new();
        find_context_ids(&t, &mut out);
        out.iter().map(|c| (c.kind, &text[c.start..c.end])).collect()
    }

    /// Long numbers and capitals glued to long numbers, with no context word.
    #[test]
    fn long_numbers_and_codes_alone() {
        let bare = |text: &str| -> Vec<(PhiKind, String)> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            find_bare_codes(&t, &mut out);
            out.iter().filter_map(|c| text.get(c.start..c.end).map(|v| (c.kind, v.to_string()))).collect()
        };
        let want = |k: PhiKind, v: &str| vec![(k, v.to_string())];
        assert_eq!(bare("rebilled as 250920118802114 w/ card"), want(PhiKind::Id, "250920118802114"));
        assert_eq!(bare("FROM: DENTAL  5055550148   TO:"), want(PhiKind::Phone, "5055550148"));
        assert_eq!(bare("OK  7 pp  to 18775550164  11/18"), want(PhiKind::Phone, "18775550164"));
        assert_eq!(bare("NPI 1649372018,"), want(PhiKind::Id, "1649372018"));
        assert_eq!(bare("|N290|PCN88120447|2192"), want(PhiKind::Id, "PCN88120447"));
        assert_eq!(bare("|CO-197||SH25302A00917\n"), want(PhiKind::Id, "SH25302A00917"));
        // A date and time run, a product code, a decimal, a number glued to letters, a trial, a
        // short code.
        for text in [
            "run 20251118143100 ok",
            "NDC 00093718001 dispensed",
            "1234567890.5 mg",
            "x1234567890",
            "1234567890ab",
            "12-1234567890",
            "(NCT05512348)",
            "lot AB12345 today",
            "Q5103 5 mg/kg",
        ] {
            assert!(bare(text).is_empty(), "{text}: {:?}", bare(text));
        }
    }

    #[test]
    fn payer_numbers_grouped_codes_and_middle_groups() {
        let cases = [
            ("Insurance: Texas Medicaid/CHIP #518827340\n", PhiKind::HealthPlan, "518827340"),
            ("Medicare on file and BCBS secondary XKP771902334 verified", PhiKind::HealthPlan, "XKP771902334"),
            ("Secondary: Wellmark BCBS WMK882104637 grp 0047712", PhiKind::HealthPlan, "WMK882104637"),
            ("Secondary: Wellmark BCBS WMK882104637 grp 0047712", PhiKind::HealthPlan, "0047712"),
            ("Kaiser vision benefit (member KP 000183274)", PhiKind::HealthPlan, "KP 000183274"),
            ("Medicaid ID: MN 0731 4482 09\nRequest", PhiKind::HealthPlan, "0731 4482 09"),
            ("Driving: not cleared. DL # K423 118 670 905 - advised", PhiKind::License, "K423 118 670 905"),
            ("truck driver, CDL TX 44871290 - discussed DOT", PhiKind::License, "44871290"),
            ("Pt's van (plate IA 8KJ 442) has rear lift", PhiKind::Vehicle, "IA 8KJ 442"),
            ("Request #: IR-26-11873\n", PhiKind::Id, "IR-26-11873"),
            ("(DOB on file, patient # 20118453). I have appt", PhiKind::Mrn, "20118453"),
            ("my patient # is 4418-2206 i think?", PhiKind::Mrn, "4418-2206"),
            ("Claim 600-412-0987     C-file no.: C 29 118 406\nExam", PhiKind::Id, "C 29 118 406"),
            ("see appeal docket 240611-448812.", PhiKind::Id, "240611-448812"),
            ("INITIALS: R-D-K     RANDOMIZATION NO: R30561\n", PhiKind::Id, "R30561"),
        ];
        for (text, kind, want) in cases {
            assert!(ids(text).contains(&(kind, want)), "{text}: {:?}", ids(text));
        }
        // A group with no digit, a first group too long, a year-sized count after a payer, a
        // patient number that is a count.
        for text in [
            "Received report at 1900.\nNeuro",
            "MRN 1234567 80 yo",
            "Aetna PPO 2 visits left",
            "Patient #2 in the series",
        ] {
            assert!(!ids(text).iter().any(|&(_, v)| v.contains(' ') || v == "2"), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn bare_codes_with_middle_digit_groups() {
        for (text, want) in [
            ("TeleCare session TC-26-0918842 - Jan 16", "TC-26-0918842"),
            ("(model Lifesaver, unit PLI-449-07215) registered", "PLI-449-07215"),
            ("MEDICAID PENDING, APP # NY-LTC-2025-448193; ok", "NY-LTC-2025-448193"),
            // A short last group is a suffix.
            ("Form # CPS-0321-018", "CPS-0321-018"),
            ("ANCILLARY: BLOCK S26-004417-A2 SENT", "S26-004417-A2"),
            // Digits glued to the letters before a long group, two suffixes, an export's cell.
            ("KS0522-0147 | Abernathy, Hollis", "KS0522-0147"),
            ("SPEC L250304-0992: ALL NONREACTIVE", "L250304-0992"),
            ("Ref H&E | S24-019337-A4-HE1 | T. Vill", "S24-019337-A4-HE1"),
            ("oxycodone #28|HT-00571932|192.0.2.44|OK", "HT-00571932"),
            ("2025-09-24,POS,L25-2719355", "L25-2719355"),
        ] {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            find_bare_codes(&t, &mut out);
            let got: Vec<&str> = out.iter().map(|c| &text[c.start..c.end]).collect();
            assert!(got.contains(&want), "{text}: {got:?}");
        }
    }

    #[test]
    fn run_report_event_armband_file_and_student_numbers() {
        let cases = [
            ("RUN #: SRE-26-00931   DATE: 02/01/26", PhiKind::Id, "SRE-26-00931"),
            ("PD: SGT. DONOVAN, CRASH RPT # 2026-00417-AC.", PhiKind::Id, "2026-00417-AC"),
            ("Court File No. 34-PR-26-117\nIn the Matter", PhiKind::Id, "34-PR-26-117"),
            ("RRT EVENT # RRT-26-0311", PhiKind::Id, "RRT-26-0311"),
            ("BLOOD BANK ARMBAND #: BB-7H4K2Q", PhiKind::Id, "BB-7H4K2Q"),
            ("MEDICAL REC #: BV0049512", PhiKind::Mrn, "BV0049512"),
            ("his student # is 204418 if it asks.", PhiKind::Id, "204418"),
            ("SECURITY DELACROIX (BADGE 114) AND NG", PhiKind::Id, "114"),
            ("Deputy Kyle Brandvold, Badge #417; assisting", PhiKind::Id, "417"),
            ("MEDICAID CARD NM4417720931 - GIVEN", PhiKind::HealthPlan, "NM4417720931"),
            ("Medicare 4TR9KD2MX61\nAccess", PhiKind::HealthPlan, "4TR9KD2MX61"),
            ("Member ID XCA884210573  Grp 00A77120", PhiKind::HealthPlan, "00A77120"),
            ("BIN 004336   PCN MEDDADV   RxGrp RX8803   MBI", PhiKind::HealthPlan, "RX8803"),
            ("0093317562   IL Medicaid RIN 418093276\nHome", PhiKind::HealthPlan, "418093276"),
            (
                "RECEIPT REQUESTED - article no. 9589 0710 5270 0418 3362 57\n",
                PhiKind::Id,
                "9589 0710 5270 0418 3362 57",
            ),
        ];
        for (text, kind, want) in cases {
            assert!(ids(text).contains(&(kind, want)), "{text}: {:?}", ids(text));
        }
        // Words that are no labels here: a file on record, counts, a plan written short.
        for text in [
            "Address on file: 1209 Paisano Dr",
            "ran 3 miles, card 12 games",
            "plan 2X daily",
            "Group 12B AND 14C",
            "see article 2024 in review",
            "rin 3 times",
        ] {
            assert_eq!(ids(text), [], "{text}");
        }
    }

    #[test]
    fn coded_context_words_take_code_shaped_values() {
        let cases = [
            ("MMR lot Y0221AB, Varicella", "Y0221AB"),
            ("Varicella lot X8874,", "X8874"),
            ("RhoGAM 300 mcg IM today, lot RG26B114.", "RG26B114"),
            ("amlodipine 10 mg - Rx #6620481, last fill", "6620481"),
            ("CBC sent (order #ORD-77310452).", "ORD-77310452"),
            ("UM nurse, ref PA-558120; peer", "PA-558120"),
            ("transfer center (ref TC-260307-0091).", "TC-260307-0091"),
            ("holding it under case TW-26-01183, fee", "TW-26-01183"),
            ("specimen CHM-260313-0827, collected", "CHM-260313-0827"),
            ("Portal metadata: msg PM-88213407;", "PM-88213407"),
            ("DONOR NETWORK REFERRAL NEDS-26-030611 - NOT", "NEDS-26-030611"),
            ("STATE POLICE REPORT SP-26-44190: 2018", "SP-26-44190"),
            ("interpreter (ID INT-2291) at bedside", "INT-2291"),
            ("confirmation 88213407", "88213407"),
            ("tracking no. 1Z999AA10123456784", "1Z999AA10123456784"),
        ];
        for (s, want) in cases {
            assert!(ids(s).contains(&(PhiKind::Id, want)), "{s}: {:?}", ids(s));
        }
        assert_eq!(ids("(TRANS ID EV-99120384)."), [(PhiKind::Id, "EV-99120384"), (PhiKind::Id, "EV-99120384")]);
    }

    #[test]
    fn file_event_registration_pin_and_bank_words_take_code_shaped_values() {
        for (s, kind, want) in [
            ("State WCB file 25-0331907   DOI 11/04/2024", PhiKind::Id, "25-0331907"),
            ("State RVCT no. IA-25-TB-0117   IDSS event 4418203\n", PhiKind::Id, "4418203"),
            ("FEMA reg 9274-66013|lost insulin", PhiKind::Id, "9274-66013"),
            ("VFC PIN 061447   VACCINATORS", PhiKind::Id, "061447"),
            ("to county lab, specimens SCPH-25-E0311 and", PhiKind::Id, "SCPH-25-E0311"),
            ("Accounts: checking 004-771-29183, savings 004-771-29191, CD", PhiKind::Account, "004-771-29183"),
            ("Accounts: checking 004-771-29183, savings 004-771-29191, CD", PhiKind::Account, "004-771-29191"),
        ] {
            assert!(ids(s).contains(&(kind, want)), "{s}: {:?}", ids(s));
        }
        // No code's shape: a year, a small number, a time, words.
        for s in
            ["file 2023 taxes", "event 2 of 3", "reg diet", "pin site clean", "checking BG 4x daily", "savings of 120"]
        {
            assert!(ids(s).is_empty(), "{s}: {:?}", ids(s));
        }
    }

    #[test]
    fn the_last_digits_of_an_account_or_a_card() {
        fn endings(text: &str) -> Vec<&str> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            for i in 0..t.len() {
                if t.kind(i) == Some(TokKind::Digit) {
                    account_ending_at(&t, i, &mut out);
                }
            }
            out.iter().filter_map(|c| text.get(c.start..c.end)).collect()
        }
        assert_eq!(endings("debit from checking acct ending 4420 (Sierra CU)"), ["4420"]);
        assert_eq!(endings("Backup card: Visa ending in 8815."), ["8815"]);
        assert_eq!(endings("savings 004-771-29191, CD ending 8820.\n"), ["8820"]);
        // No account word, too far back or on another line, not 4 digits, glued to more.
        for text in [
            "series ending 2024",
            "the card was lost and the series ending 4420",
            "card\nending 4420",
            "acct ending 442",
            "acct ending 4420mg",
        ] {
            assert!(endings(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn incident_booking_kit_seal_warrant_and_licence_words() {
        for (s, kind, want) in [
            ("MEDIC 7   INCIDENT # 2026-004871   DATE", PhiKind::Id, "2026-004871"),
            ("DOC # KX-4471     BOOKING # 26-0031187\n", PhiKind::Id, "KX-4471"),
            ("DOC # KX-4471     BOOKING # 26-0031187\n", PhiKind::Id, "26-0031187"),
            ("accountability: kit K774021 dispensed", PhiKind::Id, "K774021"),
            ("KIT # BK-558102, SEAL 0094417\n", PhiKind::Id, "BK-558102"),
            ("KIT # BK-558102, SEAL 0094417\n", PhiKind::Id, "0094417"),
            ("SEARCH WARRANT # SW-26-0417, SIGNED", PhiKind::Id, "SW-26-0417"),
            ("Drug screen CCF # 0019937724, split", PhiKind::Id, "0019937724"),
            ("Achterberg, DO - NRCME # 3027719854", PhiKind::License, "3027719854"),
            ("T. NAKAMURA EMT-P LIC P41882 / PARTNER", PhiKind::License, "P41882"),
            ("Okoro-Benson, State Bar No. 031847\n", PhiKind::License, "031847"),
            ("Expediente: 3390175\n", PhiKind::Mrn, "3390175"),
        ] {
            assert!(ids(s).contains(&(kind, want)), "{s}: {:?}", ids(s));
        }
        for s in [
            "first aid kit in car",
            "kit 2 given",
            "seal 12",
            "seal intact",
            "doc 12/14",
            "saw the doc 3 times",
            "bar 12",
            "grab bar 4 in",
            "incident 2 falls",
            "booking 3 weeks out",
            "lic 35.1",
            "warrant 2026",
        ] {
            assert!(ids(s).is_empty(), "{s}: {:?}", ids(s));
        }
    }

    #[test]
    fn weak_words_take_a_capital_code_without_a_marker() {
        assert!(
            ids("Member ID 9928177301     Group GRP-702218     RxBIN").contains(&(PhiKind::HealthPlan, "GRP-702218"))
        );
        assert_eq!(ids("16 y/o M, chart D-77201. Accompanied"), [(PhiKind::Mrn, "D-77201")]);
        for s in [
            "chart A1C",
            "group B strep",
            "plan CT 2026",
            "chart\nD-77201",
            "plan q4h",
            "chart B12 level",
            "plan B12 1000",
        ] {
            assert!(ids(s).is_empty(), "{s}: {:?}", ids(s));
        }
        assert!(ids("record of T2DM").is_empty());
    }

    #[test]
    fn a_list_of_codes_of_one_shape() {
        assert_eq!(
            ids("Rose, MRNs P0093321 / P0093322. She"),
            [(PhiKind::Mrn, "P0093321"), (PhiKind::Mrn, "P0093322")]
        );
        assert_eq!(ids("MRN 4471902, 4471939 merged"), [(PhiKind::Mrn, "4471902"), (PhiKind::Mrn, "4471939")]);
        // Another shape ends the list: an age, a year, a dose.
        assert_eq!(ids("MRN 4471902, 80 y/o"), [(PhiKind::Mrn, "4471902")]);
        assert_eq!(ids("MRN 4471902 / 2026 admit"), [(PhiKind::Mrn, "4471902")]);
        assert_eq!(ids("MRN P0093321, P1 and"), [(PhiKind::Mrn, "P0093321")]);
    }

    #[test]
    fn coded_context_words_leave_clinical_values() {
        for s in [
            "a lot of pain",
            "lot of 12 patients",
            "report pain 7/10",
            "pain report 10/10",
            "report 10/10 pain",
            "a case of T2DM",
            "case of L4-L5 stenosis",
            "case 2019",
            "Ref: 135-145",
            "ref range 3.5-5.0",
            "ref 60-100",
            "order 2 units",
            "order 10000 units",
            "Rx: amoxicillin 500 mg",
            "Rx 500mg",
            "order: 1000mL NS",
            "ID consult recs",
            "ID 12",
            "sample 24h urine",
            "message 3/12",
            "report PCV20 given",
            "lot\nX8874",
            "case G2P1",
            "msg 2024",
        ] {
            assert!(ids(s).is_empty(), "{s}: {:?}", ids(s));
        }
    }

    #[test]
    fn id_and_group_after_a_payer_word_are_health_plan_numbers() {
        assert_eq!(
            ids("Insurance: Acme PPO, ID XQW882013344, group 0047721"),
            [(PhiKind::HealthPlan, "XQW882013344"), (PhiKind::HealthPlan, "0047721")]
        );
        assert_eq!(ids("SECONDARY: TX MEDICAID, ID 521903384"), [(PhiKind::HealthPlan, "521903384")]);
        // Another line, or no payer word: an ID number; `group` alone still needs a marker.
        assert_eq!(
            ids("Insurance: Acme\nbadge ID 521903384"),
            [(PhiKind::Id, "521903384"), (PhiKind::Id, "521903384")]
        );
        assert_eq!(ids("visitor ID 521903384"), [(PhiKind::Id, "521903384")]);
        assert!(ids("support group 0047721").is_empty());
        assert!(ids("Medicare: group B strep").is_empty());
    }

    #[test]
    fn mbi_dea_and_abbreviations_in_parentheses() {
        assert_eq!(ids("MBI 1EG4-TE5-MK73"), [(PhiKind::HealthPlan, "1EG4-TE5-MK73")]);
        // `HAR` is a context word of its own too: the same span twice.
        assert_eq!(
            ids("Hospital account (HAR): 60019284"),
            [(PhiKind::Account, "60019284"), (PhiKind::Account, "60019284")]
        );
        assert_eq!(ids("patient account number (PAN): 55120099"), [(PhiKind::Account, "55120099")]);
        assert!(ids("account (HAR): pending").is_empty());
        // A code starting with letters outranks the name run that took them.
        let dea = ids("Kenji Watanabe, MD, DEA FW2289104");
        assert_eq!(dea.iter().map(|&(k, s)| (k, s)).collect::<Vec<_>>(), [(PhiKind::License, "FW2289104")]);
        let t = Tokens::new("DEA FW2289104");
        let mut out = Vec::new();
        find_context_ids(&t, &mut out);
        assert!(out.iter().all(|c| c.score > 92), "{out:?}");
    }

    #[test]
    fn more_context_words_and_code_shapes() {
        for (s, kind, want) in [
            ("MRN: 7731-0458   HAR: 660148823\n", PhiKind::Account, "660148823"),
            ("ACC#: RAD2026-0038814   ORDERING", PhiKind::Id, "RAD2026-0038814"),
            ("reflex FISH sent out, req # NEO-7781265.", PhiKind::Id, "NEO-7781265"),
            ("Prior police report APD 25-118340. Protective", PhiKind::Id, "APD 25-118340"),
            ("claim # WCB 2026-004417", PhiKind::Id, "WCB 2026-004417"),
            ("Machine: Aisys CS2 s/n AMRX01742, checked", PhiKind::Device, "AMRX01742"),
            ("pump S/N: 10044821", PhiKind::Device, "10044821"),
            ("(overnight)    Study #: PSG-26-0044\n", PhiKind::Id, "PSG-26-0044"),
            ("Insurance: MinnesotaCare ID 00418827A\n", PhiKind::HealthPlan, "00418827A"),
            ("NY Medicaid CIN KT48213M\nDOS", PhiKind::HealthPlan, "KT48213M"),
            ("Primary: Cigna, ID U88213407", PhiKind::HealthPlan, "U88213407"),
            ("IM L deltoid   lot 9T4CX\n", PhiKind::Id, "9T4CX"),
            ("Tdap lot AB12C given", PhiKind::Id, "AB12C"),
            ("CDL #: PEL-81-4420\nInjury", PhiKind::License, "PEL-81-4420"),
            ("fixed-wing air ambulance, aircraft N417HM, flight RN", PhiKind::Vehicle, "N417HM"),
            ("tail # N5521Q", PhiKind::Vehicle, "N5521Q"),
            ("Pt's car (PA KLM-4821) is in hospital garage", PhiKind::Vehicle, "PA KLM-4821"),
            ("drives a red truck, MA 1ABC23, to", PhiKind::Vehicle, "MA 1ABC23"),
            ("his van (NY GHT 4821) in lot", PhiKind::Vehicle, "NY GHT 4821"),
        ] {
            assert!(ids(s).contains(&(kind, want)), "{s}: {:?}", ids(s));
        }
    }

    #[test]
    fn more_context_words_leave_clinical_values() {
        for s in [
            "per ACC/AHA 2019 guidelines",
            "ACC 2019 guideline",
            "sleep study 2024 showed",
            "study showed EF 55%",
            "Study: 12/3 EEG",
            "O2 req 4L NC",
            "req 1500 mL",
            "CIN 2 on biopsy",
            "CIN 3 s/p LEEP 2019",
            "h/o CIN2+ 2018",
            "CIN II-III",
            "lot 2X",
            "lot 10ML vial",
            "a lot 12345",
            "case G2P1",
            "order CBC 1200",
            "report HR 110",
            "Rx ASA 325 mg",
            "order 10000UNITS",
            "tail of pancreas 2.5 cm",
            "s/n 2/2",
            "signal s/n ratio 12",
            "n 1234567",
            "n/s 1234567",
            "car accident (PA 2019)",
            "car seat, IN 2 hrs",
            "car, CT 12/3",
            "truck driver, OK I-94",
            "car\nPA KLM-4821",
            "car (PA klm-4821)",
        ] {
            assert!(ids(s).is_empty(), "{s}: {:?}", ids(s));
        }
    }

    #[test]
    fn structured_codes_without_a_context_word() {
        let bare = |text: &str| -> Vec<String> {
            let t = Tokens::new(text);
            let mut out = Vec::new();
            find_bare_codes(&t, &mut out);
            out.iter().map(|c| text[c.start..c.end].to_string()).collect()
        };
        assert_eq!(bare("Clothing bags x 3 (PPB-E-1144, PPB-E-1145)."), ["PPB-E-1144", "PPB-E-1145"]);
        assert_eq!(bare("cores labelled \"S26-004417-A\" in formalin"), ["S26-004417-A"]);
        assert_eq!(bare("Merge request HIM-22817 opened; REG # BB-WA-20219)"), ["HIM-22817", "BB-WA-20219"]);
        // All in lower case, with 5 digits or more (a code typed in a lower-case note).
        assert_eq!(bare("ref ha-31177402"), ["ha-31177402"]);
        assert_eq!(bare("p1 = j.k. (rsh-p-30417-01) - regular"), ["rsh-p-30417-01"]);
        // Tests, genes, forms, code systems, years, lower case with fewer digits or mixed with
        // capitals, parts of longer runs.
        for text in [
            "CA-125 pending, IL-6 high, COVID-19 neg, HLA-B27 pos",
            "billed on CMS-1500 as CPT-99213",
            "FY-2026 budget",
            "PGY-2 resident",
            "il-6 high, covid-19 neg, abt-1992 trial",
            "ref Ha-31177402, ha-SP-31177402",
            "code X-12345-ABCD-7 here",
            "see ABCDEF-12345",
        ] {
            assert!(bare(text).is_empty(), "{text}: {:?}", bare(text));
        }
    }

    #[test]
    fn context_words_across_a_bracket_and_a_state() {
        assert_eq!(ids("Hosp acct (visit): HA-31177402"), [(PhiKind::Account, "HA-31177402")]);
        // Both `Employee` and `ID` take it.
        assert_eq!(ids("Employee ID (pending hire): CVPL-10388"), [(PhiKind::Id, "CVPL-10388"); 2]);
        assert_eq!(ids("Driver's license: CA D6673018, Class A"), [(PhiKind::License, "D6673018")]);
        assert_eq!(ids("OR license: MD-29184"), [(PhiKind::License, "MD-29184")]);
        assert_eq!(ids("National Registry # 4019387265"), [(PhiKind::License, "4019387265")]);
        assert_eq!(ids("interpreter line, interpreter id 40917."), [(PhiKind::Id, "40917")]);
        assert_eq!(ids("SECONDARY INS: IDAHO MEDICAID 0048821950"), [(PhiKind::HealthPlan, "0048821950")]);
        assert_eq!(ids("Hugs band tag HX-203377."), [(PhiKind::Device, "HX-203377")]);
        // A model year after a vehicle word is no plate; the plate after it is.
        assert_eq!(ids("VEHICLE: 2017 TOYOTA TACOMA, PLATE 6XRT902"), [(PhiKind::Vehicle, "6XRT902")]);
        // A bracket that no colon follows, an interpreter without a marker, a short number.
        for text in ["acct (visit) HA-31177402", "Spanish interpreter 45 min", "Medicaid 2019", "tag 12"] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn udi_gs1_strings_are_taken_whole() {
        assert_eq!(
            ids("Poly insert 11 mm, UDI (01)00889024123456(21)PE88130"),
            [(PhiKind::Device, "(01)00889024123456(21)PE88130")]
        );
        assert_eq!(
            ids("UDI: (01)00643169007222(17)270101(10)LOT4411"),
            [(PhiKind::Device, "(01)00643169007222(17)270101(10)LOT4411")]
        );
        assert_eq!(ids("UDI 00889024123456"), [(PhiKind::Device, "00889024123456")]);
        // Parentheses that are not application identifiers.
        assert!(ids("device (see below)").is_empty());
        assert!(ids("UDI (1)").is_empty());
    }
}
