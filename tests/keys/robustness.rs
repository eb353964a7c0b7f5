//! Hostile and random inputs: typed errors, never a panic, nothing accepted by accident.

use base64ct::{Base64UrlUnpadded, Encoding};
use phiseal::keys::{BackupInfo, BackupParams, Fingerprint, KeyPair, PublicKey, BACKUP_TEXT_PREFIX};
use proptest::prelude::*;

const PASSWORD: &[u8] = b"hunter2 hunter2";

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = PublicKey::from_jwk(&text);
        let _ = KeyPair::from_private_jwk(&text);
        let _ = BackupInfo::read(&text);
        let _ = Fingerprint::from_text(&text);
    }

    #[test]
    fn json_shaped_noise_never_panics(members in proptest::collection::vec(("[a-z]{1,4}", "[\"\\[\\]{}a-zA-Z0-9_:,-]{0,60}"), 0..6)) {
        let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        let text = format!("{{{}}}", body.join(","));
        let _ = PublicKey::from_jwk(&text);
        let _ = KeyPair::from_private_jwk(&text);
    }

    /// Any 32 bytes as x: either a key that round-trips exactly, or INVALID_KEY.
    #[test]
    fn any_x_is_accepted_exactly_or_invalid_key(x in proptest::array::uniform32(any::<u8>())) {
        let jwk = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{}"}}"#, Base64UrlUnpadded::encode_string(&x));
        match PublicKey::from_jwk(&jwk) {
            Ok(public) => {
                prop_assert_eq!(public.as_bytes(), &x);
                prop_assert!(x[31] & 0x80 == 0);
                prop_assert_eq!(PublicKey::from_jwk(&public.to_jwk()).unwrap(), public);
            }
            Err(err) => prop_assert_eq!(err.code(), "INVALID_KEY"),
        }
    }
}

fn backup_bytes(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text.strip_prefix(BACKUP_TEXT_PREFIX).unwrap()).unwrap()
}

fn backup_text(bytes: &[u8]) -> String {
    format!("{BACKUP_TEXT_PREFIX}{}", Base64UrlUnpadded::encode_string(bytes))
}

#[test]
fn backup_cut_at_every_offset_is_malformed() {
    let text =
        KeyPair::generate().unwrap().export_with_password(PASSWORD, &BackupParams::new(8192, 4, 1).unwrap()).unwrap();
    let bytes = backup_bytes(&text);
    for len in 0..bytes.len() {
        let err = KeyPair::import_with_password(&backup_text(&bytes[..len]), PASSWORD).unwrap_err();
        assert_eq!(err.code(), "MALFORMED", "cut at {len}");
    }
    for len in 0..text.len() {
        assert!(KeyPair::import_with_password(&text[..len], PASSWORD).is_err(), "text cut at {len}");
    }
}

/// A bit flipped in any byte outside the cost fields (where a flip may instead hit a limit)
/// fails; sampled every fifth byte to keep Argon2id runs few.
#[test]
fn backup_bit_flips_fail() {
    let text =
        KeyPair::generate().unwrap().export_with_password(PASSWORD, &BackupParams::new(8192, 4, 1).unwrap()).unwrap();
    let bytes = backup_bytes(&text);
    for at in (0..bytes.len()).step_by(5).filter(|at| !(5..17).contains(at)) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x10;
        let err = KeyPair::import_with_password(&backup_text(&flipped), PASSWORD).unwrap_err();
        let expected = match at {
            0..=3 => "MALFORMED",
            4 => "UNSUPPORTED_VERSION",
            _ => "WRONG_PASSWORD",
        };
        assert_eq!(err.code(), expected, "byte {at}");
    }
}
