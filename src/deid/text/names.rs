//! Person names (45 CFR 164.514(b)(2)(i)(A)) found three ways: after a title (`Dr.`, `Mrs.`),
//! after a context word (`daughter`, `seen by`, `Patient name:`), and by the shipped Census
//! name dictionary (pairs such as `Maria Lopez`, `SMITH, JOHN`, or a single unambiguous name).
//! Hard negatives: eponyms followed by a clinical noun or `'s` (`Parkinson disease`, `Foley
//! catheter`, `Down syndrome`), drug names and common words (see [`super::dictionary`]).

use super::dictionary::{lookup, NameInfo};
use super::token::{TokKind, Tokens};
use super::{Candidate, PhiKind};

const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "doctor", "mister", "sr", "rev"];
const RELATIONS: &[&str] = &[
    "daughter", "son", "wife", "husband", "mother", "father", "sister", "brother", "spouse",
    "partner", "niece", "nephew", "aunt", "uncle", "grandson", "granddaughter", "grandmother",
    "grandfather", "cousin", "friend", "neighbor", "neighbour", "caregiver", "guardian", "fiance",
    "fiancee", "boyfriend", "girlfriend", "mom", "dad", "stepson", "stepdaughter", "roommate",
    "named", "employer", "landlord", "sibling",
];
const BY_VERBS: &[&str] = &[
    "seen", "signed", "referred", "dictated", "accompanied", "examined", "evaluated",
    "transcribed", "reviewed", "spoke", "discussed", "cosigned", "electronically", "attested",
    "brought", "visited", "called", "consulted", "authored", "prepared", "approved", "verified",
];
/// Words after which a dictionary name is likely but not certain.
const WEAK_CONTEXT: &[&str] = &[
    "patient", "pt", "attending", "resident", "pcp", "physician", "provider", "surgeon", "nurse",
    "rn", "np", "pa", "md", "contact", "proxy", "poa", "therapist", "cc", "fellow", "intern", "name",
];
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "is", "was", "he", "she", "they",
    "his", "her", "their", "who", "with", "for", "by", "from", "this", "that", "not", "no", "will",
    "has", "had", "have", "be", "been", "are", "were", "as", "it", "its", "today", "yesterday",
    "also", "then", "but", "if", "about", "after", "before", "patient", "pt", "mr", "mrs", "ms",
    "dr", "md", "rn", "here", "there", "present", "at", "bedside",
];
const CLINICAL_NOUNS: &[&str] = &[
    "disease", "syndrome", "sign", "signs", "palsy", "catheter", "fracture", "cyst", "test",
    "maneuver", "manoeuvre", "procedure", "criteria", "score", "scale", "classification",
    "esophagus", "ulcer", "lymphoma", "sarcoma", "tumor", "tumour", "disorder", "phenomenon",
    "reflex", "node", "nodes", "triad", "law", "equation", "formula", "monitor", "tube", "drain",
    "stockings", "position", "operation", "repair", "method", "block", "incision", "line", "bag",
    "forceps", "shunt", "contractions", "contracture", "dementia", "ataxia", "thyroiditis",
    "encephalopathy", "tear", "deformity", "neuroma", "anomaly", "ligament", "gland", "glands",
    "duct", "space", "point", "needle", "solution", "stain", "smear", "bundle", "stitch",
    "chorea", "fistula", "lesion", "lesions", "effect", "protocol", "study", "studies",
];

fn name_shaped(t: &Tokens<'_>, i: usize, upper_doc: bool) -> bool {
    t.kind(i) == Some(TokKind::Alpha)
        && t.s(i).chars().count() >= 2
        && (t.capitalized(i) || upper_doc)
        && !t.is_any(i, FUNCTION_WORDS)
}

/// `J.` or `J` as a middle initial.
fn initial_end(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let single = t.kind(i) == Some(TokKind::Alpha) && t.s(i).chars().count() == 1 && t.capitalized(i);
    if !single {
        return None;
    }
    Some(if t.punct(i + 1, '.') && t.joined(i + 1) { i + 2 } else { i + 1 })
}

/// One name word with `O'Brien` / `Smith-Jones` joins; returns one past it.
fn word_end(t: &Tokens<'_>, i: usize) -> usize {
    let mut j = i + 1;
    while (t.punct(j, '-') || t.punct(j, '\'') || t.punct(j, '’')) && t.joined(j) && t.joined(j + 1) && t.kind(j + 1) == Some(TokKind::Alpha) && !t.is(j + 1, "s") {
        j += 2;
    }
    j
}

/// Followed by `'s` or a clinical noun, or hyphen-joined to another eponym: not a person.
fn eponym_context(t: &Tokens<'_>, j: usize) -> bool {
    let apostrophe_s = (t.punct(j, '\'') || t.punct(j, '’')) && t.is(j + 1, "s") && t.joined(j);
    apostrophe_s || t.is_any(j, CLINICAL_NOUNS) || (t.is(j, "s") && t.is_any(j + 1, CLINICAL_NOUNS))
}

/// How sure a context is.
#[derive(Clone, Copy, PartialEq)]
enum Evidence {
    /// Title: any name-shaped words.
    Title,
    /// Relation or "seen by": capitalized words in mixed case, dictionary words in upper case.
    Strong,
    /// "Patient", "attending": the first word must be in the dictionary.
    Weak,
}

