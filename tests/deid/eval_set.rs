//! The de-identification evaluation set and scorer, shared by `examples/deid_eval.rs` (which
//! prints the table and writes `docs/DEID-EVAL.md`) and `tests/deid_eval.rs` (which asserts
//! the quality goals).
//!
//! The notes are synthetic, written by a deterministic generator from templates: every value is
//! invented, and every identifier span is annotated as it is inserted, so the gold standard is
//! exact by construction. Hard negatives (ages under 90, bare years, drug names, eponyms,
//! blood pressures, doses) are written as plain text and must not be flagged. One note in
//! four is repeated in upper case. Half of the notes come with the identifiers of the
//! patient's structured record (as `safe_harbor` passes them), half without.
#![allow(dead_code, clippy::indexing_slicing, clippy::unwrap_used)]

use base64ct::Encoding as _;

use phiseal::deid::{safe_harbor, scrub_text, DeidOptions, KnownIdentifiers, PhiKind, TextOptions};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// splitmix64: a small deterministic generator (the set must be the same on every run).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// One annotated note.
pub struct Note {
    pub text: String,
    pub gold: Vec<(PhiKind, usize, usize)>,
    pub known: KnownIdentifiers,
    /// The values in `known`, for consumers outside Rust (benches/js/deid-bench.mjs).
    pub known_values: Vec<(PhiKind, String)>,
    pub upper: bool,
}

struct Builder {
    text: String,
    gold: Vec<(PhiKind, usize, usize)>,
}

