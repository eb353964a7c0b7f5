//! Password-protected backups of a key pair: the 32-byte secret key wrapped with
//! AES-256-GCM under a key derived from the password with Argon2id (RFC 9106, version 0x13).
//!
//! Binary form (byte by byte in `docs/KEYS.md`):
//!
//! ```text
//! header = "PSKB" || 0x01 || m_cost:u32be || t_cost:u32be || p_cost:u32be || salt:16 || key_id:32
//! backup = header || nonce:12 || AES-256-GCM(key = Argon2id(password, salt), aad = header, secret):48
//! text   = "phiseal-key1." || base64url(backup)
//! ```
//!
//! Every header byte is associated data, so changing the parameters, the salt or the key id
//! makes unlocking fail. After decryption the key id of the recovered key must equal the
//! header's: GCM alone is not key-committing, and this check makes a backup open under at most
//! one password (no partitioning-oracle ciphertexts). Wrong password and tampering give the
//! same [`Error::WrongPassword`]; they cannot be told apart.

use argon2::{Algorithm, Argon2, Block, Version};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::{BackupParams, KeyId, KeyPair, SecretKey, KEY_ID_LEN, KEY_LEN};
use crate::primitives::{aead, base64, random};

/// Text prefix of a version-1 backup.
pub const BACKUP_TEXT_PREFIX: &str = "phiseal-key1.";
/// Longest password accepted, in bytes.
pub const MAX_PASSWORD_LEN: usize = 4096;

const MAGIC: [u8; 4] = *b"PSKB";
const VERSION: u8 = 1;
pub(crate) const SALT_LEN: usize = 16;
const HEADER_LEN: usize = MAGIC.len() + 1 + 3 * 4 + SALT_LEN + KEY_ID_LEN;
const BACKUP_LEN: usize = HEADER_LEN + aead::NONCE_LEN + KEY_LEN + aead::TAG_LEN;

/// What a backup says about itself before it is unlocked.
///
/// # Security
/// These values are **not authenticated** until the backup is unlocked with the right
/// password. Use them to show which key a backup claims to hold, never to make a trust decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    key_id: KeyId,
    params: BackupParams,
}

impl BackupInfo {
    /// Reads the header of a backup text without the password and without running Argon2id.
    ///
    /// # Errors
    /// As [`KeyPair::import_with_password`], except the password errors.
    pub fn read(text: &str) -> Result<Self> {
        let header = Header::decode(&decode_text(text)?)?;
        Ok(Self { key_id: header.key_id, params: header.params })
    }

    /// Key id of the public key the backup claims to hold.
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// The Argon2id parameters unlocking will use.
    #[must_use]
    pub fn params(&self) -> BackupParams {
        self.params
    }
}

impl KeyPair {
    /// Wraps this key pair under `password`, with a fresh random salt and nonce.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an empty password, [`Error::LimitExceeded`] for a
    /// password over [`MAX_PASSWORD_LEN`] or when Argon2id's memory cannot be allocated,
    /// [`Error::RandomUnavailable`] when the random source fails.
    ///
    /// # Security
    /// Text passwords should be normalised (Unicode NFC) before being turned into bytes, so
    /// the same typed password unlocks on every platform.
    pub fn export_with_password(&self, password: &[u8], params: &BackupParams) -> Result<String> {
        let salt: [u8; SALT_LEN] = random::array()?;
        let nonce: [u8; aead::NONCE_LEN] = random::array()?;
        export_with_salt_and_nonce(self, password, params, &salt, &nonce)
    }

    /// Unlocks a backup made by [`KeyPair::export_with_password`].
    ///
    /// Everything that can be checked without the password (format, version, parameter
    /// limits) is checked before Argon2id runs.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an empty password, [`Error::Malformed`] for text that is
    /// not a backup, [`Error::UnsupportedVersion`] for another version,
    /// [`Error::LimitExceeded`] for parameters outside [`BackupParams`]' limits or a password
    /// over [`MAX_PASSWORD_LEN`], [`Error::WrongPassword`] for a wrong password **or** any
    /// tampering (indistinguishable by design).
    pub fn import_with_password(text: &str, password: &[u8]) -> Result<KeyPair> {
        check_password(password)?;
        let backup = decode_text(text)?;
        let header = Header::decode(&backup)?;
        let (header_bytes, sealed) = backup.split_at_checked(HEADER_LEN).ok_or(Error::Malformed("backup length"))?;
        let wrapping_key = argon2id(password, &header.salt, &header.params)?;
        let secret = aead::open(&wrapping_key, header_bytes, sealed).map_err(|_| Error::WrongPassword)?;
        let secret = Zeroizing::new(secret);
        let pair = SecretKey::from_bytes(&secret).and_then(KeyPair::from_secret).map_err(|_| Error::WrongPassword)?;
        if pair.public_key().key_id() != header.key_id {
            return Err(Error::WrongPassword);
        }
        Ok(pair)
    }
}

