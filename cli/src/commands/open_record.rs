//! `phiseal open-record`: a sealed record opened with a private key; fields of roles the key
//! does not hold stay sealed. One record or an NDJSON file.

use clap::Args;
use phiseal::records;

use crate::args::{BulkArgs, IdentityArgs, InOut};
use crate::exit::{CliError, CliResult};
use crate::keyfiles::{self, PasswordSource};
use crate::records_io::{self, run_records};

const EXAMPLES: &str = "\
Examples:
  phiseal open-record -i clinician.key.jwk obs.sealed.json > obs.json

  # Refuse a record sealed under another id (a sealed record passed off as another)
  phiseal open-record -i billing.key --password-file pw.txt --record-id Observation/obs-1 obs.sealed.json

  # A whole sealed export, in order, on every core
  phiseal open-record --ndjson -i research.key.jwk -o Observation.research.ndjson Observation.sealed.ndjson

Exit 4: the key is in none of the record's roles. Exit 3: a field, key header or legend was
altered, moved or swapped, or the record id differs from --record-id.";

/// Open a sealed record with a private key.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct OpenRecordArgs {
    #[command(flatten)]
    pub files: InOut,
    #[command(flatten)]
    pub identity: IdentityArgs,
    /// Require this record id (exit 3 otherwise). Not with --ndjson.
    #[arg(long, value_name = "ID", conflicts_with = "ndjson")]
    pub record_id: Option<String>,
    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// Runs `open-record`.
///
/// # Errors
/// Key, I/O and library errors; bulk statuses.
pub fn run(args: &OpenRecordArgs) -> CliResult {
    let identity = keyfiles::load_identity(
        &args.identity.identity,
        PasswordSource { file: args.identity.password_file.as_deref() },
    )?;
    run_records(&args.files, &args.bulk, "opened", |bytes| {
        let sealed = records_io::parse(bytes)?;
        let opened = match &args.record_id {
            Some(id) => records::open_record_expecting(&sealed, &identity, id),
            None => records::open_record(&sealed, &identity),
        }
        .map_err(|err| CliError::library("opening the record", &err))?;
        records_io::to_line(&opened.value)
    })
}