impl Builder {
    fn t(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    fn phi(&mut self, kind: PhiKind, s: &str) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(s);
        self.gold.push((kind, start, self.text.len()));
        self
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Xiomara", "Rosa", "Ahmed", "Priya", "John", "Elena", "Darnell", "Keisha", "Dmitri", "Fatima",
    "Hiroshi", "Linda", "Carlos", "Anika", "Patricia", "Robert", "Yolanda", "Tomasz", "Ngozi", "Margaret", "Kevin",
    "Svetlana",
];
const LAST: &[&str] = &[
    "Lopez",
    "Nguyen",
    "Okafor",
    "Kowalczyk",
    "Smith",
    "Johnson",
    "Quintanilla",
    "Patel",
    "Haddad",
    "Garcia",
    "Yamamoto",
    "Ivanova",
    "O'Brien",
    "Rossi",
    "Fitzgerald",
    "Chen",
    "Hernandez",
    "Williams",
    "Abernathy",
    "Delacroix",
    "Mbeki",
    "Sorensen",
];
const DOCTORS: &[&str] =
    &["Whitfield", "Chen", "Abernathy", "Goldberg", "Osei", "Novak", "Ramirez", "Lindqvist", "Park", "Feldman"];
const STREETS: &[&str] = &[
    "Maple Street",
    "Old Mill Rd",
    "Elm Ave",
    "Washington Blvd",
    "Cedar Lane",
    "Harbor View Dr",
    "5th Ave",
    "Pine Ct",
    "Lakeshore Drive",
    "N. Oak St.",
];
const CITIES: &[(&str, &str)] = &[
    ("Springfield", "IL"),
    ("Dorchester", "MA"),
    ("Austin", "TX"),
    ("Fresno", "CA"),
    ("Dayton", "OH"),
    ("Tacoma", "WA"),
    ("Burlington", "VT"),
    ("Savannah", "GA"),
    ("Grand Rapids", "MI"),
    ("Santa Fe", "NM"),
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ABBR: &[&str] = &["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const EPONYMS: &[&str] = &[
    "Parkinson disease",
    "Down syndrome",
    "Hodgkin lymphoma",
    "a Foley catheter",
    "Bell's palsy",
    "Crohn's disease",
    "Graves disease",
    "a positive Murphy sign",
    "a Holter monitor",
    "Cushing syndrome",
    "Addison disease",
    "Wilson disease",
    "Barrett esophagus",
    "Alzheimer dementia",
    "a Baker cyst",
    "Raynaud phenomenon",
];
const DRUGS: &[&str] = &[
    "Lasix 40 mg",
    "Coumadin 5 mg",
    "metformin 500 mg",
    "lisinopril 10 mg",
    "Eliquis 5 mg",
    "Keflex 500 mg",
    "Norvasc 5 mg",
    "Zoloft 50 mg",
    "Lantus 20 units",
    "Plavix 75 mg",
    "atorvastatin 40 mg",
    "Xarelto 20 mg",
];

fn date(r: &mut Rng) -> String {
    let (y, m, d) = (r.range(2015, 2025), r.range(1, 12), r.range(1, 28));
    let mi = (m as usize - 1).min(MONTHS.len() - 1);
    match r.below(8) {
        0 => format!("{m:02}/{d:02}/{y}"),
        1 => format!("{m}/{d}/{}", y % 100),
        2 => format!("{y}-{m:02}-{d:02}"),
        3 => format!("{} {d}, {y}", MONTHS[mi]),
        4 => format!("{d} {} {y}", MONTHS_ABBR[mi]),
        5 => format!("{}. {d}th, {y}", MONTHS_ABBR[mi]),
        6 => format!("{} {y}", MONTHS[mi]),
        _ => format!("{d:02}-{}-{y}", MONTHS_ABBR[mi]),
    }
}

fn dob(r: &mut Rng) -> String {
    let (y, m, d) = (r.range(1925, 1995), r.range(1, 12), r.range(1, 28));
    if r.below(2) == 0 {
        format!("{m:02}/{d:02}/{y}")
    } else {
        format!("{y}-{m:02}-{d:02}")
    }
}

fn phone(r: &mut Rng) -> String {
    let (a, b, c) = (r.range(201, 989), r.range(200, 999), r.range(0, 9999));
    match r.below(6) {
        0 => format!("({a}) {b}-{c:04}"),
        1 => format!("{a}-{b}-{c:04}"),
        2 => format!("{a}.{b}.{c:04}"),
        3 => format!("+1 {a} {b} {c:04}"),
        4 => format!("1-{a}-{b}-{c:04}"),
        _ => format!("{a} {b} {c:04}"),
    }
}

fn ssn(r: &mut Rng) -> String {
    let mut area = r.range(1, 899);
    if area == 666 {
        area = 667;
    }
    format!("{area:03}-{:02}-{:04}", r.range(1, 99), r.range(1, 9999))
}

fn zip(r: &mut Rng) -> String {
    if r.below(4) == 0 {
        format!("{:05}-{:04}", r.range(10000, 99950), r.range(1, 9999))
    } else {
        format!("{:05}", r.range(10000, 99950))
    }
}

fn street(r: &mut Rng) -> String {
    let unit =
        if r.below(3) == 0 { format!(", Apt {}{}", r.range(1, 40), r.pick(&["A", "B", "C"])) } else { String::new() };
    format!("{} {}{unit}", r.range(2, 9800), r.pick(STREETS))
}

fn alnum(r: &mut Rng, letters: usize, digits: usize) -> String {
    let mut s = String::new();
    for _ in 0..letters {
        s.push((b'A' + r.below(26) as u8) as char);
    }
    for _ in 0..digits {
        s.push((b'0' + r.below(10) as u8) as char);
    }
    s
}

struct Person {
    first: &'static str,
    last: &'static str,
    rel_first: &'static str,
    doctor: &'static str,
    street: String,
    city: (&'static str, &'static str),
    phone: String,
}

type Template = fn(&mut Builder, &mut Rng, &Person);

fn t_admission(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Patient: ")
        .phi(PhiKind::Name, &format!("{}, {}", p.last, p.first))
        .t("\nMRN: ")
        .phi(PhiKind::Mrn, &format!("{:08}", r.range(100_000, 99_999_999)));
    b.t("\nDOB: ").phi(PhiKind::Date, &dob(r)).t("\nAdmission date: ").phi(PhiKind::Date, &date(r));
    b.t("\n\nHPI: ")
        .phi(PhiKind::Name, &format!("{} {}", p.first, p.last))
        .t(" is a ")
        .phi(PhiKind::Age, &r.range(90, 104).to_string());
    b.t("-year-old with ").t(r.pick(EPONYMS)).t(" who presents with dyspnea. Started on ").t(r.pick(DRUGS));
    b.t(&format!(" in {}. ", r.range(1990, 2020)))
        .t("Her daughter ")
        .phi(PhiKind::Name, p.rel_first)
        .t(" accompanied her.\n");
}

fn t_clinic(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Seen by Dr. ").phi(PhiKind::Name, p.doctor).t(" on ").phi(PhiKind::Date, &date(r));
    b.t(&format!(". Pt is a {} yo with BP 128/{} and HR {}. ", r.range(18, 89), r.range(60, 95), r.range(55, 110)));
    b.t("Phone: ").phi(PhiKind::Phone, &p.phone).t(". Fax: ").phi(PhiKind::Phone, &phone(r)).t(".\n");
    b.t("Continue ").t(r.pick(DRUGS)).t(" daily; history of ").t(r.pick(EPONYMS)).t(".\n");
}

fn t_discharge(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Discharged home to ").phi(PhiKind::Address, &p.street).t(", ").phi(PhiKind::Address, p.city.0);
    b.t(&format!(", {} ", p.city.1)).phi(PhiKind::Zip, &zip(r)).t(". Follow-up with Dr. ");
    b.phi(PhiKind::Name, &format!("{} {}", r.pick(FIRST), p.doctor))
        .t(" at ")
        .phi(PhiKind::Phone, &phone(r))
        .t(" on ")
        .phi(PhiKind::Date, &date(r))
        .t(".\n");
}

fn t_portal(b: &mut Builder, r: &mut Rng, p: &Person) {
    let email = format!(
        "{}.{}{}@{}",
        p.first.to_lowercase(),
        p.last.to_lowercase().replace('\'', ""),
        r.range(1, 99),
        r.pick(&["example.com", "mail.example.org", "example.net"])
    );
    b.t("Message received from ").phi(PhiKind::Email, &email).t(" via ");
    b.phi(PhiKind::Url, &format!("https://portal.example-health.org/patient/{}", r.range(1000, 99999)))
        .t("; login from IP ");
    b.phi(PhiKind::Ip, &format!("192.168.{}.{}", r.range(0, 255), r.range(1, 254))).t(" and ");
    b.phi(PhiKind::Ip, &format!("2001:db8:{:x}::{:x}", r.range(1, 0xffff), r.range(1, 0xffff))).t(". See also ");
    b.phi(PhiKind::Url, &format!("www.{}family.com", p.last.to_lowercase().replace('\'', ""))).t(" (personal blog).\n");
}

fn t_insurance(b: &mut Builder, r: &mut Rng, _p: &Person) {
    b.t("Insurance: Member ID ").phi(PhiKind::HealthPlan, &format!("{}{}", alnum(r, 3, 0), alnum(r, 0, 9)));
    b.t(", policy # ").phi(PhiKind::HealthPlan, &format!("P-{}-{}", r.range(1000, 9999), r.range(100, 999)));
    b.t(". Acct #: ").phi(PhiKind::Account, &r.range(10_000_000, 99_999_999).to_string());
    b.t(". SSN ")
        .phi(PhiKind::Ssn, &ssn(r))
        .t(". Claim #: ")
        .phi(PhiKind::Id, &r.range(100_000, 9_999_999).to_string())
        .t(".\n");
}

fn t_devices(b: &mut Builder, r: &mut Rng, _p: &Person) {
    b.t("Pacemaker serial no. ")
        .phi(PhiKind::Device, &format!("SN-{}-{}", r.range(10000, 99999), alnum(r, 1, 0)))
        .t(" implanted ")
        .phi(PhiKind::Date, &date(r))
        .t(". ");
    b.t("MVC report: license plate ")
        .phi(PhiKind::Vehicle, &format!("{}{}{}", r.range(1, 9), alnum(r, 3, 0), alnum(r, 0, 3)));
    b.t(", driver's license ").phi(PhiKind::License, &format!("{}{}", alnum(r, 1, 0), alnum(r, 0, 7)));
    b.t(", VIN ").phi(PhiKind::Vehicle, &format!("1HG{}{}", alnum(r, 2, 6), alnum(r, 0, 6))).t(".\n");
}

fn t_social(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Social: lives with husband ")
        .phi(PhiKind::Name, &format!("{} {}", r.pick(FIRST), p.last))
        .t(" in ")
        .phi(PhiKind::Address, p.city.0);
    b.t(&format!(", {}. Son ", p.city.1))
        .phi(PhiKind::Name, r.pick(FIRST))
        .t(&format!(" visits weekly. Former smoker, quit in {}. ", r.range(1980, 2015)));
    b.t(&format!("Her {}-year-old sister is healthy.\n", r.range(60, 89)));
}

fn t_negatives(b: &mut Builder, r: &mut Rng, _p: &Person) {
    b.t("PMH: ")
        .t(r.pick(EPONYMS))
        .t(", ")
        .t(r.pick(EPONYMS))
        .t(", and ")
        .t(r.pick(EPONYMS))
        .t(&format!(" since {}. ", r.range(1995, 2020)));
    b.t("Meds: ").t(r.pick(DRUGS)).t(", ").t(r.pick(DRUGS)).t(&format!(
        ". BP {}/{}. Age {} at diagnosis. ",
        r.range(100, 160),
        r.range(60, 99),
        r.range(20, 89)
    ));
    b.t(&format!(
        "Will follow up in {} weeks. Mark the site. Grade {} edema. Plan: {} mg daily.\n",
        r.range(2, 8),
        r.range(1, 3),
        r.range(5, 80)
    ));
    b.t(r.pick(CLINICAL_PHRASES)).t(" ").t(r.pick(CLINICAL_PHRASES)).t("\n");
}

/// Capitalized clinical text that must survive.
const CLINICAL_PHRASES: &[&str] = &[
    "Patient denies chest pain. Denies fever.",
    "Emergency Department visit for syncope.",
    "Follow up with Cardiology and Physical Therapy.",
    "Glasgow Coma Scale 15 on arrival.",
    "Gram stain showed rare cocci.",
    "Apgar scores 8 and 9.",
    "Epley maneuver performed.",
    "Tinel sign positive at the wrist.",
    "Lactated Ringer's bolus given.",
    "Chest X-ray clear.",
    "Internal Medicine to admit.",
    "Hospital Day 3: afebrile.",
    "Whipple procedure in the past.",
    "ASSESSMENT AND PLAN: stable.",
    "Review of Systems negative.",
    "Heparin drip titrated per protocol.",
    "Grace period for refills explained.",
    "Hope Lodge referral declined.",
    "Brown recluse bite suspected.",
    "Mayo Clinic criteria reviewed.",
    "Christmas Day admission was uneventful.",
];

fn t_ages(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.phi(PhiKind::Name, p.first)
        .t(" is ")
        .phi(PhiKind::Age, &r.range(90, 104).to_string())
        .t(" years old; her mother died aged ");
    b.phi(PhiKind::Age, &r.range(90, 104).to_string())
        .t(&format!(" and her father at {}. Age: ", r.range(60, 85)))
        .phi(PhiKind::Age, &r.range(90, 104).to_string());
    b.t(&format!(". Grandson is {} yo.\n", r.range(10, 40)));
}

fn t_dates(b: &mut Builder, r: &mut Rng, _p: &Person) {
    b.t("Surgery on ")
        .phi(PhiKind::Date, &date(r))
        .t("; labs drawn ")
        .phi(PhiKind::Date, &date(r))
        .t("; seen again ")
        .phi(PhiKind::Date, &date(r));
    b.t(&format!(". First diagnosed in {}.\n", r.range(1990, 2020)));
}

fn t_contact(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Spoke with ")
        .phi(PhiKind::Name, &format!("{} {}", p.rel_first, p.last))
        .t(" (daughter) at ")
        .phi(PhiKind::Phone, &phone(r));
    b.t("; she confirmed the plan. Emergency contact: ")
        .phi(PhiKind::Name, &format!("{} {}", r.pick(FIRST), r.pick(LAST)))
        .t(", ")
        .phi(PhiKind::Phone, &phone(r))
        .t(".\n");
}

fn t_bare_names(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.phi(PhiKind::Name, &format!("{} {}", r.pick(FIRST), r.pick(LAST))).t(" called the clinic about ");
    b.phi(PhiKind::Name, &format!("{} {}", p.first, p.last))
        .t(". Mrs. ")
        .phi(PhiKind::Name, p.last)
        .t(" is tolerating diet.\n");
}

fn t_pobox(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Mailing address: ")
        .phi(PhiKind::Address, &format!("PO Box {}", r.range(10, 9999)))
        .t(", ")
        .phi(PhiKind::Address, p.city.0);
    b.t(&format!(", {} ", p.city.1))
        .phi(PhiKind::Zip, &zip(r))
        .t(". Medical record number ")
        .phi(PhiKind::Mrn, &r.range(100_000, 9_999_999).to_string())
        .t(".\n");
}

fn t_nursing(b: &mut Builder, r: &mut Rng, p: &Person) {
    b.t("Nursing note ")
        .phi(PhiKind::Date, &date(r))
        .t(": ")
        .phi(PhiKind::Name, p.first)
        .t(" ambulating with walker. ");
    b.t("Patient name: ")
        .phi(PhiKind::Name, &format!("{} {}", p.first, p.last))
        .t(". Attending: Dr. ")
        .phi(PhiKind::Name, p.doctor);
    b.t(". Cell ").phi(PhiKind::Phone, &p.phone).t(&format!(". Pain {}/10.\n", r.range(0, 10)));
}

const TEMPLATES: &[Template] = &[
    t_admission,
    t_clinic,
    t_discharge,
    t_portal,
    t_insurance,
    t_devices,
    t_social,
    t_negatives,
    t_ages,
    t_dates,
    t_contact,
    t_bare_names,
    t_pobox,
    t_nursing,
];

/// The evaluation set: 72 notes of 3 templates each, plus upper-case copies of every fourth.
pub fn evaluation_set() -> Vec<Note> {
    let mut r = Rng::new(0x5AFE_4A2B_0F00_2026);
    let mut notes = Vec::new();
    for n in 0..72 {
        let city = CITIES[r.below(CITIES.len() as u64) as usize];
        let p = Person {
            first: r.pick(FIRST),
            last: r.pick(LAST),
            rel_first: r.pick(FIRST),
            doctor: r.pick(DOCTORS),
            street: street(&mut r),
            city,
            phone: phone(&mut r),
        };
        let mut b = Builder { text: String::new(), gold: Vec::new() };
        for k in 0..3 {
            let t = TEMPLATES[(n * 3 + k + (n / 14)) % TEMPLATES.len()];
            t(&mut b, &mut r, &p);
        }
        let mut known = KnownIdentifiers::new();
        let mut known_values = Vec::new();
        if n % 2 == 0 {
            for (kind, v) in [
                (PhiKind::Name, p.first),
                (PhiKind::Name, p.last),
                (PhiKind::Address, p.street.as_str()),
                (PhiKind::Address, p.city.0),
                (PhiKind::Phone, p.phone.as_str()),
            ] {
                known.add(kind, v).unwrap();
                known_values.push((kind, v.to_owned()));
            }
        }
        if n % 4 == 1 {
            notes.push(Note {
                text: b.text.to_ascii_uppercase(),
                gold: b.gold.clone(),
                known: known.clone(),
                known_values: known_values.clone(),
                upper: true,
            });
        }
        notes.push(Note { text: b.text, gold: b.gold, known, known_values, upper: false });
    }
    notes
}

/// Per-class counts.
#[derive(Default, Clone, Copy)]
pub struct ClassScore {
    pub gold: usize,
    /// Gold spans whose every letter and digit was replaced (by a span of any class).
    pub removed: usize,
    /// Gold spans fully covered by spans of their own class.
    pub typed: usize,
    pub predicted: usize,
    /// Predicted spans that overlap some gold span.
    pub predicted_ok: usize,
}

impl ClassScore {
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.removed as f64 / self.gold as f64
        }
    }
    pub fn typed_recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.typed as f64 / self.gold as f64
        }
    }
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.predicted_ok as f64 / self.predicted as f64
        }
    }
}