/// Up to three name words (and initials) from `i`; returns one past the last.
fn name_run(t: &Tokens<'_>, i: usize, upper_doc: bool, ev: Evidence) -> Option<usize> {
    let mut j = i;
    let mut words = 0;
    while words < 3 {
        if let Some(e) = initial_end(t, j) {
            if words > 0 || ev == Evidence::Title {
                j = e;
                continue;
            }
        }
        if !name_shaped(t, j, upper_doc) {
            break;
        }
        let info = lookup(t.s(j));
        let ok = match ev {
            Evidence::Title => !upper_doc || !info.stop || words == 0,
            Evidence::Strong => if upper_doc { info.any() } else { true },
            Evidence::Weak => if words == 0 { info.any() && !info.stop } else { info.any() || !upper_doc },
        };
        if !ok || (words > 0 && t.newline_before(j)) {
            break;
        }
        j = word_end(t, j);
        words += 1;
    }
    (words > 0).then_some(j)
}

fn push(out: &mut Vec<Candidate>, t: &Tokens<'_>, i: usize, end: usize, score: u8) {
    if end > i {
        out.push(Candidate::new(PhiKind::Name, t.start(i), t.end(end - 1), score));
    }
}

/// After a title: `Dr. Jane Q. Doe`, `MRS GARCIA`.
fn after_title(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.is_any(i, TITLES) || !(t.capitalized(i)) {
        return;
    }
    let j = if t.punct(i + 1, '.') && t.joined(i + 1) { i + 2 } else { i + 1 };
    if let Some(e) = name_run(t, j, upper_doc, Evidence::Title) {
        push(out, t, j, e, 92);
    }
}

/// After a context word: `daughter, Ana,`, `seen by Ana Ruiz`, `Patient: RUIZ, ANA`.
fn after_context(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let by_verb = t.is_any(i, &["by", "with", "to"]) && i > 0 && t.is_any(i - 1, BY_VERBS);
    let name_label = t.is(i, "name") && t.punct(i + 1, ':');
    let ev = if t.is_any(i, RELATIONS) || by_verb || name_label {
        Evidence::Strong
    } else if t.is_any(i, WEAK_CONTEXT) {
        Evidence::Weak
    } else {
        return;
    };
    let mut j = i + 1;
    while t.punct(j, ',') || t.punct(j, ':') || t.punct(j, '-') || t.is_any(j, &["is", "named", "name"]) {
        j += 1;
    }
    if t.is_any(j, TITLES) {
        return; // the title rule covers it
    }
    if let Some(e) = name_run(t, j, upper_doc, ev) {
        let e = last_first_tail(t, j, e, upper_doc).unwrap_or(e);
        push(out, t, j, e, 90);
    }
}

/// `SMITH, JOHN` after a run ending at `e`: extends over `, FIRST`.
fn last_first_tail(t: &Tokens<'_>, i: usize, e: usize, upper_doc: bool) -> Option<usize> {
    if e != i + 1 || !t.punct(e, ',') || !name_shaped(t, e + 1, upper_doc) {
        return None;
    }
    let first = lookup(t.s(e + 1));
    (first.first && !first.stop).then(|| word_end(t, e + 1))
}

/// Dictionary names without context. Every token proposes its own candidates (pairs and, if
/// strong, itself) so that a token left over when a longer candidate loses is still found.
fn from_dictionary(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !name_shaped(t, i, upper_doc) || !t.s(i).is_ascii() {
        return;
    }
    let a = lookup(t.s(i));
    if !a.any() {
        return;
    }
    let a_end = word_end(t, i);
    // LAST, FIRST
    if a.last && !a.stop {
        if let Some(e) = last_first_tail(t, i, a_end, upper_doc) {
            let b = lookup(t.s(e - 1));
            if !eponym_context(t, e) && (a.strong() || b.strong() || !b.stop) {
                push(out, t, i, e, 70);
            }
        }
    }
    // FIRST [M.] LAST
    let mid = initial_end(t, a_end).unwrap_or(a_end);
    if a.first && name_shaped(t, mid, upper_doc) && !t.newline_before(mid) {
        let b: NameInfo = lookup(t.s(mid));
        let b_end = word_end(t, mid);
        let b_ok = b.any() || (!upper_doc && t.s(mid).is_ascii());
        // Two listed words in first-last order ("John Smith") are a name even if each alone
        // is also an English word.
        let one_strong = a.strong() || b.strong() || (b.last && !a.stop && !b.stop);
        if b_ok && one_strong && !(a.stop && b.stop) && !eponym_context(t, b_end) {
            push(out, t, i, b_end, 70);
        }
    }
    if a.strong() && t.s(i).len() >= 3 && !eponym_context(t, a_end) {
        push(out, t, i, a_end, 60);
    }
}

/// All name candidates.
pub(crate) fn find_names(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
    for i in 0..t.len() {
        after_title(t, i, upper_doc, out);
        after_context(t, i, upper_doc, out);
    }
    for i in 0..t.len() {
        from_dictionary(t, i, upper_doc, out);
    }
}
