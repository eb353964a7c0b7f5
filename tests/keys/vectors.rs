//! Runs the checked-in vectors of `tests/vectors/keys/` through the public API. (The files
//! are written by `src/keys/vectors/`; the JS suite runs the same files.)

use phiseal::keys::{Fingerprint, KeyPair, PublicKey};
use serde_json::Value;

fn load(file: &str) -> Value {
    let path = format!("{}/tests/vectors/keys/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn cases(file: &str) -> Vec<Value> {
    load(file)["cases"].as_array().unwrap().clone()
}

fn text<'a>(value: &'a Value, field: &str) -> &'a str {
    value[field].as_str().unwrap_or_else(|| panic!("missing {field}"))
}

/// Compares an outcome with `expected`, field by field.
fn check(name: &str, expected: &Value, outcome: Result<(PublicKey, Option<String>), phiseal::Error>) {
    match (text(expected, "result"), outcome) {
        ("ok", Ok((public, secret_hex))) => {
            assert_eq!(hex::encode(public.as_bytes()), text(expected, "public_key_hex"), "{name}");
            assert_eq!(public.key_id().to_text(), text(expected, "key_id"), "{name}");
            if let Some(secret_hex) = secret_hex {
                assert_eq!(secret_hex, text(expected, "secret_key_hex"), "{name}");
            }
        }
        ("error", Err(err)) => assert_eq!(err.code(), text(expected, "error"), "{name}"),
        (wanted, got) => panic!("{name}: expected {wanted}, got {got:?}"),
    }
}

#[test]
fn jwk_vectors() {
    let all = cases("jwk.json");
    assert!(all.len() >= 20);
    for case in &all {
        let (name, jwk) = (text(case, "name"), text(case, "jwk"));
        let outcome = match text(case, "operation") {
            "import_public" => PublicKey::from_jwk(jwk).map(|public| (public, None)),
            "import_private" => KeyPair::from_private_jwk(jwk).map(|pair| (*pair.public_key(), None)),
            other => panic!("{name}: unknown operation {other}"),
        };
        check(name, &case["expected"], outcome);
    }
}

#[test]
fn backup_vectors() {
    let all = cases("backup.json");
    assert!(all.iter().any(|case| case["expected"]["result"] == "ok"));
    assert!(all.iter().any(|case| case["expected"]["error"] == "WRONG_PASSWORD"));
    for case in &all {
        let password = text(case, "password_utf8").as_bytes();
        let outcome = KeyPair::import_with_password(text(case, "backup"), password).map(|pair| {
            let secret = hex::encode(pair.secret_key().dangerous_export_bytes().expose());
            (*pair.public_key(), Some(secret))
        });
        check(text(case, "name"), &case["expected"], outcome);
    }
}

#[test]
fn fingerprint_vectors() {
    let all = cases("fingerprint.json");
    for case in &all {
        let public = PublicKey::from_bytes(&hex::decode(text(case, "public_key_hex")).unwrap()).unwrap();
        let expected = text(case, "fingerprint");
        assert_eq!(public.fingerprint().to_string(), expected, "{}", text(case, "name"));
        assert_eq!(Fingerprint::from_text(expected).unwrap(), public.fingerprint());
    }
}
