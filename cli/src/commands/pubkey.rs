//! `phiseal pubkey`: the public JWK, key id or fingerprint of a private key (or of a
//! public JWK, to show its key id or fingerprint).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use phiseal::keys::{BackupInfo, PublicKey, BACKUP_TEXT_PREFIX};
use zeroize::Zeroizing;

use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};
use crate::keyfiles::{self, PasswordSource};

const EXAMPLES: &str = "\
Examples:
  phiseal pubkey -i clinician.key.jwk > clinician.pub.jwk
  phiseal pubkey -i billing.key --password-file pw.txt --format key-id
  phiseal pubkey --public clinician.pub.jwk --format fingerprint

  # The key id a protected backup claims to hold, without its password (unverified)
  phiseal pubkey -i billing.key --format key-id --no-unlock";

/// What to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PubkeyFormat {
    /// The public JWK (RFC 8037), one line.
    Jwk,
    /// The key id: the RFC 7638 thumbprint, base64url.
    KeyId,
    /// The human-comparable fingerprint.
    Fingerprint,
}

/// Print the public half of a key.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct PubkeyArgs {
    /// Private key file (private JWK or protected backup).
    #[arg(short, long, value_name = "FILE", required_unless_present = "public", conflicts_with = "public")]
    pub identity: Option<PathBuf>,
    /// A public JWK instead of a private key.
    #[arg(long, value_name = "FILE")]
    pub public: Option<PathBuf>,
    /// File holding the password of a protected identity (else PHISEAL_PASSWORD).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Read only the key id a protected backup claims, without unlocking it. Unverified.
    #[arg(long, requires = "identity")]
    pub no_unlock: bool,
    /// What to print.
    #[arg(short, long, value_enum, default_value = "jwk")]
    pub format: PubkeyFormat,
}

/// Runs `pubkey`.
///
/// # Errors
/// Key loading errors.
pub fn run(args: &PubkeyArgs) -> CliResult {
    if args.no_unlock {
        return print_claimed_key_id(args);
    }
    let public = match (&args.public, &args.identity) {
        (Some(path), _) => keyfiles::load_recipient(path)?,
        (None, Some(path)) => {
            *keyfiles::load_identity(path, PasswordSource { file: args.password_file.as_deref() })?.public_key()
        }
        (None, None) => return Err(CliError::usage("give -i FILE or --public FILE")),
    };
    print_line(&describe(&public, args.format))
}

fn describe(public: &PublicKey, format: PubkeyFormat) -> String {
    match format {
        PubkeyFormat::Jwk => public.to_jwk(),
        PubkeyFormat::KeyId => public.key_id().to_text(),
        PubkeyFormat::Fingerprint => public.fingerprint().to_string(),
    }
}

fn print_claimed_key_id(args: &PubkeyArgs) -> CliResult {
    let Some(path) = &args.identity else {
        return Err(CliError::usage("--no-unlock needs -i FILE"));
    };
    if args.format != PubkeyFormat::KeyId {
        return Err(CliError::usage("--no-unlock can only print --format key-id"));
    }
    let bytes = Zeroizing::new(files::read_all(path, 64 * 1024, "identity")?);
    let text = std::str::from_utf8(&bytes).unwrap_or_default().trim();
    if !text.starts_with(BACKUP_TEXT_PREFIX) {
        return Err(CliError::usage("--no-unlock only applies to password-protected backups"));
    }
    let info =
        BackupInfo::read(text).map_err(|err| CliError::library(&format!("reading backup {}", path.display()), &err))?;
    print_line(&info.key_id().to_text())
}

fn print_line(text: &str) -> CliResult {
    files::write_all(Path::new("-"), format!("{text}\n").as_bytes(), Sensitivity::Public)
}
