//! Running a record operation on one JSON record or, with `--ndjson`, on every line of a file
//! (see [`crate::bulk`]). Records are parsed with the core's strict parser (duplicate keys,
//! lone surrogates and inexact numbers are refused).

use phiseal::records::json;
use serde_json::Value;

use crate::args::{BulkArgs, InOut};
use crate::bulk::{self, BulkOptions};
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};

/// Largest single record read without `--ndjson` (64 MiB).
const MAX_RECORD: u64 = 64 * 1024 * 1024;

/// Parses one record strictly.
///
/// # Errors
/// [`crate::exit::Status::Malformed`] (or the parser's other codes); never quotes the input.
pub fn parse(bytes: &[u8]) -> CliResult<Value> {
    json::parse_bytes(bytes).map_err(|err| CliError::library("parsing the record", &err))
}

/// One record as one line of compact JSON.
///
/// # Errors
/// Only if serialization fails (it cannot for values built by the library).
pub fn to_line(value: &Value) -> CliResult<String> {
    serde_json::to_string(value)
        .map_err(|_| CliError::library("writing the record", &phiseal::Error::Malformed("unserializable JSON")))
}

/// Runs `process` on the input record, or on each NDJSON line with `--ndjson`.
///
/// # Errors
/// Those of `process`, I/O errors, and the bulk statuses of [`bulk::run`].
pub fn run_records<F>(files: &InOut, bulk_args: &BulkArgs, verb: &str, process: F) -> CliResult
where
    F: Fn(&[u8]) -> CliResult<String> + Sync,
{
    if bulk_args.ndjson {
        let options = BulkOptions {
            jobs: bulk_args.jobs.map_or_else(bulk::default_jobs, std::num::NonZeroUsize::get),
            fail_fast: bulk_args.fail_fast,
            quiet: bulk_args.quiet,
            verb,
            sensitivity: Sensitivity::Secret,
        };
        return bulk::run(&files.input, &files.output, &options, process);
    }
    let bytes = zeroize::Zeroizing::new(files::read_all(&files.input, MAX_RECORD, "record")?);
    let mut text = process(&bytes)?;
    text.push('\n');
    files::write_all(&files.output, text.as_bytes(), Sensitivity::Secret)
}

/// The record id bound into a sealed record: `--record-id`, else `resourceType/id`.
///
/// # Errors
/// A usage error when neither is available.
pub fn record_id(given: Option<&str>, record: &Value) -> CliResult<String> {
    if let Some(id) = given {
        return Ok(id.to_owned());
    }
    match (record.get("resourceType").and_then(Value::as_str), record.get("id").and_then(Value::as_str)) {
        (Some(kind), Some(id)) => Ok(format!("{kind}/{id}")),
        _ => Err(CliError::usage("the record has no resourceType and id to form its record id: give --record-id")),
    }
}