/// Scores the scrubber on the set; also returns the missed and spurious spans (for debugging).
pub fn score(notes: &[Note]) -> (BTreeMap<PhiKind, ClassScore>, Vec<String>) {
    let mut scores: BTreeMap<PhiKind, ClassScore> = BTreeMap::new();
    let mut errors = Vec::new();
    for note in notes {
        let opts = TextOptions { known: note.known.clone(), ..TextOptions::default() };
        let out = scrub_text(&note.text, &opts).unwrap();
        let covered = |kind: Option<PhiKind>, s: usize, e: usize| {
            note.text[s..e].char_indices().filter(|(_, c)| c.is_alphanumeric()).all(|(i, _)| {
                out.spans.iter().any(|sp| sp.start <= s + i && s + i < sp.end && kind.map_or(true, |k| k == sp.kind))
            })
        };
        for &(kind, s, e) in &note.gold {
            let c = scores.entry(kind).or_default();
            c.gold += 1;
            if covered(None, s, e) {
                c.removed += 1;
            } else {
                errors.push(format!("MISSED {:?} {:?} in {:?}", kind, &note.text[s..e], context(&note.text, s, e)));
            }
            if covered(Some(kind), s, e) {
                c.typed += 1;
            }
        }
        for sp in &out.spans {
            let c = scores.entry(sp.kind).or_default();
            c.predicted += 1;
            if note.gold.iter().any(|&(_, s, e)| sp.start < e && s < sp.end) {
                c.predicted_ok += 1;
            } else {
                errors.push(format!(
                    "SPURIOUS {:?} {:?} in {:?}",
                    sp.kind,
                    &note.text[sp.start..sp.end],
                    context(&note.text, sp.start, sp.end)
                ));
            }
        }
    }
    (scores, errors)
}

