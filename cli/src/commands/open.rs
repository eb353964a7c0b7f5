//! `phiseal open`: an envelope opened with a private key; the plaintext is released only
//! after everything verified (one-shot: all or nothing).

use std::path::PathBuf;

use clap::Args;
use phiseal::envelope;
use zeroize::Zeroizing;

use crate::args::{ContextArg, IdentityArgs, InOut};
use crate::envelope_input::read_envelope;
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};
use crate::keyfiles::{self, PasswordSource};

const EXAMPLES: &str = "\
Examples:
  phiseal open -i clinician.key.jwk -c 'record:42/lab' -o lab.pdf lab.phsl

  # From a pipe; text (phsl1.…) and binary envelopes are both accepted
  curl -s https://files.example/lab.phsl | phiseal open -i clinician.key.jwk -c 'record:42/lab' > lab.pdf

  # Require that the device's key sealed it (sender-authenticated envelopes)
  phiseal open -i clinician.key.jwk --sender device.pub.jwk lab.phsl > lab.pdf

Exit 3 means tampered, truncated, wrong context or wrong sender; exit 4 means the envelope
has no slot for this key. Nothing is written in either case.";

/// Open an envelope with a private key.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct OpenArgs {
    #[command(flatten)]
    pub files: InOut,
    #[command(flatten)]
    pub identity: IdentityArgs,
    #[command(flatten)]
    pub context: ContextArg,
    /// Require the envelope to be sealed by this sender (public JWK file).
    #[arg(long, value_name = "FILE")]
    pub sender: Option<PathBuf>,
}

/// Runs `open`.
///
/// # Errors
/// Key loading, I/O and library errors (exit 3 for authentication, 4 for no matching slot).
pub fn run(args: &OpenArgs) -> CliResult {
    let identity = keyfiles::load_identity(
        &args.identity.identity,
        PasswordSource { file: args.identity.password_file.as_deref() },
    )?;
    let sender = args.sender.as_deref().map(keyfiles::load_recipient).transpose()?;
    let input = read_envelope(&args.files.input)?;
    let context = args.context.context.as_bytes();
    let opened = match &sender {
        Some(sender) => envelope::open_from(&input.bytes, &identity, context, sender),
        None => envelope::open(&input.bytes, &identity, context),
    };
    let plaintext = Zeroizing::new(
        opened.map_err(|err| CliError::library(&format!("opening {}", args.files.input.display()), &err))?,
    );
    files::write_all(&args.files.output, &plaintext, Sensitivity::Secret)
}