/// The deterministic core of [`KeyPair::export_with_password`]; salt and nonce must be fresh
/// random values except in known-answer tests.
pub(crate) fn export_with_salt_and_nonce(
    pair: &KeyPair,
    password: &[u8],
    params: &BackupParams,
    salt: &[u8; SALT_LEN],
    nonce: &[u8; aead::NONCE_LEN],
) -> Result<String> {
    let key_id = pair.public_key().key_id();
    seal_backup(pair.secret_key(), &key_id, password, params, salt, nonce)
}

/// Seals `secret` under a header naming `key_id`. Only tests pass a `key_id` that is not the
/// secret's own (to check that import refuses it).
pub(crate) fn seal_backup(
    secret: &SecretKey,
    key_id: &KeyId,
    password: &[u8],
    params: &BackupParams,
    salt: &[u8; SALT_LEN],
    nonce: &[u8; aead::NONCE_LEN],
) -> Result<String> {
    check_password(password)?;
    params.check()?;
    let header = Header { params: *params, salt: *salt, key_id: *key_id }.encode();
    let wrapping_key = argon2id(password, salt, params)?;
    let secret = secret.dangerous_export_bytes();
    let sealed = aead::seal_with_nonce(&wrapping_key, nonce, &header, secret.expose())?;
    let mut backup = Vec::with_capacity(BACKUP_LEN);
    for part in [&header[..], nonce, &sealed] {
        backup.extend_from_slice(part);
    }
    Ok(format!("{BACKUP_TEXT_PREFIX}{}", base64::encode(&backup)))
}

fn check_password(password: &[u8]) -> Result<()> {
    if password.is_empty() {
        return Err(Error::InvalidArgument("empty password"));
    }
    if password.len() > MAX_PASSWORD_LEN {
        return Err(Error::LimitExceeded("password length"));
    }
    Ok(())
}

/// Strips the prefix and decodes the fixed-length body.
fn decode_text(text: &str) -> Result<Vec<u8>> {
    let Some(body) = text.strip_prefix(BACKUP_TEXT_PREFIX) else {
        return Err(if text.starts_with("phiseal-key") {
            Error::UnsupportedVersion
        } else {
            Error::Malformed("not a phiseal key backup")
        });
    };
    if body.len() != base64_len(BACKUP_LEN) {
        return Err(Error::Malformed("backup length"));
    }
    let backup = base64::decode(body)?;
    if backup.len() != BACKUP_LEN {
        return Err(Error::Malformed("backup length"));
    }
    Ok(backup)
}

/// Length of the unpadded base64url text of `len` bytes.
const fn base64_len(len: usize) -> usize {
    (len * 4).div_ceil(3)
}

/// Argon2id(password, salt) with the given costs and a 32-byte output. The working memory is
/// reserved fallibly (an error, not an abort, when it cannot be had) and zeroized afterwards.
fn argon2id(password: &[u8], salt: &[u8; SALT_LEN], params: &BackupParams) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    params.check()?;
    let costs = argon2::Params::new(params.memory_kib(), params.iterations(), params.parallelism(), Some(KEY_LEN))
        .map_err(|_| Error::LimitExceeded("Argon2id parameters"))?;
    let blocks = costs.block_count();
    let mut memory: Zeroizing<Vec<Block>> = Zeroizing::new(Vec::new());
    memory.try_reserve_exact(blocks).map_err(|_| Error::LimitExceeded("memory for Argon2id"))?;
    memory.resize(blocks, Block::default());
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, costs)
        .hash_password_into_with_memory(password, salt, key.as_mut_slice(), memory.as_mut_slice())
        .map_err(|_| Error::LimitExceeded("Argon2id input"))?;
    Ok(key)
}

/// The authenticated header.
struct Header {
    params: BackupParams,
    salt: [u8; SALT_LEN],
    key_id: KeyId,
}

impl Header {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(&MAGIC);
        out.push(VERSION);
        for cost in [self.params.memory_kib(), self.params.iterations(), self.params.parallelism()] {
            out.extend_from_slice(&cost.to_be_bytes());
        }
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(self.key_id.as_bytes());
        out
    }

    /// Parses and checks the header at the start of `backup`: magic, version, then limits.
    fn decode(backup: &[u8]) -> Result<Self> {
        let mut reader = Reader(backup);
        if reader.take::<4>()? != MAGIC {
            return Err(Error::Malformed("not a phiseal key backup"));
        }
        if reader.take::<1>()? != [VERSION] {
            return Err(Error::UnsupportedVersion);
        }
        let mut cost = || reader.take::<4>().map(u32::from_be_bytes);
        let params = BackupParams::new(cost()?, cost()?, cost()?)?;
        let salt = reader.take::<SALT_LEN>()?;
        let key_id = KeyId::from_bytes(&reader.take::<KEY_ID_LEN>()?)?;
        Ok(Self { params, salt, key_id })
    }
}

/// Reads fixed-size fields front to back, failing instead of panicking at the end.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        let (field, rest) = self.0.split_at_checked(N).ok_or(Error::Malformed("backup length"))?;
        self.0 = rest;
        field.try_into().map_err(|_| Error::Malformed("backup length"))
    }
}