fn context(text: &str, s: usize, e: usize) -> &str {
    let mut a = s.saturating_sub(30);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 30).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    &text[a..b]
}

/// Recall goal for a class (issue #4): 0.99 for pattern classes, 0.95 for names/addresses.
pub fn recall_goal(kind: PhiKind) -> f64 {
    if kind.is_pattern_class() {
        0.99
    } else {
        0.95
    }
}

pub const PRECISION_GOAL: f64 = 0.85;

/// The counts of every class added up.
pub fn total(scores: &BTreeMap<PhiKind, ClassScore>) -> ClassScore {
    scores.values().fold(ClassScore::default(), |t, c| ClassScore {
        gold: t.gold + c.gold,
        removed: t.removed + c.removed,
        typed: t.typed + c.typed,
        predicted: t.predicted + c.predicted,
        predicted_ok: t.predicted_ok + c.predicted_ok,
    })
}

/// The result table in Markdown.
pub fn markdown(notes: &[Note], scores: &BTreeMap<PhiKind, ClassScore>) -> String {
    let mut s = String::new();
    let upper = notes.iter().filter(|n| n.upper).count();
    let gold: usize = scores.values().map(|c| c.gold).sum();
    let _ = writeln!(s, "Notes: {} ({} upper-case), gold identifier spans: {}.\n", notes.len(), upper, gold);
    let _ =
        writeln!(s, "| Class | Gold | Recall (removed) | Typed recall | Predicted | Precision | Recall goal | Met |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---|");
    for (kind, c) in scores {
        let met = c.recall() >= recall_goal(*kind) && c.precision() >= PRECISION_GOAL;
        let _ = writeln!(
            s,
            "| {} | {} | {:.3} | {:.3} | {} | {:.3} | {:.2} | {} |",
            kind.label(),
            c.gold,
            c.recall(),
            c.typed_recall(),
            c.predicted,
            c.precision(),
            recall_goal(*kind),
            if met { "yes" } else { "NO" }
        );
    }
    let total = total(scores);
    let _ = writeln!(
        s,
        "| **all** | {} | {:.3} | {:.3} | {} | {:.3} | | |",
        total.gold,
        total.recall(),
        total.typed_recall(),
        total.predicted,
        total.precision()
    );
    s
}

