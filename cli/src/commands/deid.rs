//! `phiseal deid`: HIPAA Safe Harbor de-identification of free-text notes
//! (`phiseal::deid::scrub_text`, rules in docs/DEID.md).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use phiseal::deid::{self, OutputMode, TextOptions, MAX_TEXT_BYTES};
use serde_json::json;
use zeroize::Zeroizing;

use crate::args::InOut;
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};

const EXAMPLES: &str = "\
Examples:
  # Scrub a clinical note: identifiers become [NAME], [DATE], ...
  phiseal deid --text note.txt > note.deid.txt

  # Consistent placeholders ([NAME-1], ...), keep years, and save where identifiers were found
  phiseal deid --text --mode surrogate --keep-year --reference-year 2026 --report spans.json note.txt

The report lists each span's class and byte offsets in the input, never its value.";

/// How identifiers are replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// `[NAME]`, `[DATE]`, ...
    Tag,
    /// `[NAME-1]`, `[NAME-2]`: the same value gets the same placeholder in one document.
    Surrogate,
    /// Every character of an identifier becomes `*`.
    Mask,
}

/// De-identify (HIPAA Safe Harbor) a free-text note.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct DeidArgs {
    #[command(flatten)]
    pub files: InOut,
    /// The input is a free-text note (UTF-8), not a JSON record.
    #[arg(long)]
    pub text: bool,
    /// How identifiers are replaced.
    #[arg(long, value_enum, default_value = "tag")]
    pub mode: Mode,
    /// Keep the 4-digit year of dates (Safe Harbor allows it, except years implying age > 89).
    #[arg(long)]
    pub keep_year: bool,
    /// The year ages are computed against (needed to keep a birth year).
    #[arg(long, value_name = "YEAR")]
    pub reference_year: Option<u16>,
    /// Write the spans found (class and byte offsets, no values) as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// Runs `deid`.
///
/// # Errors
/// I/O, UTF-8 and library errors.
pub fn run(args: &DeidArgs) -> CliResult {
    if !args.text {
        return Err(CliError::usage(
            "record de-identification is not available in this build yet: use --text for notes",
        ));
    }
    let raw = Zeroizing::new(files::read_all(&args.files.input, MAX_TEXT_BYTES as u64, "text")?);
    let doing = format!("de-identifying {}", args.files.input.display());
    let text = std::str::from_utf8(&raw)
        .map_err(|_| CliError::library(&doing, &phiseal::Error::Malformed("text is not UTF-8")))?;
    let scrubbed = deid::scrub_text(text, &options(args)).map_err(|err| CliError::library(&doing, &err))?;
    if let Some(path) = &args.report {
        let report = json!({ "spans": scrubbed.spans });
        files::write_all(path, format!("{report}\n").as_bytes(), Sensitivity::Public)?;
    }
    files::write_all(&args.files.output, scrubbed.text.as_bytes(), Sensitivity::Secret)
}

fn options(args: &DeidArgs) -> TextOptions {
    TextOptions {
        mode: match args.mode {
            Mode::Tag => OutputMode::Tag,
            Mode::Surrogate => OutputMode::Surrogate,
            Mode::Mask => OutputMode::Mask,
        },
        keep_year: args.keep_year,
        reference_year: args.reference_year,
        ..TextOptions::default()
    }
}
