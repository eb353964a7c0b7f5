//! Recipient keys: X25519 key pairs (RFC 7748), stable key ids (RFC 7638 thumbprints),
//! JWK import/export (RFC 8037), password-protected backups (Argon2id, RFC 9106) and
//! human-comparable fingerprints.

mod backup;
mod backup_params;
mod fingerprint;
mod jwk;
mod jwk_members;
mod key_id;
#[cfg(test)]
mod vectors;
mod x25519;

pub use backup::{BackupInfo, BACKUP_TEXT_PREFIX, MAX_PASSWORD_LEN};
pub use backup_params::BackupParams;
pub use fingerprint::Fingerprint;
pub use jwk::MAX_JWK_LEN;
pub use key_id::{KeyId, KEY_ID_LEN};
pub use x25519::{KeyPair, PublicKey, SecretKey, SharedSecret, KEY_LEN};
