//! Generator of the key vectors in `tests/vectors/keys/` (test-only).
//!
//! Each case states the outcome it is meant to have (written here, not read back from the
//! implementation); the generator checks the implementation agrees before writing. Regenerate
//! with `cargo test --lib keys::vectors -- --ignored`; `checked_in_vectors_are_up_to_date`
//! fails whenever the files and this generator disagree. The backups use fixed salts and
//! nonces through the crate-private [`seal_backup`], so they are reproducible byte for byte.

#![allow(clippy::indexing_slicing)]

use serde_json::{json, Value};

use crate::keys::backup::seal_backup;
use crate::keys::{BackupParams, KeyPair, PublicKey, SecretKey};
use crate::primitives::base64;

/// RFC 7748 section 6.1 key pairs.
const ALICE_SECRET: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const BOB_SECRET: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const PASSWORD: &str = "correct horse battery staple";

fn pair(secret_hex: &str) -> KeyPair {
    KeyPair::from_secret(SecretKey::from_bytes(&hex::decode(secret_hex).unwrap()).unwrap()).unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::encode(bytes)
}

fn expect_error(code: &str) -> Value {
    json!({ "result": "error", "error": code })
}

fn expect_key(pair_or_public: &PublicKey) -> Value {
    json!({
        "result": "ok",
        "public_key_hex": hex::encode(pair_or_public.as_bytes()),
        "key_id": pair_or_public.key_id().to_text(),
    })
}

// ---------------------------------------------------------------- JWK

fn jwk_case(name: &str, comment: &str, operation: &str, jwk: &str, expected: Value) -> Value {
    let actual = match operation {
        "import_public" => PublicKey::from_jwk(jwk).map(|public| expect_key(&public)),
        _ => KeyPair::from_private_jwk(jwk).map(|pair| expect_key(pair.public_key())),
    };
    let actual = actual.unwrap_or_else(|err| expect_error(err.code()));
    assert_eq!(actual, expected, "JWK case {name}");
    json!({ "name": name, "comment": comment, "operation": operation, "jwk": jwk, "expected": expected })
}

