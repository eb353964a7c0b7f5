//! Readers for the HPKE known-answer files in `tests/vectors/external/hpke/` (test only).
//!
//! Shared by the in-crate KATs (`kat_tests.rs`) and the integration test `tests/hpke_kat.rs`
//! (through `#[path]`), so both read the files the same way.
//!
//! - aws-lc `hpke_test_vectors.txt`: entries separated by blank lines, `key = value` lines,
//!   with `# encryptions[i]` and `# exports[i]` lines opening sub-records.
//! - RFC 9180 Appendix A text: `### <Mode> Setup Information` opens a vector, `#### Encryptions`
//!   and `#### Exported Values` its sub-records; values sit in `~~~` blocks as `key: value`,
//!   where a long hex value continues on following lines that hold no colon.

#![allow(dead_code)]

use std::collections::BTreeMap;

/// One `key -> value` record, values kept as written.
#[derive(Debug, Default, Clone)]
pub struct Record(pub BTreeMap<String, String>);

impl Record {
    /// The hex-decoded value of `key`; panics (test only) when absent or not hex.
    pub fn hex(&self, key: &str) -> Vec<u8> {
        let value = self.0.get(key).unwrap_or_else(|| panic!("missing field {key}"));
        hex::decode(value).unwrap_or_else(|_| panic!("field {key} is not hex"))
    }

    /// The hex-decoded value of `key`, when present.
    pub fn hex_opt(&self, key: &str) -> Option<Vec<u8>> {
        self.0.contains_key(key).then(|| self.hex(key))
    }

    /// The decimal value of `key`; panics (test only) when absent or not a number.
    pub fn num(&self, key: &str) -> u128 {
        let value = self.0.get(key).unwrap_or_else(|| panic!("missing field {key}"));
        value.parse().unwrap_or_else(|_| panic!("field {key} is not a number"))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One test vector: setup fields, then encryptions in sequence order and exports.
#[derive(Debug, Default, Clone)]
pub struct Vector {
    pub setup: Record,
    pub encryptions: Vec<Record>,
    pub exports: Vec<Record>,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Setup,
    Encryptions,
    Exports,
}

/// Accumulates records into vectors for both formats.
struct Builder {
    vectors: Vec<Vector>,
    current: Vector,
    part: Part,
    record: Record,
    last_key: Option<String>,
}

impl Builder {
    fn new() -> Self {
        Self {
            vectors: Vec::new(),
            current: Vector::default(),
            part: Part::Setup,
            record: Record::default(),
            last_key: None,
        }
    }

    fn flush_record(&mut self) {
        let record = std::mem::take(&mut self.record);
        self.last_key = None;
        if record.is_empty() {
            return;
        }
        match self.part {
            Part::Setup => self.current.setup.0.extend(record.0),
            Part::Encryptions => self.current.encryptions.push(record),
            Part::Exports => self.current.exports.push(record),
        }
    }

    fn flush_vector(&mut self) {
        self.flush_record();
        let vector = std::mem::take(&mut self.current);
        if !vector.setup.is_empty() {
            self.vectors.push(vector);
        }
        self.part = Part::Setup;
    }

    fn set(&mut self, key: &str, value: &str) {
        self.record.0.insert(key.trim().to_owned(), value.trim().to_owned());
        self.last_key = Some(key.trim().to_owned());
    }

    fn append(&mut self, continuation: &str) {
        let key = self.last_key.clone().unwrap_or_else(|| panic!("continuation without a key"));
        if let Some(value) = self.record.0.get_mut(&key) {
            value.push_str(continuation.trim());
        }
    }

    fn finish(mut self) -> Vec<Vector> {
        self.flush_vector();
        self.vectors
    }
}

/// Parses aws-lc's `hpke_test_vectors.txt`.
pub fn parse_aws_lc(text: &str) -> Vec<Vector> {
    let mut builder = Builder::new();
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            builder.flush_vector();
        } else if let Some(section) = line.strip_prefix("# ") {
            builder.flush_record();
            builder.part = if section.starts_with("encryptions[") {
                Part::Encryptions
            } else if section.starts_with("exports[") {
                Part::Exports
            } else {
                panic!("unknown section line")
            };
        } else {
            let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("line without '='"));
            builder.set(key, value);
        }
    }
    builder.finish()
}

/// Parses the RFC 9180 Appendix A excerpt. Each vector's setup gains a `suite` field (the
/// `## ...` heading) and a `section` field (the `### ...` heading).
pub fn parse_rfc9180(text: &str) -> Vec<Vector> {
    let mut builder = Builder::new();
    let mut suite = String::new();
    let mut in_block = false;
    for line in text.lines().map(str::trim_end) {
        if let Some(section) = line.strip_prefix("### ") {
            builder.flush_vector();
            builder.set("suite", &suite);
            builder.set("section", section);
        } else if line.starts_with("#### ") {
            builder.flush_record();
            builder.part = if line.contains("Encryptions") { Part::Encryptions } else { Part::Exports };
        } else if let Some(heading) = line.strip_prefix("## ") {
            suite = heading.to_owned();
        } else if line == "~~~" {
            in_block = !in_block;
            builder.flush_record();
        } else if !in_block || line.starts_with('#') {
            continue;
        } else if line.is_empty() {
            builder.flush_record();
        } else if let Some((key, value)) = line.split_once(':') {
            builder.set(key, value);
        } else {
            builder.append(line);
        }
    }
    builder.finish()
}
