//! The command line: every subcommand, flag and help text (with examples).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;

const EXIT_CODES: &str = "\
Exit codes:
  0   success
  1   usage: bad command line, or arguments the library refuses (INVALID_ARGUMENT)
  2   I/O: a file or stream could not be read or written
  3   authentication failed: tampered or truncated data, wrong context or sender (AUTH_FAILED, TRUNCATED)
  4   no recipient slot for this identity (NO_MATCHING_RECIPIENT)
  5   malformed input (MALFORMED)
  6   unsupported format version or suite (UNSUPPORTED_VERSION)
  7   wrong password for a protected key (WRONG_PASSWORD)
  8   unusable key (INVALID_KEY)
  9   size or count limit exceeded (LIMIT_EXCEEDED)
  10  invalid record policy (INVALID_POLICY)
  11  system random source unavailable (RANDOM_UNAVAILABLE)
  12  bulk mode: some records failed (listed on stderr by line number)

Errors go to stderr as one line `phiseal: error: ... [CODE]`; they never contain key
material, passwords, plaintext or record values. Passwords are read from --password-file
or the PHISEAL_PASSWORD environment variable, never from the command line.";

/// Seal patient health information: keys, envelopes, sealed records, de-identification.
#[derive(Debug, Parser)]
#[command(name = "phiseal", version, after_long_help = EXIT_CODES, after_help = "Run `phiseal help <COMMAND>` for examples; `phiseal --help` lists exit codes.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Keygen(commands::keygen::KeygenArgs),
    Pubkey(commands::pubkey::PubkeyArgs),
    Seal(commands::seal::SealArgs),
    Open(commands::open::OpenArgs),
    Rewrap(commands::rewrap::RewrapArgs),
    Inspect(commands::inspect::InspectArgs),
    SealRecord(commands::seal_record::SealRecordArgs),
    OpenRecord(commands::open_record::OpenRecordArgs),
    Deid(commands::deid::DeidArgs),
}

/// An input file (stdin for `-`) and an output file (stdout for `-`).
#[derive(Debug, Args)]
pub struct InOut {
    /// Input file; `-` or absent reads stdin.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: PathBuf,
    /// Output file, replaced atomically on success; `-` or absent writes stdout.
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// The private key that opens or rewraps.
#[derive(Debug, Args)]
pub struct IdentityArgs {
    /// Private key file: a private JWK, or a password-protected backup (`phiseal-key1.…`).
    #[arg(short, long, value_name = "FILE")]
    pub identity: PathBuf,
    /// File holding the password of a protected identity (one trailing newline is ignored).
    /// Without it, the PHISEAL_PASSWORD environment variable is used.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// The context an envelope is bound to.
#[derive(Debug, Args)]
pub struct ContextArg {
    /// Context bound into the envelope (e.g. `record:42/lab`). Not stored: the same text must
    /// be given to open. Default: empty.
    #[arg(short, long, value_name = "TEXT", default_value = "")]
    pub context: String,
}

/// Bulk mode over NDJSON.
#[derive(Debug, Args)]
pub struct BulkArgs {
    /// The input is NDJSON (one JSON record per line, e.g. a FHIR bulk export): records are
    /// processed on all cores and written one per line in input order. A failing record is
    /// reported on stderr by line number and left out of the output; the run then exits 12.
    #[arg(long)]
    pub ndjson: bool,
    /// Worker threads for --ndjson (default: every available core).
    #[arg(short, long, value_name = "N", requires = "ndjson")]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// With --ndjson, stop at the first failing record (exit with its code, no output file).
    #[arg(long, requires = "ndjson")]
    pub fail_fast: bool,
    /// With --ndjson, print neither the progress bar nor the summary.
    #[arg(short, long)]
    pub quiet: bool,
}