/// One synthetic FHIR Bundle and the identifier values planted in it.
pub struct Record {
    pub bundle: Value,
    pub planted: Vec<String>,
}

/// 60 Bundles (Patient with contact, Encounter, Observation with a note, DocumentReference with
/// a text attachment), each from a generated person; every identifier value is listed.
pub fn record_set() -> Vec<Record> {
    let mut r = Rng::new(0x0DE1_D5EC_0000_2026);
    (0..60)
        .map(|n| {
            let (first, last, rel, doctor) = (r.pick(FIRST), r.pick(LAST), r.pick(FIRST), r.pick(DOCTORS));
            let (city, state) = CITIES[r.below(CITIES.len() as u64) as usize];
            let (street, phone, mrn, zip) = (street(&mut r), phone(&mut r), format!("MRN{}", r.range(100_000, 9_999_999)), format!("{:05}", r.range(10000, 99950)));
            let (birth, visit) = (dob(&mut r), format!("2024-{:02}-{:02}", r.range(1, 12), r.range(1, 28)));
            let email = format!("{}.{}@example.org", first.to_lowercase(), n);
            let note = format!("{first} {last} seen by Dr. {doctor}; daughter {rel} at bedside. Lives at {street}, {city}, {state} {zip}. Call {phone}. Next visit {visit}.");
            let b64 = base64ct::Base64::encode_string(note.as_bytes());
            let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
                {"resource": {"resourceType": "Patient", "id": format!("p{n}"), "identifier": [{"value": mrn}],
                    "name": [{"given": [first], "family": last}], "telecom": [{"system": "phone", "value": phone}, {"system": "email", "value": email}],
                    "birthDate": birth, "address": [{"line": [street], "city": city, "state": state, "postalCode": zip}],
                    "contact": [{"name": {"given": [rel], "family": last}, "telecom": [{"value": phone}]}]}},
                {"resource": {"resourceType": "Encounter", "status": "finished", "subject": {"reference": format!("Patient/p{n}"), "display": format!("{first} {last}")},
                    "participant": [{"individual": {"reference": "Practitioner/d1", "display": format!("Dr. {doctor}")}}], "period": {"start": visit}}},
                {"resource": {"resourceType": "Observation", "status": "final", "code": {"text": "Progress note"}, "subject": {"reference": format!("Patient/p{n}")},
                    "effectiveDateTime": visit, "note": [{"text": note}]}},
                {"resource": {"resourceType": "DocumentReference", "status": "current", "subject": {"reference": format!("Patient/p{n}")},
                    "content": [{"attachment": {"contentType": "text/plain", "data": b64}}]}}
            ]});
            let mut planted = vec![first.to_string(), last.to_string(), rel.to_string(), doctor.to_string(), street.clone(), city.to_string(), phone.clone(), mrn, zip, birth, visit, email];
            // The street number and name on their own, too: a partial leak counts.
            planted.extend(street.split(' ').take(2).map(|w| format!(" {} ", w.trim_end_matches(','))));
            Record { bundle, planted }
        })
        .collect()
}

/// Runs `safe_harbor` on every record: (values planted, values found in the output or report,
/// descriptions of the survivors). Attachments are decoded before searching.
pub fn score_records(records: &[Record]) -> (usize, usize, Vec<String>) {
    let opts = DeidOptions { reference_year: Some(2026), ..DeidOptions::default() };
    let (mut planted, mut survived, mut errors) = (0, 0, Vec::new());
    for rec in records {
        let out = safe_harbor(&rec.bundle, &opts).unwrap();
        let mut text = serde_json::to_string(&out.value).unwrap() + &serde_json::to_string(&out.report).unwrap();
        if let Some(data) = out.value["entry"][3]["resource"]["content"][0]["attachment"]["data"].as_str() {
            text.push_str(&String::from_utf8(base64ct::Base64::decode_vec(data).unwrap()).unwrap());
        }
        for p in &rec.planted {
            planted += 1;
            if text.contains(p.as_str()) {
                survived += 1;
                errors.push(format!("SURVIVED {p:?}"));
            }
        }
    }
    (planted, survived, errors)
}
