//! Loading keys from files: identities (private JWK or password-protected backup), recipient
//! public JWKs, and passwords (`--password-file` or the `PHISEAL_PASSWORD` variable, never a
//! command-line argument, which other users can read in the process list).
//!
//! Key and password text is held in zeroizing buffers and never appears in a message.

use std::path::Path;

use phiseal::keys::{KeyId, KeyPair, PublicKey, BACKUP_TEXT_PREFIX, MAX_JWK_LEN, MAX_PASSWORD_LEN};
use zeroize::Zeroizing;

use crate::exit::{CliError, CliResult};
use crate::files;

/// The environment variable read for a password when no `--password-file` is given.
pub const PASSWORD_ENV: &str = "PHISEAL_PASSWORD";

/// Largest key file read (a backup is a little larger than a JWK).
const MAX_KEY_FILE: u64 = 4 * MAX_JWK_LEN as u64;

/// Where a password comes from.
#[derive(Clone, Copy, Debug)]
pub struct PasswordSource<'a> {
    /// `--password-file`, read first when given.
    pub file: Option<&'a Path>,
}

impl PasswordSource<'_> {
    /// The password, or `None` when neither the file nor the variable is set.
    ///
    /// One trailing newline (`\n` or `\r\n`) is removed from a password file.
    ///
    /// # Errors
    /// [`crate::exit::Status::Io`] when the file cannot be read; usage errors for an empty
    /// password.
    pub fn read(&self) -> CliResult<Option<Zeroizing<Vec<u8>>>> {
        let password = match self.file {
            Some(path) => Some(read_password_file(path)?),
            None => std::env::var_os(PASSWORD_ENV).map(|value| Zeroizing::new(value.into_encoded_bytes())),
        };
        match password {
            Some(bytes) if bytes.is_empty() => Err(CliError::usage("the password is empty")),
            other => Ok(other),
        }
    }
}

fn read_password_file(path: &Path) -> CliResult<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(files::read_all(path, MAX_PASSWORD_LEN as u64 + 2, "password file")?);
    for suffix in [&b"\r\n"[..], b"\n"] {
        if bytes.ends_with(suffix) {
            let keep = bytes.len() - suffix.len();
            bytes.truncate(keep);
            break;
        }
    }
    Ok(bytes)
}

/// Reads a key file as UTF-8 text, trimmed, in a zeroizing buffer.
fn read_key_text(path: &Path, what: &str) -> CliResult<Zeroizing<String>> {
    let bytes = Zeroizing::new(files::read_all(path, MAX_KEY_FILE, what)?);
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        CliError::library(&format!("reading {what} {}", path.display()), &phiseal::Error::Malformed("not UTF-8 text"))
    })?;
    Ok(Zeroizing::new(text.trim().to_owned()))
}

/// Loads an identity: a private JWK, or a password-protected backup (`phiseal-key1.…`)
/// unlocked with the password from `password`.
///
/// # Errors
/// I/O, format and key errors; [`crate::exit::Status::WrongPassword`] for a wrong password;
/// a usage error when the key is protected and no password was given.
pub fn load_identity(path: &Path, password: PasswordSource<'_>) -> CliResult<KeyPair> {
    let text = read_key_text(path, "identity")?;
    let doing = format!("loading identity {}", path.display());
    if text.starts_with(BACKUP_TEXT_PREFIX) {
        let Some(password) = password.read()? else {
            return Err(CliError::usage(format!(
                "{} is password-protected: give --password-file FILE or set {PASSWORD_ENV}",
                path.display()
            )));
        };
        return KeyPair::import_with_password(&text, &password).map_err(|err| CliError::library(&doing, &err));
    }
    let pair = KeyPair::from_private_jwk(&text).map_err(|err| CliError::library(&doing, &err))?;
    warn_if_shared(path);
    Ok(pair)
}

/// Warns (like ssh) when an unprotected private key file can be read by other users.
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if meta.is_file() && mode & 0o077 != 0 {
                eprintln!(
                    "phiseal: warning: private key {} is readable by other users (mode {mode:04o}); run chmod 600 on it",
                    path.display()
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Loads a recipient's public JWK.
///
/// # Errors
/// I/O and key errors; a usage error (`INVALID_ARGUMENT`) for a private JWK.
pub fn load_recipient(path: &Path) -> CliResult<PublicKey> {
    let text = read_key_text(path, "recipient key")?;
    PublicKey::from_jwk(&text).map_err(|err| CliError::library(&format!("loading recipient {}", path.display()), &err))
}

/// Loads every recipient given with a repeatable flag.
///
/// # Errors
/// As [`load_recipient`].
pub fn load_recipients(paths: &[impl AsRef<Path>]) -> CliResult<Vec<PublicKey>> {
    paths.iter().map(|path| load_recipient(path.as_ref())).collect()
}

/// A key id given as text, or as the path of a public JWK whose id is meant.
///
/// # Errors
/// A library error when the text is neither a key id nor a readable public JWK.
pub fn key_id_argument(value: &str) -> CliResult<KeyId> {
    match KeyId::from_text(value) {
        Ok(id) => Ok(id),
        Err(err) if !Path::new(value).is_file() => Err(CliError::library(&format!("reading key id {value:?}"), &err)),
        Err(_) => load_recipient(Path::new(value)).map(|public| public.key_id()),
    }
}
