//! `phiseal seal`: a file or stdin sealed to one or more recipients (docs/FORMAT.md): a one-shot
//! envelope (binary or the `phsl1.` text form), or with `--stream` a streaming envelope (kind 3,
//! C2SP Cobblestone-256 payload) sealed in constant memory, of any size.

use std::io::{self, Write};
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

  # A large scan, in constant memory (streaming envelope, 16 KiB chunks)
  phiseal seal --stream -r clinician.pub.jwk -c 'record:42/mri' -o mri.phsl mri.dcm

  # Authenticate the sender (recipients can require it with `open --sender`)
  phiseal seal -r clinician.pub.jwk --sender device.key.jwk -o lab.phsl lab.pdf

Limits: one-shot envelopes hold at most 256 MiB of plaintext (use --stream beyond);
at most 256 recipients. `open` recognises both kinds.";

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
    #[arg(short, long, conflicts_with = "stream")]
    pub armor: bool,
    /// Seal as a streaming envelope: constant memory, any size. Its header has no payload
    /// digest: with --sender and several recipients, a co-recipient could re-encrypt other
    /// content under the same header (use one-shot envelopes when that matters).
    #[arg(long)]
    pub stream: bool,
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
    let options = SealOptions { sender: sender.as_ref() };
    if args.stream {
        return seal_stream(args, &recipients, &options);
    }
    let plaintext =
        zeroize::Zeroizing::new(files::read_all(&args.files.input, MAX_ONE_SHOT_PAYLOAD as u64, "one-shot envelope")?);
    let sealed = envelope::seal_with(&plaintext, &recipients, args.context.context.as_bytes(), &options)
        .map_err(|err| CliError::library("sealing", &err))?;
    let output = if args.armor { armored(&sealed) } else { sealed };
    files::write_all(&args.files.output, &output, Sensitivity::Public)
}

/// Copies the input through a sealing writer into the output; a file output appears only once
/// the final chunk is written.
fn seal_stream(args: &SealArgs, recipients: &[phiseal::keys::PublicKey], options: &SealOptions<'_>) -> CliResult {
    let (input, output) = (&args.files.input, &args.files.output);
    let mut reader = files::open_input(input)?;
    let context = args.context.context.as_bytes();
    let write_error = |err: io::Error| CliError::io("cannot write", output, &err);
    if files::is_std(output) {
        let mut writer =
            envelope::seal_stream(io::stdout().lock(), recipients, context, options).map_err(write_error)?;
        copy(&mut reader, &mut writer, args)?;
        return writer.finish().and_then(|mut out| out.flush()).map_err(write_error);
    }
    let pending = files::PendingFile::create(output, Sensitivity::Public)?;
    let mut writer =
        envelope::seal_stream(io::BufWriter::new(pending), recipients, context, options).map_err(write_error)?;
    copy(&mut reader, &mut writer, args)?;
    let buffered = writer.finish().map_err(write_error)?;
    buffered.into_inner().map_err(|err| CliError::io("cannot write", output, err.error()))?.commit()
}

fn copy(reader: &mut dyn io::Read, writer: &mut impl Write, args: &SealArgs) -> CliResult {
    let mut buffer = zeroize::Zeroizing::new(vec![0u8; 64 * 1024]);
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(CliError::io("cannot read", &args.files.input, &err)),
        };
        let chunk = buffer.get(..read).unwrap_or_default();
        writer.write_all(chunk).map_err(|err| CliError::io("cannot write", &args.files.output, &err))?;
    }
}

fn armored(sealed: &[u8]) -> Vec<u8> {
    let mut text = envelope::to_text(sealed).into_bytes();
    text.push(b'\n');
    text
}
