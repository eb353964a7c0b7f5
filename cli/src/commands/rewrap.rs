//! `phiseal rewrap`: recipients added to or removed from an envelope by rewriting its header;
//! the payload bytes are copied unchanged.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use phiseal::envelope::{self, RecipientChanges};

use crate::args::{ContextArg, IdentityArgs, InOut};
use crate::envelope_input::Peeked;
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};
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
    // A key id is base64url: one in 64 starts with `-`, which must still be read as the value.
    #[arg(long, value_name = "KEY_ID", allow_hyphen_values = true)]
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
        Some(path) => {
            Some(keyfiles::load_identity(path, PasswordSource { file: args.sender_password_file.as_deref() })?)
        }
        None => None,
    };
    let peeked = Peeked::open(&args.files.input)?;
    let changes = RecipientChanges { add: &add, remove: &remove, sender: sender.as_ref() };
    if peeked.is_stream() {
        return rewrap_stream(args, peeked, &identity, &changes);
    }
    let input = peeked.read_envelope(&args.files.input)?;
    let rewrapped = envelope::rewrap(&input.bytes, &identity, args.context.context.as_bytes(), &changes)
        .map_err(|err| CliError::library(&format!("rewrapping {}", args.files.input.display()), &err))?;
    input.write_same_form(&args.files.output, &rewrapped)
}

/// A streaming envelope: the header is rewritten and the payload copied in constant memory; a
/// file output appears only once everything is written.
fn rewrap_stream(
    args: &RewrapArgs,
    peeked: Peeked,
    identity: &phiseal::keys::KeyPair,
    changes: &RecipientChanges<'_>,
) -> CliResult {
    let (input, output) = (&args.files.input, &args.files.output);
    let context = args.context.context.as_bytes();
    let write_error = |err: io::Error| CliError::io(&format!("rewrapping {} into", input.display()), output, &err);
    if files::is_std(output) {
        let mut stdout = io::stdout().lock();
        envelope::rewrap_stream(peeked.into_reader(), &mut stdout, identity, context, changes).map_err(write_error)?;
        return stdout.flush().map_err(write_error);
    }
    let mut pending = io::BufWriter::new(files::PendingFile::create(output, Sensitivity::Public)?);
    envelope::rewrap_stream(peeked.into_reader(), &mut pending, identity, context, changes).map_err(write_error)?;
    pending.into_inner().map_err(|err| CliError::io("cannot write", output, err.error()))?.commit()
}
