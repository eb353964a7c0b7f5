//! Password-protected key backups (Argon2id + AES-256-GCM).
//!
//! Argon2id runs use the cheapest parameters the floor allows (8 MiB x 4 passes) so the debug
//! suite stays quick; dependencies are built with opt-level 3 even in tests.

use std::time::{Duration, Instant};

use base64ct::{Base64UrlUnpadded, Encoding};
use phiseal::keys::{BackupInfo, BackupParams, KeyPair, BACKUP_TEXT_PREFIX, MAX_PASSWORD_LEN};
use phiseal::Error;

const PASSWORD: &[u8] = b"correct horse battery staple";

/// Byte offsets in the binary backup (docs/KEYS.md).
const M_COST: usize = 5;
const T_COST: usize = 9;
const P_COST: usize = 13;
const SALT: usize = 17;
const KEY_ID: usize = 33;
const NONCE: usize = 65;
const CIPHERTEXT: usize = 77;
const TAG: usize = 109;
const BACKUP_LEN: usize = 125;

fn cheap() -> BackupParams {
    BackupParams::new(8192, 4, 1).unwrap()
}

fn backup_bytes(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text.strip_prefix(BACKUP_TEXT_PREFIX).unwrap()).unwrap()
}

fn backup_text(bytes: &[u8]) -> String {
    format!("{BACKUP_TEXT_PREFIX}{}", Base64UrlUnpadded::encode_string(bytes))
}

/// The backup with its bytes changed by `edit`.
fn edited(text: &str, edit: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut bytes = backup_bytes(text);
    edit(&mut bytes);
    backup_text(&bytes)
}

fn set_u32(bytes: &mut [u8], at: usize, value: u32) {
    bytes[at..at + 4].copy_from_slice(&value.to_be_bytes());
}

fn same_pair(a: &KeyPair, b: &KeyPair) -> bool {
    a.public_key() == b.public_key()
        && a.secret_key().dangerous_export_bytes() == b.secret_key().dangerous_export_bytes()
}

#[test]
fn round_trip_and_layout() {
    let pair = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    assert_eq!(text.len(), BACKUP_TEXT_PREFIX.len() + 167);
    let bytes = backup_bytes(&text);
    assert_eq!(bytes.len(), BACKUP_LEN);
    assert_eq!(&bytes[..5], b"PSKB\x01");
    assert_eq!(&bytes[M_COST..SALT], &[0, 0, 0x20, 0, 0, 0, 0, 4, 0, 0, 0, 1]);
    assert_eq!(&bytes[KEY_ID..NONCE], pair.public_key().key_id().as_bytes());
    let secret = pair.secret_key().dangerous_export_bytes();
    assert!(!bytes.windows(32).any(|w| w == secret.expose()), "secret in clear");
    let back = KeyPair::import_with_password(&text, PASSWORD).unwrap();
    assert!(same_pair(&pair, &back));
}

#[test]
fn salt_and_nonce_are_fresh_each_time() {
    let pair = KeyPair::generate().unwrap();
    let a = backup_bytes(&pair.export_with_password(PASSWORD, &cheap()).unwrap());
    let b = backup_bytes(&pair.export_with_password(PASSWORD, &cheap()).unwrap());
    assert_ne!(a[SALT..KEY_ID], b[SALT..KEY_ID]);
    assert_ne!(a[NONCE..CIPHERTEXT], b[NONCE..CIPHERTEXT]);
    assert_ne!(a[CIPHERTEXT..], b[CIPHERTEXT..]);
}

#[test]
fn wrong_password_and_any_authenticated_change_give_wrong_password() {
    let pair = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    assert_eq!(KeyPair::import_with_password(&text, b"correct horse battery stapl").unwrap_err(), Error::WrongPassword);
    let tampered = [
        edited(&text, |b| set_u32(b, M_COST, 8193)),
        edited(&text, |b| set_u32(b, T_COST, 5)),
        edited(&text, |b| set_u32(b, P_COST, 2)),
        edited(&text, |b| b[SALT] ^= 1),
        edited(&text, |b| b[KEY_ID + 31] ^= 0x80),
        edited(&text, |b| b[NONCE] ^= 1),
        edited(&text, |b| b[CIPHERTEXT + 7] ^= 1),
        edited(&text, |b| b[TAG + 15] ^= 1),
    ];
    for (i, bad) in tampered.iter().enumerate() {
        assert_eq!(KeyPair::import_with_password(bad, PASSWORD).unwrap_err(), Error::WrongPassword, "case {i}");
    }
}

/// The key id check after decryption: a header naming another key (re-sealed by someone who
/// knows the password) must not open as that key.
#[test]
fn key_id_must_match_the_recovered_key() {
    let pair = KeyPair::generate().unwrap();
    let other = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    let relabelled = edited(&text, |b| b[KEY_ID..NONCE].copy_from_slice(other.public_key().key_id().as_bytes()));
    assert_eq!(KeyPair::import_with_password(&relabelled, PASSWORD).unwrap_err(), Error::WrongPassword);
}

