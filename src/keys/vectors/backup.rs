//! Password-protected backup cases (`backup.json`), sealed with fixed salts and nonces.

use serde_json::{json, Value};

use super::{b64, expect_error, expect_key, pair, ALICE_SECRET, BOB_SECRET, PASSWORD};
use crate::keys::backup::seal_backup;
use crate::keys::{BackupParams, KeyPair};
use crate::primitives::base64;

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
    seal_backup(pair.secret_key(), &key_id, input.password.as_bytes(), &params, &input.salt, &input.nonce).unwrap()
}

fn backup_case(name: &str, comment: &str, backup: &str, password: &str, expected: Value) -> Value {
    let actual = match KeyPair::import_with_password(backup, password.as_bytes()) {
        Ok(pair) => {
            let mut ok = expect_key(pair.public_key());
            ok["secret_key_hex"] = json!(hex::encode(pair.secret_key().dangerous_export_bytes().expose()));
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

pub(super) fn backup_vectors() -> Value {
    let default = BackupInput {
        secret_hex: BOB_SECRET,
        password: PASSWORD,
        params: (19456, 2, 1),
        salt: core::array::from_fn(|i| i as u8),
        nonce: core::array::from_fn(|i| 0x10 + i as u8),
    };
    let minimum =
        BackupInput { secret_hex: ALICE_SECRET, password: "pässwörd 🔑", params: (8192, 4, 1), ..default };
    let lanes = BackupInput { params: (8192, 4, 4), salt: [0xa5; 16], nonce: [0x5a; 12], ..minimum };
    let bob_default = seal_input(&default, &pair(BOB_SECRET));
    let alice_minimum = seal_input(&minimum, &pair(ALICE_SECRET));
    let alice_lanes = seal_input(&lanes, &pair(ALICE_SECRET));
    let relabelled = seal_input(&minimum, &pair(BOB_SECRET));
    let set_u32 = |at: usize, value: u32| move |b: &mut Vec<u8>| b[at..at + 4].copy_from_slice(&value.to_be_bytes());
    let cases = vec![
        backup_case("default_params", "Bob's key, 19456 KiB, t=2, p=1", &bob_default, PASSWORD, unlocked(BOB_SECRET)),
        backup_case(
            "minimum_params_unicode_password",
            "Alice's key, 8192 KiB, t=4, p=1; password is NFC UTF-8",
            &alice_minimum,
            minimum.password,
            unlocked(ALICE_SECRET),
        ),
        backup_case(
            "four_lanes",
            "Alice's key, 8192 KiB, t=4, p=4",
            &alice_lanes,
            minimum.password,
            unlocked(ALICE_SECRET),
        ),
        backup_case(
            "wrong_password",
            "one character missing",
            &bob_default,
            "correct horse battery stapl",
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "tampered_m_cost",
            "m_cost 19456 -> 19457, within limits: authenticated",
            &with_bytes(&bob_default, set_u32(5, 19457)),
            PASSWORD,
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "tampered_t_cost",
            "t_cost 2 -> 3",
            &with_bytes(&bob_default, set_u32(9, 3)),
            PASSWORD,
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "tampered_salt",
            "first salt byte flipped",
            &with_bytes(&bob_default, |b| b[17] ^= 1),
            PASSWORD,
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "tampered_key_id",
            "last key id byte flipped",
            &with_bytes(&bob_default, |b| b[64] ^= 1),
            PASSWORD,
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "tampered_tag",
            "last tag byte flipped",
            &with_bytes(&bob_default, |b| b[124] ^= 1),
            PASSWORD,
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "key_id_of_another_key",
            "sealed correctly under the password, but the header names Bob's key while the secret is Alice's",
            &relabelled,
            minimum.password,
            expect_error("WRONG_PASSWORD"),
        ),
        backup_case(
            "downgraded_below_floor",
            "m_cost 19456 -> 4096: refused before Argon2id",
            &with_bytes(&bob_default, set_u32(5, 4096)),
            PASSWORD,
            expect_error("LIMIT_EXCEEDED"),
        ),
        backup_case(
            "above_ceiling",
            "t_cost 2 -> 11: refused before Argon2id",
            &with_bytes(&bob_default, set_u32(9, 11)),
            PASSWORD,
            expect_error("LIMIT_EXCEEDED"),
        ),
        backup_case(
            "version_2",
            "version byte 2",
            &with_bytes(&bob_default, |b| b[4] = 2),
            PASSWORD,
            expect_error("UNSUPPORTED_VERSION"),
        ),
        backup_case(
            "bad_magic",
            "magic PSKC",
            &with_bytes(&bob_default, |b| b[3] = b'C'),
            PASSWORD,
            expect_error("MALFORMED"),
        ),
        backup_case(
            "trailing_byte",
            "126 bytes",
            &with_bytes(&bob_default, |b| b.push(0)),
            PASSWORD,
            expect_error("MALFORMED"),
        ),
        backup_case(
            "padded_text",
            "base64url padding",
            &format!("{bob_default}="),
            PASSWORD,
            expect_error("MALFORMED"),
        ),
        backup_case(
            "empty_password",
            "the empty password is refused",
            &bob_default,
            "",
            expect_error("INVALID_ARGUMENT"),
        ),
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
