//! `phiseal open`: an envelope opened with a private key.
//!
//! One-shot envelopes: the plaintext is released only after everything verified (all or
//! nothing). Streaming envelopes (kind 3): each 16 KiB chunk is released once it verified; a
//! file output is renamed into place only after the final chunk verified, while on stdout a
//! verified prefix may already have been written when a later chunk fails (the exit status
//! says so).

use std::io::{self, Read, Write};
use std::path::PathBuf;

use clap::Args;
use phiseal::envelope;
use phiseal::keys::{KeyPair, PublicKey};
use zeroize::Zeroizing;

use crate::args::{ContextArg, IdentityArgs, InOut};
use crate::envelope_input::Peeked;
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
has no slot for this key. Nothing is written in either case, except that a streaming
envelope opened to stdout may have written its verified chunks before a later one failed:
always check the exit status.";

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
    let peeked = Peeked::open(&args.files.input)?;
    if peeked.is_stream() {
        return open_stream(args, peeked, &identity, sender.as_ref());
    }
    let input = peeked.read_envelope(&args.files.input)?;
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

/// Opens a streaming envelope chunk by chunk into the output.
fn open_stream(args: &OpenArgs, peeked: Peeked, identity: &KeyPair, sender: Option<&PublicKey>) -> CliResult {
    let (input, output) = (&args.files.input, &args.files.output);
    let doing = format!("opening {}", input.display());
    if let Some(expected) = sender {
        check_stream_sender(&peeked.prefix, expected, &doing)?;
    }
    let mut reader = envelope::open_stream(peeked.into_reader(), identity, args.context.context.as_bytes())
        .map_err(|err| CliError::io("cannot open", input, &err))?;
    if files::is_std(output) {
        let mut out = io::stdout().lock();
        copy_verified(&mut reader, &mut out, args)?;
        return out.flush().map_err(|err| CliError::io("cannot write", output, &err));
    }
    let mut pending = io::BufWriter::new(files::PendingFile::create(output, Sensitivity::Secret)?);
    copy_verified(&mut reader, &mut pending, args)?;
    pending.into_inner().map_err(|err| CliError::io("cannot write", output, err.error()))?.commit()
}

/// The header's sender must be `expected`. Opening then proves the slot was wrapped in auth
/// mode by that sender's key.
fn check_stream_sender(prefix: &[u8], expected: &PublicKey, doing: &str) -> CliResult {
    let info = envelope::inspect(prefix).map_err(|err| CliError::library(doing, &err))?;
    match info.sender {
        Some(actual) if actual == *expected => Ok(()),
        _ => Err(CliError::library(doing, &phiseal::Error::AuthFailed)),
    }
}

fn copy_verified(reader: &mut impl Read, writer: &mut impl Write, args: &OpenArgs) -> CliResult {
    let mut buffer = Zeroizing::new(vec![0u8; 64 * 1024]);
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(CliError::io("cannot open", &args.files.input, &err)),
        };
        let chunk = buffer.get(..read).unwrap_or_default();
        writer.write_all(chunk).map_err(|err| CliError::io("cannot write", &args.files.output, &err))?;
    }
}