#[test]
fn parameters_outside_limits_are_refused_before_argon2_runs() {
    let pair = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    let downgrades = [
        edited(&text, |b| set_u32(b, M_COST, 8191)),
        edited(&text, |b| set_u32(b, T_COST, 3)),
        edited(&text, |b| set_u32(b, T_COST, 0)),
        edited(&text, |b| set_u32(b, P_COST, 0)),
    ];
    for bad in &downgrades {
        let err = KeyPair::import_with_password(bad, PASSWORD).unwrap_err();
        assert_eq!(err, Error::LimitExceeded("Argon2id parameters below the minimum"));
    }
    // 1 GiB x 11 passes would take far longer than a second if it ran at all.
    let expensive = [
        edited(&text, |b| {
            set_u32(b, M_COST, 1024 * 1024);
            set_u32(b, T_COST, 11);
        }),
        edited(&text, |b| set_u32(b, M_COST, u32::MAX)),
        edited(&text, |b| set_u32(b, P_COST, 5)),
    ];
    for bad in &expensive {
        let started = Instant::now();
        let err = KeyPair::import_with_password(bad, PASSWORD).unwrap_err();
        assert_eq!(err, Error::LimitExceeded("Argon2id parameters above the maximum"));
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}

#[test]
fn malformed_texts() {
    let pair = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    let body = text.strip_prefix(BACKUP_TEXT_PREFIX).unwrap();
    let cases = [
        String::new(),
        body.to_owned(),
        format!("{text}="),
        format!("{text}A"),
        text[..text.len() - 1].to_owned(),
        format!(" {text}"),
        text.replace('-', "+").replace('_', "/"),
        edited(&text, |b| b[0] = b'X'),
        edited(&text, |b| b.push(0)),
        edited(&text, |b| b.truncate(124)),
    ];
    // (The alphabet swap changes nothing in the rare text without '-' or '_'.)
    for (i, bad) in cases.iter().enumerate().filter(|(_, bad)| **bad != text) {
        assert_eq!(KeyPair::import_with_password(bad, PASSWORD).unwrap_err().code(), "MALFORMED", "case {i}");
    }
}

#[test]
fn other_versions_are_unsupported() {
    let pair = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    let version_two = edited(&text, |b| b[4] = 2);
    assert_eq!(KeyPair::import_with_password(&version_two, PASSWORD).unwrap_err(), Error::UnsupportedVersion);
    let text_two = text.replacen("phiseal-key1.", "phiseal-key2.", 1);
    assert_eq!(KeyPair::import_with_password(&text_two, PASSWORD).unwrap_err(), Error::UnsupportedVersion);
}

#[test]
fn password_rules() {
    let pair = KeyPair::generate().unwrap();
    assert_eq!(pair.export_with_password(b"", &cheap()).unwrap_err().code(), "INVALID_ARGUMENT");
    let long = vec![b'a'; MAX_PASSWORD_LEN + 1];
    assert_eq!(pair.export_with_password(&long, &cheap()).unwrap_err().code(), "LIMIT_EXCEEDED");
    let text = pair.export_with_password(&long[..MAX_PASSWORD_LEN], &cheap()).unwrap();
    assert_eq!(KeyPair::import_with_password(&text, b"").unwrap_err().code(), "INVALID_ARGUMENT");
    assert_eq!(KeyPair::import_with_password(&text, &long).unwrap_err().code(), "LIMIT_EXCEEDED");
    assert!(same_pair(&pair, &KeyPair::import_with_password(&text, &long[..MAX_PASSWORD_LEN]).unwrap()));
}

#[test]
fn info_is_readable_without_the_password() {
    let pair = KeyPair::generate().unwrap();
    let text = pair.export_with_password(PASSWORD, &cheap()).unwrap();
    let info = BackupInfo::read(&text).unwrap();
    assert_eq!(info.key_id(), pair.public_key().key_id());
    assert_eq!(info.params(), cheap());
    let printed = format!("{info:?}");
    assert_eq!(
        printed,
        format!(
            "BackupInfo {{ key_id: KeyId({}), params: BackupParams {{ memory_kib: 8192, iterations: 4, parallelism: 1 }} }}",
            pair.public_key().key_id()
        )
    );
    assert_eq!(BackupInfo::read("phiseal-key1.AAAA").unwrap_err().code(), "MALFORMED");
}

/// Native unlock time with the default parameters; run with
/// `cargo test --release --test keys -- --ignored --nocapture unlock_time`.
#[test]
#[ignore = "timing measurement, run by hand in release mode"]
fn unlock_time_with_default_params() {
    let pair = KeyPair::generate().unwrap();
    for params in [BackupParams::default(), BackupParams::STRONG] {
        let text = pair.export_with_password(PASSWORD, &params).unwrap();
        let mut times = Vec::new();
        for _ in 0..5 {
            let started = Instant::now();
            KeyPair::import_with_password(&text, PASSWORD).unwrap();
            times.push(started.elapsed());
        }
        times.sort();
        println!("{params:?}: median unlock {:?} (min {:?}, max {:?})", times[2], times[0], times[4]);
    }
}
