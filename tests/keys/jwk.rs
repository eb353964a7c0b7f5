//! JWK (RFC 8037) import and export.

use phiseal::keys::{KeyPair, PublicKey, MAX_JWK_LEN};
use phiseal::Error;

/// RFC 7748 section 6.1: Bob's private and public key.
const BOB_SECRET_HEX: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const BOB_PUBLIC_HEX: &str = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
/// The same two keys as unpadded base64url (RFC 8037 appendix A.6 uses Bob's public key).
const BOB_D: &str = "XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os";
const BOB_X: &str = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";

fn public_jwk(x: &str) -> String {
    format!(r#"{{"kty":"OKP","crv":"X25519","x":"{x}"}}"#)
}

fn private_jwk(x: &str, d: &str) -> String {
    format!(r#"{{"kty":"OKP","crv":"X25519","x":"{x}","d":"{d}"}}"#)
}

fn code(result: Result<impl Sized, Error>) -> &'static str {
    result.err().expect("expected an error").code()
}

#[test]
fn rfc7748_bob_private_jwk_gives_bob_public_key() {
    let pair = KeyPair::from_private_jwk(&private_jwk(BOB_X, BOB_D)).unwrap();
    assert_eq!(hex::encode(pair.public_key().as_bytes()), BOB_PUBLIC_HEX);
    assert_eq!(hex::encode(pair.secret_key().dangerous_export_bytes().expose()), BOB_SECRET_HEX);
    let public = PublicKey::from_jwk(&public_jwk(BOB_X)).unwrap();
    assert_eq!(&public, pair.public_key());
}

#[test]
fn export_has_fixed_members_and_the_thumbprint_as_kid() {
    let pair = KeyPair::from_private_jwk(&private_jwk(BOB_X, BOB_D)).unwrap();
    let kid = pair.public_key().key_id().to_text();
    assert_eq!(pair.public_key().to_jwk(), format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","kid":"{kid}"}}"#));
    assert_eq!(
        pair.dangerous_export_private_jwk().as_str(),
        format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","d":"{BOB_D}","kid":"{kid}"}}"#)
    );
}

#[test]
fn generated_keys_round_trip() {
    for _ in 0..8 {
        let pair = KeyPair::generate().unwrap();
        let public = PublicKey::from_jwk(&pair.public_key().to_jwk()).unwrap();
        assert_eq!(&public, pair.public_key());
        let back = KeyPair::from_private_jwk(&pair.dangerous_export_private_jwk()).unwrap();
        assert_eq!(back.public_key(), pair.public_key());
        assert_eq!(back.secret_key().dangerous_export_bytes(), pair.secret_key().dangerous_export_bytes());
    }
}

#[test]
fn webcrypto_style_jwks_are_accepted() {
    let public = format!(r#"{{"crv":"X25519","ext":true,"key_ops":[],"kty":"OKP","x":"{BOB_X}"}}"#);
    assert!(PublicKey::from_jwk(&public).is_ok());
    let private = format!(
        r#"{{"crv":"X25519","d":"{BOB_D}","ext":true,"key_ops":["deriveKey","deriveBits"],"kty":"OKP","x":"{BOB_X}"}}"#
    );
    assert!(KeyPair::from_private_jwk(&private).is_ok());
    let with_use_and_alg =
        format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","use":"enc","alg":"ECDH-ES+A256KW"}}"#);
    assert!(PublicKey::from_jwk(&with_use_and_alg).is_ok());
}

#[test]
fn wrong_type_or_curve_is_invalid_key() {
    for (kty, crv) in [("EC", "X25519"), ("OKP", "Ed25519"), ("OKP", "X448"), ("okp", "X25519"), ("OKP", "x25519")] {
        let text = format!(r#"{{"kty":"{kty}","crv":"{crv}","x":"{BOB_X}"}}"#);
        assert_eq!(code(PublicKey::from_jwk(&text)), "INVALID_KEY", "{kty} {crv}");
    }
}

#[test]
fn non_canonical_base64_is_malformed() {
    for x in [format!("{BOB_X}="), BOB_X.replace('-', "+"), format!(" {BOB_X}")] {
        assert_eq!(code(PublicKey::from_jwk(&public_jwk(&x))), "MALFORMED", "{x}");
    }
}

#[test]
fn bad_x_values_are_invalid_key() {
    let zero = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    // u = 1 and the order-8 point 0xe0eb7a7c... from the Wycheproof low-order list.
    let one = "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let order8 = "4Ot6fDtBuK4WVuP68Z_EatoJjeucMrH9hmIFFl9JuAA";
    let short = &BOB_X[..40];
    let high_bit = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK88"; // Bob's key with the top bit set
    for x in [zero, one, order8, short, high_bit] {
        assert_eq!(code(PublicKey::from_jwk(&public_jwk(x))), "INVALID_KEY", "{x}");
    }
}

#[test]
fn duplicate_members_are_malformed() {
    let text = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","x":"{BOB_X}"}}"#);
    assert_eq!(code(PublicKey::from_jwk(&text)), "MALFORMED");
    let escaped = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","\u0078":"{BOB_X}"}}"#);
    assert_eq!(code(PublicKey::from_jwk(&escaped)), "MALFORMED");
}

#[test]
fn kid_must_be_the_thumbprint() {
    let good = PublicKey::from_jwk(&public_jwk(BOB_X)).unwrap().key_id().to_text();
    let with_kid = |kid: &str| format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","kid":"{kid}"}}"#);
    assert!(PublicKey::from_jwk(&with_kid(&good)).is_ok());
    let err = PublicKey::from_jwk(&with_kid("bob-key-1")).unwrap_err();
    assert_eq!(err, Error::Malformed("kid does not match key"));
}

#[test]
fn private_key_checks() {
    let other_d = "d1tUxeRjPKEGQ8iVMN8xD-qqr0LR-mmAbgQX2J2CfPc";
    assert_eq!(code(KeyPair::from_private_jwk(&private_jwk(BOB_X, other_d))), "INVALID_KEY");
    assert_eq!(code(KeyPair::from_private_jwk(&private_jwk(BOB_X, &BOB_D[..40]))), "INVALID_KEY");
    assert_eq!(code(KeyPair::from_private_jwk(&public_jwk(BOB_X))), "MALFORMED");
    assert_eq!(code(PublicKey::from_jwk(&private_jwk(BOB_X, BOB_D))), "INVALID_ARGUMENT");
}

#[test]
fn intended_use_must_be_key_agreement() {
    for extra in [
        r#""use":"sig""#,
        r#""key_ops":["sign"]"#,
        r#""key_ops":["deriveBits","encrypt"]"#,
        r#""alg":"EdDSA""#,
        r#""alg":"dir""#,
    ] {
        let text = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}",{extra}}}"#);
        assert_eq!(code(PublicKey::from_jwk(&text)), "INVALID_KEY", "{extra}");
    }
    for extra in [r#""key_ops":"deriveBits""#, r#""use":1"#, r#""key_ops":["deriveBits","deriveBits"]"#] {
        let text = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}",{extra}}}"#);
        assert_eq!(code(PublicKey::from_jwk(&text)), "MALFORMED", "{extra}");
    }
}

#[test]
fn missing_members_wrong_shapes_and_size_limit() {
    for text in ["", "[]", "null", r#"{"kty":"OKP","crv":"X25519"}"#, r#"{"crv":"X25519","x":"AA"}"#] {
        assert_eq!(code(PublicKey::from_jwk(text)), "MALFORMED", "{text}");
    }
    let x_number = r#"{"kty":"OKP","crv":"X25519","x":12}"#;
    assert_eq!(code(PublicKey::from_jwk(x_number)), "MALFORMED");
    let padded = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","pad":"{}"}}"#, "a".repeat(MAX_JWK_LEN));
    assert_eq!(code(PublicKey::from_jwk(&padded)), "LIMIT_EXCEEDED");
}

#[test]
fn unknown_members_are_ignored_but_still_checked_for_duplicates() {
    let text =
        format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","x5t":{{"a":1}},"n":123456789012345678901234567890}}"#);
    assert!(PublicKey::from_jwk(&text).is_ok());
    let nested = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{BOB_X}","meta":{{"a":1,"a":2}}}}"#);
    assert_eq!(code(PublicKey::from_jwk(&nested)), "MALFORMED");
}
