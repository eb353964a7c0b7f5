//! `phiseal rewrap`: recipients added to or removed from an envelope by rewriting its header;
//! the payload bytes are copied unchanged.

use std::path::PathBuf;

use clap::Args;
use phiseal::envelope::{self, RecipientChanges};

use crate::args::{ContextArg, IdentityArgs, InOut};
use crate::envelope_input::Peeked;
use crate::exit::{CliError, CliResult};
use crate::keyfiles::{self, PasswordSource};

const EXAMPLES: &str = "\
Examples:
  # Give the researcher access, take it away from billing
  phiseal rewrap -i clinician.key.jwk -c 'record:42/lab' \\
      --add researcher.pub.jwk --remove \"$(phiseal pubkey --public billing.pub.jwk -f key-id)\" \\
      -o lab.v2.phsl lab.phsl

  # A sender-authenticated envelope needs the original sender's key to add recipients
  phiseal rewrap -i clinician.key.jwk --sender device.key.jwk --add audit.pub.jwk lab.phsl > lab.v2.phsl

Removing a recipient only affects copies made from the new output: anyone who kept the old
bytes can still open them. True revocation means sealing again.";

/// Add or remove recipients of an envelope (needs a key that can open it).
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct RewrapArgs {
    #[command(flatten)]
    pub files: InOut,
    #[command(flatten)]
    pub identity: IdentityArgs,
    #[command(flatten)]
    pub context: ContextArg,
    /// Public JWK file of a recipient to add; repeatable.
    #[arg(long, value_name = "FILE")]
    pub add: Vec<PathBuf>,
    /// Key id (or public JWK file) of a recipient to remove; repeatable.
    #[arg(long, value_name = "KEY_ID")]
    pub remove: Vec<String>,
    /// The original sender's private key, to add recipients to a sender-authenticated envelope.
    #[arg(long, value_name = "FILE")]
    pub sender: Option<PathBuf>,
    /// Password file for a protected sender key (else PHISEAL_PASSWORD).
    #[arg(long, value_name = "FILE", requires = "sender")]
    pub sender_password_file: Option<PathBuf>,
}

/// Runs `rewrap`. The output keeps the input's form (binary or text).
///
/// # Errors
/// Key loading, I/O and library errors.
pub fn run(args: &RewrapArgs) -> CliResult {
    if args.add.is_empty() && args.remove.is_empty() {
        return Err(CliError::usage("nothing to do: give --add FILE and/or --remove KEY_ID"));
    }
    let identity = keyfiles::load_identity(
        &args.identity.identity,
        PasswordSource { file: args.identity.password_file.as_deref() },
    )?;
    let add = keyfiles::load_recipients(&args.add)?;
    let remove = args.remove.iter().map(|id| keyfiles::key_id_argument(id)).collect::<CliResult<Vec<_>>>()?;
    let sender = match &args.sender {
        Some(path) => Some(keyfiles::load_identity(path, PasswordSource { file: args.sender_password_file.as_deref() })?),
        None => None,
    };
    let peeked = Peeked::open(&args.files.input)?;
    if peeked.is_stream() {
        return Err(CliError::usage(
            "a streaming envelope cannot be rewrapped (its payload is bound to the whole header): open and seal again",
        ));
    }
    let input = peeked.read_envelope(&args.files.input)?;
    let changes = RecipientChanges { add: &add, remove: &remove, sender: sender.as_ref() };
    let rewrapped = envelope::rewrap(&input.bytes, &identity, args.context.context.as_bytes(), &changes)
        .map_err(|err| CliError::library(&format!("rewrapping {}", args.files.input.display()), &err))?;
    input.write_same_form(&args.files.output, &rewrapped)
}
