//! Person names (45 CFR 164.514(b)(2)(i)(A)) found three ways: after a title (`Dr.`, `Mrs.`),
//! after a context word (`daughter`, `seen by`, `Patient name:`), and by the shipped Census
//! name dictionary (pairs such as `Maria Lopez`, `SMITH, JOHN`, or a single unambiguous name).
//! Hard negatives: eponyms followed by a clinical noun or `'s` (`Parkinson disease`, `Foley
//! catheter`, `Down syndrome`), drug names and common words (see [`super::dictionary`]).

use super::dictionary::NameInfo;
use super::lexicon::{self, bit, MAX_WORD};
use super::token::{shape, TokKind, Tokens};
use super::{Candidate, PhiKind};

pub(crate) const TITLES: &[&str] =
    &["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "doctor", "mister", "sr", "rev", "dra", "sra", "srta", "doctora"];
pub(crate) const RELATIONS: &[&str] = &[
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "sister",
    "brother",
    "spouse",
    "partner",
    "niece",
    "nephew",
    "aunt",
    "uncle",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "cousin",
    "friend",
    "neighbor",
    "neighbour",
    "caregiver",
    "guardian",
    "fiance",
    "fiancee",
    "boyfriend",
    "girlfriend",
    "mom",
    "dad",
    "stepson",
    "stepdaughter",
    "roommate",
    // Spanish (notes and portal forms written in Spanish).
    "hija",
    "hijo",
    "esposa",
    "esposo",
    "madre",
    "padre",
    "hermana",
    "hermano",
    "nieta",
    "nieto",
    "named",
    "employer",
    "landlord",
    "sibling",
];
pub(crate) const BY_VERBS: &[&str] = &[
    "seen",
    "signed",
    "referred",
    "dictated",
    "accompanied",
    "examined",
    "evaluated",
    "transcribed",
    "reviewed",
    "spoke",
    "discussed",
    "cosigned",
    "electronically",
    "attested",
    "brought",
    "visited",
    "called",
    "consulted",
    "authored",
    "prepared",
    "approved",
    "verified",
];
/// Words after which a dictionary name is likely but not certain.
pub(crate) const WEAK_CONTEXT: &[&str] = &[
    "patient",
    "pt",
    "attending",
    "resident",
    "pcp",
    "physician",
    "provider",
    "surgeon",
    "nurse",
    "rn",
    "np",
    "pa",
    "md",
    "contact",
    "proxy",
    "poa",
    "therapist",
    "cc",
    "fellow",
    "intern",
    "name",
];
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "is",
    "was",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "who",
    "with",
    "for",
    "by",
    "from",
    "this",
    "that",
    "not",
    "no",
    "will",
    "has",
    "had",
    "have",
    "be",
    "been",
    "are",
    "were",
    "as",
    "it",
    "its",
    "today",
    "yesterday",
    "also",
    "then",
    "but",
    "if",
    "about",
    "after",
    "before",
    "patient",
    "pt",
    "mr",
    "mrs",
    "ms",
    "dr",
    "md",
    "rn",
    "here",
    "there",
    "present",
    "at",
    "bedside",
];
pub(crate) const CLINICAL_NOUNS: &[&str] = &[
    "disease",
    "syndrome",
    "sign",
    "signs",
    "palsy",
    "catheter",
    "fracture",
    "cyst",
    "test",
    "maneuver",
    "manoeuvre",
    "procedure",
    "criteria",
    "score",
    "scale",
    "classification",
    "esophagus",
    "ulcer",
    "lymphoma",
    "sarcoma",
    "tumor",
    "tumour",
    "disorder",
    "phenomenon",
    "reflex",
    "node",
    "nodes",
    "triad",
    "law",
    "equation",
    "formula",
    "monitor",
    "tube",
    "drain",
    "stockings",
    "position",
    "operation",
    "repair",
    "method",
    "block",
    "incision",
    "line",
    "bag",
    "forceps",
    "shunt",
    "contractions",
    "contracture",
    "dementia",
    "ataxia",
    "thyroiditis",
    "encephalopathy",
    "tear",
    "deformity",
    "neuroma",
    "anomaly",
    "ligament",
    "gland",
    "glands",
    "duct",
    "space",
    "point",
    "needle",
    "solution",
    "stain",
    "smear",
    "bundle",
    "stitch",
    "chorea",
    "fistula",
    "lesion",
    "lesions",
    "effect",
    "protocol",
    "study",
    "studies",
];

/// A word that can be (part of) a name: letters, capitalized (any case in an upper-case
/// document), more than one letter or `O'` before `'Brien`, and not a function word.
fn name_shaped(t: &Tokens<'_>, i: usize, upper_doc: bool) -> bool {
    // One load of the token for the common tests; the apostrophe join only for one letter.
    t.toks.get(i).is_some_and(|tok| {
        tok.kind == TokKind::Alpha
            && (upper_doc || tok.shape & shape::CAPITALIZED != 0)
            && tok.lex & bit::FUNCTION == 0
            && (tok.shape & shape::MULTI_CHAR != 0 || apostrophe_join(t, i + 1))
    })
}

