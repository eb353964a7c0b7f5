//! `phiseal deid`: HIPAA Safe Harbor de-identification (45 CFR 164.514(b)(2), rules in
//! docs/DEIDENTIFICATION.md) of FHIR R4 resources and Bundles (`phiseal::deid::safe_harbor`), of NDJSON
//! exports, and of free-text notes (`phiseal::deid::scrub_text`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use phiseal::deid::{self, DeidOptions, OutputMode, TextOptions, MAX_TEXT_BYTES};
use serde_json::json;
use zeroize::Zeroizing;

use crate::args::{BulkArgs, InOut};
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};
use crate::records_io::{self, run_records};

const EXAMPLES: &str = "\
Examples:
  # A FHIR resource or Bundle; the report lists paths and actions, never values
  phiseal deid --reference-year 2026 --report report.json patient.json > patient.deid.json

  # A FHIR bulk export, on every core, in order
  phiseal deid --ndjson --reference-year 2026 -o Observation.deid.ndjson Observation.ndjson

  # A clinical note: identifiers become [NAME], [DATE], ...
  phiseal deid --text note.txt > note.deid.txt
  phiseal deid --text --mode surrogate --keep-year --reference-year 2026 --report spans.json note.txt

Default deny: elements the Safe Harbor profile does not name are removed. Notes inside a
resource are scrubbed with the identifiers of the Patient / RelatedPerson resources of the same
input (a Bundle), not of other NDJSON lines.";

/// How identifiers in free text are replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// `[NAME]`, `[DATE]`, ...
    Tag,
    /// `[NAME-1]`, `[NAME-2]`: the same value gets the same placeholder in one document.
    Surrogate,
    /// Every character of an identifier becomes `*`.
    Mask,
}

/// De-identify (HIPAA Safe Harbor) FHIR resources, NDJSON exports or free-text notes.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct DeidArgs {
    #[command(flatten)]
    pub files: InOut,
    /// The input is a free-text note (UTF-8), not a FHIR resource.
    #[arg(long, conflicts_with = "ndjson")]
    pub text: bool,
    /// How identifiers in free text are replaced.
    #[arg(long, value_enum, default_value = "tag")]
    pub mode: Mode,
    /// --text: keep the 4-digit year of dates (except years implying an age over 89).
    #[arg(long, requires = "text")]
    pub keep_year: bool,
    /// The year ages are computed against (without it a birth year is never kept).
    #[arg(long, value_name = "YEAR")]
    pub reference_year: Option<u16>,
    /// Write the report (FHIR: paths and actions; text: span classes and offsets) as JSON.
    /// Not with --ndjson.
    #[arg(long, value_name = "FILE", conflicts_with = "ndjson")]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// Runs `deid`.
///
/// # Errors
/// I/O, UTF-8 and library errors; bulk statuses.
pub fn run(args: &DeidArgs) -> CliResult {
    if args.text {
        return run_text(args);
    }
    let options =
        DeidOptions { reference_year: args.reference_year, text_mode: mode(args.mode), ..DeidOptions::default() };
    run_records(&args.files, &args.bulk, "de-identified", |bytes| {
        let resource = records_io::parse(bytes)?;
        let done = deid::safe_harbor(&resource, &options).map_err(|err| CliError::library("de-identifying", &err))?;
        if let Some(path) = &args.report {
            let report = serde_json::to_string(&done.report).unwrap_or_default();
            files::write_all(path, format!("{report}\n").as_bytes(), Sensitivity::Public)?;
        }
        records_io::to_line(&done.value)
    })
}

fn run_text(args: &DeidArgs) -> CliResult {
    let raw = Zeroizing::new(files::read_all(&args.files.input, MAX_TEXT_BYTES as u64, "text")?);
    let doing = format!("de-identifying {}", args.files.input.display());
    let text = std::str::from_utf8(&raw)
        .map_err(|_| CliError::library(&doing, &phiseal::Error::Malformed("text is not UTF-8")))?;
    let options = TextOptions {
        mode: mode(args.mode),
        keep_year: args.keep_year,
        reference_year: args.reference_year,
        ..TextOptions::default()
    };
    let scrubbed = deid::scrub_text(text, &options).map_err(|err| CliError::library(&doing, &err))?;
    if let Some(path) = &args.report {
        let report = json!({ "spans": scrubbed.spans });
        files::write_all(path, format!("{report}\n").as_bytes(), Sensitivity::Public)?;
    }
    files::write_all(&args.files.output, scrubbed.text.as_bytes(), Sensitivity::Secret)
}

fn mode(mode: Mode) -> OutputMode {
    match mode {
        Mode::Tag => OutputMode::Tag,
        Mode::Surrogate => OutputMode::Surrogate,
        Mode::Mask => OutputMode::Mask,
    }
}
