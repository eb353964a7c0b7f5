//! Person names (45 CFR 164.514(b)(2)(i)(A)) found three ways: after a title (`Dr.`, `Mrs.`),
//! after a context word (`daughter`, `seen by`, `Patient name:`), and by the shipped Census
//! name dictionary (pairs such as `Maria Lopez`, `SMITH, JOHN`, or a single unambiguous name).
//! Hard negatives: eponyms followed by a clinical noun or `'s` (`Parkinson disease`, `Foley
//! catheter`, `Down syndrome`), drug names and common words (see [`super::dictionary`]).

use super::dictionary::NameInfo;
use super::lexicon::{self, bit, MAX_WORD};
use super::scan::marked;
use super::token::{shape, TokKind, Token, Tokens};
use super::{Candidate, PhiKind};

/// The lowest score of a name rule with context of its own (a title 92, a relation or label
/// 90, a credential 88): only such names are carried to the rest of the note.
const STRONG_NAME: u8 = 88;

pub(crate) const TITLES: &[&str] = &[
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "doctor", "mister", "sr", "rev", "dra", "sra", "srta", "doctora",
    "tpr", "trooper", "sgt", "ofc", "fr", "cpl", "capt", "sheikh", "reverend", "deacon",
];
/// Family and household words: relations (with [`RELATIONS`]) after which a word typed in lower
/// case may also be a name ([`lower_case_after_relation`]; not `employer: buckeye freight`).
pub(crate) const FAMILY: &[&str] = &[
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "mom",
    "dad",
    "sister",
    "brother",
    "cousin",
    "aunt",
    "auntie",
    "aunty",
    "uncle",
    "niece",
    "nephew",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "partner",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "roommate",
    "stepdaughter",
    "stepson",
    "stepmother",
    "stepfather",
    "dtr",
];
/// Other relations and context words before a name (`friend`, `guardian`, `employer`); with
/// [`FAMILY`] they are the words of the relation bit.
pub(crate) const RELATIONS: &[&str] = &[
    "spouse",
    "friend",
    "neighbor",
    "neighbour",
    "caregiver",
    "guardian",
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
    "yerno",
    "nuera",
    "suegra",
    "suegro",
    "abuela",
    "abuelo",
    "novio",
    "novia",
    "parents",
    "named",
    "employer",
    "landlord",
    "sibling",
    "sponsor",
    "grandma",
    "grandpa",
    "godmother",
    "godfather",
    "companion",
    "coworker",
    "housemate",
    "sib",
    "sibs",
    "coworkers",
    // Plural and infant relations: `Children Kaylee (9) and Marcus (6)`, `Baby "Nia"`.
    "children",
    "kids",
    "sons",
    "daughters",
    "grandchildren",
    "grandkids",
    "siblings",
    "twins",
    "baby",
    "infant",
    "newborn",
    // Filipino kin words (`my lola Nene`), father and mother of the baby (`FOB Ángel`).
    "lola",
    "lolo",
    "tita",
    "tito",
    "fob",
    "mob",
    // Other members of a therapy group (`peer Trevor K.`).
    "peer",
    "peers",
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
    "pronounced",
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
    "registrar",
    "caller",
    "officer",
    "chaplain",
    "pharmacist",
    "dietitian",
    "witness",
    // Roles of people around the patient: `manager Trish`, `coordinator Renée Dufresne`,
    // `PCT Lakshmi` (patient care technician).
    "manager",
    "coordinator",
    "supervisor",
    "boss",
    "teacher",
    "pastor",
    "rabbi",
    "priest",
    "imam",
    "teammate",
    "classmate",
    "aide",
    "pct",
    "interpreter",
    "translator",
    "counselor",
    "advocate",
    "sitter",
    "doula",
    "midwife",
    "technician",
    "technologist",
    "tech",
    "phleb",
    "phlebotomist",
    "paciente",
    "investigator",
    "donor",
    "crna",
    "agent",
    "scheduler",
    "navigator",
    "receptionist",
    "clerk",
    "dispatcher",
    "caseworker",
    // An ambulance's crew (`medic D. Okonjo`).
    "medic",
    // `DIRECTOR PAUL MERCURIO`, `Pilot Marc-André Thibodeaux`, `coach Darnell` (not `driver`:
    // `Driver Lic Bureau`).
    "director",
    "pilot",
    "deputy",
    "coach",
    "owner",
];
/// Labels that introduce a name only before their colon (`ORDERING: Delacroix, Jean-Paul MD`,
/// `REFERRING: PATEL, NISHA MD`, `Re: Santiago de la Cruz`, `Asst: jazmin`, `Reviewed: ...`):
/// as weak context, like `Patient:`.
pub(crate) const NAME_LABELS: &[&str] = &[
    "ordering",
    "referring",
    "re",
    "asst",
    "assistant",
    "scribe",
    "reviewed",
    "reviewer",
    "author",
    "cosigner",
    "preceptor",
    "sonographer",
    "tech",
    "transcriptionist",
    "requester",
    "submitter",
    // Who a form is about (`Member: Esperanza Quinones`, `Guarantor: ...`, `INMATE: ...`).
    "member",
    "guarantor",
    "subscriber",
    "insured",
    "veteran",
    "inmate",
    "crew",
    "electronically",
    "proband",
    "client",
    // Headers of a forwarded email (`From: Tomás de la Fuente <...>`) and more forms.
    "from",
    "to",
    "cc",
    "employee",
    "informant",
    "applicant",
    "traveler",
    "traveller",
    "participant",
    "signature",
    "child",
    // Who a report or a form is about (`VICTIM: Sofía de la Garza`, `DECEDENT: ...`).
    "student",
    "victim",
    "decedent",
    "individual",
    "recipient",
    "parent",
    "assist",
    "spouse",
];
/// Labels whose colon is followed by a person's initials (`Transcribed: klm`, `RPH: JMH`,
/// `Subject initials: R-JK`).
pub(crate) const INITIALS_LABELS: &[&str] =
    &["initials", "transcribed", "transcriptionist", "scribe", "rph", "pharmacist", "verifier"];

/// `Transcribed: klm`, `RPH: JMH`, `Subject initials: R-JK`: after an initials label and its
/// colon, two or three letters all in one case (or letters joined by `-`), in no keyword list,
/// not English, ending the line or followed by a column gap (`RPH: JMH` / `Scribe: none`,
/// `Initials: DR pending` are not taken). `i` is the label.
fn initials_after_label(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 2;
    if !(t.punct(i + 1, ':') && t.joined(i + 1)) || t.newline_before(j) {
        return;
    }
    if let Some(e) = dotted_initials(t, j) {
        push(out, t, j, e, 86);
        return;
    }
    let mut e = j;
    let mut letters = 0;
    loop {
        let part = t.kind(e) == Some(TokKind::Alpha)
            && t.byte_len(e) <= 3
            && (t.all_caps(e) || t.s(e).chars().all(char::is_lowercase))
            && !t.has(e, u64::MAX);
        if !part {
            return;
        }
        letters += t.byte_len(e);
        e += 1;
        if !(t.punct(e, '-') && t.joined(e) && t.joined(e + 1)) {
            break;
        }
        e += 1;
    }
    let ends = e >= t.len() || t.newline_before(e) || column_gap(t, e);
    if (2..=4).contains(&letters) && ends && !t.english(j) {
        push(out, t, j, e, 86);
    }
}

/// `old band destroyed, witnessed KB.`, `... - reviewed RS`, `Charge RN MGL.`: in a note in
/// mixed case, 2 or 3 capitals that are no keyword, no English word and none of
/// [`NOT_INITIALS`], ending the line (a period may close them), after a credential, `tech` or
/// `sw` (`TECH RAA`, `SW LFD`), or after a signer's verb that follows a `-`, `/` or `,` or
/// opens its line (`witnessed`, `reviewed`, `co-sign`, `verified`). `i` is that word.
fn initials_after_signer(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 1;
    if !capital_initials(t, j) || t.joined(j) || t.newline_before(j) {
        return;
    }
    let e = if t.punct(j + 1, '.') && t.joined(j + 1) { j + 2 } else { j + 1 };
    let ends = e >= t.len() || t.newline_before(e);
    // A verb signs after a `-`, `/` or `,` apart, or opening the line (`Labs reviewed CBC` is
    // a test); `sign` only as `co-sign`.
    let signed = |v: usize| {
        let opens = v == 0 || t.newline_before(v);
        let after_mark = v > 0 && !t.joined(v) && (t.punct(v - 1, '-') || t.punct(v - 1, '/') || t.punct(v - 1, ','));
        let co_sign = t.is(v, "sign") && v >= 2 && t.punct(v - 1, '-') && t.joined(v) && t.is(v - 2, "co");
        (t.is_any(v, &["witnessed", "reviewed", "cosign", "cosigned", "verified"]) && (opens || after_mark)) || co_sign
    };
    let role = t.has(i, bit::CREDENTIAL) || t.is_any(i, &["tech", "sw"]);
    if ends && (role || signed(i)) && !t.english(j) && !t.name_info(j).stop {
        push(out, t, j, j + 1, 80);
    }
}

/// Up to `max` capitals from token `j`, each with its period, all joined (`A.T.N.`): how many,
/// and one past the last period.
fn dotted_capitals(t: &Tokens<'_>, j: usize, max: usize) -> (usize, usize) {
    let mut e = j;
    let mut letters = 0;
    while letters < max
        && t.kind(e) == Some(TokKind::Alpha)
        && t.byte_len(e) == 1
        && t.all_caps(e)
        && (e == j || t.joined(e))
        && t.punct(e + 1, '.')
        && t.joined(e + 1)
    {
        letters += 1;
        e += 2;
    }
    (letters, e)
}

/// `A.T.N.` after an initials label: two to four capitals, each with its period, all joined,
/// ending the line or followed by a column gap. One past the last period.
fn dotted_initials(t: &Tokens<'_>, j: usize) -> Option<usize> {
    let (letters, e) = dotted_capitals(t, j, 4);
    let ends = e >= t.len() || t.newline_before(e) || column_gap(t, e);
    (letters >= 2 && ends && !(t.joined(e) && t.kind(e) == Some(TokKind::Alpha))).then_some(e)
}

/// Credentials written after a clinician's name (`K. Abernathy, RN`, `June Park, PharmD`).
/// Never name words themselves. `MA` is left out: it is also the Massachusetts state code.
pub(crate) const CREDENTIALS: &[&str] = &[
    "phn",
    "md",
    "do",
    "rn",
    "np",
    "pa",
    "pharmd",
    "rph",
    "lcsw",
    "licsw",
    "msw",
    "cnm",
    "crna",
    "dds",
    "dmd",
    "pt",
    "dpt",
    "ot",
    "otr",
    "slp",
    "rd",
    "rdn",
    "ccds",
    "bsn",
    "msn",
    "dnp",
    "phd",
    "psyd",
    "lpn",
    "lvn",
    "cna",
    "emt",
    "mbbs",
    "mbchb",
    "aprn",
    "fnp",
    "agnp",
    "acnp",
    "pnp",
    "cns",
    "rrt",
    "lmft",
    "lpc",
    "lmhc",
    "facp",
    "facs",
    "faap",
    "mph",
    "ccrn",
    "ibclc",
    "cdces",
    "lmsw",
    "lsw",
    "cma",
    "pct",
    "cwocn",
    "wocn",
    "fcap",
    "cnp",
    "pta",
    "cota",
    "lcpc",
    "nnp",
    "cep",
    "mlt",
    "aud",
    "hha",
    "cpnp",
    "whnp",
    "pmhnp",
    "mls",
    "lat",
    "atc",
    "cot",
    "chpn",
    "paramedic",
    "nremt",
    "cpht",
    "bcba",
    "lcdc",
    "ladc",
    "cadc",
    "ccc",
];
/// Credentials that follow an initial and a surname without a comma (`P. Raman MD`): none is
/// also a clinical abbreviation or an English word (`PT`, `PA`, `OT`, `DO`, `RD` are).
const BARE_CREDENTIALS: &[&str] = &[
    "md",
    "rn",
    "np",
    "dds",
    "dmd",
    "pharmd",
    "rph",
    "lcsw",
    "lmsw",
    "msw",
    "crna",
    "cnm",
    "dpt",
    "lpn",
    "lvn",
    "cna",
    "phd",
    "psyd",
    "aprn",
    "fnp",
    "cma",
    "pct",
    "mbbs",
    "emt",
    "paramedic",
    "mls",
    "mlt",
    "atc",
    "chpn",
    "licsw",
    "nremt",
    "cpht",
];
/// Clinical abbreviations and section labels that are never a name when written in capitals
/// (`ED TRIAGE`, `DOB`, `MAE x4`, `AVA 1.6`, `PGY-2`), though some are listed first names in
/// mixed case (`Ed`, `Mae`, `Ava`).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "ed", "er", "icu", "pcp", "cc", "hpi", "ros", "pmh", "dob", "mrn", "rv", "lv", "mae", "ava", "na", "pgy", "gcs",
    "ekg", "ecg", "cxr", "nad", "rrr", "vss", "perrla", "eomi", "ams", "htn", "prn", "npo", "snf", "sw", "cm", "ap",
    "vp", "dea", "npi", "gina", "hr", "brca", "dnr", "dni", "icd", "aicd",
];
/// Lower-case particles inside a name (`Ana de la Cruz`, `Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "de", "la", "del", "della", "van", "von", "der", "den", "da", "di", "du", "dos", "das", "bin", "al", "le", "ter",
    "ten", "los", "las", "y", "el", "ibn",
];
/// A line that closes a message before the writer's name (`thx` / `Abdi`).
const SIGN_OFFS: &[&str] =
    &["thanks", "thx", "thank", "you", "sincerely", "regards", "cheers", "best", "respectfully", "ty"];
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
    "tests",
];

/// A word that can be (part of) a name: letters, capitalized (any case in an upper-case
/// document), more than one letter or `O'` before `'Brien`, not a function word or a
/// credential, not a clinical abbreviation in capitals (in an upper-case document, unless
/// it is a listed name: `MAE JOHNSON`).
#[inline]
fn name_shaped(t: &Tokens<'_>, i: usize, upper_doc: bool) -> bool {
    // One load of the token for the common tests; the apostrophe join only for one letter.
    t.toks.get(i).is_some_and(|tok| {
        tok.kind == TokKind::Alpha
            && (upper_doc || tok.shape & shape::CAPITALIZED != 0)
            && tok.lex & (bit::FUNCTION | bit::CREDENTIAL) == 0
            && (tok.shape & shape::MULTI_CHAR != 0 || apostrophe_join(t, i + 1))
            && (tok.lex & bit::ABBREVIATION == 0 || abbreviation_as_name(t, i, tok.shape, upper_doc))
            && (tok.lex & bit::MONTH == 0 || !month_before_day(t, i))
    })
}

/// `Jan 15`, `June 2nd`: a month name before a number of a day is a date, never a name.
#[cold]
fn month_before_day(t: &Tokens<'_>, i: usize) -> bool {
    t.digits(i + 1, None) && t.byte_len(i + 1) <= 2 && !t.joined(i + 1) && !t.newline_before(i + 1)
}

/// In mixed-case text, a word of two or three capitals (`CC: MVC`, `OD 20/25`, `for NOE`,
/// `husband, POA`, `AM headaches`) is an abbreviation: it starts no name without a title
/// (inside one it may be a name word: `Name: NGUYEN, THI HOA`).
fn short_capitals(t: &Tokens<'_>, i: usize, upper_doc: bool) -> bool {
    !upper_doc && t.multi_char(i) && t.byte_len(i) <= 3 && t.all_caps(i)
}

/// A clinical abbreviation that is a name word all the same: not in capitals in mixed-case
/// text (`Ed`), or a listed name in a note in one case. Rare, so kept out of [`name_shaped`].
#[cold]
#[inline(never)]
fn abbreviation_as_name(t: &Tokens<'_>, i: usize, token_shape: u8, upper_doc: bool) -> bool {
    // In a note in one case (capitals or lower case) only a listed name: `employer hr` in a
    // note typed in lower case is human resources.
    (!upper_doc && token_shape & shape::HAS_LOWER != 0) || (upper_doc && t.name_info(i).any())
}

/// `'Brien` after `O`: an apostrophe joined on both sides to letters (not a possessive `'s`).
fn apostrophe_join(t: &Tokens<'_>, j: usize) -> bool {
    t.apostrophe(j) && t.joined(j) && t.joined(j + 1) && t.kind(j + 1) == Some(TokKind::Alpha) && !t.is(j + 1, "s")
}

/// `J.` or `J` as a middle initial; in a note in one case also `k.` (`k. santos, rn`), where
/// a lower-case letter needs its period.
fn initial_end(t: &Tokens<'_>, i: usize, upper_doc: bool) -> Option<usize> {
    // A letter glued to digits is part of a code (`D0B`, `B12`), never an initial.
    let glued_digits = t.joined(i + 1) && t.kind(i + 1) == Some(TokKind::Digit);
    let single = t.kind(i) == Some(TokKind::Alpha) && !t.multi_char(i) && !apostrophe_join(t, i + 1) && !glued_digits;
    let period = t.punct(i + 1, '.') && t.joined(i + 1);
    if !single || !(t.capitalized(i) || (upper_doc && period)) {
        return None;
    }
    Some(if period { i + 2 } else { i + 1 })
}

/// Most joins one name word takes (`Pierre-Louis-Jean-Baptiste` has 3): a longer chain of
/// joined words is no name, and the bound keeps every walk over a name word short on a text of
/// thousands of words joined by hyphens.
const MAX_JOINS: usize = 6;