/// `'Brien` after `O`: an apostrophe joined on both sides to letters (not a possessive `'s`).
fn apostrophe_join(t: &Tokens<'_>, j: usize) -> bool {
    (t.punct(j, '\'') || t.punct(j, '’'))
        && t.joined(j)
        && t.joined(j + 1)
        && t.kind(j + 1) == Some(TokKind::Alpha)
        && !t.is(j + 1, "s")
}

/// `J.` or `J` as a middle initial.
fn initial_end(t: &Tokens<'_>, i: usize) -> Option<usize> {
    let single =
        t.kind(i) == Some(TokKind::Alpha) && !t.multi_char(i) && t.capitalized(i) && !apostrophe_join(t, i + 1);
    if !single {
        return None;
    }
    Some(if t.punct(i + 1, '.') && t.joined(i + 1) { i + 2 } else { i + 1 })
}

/// One name word with `O'Brien` / `Smith-Jones` joins; returns one past it.
fn word_end(t: &Tokens<'_>, i: usize) -> usize {
    let mut j = i + 1;
    while join_at(t, j) {
        j += 2;
    }
    j
}

/// Token `j` is a `-` or apostrophe joined on both sides to letters, and the letters after it
/// are not a possessive `s`.
fn join_at(t: &Tokens<'_>, j: usize) -> bool {
    // Most tokens after a word are not joined punctuation: one load tells.
    let joiner = t
        .toks
        .get(j)
        .is_some_and(|tok| tok.kind == TokKind::Punct && !tok.space_before && matches!(tok.first, '-' | '\'' | '’'));
    joiner && j > 0 && t.joined(j + 1) && t.kind(j + 1) == Some(TokKind::Alpha) && !t.is(j + 1, "s")
}

/// Organisation words: `Mayo Clinic` names a provider, not a person.
pub(crate) const ORGANISATION_NOUNS: &[&str] = &[
    "clinic",
    "hospital",
    "center",
    "centre",
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "memorial",
    "county",
    "health",
    "healthcare",
    "medical",
    "pharmacy",
    "laboratories",
    "labs",
    "street",
    "avenue",
    "road",
    "boulevard",
    "park",
    "lodge",
];

