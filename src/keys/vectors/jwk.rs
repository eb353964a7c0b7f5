//! JWK import cases (`jwk.json`).

use serde_json::{json, Value};

use super::{b64, expect_error, expect_key, pair, ALICE_SECRET, BOB_SECRET};
use crate::keys::{KeyPair, PublicKey};

fn jwk_case(name: &str, comment: &str, operation: &str, jwk: &str, expected: Value) -> Value {
    let actual = match operation {
        "import_public" => PublicKey::from_jwk(jwk).map(|public| expect_key(&public)),
        _ => KeyPair::from_private_jwk(jwk).map(|pair| expect_key(pair.public_key())),
    };
    let actual = actual.unwrap_or_else(|err| expect_error(err.code()));
    assert_eq!(actual, expected, "JWK case {name}");
    json!({ "name": name, "comment": comment, "operation": operation, "jwk": jwk, "expected": expected })
}

pub(super) fn jwk_vectors() -> Value {
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
    order8.copy_from_slice(&hex::decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800").unwrap());
    let cases = vec![
        jwk_case("public_minimal", "RFC 7748 Bob's public key", "import_public", &with_x(&x), ok.clone()),
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
        jwk_case("short_x", "31 bytes", "import_public", &with_x(&b64(&[9u8; 31])), expect_error("INVALID_KEY")),
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
        jwk_case("private_import_without_d", "no d", "import_private", &with_x(&x), expect_error("MALFORMED")),
        jwk_case("use_sig", "a signing key", "import_public", &base(r#","use":"sig""#), expect_error("INVALID_KEY")),
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
        jwk_case("not_an_object", "a JSON array", "import_public", "[]", expect_error("MALFORMED")),
    ];
    json!({
        "description": "JWK (RFC 8037) import. `jwk` is the exact input text. `operation` is import_public (PublicKey::from_jwk) or import_private (KeyPair::from_private_jwk). `expected.result` is ok (with the key's public_key_hex and key_id text) or error (with the Error::code). Rules: docs/KEYS.md.",
        "cases": cases,
    })
}