/// One name word with `O'Brien` / `Smith-Jones` joins (at most [`MAX_JOINS`]); returns one past
/// it.
fn word_end(t: &Tokens<'_>, i: usize) -> usize {
    let mut j = i + 1;
    while join_at(t, j) && j < i + 2 * MAX_JOINS {
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
    "associates",
    "group",
    "partners",
    "practice",
    "specialists",
    "physicians",
    "consultants",
    "services",
    "sons",
    "inc",
    "llc",
    "pllc",
    // Businesses (an employer named after `Employer:` is not a person).
    "company",
    "corp",
    "corporation",
    "freight",
    "logistics",
    "trucking",
    "industries",
    "enterprises",
    "manufacturing",
    "ltd",
    // Schools, shelters, farms and the like (`Finley Elementary`, `Simpson Housing`).
    "elementary",
    "academy",
    "hospice",
    "housing",
    "shelter",
    "farms",
    "pavilion",
    // Makers and firms (`Kestrel Building Products`, `Helixar Therapeutics`, `Young Street Rehab`).
    "products",
    "therapeutics",
    "pharmaceuticals",
    "rehab",
    "dentistry",
    "moving",
];

/// Followed by `'s` or a clinical noun, or hyphen-joined to another eponym: not a person.
fn eponym_context(t: &Tokens<'_>, j: usize) -> bool {
    // `Kenji's dose`: a listed given name that is no surname names no disease (looked up only
    // before a possessive).
    let given = || {
        let info = t.name_info(j.wrapping_sub(1));
        j > 0 && info.first && !info.last && info.strong()
    };
    let apostrophe_s =
        t.apostrophe(j) && t.is(j + 1, "s") && t.joined(j) && (t.has(j + 2, bit::CLINICAL_NOUN) || !given());
    apostrophe_s
        || t.has(j, bit::CLINICAL_NOUN)
        || t.has(j, bit::ORGANISATION)
        || t.punct(j, '&')
        || (t.is(j, "s") && t.has(j + 1, bit::CLINICAL_NOUN))
}

/// A single word `i..end` that is a score or one of a pair of eponyms, not a person:
/// followed by a number of at most three digits (`Braden 17`, `Morse 55`, `AVA 1.6`; a ZIP
/// code after a city is not a score) or joined by `/` (`Ortolani/Barlow`).
fn scale_or_pair(t: &Tokens<'_>, i: usize, end: usize) -> bool {
    (t.kind(end) == Some(TokKind::Digit) && t.byte_len(end) <= 3)
        || (t.punct(end, '/') && t.joined(end))
        || (i > 0 && t.punct(i - 1, '/') && t.joined(i))
        || roman_grade(t, end)
}

/// A grade in Roman numerals II to VI in capitals (`FITZPATRICK II`, `Fitzpatrick IV`): a
/// scale, like a number. (`I` is left out: it is also the pronoun.)
fn roman_grade(t: &Tokens<'_>, k: usize) -> bool {
    t.all_caps(k) && !t.newline_before(k) && t.is_any(k, &["ii", "iii", "iv", "v", "vi"])
}

/// Department names by their ending (`Cardiology`, `Pediatrics`, `Psychiatry`, `Neurosurgery`):
/// never a person's name (`Dr. Miriam Oyelowo, Pediatric Cardiology`).
const DEPARTMENT_ENDINGS: &[&str] = &["ology", "ologist", "iatry", "iatric", "iatrics", "surgery", "therapy"];

/// Token `k` ends like a department name ([`DEPARTMENT_ENDINGS`]).
fn department(t: &Tokens<'_>, k: usize) -> bool {
    let word = t.s(k).as_bytes();
    DEPARTMENT_ENDINGS.iter().any(|end| {
        word.len() > end.len()
            && word.get(word.len() - end.len()..).is_some_and(|w| w.eq_ignore_ascii_case(end.as_bytes()))
    })
}

/// Lower-case particles (`de la`) at `j` inside a name: one past them if a name-shaped word
/// follows on the same line.
fn particles_end(t: &Tokens<'_>, j: usize, upper_doc: bool) -> Option<usize> {
    let mut k = j;
    while k < j + 2
        && t.byte_len(k) <= 5
        && (upper_doc || !t.capitalized(k))
        && !t.newline_before(k)
        && particle_initial(t, k)
        && t.is_any(k, PARTICLES)
    {
        // `Abdelkarim al-Tamimi`: a particle joined to the name by a hyphen.
        if t.punct(k + 1, '-') && t.joined(k + 1) && t.joined(k + 2) {
            k += 2;
            break;
        }
        k += 1;
    }
    (k > j && !t.newline_before(k) && name_shaped(t, k, upper_doc)).then_some(k)
}

/// Token `k` starts with a letter some particle starts with ([`PARTICLES`]): one test that
/// turns most words away before the list is searched.
fn particle_initial(t: &Tokens<'_>, k: usize) -> bool {
    t.toks.get(k).is_some_and(|tok| {
        matches!(tok.first.to_ascii_lowercase(), 'a' | 'b' | 'd' | 'e' | 'i' | 'l' | 't' | 'v' | 'y')
    })
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
    if romanized_given_name(t, i, end) {
        return NameInfo::FIRST;
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

/// Syllables of Korean and Chinese given names as romanized (`Ji-hoon`, `Seo-yeon`, `Mei-ling`).
const GIVEN_NAME_SYLLABLES: &[&str] = &[
    "ae", "ah", "bin", "bo", "chan", "chang", "cheol", "chul", "da", "dae", "dong", "eun", "gi", "gyu", "ha", "hae",
    "han", "ho", "hoon", "hee", "hui", "hwa", "hwan", "hye", "hyo", "hyuk", "hyun", "in", "ja", "jae", "jeong", "ji",
    "jin", "jing", "joo", "joon", "ju", "jun", "jung", "ki", "kyung", "kyu", "li", "lin", "ling", "mei", "mi", "min",
    "ming", "mun", "myung", "na", "nam", "qing", "ra", "sang", "seo", "seok", "seon", "seung", "shin", "sook", "soo",
    "soon", "su", "suk", "sun", "sung", "tae", "wei", "won", "woo", "xiao", "xin", "yan", "ye", "yeon", "yeong", "yi",
    "ying", "yong", "yoon", "young", "yu", "yun",
];

/// `Ji-hoon`, `Seo-yeon`, `Mei-ling`, `HO-JIN`: a given name of two romanized syllables
/// ([`GIVEN_NAME_SYLLABLES`]) joined by a hyphen, tokens `i..end`, the first capitalized and the
/// second in lower case (in capitals when the first is): a first name, though in no list.
fn romanized_given_name(t: &Tokens<'_>, i: usize, end: usize) -> bool {
    let (a, b) = (i, i + 2);
    if end != i + 3 || !t.punct(i + 1, '-') || t.byte_len(a) > 5 || t.byte_len(b) > 5 {
        return false;
    }
    let cased = if t.all_caps(a) { t.all_caps(b) } else { t.capitalized(a) && !t.capitalized(b) };
    cased
        && t.is_any(a, GIVEN_NAME_SYLLABLES)
        && t.is_any(b, GIVEN_NAME_SYLLABLES)
        && t.byte_len(a) + t.byte_len(b) >= 4
        && !t.s(a).eq_ignore_ascii_case(t.s(b))
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

/// Up to three name words (and initials) from `i` after a title, four after other context
/// (`Luis Alberto Fuentes Márquez`), with particles between words (`Ana de la Cruz`).
fn name_run(t: &Tokens<'_>, i: usize, upper_doc: bool, ev: Evidence) -> Option<Run> {
    let mut run = Run { end: i, words: 0, listed: false, stopped: false, unknown: false };
    // Four words after a title too: `Dr. Nguyen Thi Thu Trang`.
    let max = 4;
    while run.words < max {
        if let Some(e) = initial_end(t, run.end, upper_doc) {
            if run.words > 0 || ev == Evidence::Title {
                run.end = e;
                continue;
            }
        }
        let mut j = run.end;
        // `Dr. Will Young`, `SON WILL PAPADAKIS`: a listed first name that is also a function
        // word opens a run after a title or a relation when a name word follows on its line
        // (listed or no English word, so not `SON WILL CALL`).
        if run.words == 0 && ev != Evidence::Weak && function_first_name(t, j, upper_doc, ev == Evidence::Title) {
            run.end = word_end(t, j);
            run.words = 1;
            run.listed = true;
            continue;
        }
        // After a name word or an initial (`Dr. E. van der Berg`).
        if run.end > i && !name_shaped(t, j, upper_doc) {
            match particles_end(t, j, upper_doc) {
                Some(k) => j = k,
                None => break,
            }
        }
        if !name_shaped(t, j, upper_doc) || (run.words > 0 && t.newline_before(j)) {
            break;
        }
        if run.words == 0 && ev != Evidence::Title && short_capitals(t, j, upper_doc) {
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
        if ev != Evidence::Title && !info.any() && (english || department(t, j)) {
            break;
        }
        run.unknown |= !info.any() && !english && !info.stop;
        run.listed |= info.any() && !info.stop;
        run.stopped |= info.stop;
        run.end = word_end(t, j);
        run.words += 1;
    }
    // `Dr V called back`: after a title an initial alone is a name too.
    let initial_alone = ev == Evidence::Title && run.end > i;
    (run.words > 0 || initial_alone).then_some(run)
}

/// A code starts at token `k`: a number, or a word in capitals glued to a digit within its
/// next three tokens (`CT-0114-01`).
fn code_follows(t: &Tokens<'_>, k: usize) -> bool {
    t.digits(k, None) || (t.all_caps(k) && (k + 1..k + 4).any(|m| t.joined(m) && t.digits(m, None)))
}

/// Token `j` is a listed first name that is also a function word (`Will`, `May`), capitalized
/// (or in a note in one case).
fn listed_function_word(t: &Tokens<'_>, j: usize, upper_doc: bool) -> bool {
    t.kind(j) == Some(TokKind::Alpha)
        && t.has(j, bit::FUNCTION)
        && t.multi_char(j)
        && (t.capitalized(j) || upper_doc)
        && t.name_info(j).first
}

/// A listed first name that is also a function word ([`listed_function_word`]) followed on its
/// line by a name-shaped word that is a listed name and no English
/// word, or in no list and no English word (`WILL PAPADAKIS`; not `WILL CALL`); after a title
/// any word that is not a stop word (`Dr. Will Young`).
fn function_first_name(t: &Tokens<'_>, j: usize, upper_doc: bool, titled: bool) -> bool {
    if !listed_function_word(t, j, upper_doc) || t.newline_before(j) {
        return false;
    }
    let k = word_end(t, j);
    if t.newline_before(k) || !name_shaped(t, k, upper_doc) {
        return false;
    }
    let next = lookup_word(t, k);
    (titled && !next.stop) || next.strong() || (!next.any() && !t.english(k))
}

fn push(out: &mut Vec<Candidate>, t: &Tokens<'_>, i: usize, end: usize, score: u8) {
    // `O'Brien`, `D'Souza`: the prefix and its apostrophe belong to the name found after them.
    let prefixed = i >= 2 && t.apostrophe(i - 1) && t.joined(i) && t.joined(i - 1) && t.is_any(i - 2, &["o", "d"]);
    let i = if prefixed { i - 2 } else { i };
    if end > i {
        out.push(Candidate::new(PhiKind::Name, t.start(i), t.end(end - 1), score));
    }
}

/// After a title: `Dr. Jane Q. Doe`, `MRS GARCIA`.
/// Not a title: one at the end of its line, after a number (`0.4 MS`), or an all-capitals
/// `MR`/`MS` in mixed-case text before a word not in capitals (`mod MR. Cardiology`: mitral
/// regurgitation).
fn after_title(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !t.has(i, bit::TITLE) {
        return;
    }
    if !t.capitalized(i) {
        lower_case_title(t, i, out);
        return;
    }
    let j = if t.punct(i + 1, '.') && t.joined(i + 1) { i + 2 } else { i + 1 };
    let abbreviation = !upper_doc && t.all_caps(i) && t.multi_char(i) && !t.is(i, "dr") && !t.all_caps(j);
    let after_number = i > 0 && t.kind(i - 1) == Some(TokKind::Digit) && !t.newline_before(i);
    // `1405 Lakeland Dr SE Apt 12`: `Dr` is a street's Drive before a direction or a unit.
    let drive = t.is(i, "dr") && j == i + 1 && (t.has(j, bit::UNIT) || t.is_any(j, &["ne", "nw", "se", "sw"]));
    // `shop on Lakeshore Dr. Closed at 5`: after a street's name, before an English word in no
    // name list, `Dr.` ends a sentence.
    let street = t.is(i, "dr")
        && i >= 2
        && t.capitalized(i - 1)
        && t.is_any(i - 2, &["on", "at", "off", "near"])
        && t.english(j)
        && !t.name_info(j).any();
    let drive = drive || street;
    if t.newline_before(j) || after_number || abbreviation || drive {
        return;
    }
    if let Some(run) = name_run(t, j, upper_doc, Evidence::Title) {
        let mut end = run.end;
        // `DR. OSEI, KOFI`: a title before `SURNAME, FIRST`.
        if run.words == 1 {
            if let Some((e, first)) = last_first_tail(t, run.end, upper_doc, true) {
                if first.any() || !t.english(run.end + 1) {
                    end = e;
                }
            }
        }
        push(out, t, j, end, 92);
        if t.is_any(i, OFFICER_TITLES) {
            officer_number(t, end, out);
        }
    }
}

/// Titles of officers, whose badge number often follows their name.
const OFFICER_TITLES: &[&str] = &["ofc", "officer", "deputy", "sgt", "trooper", "det", "cpl", "tpr"];

/// `Ofc Lucia Grant #4412`, `OFC R. MAY #2219`: a `#` and a number of 3 to 6 digits right after
/// an officer's name ending at `e` (the badge that identifies the officer), nothing glued after.
fn officer_number(t: &Tokens<'_>, e: usize, out: &mut Vec<Candidate>) {
    let n = if t.punct(e, ',') { e + 1 } else { e };
    let number = t.punct(n, '#')
        && !t.newline_before(n)
        && t.joined(n + 1)
        && t.digits(n + 1, None)
        && (3..=6).contains(&t.byte_len(n + 1))
        && !(t.joined(n + 2) && matches!(t.kind(n + 2), Some(TokKind::Digit | TokKind::Alpha)));
    if number {
        out.push(Candidate::new(PhiKind::Id, t.start(n + 1), t.end(n + 1), 85));
    }
}

/// `R. Abernathy-Cole`, `by D. Kowalczyk`: a capital initial with its period, then on the same
/// line a strong listed surname, or after `by`, `per`, `cc`, `to`, `from`, `with`, `call`,
/// `contact`, `ask`, `page`, `paged` or `notify` a name-shaped word in no list that is no English word (`E. coli`, `S. aureus` are written in
/// lower case; `C. Diff` is an English word).
fn initial_and_surname(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let s = i + 2;
    if t.newline_before(s) || t.joined(s) || !name_shaped(t, s, upper_doc) || (i > 0 && t.has(i - 1, bit::TITLE)) {
        return;
    }
    let info = lookup_word(t, s);
    let e = word_end(t, s);
    let listed = info.last && info.strong();
    let by_words = ["by", "per", "cc", "to", "from", "with", "call", "contact", "ask", "page", "paged", "notify"];
    // Or after a label's colon (`Processed by: R. Baker`, `Supervisor review: T. Marchetti`).
    let w = if i > 1 && t.punct(i - 1, ':') { i - 2 } else { i.wrapping_sub(1) };
    let after_by = i > 0
        && !t.newline_before(i)
        && (t.is_any(w, &by_words) || (w != i.wrapping_sub(1) && t.is_any(w, &["review", "reviewer"])));
    // A joined surname (`O'Shaughnessy`, `Abernathy-Cole`) is measured and judged whole.
    let joined = e > s + 1;
    let unlisted = !info.any()
        && !info.stop
        && t.end(e - 1) - t.start(s) >= 3
        && (upper_doc || !t.all_caps(e - 1))
        && (joined || !t.english(s));
    // After such a word a listed surname counts too (`R. Baker`: also an English word).
    let surname = info.last && !info.stop;
    let by_context = (listed || (after_by && (unlisted || surname))) && !eponym_context(t, e);
    if by_context || initial_in_slot(t, i, s, e, upper_doc) {
        push(out, t, i, e, 70);
    }
}

/// Species written with their genus's initial (`E. coli`, `C. Diff`, `H. Pylori`): never a
/// person's initial and surname.
const SPECIES: &[&str] = &[
    "coli",
    "diff",
    "difficile",
    "aureus",
    "pylori",
    "pneumoniae",
    "aeruginosa",
    "albicans",
    "faecalis",
    "faecium",
    "epidermidis",
    "pyogenes",
    "agalactiae",
    "influenzae",
    "gonorrhoeae",
    "trachomatis",
    "vaginalis",
    "marcescens",
    "cloacae",
    "mirabilis",
    "baumannii",
    "jirovecii",
    "neoformans",
    "fumigatus",
    "burgdorferi",
    "pallidum",
    "lugdunensis",
    "capitis",
    "hominis",
    "oxytoca",
    "acnes",
    "perfringens",
    "tetani",
    "botulinum",
    "vulgaris",
    "glabrata",
    "auris",
    "maltophilia",
    "cepacia",
    "meningitidis",
    "pertussis",
    "avium",
    "kansasii",
    "sapiens",
];

/// `Closed 03/24/2026 - B. Agyeman`, `| J. Pryce |`, `- A. Petrosyan, imaging analyst`, `signed
/// N. Abara-Lindqvist / co-sign`: an initial and a surname (`s..e`) filling a slot of their own,
/// as logs, tables and sign-offs write the person who acted: after the start of a line, a
/// dash, a bar, a slash or a column gap, and before the end of the line, a comma, a bar, a
/// slash, a bracket or a column gap. The surname is no English word (a listed surname may be
/// one), in capitals only if it is 4 letters or more (`R. OYELOWO`), and no species
/// (`C. Diff`).
fn initial_in_slot(t: &Tokens<'_>, i: usize, s: usize, e: usize, upper_doc: bool) -> bool {
    let before = i == 0
        || t.newline_before(i)
        || column_gap(t, i)
        || ((t.punct(i - 1, '-') || t.punct(i - 1, '|') || t.punct(i - 1, '/')) && !t.joined(i))
        || (t.is_any(i - 1, &["signed", "witness", "attn"]) && !t.newline_before(i));
    let after =
        e >= t.len() || t.newline_before(e) || column_gap(t, e) || [',', '|', '/', '('].iter().any(|&p| t.punct(e, p));
    if !before || !after || t.is_any(s, SPECIES) {
        return false;
    }
    let info = lookup_word(t, s);
    let caps_ok = upper_doc || !t.all_caps(e - 1) || t.end(e - 1) - t.start(s) >= 4;
    let word_ok = (info.last && !info.stop) || (!info.any() && !info.stop && (e > s + 1 || !t.english(s)));
    caps_ok && word_ok && t.end(e - 1) - t.start(s) >= 3 && !eponym_context(t, e)
}

/// Token `i` starts a row of a list or a table: the start of a line (after a bullet), a cell
/// after a bar, or the next column after a column gap.
fn row_start(t: &Tokens<'_>, i: usize) -> bool {
    if i == 0 || t.newline_before(i) || column_gap(t, i) {
        return true;
    }
    let bullet = ['-', '*', '•'].iter().any(|&p| t.punct(i - 1, p));
    // `1. KEALOHA, LEILANI`, `4) Nakai, Delbert`: a numbered item; `#2 ZIELINSKA, HALINA`.
    let numbered =
        i >= 2 && (t.punct(i - 1, '.') || t.punct(i - 1, ')')) && t.digits(i - 2, None) && t.byte_len(i - 2) <= 2;
    let hash_numbered = i >= 2
        && t.digits(i - 1, None)
        && t.byte_len(i - 1) <= 3
        && t.punct(i - 2, '#')
        && t.joined(i - 1)
        && !t.joined(i)
        && (i == 2 || t.newline_before(i - 2));
    // `Lead: Okafor, Chidinma, MPH`, `MOM: ALVAREZ, YESENIA`: after a label's colon.
    let label = i >= 2 && t.punct(i - 1, ':') && t.joined(i - 1) && t.kind(i - 2) == Some(TokKind::Alpha);
    t.punct(i - 1, '|')
        || (bullet && (i == 1 || t.newline_before(i - 1)))
        || (numbered && (i == 2 || t.newline_before(i - 2)))
        || hash_numbered
        || label
}

/// `- NGUYEN, Long (TCH0100452)`, `Young, Will | DPP14-011`, `kaur, manpreet     ED 14`:
/// `LAST, FIRST` (a second given name or a middle initial may follow) as a row of a list or a
/// table, starting the row and ending at its next column: the end of the line, a column gap,
/// a bar, a bracket, a quoted nickname or a record keyword (`chen, wei mrn 2203318`). One of
/// the two words is a listed name of its part (surname first, given name second); the other is
/// listed too or no English word, except that a listed surname before a bar or a bracket takes
/// any given name (`MOORE, Price (`); two words in no list and no English word are a name
/// before a bracket or a record keyword (`OKAFOR, CHIDI  MRN`). Neither is a keyword
/// (`Houston, TX`).
fn row_last_first(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let a_end = word_end(t, i);
    let f = a_end + 1;
    let cased = |k: usize| t.kind(k) == Some(TokKind::Alpha) && (upper_doc || t.capitalized(k));
    if !row_start(t, i) || !t.punct(a_end, ',') || !cased(i) || !cased(f) || t.newline_before(f) {
        return;
    }
    let keyword = |k: usize| t.toks.get(k).is_some_and(|x| x.lex != 0 && x.lex != bit::FUNCTION);
    // Measured whole: `O'Driscoll` starts with a one-letter token.
    if (keyword(i) && a_end == i + 1) || keyword(f) || t.end(a_end - 1) - t.start(i) < 2 || t.byte_len(f) < 2 {
        return;
    }
    // Where the row's next column starts, by its shape alone, before any word is looked up:
    // after the given name, or after a second one (`Price, William`, `NGUYEN, THI HOA`), each
    // with a middle initial or not. Most `Word, Word` pairs end no row and stop here.
    let closer = |e: usize| {
        let end = trailing_initial(t, e, upper_doc).unwrap_or(e);
        let bracket = t.punct(end, '(') || t.punct(end, '|') || t.punct(end, '"') || t.punct(end, '“');
        // A credential after it, with its comma or not (`Okafor, Chidinma, MPH`).
        let credential = t.has(end, bit::CREDENTIAL) || (t.punct(end, ',') && t.has(end + 1, bit::CREDENTIAL));
        // A record's own keyword or bracket after the row: `OKAFOR, CHIDI  MRN`, `Al-Khatib,
        // Noor (E0420113)`.
        let record = bracket || credential || t.has(end, bit::ID_CONTEXT | bit::BIRTH);
        let closes = record || end >= t.len() || t.newline_before(end) || column_gap(t, end);
        closes.then_some((end, bracket, record))
    };
    let one = word_end(t, f);
    let second_shaped =
        cased(one) && !t.newline_before(one) && !column_gap(t, one) && !keyword(one) && t.multi_char(one);
    let (end, bracket, record) = match closer(one) {
        Some(c) => c,
        None if second_shaped => {
            let Some(c) = closer(word_end(t, one)) else { return };
            let second = lookup_word(t, one);
            if second.stop || !(second.first || (!second.any() && !t.english(one))) {
                return;
            }
            c
        }
        None => return,
    };
    let (last, first) = (lookup_word(t, i), lookup_word(t, f));
    let unlisted = |info: NameInfo, k: usize| !info.any() && !info.stop && !t.english(k);
    // After a label that names a person (`Patient: ACTIVE, KALEB JOSEPH`, `OWNER: ...`), a
    // listed given name takes a surname that is also a word.
    let person_label =
        i >= 2 && t.punct(i - 1, ':') && t.has(i - 2, bit::NAME_WEAK | bit::NAME_LABEL) && !t.newline_before(i);
    let ok = match (last.last && !last.stop, first.first && !first.stop) {
        (true, true) => true,
        (true, false) => unlisted(first, f) || (bracket && !first.stop),
        (false, true) => unlisted(last, i) || (person_label && !last.stop),
        // Words of 3 letters or more, no short capitals (`Td, MMR (lot ...)` are vaccines).
        (false, false) => {
            record
                && unlisted(last, i)
                && unlisted(first, f)
                && t.byte_len(f) >= 3
                && t.end(a_end - 1) - t.start(i) >= 3
                && !short_capitals(t, f, upper_doc)
        }
    };
    if ok && !eponym_context(t, end) {
        // Above a credential's name (88): `Lead: Okafor, Chidinma, MPH` is one name, not the
        // given name before `, MPH` and a surname of its own.
        push(out, t, i, end, 89);
        if t.punct(end, '(') {
            row_record_number(t, end + 1, out);
        }
    }
}

/// `Name: wesley jean-baptiste`, `profile name: ji-woo   dob`: a web form's or a portal's name
/// field typed in lower case, the rest of the line (or of its column) after `name` and its
/// colon: one to three
/// lower-case words (hyphens inside), at least one of them no English word and none a keyword.
fn lower_case_name_after_label(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 2;
    if !t.is(i, "name") || !t.punct(i + 1, ':') || !t.joined(i + 1) || t.newline_before(j) {
        return;
    }
    let mut e = j;
    let mut words = 0;
    let mut unlisted = false;
    while e < t.len() && !(e > j && (t.newline_before(e) || column_gap(t, e))) {
        let word_end = self::word_end(t, e);
        let lower = (e..word_end).all(|k| t.kind(k) != Some(TokKind::Alpha) || t.all_lower(k));
        if t.kind(e) != Some(TokKind::Alpha) || !lower || t.has(e, u64::MAX) || words == 3 {
            return;
        }
        unlisted |= (e..word_end).any(|k| t.kind(k) == Some(TokKind::Alpha) && !t.english(k));
        words += 1;
        e = word_end;
    }
    if unlisted {
        push(out, t, j, e, 88);
    }
}

/// `Whitfield, Grant (E0398841)`, `NGUYEN, Long (TCH0100452)`: the code in brackets right after
/// a name of a row ([`row_last_first`]), from `c`, is the person's record number: letters and
/// digits glued together (with `-`), 5 to 16 of them with at least 4 digits, closed by its
/// bracket.
fn row_record_number(t: &Tokens<'_>, c: usize, out: &mut Vec<Candidate>) {
    let (j, digits, chars) = super::ids::glued_run(t, c, 6, true);
    if j > c && t.punct(j, ')') && t.joined(j) && digits >= 4 && (5..=16).contains(&chars) && !t.punct(j - 1, '-') {
        out.push(Candidate::new(PhiKind::Mrn, t.start(c), t.end(j - 1), 80));
    }
}

/// `née` (or `nee`) before a maiden name: `Samira Haddad (née Nassar)`. The name words after
/// it are taken as after a title.
fn maiden_name_marker(t: &Tokens<'_>, i: usize) -> bool {
    let word = t.s(i);
    word == "née" || word == "Née" || word.eq_ignore_ascii_case("nee")
}

/// A lower-case title in a patient's message or a note typed in lower case (`hi dr hollis`,
/// `appt with dr kowalski`, `hr (ms. ortega)`, `sheikh mahad`): up to two listed names that are
/// not English words, or surname-shaped words in no list.
fn lower_case_title(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.is_any(i, &["dr", "doctor", "mr", "mrs", "ms", "sheikh", "ofc", "officer", "deputy", "sgt"]) {
        return;
    }
    let period = t.punct(i + 1, '.') && t.joined(i + 1);
    let j = if period { i + 2 } else { i + 1 };
    // `hi ms. park -`, `ask mrs. hill from`: after a courtesy title with its period, a listed
    // surname that is also an English word.
    let courtesy = period && t.is_any(i, &["mr", "mrs", "ms"]);
    // `dr n. okafor`: an initial with its period (in any case) before the surname.
    let initial = initial_end(t, j, true).filter(|&e| e == j + 2 && !t.newline_before(e) && !t.joined(e));
    let words = initial.unwrap_or(j);
    let mut end = words;
    while end < words + 2 {
        let k = end;
        // `o'rourke`, `d'angelo`: a one-letter prefix joined by an apostrophe.
        let prefixed = t.is_any(k, &["o", "d"]) && join_at(t, k + 1);
        let word = t.kind(k) == Some(TokKind::Alpha)
            && (t.multi_char(k) || prefixed)
            && !t.has(k, bit::FUNCTION | bit::CREDENTIAL);
        if !word || (k > j && t.newline_before(k)) {
            break;
        }
        let info = lookup_word(t, k);
        // An unlisted word must look like a surname: 5 letters or more, in no keyword list and
        // not a short plural (`dr okafor`, `mrs. karagiannis`; not `dr appt`, `dr appts`), or
        // a prefixed surname (`mrs o'rourke`).
        // A shorter one ends its clause (`w/ dr obi.`).
        let clause_end = t.punct(k + 1, '.') || t.punct(k + 1, ',') || k + 1 >= t.len() || t.newline_before(k + 1);
        let long_enough = t.byte_len(k) >= 5 || (k == words && t.byte_len(k) >= 3 && clause_end);
        let unlisted_ok = !info.any()
            && ((long_enough
                && !t.has(k, u64::MAX)
                && (!t.s(k).ends_with('s') || t.byte_len(k) >= 8)
                && word_end(t, k) == k + 1)
                || prefixed);
        // A listed surname that is also an English word after a first word (`dr sanjay price`),
        // or straight after `dr` in a message (`hey dr young its jamal`, `tell dr park i did`),
        // where it is in no keyword list (`dr office`, `dr appt` stay).
        let after_dr =
            k == words && t.is(i, "dr") && !t.has(k, !(bit::PLACE_AFTER | bit::ORGANISATION)) && initial.is_none();
        let english_surname = (k > words || courtesy || after_dr) && info.last && !info.stop;
        if !(info.any() || unlisted_ok) || info.stop || (t.english(k) && !english_surname) {
            break;
        }
        end = word_end(t, k);
    }
    if end > words {
        push(out, t, j, end, 90);
        if t.is_any(i, OFFICER_TITLES) {
            officer_number(t, end, out);
        }
    }
}

/// After a context word: `daughter, Ana,`, `seen by Ana Ruiz`, `Patient: RUIZ, ANA`.
/// A name on the next line counts only after a label's colon (`MD` ending one line is not
/// context for `PCP:` on the next).
fn after_context(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let label = t.has(i, bit::NAME_LABEL) && t.punct(i + 1, ':') && t.joined(i + 1);
    if !(t.has(i, bit::RELATION | bit::NAME_WEAK) || (i > 0 && t.has(i - 1, bit::BY_VERB)) || label) {
        return; // no context word here (the common case)
    }
    if t.has(i, bit::CREDENTIAL) && t.punct(i + 1, ',') {
        return; // `Kenji Watanabe, MD, DEA ...`: a list of credentials and registrations
    }
    let by_verb = i > 0 && t.has(i - 1, bit::BY_VERB) && t.is_any(i, &["by", "with", "to"]);
    let name_label = t.is(i, "name") && t.punct(i + 1, ':');
    let mut ev = if t.has(i, bit::RELATION) || by_verb || name_label {
        Evidence::Strong
    } else if t.has(i, bit::NAME_WEAK) || label {
        Evidence::Weak
    } else {
        return;
    };
    let mut j = i + 1;
    // `Daughter-in-law Crystal`, `sister-in-law, Ana`.
    let in_law = t.punct(j, '-') && t.is(j + 1, "in") && t.punct(j + 2, '-') && t.joined(j + 3);
    if t.has(i, bit::RELATION) && in_law && t.is_any(j + 3, &["law", "laws"]) {
        j += 4;
    }
    let mut colon = false;
    while t.punct(j, ',') || t.punct(j, ':') || t.punct(j, '-') || t.is_any(j, &["is", "named", "name"]) {
        colon |= t.punct(j, ':');
        j += 1;
    }
    // `The mom (Nadege Baptiste)`: a name in brackets straight after a relation.
    if t.has(i, bit::RELATION) && t.punct(j, '(') && t.joined(j + 1) && !t.newline_before(j) {
        j += 1;
    }
    // `Baby Girl Haverford`: a newborn's surname after `Baby Girl` or `Baby Boy`.
    if t.is(i, "baby") && t.is_any(j, &["girl", "boy"]) && !t.newline_before(j) {
        j += 1;
    }
    // `Baby "Nia"`: a name in quotes straight after a relation.
    if t.has(i, bit::RELATION) && (t.punct(j, '"') || t.punct(j, '“')) && t.joined(j + 1) && !t.newline_before(j) {
        j += 1;
    }
    if label && t.kind(j) == Some(TokKind::Alpha) && !t.capitalized(j) && !upper_doc {
        lower_case_after_label(t, j, out);
        return;
    }
    if !upper_doc && t.kind(j) == Some(TokKind::Alpha) && !t.capitalized(j) && t.is_any(i, FAMILY) {
        lower_case_after_relation(t, j, out);
        return;
    }
    if t.has(j, bit::TITLE) || (t.newline_before(j) && !colon) {
        return; // the title rule covers it; or no context for the next line
    }
    // `Rachel Dunmore, RN   Emp # E40117`, `Contact IDs CT-0114-01`: an identifier's label
    // after the context word, before `#`, `:` or a code.
    if t.has(j, bit::ID_CONTEXT) && (t.punct(j + 1, '#') || t.punct(j + 1, ':') || code_follows(t, j + 1)) {
        return;
    }
    if let Some(e) = initial_end(t, j, upper_doc) {
        initial_then_surname(t, j, e, upper_doc, ev, out);
        return;
    }
    if ev == Evidence::Strong && t.has(i, bit::RELATION) && !upper_doc {
        function_word_name(t, j, upper_doc, out);
    }
    let Some(mut run) = name_run(t, j, upper_doc, ev) else { return };
    if run.words == 1 {
        let first_at = run.end + 1;
        if let Some((e, first)) = last_first_tail(t, run.end, upper_doc, true) {
            run.end = e;
            run.listed |= first.any() && !first.stop;
            // `PATIENT: KOWALCZYK, STANISLAW`: a label's colon and the `LAST, FIRST` shape of
            // two words that are not English are strong context even if neither is listed.
            if colon && ev == Evidence::Weak && (first.any() || !t.english(first_at)) {
                ev = Evidence::Strong;
            }
        }
    }
    // `PT: BOGDAN NOWAKOWSKI`, `pt: bogdan nowakowski` in a note in one case: two or more
    // words after a label's colon, none of them English (the run stops at one), are as strong
    // as after a relation, so unlisted names count.
    if colon && ev == Evidence::Weak && upper_doc && run.words >= 2 {
        ev = Evidence::Strong;
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
    // `Employer: Northland Freight`: a company, not a person; `Nurse Triage Line`, `Employer:
    // Badger Line Trucking`: a word before a clinical noun is no person either; a stop word
    // (an eponym) before `'s` or a clinical noun (`brother - Alzheimer's`) neither.
    let eponym = t.has(run.end, bit::CLINICAL_NOUN) || (run.stopped && eponym_context(t, run.end));
    // `Employer: Tri-County Paving`, `PCP: Riverside Family Clinic`: an organisation word in
    // the run or one word after it.
    let organisation = (j..run.end).any(|k| t.has(k, bit::ORGANISATION))
        || t.has(run.end, bit::ORGANISATION)
        || (department(t, run.end) && !t.newline_before(run.end))
        || (t.has(run.end + 1, bit::ORGANISATION) && t.capitalized(run.end) && !t.newline_before(run.end + 1));
    if accepted && !organisation && !eponym {
        push(out, t, j, run.end, 90);
        if t.has(i, bit::RELATION) {
            second_of_pair(t, run.end, upper_doc, out);
        }
    }
}

/// `kids (Jaxon and Lily)`, `daughters Rose and Grace`: after a name taken from a relation,
/// `and` and one capitalized word listed as a first name (an English word too, such as `Lily`)
/// or in no list and no English word (`Citlali`), which no capitalized word follows on its line
/// (the start of some other name, left to the other rules); not a month (`and April visits`).
fn second_of_pair(t: &Tokens<'_>, end: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let k = end + 1;
    if upper_doc || !t.is(end, "and") || t.newline_before(k) || !name_shaped(t, k, upper_doc) {
        return;
    }
    let after = word_end(t, k);
    let info = lookup_word(t, k);
    let capital_after = t.kind(after) == Some(TokKind::Alpha) && t.capitalized(after) && !t.newline_before(after);
    // A listed first name, or a word in no list that is no English word (`and Citlali`).
    let named = (info.first && !info.stop) || (!info.any() && !info.stop && !t.english(k));
    if named && !capital_after && !t.has(k, bit::FUNCTION | bit::MONTH | bit::WEEKDAY) {
        push(out, t, k, after, 90);
    }
}

/// `Asst: jazmin`: after a name label's colon, one lower-case word alone up to the end of its
/// line, of at least 3 letters, in no keyword list, neither English nor a stop word (a form
/// filled in lower case; `Asst: none`, `Re: f/u` are not names).
fn lower_case_after_label(t: &Tokens<'_>, j: usize, out: &mut Vec<Candidate>) {
    let e = word_end(t, j);
    let alone = e >= t.len() || t.newline_before(e);
    let word = t.multi_char(j) && t.byte_len(j) >= 3 && !t.has(j, u64::MAX) && !t.newline_before(j);
    if alone && word && !t.name_info(j).stop && !t.english(j) {
        push(out, t, j, e, 90);
    }
}

/// `cousin sahra mohamed`, `daughter ayaan at the library`: a name typed in lower case after a
/// family word ([`FAMILY`]) in a note in mixed case. One or two words on the line from `j`, each in
/// no keyword list, neither English nor a stop word, and a listed name or 4 letters or more
/// not ending like an inflected English word (`son has`, `wife reports`, `mother deceased`,
/// `husband verbalized` are no names).
fn lower_case_after_relation(t: &Tokens<'_>, j: usize, out: &mut Vec<Candidate>) {
    let mut end = j;
    while end < j + 2 {
        let k = end;
        let shaped = t.kind(k) == Some(TokKind::Alpha)
            && t.multi_char(k)
            && !t.capitalized(k)
            && !t.has(k, u64::MAX)
            && (k == j || !t.newline_before(k))
            && !t.joined(k);
        if !shaped {
            break;
        }
        let info = t.name_info(k);
        let inflected = ["ed", "ing", "ly", "es"].iter().any(|x| t.s(k).ends_with(x));
        if info.stop || t.english(k) || !(info.any() || (t.byte_len(k) >= 4 && !inflected)) {
            break;
        }
        end = word_end(t, k);
    }
    push(out, t, j, end, 90);
}

/// `OFFICER R. HUNTER`, `REGISTRAR: L. GUTIERREZ`: an initial with its period, then name words
/// (initial `j`, words from `e`). In upper-case text a word must be a listed name.
fn initial_then_surname(t: &Tokens<'_>, j: usize, e: usize, upper_doc: bool, ev: Evidence, out: &mut Vec<Candidate>) {
    if e != j + 2 || t.newline_before(e) {
        return;
    }
    if let Some(run) = name_run(t, e, upper_doc, ev) {
        // `OFFICER K. TSOSIE`: in capitals, one word that is no English word after a role and
        // an initial is a surname too.
        let unknown_surname = run.unknown && (!upper_doc || run.words == 1);
        if !run.stopped && (run.listed || unknown_surname) {
            push(out, t, j, run.end, 90);
        }
    }
}

/// `Wet tap w/ CSE by J.T. 3/7`, `LAST DOSE ... BY D.Y.`: two or three capitals each with its
/// `.` after `by` on its line, no letter glued after them: the initials of who did it.
fn initials_after_by(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 1;
    let (letters, e) = dotted_capitals(t, j, 3);
    let glued = t.joined(e) && t.kind(e) == Some(TokKind::Alpha);
    if letters < 2 || glued || t.newline_before(j) {
        return;
    }
    // Dotted abbreviations of routes, times and roles (`by I.V. push`, `by P.O.`).
    let letters_of: String = (j..e).step_by(2).map(|k| t.s(k).to_ascii_lowercase()).collect();
    if !DOTTED_ABBREVIATIONS.contains(&letters_of.as_str()) {
        push(out, t, j, e, 80);
    }
}

/// Dotted abbreviations written after `by` that are no one's initials.
const DOTTED_ABBREVIATIONS: &[&str] = &[
    "iv", "po", "im", "sc", "sq", "od", "os", "ou", "am", "pm", "bid", "tid", "qid", "qd", "pr", "npo", "us", "dc",
    "er", "ed", "or", "ot", "pt", "np", "pa", "md", "rn", "do", "ng", "gt", "sl", "td", "ct",
];

/// Filler words a speaker says before a name (`this is Oksana uh Hnatyshyn`).
const FILLERS: &[&str] = &["uh", "um", "er", "ah"];

/// `this is nana ama for kwabena`, `it's pete wojciechowski,`, `I am chukwuemeka okafor
/// calling`, `my name is Oksana uh Hnatyshyn`: a speaker naming themself in a voicemail, a
/// message or quoted speech, in any case. After `this is`, `it's`, `I am` or `my name is` (a
/// filler between or not), up to three name words on the line: the first a listed first name,
/// or a word in no list that is no English word before another name word; each other a listed
/// name or no English word; none a keyword or a stop word (`this is not`, `I am writing`, `it's
/// okay`, `this is metformin` stay). In a note in one case the words must be listed.
fn self_introduction(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let two_words = (t.is(i, "this") && t.is(i + 1, "is"))
        || (t.is(i, "i") && t.is(i + 1, "am"))
        || (t.is(i, "name") && i > 0 && t.is(i - 1, "my") && t.is(i + 1, "is"));
    let j = if two_words {
        i + 2
    } else if t.is(i, "it") && t.apostrophe(i + 1) && t.joined(i + 1) && t.is(i + 2, "s") && t.joined(i + 2) {
        i + 3
    } else {
        return;
    };
    let j = if t.is_any(j, FILLERS) { j + 1 } else { j };
    let word = |k: usize| {
        t.kind(k) == Some(TokKind::Alpha)
            && t.multi_char(k)
            && !t.has(k, u64::MAX)
            && !t.newline_before(k)
            && !(t.joined(k) && k > 0 && t.kind(k - 1) != Some(TokKind::Punct))
    };
    let name_word = |k: usize| {
        let info = lookup_word(t, k);
        word(k) && !info.stop && (info.any() || (!upper_doc && !t.english(k)))
    };
    if !name_word(j) {
        return;
    }
    let mut end = word_end(t, j);
    let mut words = 1;
    while words < 3 {
        let k = if t.is_any(end, FILLERS) && !t.newline_before(end) { end + 1 } else { end };
        if !name_word(k) || t.newline_before(k) {
            break;
        }
        end = word_end(t, k);
        words += 1;
    }
    let first = lookup_word(t, j);
    if first.first || (words > 1 && !first.any()) {
        push(out, t, j, end, 88);
    }
}

/// Credentials written before a nurse's or an aide's name (`cover RN Mercy Adjei`, `Bedside RN
/// Liberty Hayes`, `LPN Grace Hopper`).
const CREDENTIALS_BEFORE_NAMES: &[&str] = &["rn", "lpn", "lvn", "cna", "np", "crna", "cnm", "rt", "rrt"];

/// `cover RN Mercy Adjei`: in mixed-case text, a credential in capitals ([`CREDENTIALS_BEFORE_NAMES`])
/// before two capitalized words on its line, the second a listed surname or a word in no list
/// that is no English word, the first in no keyword list and no stop word (a given name that is
/// also a word: `Mercy`, `Liberty`). `RN Blood Bank`, `RN Night Shift` stay.
fn name_after_credential(t: &Tokens<'_>, c: usize, out: &mut Vec<Candidate>) {
    if !t.all_caps(c) || !t.multi_char(c) || !t.is_any(c, CREDENTIALS_BEFORE_NAMES) {
        return;
    }
    let j = c + 1;
    let given = t.kind(j) == Some(TokKind::Alpha)
        && t.capitalized(j)
        && !t.all_caps(j)
        && t.multi_char(j)
        && !t.has(j, u64::MAX)
        && !t.newline_before(j)
        && !t.name_info(j).stop;
    if !given {
        return;
    }
    let k = word_end(t, j);
    if t.newline_before(k) || !name_shaped(t, k, false) || t.all_caps(k) {
        return;
    }
    let surname = lookup_word(t, k);
    if surname.stop || !(surname.last || (!surname.any() && !t.english(k))) {
        return;
    }
    push(out, t, j, word_end(t, k), 88);
}

/// Most words of a surname in capitals with particles (`ORTIZ DE LA ROSA QUINTERO`).
const MAX_SURNAME_WORDS: usize = 6;

/// `DE LA CRUZ RAMIREZ, ESPERANZA`, `VAN DEN BERG, Willem`, `ORTIZ DE LA ROSA, JUAN`: a surname
/// in capitals holding particles (`i` is the first, in capitals), with the capitalized word
/// before it on the line if there is one, up to a comma and a given name (a listed first name
/// or a word in no list that is no English word, up to three of them): `LAST, FIRST` where the
/// row rule takes only the last word before the comma.
fn capitals_particle_surname(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.all_caps(i) || !t.multi_char(i) || !t.is_any(i, SURNAME_PARTICLES) {
        return;
    }
    let caps_word = |k: usize| t.kind(k) == Some(TokKind::Alpha) && t.all_caps(k) && t.multi_char(k);
    // A surname word before the particle (`ORTIZ DE LA ROSA`), not after a comma.
    let s = if i >= 1 && caps_word(i - 1) && !t.newline_before(i) && !t.has(i - 1, u64::MAX) { i - 1 } else { i };
    let mut e = i;
    let mut words = 0;
    while words < MAX_SURNAME_WORDS && caps_word(e) && !t.newline_before(e) {
        e = word_end(t, e);
        words += 1;
    }
    // At least one word after the particles that is no particle ([`PARTICLES`]).
    let named = (i..e).any(|k| caps_word(k) && !t.is_any(k, PARTICLES));
    if !named || !t.punct(e, ',') {
        return;
    }
    if let Some((end, first)) = last_first_tail(t, e, true, true) {
        if !first.stop && (first.first || (!first.any() && !t.english(e + 1))) {
            push(out, t, s, end, 89);
        }
    }
}

/// Particles that open a surname of several words (`de la Vega`, `van der Berg`, `von Trapp`,
/// `del Rio`, `di Stefano`, `du Pont`, `da Silva`, `dos Santos`).
const SURNAME_PARTICLES: &[&str] = &["de", "del", "della", "van", "von", "di", "du", "da", "dos"];

/// `Carmen de la Vega`, `C. de la Vega`, `L. A. de la Fuente`, `Mrs. de la Garza`, `Mr. Van den
/// Berg's`, `de la Fuente, Marisol`: in mixed-case text, a surname opened by particles in lower
/// case ([`SURNAME_PARTICLES`], then [`particles_end`]) before a capitalized word that is a
/// listed name or no English word, with a person's evidence beside it: a title before it (where
/// the first particle may be capitalized), one or two initials, a listed first name, or `, First`
/// after it (a listed first name, or a word in no list that is no English word and not all
/// capitals). Places written so (`Paseo de la Reforma`, `Rio de Janeiro`) have none of these.
/// Scored above a credential's name (88), whose rule would take the surname's last word alone.
fn particle_surname(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    if !t.is_any(i, SURNAME_PARTICLES) || t.newline_before(i + 1) {
        return;
    }
    let titled = (i >= 1 && t.has(i - 1, bit::TITLE))
        || (i >= 2 && t.punct(i - 1, '.') && t.joined(i - 1) && t.has(i - 2, bit::TITLE));
    if t.capitalized(i) && !titled {
        return;
    }
    // A capitalized first particle (after a title) is passed before the others are read.
    let from = if t.capitalized(i) { i + 1 } else { i };
    let k = if t.capitalized(i) && name_shaped(t, i + 1, false) {
        i + 1
    } else {
        match particles_end(t, from, false) {
            Some(k) => k,
            None => return,
        }
    };
    let mut end = word_end(t, k);
    // Before it: initials (`L. A.`), or a listed first name on the line.
    let mut s = i;
    let mut initials = 0;
    while initials < 2 && s >= 2 && !t.newline_before(s) && initial_end(t, s - 2, false) == Some(s) {
        s -= 2;
        initials += 1;
    }
    let first_before = initials == 0
        && s >= 1
        && !t.newline_before(s)
        && name_shaped(t, s - 1, false)
        && !(s >= 2 && join_at(t, s - 2))
        && {
            let given = lookup_word(t, s - 1);
            given.first && !given.stop
        };
    if first_before {
        s -= 1;
    }
    // After it: `, First`.
    let mut first_after = false;
    if let Some((e, first)) = last_first_tail(t, end, false, false) {
        // A listed first name, or a word in no list that is no English word (`Margarethe`).
        // Not a credential in capitals (`I. van der Berg, CRA II`).
        if first.first || (!first.any() && !t.english(end + 1) && !t.all_caps(end + 1)) {
            end = e;
            first_after = true;
        }
    }
    // The word after the particles: a listed name or no English word; with two particles or
    // more, or a title, initials or `, First` beside it, any word (`van der Linden, Margarethe`,
    // `I. van der Berg`: `Berg`, a scale's name alone, is a surname here).
    let surname = lookup_word(t, k);
    let strong = titled || initials > 0 || first_after || k - from >= 2;
    let surname_ok = strong || (!surname.stop && (surname.any() || !t.english(k)));
    if surname_ok && (titled || initials > 0 || first_before || first_after) {
        push(out, t, s, end, 89);
    }
}

/// `partner Will, who`: a listed first name that is also a function word, capitalized in
/// mixed-case text straight after a relation word.
fn function_word_name(t: &Tokens<'_>, j: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !listed_function_word(t, j, false) || t.all_caps(j) || t.name_info(j).stop {
        return;
    }
    let mut end = word_end(t, j);
    if !t.newline_before(end) {
        if let Some(run) = name_run(t, end, upper_doc, Evidence::Strong) {
            end = run.end;
        }
    }
    push(out, t, j, end, 90);
}

/// `K. Abernathy, RN`, `June Park, PharmD`, `A. RAHMAN, MD`: name words before `, CREDENTIAL`
/// (`c` is a credential token). An initial and a surname, two name words (one of them listed in
/// upper-case text; in mixed case two unlisted capitalized words are a name already, this types
/// `Olumide Bankole, MD` as a name rather than a city and state), or one listed surname (not
/// before a credential that is also a state code, `Erie, PA`). Each word is a listed name or
/// not an English word (`Cardiology, PT` is not a name); not before a ZIP code.
///
/// Without the comma only an initial and a surname are taken, before a credential that is no
/// clinical abbreviation (`P. Raman MD`, `R. Young RN`, `s. rahimi dds`; not `S. aureus PT`).
/// In a note in one case the credential may be in lower case (`g. sanchez, rn`).
fn before_credential(t: &Tokens<'_>, c: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if c < 2 || !(t.capitalized(c) || upper_doc) || t.digits(c + 1, Some(5)) {
        return;
    }
    let comma = t.punct(c - 1, ',');
    if !comma && !t.is_any(c, BARE_CREDENTIALS) {
        return;
    }
    let e = if comma { c - 1 } else { c };
    let mut best = None;
    for s in (e.saturating_sub(8)..e).rev() {
        if let Some(found) = credential_name(t, s, e, upper_doc) {
            best = Some((s, found));
        }
        let part = t.kind(s) == Some(TokKind::Alpha) || t.punct(s, '.') || t.punct(s, '-') || t.punct(s, '\'');
        if !part || t.newline_before(s) {
            break;
        }
    }
    let Some((s, (initial, words, listed))) = best else { return };
    // `colleen o'hara rn, cwocn`: a name of two words, one listed, opening its line.
    let line_pair = words == 2 && listed && (s == 0 || t.newline_before(s));
    if !(comma || (initial && t.s(s).len() == 1) || line_pair) {
        return;
    }
    // In capitals two words in no list are a name only before a credential that is no other
    // word or abbreviation (`KEANU KAHANANUI, RN`; not `PT`, `PA`, `OT`).
    let unambiguous = upper_doc && comma && t.is_any(c, BARE_CREDENTIALS);
    if initial || (words == 2 && (listed || !upper_doc || unambiguous)) || (listed && !t.has(c, bit::STATE_CODE)) {
        push(out, t, s, e, 88);
    }
}

/// `- t. arbuckle, lcdc`, `-b. young, ma, cm ii`: a signature typed in lower case in a note in
/// mixed case, which [`before_credential`] leaves to capitals. Initial `s` (a lower-case
/// letter with its period) and one surname word start their line (after an optional dash),
/// then a comma and a credential in lower case (`ma` too: as a state code it is no credential
/// elsewhere). The shape is the evidence, so the surname may be an English word (`young`).
fn lower_case_signature(t: &Tokens<'_>, s: usize, out: &mut Vec<Candidate>) {
    let (w, c) = (s + 2, s + 4);
    let dash = s > 0 && t.punct(s - 1, '-') && (s == 1 || t.newline_before(s - 1));
    let line_start = s == 0 || t.newline_before(s) || dash;
    let word = t.kind(w) == Some(TokKind::Alpha)
        && t.byte_len(w) >= 3
        && !t.capitalized(w)
        && !t.joined(w)
        && !t.has(w, bit::FUNCTION | bit::CREDENTIAL)
        && !t.newline_before(w);
    let credential_at =
        |c: usize| !t.capitalized(c) && (t.has(c, bit::CREDENTIAL) || t.is(c, "ma")) && !t.newline_before(c);
    // `- t. mcbride hha`: without the comma, the credential ends the line.
    let bare = credential_at(s + 3) && (s + 4 >= t.len() || t.newline_before(s + 4));
    let credential = (t.punct(s + 3, ',') && credential_at(c)) || bare;
    if line_start && word && credential && !t.name_info(w).stop {
        push(out, t, s, w + 1, 88);
    }
}

/// Name words from `s` ending exactly at `e`: an optional initial, at most two words, each a
/// listed name (not stopped) or not English. Returns (initial seen, words, some word listed).
fn credential_name(t: &Tokens<'_>, s: usize, e: usize, upper_doc: bool) -> Option<(bool, usize, bool)> {
    let (mut k, mut initial, mut words, mut listed) = (s, false, 0, false);
    while k < e {
        if k > s && t.newline_before(k) {
            return None;
        }
        if let Some(x) = initial_end(t, k, upper_doc) {
            initial = true;
            k = x;
            continue;
        }
        if words == 2 || !name_shaped(t, k, upper_doc) {
            return None;
        }
        let info = lookup_word(t, k);
        let good = info.any() && !info.stop;
        if !good && t.english(k) {
            return None;
        }
        listed |= good;
        words += 1;
        k = word_end(t, k);
    }
    (k == e && words > 0).then_some((initial, words, listed))
}

/// `PT (Hunter) recommends`: a listed name alone in brackets after a credential in capitals.
fn bracketed_after_credential(t: &Tokens<'_>, c: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if upper_doc || !t.all_caps(c) || !t.punct(c + 1, '(') {
        return;
    }
    let j = c + 2;
    if !name_shaped(t, j, upper_doc) || t.all_caps(j) || t.has(j, bit::MONTH | bit::WEEKDAY) {
        return;
    }
    let end = word_end(t, j);
    let info = lookup_word(t, j);
    if t.punct(end, ')') && info.any() && !info.stop {
        push(out, t, j, end, 88);
    }
}

/// `thx` / `Abdi`: a name alone on the line after a sign-off line (`Thanks,`, `Sincerely,`,
/// `Best regards`). `i` is a name-shaped word starting a line.
fn after_sign_off(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let mut p = i - 1;
    if t.punct(p, ',') || t.punct(p, '!') || t.punct(p, '.') {
        p = p.saturating_sub(1);
    }
    // The sign-off is one word or two (`Thank you`, `Best regards`) and starts its line.
    let two = p >= 1 && t.kind(p - 1) == Some(TokKind::Alpha) && (p == 1 || t.newline_before(p - 1));
    let line_start = p == 0 || t.newline_before(p) || two;
    let sign_off = line_start && t.kind(p) == Some(TokKind::Alpha) && t.is_any(p, SIGN_OFFS);
    if !(sign_off || thanks_line(t, p)) {
        return;
    }
    if sign_off && t.is(p, "you") && !(two && t.is(p - 1, "thank")) {
        return;
    }
    let Some(run) = name_run(t, i, upper_doc, Evidence::Strong) else { return };
    let alone = run.end >= t.len() || t.newline_before(run.end);
    let ok = !run.stopped && (run.listed || (!upper_doc && run.unknown));
    if alone && ok {
        push(out, t, i, run.end, 88);
    }
}

/// A line of thanks of up to five words ending at word `p`: `Thank you so much,`, `thanks
/// again for everything!`. Its first word is `thanks`, `thank` or `thx`; every word is a
/// function word or in [`SIGN_OFFS`] or one of a few of thanks (`so`, `much`, `again`, ...).
fn thanks_line(t: &Tokens<'_>, p: usize) -> bool {
    const THANKS_WORDS: &[&str] = &["so", "much", "again", "very", "all", "everything", "help", "po", "u"];
    let mut k = p;
    for _ in 0..5 {
        let word = t.kind(k) == Some(TokKind::Alpha)
            && (t.is_any(k, SIGN_OFFS) || t.is_any(k, THANKS_WORDS) || t.has(k, bit::FUNCTION));
        if !word {
            return false;
        }
        if k == 0 || t.newline_before(k) {
            return t.is_any(k, &["thanks", "thank", "thx"]);
        }
        k -= 1;
        // `thank u!!`: punctuation inside the line.
        while k > 0 && t.kind(k) == Some(TokKind::Punct) && !t.newline_before(k) && (t.punct(k, '!') || t.punct(k, ','))
        {
            k -= 1;
        }
    }
    false
}

/// Greetings before a name in a message: `Hi Tess,`, `Hello Marisol!`, `Dear Abdi,`.
const GREETINGS: &[&str] = &["hi", "hello", "dear", "hey"];

/// `Hi Tess, rx for ondansetron`, `Dear Abdi,`: up to two name words after a greeting `g` that
/// starts its line, ending at a comma, `!` or the end of the line; a word is a listed name
/// or not English (`Hi All,`, `Hello Team!` are no names).
fn after_greeting(t: &Tokens<'_>, g: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if !(g == 0 || t.newline_before(g)) || t.joined(g + 1) || t.newline_before(g + 1) {
        return;
    }
    let Some(run) = name_run(t, g + 1, upper_doc, Evidence::Weak) else { return };
    let ends = run.end >= t.len() || t.newline_before(run.end) || t.punct(run.end, ',') || t.punct(run.end, '!');
    if ends && run.words <= 2 && !run.stopped && (run.listed || run.unknown) {
        push(out, t, g + 1, run.end, 88);
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
    // `NGUYEN, Thi Lan`: a Vietnamese middle name, then the given name on the line.
    let middle = t.is_any(e + 1, &["thi", "van"])
        && name_shaped(t, e + 2, upper_doc)
        && !t.newline_before(e + 2)
        && !t.has(e + 2, u64::MAX)
        && !lookup_word(t, e + 2).stop;
    let ok = !first.stop && (first.first || ((after_context || !upper_doc) && !first.any()));
    if !ok && !middle {
        return None;
    }
    let (first, mut end) = if middle {
        (NameInfo { first: true, ..NameInfo::default() }, word_end(t, e + 2))
    } else {
        (first, word_end(t, e + 1))
    };
    // After a context word, a second given name (`PHAM, QUOC BAO`): no keyword, a listed first
    // name or a word that is not English.
    // Up to two of them (`Tran, Thi Bich Ngoc`).
    for _ in 0..2 {
        let k = end;
        let more = after_context
            && name_shaped(t, k, upper_doc)
            && !t.newline_before(k)
            && !t.toks.get(k).is_some_and(|x| x.lex != 0);
        if !more {
            break;
        }
        let second = lookup_word(t, k);
        if second.stop || !(second.first || (!second.any() && !t.english(k))) {
            break;
        }
        end = word_end(t, k);
    }
    Some((trailing_initial(t, end, upper_doc).unwrap_or(end), first))
}

/// A middle initial closing `LAST, FIRST M` (`Beaulieu, Hunter J   MRN`, `Ferguson, Lamar D.`):
/// one capital letter at `k` (with its period), on the same line, followed by the end of the
/// line, punctuation, a number or a keyword (`MRN`, `DOB`), not by another name word (`SMITH,
/// JOHN A JONES` may be a list). Returns one past it.
fn trailing_initial(t: &Tokens<'_>, k: usize, upper_doc: bool) -> Option<usize> {
    if t.newline_before(k) || !t.all_caps(k) || t.multi_char(k) || t.is(k, "i") {
        return None;
    }
    let e = initial_end(t, k, upper_doc)?;
    let next_ok = match t.toks.get(e) {
        None => true,
        Some(n) => {
            n.newline_before
                || n.kind != TokKind::Alpha
                || n.lex != 0
                || !name_shaped(t, e, upper_doc)
                || column_gap(t, e)
        }
    };
    next_ok.then_some(e)
}

/// Token `i` is a word of Latin letters (ASCII, or with diacritics: `Barragán`, `Łukasz`),
/// which can be a name in no list; a word of another script is left to the rules with context.
fn latin_word(t: &Tokens<'_>, i: usize) -> bool {
    t.ascii(i) || (t.kind(i) == Some(TokKind::Alpha) && lexicon::is_latin_word(t.s(i)))
}

/// Two spaces or more before token `k` (`DEVONTE R.     DOC #`): the next column of a form.
pub(crate) fn column_gap(t: &Tokens<'_>, k: usize) -> bool {
    k > 0 && t.start(k) >= t.end(k - 1) + 2
}

/// Dictionary names without context, from a name-shaped word `i` with dictionary entry
/// `a`. Every token proposes its own candidates (pairs and, if strong, itself) so that a token
/// left over when a longer candidate loses is still found.
fn from_dictionary(t: &Tokens<'_>, i: usize, a: NameInfo, upper_doc: bool, out: &mut Vec<Candidate>) {
    // `ST. BRENDAN REGIONAL`, `St. Agnes Hospital`: a saint's name names a church, a school or
    // a hospital, not a person in the note.
    let saint = |k: usize| t.is_any(k, &["st", "saint"]) && !t.newline_before(k + 1);
    if i >= 1 && (saint(i - 1) || (i >= 2 && t.punct(i - 1, '.') && t.joined(i - 1) && saint(i - 2))) {
        return;
    }
    let a_end = word_end(t, i);
    // LAST, FIRST
    if a.last && !a.stop {
        if let Some((e, b)) = last_first_tail(t, a_end, upper_doc, false) {
            if b.first && !eponym_context(t, e) {
                push(out, t, i, e, 70);
            }
        }
    }
    // FIRST de la LAST: a listed first name, particles and a name-shaped word (`Sofía de la
    // Garza`, `Marisol de la Cruz`).
    // Particles are short and, in mixed case, in lower case: most first names are followed
    // by neither.
    let particle_shaped = t.kind(a_end) == Some(TokKind::Alpha)
        && t.byte_len(a_end) <= 5
        && (upper_doc || !t.capitalized(a_end))
        && !t.newline_before(a_end);
    if a.first && !a.stop && particle_shaped {
        if let Some(k) = particles_end(t, a_end, upper_doc) {
            let surname = lookup_word(t, k);
            if !surname.stop && (surname.any() || !t.english(k)) {
                push(out, t, i, word_end(t, k), 70);
            }
        }
    }
    // FIRST [M.] LAST
    let mid = initial_end(t, a_end, upper_doc).unwrap_or(a_end);
    // `offered Denise W. a pencil`: a first name and a surname's initial, with its period, in
    // the middle of a sentence (a word in lower case after it), as group notes write members.
    let dotted_initial = mid == a_end + 2 && t.punct(a_end + 1, '.');
    if dotted_initial && a.first && !a.stop && !upper_doc && !t.newline_before(mid) {
        let lower_after = t.kind(mid) == Some(TokKind::Alpha) && !t.capitalized(mid);
        if lower_after && !t.newline_before(a_end) && t.byte_len(i) >= 3 {
            push(out, t, i, mid, 70);
        }
    }
    // Nor across the gap between two columns of a form (`María Guadalupe     Fecha`).
    if a.first && name_shaped(t, mid, upper_doc) && !t.newline_before(mid) && !column_gap(t, mid) {
        let b: NameInfo = t.name_info(mid);
        let b_end = word_end(t, mid);
        // An unlisted second word needs a first name of 3 letters or more (`Mi Shebeirach`,
        // a prayer, is no name; a two-letter name alone is not taken either).
        let b_ok = b.any() || (!upper_doc && latin_word(t, mid) && t.end(a_end - 1) - t.start(i) >= 3);
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
    if a.strong()
        && t.byte_len(i) >= 3
        && !short_capitals(t, i, upper_doc)
        && !eponym_context(t, a_end)
        && !scale_or_pair(t, i, a_end)
    {
        push(out, t, i, a_end, 60);
    }
}

/// `Dmitri Rossi`, `Stanisław Nowak`: an unlisted name-shaped word before a strong surname.
/// Scored above a single surname so the pair wins.
/// `i` is a name-shaped word of Latin letters in no list.
fn unlisted_first_name(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    // `Ohio Lic.`, `Texas Board`: a state name starts no person's name; nor does a stop word
    // (`Subaru Outback`, `Alcon AcrySof`: a maker and its model).
    if t.byte_len(i) < 3 || (!upper_doc && t.all_caps(i)) || t.has(i, bit::STATE_NAME) || t.name_info(i).stop {
        return;
    }
    let b_start = word_end(t, i);
    // `Riverbend Hospice`: an organisation word is no surname.
    if !name_shaped(t, b_start, upper_doc)
        || t.newline_before(b_start)
        || column_gap(t, b_start)
        || t.has(b_start, bit::ORGANISATION)
    {
        return;
    }
    let b = lookup_word(t, b_start);
    let b_end = word_end(t, b_start);
    let surname = b.last && b.strong();
    // Two capitalized unlisted, non-English words in mixed case ("Dmitri Delacroix"), unless a
    // dose follows (drug names in a medication list). Not from a word with diacritics, which
    // the English list cannot tell from a word of another language (`Clínica Nueva`).
    let maybe_pair =
        !upper_doc && t.ascii(i) && !b.any() && !t.all_caps(b_start) && t.kind(b_end) != Some(TokKind::Digit);
    // The English tests last: they are the costly ones (an inflection takes up to a dozen
    // dictionary probes), and most words are followed by neither a surname nor a possible pair
    // (in an upper-case note, nearly every word is followed by a name-shaped word).
    if !(surname || maybe_pair) || b.stop || t.english(i) {
        return;
    }
    let unknown_pair = maybe_pair && !t.english(b_start) && !department(t, i) && !department(t, b_start);
    if (surname || unknown_pair) && !eponym_context(t, b_end) {
        push(out, t, i, b_end, 65);
    }
}

/// `Walter Kowalczyk ("Walt")`, `Ignatius Fontaine ("Iggy")`, `MARCUS "MOOSE" DEVEREAUX`: a
/// nickname in double quotes next to a name. `q` is an opening quote joined to one name-shaped
/// word and its closing quote. In brackets after a name word (listed, or not English), the
/// nickname must be a listed first name or not English; between a listed first name and a
/// surname (listed or not English) any capitalized word is taken, with the names around it.
fn nickname_at(t: &Tokens<'_>, q: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let w = q + 1;
    // A listed first name that is also a function word is a name in quotes (`("Will")`).
    if q == 0
        || !t.joined(w)
        || t.newline_before(q)
        || !(name_shaped(t, w, upper_doc) || listed_function_word(t, w, upper_doc))
    {
        return;
    }
    let e = word_end(t, w);
    if !(t.punct(e, '"') || t.punct(e, '”')) || !t.joined(e) {
        return;
    }
    let name_word = |k: usize| {
        let info = lookup_word(t, k);
        name_shaped(t, k, upper_doc) && !info.stop && (info.any() || !t.english(k))
    };
    // `(goes by "Rusty")`, `aka "Dezzy"`: any capitalized word in quotes after these words.
    let goes_by = (q >= 2 && t.is(q - 1, "by") && t.is_any(q - 2, &["goes", "go", "going", "went"]))
        || t.is_any(q - 1, &["aka", "nicknamed"]);
    if goes_by && !t.newline_before(q) && !lookup_word(t, w).stop {
        push(out, t, w, e, 88);
        return;
    }
    let bracket = t.punct(q - 1, '(') && t.joined(q) && t.punct(e + 1, ')') && t.joined(e + 1);
    if bracket {
        let Some(p) = q.checked_sub(2) else { return };
        let nick = lookup_word(t, w);
        let nick_ok = !nick.stop && (nick.first || (!nick.any() && !t.english(w)));
        // `Chukwuemeka O. ("Emeka")`: a middle initial before the bracket.
        let initial = p >= 2 && t.punct(p, '.') && t.joined(p) && initial_end(t, p - 1, upper_doc) == Some(p + 1);
        let before = if initial { p - 2 } else { p };
        if !t.newline_before(q - 1) && name_word(before) && nick_ok {
            push(out, t, w, e, 85);
        }
        return;
    }
    // `MCCLOSKEY, PADRAIG "PADDY"`, `EDWARDS, WINIFRED "WINNIE" MAE`: a nickname after the
    // first name of `SURNAME, FIRST`.
    let (p, s) = (q - 1, e + 1);
    let after_first = p >= 2 && t.punct(p - 1, ',') && name_word(p) && name_word(p - 2) && !t.newline_before(p);
    let nick = lookup_word(t, w);
    if after_first && !nick.stop && (nick.first || (!nick.any() && !t.english(w))) {
        push(out, t, w, e, 85);
        return;
    }
    // `Walter "Walt" Kowalczyk`, `Oleksandr "Sasha" Hrytsenko`: a first name, or a word in no
    // list that is no English word, then the nickname (a first name or no English word) and
    // a surname.
    let first = t.name_info(p);
    let nick_ok = !nick.stop && (nick.first || (!nick.any() && !t.english(w)));
    let first_ok = (first.first && name_shaped(t, p, upper_doc)) || (nick_ok && name_word(p));
    // Nor a code's letters (`"Bee"     TP25-0417`): a name is never glued to digits.
    let glued_digits = t.joined(word_end(t, s)) && t.kind(word_end(t, s)) == Some(TokKind::Digit);
    let surname = !t.joined(s) && !t.newline_before(s) && name_word(s) && !glued_digits;
    // Scored above a name run after a label or a relation (90), which stops at the quote.
    if first_ok && !first.stop && surname {
        push(out, t, p, word_end(t, s), 91);
    }
}

/// Token `k` starts an age: a number of at most 3 digits followed by `F`/`M` joined to it
/// (`58F`) or an age unit (`29 y/o`, `29 yo`, `29-year-old`).
fn age_follows(t: &Tokens<'_>, k: usize) -> bool {
    if t.kind(k) != Some(TokKind::Digit) || t.byte_len(k) > 3 || t.newline_before(k) {
        return false;
    }
    // `67M`, or `34 M,` with the letter apart and nothing after it but punctuation, a column gap
    // (`19 M  SAM-1203366`) or the line's end.
    let letter = (t.is(k + 1, "f") || t.is(k + 1, "m")) && !t.newline_before(k + 1);
    let glued = letter && t.joined(k + 1) && !(t.joined(k + 2) && t.kind(k + 2) == Some(TokKind::Alpha));
    let apart = letter
        && !t.joined(k + 1)
        && t.all_caps(k + 1)
        && (k + 2 >= t.len()
            || t.newline_before(k + 2)
            || t.kind(k + 2) == Some(TokKind::Punct)
            || column_gap(t, k + 2));
    glued || apart || super::ages::unit_after(t, k + 1)
}

/// `Faith Mbeki-Harrington  29 y/o G2P1001`, `pt hope ashworth 58F`: two or three name words
/// followed straight by an age, starting a line (capitalized, as name words are) or after `pt`
/// (`lower`: in lower case too). Each word in no keyword list, a listed name or not English,
/// none a stop word, and one listed.
fn name_before_age(t: &Tokens<'_>, i: usize, upper_doc: bool, lower: bool, out: &mut Vec<Candidate>) {
    // The shape first (cheap), the dictionary only when an age follows.
    let mut k = i;
    let mut words = 0;
    while words < 3 {
        let shaped = if lower {
            t.kind(k) == Some(TokKind::Alpha) && t.multi_char(k) && !t.capitalized(k) && !upper_doc
        } else {
            name_shaped(t, k, upper_doc)
        };
        if !shaped || t.has(k, u64::MAX) || (k > i && t.newline_before(k)) {
            return;
        }
        k = word_end(t, k);
        words += 1;
        if words >= 2 && age_follows(t, k) {
            break;
        }
    }
    if words < 2 || !age_follows(t, k) {
        return;
    }
    let mut listed = false;
    let mut w = i;
    while w < k {
        let info = lookup_word(t, w);
        if info.stop || (!info.any() && t.english(w)) {
            return;
        }
        listed |= info.any();
        w = word_end(t, w);
    }
    if listed {
        push(out, t, i, k, 85);
    }
}

/// Labels of a list of people present (`Sign-in (11):`, `Attendees:`): the last word of the
/// label, before its colon or its count in brackets.
const LIST_LABELS: &[&str] = &["attendees", "attendance", "present", "participants", "in", "invited", "signatories"];

/// `Sign-in (11): Sterling; Oyelaran-Pike; Bishop, Will; Delacroix, May`, `Attendees: Hope
/// Grant, Will Young`: after a list label `i` opening its line (`in` only as `Sign-in`), an
/// optional count in brackets and a colon, the items of the rest of the line, separated by `;`
/// (or by `,` when the line has no `;`), are people. An item is one to four capitalized words
/// (joined by `-` or an apostrophe), in a `;` list also `Last, First`; a bracketed aside and a
/// credential after it are skipped (`Dariusz Wrobel RN (ADON)`); each word a
/// [`labelled_word`]. At least two items must pass, or nothing is proposed.
fn attendance_list(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    // The label opens its line (so one list is read per line: the walk stays linear).
    let first = if t.is(i, "in") { i.wrapping_sub(2) } else { i };
    if t.is(i, "in") && !(i >= 2 && t.punct(i - 1, '-') && t.joined(i) && t.is(i - 2, "sign")) {
        return;
    }
    if first != 0 && !t.newline_before(first) {
        return;
    }
    let mut c = i + 1;
    if t.punct(c, '(') {
        if !(t.digits(c + 1, None) && t.punct(c + 2, ')')) {
            return;
        }
        c += 3;
    }
    if !t.punct(c, ':') || t.newline_before(c) {
        return;
    }
    let mut line_end = c + 1;
    while line_end < t.len() && !t.newline_before(line_end) {
        line_end += 1;
    }
    let semicolons = (c + 1..line_end).any(|k| t.punct(k, ';'));
    let sep = if semicolons { ';' } else { ',' };
    let word_ok = |k: usize| {
        let info = lookup_word(t, k);
        // A listed first name that is a function word too (`Bishop, Will`).
        let shaped = name_shaped(t, k, upper_doc)
            || (info.first && t.kind(k) == Some(TokKind::Alpha) && (upper_doc || t.capitalized(k)));
        shaped && labelled_word(t, k, info)
    };
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut k = c + 1;
    while k < line_end {
        let start = k;
        let mut end = k;
        let mut words = 0;
        let mut comma = false;
        let mut ok = true;
        while k < line_end && !t.punct(k, sep) {
            if t.punct(k, '(') {
                // A bracketed aside: skipped to its close on the line.
                while k < line_end && !t.punct(k, ')') {
                    k += 1;
                }
                k += 1;
                continue;
            }
            if t.has(k, bit::CREDENTIAL) && words > 0 {
                k += 1;
                continue;
            }
            if semicolons && t.punct(k, ',') && words > 0 && !comma && end == k {
                comma = true;
                k += 1;
                end = k;
                continue;
            }
            if end == k && word_ok(k) && words < 4 {
                k = word_end(t, k);
                end = k;
                words += 1;
                continue;
            }
            ok = false;
            k += 1;
        }
        if ok && words > 0 {
            items.push((start, end));
        }
        k += 1;
    }
    if items.len() >= 2 {
        for (s, e) in items {
            push(out, t, s, e, 86);
        }
    }
}

/// Word `k` (dictionary entry `info`) may be a name where a label says person: English words
/// count (`Bishop`, `Rainwater`); no stop word (a drug, an eponym) but a month that is a
/// listed first name (`May`), no keyword that is no listed name.
fn labelled_word(t: &Tokens<'_>, k: usize, info: NameInfo) -> bool {
    (!info.stop || (info.first && t.has(k, bit::MONTH))) && (!t.has(k, u64::MAX) || info.any())
}

/// Labels of a person's line in a form (`Pt:`, `Resident:`, `Name:`).
const PERSON_LABELS: &[&str] = &["pt", "patient", "name", "resident", "client", "member", "subject", "child", "infant"];

/// `Pt: Rose May Hunter, 92 y/o F`, `Patient: Autumn Rainwater, 29 F`: after a person label
/// `i` and its colon (`i + 1`), two or three capitalized words on the line, a comma and an age.
/// The label and the age say person: each word a [`labelled_word`] (`Rose`, `May`,
/// `Rainwater`), one a listed name or no English word.
fn labelled_name_before_age(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let s = i + 2;
    if !t.joined(i + 1) || t.newline_before(s) {
        return;
    }
    let mut k = s;
    let mut words = 0;
    while words < 3 && name_shaped(t, k, upper_doc) && (k == s || !t.newline_before(k)) {
        k = word_end(t, k);
        words += 1;
    }
    if words < 2 || !t.punct(k, ',') || !t.joined(k) || !age_follows(t, k + 1) {
        return;
    }
    let mut evidence = false;
    let mut w = s;
    while w < k {
        let info = lookup_word(t, w);
        if !labelled_word(t, w, info) {
            return;
        }
        evidence |= info.any() || !t.english(w);
        w = word_end(t, w);
    }
    // Above the label's own single-word guesses (`Pt: Autumn`), so the whole run wins.
    if evidence {
        push(out, t, s, k, 92);
    }
}

/// `Szymański, Wojciech 92M`, `Onyekachi, Blessing 40F - boarded`: a surname, a comma, a first
/// name and an optional initial, then an age (`92M`, `29 y/o`), on one line: a census or
/// tracking board's row, anywhere on its line. Each word a listed name or no English word,
/// none a stop word; `i` is the surname (or its last part), followed by its comma. An age over
/// 89 there is proposed too (`92M`).
fn last_first_before_age(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let f = i + 2;
    // `ROSE, AUGUST        19 M  SAM-...`: a month that is a listed first name, right before
    // the age (a date rule leaves a month alone there).
    let month_given =
        t.has(f, bit::MONTH) && (upper_doc || t.capitalized(f)) && lookup_word(t, f).first && age_follows(t, f + 1);
    if t.newline_before(f) || !(name_shaped(t, f, upper_doc) || month_given) || t.kind(i) != Some(TokKind::Alpha) {
        return;
    }
    // The surname's first part (`Moreau-Baptiste`: `i` is `Baptiste`).
    let mut s = i;
    while s >= 2 && join_at(t, s - 1) && !t.newline_before(s) {
        s -= 2;
    }
    let mut k = word_end(t, f);
    // A second given name (`HERNANDEZ-ALVARADO, Luz Maria 54F`): a listed first name.
    if name_shaped(t, k, upper_doc) && !t.newline_before(k) {
        let second = lookup_word(t, k);
        if second.first && !second.stop {
            k = word_end(t, k);
        }
    }
    if let Some(e) = initial_end(t, k, upper_doc).filter(|_| !t.newline_before(k)) {
        k = e;
    }
    if !age_follows(t, k) {
        return;
    }
    let name_word = |w: usize| {
        let info = lookup_word(t, w);
        !info.stop && (info.any() || !t.english(w)) && !t.has(w, u64::MAX)
    };
    // A surname in capitals that is a listed name and also a keyword (`MAY, Theodore`), before
    // a listed first name.
    let keyword_surname = |w: usize| {
        let info = lookup_word(t, w);
        // A month is a stop word as a name alone, not before `, First` and an age.
        let stop = info.stop && !t.has(w, bit::MONTH);
        t.all_caps(w) && t.multi_char(w) && info.any() && !stop && !t.has(w, bit::CREDENTIAL | bit::STATE_CODE)
    };
    let surname_ok = (name_shaped(t, s, upper_doc) && name_word(s)) || (keyword_surname(s) && lookup_word(t, f).first);
    // The month as a given name needs a surname that is a name word.
    let month_given = month_given && name_shaped(t, s, upper_doc) && name_word(s);
    if surname_ok && (name_word(f) || month_given) {
        push(out, t, s, k, 85);
        // `92M`: the age, when over 89, with the name that says it is one.
        let over_89 = t.num(k).is_some_and(|n| (90..=120).contains(&n));
        if over_89 && t.byte_len(k) <= 3 {
            out.push(Candidate::new(PhiKind::Age, t.start(k), t.end(k), 95));
        }
    }
}

/// The word tokens of the names found with context (score [`STRONG_NAME`] or more) in `out`,
/// name by name (a word of two names comes twice): the sources [`same_name_elsewhere`] and
/// [`listed_name_elsewhere`] carry.
fn strong_name_words<'a>(t: &'a Tokens<'_>, out: &'a [Candidate]) -> impl Iterator<Item = usize> + 'a {
    out.iter().filter(|c| c.kind == PhiKind::Name && c.score >= STRONG_NAME).flat_map(move |c| {
        let first = t.toks.partition_point(|x| x.start() < c.start);
        (first..).take_while(move |&k| t.toks.get(k).is_some_and(|x| x.end() <= c.end))
    })
}

/// A word of a name found by a rule with context of its own (`husband Mort`, `daughter Rivka`,
/// or a table's or an HL7 segment's name column, proposed before the name walk), written the
/// same way elsewhere in the note, is that name there too (`Mort tearful, ...`).
/// Only words that say "name" by themselves and that the dictionary does not find alone are
/// carried: 3 letters or more, capitalized, in no list (keywords, names, stop words), not
/// English, not a department; and only if the note never writes the word in lower case.
/// Candidates are proposed in the same pass as their source (score 55, below every other
/// rule), so a later pass, which sees only placeholders where the source was, has nothing left
/// to carry.
fn same_name_elsewhere(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>, unlisted: &[u64]) {
    let mut sources: Vec<usize> = Vec::new();
    for k in strong_name_words(t, out) {
        if carried_word(t, k, upper_doc) && !sources.iter().any(|&s| t.s(s) == t.s(k)) {
            sources.push(k);
        }
    }
    if sources.is_empty() {
        return;
    }
    // Occurrences are looked for only among the name-shaped words in no list, which the walk of
    // [`find_names`] gathered (a carried word is one of them).
    // A 64-bit filter of the carried words' first letters and lengths turns nearly every word
    // away with one test.
    let filter = filter_of(t, &sources);
    let unlisted_tokens = unlisted.iter().enumerate().flat_map(|(w, &bits)| {
        let mut bits = bits;
        std::iter::from_fn(move || {
            let b = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            (b < 64).then_some(w * 64 + b)
        })
    });
    let mut hits: Vec<usize> = unlisted_tokens
        .filter(|&k| {
            t.toks.get(k).is_some_and(|x| filter & filter_bit(x) != 0)
                && sources.iter().any(|&s| s != k && t.s(s) == t.s(k))
                && !(k > 0 && join_at(t, k - 1))
                && word_end(t, k) == k + 1
        })
        .collect();
    if hits.is_empty() {
        return;
    }
    // A carried word the note also writes in lower case is a common word (`grace`, `rose`):
    // one walk over the note, and only when there is something to carry.
    let lowered: Vec<String> = sources.iter().map(|&s| t.s(s).to_lowercase()).collect();
    let lengths = lowered.iter().fold(0u64, |m, w| m | 1u64 << w.len().min(63));
    let common = marked(t, |_, x| x.shape & shape::CAPITALIZED == 0 && lengths & (1u64 << x.len().min(63)) != 0)
        .filter(|&k| t.kind(k) == Some(TokKind::Alpha))
        .filter_map(|k| lowered.iter().position(|w| w == t.s(k)))
        .filter_map(|n| sources.get(n).map(|&s| t.s(s)))
        .collect::<Vec<_>>();
    hits.retain(|&k| !common.contains(&t.s(k)));
    // Carried words side by side on a line are one name (`Rivka Goldfarb`).
    let mut h = 0;
    while let Some(&start) = hits.get(h) {
        let mut end = start + 1;
        h += 1;
        while hits.get(h).is_some_and(|&k| k == end && !t.newline_before(k)) {
            end += 1;
            h += 1;
        }
        if !eponym_context(t, end) {
            push(out, t, start, end, 55);
        }
    }
}

/// `daughter Fiona McAllister-Brandt (POA) ... fiona reports ~2 yr decline`: in mixed-case
/// text, a name word found with context of its own (a title, a relation, a label), written
/// elsewhere in the note in lower case, as hurried notes write the people they keep naming.
/// Only a word that is no English word, no keyword and no common word (`rose`, `will` stay
/// words), of 3 letters or more, that the note writes capitalized only inside such names.
fn listed_name_in_lower_case(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    // The token ranges of the names found with context (a few per note).
    let strong: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| c.kind == PhiKind::Name && c.score >= STRONG_NAME)
        .map(|c| {
            let k = t.toks.partition_point(|x| x.start() < c.start);
            (k, k + t.toks.get(k..).unwrap_or(&[]).iter().take_while(|x| x.end() <= c.end).count())
        })
        .collect();
    // Their words that may be carried, by the cheap tests first (the dictionary's English list
    // only for a word found again in lower case).
    let mut sources: Vec<usize> = Vec::new();
    for k in strong.iter().flat_map(|&(a, b)| a..b) {
        let shaped = t.toks.get(k).is_some_and(|x| x.kind == TokKind::Alpha && x.lex == 0 && x.len() >= 3);
        if !shaped || !t.capitalized(k) || !t.ascii(k) || sources.iter().any(|&s| t.s(s) == t.s(k)) {
            continue;
        }
        let info = t.name_info(k);
        if !info.stop && !info.ambiguous {
            sources.push(k);
        }
    }
    if sources.is_empty() {
        return;
    }
    let filter = filter_of(t, &sources);
    let same = |s: usize, k: usize| t.s(s).eq_ignore_ascii_case(t.s(k));
    let lower = marked(t, |_, x| {
        (x.kind == TokKind::Alpha) & (x.shape & shape::CAPITALIZED == 0) & (filter & filter_bit(x) != 0)
    });
    let mut hits: Vec<usize> = lower
        .filter(|&k| sources.iter().any(|&s| same(s, k)) && word_end(t, k) == k + 1 && !(k > 0 && join_at(t, k - 1)))
        .collect();
    if hits.is_empty() {
        return;
    }
    sources.retain(|&s| hits.iter().any(|&k| same(s, k)) && !t.english(s));
    // A word the note also writes capitalized outside such a name is a word of its own there
    // (`Dr. Tenby ... tenby cream; Tenby lotion`): not taken in lower case either.
    let in_strong = |k: usize| strong.iter().any(|&(a, b)| a <= k && k < b);
    let filter = filter_of(t, &sources);
    let capitalized = marked(t, |_, x| {
        (x.kind == TokKind::Alpha) & (x.shape & shape::CAPITALIZED != 0) & (filter & filter_bit(x) != 0)
    });
    for k in capitalized {
        if !in_strong(k) {
            sources.retain(|&s| !same(s, k));
        }
    }
    hits.retain(|&k| sources.iter().any(|&s| same(s, k)));
    for k in hits {
        if !eponym_context(t, k + 1) {
            push(out, t, k, k + 1, 55);
        }
    }
}

/// The filter of the words at `sources`: the OR of their [`filter_bit`]s.
fn filter_of(t: &Tokens<'_>, sources: &[usize]) -> u64 {
    sources.iter().filter_map(|&s| t.toks.get(s)).fold(0u64, |m, x| m | filter_bit(x))
}

/// The bit of a word in the filter of [`same_name_elsewhere`]: its first letter (either case,
/// for ASCII) and its length.
fn filter_bit(x: &Token) -> u64 {
    // `| 0x20` folds an ASCII capital onto its small letter, without a branch.
    let first = u64::from(u32::from(x.first) | 0x20);
    1u64 << ((first * 7 + x.len() as u64) & 63)
}

/// Word `k` can be carried to the rest of the note ([`same_name_elsewhere`]).
fn carried_word(t: &Tokens<'_>, k: usize, upper_doc: bool) -> bool {
    // A listed name needs no carrying: the dictionary finds it anywhere (or knows it is a word:
    // `Will`, `Grace`).
    let info = t.name_info(k);
    if info.any() || info.stop || t.byte_len(k) < 3 || t.has(k, u64::MAX) || !name_shaped(t, k, upper_doc) {
        return false;
    }
    if word_end(t, k) != k + 1 || (k > 0 && join_at(t, k - 1)) {
        return false;
    }
    !(department(t, k) || t.english(k))
}

/// `08:14 kayla b: hey is anyone covering`: in a chat or message log, the speaker between a
/// time starting the line (`08:14`, `8:14 PM`) and a colon. One word (any case), a listed first
/// name or in no list and not English, or a doubled nickname (`Jun-Jun:`), optionally followed
/// by an initial, a second such word or a listed surname that is no English word (`joy
/// macaraeg:`; `registration desk:`, `08:30 Note:` are no speakers). `i` is the word after the
/// time.
fn chat_speaker(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    // `n` is one past the time's minutes, `m` the speaker's first word.
    let meridiem = i > 0 && t.is_any(i, &["am", "pm"]) && t.kind(i - 1) == Some(TokKind::Digit);
    let (n, m) = if meridiem { (i, i + 1) } else { (i, i) };
    let time = n >= 3
        && t.kind(n - 1) == Some(TokKind::Digit)
        && t.byte_len(n - 1) == 2
        && t.punct(n - 2, ':')
        && t.joined(n - 1)
        && t.joined(n - 2)
        && t.kind(n - 3) == Some(TokKind::Digit)
        && t.byte_len(n - 3) <= 2
        && (n == 3 || t.newline_before(n - 3) || date_opens_line_before(t, n - 3))
        && !t.newline_before(m);
    // Or a date alone before the speaker (`9/22 vang: i mail it back`).
    // Not a word in capitals there (`01/22 NOC (MLT):`, a shift).
    let dated = !meridiem && !t.all_caps(i) && date_opens_line_before(t, i);
    // Or a date and a 24-hour time of 4 digits (`11/10 1010 AL-DOURI: WIFE TOLD`).
    let dated_clock = !meridiem && date_and_four_digit_time_before(t, i);
    if !time && !bracketed_time_before(t, i) && !dated && !dated_clock {
        return;
    }
    let word_ok = |k: usize| speaker_word(t, k) && !t.newline_before(k);
    // `AL-DOURI:`: a particle joined by a hyphen to a speaker's word.
    let particle_joined = t.is_any(m, PARTICLES)
        && t.punct(m + 1, '-')
        && t.joined(m + 1)
        && t.joined(m + 2)
        && word_ok(m + 2)
        && !t.newline_before(m);
    if !word_ok(m) && !reduplicated(t, m) && !particle_joined {
        // `[Sat 3/15 09:12] G.C.: she's with me`: dotted initials as the speaker.
        let (letters, e) = dotted_capitals(t, m, 4);
        if letters >= 2 && t.punct(e, ':') && t.joined(e) && t.punct(e - 1, '.') {
            push(out, t, m, e, 88);
        }
        return;
    }
    let mut end = word_end(t, m);
    // A second word: an initial, a speaker's word, or a listed surname (`joy macaraeg:`).
    let surname = |k: usize| lookup_word(t, k).last && !t.has(k, u64::MAX) && !t.english(k);
    if t.kind(end) == Some(TokKind::Alpha)
        && !t.newline_before(end)
        && (!t.multi_char(end) || word_ok(end) || surname(end))
    {
        end = word_end(t, end);
    }
    // A handle's tail glued by `.` or `_` (`amina.d`, `mari.dlf`, `nhaddad_lmft`): letters in
    // lower case, or one letter.
    if (t.punct(end, '.') || t.punct(end, '_'))
        && t.joined(end)
        && t.joined(end + 1)
        && t.kind(end + 1) == Some(TokKind::Alpha)
        && t.byte_len(end + 1) <= 8
        && (t.all_lower(end + 1) || !t.multi_char(end + 1))
    {
        end += 2;
    }
    // A symbol after the name, as a phone's contact list shows one (`jen 🌵:`).
    let symbol =
        t.kind(end) == Some(TokKind::Punct) && !t.ascii(end) && !t.newline_before(end) && t.punct(end + 1, ':');
    let after = if symbol { end + 1 } else { end };
    // A role in brackets before the colon (`jkowalski (RN):`, `ilse (family liaison):`): up to
    // four words, closed on the line.
    let colon = if t.punct(after, '(') && !t.joined(after) && !t.newline_before(after) {
        (after + 1..after + 6)
            .take_while(|&k| {
                !t.newline_before(k) && (t.kind(k) == Some(TokKind::Alpha) || t.punct(k, ')') || t.punct(k, '/'))
            })
            .find(|&k| t.punct(k, ')'))
            .map_or(after, |k| k + 1)
    } else {
        after
    };
    if t.punct(colon, ':') && t.joined(colon) && (upper_doc || !t.all_caps(m) || !t.multi_char(m)) {
        push(out, t, m, end, 88);
        if !upper_doc {
            names_in_message(t, colon + 1, out);
        }
    }
}

/// `handed off to kwame.`, `thank you siobhan.`: in a chat message (from token `k` to the end
/// of its line), a word in lower case of 3 letters or more that is a listed first name, no
/// English word, no keyword and no stop word (`rose`, `joy`, `will` stay words).
fn names_in_message(t: &Tokens<'_>, k: usize, out: &mut Vec<Candidate>) {
    let mut j = k;
    while j < t.len() && (j == k || !t.newline_before(j)) {
        let plain = t.toks.get(j).is_some_and(|x| {
            x.kind == TokKind::Alpha && x.lex == 0 && x.len() >= 3 && x.shape & shape::CAPITALIZED == 0
        });
        if plain && t.all_lower(j) && !t.joined(j) {
            let info = lookup_word(t, j);
            if info.first && !info.stop && !t.english(j) {
                push(out, t, j, j + 1, 60);
            }
        }
        j += 1;
    }
}

/// `04/16/25 14:20 kbrzezinska:`, `2025-02-03 09:12 okeller:`: the tokens before token `k` on
/// its line are a date alone (`m/d`, `m/d/y` or `y-m-d`), a space before `k`.
fn date_opens_line_before(t: &Tokens<'_>, k: usize) -> bool {
    if k < 3 || t.joined(k) || t.newline_before(k) {
        return false;
    }
    // The date's groups, last first: digits of 1 to 4 each, joined by one kind of separator.
    let group = |g: usize| t.kind(g) == Some(TokKind::Digit) && t.byte_len(g) <= 4;
    let sep = if t.punct(k - 2, '/') { '/' } else { '-' };
    let joined_sep = |s: usize| t.punct(s, sep) && t.joined(s) && t.joined(s + 1);
    if !group(k - 1) || !joined_sep(k - 2) || !group(k - 3) {
        return false;
    }
    let starts = |f: usize| f == 0 || t.newline_before(f);
    if starts(k - 3) {
        return sep == '/';
    }
    k >= 5 && joined_sep(k - 4) && group(k - 5) && starts(k - 5)
}

/// `04/02/25 09:18 NGL - called the plan`, `3/24/25 09:05 DW - adjuster returned call`,
/// `04/11/2025 08:52 jmoreau3: posted`: in a note in mixed case, the writer of a dated log
/// entry, between the date (and a time, `hh:mm` or 4 digits) opening the line and a `-` apart
/// or a glued `:`, with the entry after it on the line. The writer is 2 or 3 capitals that are
/// no keyword, no English word and none of [`NOT_INITIALS`], or a login name in lower case
/// (4 letters or more, no English word, up to 2 digits glued). `i` is the word after a digit.
fn dated_writer(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if upper_doc || t.has(i, u64::MAX) || !t.ascii(i) || t.joined(i) {
        return;
    }
    let login = t.all_lower(i) && t.byte_len(i) >= 4;
    if !(capital_initials(t, i) || login) {
        return;
    }
    // The date alone, or with `hh:mm` (`h:mm`) or a 24-hour time of 4 digits after it.
    let clock = i >= 3 && super::dates::clock_at(t, i - 3) && date_opens_line_before(t, i - 3);
    if !(clock || date_and_four_digit_time_before(t, i) || date_opens_line_before(t, i)) {
        return;
    }
    let digits = login && t.kind(i + 1) == Some(TokKind::Digit) && t.joined(i + 1) && t.byte_len(i + 1) <= 2;
    let end = if digits { i + 2 } else { i + 1 };
    let entry = |k: usize| k < t.len() && !t.newline_before(k);
    let dash = t.punct(end, '-') && !t.joined(end) && !t.joined(end + 1) && entry(end + 1);
    let colon = t.punct(end, ':') && t.joined(end) && !t.joined(end + 1) && entry(end + 1);
    if (dash || colon) && !t.english(i) && !t.name_info(i).stop {
        push(out, t, i, end, 80);
    }
}

/// `11/10 1010 AL-DOURI:`: the tokens before word `i` on its line are a date and a 24-hour time
/// of 4 digits.
fn date_and_four_digit_time_before(t: &Tokens<'_>, i: usize) -> bool {
    i >= 1 && super::dates::four_digit_time(t, i - 1) && date_opens_line_before(t, i - 1)
}

/// Token `k` is a writer's initials in capitals: 2 or 3 letters, no keyword, none of
/// [`NOT_INITIALS`] (`NGL`, `KB`; not `OS`, `RN`).
fn capital_initials(t: &Tokens<'_>, k: usize) -> bool {
    t.all_caps(k) && (2..=3).contains(&t.byte_len(k)) && !t.has(k, u64::MAX) && !t.is_any(k, NOT_INITIALS)
}

/// `can i come w/ her next time? -nadine`: a listed first name in lower case signing a
/// message's line after a `-` that stands apart (token `d`) and glued to it, the line's last
/// word; no English word, keyword or stop word.
fn signed_first_name(t: &Tokens<'_>, d: usize, out: &mut Vec<Candidate>) {
    let k = d + 1;
    let apart = d == 0 || !t.joined(d);
    let last = k + 1 >= t.len() || t.newline_before(k + 1);
    if !apart || !t.joined(k) || !last || !t.all_lower(k) || t.byte_len(k) < 3 {
        return;
    }
    let info = lookup_word(t, k);
    if info.first && !info.stop && !t.has(k, u64::MAX) && !t.english(k) {
        push(out, t, k, k + 1, 80);
    }
}

/// `[21:05] Siobhan:`, `[9/12/24, 21:03] Hodan:`, `[3/7/26, 9:12 pm] Widlene:`: a chat
/// export's line, opening with a bracket that holds a time (`hh:mm`) and closes, apart, right
/// before word `i`.
fn bracketed_time_before(t: &Tokens<'_>, i: usize) -> bool {
    if i < 5 || !t.punct(i - 1, ']') || t.joined(i) || t.newline_before(i) {
        return false;
    }
    let mut o = i - 1;
    while o > 0 && i - o < 14 && !t.punct(o, '[') && !t.newline_before(o) {
        o -= 1;
    }
    let opens = t.punct(o, '[') && (o == 0 || t.newline_before(o));
    let clock = (o + 1..i - 1).any(|k| t.punct(k, ':') && t.joined(k) && t.joined(k + 1) && t.digits(k + 1, Some(2)));
    opens && clock
}

/// `Tran Thi Ngoc Anh (mom)`, `Marisol Pena (daughter, POA)`, `(eleni, daughter)`: a relation
/// in brackets at `b` names the person beside it: the one to four name-shaped words right
/// before the bracket on its line (capitalized; no keyword, no English word unless a listed
/// name), or the one or two words opening the bracket before a comma and the relation (any
/// case: messages write `eleni`).
fn bracketed_relation(t: &Tokens<'_>, b: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    let relation = |k: usize| t.has(k, bit::RELATION) && !t.newline_before(k);
    if relation(b + 1) && t.joined(b + 1) && b > 0 && !t.newline_before(b) {
        // Words before the bracket.
        let word = |k: usize| {
            let info = t.name_info(k);
            name_shaped(t, k, upper_doc)
                && t.toks.get(k).is_some_and(|x| x.lex == 0)
                && !info.stop
                && (info.any() || !t.english(k))
        };
        let mut s = b;
        while s > 0 && b - s < 4 && !t.newline_before(s) && word(s - 1) {
            s -= 1;
        }
        // At least two words, or one listed name (`Kev (son)` alone may be a nickname).
        let two = b - s >= 2 || (b - s == 1 && t.name_info(s).any());
        if s < b && two {
            push(out, t, s, b, 88);
        }
        return;
    }
    // `(eleni, daughter)`: the name opens the bracket.
    let w = b + 1;
    // No short capitals (`(OTC, GRANDDAUGHTER UNAWARE)`).
    let lettered = |k: usize| {
        t.kind(k) == Some(TokKind::Alpha)
            && t.toks.get(k).is_some_and(|x| x.lex == 0)
            && t.byte_len(k) >= 3
            && !(t.all_caps(k) && (!upper_doc || !t.name_info(k).any()))
    };
    if !lettered(w) || !t.joined(w) || t.newline_before(w) {
        return;
    }
    let e = if lettered(w + 1) && !t.joined(w + 1) { w + 2 } else { w + 1 };
    if t.punct(e, ',') && relation(e + 1) && (w..e).all(|k| !t.english(k) || t.name_info(k).any()) {
        push(out, t, w, e, 88);
    }
}

/// `Debbie's daughter`, `dee's son`: a name before `'s` and relation `i`. The word is
/// shaped like a name, in no keyword list (`Patient's`, `Mom's`), no stop word (`Alzheimer's`)
/// and a listed first name or neither listed nor English.
fn possessor_of_relation(t: &Tokens<'_>, i: usize, upper_doc: bool, out: &mut Vec<Candidate>) {
    if i < 3 || !t.is(i - 1, "s") || !t.joined(i - 1) || !t.joined(i - 2) || t.newline_before(i) {
        return;
    }
    let w = i - 3;
    if !t.apostrophe(i - 2) || !name_shaped(t, w, upper_doc) || t.has(w, u64::MAX) {
        return;
    }
    let info = lookup_word(t, w);
    let unlisted = !info.any() && !t.english(w) && t.byte_len(w) >= 3;
    if !info.stop && (info.first || unlisted) && word_end(t, w) == w + 1 {
        push(out, t, w, w + 1, 88);
    }
}

/// `HALVORSEN_20260112_01.jpg`, `Halvorsen_2025-07-08_01-05`: a surname joined by `_` to a date
/// in a file name (`i` is the word, `_` after it). The word has 4 letters or more, is in no
/// keyword list, and is no English or stop word (`IMG_20260112`, `scan_2026-01-12` stay).
fn file_name_surname(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let d = i + 2;
    if !t.joined(d) || t.byte_len(i) < 4 || t.has(i, u64::MAX) || t.english(i) || t.name_info(i).stop {
        return;
    }
    let compact = t.digits(d, Some(8)) && t.s(d).starts_with(['1', '2']);
    let iso = t.digits(d, Some(4))
        && t.punct(d + 1, '-')
        && t.joined(d + 1)
        && t.digits(d + 2, Some(2))
        && t.punct(d + 3, '-')
        && t.digits(d + 4, Some(2));
    if compact || iso {
        push(out, t, i, i + 1, 80);
    }
}

/// Word `k` may be a given name beside a surname found, though a rule alone would not take it:
/// capitalized (mixed case only), a listed first name (also an English word, a month or a
/// stop word for its other sense: `Mercy`, `May`, `Blessing`), no function word, title,
/// credential or other keyword but a month.
fn given_beside(t: &Tokens<'_>, k: usize) -> bool {
    let Some(tok) = t.toks.get(k) else { return false };
    tok.kind == TokKind::Alpha
        && tok.shape & shape::CAPITALIZED != 0
        && tok.shape & shape::MULTI_CHAR != 0
        && !t.all_caps(k)
        && tok.lex & !bit::MONTH == 0
        && t.name_info(k).first
}

/// `Mercy [Adeyemi]`, `May [Sterling], MSW`, `Minutes: A. [Hassan]`: each name this walk
/// found (from `first` in `out`) in a mixed-case note, taken with the listed given name
/// ([`given_beside`]) or the dotted initial right before it on its line. The candidate itself
/// grows (its score unchanged), so a longer name found by another rule still wins.
fn extend_names(t: &Tokens<'_>, upper_doc: bool, first: usize, out: &mut [Candidate]) {
    if upper_doc {
        return;
    }
    let found = out.len();
    // Where the names found end, sorted, once a name may grow: a word that ends one is no given
    // name of the next (`Siobhan Mac` and `Giolla Phádraig` stay side by side).
    let mut ends: Option<Vec<usize>> = None;
    let bytes = t.text.as_bytes();
    for n in first..found {
        let Some(&c) = out.get(n) else { break };
        // A space before the name and a letter or `.` before the space, or nothing grows it
        // (the test before the search for the name's token).
        let spaced = c.start >= 2
            && bytes.get(c.start - 1) == Some(&b' ')
            && bytes.get(c.start - 2).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'.');
        if c.kind != PhiKind::Name || !spaced {
            continue;
        }
        let s = t.toks.partition_point(|x| x.start() < c.start);
        if s >= t.len() || t.start(s) != c.start || s == 0 || t.newline_before(s) {
            continue;
        }
        // A dotted initial (`A. Hassan`): an initial with its `.` ([`initial_end`]), not after
        // a title's `.`.
        let initial = s >= 2
            && initial_end(t, s - 2, false) == Some(s)
            && !t.newline_before(s - 1)
            && (s == 2 || !t.joined(s - 2));
        let start = if initial {
            s - 2
        } else if given_beside(t, s - 1) {
            s - 1
        } else {
            continue;
        };
        let ends = ends.get_or_insert_with(|| {
            let mut v: Vec<usize> = out.iter().filter(|c| c.kind == PhiKind::Name).map(|c| c.end).collect();
            v.sort_unstable();
            v
        });
        if ends.binary_search(&t.end(s - 1)).is_ok() {
            continue;
        }
        if let Some(x) = out.get_mut(n) {
            x.start = t.start(start);
        }
    }
}

/// Whether a `SURNAME,` starting at token `w` can open a written name: where a field opens
/// ([`opens_field`]) or after a title, relation, role, label or `by` (`DRIVER TAUFA, SIONE K.`).
fn opens_surname(t: &Tokens<'_>, w: usize) -> bool {
    const CONTEXT: u64 = bit::TITLE | bit::RELATION | bit::NAME_WEAK | bit::NAME_LABEL | bit::BY_VERB;
    opens_field(t, w) || t.has(w - 1, CONTEXT)
}

/// Token `w` opens a field: a line's start, a column gap, a row number, a field's `=`, `:`, `"`,
/// `(`, `|` or `[`, or a dotted leader (`Patient .........`).
fn opens_field(t: &Tokens<'_>, w: usize) -> bool {
    w == 0
        || t.newline_before(w)
        || column_gap(t, w)
        || t.kind(w - 1) == Some(TokKind::Digit)
        || ['=', ':', '"', '(', '|', '['].iter().any(|&c| t.punct(w - 1, c))
        || (w >= 2 && t.punct(w - 1, '.') && t.punct(w - 2, '.'))
}

/// Word `k` (its first token) can be a surname or a given name written beside a found one:
/// letters, capitalized, two letters or more, in no keyword list, no stop word, and no English
/// word unless listed as a name.
fn name_part(t: &Tokens<'_>, k: usize) -> bool {
    name_part_but(t, k, u64::MAX)
}

/// [`name_part`], but in no keyword list of the bits `lists` only.
fn name_part_but(t: &Tokens<'_>, k: usize, lists: u64) -> bool {
    let info = lookup_word(t, k);
    t.kind(k) == Some(TokKind::Alpha)
        && t.multi_char(k)
        && t.capitalized(k)
        && !t.has(k, lists)
        && !info.stop
        && (info.any() || !t.english(k))
}

/// The first token of `SURNAME` before the `,` that token `s` (a found given name) follows on its
/// line, when the surname opens the written name ([`opens_surname`]).
fn surname_before_comma(t: &Tokens<'_>, s: usize) -> Option<usize> {
    if s < 2 || !t.punct(s - 1, ',') || !t.joined(s - 1) || t.newline_before(s) || t.newline_before(s - 1) {
        return None;
    }
    let mut w = s - 2;
    while w >= 2 && join_at(t, w - 1) && !t.newline_before(w) && w + 2 * MAX_JOINS > s {
        w -= 2;
    }
    (name_part(t, w) && opens_surname(t, w)).then_some(w)
}

/// A name word after a `LAST, FIRST` (token `k`): the rest of a given name in the same case
/// (`VANG, TOU LUE`, `KHALIQ, NOOR UL-AIN`) or a closing initial (`YVETTE M.`, `SIONE K.`),
/// ending the line or before a column gap, a quote, a bracket or `|`. Returns one past it.
fn rest_of_given(t: &Tokens<'_>, k: usize, caps: bool) -> Option<usize> {
    if t.kind(k) != Some(TokKind::Alpha) || t.joined(k) || t.newline_before(k) || column_gap(t, k) {
        return None;
    }
    let end = if t.multi_char(k) {
        // A word of another list may still be a given name here (`LUE` is a weekday's
        // abbreviation); not one that opens the next field.
        const FIELD: u64 = bit::CREDENTIAL
            | bit::ID_CONTEXT
            | bit::ID_KIND
            | bit::ID_MARKER
            | bit::PHONE_CONTEXT
            | bit::SSN_CONTEXT
            | bit::AGE_BEFORE
            | bit::BIRTH
            | bit::NAME_LABEL
            | bit::TITLE
            | bit::RELATION
            | bit::FUNCTION;
        (name_part_but(t, k, FIELD) && t.all_caps(k) == caps).then(|| word_end(t, k))?
    } else {
        initial_end(t, k, false)?
    };
    let closes = end >= t.len()
        || t.newline_before(end)
        || column_gap(t, end)
        || ['"', '(', '|', ','].iter().any(|&c| t.punct(end, c));
    closes.then_some(end)
}

/// `DELACROIX-BEAUMONT, [YVETTE] M.`, `attending=OYELARAN, [TEMITOPE]`, `[DELACROIX]-ÉTIENNE,
/// Marie-Josée`: each name this walk found (from `first` in `out`) grows
/// to the parts of the same written name its rule left out: the surname before `SURNAME, ` where
/// such a name opens ([`surname_before_comma`]), the name-like parts joined by `-` or an
/// apostrophe (at most [`MAX_JOINS`] each way), a listed first name after a `SURNAME,` alone
/// opening a field, and the rest of the given name after `LAST, FIRST` ([`rest_of_given`]).
/// The candidate itself grows (its score unchanged). (An HL7 name's parts are
/// [`hl7_name`]'s.)
fn complete_names(t: &Tokens<'_>, first: usize, out: &mut [Candidate]) {
    let found = out.len();
    let bytes = t.text.as_bytes();
    for n in first..found {
        let Some(&c) = out.get(n) else { break };
        if c.kind != PhiKind::Name {
            continue;
        }
        // Most names have none of the parts this looks for: the bytes around them tell, before
        // any token is searched. (A typographic apostrophe starts with 0xE2.)
        let byte = |k: Option<usize>| k.and_then(|k| bytes.get(k)).copied().unwrap_or(b'\n');
        let (before, before2, after) = (byte(c.start.checked_sub(1)), byte(c.start.checked_sub(2)), byte(Some(c.end)));
        let comma_inside = || bytes.get(c.start..c.end).is_some_and(|v| v.contains(&b','));
        let joined_after = matches!(after, b'-' | b'\'' | 0xE2 | b'^' | b',');
        let joined_before = matches!(before, b'-' | b'\'' | 0xE2 | b'^') || (before == b' ' && before2 == b',');
        if !(joined_after || joined_before || (after == b' ' && comma_inside())) {
            continue;
        }
        let s = t.toks.partition_point(|x| x.start() < c.start);
        let e = (s..t.len()).find(|&k| t.start(k) >= c.end).unwrap_or(t.len());
        if s >= e || t.start(s) != c.start || t.end(e - 1) != c.end {
            continue;
        }
        let (mut start, mut end) = (s, e);
        if let Some(w) = surname_before_comma(t, start) {
            start = w;
        }
        // Joined parts that are name-like (`Child-Pugh`, `pseudo-Pelger` are not).
        while start >= 2
            && start + 2 * MAX_JOINS > s
            && join_at(t, start - 1)
            && !t.newline_before(start - 1)
            && name_part(t, start - 2)
        {
            start -= 2;
        }
        while end < e + 2 * MAX_JOINS && join_at(t, end) && name_part(t, end + 1) {
            end += 2;
        }
        let comma = (start..end).any(|k| t.punct(k, ','));
        // `Pt: FONTES TAVARES, MARIA`: a first surname in capitals before the found `SURNAME,
        // GIVEN`, opening the field where the found one does not.
        let caps = t.all_caps(start) && t.multi_char(start);
        if comma && caps && start >= 1 && !opens_field(t, start) && !t.newline_before(start) {
            let w = start - 1;
            // Between a label and a found surname an English-looking word is a surname too
            // (`FONTES` reads as an inflection of `font`), but no keyword or stop word.
            let part = t.all_caps(w) && t.byte_len(w) >= 4 && !t.has(w, u64::MAX) && !lookup_word(t, w).stop;
            if part && opens_field(t, w) && !t.joined(start) {
                start = w;
            }
        }
        // A surname alone opening a field before `, GIVEN` (not a name in a list of names).
        let surname_alone = word_end(t, start) == end && opens_field(t, start);
        if surname_alone && t.punct(end, ',') && t.joined(end) && !t.newline_before(end + 1) {
            let given = end + 1;
            if name_part(t, given) && lookup_word(t, given).first && !t.english(given) {
                end = word_end(t, given);
            }
        } else if comma {
            if let Some(e2) = rest_of_given(t, end, t.all_caps(end - 1)) {
                end = e2;
                // One more: `TOU LUE K.`.
                end = rest_of_given(t, end, t.all_caps(end - 1)).unwrap_or(end);
            }
            // `MARIA DA LUZ`: a particle and one more given name in the same case, ending the
            // line or before a column gap.
            let same_case = |k: usize| if t.all_caps(end - 1) { t.all_caps(k) } else { t.capitalized(k) };
            let particle = t.is_any(end, PARTICLES) && same_case(end) && !t.joined(end) && !t.newline_before(end);
            let word = end + 1;
            if particle && t.multi_char(word) && same_case(word) && !t.joined(word) && !t.newline_before(word) {
                let closes = word + 1 >= t.len() || t.newline_before(word + 1) || column_gap(t, word + 1);
                if closes && name_part(t, word) {
                    end = word + 1;
                }
            }
        }
        if (start, end) != (s, e) {
            if let Some(x) = out.get_mut(n) {
                x.start = t.start(start);
                x.end = t.end(end - 1);
            }
        }
    }
}

/// `[07:03] @jtranvu: bed 6 ...`, `exported by @mkealoha`: a chat handle, an `@` standing apart
/// (token `i`) glued to a word of 3 letters or more (ASCII, lower case) that is no English word
/// and in no keyword list (`@home`, `@bedside` and email addresses are no handles); glued
/// digits go with it only after a login name of an initial and a surname (`@melsayed3`; not
/// `@user12`).
fn at_handle(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let k = i + 1;
    let apart = i == 0 || !t.joined(i);
    let word = t.joined(k) && t.all_lower(k) && t.byte_len(k) >= 3 && t.ascii(k);
    if !apart || !word || t.has(k, u64::MAX) || t.english(k) {
        return;
    }
    if t.joined(k + 1) && t.kind(k + 1) == Some(TokKind::Digit) {
        if let Some(e) = super::login::initial_surname_login(t, k).filter(|&e| e == k + 2) {
            push(out, t, k, e, 80);
        }
        return;
    }
    push(out, t, k, k + 1, 80);
}

/// `Jun-Jun`, `Bong-Bong`: word `k` of two letters or more doubled across a joined `-`, a
/// nickname (whatever lists the word is in: `Jun` is a month).
fn reduplicated(t: &Tokens<'_>, k: usize) -> bool {
    t.kind(k) == Some(TokKind::Alpha)
        && t.multi_char(k)
        && t.punct(k + 1, '-')
        && t.joined(k + 1)
        && t.joined(k + 2)
        && t.kind(k + 2) == Some(TokKind::Alpha)
        && t.s(k).eq_ignore_ascii_case(t.s(k + 2))
}

/// `01/22 NOC (MLT): TMAX 37.9`, `[08:30] prog (KOR): Good morning`, `12:50 HDS (dpruitt):`: the
/// writer of a dated log entry in brackets at `b` before the entry's colon: initials (2 to 4
/// letters in one case, in no keyword list, no English word, none of [`NOT_INITIALS`]) or a
/// login name of an initial and a surname; the line opening with a date, a time or a `[`, at
/// most 3 tokens before the bracket that are no digits. Also `Kelsey O'Rourke (KOR)`: capitals
/// in brackets that are the initials of the 2 or 3 capitalized words right before.
fn bracketed_writer(t: &Tokens<'_>, b: usize, out: &mut Vec<Candidate>) {
    let k = b + 1;
    if !t.joined(k) || !t.punct(k + 1, ')') || !t.joined(k + 1) || t.kind(k) != Some(TokKind::Alpha) {
        return;
    }
    let initials = (2..=4).contains(&t.byte_len(k))
        && (t.all_caps(k) || t.all_lower(k))
        && !t.has(k, u64::MAX)
        && !t.is_any(k, NOT_INITIALS)
        && !t.english(k);
    if initials && b >= 2 && t.all_caps(k) && initials_of_words_before(t, b, k) {
        push(out, t, k, k + 1, 80);
        return;
    }
    let login = !initials && super::login::initial_surname_login(t, k) == Some(k + 1);
    if !(initials || login) || !t.punct(k + 2, ':') || !t.joined(k + 2) {
        return;
    }
    // The line's first token, at most 12 tokens back.
    let mut s = b;
    while s > 0 && !t.newline_before(s) && b - s < 12 {
        s -= 1;
    }
    // A date or time (`01/22`, `12:50`, `0630`), not a list's number (`2. Pediatric ...`).
    let stamp = super::dates::four_digit_time(t, s)
        || (t.kind(s) == Some(TokKind::Digit) && (t.punct(s + 1, '/') || t.punct(s + 1, ':')) && t.joined(s + 1));
    let dated = stamp || t.punct(s, '[');
    let words = (s..b).filter(|&m| t.kind(m) == Some(TokKind::Alpha)).count();
    if (s == 0 || t.newline_before(s)) && dated && words <= 3 {
        push(out, t, k, k + 1, 80);
    }
}

/// The capitals of word `k` are the first letters of the 2 or 3 capitalized words right before
/// the bracket at `b` (`Kelsey O'Rourke (KOR)`: an apostrophe's part counts, `O'Rourke` gives
/// `OR`).
fn initials_of_words_before(t: &Tokens<'_>, b: usize, k: usize) -> bool {
    let want = t.s(k).as_bytes();
    // Matched from the last letter back, one per word.
    let mut matched = 0;
    let mut m = b;
    while m > 0 && matched < want.len() && b - m < 8 {
        m -= 1;
        if t.newline_before(m + 1) && m + 1 < b {
            return false;
        }
        match t.kind(m) {
            Some(TokKind::Alpha)
                if t.capitalized(m)
                    && (!t.all_caps(m) || t.byte_len(m) == 1)
                    && (t.byte_len(m) == 1 || !t.english(m) || lookup_word(t, m).any()) =>
            {
                let letter = t.s(m).as_bytes().first().map(u8::to_ascii_uppercase);
                if letter != want.get(want.len() - 1 - matched).copied() {
                    return false;
                }
                matched += 1;
            }
            Some(TokKind::Punct) if t.apostrophe(m) && t.joined(m) => {}
            _ => return false,
        }
    }
    matched >= 2 && matched == want.len()
}

/// `313-555-0177 (Kobby)`: a name alone in brackets at `b` right after a phone number's last
/// group (4 digits after a glued `-`): a speaker's word ([`speaker_word`]), capitalized.
fn bracketed_after_phone(t: &Tokens<'_>, b: usize, out: &mut Vec<Candidate>) {
    let phone = b >= 2 && t.digits(b - 1, Some(4)) && t.punct(b - 2, '-') && t.joined(b - 1) && !t.joined(b);
    let w = b + 1;
    if phone && t.joined(w) && t.punct(w + 1, ')') && t.joined(w + 1) && t.capitalized(w) && speaker_word(t, w) {
        push(out, t, w, w + 1, 80);
    }
}

/// `Kobby: "In my family the name is given..."`: a capitalized speaker's word ([`speaker_word`])
/// opening a line, a colon and a quote, as transcripts and interview notes write who speaks.
fn quoted_speaker(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let quote = t.toks.get(i + 2).is_some_and(|x| x.kind == TokKind::Punct && matches!(x.first, '"' | '“'));
    if quote && t.punct(i + 1, ':') && t.joined(i + 1) && t.capitalized(i) && speaker_word(t, i) {
        push(out, t, i, i + 1, 80);
    }
}

/// Word `k` can be a chat speaker's name: letters, in no keyword list, no stop word, a listed
/// first name or a word neither listed nor English.
fn speaker_word(t: &Tokens<'_>, k: usize) -> bool {
    let info = lookup_word(t, k);
    t.kind(k) == Some(TokKind::Alpha)
        && t.multi_char(k)
        && !t.has(k, u64::MAX)
        && !info.stop
        && (info.first || (!info.any() && !t.english(k)))
}

/// `tori 18:53: ya who is it`: a chat line whose speaker comes before the time, then a colon.
/// `i` is a word starting its line; `me 18:55:` is a function word.
fn speaker_before_time(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let n = i + 1;
    let time = super::dates::clock_at(t, n);
    let colon = if t.is_any(n + 3, &["am", "pm", "a", "p"]) && t.joined(n + 3) { n + 4 } else { n + 3 };
    if time && t.punct(colon, ':') && t.joined(colon) && speaker_word(t, i) {
        push(out, t, i, i + 1, 88);
    }
}

/// What [`hl7_name`] reads of a part of a caret-joined name.
struct CaretPart {
    /// Letters, no keyword or stop word, not English.
    word: bool,
    /// In a name list.
    listed: bool,
    /// Four letters or more.
    long: bool,
    /// Letters, no keyword or stop word, in a name list and also an English word.
    listed_english: bool,
}

impl CaretPart {
    fn of(t: &Tokens<'_>, k: usize) -> CaretPart {
        let info = t.name_info(k);
        let base = t.multi_char(k) && !t.has(k, u64::MAX) && !info.stop;
        let english = t.english(k);
        CaretPart {
            word: base && !english,
            listed: info.any(),
            long: t.byte_len(k) >= 4,
            listed_english: base && english && info.any(),
        }
    }

    /// A name word in a name list.
    fn listed_word(&self) -> bool {
        self.word && self.listed
    }
}

/// `(0010,0010) PatientName = GARCIA^MARIA^E`: a DICOM header dump's person name value, after
/// `=` and an attribute whose name ends in `Name` (`PatientName`, `ReferringPhysicianName`).
/// `i` is the value's first word.
fn dicom_name_value(t: &Tokens<'_>, i: usize) -> bool {
    let attribute = |k: usize| {
        let s = t.s(k).as_bytes();
        s.len() > 4 && s.get(s.len() - 4..).is_some_and(|e| e.eq_ignore_ascii_case(b"name")) && t.capitalized(k)
    };
    i >= 2 && t.punct(i - 1, '=') && !t.joined(i) && attribute(i - 2) && !t.newline_before(i)
}

/// `PID|1||...||OKONKWO^CHIDINMA||19710304`, `|1487702231^HADDAD^SAMIR^^^MD|`: a family and a
/// given name joined by `^` in an HL7 field (after `|`, or after a number and `^`, as in an
/// XCN provider field), each part proposed alone. Both parts letters only, of two letters or
/// more, in no keyword list, not English, not stop words, and a listed name or both of four
/// letters or more (`NWMC^MR`, `8302-2^Height^LN`, `ADT^A08` are codes). A given name may have
/// a second word in capitals one space apart, no English word (`XIONG^MAI KA`; not
/// `HEMIDX^HEMOLYSIS INDEX^L`, a test's code and name), and a middle initial between
/// `^`s after it goes with it (`XIONG^MAI KA^L|`).
fn hl7_name(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 2;
    let second = t.kind(j + 1) == Some(TokKind::Alpha)
        && !t.joined(j + 1)
        && t.start(j + 1) == t.end(j) + 1
        && t.all_caps(j + 1)
        && !t.has(j + 1, u64::MAX)
        && !t.english(j + 1)
        && t.punct(j + 2, '^')
        && t.joined(j + 2);
    let after = if second { j + 2 } else { j + 1 };
    let dicom = dicom_name_value(t, i);
    let shape_ok = i > 0
        && t.punct(i + 1, '^')
        && t.joined(i + 1)
        && t.joined(j)
        && t.kind(j) == Some(TokKind::Alpha)
        && (t.punct(i - 1, '|')
            || (i > 1 && t.punct(i - 1, '^') && t.kind(i - 2) == Some(TokKind::Digit) && t.joined(i - 1))
            || dicom)
        && (t.joined(i) || dicom)
        && (after >= t.len() || ((t.punct(after, '^') || t.punct(after, '|')) && t.joined(after)));
    if !shape_ok {
        return;
    }
    // Both parts name words (letters, no keyword or stop word, not English) and one listed or
    // both long; or one a listed name word and the other a listed name that is also an English
    // word (`GARCIA^MARIA`: `maria` is English too).
    let (a, b) = (CaretPart::of(t, i), CaretPart::of(t, j));
    let plain = a.word && b.word && (a.listed || b.listed || (a.long && b.long));
    let listed_english = (a.listed_word() && b.listed_english) || (b.listed_word() && a.listed_english);
    if plain || listed_english {
        push(out, t, i, i + 1, 86);
        let closes =
            |k: usize| k >= t.len() || t.newline_before(k) || ((t.punct(k, '^') || t.punct(k, '|')) && t.joined(k));
        let initial = t.punct(after, '^')
            && t.joined(after + 1)
            && t.kind(after + 1) == Some(TokKind::Alpha)
            && !t.multi_char(after + 1)
            && t.capitalized(after + 1)
            && closes(after + 2);
        push(out, t, j, if initial { after + 2 } else { after }, 86);
    }
}

/// `-- d. kaczmarek, chw`, `called in by dis (l. nwosu)`: an initial in lower case, its period,
/// then a listed surname in lower case that is no English word, no common word and no species
/// (`e. coli`, `h. pylori` stay), in a note in mixed case (where such a pair is typed on purpose).
fn lower_initial_and_surname(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 2;
    let shaped = t.all_lower(i)
        && t.ascii(i)
        && !(i > 0 && t.joined(i) && t.kind(i - 1) != Some(TokKind::Punct))
        && t.joined(i + 1)
        && !t.joined(j)
        && !t.newline_before(j)
        && t.kind(j) == Some(TokKind::Alpha)
        && t.all_lower(j);
    if !shaped || t.is_any(j, SPECIES) || t.has(j, u64::MAX) {
        return;
    }
    let end = word_end(t, j);
    let info = lookup_word(t, j);
    if info.last && info.strong() && !t.english(j) && !eponym_context(t, end) {
        push(out, t, i, end, 80);
    }
}

/// `inventoried by aurelia wojcik rn`, `escalated to lead ron bellweather`: in a note in mixed
/// case, a first name then a surname typed in lower case, both listed, neither an English
/// word, a common word or a keyword, on one line. `i` is a lower-case word that is no keyword.
/// Scored as a listed pair in capitals (70).
fn lower_case_pair(t: &Tokens<'_>, i: usize, out: &mut Vec<Candidate>) {
    let j = i + 1;
    let shaped = t.byte_len(i) >= 3
        && t.all_lower(i)
        && !(i > 0 && t.joined(i))
        && !t.joined(j)
        && !t.newline_before(j)
        && t.all_lower(j)
        && t.byte_len(j) >= 2
        && !t.has(j, u64::MAX);
    if !shaped {
        return;
    }
    let (a, b) = (t.name_info(i), t.name_info(j));
    if !(a.first && a.strong() && b.last && b.strong()) || t.english(i) || t.english(j) {
        return;
    }
    let end = word_end(t, j);
    if !eponym_context(t, end) {
        push(out, t, i, end, 70);
    }
}

/// Token `i` begins a sentence or a line (its capital says nothing).
fn sentence_start(t: &Tokens<'_>, i: usize) -> bool {
    i == 0 || t.newline_before(i) || ['.', '!', '?', ':'].iter().any(|&p| t.punct(i - 1, p))
}

/// All name candidates.
pub(crate) fn find_names(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
    // The candidates this walk proposes start here ([`extend_names`] reads them).
    let first_found = out.len();
    // Every rule starts at a word (a title, a context word or a name). One walk: the rules
    // score differently (92, 90, 70/60, 65), so their candidates never tie in resolution
    // and the order they are proposed in does not matter.
    // Whether the previous token is a "seen by" verb (`after_context` looks one back).
    let mut after_verb = false;
    // Name-shaped words in no list (where a name found elsewhere in the note may recur), one bit
    // per token.
    // On the stack for a note of up to 2048 tokens (this runs every pass).
    let (mut small, mut large) = ([0u64; 32], None);
    let words = t.len() / 64 + 1;
    let unlisted: &mut [u64] = match small.get_mut(..words) {
        Some(bits) => bits,
        None => large.insert(vec![0u64; words]),
    };
    let mut mark = |i: usize| {
        if let Some(w) = unlisted.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    };
    for (i, tok) in t.toks.iter().enumerate() {
        let by_verb = std::mem::replace(&mut after_verb, tok.lex & bit::BY_VERB != 0);
        if tok.kind != TokKind::Alpha {
            // Only a punctuation token starts with a quote or a bracket: no kind test.
            if matches!(tok.first, '"' | '“') {
                nickname_at(t, i, upper_doc, out);
            } else if tok.first == '(' {
                bracketed_relation(t, i, upper_doc, out);
                bracketed_after_phone(t, i, out);
                bracketed_writer(t, i, out);
            } else if tok.first == '@' {
                at_handle(t, i, out);
            }
            continue;
        }
        // The title and context rules start only at their keywords: most words skip both.
        if tok.lex & (bit::TITLE | bit::RELATION | bit::NAME_WEAK | bit::NAME_LABEL) != 0 || by_verb {
            after_title(t, i, upper_doc, out);
            after_context(t, i, upper_doc, out);
            if t.is_any(i, &["pt", "patient"]) && !upper_doc {
                name_before_age(t, i + 1, upper_doc, true, out);
            }
            if tok.lex & bit::RELATION != 0 {
                possessor_of_relation(t, i, upper_doc, out);
            }
        }
        if i >= 3 && t.kind(i - 1) != Some(TokKind::Alpha) {
            if t.kind(i - 1) == Some(TokKind::Digit) || t.kind(i - 2) == Some(TokKind::Digit) || t.punct(i - 1, ']') {
                chat_speaker(t, i, upper_doc, out);
            }
            if t.kind(i - 1) == Some(TokKind::Digit) {
                dated_writer(t, i, upper_doc, out);
            }
            if t.punct(i + 1, '^') {
                hl7_name(t, i, out);
            }
        }
        if (t.punct(i + 1, ':') || t.punct(i + 1, '(')) && t.is_any(i, LIST_LABELS) {
            attendance_list(t, i, upper_doc, out);
        }
        if t.punct(i + 1, ':') && t.is_any(i, PERSON_LABELS) {
            labelled_name_before_age(t, i, upper_doc, out);
        }
        if tok.lex & bit::INITIALS_LABEL != 0 {
            initials_after_label(t, i, out);
        }
        // The next word is 2 or 3 capitals (most words are followed by none).
        let capitals_next = t
            .toks
            .get(i + 1)
            .is_some_and(|x| x.kind == TokKind::Alpha && (2..=3).contains(&x.len()) && x.shape & shape::HAS_LOWER == 0);
        if capitals_next && !upper_doc {
            initials_after_signer(t, i, out);
        }
        if tok.lex & bit::NAME_WEAK != 0 && !upper_doc {
            lower_case_name_after_label(t, i, out);
        }
        // Both rules look at the next token first: one load of it serves the two tests, and most
        // words are followed by a space-separated word (neither a digit nor a joined `_`).
        if let Some(next) = t.toks.get(i + 1) {
            if next.kind == TokKind::Punct && matches!(next.first, ',' | '-' | '\'' | '’') {
                row_last_first(t, i, upper_doc, out);
            }
            if next.kind == TokKind::Punct && next.first == '.' && tok.len() == 1 && !upper_doc {
                lower_initial_and_surname(t, i, out);
            }
            if next.kind == TokKind::Digit && (tok.newline_before || i == 0) {
                speaker_before_time(t, i, out);
            }
            if next.first == '_' && !next.space_before && next.kind == TokKind::Punct {
                file_name_surname(t, i, out);
            }
        }
        // The initial and the maiden-name rules start at words of 4 bytes at most: one test
        // skips both at longer words.
        if tok.len() <= 4 {
            if tok.len() == 1 && t.punct(i + 1, '.') && t.joined(i + 1) {
                if tok.shape & shape::CAPITALIZED != 0 {
                    initial_and_surname(t, i, upper_doc, out);
                } else if !upper_doc {
                    lower_case_signature(t, i, out);
                }
            }
            if matches!(tok.first, 'n' | 'N') && maiden_name_marker(t, i) {
                if let Some(run) = name_run(t, i + 1, upper_doc, Evidence::Title) {
                    push(out, t, i + 1, run.end, 92);
                }
            }
        }
        if tok.len() <= 4 && matches!(tok.first, 'd' | 'v' | 'D' | 'V') {
            if !upper_doc {
                particle_surname(t, i, out);
            }
            capitals_particle_surname(t, i, out);
        }
        // `this`, `it`, `I`, `name`: by length and first letter, one test for most words.
        let introduces = match tok.len() {
            4 => matches!(tok.first, 't' | 'T' | 'n' | 'N'),
            1 | 2 => matches!(tok.first, 'i' | 'I'),
            _ => false,
        };
        if introduces {
            self_introduction(t, i, upper_doc, out);
        }
        if tok.len() == 2 && matches!(tok.first, 'b' | 'B') && t.is(i, "by") {
            initials_after_by(t, i, out);
        }
        if tok.lex & bit::CREDENTIAL != 0 {
            name_after_credential(t, i, out);
            before_credential(t, i, upper_doc, out);
            bracketed_after_credential(t, i, upper_doc, out);
        }
        // `Histotech: Will Okonkwo`, `Supervisor Will Okafor approved`: a listed first name
        // that is also a function word, before a surname on its line ([`function_first_name`]).
        // Written with a capital (a note in lower case writes `will go`).
        let capital = tok.first.is_uppercase();
        // Scored as a credential's name (88), so the longer wins where one takes the surname
        // alone (`Will Okonkwo, EMT-B`).
        if tok.lex & bit::FUNCTION != 0 && capital && function_first_name(t, i, upper_doc, false) {
            push(out, t, i, word_end(t, word_end(t, i)), 88);
        }
        // Before the shape test: a surname in capitals may be a function word (`MAY, Theodore 67M`).
        if t.punct(i + 1, ',') {
            last_first_before_age(t, i, upper_doc, out);
        }
        // `Nguyen Thi Hoa`, `Pa Houa Lor`: short capitalized words, some English (`Do`, `Her`).
        if (tok.len() <= 6 || (tok.shape & shape::ASCII == 0 && tok.len() <= 4 * 6)) && capital {
            // Scored as a name with context: where another rule takes part of it, this one
            // wins or widens it (`Pa [Houa Lor]`).
            if let Some(e) = super::syllabic::syllabic_name_at(t, i) {
                push(out, t, i, e, 90);
            }
        }
        if !name_shaped(t, i, upper_doc) {
            if !upper_doc
                && tok.lex == 0
                && tok.shape & shape::CAPITALIZED == 0
                && t.kind(i + 1) == Some(TokKind::Alpha)
            {
                lower_case_pair(t, i, out);
            }
            continue;
        }
        // The rules of a word starting a line, and the one of a word inside a line, behind one
        // test of where the word stands (most words are inside a line).
        if tok.newline_before || i == 0 {
            if tok.newline_before && i > 1 {
                after_sign_off(t, i, upper_doc, out);
            }
            if tok.len() <= 5 && t.is_any(i, GREETINGS) {
                after_greeting(t, i, upper_doc, out);
            }
            quoted_speaker(t, i, out);
            name_before_age(t, i, upper_doc, false, out);
        } else if i > 1 && t.punct(i - 1, ',') && (i + 1 >= t.len() || t.newline_before(i + 1)) {
            // `thanks po, Malou`: a name after a line of thanks and its comma, ending the line.
            after_sign_off(t, i, upper_doc, out);
        }
        // A word with letters outside ASCII is looked up without its diacritics (`María`,
        // `Benítez`); one in no list is left to the rules with context, never paired on its
        // shape alone (`Clínica La Esperanza`, `Médico` in a Spanish form).
        // A country is no name on the dictionary's word alone (`in Poland`: a surname too).
        let info = if tok.lex & bit::COUNTRY != 0 { NameInfo::default() } else { t.name_info(i) };
        // `Ji-hoon Kwak`: a romanized given name of two syllables is a first name.
        let info = if !info.any() && t.punct(i + 1, '-') && romanized_given_name(t, i, word_end(t, i)) {
            NameInfo::FIRST
        } else {
            info
        };
        if info.any() {
            from_dictionary(t, i, info, upper_doc, out);
        } else {
            mark(i);
            if tok.shape & shape::ASCII != 0 || latin_word(t, i) {
                unlisted_first_name(t, i, upper_doc, out);
            }
            if !upper_doc && t.place(i).0 {
                super::address::town_alone(t, i, out);
            }
        }
    }
    // Names found before this walk are carried too: a table's name column, an HL7 segment's.
    same_name_elsewhere(t, upper_doc, out, unlisted);
    if !upper_doc {
        listed_name_in_lower_case(t, out);
    }
    closing_initials(t, upper_doc, out);
    if !upper_doc {
        listed_name_elsewhere(t, out);
    }
    extend_names(t, upper_doc, first_found, out);
    complete_names(t, first_found, out);
}

/// `Father Said Farah ... Sagal: Hgb 11.8`, `son Grant Ellery ... with Grant present`: a word of
/// a name found with context (score [`STRONG_NAME`] or more) in a mixed-case note that the
/// dictionary lists as a name, written the same way (capitalized) elsewhere in the note, is that
/// name there too. Not a stop word or keyword, 3 letters or more, never written in lower case in
/// the note (`rose`, `grace`); one that is also an English word only inside a sentence (not
/// after `.`, `:`, a line break) and not before another capitalized word (`Grant Street`).
/// Scored 55, below every other rule, as [`same_name_elsewhere`]'s are.
fn listed_name_elsewhere(t: &Tokens<'_>, out: &mut Vec<Candidate>) {
    let mut sources: Vec<usize> = Vec::new();
    for k in strong_name_words(t, out) {
        let info = t.name_info(k);
        let listed = info.any()
            && !info.stop
            && t.byte_len(k) >= 3
            && t.capitalized(k)
            && !t.all_caps(k)
            && t.kind(k) == Some(TokKind::Alpha)
            && !t.has(k, u64::MAX);
        if listed && sources.len() < 64 && !sources.iter().any(|&s| t.s(s) == t.s(k)) {
            sources.push(k);
        }
    }
    if sources.is_empty() {
        return;
    }
    // The names found with context, (start, end), sorted: an occurrence inside one needs no
    // second candidate.
    let mut strong: Vec<(usize, usize)> =
        out.iter().filter(|c| c.kind == PhiKind::Name && c.score >= STRONG_NAME).map(|c| (c.start, c.end)).collect();
    strong.sort_unstable();
    let covered = |b: usize| {
        let n = strong.partition_point(|&(s, _)| s <= b);
        n > 0 && strong.get(n - 1).is_some_and(|&(_, e)| b < e)
    };
    // A 256-bit filter of the sources' first two letters (case folded: occurrences in lower
    // case pass it too) and lengths: with up to 64 sources (a long document) a 64-bit one of
    // first letters and lengths lets nearly every word through to the comparisons.
    let bit_of = |i: usize, x: &Token| {
        let second = t.s(i).as_bytes().get(1).map_or(0, |b| usize::from(b | 0x20));
        (usize::from(x.first as u8 | 0x20) * 31 + second * 7 + x.len()) & 255
    };
    let mut filter = [0u64; 4];
    for &src in &sources {
        if let Some(x) = t.toks.get(src) {
            let b = bit_of(src, x);
            if let Some(w) = filter.get_mut(b / 64) {
                *w |= 1 << (b % 64);
            }
        }
    }
    let passes = |i: usize, x: &Token| {
        let b = bit_of(i, x);
        filter.get(b / 64).is_some_and(|w| w >> (b % 64) & 1 == 1)
    };
    // Words the note writes in lower case too are common words there, one bit per source.
    let mut common = 0u64;
    // (source, occurrence) pairs.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    // The 64-bit filter of first letters and lengths first: it reads no text, and with the few
    // sources of a note it turns most words away.
    let coarse = filter_of(t, &sources);
    for k in marked(t, |i, x| x.kind == TokKind::Alpha && coarse & filter_bit(x) != 0 && x.len() >= 3 && passes(i, x)) {
        if !t.capitalized(k) {
            if let Some(n) = sources.iter().position(|&s| t.s(s).eq_ignore_ascii_case(t.s(k))) {
                common |= 1 << n;
            }
            continue;
        }
        if covered(t.start(k)) {
            continue;
        }
        if let Some(n) = sources.iter().position(|&s| s != k && t.s(s) == t.s(k)) {
            hits.push((n, k));
        }
    }
    for (n, k) in hits {
        if common >> n & 1 == 1 || word_end(t, k) != k + 1 || (k > 0 && join_at(t, k - 1)) {
            continue;
        }
        let english = t.english(k);
        let inside = !english || (k > 0 && !sentence_start(t, k) && !matches!(t.kind(k - 1), Some(TokKind::Punct)));
        let capital_after = t.kind(k + 1) == Some(TokKind::Alpha) && t.capitalized(k + 1) && !t.newline_before(k + 1);
        if inside && !(english && capital_after) && !eponym_context(t, k + 1) {
            push(out, t, k, k + 1, 55);
        }
    }
}

/// Abbreviations written after a value or a call and a dash, never a writer's initials (`sat
/// 94 -RA`, `called - LVM`).
const NOT_INITIALS: &[&str] = &[
    "ra", "nc", "po", "iv", "im", "sq", "sc", "sl", "pr", "od", "os", "ou", "hs", "ac", "pc", "qd", "ok", "lvm", "vm",
    "wnl", "nad",
];

/// `... closed. - jo`, `\n- T.Z.`, `\n  -- tmb`, `Sleeping in recliner. -DY\n`: the writer's
/// initials after a dash at the end of the text or of a line (a closing quote may follow):
/// two or three letters all in one case (in no keyword list, no English word, none of
/// [`NOT_INITIALS`]) or dotted capitals, the dash apart from what comes before it; a `,` or `.`
/// before a credential, or a second writer's initials after a `/`, may follow them (`-QH,
/// CDCES`, `-RK/mo`). Before the end of the text, the dash follows the end of a sentence (`.`,
/// `!`, `?`), a column gap, a time, a date or a `)` (`same day     -RC`, `08:31 -MK`), or
/// starts its line.
fn closing_initials(t: &Tokens<'_>, upper_doc: bool, out: &mut Vec<Candidate>) {
    let n = t.len();
    // Where a line ends: the token after it starts a line (or the text ends), past a quote.
    let line_end = |e: usize| {
        let e = if t.punct(e, '"') && t.joined(e) { e + 1 } else { e };
        e >= n || t.newline_before(e)
    };
    // Initials of 2 or 3 letters in one case, in no list (`RK`, `mo`).
    let initials = |k: usize| {
        t.kind(k) == Some(TokKind::Alpha)
            && (2..=3).contains(&t.byte_len(k))
            && (t.all_caps(k) || t.all_lower(k))
            && !t.has(k, u64::MAX)
            && !t.is_any(k, NOT_INITIALS)
    };
    // What may follow a word of initials: the line's end, a `,` or `.` before a credential or
    // the line's end (`-QH, CDCES`, `-TB.`), or a `/` before a second writer's (`-RK/mo`).
    let closes = |e: usize| {
        line_end(e)
            || ((t.punct(e, ',') || t.punct(e, '.')) && (line_end(e + 1) || t.has(e + 1, bit::CREDENTIAL)))
            || (t.punct(e, '/')
                && t.joined(e)
                && t.joined(e + 1)
                && t.kind(e + 1) == Some(TokKind::Alpha)
                && t.byte_len(e + 1) <= 3
                && line_end(e + 2))
    };
    for d in marked(t, |k, tok| tok.kind == TokKind::Punct && tok.first == '-' && k + 1 < n) {
        // Past a second dash (`-- tmb`).
        if t.punct(d + 1, '-') && t.joined(d + 1) {
            continue;
        }
        let j = d + 1;
        // Dotted (`T.Z.`: four tokens) or one word.
        let dotted = dotted_initials(t, j).filter(|&e| line_end(e));
        // After a sentence's end, initials that are also a state's code (`... 555-0108. -MO`).
        let after_stop = d > 0 && !t.joined(d) && (t.punct(d - 1, '.') || t.punct(d - 1, '!'));
        let state_initials = after_stop
            && t.all_caps(j)
            && t.byte_len(j) == 2
            && t.has(j, bit::STATE_CODE)
            && !t.has(j, !bit::STATE_CODE)
            && !t.is_any(j, NOT_INITIALS);
        let word = ((initials(j) || state_initials) && closes(j + 1)).then_some(j + 1);
        let Some(end) = dotted.or(word) else {
            // Or a login name signing the line (`-kpatel`), or a first name in lower case
            // (`... next time? -nadine`), in the same walk over dashes.
            if !upper_doc {
                super::login::signed_login(t, d, out);
                signed_first_name(t, d, out);
            }
            continue;
        };
        if dotted.is_none() && (t.english(j) || t.name_info(j).stop) {
            continue;
        }
        // The dash, and a second one before it, apart from what comes before.
        let first = if d > 0 && t.punct(d - 1, '-') && t.joined(d) { d - 1 } else { d };
        let apart = first == 0 || t.newline_before(first) || !t.joined(first);
        let at_end = end >= n || (end + 1 >= n && t.punct(end, '"'));
        let after_sentence =
            first > 0 && (t.punct(first - 1, '.') || t.punct(first - 1, '!') || t.punct(first - 1, '?'));
        let opens_line = first == 0 || t.newline_before(first);
        // After a column gap, a time or a date (`same day     -RC`, `08:31 -MK`), or a bracket.
        let after_entry = column_gap(t, first)
            || (first > 0 && (t.kind(first - 1) == Some(TokKind::Digit) || t.punct(first - 1, ')')));
        if apart && !t.newline_before(j) && (at_end || after_sentence || opens_line || after_entry) {
            push(out, t, j, end, 80);
            // A second writer's initials after a `/` (`-RK/mo`).
            if word.is_some() && t.punct(end, '/') && t.joined(end) && initials(end + 1) {
                push(out, t, end + 1, end + 2, 80);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::deid::text::{scrub_text, TextOptions};
    use crate::deid::PhiKind;

    /// The text of every NAME span the scrubber finds in `text`.
    fn names(text: &str) -> Vec<String> {
        let out = scrub_text(text, &TextOptions::default()).unwrap_or_else(|_| unreachable!());
        out.spans
            .iter()
            .filter(|s| s.kind == PhiKind::Name)
            .filter_map(|s| text.get(s.start..s.end))
            .map(str::to_string)
            .collect()
    }

    fn assert_names(text: &str, want: &[&str]) {
        assert_eq!(names(text), want, "{text}");
    }

    #[test]
    fn lower_case_names_in_a_mixed_case_note() {
        // An initial after a lower-case title; a signature with a lower-case credential; a
        // name after a family word.
        assert_names("Seizures: none, ok per dr n. okafor), thiamine 100", &["n. okafor"]);
        assert_names("AA meeting list. RTC feb 12.\n- t. arbuckle, lcdc", &["t. arbuckle"]);
        assert_names("Housing fair 3/14.\n-b. young, ma, cm ii", &["b. young"]);
        assert_names("HMIS: lease holder is cousin sahra mohamed, landlord", &["sahra mohamed"]);
        assert_names("Met w/ client + daughter ayaan at the library. GRH", &["ayaan"]);
        // Not a signature inside a line or without a credential; after a family word an
        // English or inflected word, after an employer word a company.
        assert_names("GRH: labs drawn, e. coli, rn aware", &[]);
        assert_names("Pt and husband verbalized understanding. GRH", &[]);
        assert_names("Pt and son has questions. GRH", &[]);
        assert_names("GRH: employer: buckeye freight lines", &[]);
        assert_names("next appt w/ dr appt desk. GRH", &[]);
    }

    #[test]
    fn listed_first_name_and_surname_in_lower_case() {
        assert_names("Bag inventoried by aurelia wojcik rn + security. Pt calm.", &["aurelia wojcik"]);
        assert_names("Dispatcher: gloria ibarra (badge E20417).", &["gloria ibarra"]);
        assert_names("Face to face done 0355 by kwame asante-boateng np. Calm.", &["kwame asante-boateng"]);
        // An English word on either side, a keyword, a line break between them, one word
        // glued to the one before, or a note typed in lower case (its own rules) take nothing.
        assert_names("Pt says grace brown is the name of the unit. OK.", &[]);
        assert_names("Given ceftriaxone iv per protocol. Nurse aware.", &[]);
        assert_names("Seen by priya\nnambiar called back. OK.", &[]);
        assert_names("Used the x-ray priya nambiar machine. OK.", &["priya nambiar"]);
        assert_names("Used the xpriya nambiar machine. OK.", &[]);
    }

    #[test]
    fn the_writer_of_a_dated_log_entry() {
        assert_names("CALL LOG\n04/02/25 09:18 NGL - Heartland provider line", &["NGL"]);
        assert_names("Notes\n3/24/25 0905 DW - adjuster returned call", &["DW"]);
        assert_names("Notes\n6/2/25 RB: attorney reports policy limits", &["RB"]);
        assert_names("Notes\n04/11/2025 08:52 jmoreau3: posted, conf PMT", &["jmoreau3"]);
        // A keyword, an English word, a clinical abbreviation, a word inside the line, no entry
        // after the dash, no date opening the line, a note in capitals.
        for text in [
            "Notes\n3/24/25 09:05 RN - called",
            "Notes\n3/24/25 09:05 client: called back",
            "Notes\n3/24/25 09:05 OS - dilated",
            "Notes\nseen 3/24/25 09:05 DW - called",
            "Notes\n3/24/25 09:05 DW -\nnext",
            "Notes\nroom 24 09:05 DW - called",
            "NOTES\n3/24/25 09:05 DW - CALLED BACK",
        ] {
            assert_names(text, &[]);
        }
    }

    #[test]
    fn kin_roles_and_initials_after_a_label() {
        assert_names("also my lola Nene says hi", &["Nene"]);
        assert_names("Mom at bedside; FOB Ángel on the way.", &["Ángel"]);
        assert_names("Our scheduler, Fernanda, will call you", &["Fernanda"]);
        assert_names("Supervisor review: T. Marchetti", &["T. Marchetti"]);
        assert_names("Walk-in Tdap ok.\nProcessed by: R. Baker, Clerk II", &["R. Baker"]);
        // Not after another label, nor an English word after a kin word.
        assert_names("Plan: R. Baker cyst drained", &[]);
        assert_names("FOB Negative today", &[]);
        assert_names("maternal 1st cousin Kayla Hollis (Debbie's daughter): tested", &["Kayla Hollis", "Debbie"]);
        assert_names("Patient's daughter called; Mom's sister too", &[]);
        assert_names("lotion. rosa says thank u.\n- t. mcbride hha", &["t. mcbride"]);
        assert_names("Attending: Dr. Nguyen Thi Thu Trang. Resident", &["Nguyen Thi Thu Trang"]);
        assert_names("From:\tRiverbend Rheumatology\t\tFax", &[]);
        assert_names(
            "photos\nHALVORSEN_20260112_01.jpg | back\nprior Halvorsen_2025-07-08_01-05",
            &["HALVORSEN", "Halvorsen"],
        );
        assert_names("photos\nIMG_20260112_01.jpg and scan_2026-01-12.pdf", &[]);
        assert_names("Infant: (listed at birth as \"Baby Girl Haverford\")", &["Haverford"]);
        assert_names("Child: Kayden Marie Sutton (birth name)", &["Kayden Marie Sutton"]);
        let lower = "wound care note, typed in lower case. sacral wound stable, no odor, dressing changed. \
                     photos taken, measurement due in one week.\ncolleen o'hara rn, cwocn  pager 4471";
        assert_names(lower, &["colleen o'hara"]);
        assert_names("Child Protective Services called. Baby Girl stable", &[]);
        assert_names(&lower.replace("colleen o'hara", "follow up"), &[]);
    }

    #[test]
    fn names_after_a_line_of_thanks_or_a_greeting() {
        assert_names("MA 01826.\nThank you so much,\nLinh\n\n--- Reply", &["Linh"]);
        assert_names("his am was 142/80.\nthanks po, Malou\n\nFrom", &["Malou"]);
        // Names in no list: the greeting alone finds them.
        assert_names("--- reply ---\nHi Tezra, rx for ondansetron re-sent", &["Tezra"]);
        assert_names("Dear Tesso,\nYour results", &["Tesso"]);
        // Not a line of thanks, not a name after a greeting, a greeting inside a line.
        assert_names("Thank you for the referral of this pleasant\nPatient", &[]);
        assert_names("Hi All,\nreminder", &[]);
        assert_names("Hello Team! Huddle at 9", &[]);
        assert_names("she said hi Tezra, then left", &[]);
    }

    /// A name found in part grows to the rest of the written name: the surname of `SURNAME,`
    /// opening a field, the joined parts, the rest of the given name and its initial.
    #[test]
    fn the_rest_of_a_written_name() {
        assert_names(
            "Patient ......... DELACROIX-BEAUMONT, YVETTE M.\nMRN ............. 0088-412-66",
            &["DELACROIX-BEAUMONT, YVETTE M."],
        );
        assert_names("unit=SICU bed=09 pt=\"KHALIQ, NOOR UL-AIN\" mrn=E7731045", &["KHALIQ, NOOR UL-AIN"]);
        assert_names("wt=88.0kg  attending=OYELARAN, TEMITOPE  fellow=rn", &["OYELARAN, TEMITOPE"]);
        assert_names("Pt: VANG, TOU LUE    MRN CL-3308815    Rm 7102", &["VANG, TOU LUE"]);
        assert_names(
            "Patient: DELACROIX-ÉTIENNE, Marie-Josée              Hospice #: PLH-2",
            &["DELACROIX-ÉTIENNE, Marie-Josée"],
        );
        // Two names in a list stay two; an eponym's other part is no name part.
        assert_names("Dr. Brendan Kilbride, Lupe Fa'asavalu, PA-C", &["Brendan Kilbride", "Lupe Fa'asavalu"]);
        let eponym = names("Dx: compensated MASH cirrhosis, Child-Pugh A, seen by Dr. Pugh");
        assert!(!eponym.iter().any(|n| n.contains("Child")), "{eponym:?}");
    }

    /// A name word takes at most `MAX_JOINS` joins: a chain of words joined by hyphens is cut,
    /// so a walk over a name word stays short whatever the text.
    #[test]
    fn a_name_word_takes_a_bounded_number_of_joins() {
        use crate::deid::text::token::Tokens;
        let t = Tokens::new("Pierre-Louis-Jean-Baptiste came");
        assert_eq!(super::word_end(&t, 0), 7);
        let chain = "Mary-".repeat(50);
        let t = Tokens::new(&chain);
        assert_eq!(super::word_end(&t, 0), 1 + 2 * super::MAX_JOINS);
        assert_eq!(super::word_end(&t, 20), 21 + 2 * super::MAX_JOINS);
    }

    /// A second surname in capitals before a found `SURNAME, GIVEN` opening the field, and a
    /// particle and one more given name after it.
    #[test]
    fn two_surnames_and_a_given_name_with_a_particle() {
        assert_names("Pt: FONTES TAVARES, MARIA DA LUZ   MRN 0049182276", &["FONTES TAVARES, MARIA DA LUZ"]);
        assert_names("Pt: TAVARES, MARIA   MRN 0049182276", &["TAVARES, MARIA"]);
        // Not a word before the field's start, not a particle going on into the line.
        assert_names("Pt: FONTES TAVARES, MARIA DA LUZ 3 DAYS AGO", &["FONTES TAVARES, MARIA"]);
    }

    /// An HL7 name without an MSH header: a given name's second word and the middle initial go
    /// with it; a test's code and name are no name.
    #[test]
    fn hl7_given_name_of_two_words_and_its_initial() {
        assert_names("pasted: PID|1||88^^^X^MR||XIONG^MAI KA^L||1958|F", &["XIONG", "MAI KA^L"]);
        assert_names("OBX|1|ST|HEMIDX^HEMOLYSIS INDEX^L||3+", &[]);
        // A listed given name that is also an English word, beside a surname that is none.
        assert_names("PID|1||123^^^MRN||GARCIA^MARIA^E||19600101|F", &["GARCIA", "MARIA^E"]);
        assert_names("OBX|1|ST|WBC^WHITE BLOOD CELL^L||3+", &[]);
        // A DICOM dump's person name after `=` and a `...Name` attribute; not another attribute.
        assert_names("dump:\n(0010,0010) PatientName = GARCIA^MARIA^E\n(0010,0020)", &["GARCIA", "MARIA^E"]);
        assert_names("dump:\n(0008,1030) StudyDescription = CT^HEAD", &[]);
    }

    #[test]
    fn initials_and_handles_signing_a_line() {
        assert_names("ED TO 2ND SHIFT SAME DAY     -RC\n0742 NO ANSWER X2", &["RC"]);
        assert_names("called ofc, ok bc post-op ORIF 10/30. filled.  -TB\nnext", &["TB"]);
        assert_names("DOB 01/17/2014. -QH, CDCES\nFrom: x", &["QH"]);
        assert_names("son wants call back  -RK/mo\n", &["RK"]);
        assert_names("faxed to HIM, PH (520) 555-0108. -MO\nSCANNED", &["MO"]);
        // A dated entry's writer in brackets; a name's initials after it.
        assert_names("NOTES\n 01/23 0630 (TKD): FATHER CALLED", &["TKD"]);
        assert_names("x\n[08:30] pharmacy (kor): Good morning", &["kor"]);
        assert_names("x\n12:50 HDS (dpruitt): Thanks", &["dpruitt"]);
        assert_names("RDH: Kelsey O'Rourke (KOR)   DA: x", &["Kelsey O'Rourke", "KOR"]);
        assert_names("x\n01/22 NOC (PRN): given", &[]);
        assert_names("note (TKD): TMAX 37.9", &[]);
        assert_names("per Home Health Aide (HHA) visit", &[]);
        assert_names("1. Pediatric ophthalmology (ROP): Dr. x", &[]);
        assert_names("can i come w/ her next time? -nadine\n\nADDENDUM", &["nadine"]);
        assert_names("[07:03] @jtranvu: bed 6 graft take\n[07:11] @obankole: ok", &["jtranvu", "obankole"]);
        assert_names("call 414-555-0177 or secure chat @melsayed3.\n5. Dispo", &["melsayed3"]);
        // (A line signed so at the note's very end is another rule's: each text goes on.)
        for text in [
            "sat 94% -RA",
            "sat 94 -RA",
            "to be seen in -MO",
            "refer out -CA",
            "ok. -IN",
            "thanks. -rose",
            "stable  -ED",
            "ok then -ZQ",
            "pain better. -OK",
            "given 2 -PRN",
            "x-RC",
            "-RC said",
            "send @home",
            "mail j@kpatel.org",
            "@user12: hi",
        ] {
            assert_names(&format!("{text}\nBP 120/80 at 0800."), &[]);
        }
    }

    #[test]
    fn chat_speaker_between_a_time_and_a_colon() {
        assert_names(
            "[secure chat]\n08:14 kayla b: hey is anyone covering\n08:15 marcus t: its 7p",
            &["kayla b", "marcus t"],
        );
        assert_names("log\n8:02 PM Oksana: called back", &["Oksana"]);
        assert_names("hi\ntori 18:53: ya who is it\nme 18:55: bed 2", &["tori"]);
        assert_names("log\nbed 12:30: turned", &[]);
        // After a date opening the line.
        assert_names("log\n04/16/25 14:20 kbrzezinska: Pended (HCR A4)", &["kbrzezinska"]);
        // A handle's tail after `_` or `.`, a symbol after the name, dotted initials.
        assert_names("log\n[Fri 3/14 20:05] nhaddad_lmft: That's right", &["nhaddad_lmft"]);
        assert_names("log\n[2/27/25 21:14] mari.dlf: hi its me", &["mari.dlf"]);
        assert_names("log\n[Fri 3/14 19:36] jen 🌵: she ate all of dinner", &["jen"]);
        assert_names("log\n[Sat 3/15 09:12] G.C.: she's with me", &["G.C."]);
        assert_names("log\n[Sat 3/15 09:12] note_TO: see", &[]);
        assert_names("log\n[Sat 3/15 09:12] A.: see", &[]);
        assert_names("log\n11/19 12:47 bri: no not yes lol", &["bri"]);
        assert_names("log\n2025-02-03 09:12 okeller: signed", &["okeller"]);
        assert_names("log\nBP 11/19 12:47 bri: no", &[]);
        assert_names("log\n9/22 lorraine: i mail it back friday", &["lorraine"]);
        assert_names("log\n9/22 Note: mailed", &[]);
        assert_names("NOTES\n01/22 NOC (MLT): TMAX 37.9", &[]);
        assert_names("LOG\n11/10 1010 AL-DOURI: WIFE NADIA TOLD", &["AL-DOURI", "NADIA"]);
        assert_names("LOG\n11/10 1010 NOTE: TRAY SENT", &[]);
        // A role or a desk is no speaker; a time inside a line starts nothing.
        assert_names("log\n08:30 registration desk: fixed. sry abt that", &[]);
        assert_names("log\n08:31 Note: pain 7/10 at 0700", &[]);
        assert_names("log\n08:32 pharmacy: verified", &[]);
        assert_names("given at 08:14 heparin: 5000 units", &[]);
    }

    #[test]
    fn hl7_family_and_given_name() {
        assert_names(
            "PID|1||4471902^^^NWMC^MR~512-44-9087^^^SSA^SS||OKONKWO^CHIDINMA||19710304|F",
            &["OKONKWO", "CHIDINMA"],
        );
        assert_names("PV1|1|I|4W^412^B||||1487702231^HADDAD^SAMIR^^^MD|||MED", &["HADDAD", "SAMIR"]);
        // Codes and coded values are not names.
        assert_names("MSH|^~\\&|EPICADT|NWMC|HIMQ|NWMC|20260211||ADT^A08|MSG1|P|2.5.1", &[]);
        assert_names("OBX|1|NM|8302-2^Height^LN||165|cm", &[]);
        assert_names("DG1|1||I10^ESSENTIAL HYPERTENSION^I10|", &[]);
    }

    #[test]
    fn no_name_before_a_clinical_noun_or_a_state_word() {
        assert_names("Nurse Triage Line - voicemail received", &[]);
        assert_names("ST. BRENDAN REGIONAL MEDICAL CENTER - TRANSFUSION", &[]);
        assert_names("Transferred from St. Agnes Hospital; Saint Brendan School", &[]);
        // `Dr` of a street before a unit or a two-letter direction; a surname after it stays.
        assert_names("Last known address: 1405 Lakeland Dr SE Apt 12, Willmar", &[]);
        assert_names("Seen by Dr West today; 12 Elm Dr Suite 4", &["West"]);
        assert_names("Employer: Badger Line Trucking, safety dept", &[]);
        assert_names("Neer and Hawkins tests remain positive.", &[]);
        assert_names("Discussed GINA limitations with the patient.", &[]);
        assert_names("Sincerely,\nDr. Ana Ruiz\nOhio Lic. 35.140772", &["Ana Ruiz"]);
        // The context rules still take names.
        assert_names("Wife Greta called.", &["Greta"]);
        assert_names("Member: Esperanza Quinones   DOB 02/29/1984", &["Esperanza Quinones"]);
        assert_names("RELEASED TO: TPR. CALDWELL 02:31", &["CALDWELL"]);
    }

    #[test]
    fn forms_titles_brackets_and_nicknames() {
        assert_names("INMATE: MCALLISTER, DEVONTE R.     DOC # KX-4471", &["MCALLISTER, DEVONTE R."]);
        assert_names("Patient name: Tran, Thi Bich Ngoc\nDOB: 07/04/1977", &["Tran, Thi Bich Ngoc"]);
        assert_names("Signed electronically: Thi Bich Ngoc Tran, 6/30/26", &["Thi Bich Ngoc Tran"]);
        assert_names("NDC 65862-0502-20\nDR. OSEI, KOFI\nREFILLS: 0", &["OSEI, KOFI"]);
        assert_names("The mom (Nadège Baptiste) came by again.", &["Nadège Baptiste"]);
        assert_names("Driver: Russell Kowalski (goes by \"Rusty\")", &["Russell Kowalski", "Rusty"]);
        assert_names("con su yerno Efraín en casa", &["Efraín"]);
        assert_names("placed with foster parents Grace and Emmanuel Boateng", &["Grace", "Emmanuel Boateng"]);
        assert_names("CREW: T. NAKAMURA EMT-P", &["T. NAKAMURA"]);
        // Hard negatives: a number on the line before a title is no dose; organisations; a
        // clinical word in brackets after a relation; a quoted phrase after `by`.
        assert_names("Employer: Tri-County Paving", &[]);
        assert_names("PCP: Riverside Family Clinic", &[]);
        assert_names("Mother (HTN, DM2) deceased.", &[]);
        assert_names("Mother (Alzheimer's) deceased.", &[]);
        assert_names("Identified by \"Brand\" packaging.", &[]);
        assert_names("Dose 0.4 MS daily.", &[]);
    }

    #[test]
    fn initials_after_a_signer_word_or_a_credential() {
        assert_names("Old band destroyed, witnessed KB.\nNext", &["KB"]);
        assert_names("Cert EMD-33817) - reviewed RS", &["RS"]);
        assert_names("Signed 02/27/2025 16:42 / co-sign MQ", &["MQ"]);
        assert_names("Updated by nurse. Charge RN MGL.", &["MGL"]);
        assert_names("Callback pending ......... TECH RAA\n21:52", &["RAA"]);
        assert_names("cc Dr. Venkataraman; SW LFD", &["Venkataraman", "LFD"]);
        // Not the line's end, a keyword, a clinical abbreviation, another word before.
        for text in [
            "Charge RN MGL to call",
            "Labs reviewed CBC",
            "- reviewed OS",
            "Pt seen by RN BSN",
            "stable. seen KB.",
            "Seen. RN PHN",
        ] {
            assert_names(text, &[]);
        }
    }

    #[test]
    fn initials_after_an_initials_label() {
        assert_names("Dictated: Ashworth, MD     Transcribed: klm     Signed 14:11", &["Ashworth", "klm"]);
        assert_names("LOT AC25C118     EXP 11/2027\nRPH: JMH\n---", &["JMH"]);
        assert_names("Protocol 12-0087     Subject initials: R-JK\nVisit date", &["R-JK"]);
        // Words, keywords, mixed case and text after the initials are not taken.
        assert_names("Transcribed: see\nRPH: N/A\nScribe: none", &[]);
        assert_names("Initials: MD\nTranscribed: Dr pending review", &[]);
        assert_names("Transcribed: abc def\nRPH: Jmh", &[]);
    }

    #[test]
    fn initial_and_surname_before_a_credential() {
        assert_names("Triage RN: K. Abernathy, RN\nVitals stable.", &["K. Abernathy"]);
        assert_names("Plan reviewed with attending.\n- D. Osei, MD PGY-2", &["D. Osei"]);
        assert_names("Sending MD: T. O'Brien, MD", &["T. O'Brien"]);
        assert_names("HF clinic with June Park, PharmD, on Thursday.", &["June Park"]);
        assert_names("ELECTRONICALLY SIGNED: R. FITZGERALD, MD\nNO ACUTE FINDINGS.", &["R. FITZGERALD"]);
        assert_names("NEXT TRANSMISSION IN 3 MONTHS.\nS. MBEKI, CCDS", &["S. MBEKI"]);
        // A service before a credential, a city before a state code and ZIP, a second
        // credential: not names.
        assert_names("Consults: Cardiology, PT, OT, SLP following.", &[]);
        assert_names("Transferred from Erie, PA 16501 yesterday.", &[]);
        assert_names("Consults: Wound Care, RN following daily.", &[]);
        assert_names("CM: Jennifer Walker, RN, BSN", &["Jennifer Walker"]);
        assert_names("- Kenji Tanaka, MD, DEA registration on file", &["Kenji Tanaka"]);
    }

    #[test]
    fn initial_and_surname_before_a_credential_without_a_comma() {
        assert_names("Time spent >30 min.\nP. Raman MD / cosigned J. Redcloud MD", &["P. Raman", "J. Redcloud"]);
        assert_names("Staff exposed: R. Young RN, C. Baker PCT, and the unit clerk.", &["R. Young", "C. Baker"]);
        assert_names("Plan as above.\nS. PATEL MD / ATTENDING", &["S. PATEL"]);
        // A bacterium before a credential that is also an abbreviation: no name.
        assert_names("Wound cx grew S. aureus PT to continue dressing changes.", &[]);
    }

    #[test]
    fn more_roles_labels_and_titles() {
        assert_names("Older sib Mateo (age 3) with grandma.", &["Mateo"]);
        assert_names("nail salon; coworkers Huong and Thao Pham", &["Huong", "Thao Pham"]);
        assert_names("Proband: Laila Farouk Haddad     DOB: unknown", &["Laila Farouk Haddad"]);
        assert_names("Client: Hodan Abdi Warsame   MRN on file", &["Hodan Abdi Warsame"]);
        assert_names("- Donor Akosua: CT angio done", &["Akosua"]);
        assert_names("sacrament of the sick - Fr. Eze tonight.", &["Eze"]);
        assert_names("PER NMSP OFFICER K. TSOSIE, BADGE 1187", &["K. TSOSIE"]);
        assert_names("INVESTIGATOR R. HOLLOWAY DECLINED JURISDICTION", &["R. HOLLOWAY"]);
        // A catheter size, abbreviations in capitals, a donor organ.
        assert_names("Placed 16 Fr Foley. Donor Kidney biopsy benign.", &[]);
        assert_names("Counseling re: BRCA1/2; a BRCA mutation. DNR/DNI. Medtronic ICD checked.", &[]);
        assert_names("Family meeting at Riverbend Hospice House today.", &[]);
        assert_names("Subject ID: 031-0147     Initials: A.T.N.\nVisit date: today", &["A.T.N."]);
        assert_names("Initials: A.B.C.D.E.\nInitials: A.\nInitials: A.T.Nx", &[]);
        assert_names(
            "From: Tomás de la Fuente <tdf@example.org>\nTo: Kwame Mensah",
            &["Tomás de la Fuente", "Kwame Mensah"],
        );
        assert_names("Patient signature: K. Asante-Boateng      Date: today", &["K. Asante-Boateng"]);
        assert_names("Audio per S. Oduya, AuD, today. Hye-jin Park, NNP-BC", &["S. Oduya", "Hye-jin Park"]);
        assert_names("Anesthesia: CRNA Bo Lindqvist\nFamily staying at Riverbend House", &["Bo Lindqvist"]);
        // Headers whose value is no person.
        assert_names("From: Home\nTo: Rehab\nTransferred from: ICU", &[]);
    }

    #[test]
    fn names_in_a_note_written_in_lower_case() {
        // Capitals say nothing here, as in an upper-case note: context words and the name
        // dictionary decide.
        let note = "dental progress note - 2/17/26\npt: bogdan nowakowski   chart # D-100482\n\
                    next appt: prophy w/ hygienist becky.\nwife halina to pick up, pt drove here tho\n\
                    -- s. rahimi dds";
        assert_names(note, &["bogdan nowakowski", "becky", "halina", "s. rahimi"]);
        let note = "school nurse note\nstudent came in with itchy lips after snack at lincoln elementary. \
                    classmate dylan shared trail mix. - k. santos, rn, school nurse";
        assert_names(note, &["dylan", "k. santos"]);
        let note = "phone encounter: pt with cough x3 days, no fever, advised fluids and rest. \
                    callback given, pt verbalized understanding.\nrn d. fontenot / triage line";
        assert_names(note, &["d. fontenot"]);
        // A lower-case middle initial with its period, inside a name after a label.
        let note = "chaplain visit, micu bed 9\npt: abdul-karim o. jallow, intubated and sedated. \
                    referred by the unit social worker, family at the bedside, prayer offered.";
        assert_names(note, &["abdul-karim o. jallow"]);
        // Words of the note are not names: `pt`, `wife`, `will`, `hr`, `mark` as a verb (the
        // surname after `ms.` is).
        let note = "pt states pain better, will mark calendar. note faxed to employer hr today, \
                    wife aware. cultures neg. rn to f/u friday. employer hr (ms. ortega) called.";
        assert_names(note, &["ortega"]);
    }

    #[test]
    fn initial_and_surname_after_a_role_word() {
        assert_names("INVENTORIED WITH SECURITY OFFICER R. HUNTER, BADGE 4471.", &["R. HUNTER"]);
        assert_names("FLAG ADDED.\nREGISTRAR: L. GUTIERREZ", &["L. GUTIERREZ"]);
        // In upper-case text the word after the initial must be a listed name.
        assert_names("PT: R. KNEE PAIN, AMBULATING WITH WALKER.", &[]);
        // Without a role: a listed surname, or after `by` any word in no list.
        assert_names("rec'd 2/25 by D. Kowalczyk    design tech", &["D. Kowalczyk"]);
        assert_names("Scanned into chart by R. Abernathy-Cole, HIM.", &["R. Abernathy-Cole"]);
        assert_names("Verified per D. Whitlock today.", &["D. Whitlock"]);
        assert_names("QUESTIONS: CALL M. O'SHAUGHNESSY AT 218-555-0157.", &["M. O'SHAUGHNESSY"]);
        assert_names("Cultures grew S. Aureus and E. Coli; C. Diff negative.", &[]);
    }

    #[test]
    fn last_first_middle_after_a_patient_label() {
        assert_names("PATIENT: KOWALCZYK, STANISLAW   MRN: 7731045   STUDY: CT HEAD", &["KOWALCZYK, STANISLAW"]);
        assert_names("PATIENT: PHAM, QUOC BAO   DOB: 01/09/1955   PLAN: MEDICARE", &["PHAM, QUOC BAO"]);
        assert_names("PT: AMBULATING 50 FT WITH WALKER, NO ASSIST NEEDED.", &[]);
    }

    #[test]
    fn particles_and_four_words_after_context() {
        assert_names("Accompanied by mother Ana de la Cruz and grandmother.", &["Ana de la Cruz"]);
        assert_names("Pt: Luis Alberto Fuentes Márquez   MRN 55041982", &["Luis Alberto Fuentes Márquez"]);
        assert_names("Patient: María de los Ángeles Cuauhtémoc Ruiz", &["María de los Ángeles Cuauhtémoc Ruiz"]);
        assert_names("Attending Dr. E. van der Berg", &["E. van der Berg"]);
        assert_names("Mother Samira Haddad (née Nassar), 66, alive", &["Samira Haddad", "Nassar"]);
        // A particle needs a name word after it.
        assert_names("Seen with daughter Zofia. Then van transport arranged.", &["Zofia"]);
    }

    #[test]
    fn names_with_diacritics_are_looked_up_without_them() {
        assert_names("Seen with Elena Barragán today.", &["Elena Barragán"]);
        assert_names("Called José about the results.", &["José"]);
        assert_names(" - Stanisław Zielinski, brother-in-law, lives nearby", &["Stanisław Zielinski"]);
        // Not paired across two columns of a form.
        assert_names(
            "Paciente: Carrasco Benítez, María Guadalupe     Fecha de nacimiento: 15/03/1950",
            &["Carrasco Benítez", "María Guadalupe"],
        );
        // Two unlisted words with diacritics are no name on their shape alone.
        assert_names("Clínica Médica, segundo piso. Atención Inmediata", &[]);
    }

    #[test]
    fn lower_case_title_in_a_message() {
        assert_names("hi dr hollis its me again. my sugar is high", &["hollis"]);
        assert_names("her appt with dr kowalski is on the 14th", &["kowalski"]);
        assert_names("my dr office called and the dr said ok. dr appt tomorrow", &[]);
        assert_names("hi mrs o'rourke, this is his mom", &["o'rourke"]);
        assert_names("hi mrs. karagiannis, thanks for letting me know", &["karagiannis"]);
        assert_names("see dr appts today, call dr offices", &[]);
        assert_names("asked to call their imam, sheikh mahad from the masjid", &["mahad"]);
        assert_names("Property officer Cpl. Rasmussen notified.", &["Rasmussen"]);
    }

    #[test]
    fn function_word_first_name_after_a_relation() {
        assert_names("Discussed with pt and partner Will, who will drive him home.", &["Will"]);
        assert_names("Discussed with her partner. Will follow up in clinic.", &[]);
    }

    #[test]
    fn listed_name_in_brackets_after_a_credential() {
        assert_names("Uses a walker; PT (Hunter) recommends home with services.", &["Hunter"]);
        assert_names("PT (Tuesday) and OT (Home Health) to follow.", &[]);
    }

    #[test]
    fn name_after_a_sign_off_line() {
        assert_names("my meter dont work anymore.\nthx\nAbdi", &["Abdi"]);
        assert_names("Call if worse.\nThanks,\nNursing staff", &[]);
        assert_names("Thanks\nPlan: follow up in 2 weeks.", &[]);
    }

    #[test]
    fn abbreviations_scales_and_organisations_are_not_names() {
        assert_names("ED TRIAGE - Mercy Hospital Emergency Department\nCC: chest pain", &[]);
        assert_names("Skin: Braden 17. Safety: Morse 55, bed alarm on. Hips: Ortolani/Barlow neg.", &[]);
        assert_names("Neuro: GCS 15, PERRLA, MAE x4. TTE: mild AS (AVA 1.6 cm2). Attending NA 3x/wk.", &[]);
        assert_names("Olumide Bankole, MD\nRiverside Gastroenterology Associates", &["Olumide Bankole"]);
        assert_names("EF 25%, mod MR. Cardiology (Dr. Brown) recommended GDMT.", &["Brown"]);
        assert_names("Attending: Tomasz Nowak, MD\nPCP: Faith Adeyemi, NP", &["Tomasz Nowak", "Faith Adeyemi"]);
        assert_names("Identity verified with DOB and last 4 of SSN.", &[]);
        assert_names("RA LEAD: THRESHOLD 0.4 MS\nPACING: AP 42%, VP 99.8%\nRV: PACER DEPENDENT", &[]);
        assert_names("DEATH PRONOUNCED. FUNERAL HOME: CALLAHAN & SONS, 603-555-0148.", &[]);
    }

    #[test]
    fn last_first_and_a_middle_initial() {
        assert_names("PATIENT: Lindqvist, Astrid M   MRN: E00917342", &["Lindqvist, Astrid M"]);
        assert_names("Pt Beaulieu, Hunter J   MRN 01-448-2290   Wt 98 kg", &["Beaulieu, Hunter J"]);
        assert_names("Patient: Ferguson, Lamar D.    DOB: May 5, 1970", &["Ferguson, Lamar D."]);
        assert_names("PATIENT: MCALLISTER, DUNCAN R    DOB: 12/30/1958", &["MCALLISTER, DUNCAN R"]);
        // `I` is the pronoun; a letter before another name word may start the next name.
        assert_names("Contact: Rivera, Ana I called her twice.", &["Rivera, Ana"]);
        assert_names("PT: AMBULATING 50 FT WITH WALKER, NO ASSIST NEEDED.", &[]);
    }

    #[test]
    fn name_labels_before_a_colon() {
        assert_names("ORDERING: Delacroix, Jean-Paul MD\nDATE OF EXAM: 2026-03-02", &["Delacroix, Jean-Paul"]);
        assert_names("DATE: 06/05/2025    REFERRING: PATEL, NISHA MD\nCC: BLEEDING SPOT", &["PATEL, NISHA"]);
        assert_names("Re: Santiago de la Cruz    DOB 02/14/2019", &["Santiago de la Cruz"]);
        assert_names(
            "Provider: Elena Kostopoulos, DDS   Asst: jazmin\nIns: Delta Dental PPO",
            &["Elena Kostopoulos", "jazmin"],
        );
        // Without the colon, or before an ordinary word, a department or an abbreviation.
        assert_names("Re: Prior authorization for MRI of the lumbar spine.", &[]);
        assert_names("Re: Cardiology referral, please schedule.", &[]);
        assert_names("Asst: none\nPlan: ordering Tylenol for pain.", &[]);
        assert_names("Asst: declined\nRe: f/u", &[]);
    }

    #[test]
    fn role_words_and_plural_relations() {
        assert_names("Works remotely; manager Trish is aware and supportive.", &["Trish"]);
        assert_names("Called coordinator Renée Dufresne at 919-555-3318, LVM.", &["Renée Dufresne"]);
        assert_names("RN Obi / PCT Lakshmi", &["Obi", "Lakshmi"]);
        assert_names("Elko County unit (medic D. Okonjo) ETA 0830", &["D. Okonjo"]);
        assert_names("medic unit arrived; notes reviewed", &[]);
        assert_names("Children Kaylee (9) and Marcus (6) with pt's sister.", &["Kaylee", "Marcus"]);
        assert_names("Daughter-in-law Crystal present for visit.", &["Crystal"]);
        assert_names("Apgars 8 and 9. Baby \"Nia\" skin-to-skin w/ mom.", &["Nia"]);
        // A weekday, a lab value, ordinary words.
        assert_names("Case manager Tuesday to arrange DME.", &[]);
        assert_names("PCT 0.4 ng/mL, lactate 2.1. Children are well.", &[]);
        assert_names("Baby Boy born at 39w. Sister-in-law present, supportive.", &[]);
    }

    #[test]
    fn nicknames_in_quotes() {
        assert_names("Pt: Walter Kowalczyk (\"Walt\")   MRN 2291-7785", &["Walter Kowalczyk", "Walt"]);
        assert_names("RRT RN ON CALL. RRT RT: MARCUS \"MOOSE\" DEVEREAUX", &["MARCUS \"MOOSE\" DEVEREAUX"]);
        // Quoted words that are no nickname.
        assert_names("Pain described as \"Sharp\" and constant (\"Achy\").", &[]);
        assert_names("Took Tylenol (\"Extra\") and Advil \"Liqui\" gels.", &[]);
        assert_names("Pt states \"Help\" repeatedly.", &[]);
        assert_names("Child: Oleksandr \"Sasha\" Hrytsenko        DOB: 08/17/2018", &["Oleksandr \"Sasha\" Hrytsenko"]);
        assert_names(
            "Patient: Bronisława \"Bronia\" Wiśniewska-Kaye    MRN",
            &["Bronisława \"Bronia\" Wiśniewska-Kaye"],
        );
        assert_names("Pain \"Stabbing\" Constant since Monday", &[]);
    }

    #[test]
    fn name_then_age() {
        assert_names("PROGRESS NOTE\nFaith Mbeki-Harrington  29 y/o G2P1001 @ 39w4d", &["Faith Mbeki-Harrington"]);
        assert_names("wound clinic f/u\npt hope ashworth 58F, MRN 20093741", &["hope ashworth"]);
        // Descriptions before an age are no name.
        assert_names("HPI:\nObese Caucasian 45 y/o male with chest pain.", &[]);
        assert_names("pt very pleasant 58F, no distress.", &[]);
        assert_names("Pleasant Hispanic 58F here for f/u.", &[]);
        assert_names("HPI:\nNonsmoking Multiparous 34 y/o, here for f/u.", &[]);
        // A month that is a given name after a surname, before an age and a sex letter.
        assert_names("ED BOARD\nHC-4 ROSE, AUGUST        19 M  SAM-1203366", &["ROSE, AUGUST"]);
        assert_names("Board\nBed 4 Harper, June 19 F", &["Harper, June"]);
        assert_names("Board\nBed 4 Cardiac, August 19 F", &[]);
    }

    #[test]
    fn lower_case_dr_before_an_unlisted_surname() {
        assert_names("pt hope, ref by dr okafor (vasc surg)", &["okafor"]);
        assert_names("dr appt tomorrow; dr appts moved; my dr office called", &[]);
    }

    #[test]
    fn a_confident_name_is_a_name_elsewhere_in_the_note() {
        let note = "Met with husband Mort and daughter Rivka at bedside.\nMort tearful. Later Rivka worried.";
        assert_names(note, &["Mort", "Rivka", "Mort", "Rivka"]);
        // An ambiguous listed name (`Grace`) or a word the note also writes in lower case is
        // not carried.
        assert_names("Spoke with daughter Grace.\nGrace period for payment ends.", &["Grace"]);
        assert_names("Seen by Dr. Tenby.\nApplied tenby cream; Tenby lotion next.", &["Tenby"]);
        // Weak guesses are not carried either.
        assert_names("Tolerating Keppra.\nKeppra level pending.", &[]);
    }

    #[test]
    fn abbreviations_scales_languages_services_and_companies_are_not_names() {
        assert_names("CC: MVC\nHPI: 38M restrained driver.", &[]);
        assert_names("VA cc: OD 20/25, OS 20/40", &[]);
        assert_names("SSN on file (for NOE). Terminal dx: dementia.", &[]);
        assert_names("cc: Chidubem Whitfield (husband, POA)", &["Chidubem Whitfield"]);
        assert_names("Apneas witnessed by wife, AM headaches, ESS 15/24.", &[]);
        assert_names("EXAM: FITZPATRICK II. VERTEX SCALP 1.4 CM PEARLY PAPULE.", &[]);
        assert_names("Balance: static standing fair; Berg not completed.", &[]);
        assert_names("Offered Mi Shebeirach; family accepted and joined.", &[]);
        assert_names("Haitian Creole VRI interpreter used throughout.", &[]);
        assert_names("To: Dr. Miriam Oyelowo, Pediatric Cardiology    Fax: none", &["Miriam Oyelowo"]);
        assert_names(
            "Submitted by: Rachel Abramowitz, MD    cc: Dmitri Volkov, MD (Med Onc)",
            &["Rachel Abramowitz", "Dmitri Volkov"],
        );
        assert_names("Employer: Northland Freight, attn Gwen Haugen, HR", &["Gwen Haugen"]);
        // Still names: a title before, a listed name in mixed case, short words inside a name.
        assert_names("Dr. Fitzpatrick saw her; Dr. LI agreed.", &["Fitzpatrick", "LI"]);
        assert_names("Name: NGUYEN, THI HOA    MRN: 3308812\nSeen for cough.", &["NGUYEN, THI HOA"]);
    }
}