/// Followed by `'s` or a clinical noun, or hyphen-joined to another eponym: not a person.
fn eponym_context(t: &Tokens<'_>, j: usize) -> bool {
    let apostrophe_s = (t.punct(j, '\'') || t.punct(j, '’')) && t.is(j + 1, "s") && t.joined(j);
    apostrophe_s
        || t.has(j, bit::CLINICAL_NOUN)
        || t.has(j, bit::ORGANISATION)
        || (t.is(j, "s") && t.has(j + 1, bit::CLINICAL_NOUN))
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

/// Dictionary entry of the name word starting at `i`, apostrophes and hyphens removed
/// (`O'Brien` → `OBRIEN`, as the Census lists spell it); for `Smith-Jones`, either part.
fn lookup_word(t: &Tokens<'_>, i: usize) -> NameInfo {
    let end = word_end(t, i);
    if end == i + 1 {
        return t.name_info(i);
    }
    let whole = joined_entry(t, i..end);
    if whole.any() {
        return whole;
    }
    let parts = (i..end).filter(|&k| t.kind(k) == Some(TokKind::Alpha) && t.byte_len(k) > 1).map(|k| t.name_info(k));
    let none = NameInfo { first: false, last: false, ambiguous: true, stop: false };
    parts.fold(none, |all, p| NameInfo {
        first: all.first || p.first,
        last: all.last || p.last,
        ambiguous: all.ambiguous && p.ambiguous,
        stop: all.stop || p.stop,
    })
}

/// Dictionary entry of the letters of tokens `range` written together (nothing if they are not
/// ASCII or longer than any listed word).
fn joined_entry(t: &Tokens<'_>, range: std::ops::Range<usize>) -> NameInfo {
    let mut buf = [0u8; MAX_WORD];
    let mut len = 0;
    for k in range.filter(|&k| t.kind(k) == Some(TokKind::Alpha)) {
        let part = t.s(k).as_bytes();
        let Some(dst) = buf.get_mut(len..len + part.len()) else { return NameInfo::default() };
        dst.copy_from_slice(part);
        len += part.len();
    }
    let word = buf.get(..len).unwrap_or(&[]);
    let mut lower = [0u8; MAX_WORD];
    lexicon::fold(word, &mut lower).map_or_else(NameInfo::default, |w| lexicon::word_entry(w).name)
}

/// A run of name words found after some evidence.
struct Run {
    end: usize,
    words: usize,
    /// Some word of the run is in the name dictionary.
    listed: bool,
    /// Some word of the run is on the stop list.
    stopped: bool,
    /// Some word of the run is neither listed nor an English word (likely a rarer name).
    unknown: bool,
}

/// Up to three name words (and initials) from `i`.
fn name_run(t: &Tokens<'_>, i: usize, upper_doc: bool, ev: Evidence) -> Option<Run> {
    let mut run = Run { end: i, words: 0, listed: false, stopped: false, unknown: false };
    while run.words < 3 {
        if let Some(e) = initial_end(t, run.end) {
            if run.words > 0 || ev == Evidence::Title {
                run.end = e;
                continue;
            }
        }
        let j = run.end;
        if !name_shaped(t, j, upper_doc) || (run.words > 0 && t.newline_before(j)) {
            break;
        }
        let info = lookup_word(t, j);
        if ev == Evidence::Title && upper_doc && info.stop && run.words > 0 {
            break;
        }
        // Past a title any word may be a surname ("Dr. Strange"); elsewhere an ordinary English
        // word that is not a listed name ends the run ("son Tomasz visits").
        // Only asked of unlisted words (the costly test; listed words never need it).
        let english = !info.any() && t.english(j);
        if ev != Evidence::Title && english && !info.any() {
            break;
        }
        run.unknown |= !info.any() && !english && !info.stop;
        run.listed |= info.any() && !info.stop;
        run.stopped |= info.stop;
        run.end = word_end(t, j);
        run.words += 1;
    }
    (run.words > 0).then_some(run)
}

fn push(out: &mut Vec<Candidate>, t: &Tokens<'_>, i: usize, end: usize, score: u8) {
    if end > i {
        out.push(Candidate::new(PhiKind::Name, t.start(i), t.end(end - 1), score));
    }
}

/// After a title: `Dr. Jane Q. Doe`, `MRS GARCIA`.
fn after_title(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.has(i, bit::TITLE) || !(t.capitalized(i)) {
        return;
    }
    let j = if t.punct(i + 1, '.') && t.joined(i + 1) { i + 2 } else { i + 1 };
    if let Some(run) = name_run(t, j, upper_doc, Evidence::Title) {
        push(out, t, j, run.end, 92);
    }
}

/// After a context word: `daughter, Ana,`, `seen by Ana Ruiz`, `Patient: RUIZ, ANA`.
fn after_context(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !(t.has(i, bit::RELATION | bit::NAME_WEAK) || (i > 0 && t.has(i - 1, bit::BY_VERB))) {
        return; // no context word here (the common case)
    }
    let by_verb = i > 0 && t.has(i - 1, bit::BY_VERB) && t.is_any(i, &["by", "with", "to"]);
    let name_label = t.is(i, "name") && t.punct(i + 1, ':');
    let ev = if t.has(i, bit::RELATION) || by_verb || name_label {
        Evidence::Strong
    } else if t.has(i, bit::NAME_WEAK) {
        Evidence::Weak
    } else {
        return;
    };
    let mut j = i + 1;
    while t.punct(j, ',') || t.punct(j, ':') || t.punct(j, '-') || t.is_any(j, &["is", "named", "name"]) {
        j += 1;
    }
    if t.has(j, bit::TITLE) {
        return; // the title rule covers it
    }
    let Some(mut run) = name_run(t, j, upper_doc, ev) else { return };
    if run.words == 1 {
        if let Some((e, first)) = last_first_tail(t, run.end, upper_doc, true) {
            run.end = e;
            run.listed |= first.any() && !first.stop;
        }
    }
    // Strong context in mixed case is enough; otherwise some word must be a listed name and
    // none a stop word (drugs, eponyms).
    // After a relation or "seen by", an unlisted non-English word counts too ("son TOMASZ");
    // after a weak word only in mixed case, where the capital is informative.
    let accepted = match ev {
        Evidence::Strong if !upper_doc => true,
        Evidence::Strong | Evidence::Title => (run.listed || run.unknown) && !run.stopped,
        Evidence::Weak if !upper_doc => (run.listed || run.unknown) && !run.stopped,
        Evidence::Weak => run.listed && !run.stopped,
    };
    if accepted {
        push(out, t, j, run.end, 90);
    }
}

/// `SMITH, JOHN` after a run ending at `e`: extends over `, FIRST`.
/// `, FIRST` after a single surname ending at `e`: returns the new end and the first name's
/// dictionary entry. In upper-case text without a context word the first name must be listed.
fn last_first_tail(t: &Tokens<'_>, e: usize, upper_doc: bool, after_context: bool) -> Option<(usize, NameInfo)> {
    if !t.punct(e, ',') || !name_shaped(t, e + 1, upper_doc) || t.newline_before(e + 1) {
        return None;
    }
    let first = lookup_word(t, e + 1);
    let ok = !first.stop && (first.first || ((after_context || !upper_doc) && !first.any()));
    ok.then(|| (word_end(t, e + 1), first))
}

/// Dictionary names without context, from a name-shaped ASCII word `i` with dictionary entry
/// `a`. Every token proposes its own candidates (pairs and, if strong, itself) so that a token
/// left over when a longer candidate loses is still found.
fn from_dictionary(t: &Tokens<'_>, i: usize, a: NameInfo, upper_doc: bool, out: &mut Vec<Candidate>) {
    let a_end = word_end(t, i);
    // LAST, FIRST
    if a.last && !a.stop {
        if let Some((e, b)) = last_first_tail(t, a_end, upper_doc, false) {
            if b.first && !eponym_context(t, e) {
                push(out, t, i, e, 70);
            }
        }
    }
    // FIRST [M.] LAST
    let mid = initial_end(t, a_end).unwrap_or(a_end);
    if a.first && name_shaped(t, mid, upper_doc) && !t.newline_before(mid) {
        let b: NameInfo = t.name_info(mid);
        let b_end = word_end(t, mid);
        let b_ok = b.any() || (!upper_doc && t.ascii(mid));
        // Two listed words in first-last order ("John Smith") are a name even if each alone
        // is also an English word.
        let one_strong = a.strong()
            || b.strong()
            || (b.last && !a.stop && !b.stop)
            || (!upper_doc && !b.any() && !a.stop && !sentence_start(t, i));
        if b_ok && one_strong && !(a.stop && b.stop) && !eponym_context(t, b_end) {
            push(out, t, i, b_end, 70);
        }
    }
    if a.strong() && t.byte_len(i) >= 3 && !eponym_context(t, a_end) {
        push(out, t, i, a_end, 60);
    }
}

/// `Dmitri Rossi`: an unlisted name-shaped word before a strong surname. Scored above a single
/// surname so the pair wins.
/// `i` is a name-shaped ASCII word in no list.
fn unlisted_first_name(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if t.byte_len(i) < 3 || (!upper_doc && t.all_caps(i)) {
        return;
    }
    let b_start = word_end(t, i);
    if !name_shaped(t, b_start, upper_doc) || t.newline_before(b_start) {
        return;
    }
    let b = lookup_word(t, b_start);
    let b_end = word_end(t, b_start);
    let surname = b.last && b.strong();
    // Two capitalized unlisted, non-English words in mixed case ("Dmitri Delacroix"), unless a
    // dose follows (drug names in a medication list).
    let maybe_pair = !upper_doc && !b.any() && !t.all_caps(b_start) && t.kind(b_end) != Some(TokKind::Digit);
    // The English tests last: they are the costly ones (an inflection takes up to a dozen
    // dictionary probes), and most words are followed by neither a surname nor a possible pair
    // (in an upper-case note, nearly every word is followed by a name-shaped word).
    if !(surname || maybe_pair) || b.stop || t.english(i) {
        return;
    }
    let unknown_pair = maybe_pair && !t.english(b_start);
    if (surname || unknown_pair) && !eponym_context(t, b_end) {
        push(out, t, i, b_end, 65);
    }
}

/// Token `i` begins a sentence or a line (its capital says nothing).
fn sentence_start(t: &Tokens<'_>, i: usize) -> bool {
    i == 0 || t.newline_before(i) || ['.', '!', '?', ':'].iter().any(|&p| t.punct(i - 1, p))
}

/// All name candidates.
pub(crate) fn find_names(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
    // Every rule starts at a word (a title, a context word or a name). One walk: the rules
    // score differently (92, 90, 70/60, 65), so their candidates never tie in resolution
    // and the order they are proposed in does not matter.
    // Whether the previous token is a "seen by" verb (`after_context` looks one back).
    let mut after_verb = false;
    for (i, tok) in t.toks.iter().enumerate() {
        let by_verb = std::mem::replace(&mut after_verb, tok.lex & bit::BY_VERB != 0);
        if tok.kind != TokKind::Alpha {
            continue;
        }
        // The title and context rules start only at their keywords: most words skip both.
        if tok.lex & (bit::TITLE | bit::RELATION | bit::NAME_WEAK) != 0 || by_verb {
            after_title(t, i, upper_doc, out);
            after_context(t, i, upper_doc, out);
        }
        if tok.shape & shape::ASCII == 0 || !name_shaped(t, i, upper_doc) {
            continue;
        }
        let info = t.name_info(i);
        if info.any() {
            from_dictionary(t, i, info, upper_doc, out);
        } else {
            unlisted_first_name(t, i, upper_doc, out);
        }
    }
}
