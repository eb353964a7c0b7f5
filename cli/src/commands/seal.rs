//! `phiseal seal`: a file or stdin sealed to one or more recipients as a one-shot envelope
//! (docs/FORMAT.md), binary or in the `phsl1.` text form.

use std::path::PathBuf;

use clap::Args;
use phiseal::envelope::{self, limits::MAX_ONE_SHOT_PAYLOAD, SealOptions};

use crate::args::{ContextArg, InOut};
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};
use crate::keyfiles::{self, PasswordSource};

const EXAMPLES: &str = "\
Examples:
  # Seal a lab report to the clinician and to billing, bound to a context
  phiseal seal -r clinician.pub.jwk -r billing.pub.jwk -c 'record:42/lab' -o lab.phsl lab.pdf

  # In a pipeline, as text (phsl1.…) for JSON or a database column
  cat note.txt | phiseal seal -r clinician.pub.jwk --armor > note.phsl.txt

  # Authenticate the sender (recipients can require it with `open --sender`)
  phiseal seal -r clinician.pub.jwk --sender device.key.jwk -o lab.phsl lab.pdf

Limits: one-shot envelopes hold at most 256 MiB of plaintext; at most 256 recipients.";

/// Seal data to recipients' public keys.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SealArgs {
    #[command(flatten)]
    pub files: InOut,
    /// A recipient's public JWK file; repeat for each recipient.
    #[arg(short, long = "recipient", value_name = "FILE", required = true)]
    pub recipients: Vec<PathBuf>,
    #[command(flatten)]
    pub context: ContextArg,
    /// Sender's private key: seal in sender-authenticated mode (HPKE auth).
    #[arg(long, value_name = "FILE")]
    pub sender: Option<PathBuf>,
    /// Password file for a protected sender key (else PHISEAL_PASSWORD).
    #[arg(long, value_name = "FILE", requires = "sender")]
    pub password_file: Option<PathBuf>,
    /// Write the text form `phsl1.<base64url>` (with a final newline) instead of binary.
    #[arg(short, long)]
    pub armor: bool,
}

/// Runs `seal`.
///
/// # Errors
/// Key loading, I/O, size limit and library errors.
pub fn run(args: &SealArgs) -> CliResult {
    if !args.armor {
        files::refuse_binary_to_terminal(&args.files.output)?;
    }
    let recipients = keyfiles::load_recipients(&args.recipients)?;
    let sender = match &args.sender {
        Some(path) => Some(keyfiles::load_identity(path, PasswordSource { file: args.password_file.as_deref() })?),
        None => None,
    };
    let plaintext = zeroize::Zeroizing::new(files::read_all(
        &args.files.input,
        MAX_ONE_SHOT_PAYLOAD as u64,
        "one-shot envelope",
    )?);
    let options = SealOptions { sender: sender.as_ref() };
    let sealed = envelope::seal_with(&plaintext, &recipients, args.context.context.as_bytes(), &options)
        .map_err(|err| CliError::library("sealing", &err))?;
    let output = if args.armor { armored(&sealed) } else { sealed };
    files::write_all(&args.files.output, &output, Sensitivity::Public)
}

fn armored(sealed: &[u8]) -> Vec<u8> {
    let mut text = envelope::to_text(sealed).into_bytes();
    text.push(b'\n');
    text
}
