//! `phiseal keygen`: a new X25519 key pair, saved as a private JWK (mode 0600) or as a
//! password-protected backup; the public JWK goes to stdout.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use phiseal::keys::{BackupParams, KeyPair};
use zeroize::Zeroizing;

use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};
use crate::keyfiles::{PasswordSource, PASSWORD_ENV};

const EXAMPLES: &str = "\
Examples:
  # A clinician's key; the public JWK (to share) goes to stdout
  phiseal keygen -o clinician.key.jwk > clinician.pub.jwk

  # A password-protected backup (Argon2id), password from a file or PHISEAL_PASSWORD
  phiseal keygen -o billing.key --password-file pw.txt > billing.pub.jwk
  PHISEAL_PASSWORD=... phiseal keygen -o billing.key --protect > billing.pub.jwk";

/// Generate a key pair: write the private key to a file, print the public JWK.
///
/// The key id and fingerprint are printed on stderr. The private file is created with mode
/// 0600 and an existing file is never overwritten unless --force is given.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct KeygenArgs {
    /// Where to write the private key (never stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Write a password-protected backup instead of a plain private JWK; the password comes
    /// from --password-file or PHISEAL_PASSWORD.
    #[arg(long)]
    pub protect: bool,
    /// File holding the backup password (implies --protect).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Use the stronger Argon2id preset (64 MiB, 3 passes, 4 lanes) for the backup.
    #[arg(long)]
    pub strong: bool,
    /// Also write the public JWK to this file.
    #[arg(long, value_name = "FILE")]
    pub public_out: Option<PathBuf>,
    /// Replace an existing private key file.
    #[arg(long)]
    pub force: bool,
    /// Print nothing on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `keygen`.
///
/// # Errors
/// Usage errors (stdout as output, missing password), I/O errors, library errors.
pub fn run(args: &KeygenArgs) -> CliResult {
    if files::is_std(&args.output) {
        return Err(CliError::usage("keygen never writes a private key to stdout: give -o FILE"));
    }
    let pair = KeyPair::generate().map_err(|err| CliError::library("generating a key", &err))?;
    let private_text = private_text(args, &pair)?;
    save_private(args, private_text.as_bytes())?;
    let public = pair.public_key();
    let mut jwk = public.to_jwk();
    jwk.push('\n');
    if let Some(path) = &args.public_out {
        files::write_all(path, jwk.as_bytes(), Sensitivity::Public)?;
    }
    files::write_all(std::path::Path::new("-"), jwk.as_bytes(), Sensitivity::Public)?;
    if !args.quiet {
        eprintln!("key id: {}\nfingerprint: {}", public.key_id(), public.fingerprint());
    }
    Ok(())
}

fn private_text(args: &KeygenArgs, pair: &KeyPair) -> CliResult<Zeroizing<String>> {
    if !args.protect && args.password_file.is_none() {
        let mut text = pair.dangerous_export_private_jwk();
        text.push('\n');
        return Ok(text);
    }
    let source = PasswordSource { file: args.password_file.as_deref() };
    let Some(password) = source.read()? else {
        return Err(CliError::usage(format!("--protect needs --password-file FILE or {PASSWORD_ENV}")));
    };
    let params = if args.strong { BackupParams::STRONG } else { BackupParams::INTERACTIVE };
    let mut text = Zeroizing::new(
        pair.export_with_password(&password, &params).map_err(|err| CliError::library("protecting the key", &err))?,
    );
    text.push('\n');
    Ok(text)
}

fn save_private(args: &KeygenArgs, bytes: &[u8]) -> CliResult {
    if args.output.exists() && !args.force {
        return Err(CliError::usage(format!(
            "{} exists; refusing to overwrite a key (use --force)",
            args.output.display()
        )));
    }
    let mut pending = files::PendingFile::create(&args.output, Sensitivity::Secret)?;
    pending.write_all(bytes).map_err(|err| CliError::io("cannot write", &args.output, &err))?;
    pending.commit()
}