fn jwk_vectors() -> Value {
    let bob = pair(BOB_SECRET);
    let alice = pair(ALICE_SECRET);
    let x = b64(bob.public_key().as_bytes());
    let d = b64(bob.secret_key().dangerous_export_bytes().expose());
    let alice_d = b64(alice.secret_key().dangerous_export_bytes().expose());
    let ok = expect_key(bob.public_key());
    let base = |extra: &str| format!(r#"{{"kty":"OKP","crv":"X25519","x":"{x}"{extra}}}"#);
    let with_x = |x: &str| format!(r#"{{"kty":"OKP","crv":"X25519","x":"{x}"}}"#);
    let mut high_bit = *bob.public_key().as_bytes();
    high_bit[31] |= 0x80;
    let mut order8 = [0u8; 32];
    order8.copy_from_slice(
        &hex::decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800").unwrap(),
    );
    let cases = vec![
        jwk_case(
            "public_minimal",
            "RFC 7748 Bob's public key",
            "import_public",
            &with_x(&x),
            ok.clone(),
        ),
        jwk_case(
            "public_exported",
            "output of PublicKey::to_jwk, with kid",
            "import_public",
            &bob.public_key().to_jwk(),
            ok.clone(),
        ),
        jwk_case(
            "private_exported",
            "output of dangerous_export_private_jwk",
            "import_private",
            &bob.dangerous_export_private_jwk(),
            ok.clone(),
        ),
        jwk_case(
            "public_webcrypto",
            "WebCrypto export: ext, empty key_ops, other member order",
            "import_public",
            &format!(r#"{{"crv":"X25519","ext":true,"key_ops":[],"kty":"OKP","x":"{x}"}}"#),
            ok.clone(),
        ),
        jwk_case(
            "private_webcrypto",
            "WebCrypto export of a private key",
            "import_private",
            &format!(
                r#"{{"crv":"X25519","d":"{d}","ext":true,"key_ops":["deriveKey","deriveBits"],"kty":"OKP","x":"{x}"}}"#
            ),
            ok.clone(),
        ),
        jwk_case(
            "use_enc_alg_ecdh",
            "use enc and an ECDH-ES alg are key agreement",
            "import_public",
            &base(r#","use":"enc","alg":"ECDH-ES+A256KW""#),
            ok.clone(),
        ),
        jwk_case(
            "unknown_members_ignored",
            "unknown members of any type are ignored",
            "import_public",
            &base(r#","x5t":{"a":[1,2]},"n":123456789012345678901234567890,"note":null"#),
            ok,
        ),
        jwk_case(
            "padded_x",
            "base64url padding is not canonical",
            "import_public",
            &with_x(&format!("{x}=")),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "standard_alphabet_x",
            "standard base64 alphabet",
            "import_public",
            &with_x(&x.replace('-', "+")),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "wrong_crv",
            "Ed25519 is not X25519",
            "import_public",
            &format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}"}}"#),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "wrong_kty",
            "kty is case-sensitive",
            "import_public",
            &format!(r#"{{"kty":"okp","crv":"X25519","x":"{x}"}}"#),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "duplicate_member",
            "x appears twice",
            "import_public",
            &base(&format!(r#","x":"{x}""#)),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "duplicate_member_escaped",
            "\\u0078 is x after unescaping",
            "import_public",
            &base(&format!(r#","\u0078":"{x}""#)),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "duplicate_nested_member",
            "a repeated name inside an unknown member",
            "import_public",
            &base(r#","meta":{"a":1,"a":2}"#),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "kid_mismatch",
            "kid is not the RFC 7638 thumbprint of x",
            "import_public",
            &base(r#","kid":"bob-key-1""#),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "zero_x",
            "all-zero public key",
            "import_public",
            &with_x(&b64(&[0u8; 32])),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "low_order_x",
            "point of order 8",
            "import_public",
            &with_x(&b64(&order8)),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "non_canonical_x",
            "Bob's key with the top bit set (same point, other encoding)",
            "import_public",
            &with_x(&b64(&high_bit)),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "short_x",
            "31 bytes",
            "import_public",
            &with_x(&b64(&[9u8; 31])),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "d_x_mismatch",
            "Alice's d with Bob's x",
            "import_private",
            &base(&format!(r#","d":"{alice_d}""#)),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "private_to_public_import",
            "a private JWK is refused where a public key is expected",
            "import_public",
            &base(&format!(r#","d":"{d}""#)),
            expect_error("INVALID_ARGUMENT"),
        ),
        jwk_case(
            "private_import_without_d",
            "no d",
            "import_private",
            &with_x(&x),
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "use_sig",
            "a signing key",
            "import_public",
            &base(r#","use":"sig""#),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "key_ops_sign",
            "key_ops not for key agreement",
            "import_public",
            &base(r#","key_ops":["sign"]"#),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "alg_eddsa",
            "alg of a signature scheme",
            "import_public",
            &base(r#","alg":"EdDSA""#),
            expect_error("INVALID_KEY"),
        ),
        jwk_case(
            "x_not_string",
            "x is a number",
            "import_public",
            r#"{"kty":"OKP","crv":"X25519","x":12}"#,
            expect_error("MALFORMED"),
        ),
        jwk_case(
            "not_an_object",
            "a JSON array",
            "import_public",
            "[]",
            expect_error("MALFORMED"),
        ),
    ];
    json!({
        "description": "JWK (RFC 8037) import. `jwk` is the exact input text. `operation` is import_public (PublicKey::from_jwk) or import_private (KeyPair::from_private_jwk). `expected.result` is ok (with the key's public_key_hex and key_id text) or error (with the Error::code). Rules: docs/KEYS.md.",
        "cases": cases,
    })
}

// ---------------------------------------------------------------- backups

struct BackupInput<'a> {
    secret_hex: &'a str,
    password: &'a str,
    params: (u32, u32, u32),
    salt: [u8; 16],
    nonce: [u8; 12],
}

fn seal_input(input: &BackupInput<'_>, key_id_of: &KeyPair) -> String {
    let pair = pair(input.secret_hex);
    let params = BackupParams::new(input.params.0, input.params.1, input.params.2).unwrap();
    let key_id = key_id_of.public_key().key_id();
    seal_backup(
        pair.secret_key(),
        &key_id,
        input.password.as_bytes(),
        &params,
        &input.salt,
        &input.nonce,
    )
    .unwrap()
}

fn backup_case(name: &str, comment: &str, backup: &str, password: &str, expected: Value) -> Value {
    let actual = match KeyPair::import_with_password(backup, password.as_bytes()) {
        Ok(pair) => {
            let mut ok = expect_key(pair.public_key());
            ok["secret_key_hex"] = json!(hex::encode(
                pair.secret_key().dangerous_export_bytes().expose()
            ));
            ok
        }
        Err(err) => expect_error(err.code()),
    };
    assert_eq!(actual, expected, "backup case {name}");
    json!({ "name": name, "comment": comment, "backup": backup, "password_utf8": password, "expected": expected })
}

fn with_bytes(backup: &str, edit: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut bytes = base64::decode(backup.strip_prefix("phiseal-key1.").unwrap()).unwrap();
    edit(&mut bytes);
    format!("phiseal-key1.{}", b64(&bytes))
}

fn unlocked(secret_hex: &str) -> Value {
    let pair = pair(secret_hex);
    let mut ok = expect_key(pair.public_key());
    ok["secret_key_hex"] = json!(secret_hex);
    ok
}

fn backup_vectors() -> Value {
    let default = BackupInput {
        secret_hex: BOB_SECRET,
        password: PASSWORD,
        params: (19456, 2, 1),
        salt: core::array::from_fn(|i| i as u8),
        nonce: core::array::from_fn(|i| 0x10 + i as u8),
    };
    let minimum = BackupInput {
        secret_hex: ALICE_SECRET,
        password: "pässwörd 🔑",
        params: (8192, 4, 1),
        ..default
    };
    let lanes = BackupInput {
        params: (8192, 4, 4),
        salt: [0xa5; 16],
        nonce: [0x5a; 12],
        ..minimum
    };
    let bob_default = seal_input(&default, &pair(BOB_SECRET));
    let alice_minimum = seal_input(&minimum, &pair(ALICE_SECRET));
    let alice_lanes = seal_input(&lanes, &pair(ALICE_SECRET));
    let relabelled = seal_input(&minimum, &pair(BOB_SECRET));
    let set_u32 = |at: usize, value: u32| {
        move |b: &mut Vec<u8>| b[at..at + 4].copy_from_slice(&value.to_be_bytes())
    };
    let cases = vec![
        backup_case("default_params", "Bob's key, 19456 KiB, t=2, p=1", &bob_default, PASSWORD, unlocked(BOB_SECRET)),
        backup_case("minimum_params_unicode_password", "Alice's key, 8192 KiB, t=4, p=1; password is NFC UTF-8", &alice_minimum, minimum.password, unlocked(ALICE_SECRET)),
        backup_case("four_lanes", "Alice's key, 8192 KiB, t=4, p=4", &alice_lanes, minimum.password, unlocked(ALICE_SECRET)),
        backup_case("wrong_password", "one character missing", &bob_default, "correct horse battery stapl", expect_error("WRONG_PASSWORD")),
        backup_case("tampered_m_cost", "m_cost 19456 -> 19457, within limits: authenticated", &with_bytes(&bob_default, set_u32(5, 19457)), PASSWORD, expect_error("WRONG_PASSWORD")),
        backup_case("tampered_t_cost", "t_cost 2 -> 3", &with_bytes(&bob_default, set_u32(9, 3)), PASSWORD, expect_error("WRONG_PASSWORD")),
        backup_case("tampered_salt", "first salt byte flipped", &with_bytes(&bob_default, |b| b[17] ^= 1), PASSWORD, expect_error("WRONG_PASSWORD")),
        backup_case("tampered_key_id", "last key id byte flipped", &with_bytes(&bob_default, |b| b[64] ^= 1), PASSWORD, expect_error("WRONG_PASSWORD")),
        backup_case("tampered_tag", "last tag byte flipped", &with_bytes(&bob_default, |b| b[124] ^= 1), PASSWORD, expect_error("WRONG_PASSWORD")),
        backup_case("key_id_of_another_key", "sealed correctly under the password, but the header names Bob's key while the secret is Alice's", &relabelled, minimum.password, expect_error("WRONG_PASSWORD")),
        backup_case("downgraded_below_floor", "m_cost 19456 -> 4096: refused before Argon2id", &with_bytes(&bob_default, set_u32(5, 4096)), PASSWORD, expect_error("LIMIT_EXCEEDED")),
        backup_case("above_ceiling", "t_cost 2 -> 11: refused before Argon2id", &with_bytes(&bob_default, set_u32(9, 11)), PASSWORD, expect_error("LIMIT_EXCEEDED")),
        backup_case("version_2", "version byte 2", &with_bytes(&bob_default, |b| b[4] = 2), PASSWORD, expect_error("UNSUPPORTED_VERSION")),
        backup_case("bad_magic", "magic PSKC", &with_bytes(&bob_default, |b| b[3] = b'C'), PASSWORD, expect_error("MALFORMED")),
        backup_case("trailing_byte", "126 bytes", &with_bytes(&bob_default, |b| b.push(0)), PASSWORD, expect_error("MALFORMED")),
        backup_case("padded_text", "base64url padding", &format!("{bob_default}="), PASSWORD, expect_error("MALFORMED")),
        backup_case("empty_password", "the empty password is refused", &bob_default, "", expect_error("INVALID_ARGUMENT")),
    ];
    json!({
        "description": "Password-protected key backups (docs/KEYS.md). Import `backup` with the UTF-8 bytes of `password_utf8`. `expected.result` is ok (with public_key_hex, key_id text and secret_key_hex) or error (with the Error::code). The ok cases are reproducible: `inputs` gives the salt and nonce they were sealed with.",
        "inputs": [
            backup_input_json("default_params", &default),
            backup_input_json("minimum_params_unicode_password", &minimum),
            backup_input_json("four_lanes", &lanes),
        ],
        "cases": cases,
    })
}

fn backup_input_json(name: &str, input: &BackupInput<'_>) -> Value {
    json!({
        "name": name,
        "secret_key_hex": input.secret_hex,
        "password_utf8": input.password,
        "m_cost_kib": input.params.0,
        "t_cost": input.params.1,
        "p_cost": input.params.2,
        "salt_hex": hex::encode(input.salt),
        "nonce_hex": hex::encode(input.nonce),
    })
}

// ---------------------------------------------------------------- fingerprints

fn fingerprint_vectors() -> Value {
    let keys = [
        ("rfc7748_alice", pair(ALICE_SECRET).public_key().to_bytes()),
        ("rfc7748_bob", pair(BOB_SECRET).public_key().to_bytes()),
        ("base_point", {
            let mut nine = [0u8; 32];
            nine[0] = 9;
            nine
        }),
        ("bob_last_bit_flipped", {
            let mut key = pair(BOB_SECRET).public_key().to_bytes();
            key[30] ^= 1;
            key
        }),
    ];
    let cases: Vec<Value> = keys
        .iter()
        .map(|(name, key)| {
            let public = PublicKey::from_bytes(key).unwrap();
            json!({ "name": name, "public_key_hex": hex::encode(key), "fingerprint": public.fingerprint().to_string() })
        })
        .collect();
    json!({
        "description": "Fingerprints (docs/KEYS.md): SHA-512(\"phiseal fingerprint v1\" || public key); group i = big-endian uint40 of digest bytes 5i..5i+5 mod 100000, eight groups of five digits joined by single spaces.",
        "cases": cases,
    })
}

// ---------------------------------------------------------------- files

fn vector_files() -> Vec<(&'static str, Value)> {
    vec![
        ("jwk.json", jwk_vectors()),
        ("backup.json", backup_vectors()),
        ("fingerprint.json", fingerprint_vectors()),
    ]
}

fn path_of(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/keys")
        .join(file)
}

fn render(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
#[ignore = "writes tests/vectors/keys/; run by hand after a deliberate change"]
fn write_vectors() {
    std::fs::create_dir_all(path_of("")).unwrap();
    for (file, value) in vector_files() {
        std::fs::write(path_of(file), render(&value)).unwrap();
    }
}

#[test]
fn checked_in_vectors_are_up_to_date() {
    for (file, value) in vector_files() {
        let on_disk = std::fs::read_to_string(path_of(file)).unwrap();
        assert!(
            on_disk == render(&value),
            "{file} differs from the generator"
        );
    }
}

#[test]
fn fingerprints_of_different_keys_differ() {
    let fingerprints: Vec<String> = fingerprint_vectors()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["fingerprint"].as_str().unwrap().to_owned())
        .collect();
    for (i, a) in fingerprints.iter().enumerate() {
        assert!(fingerprints[i + 1..].iter().all(|b| a != b));
    }
}
