//! Integration tests of `phiseal::keys`: JWK import/export, password-protected backups,
//! fingerprints, and the checked-in vectors in `tests/vectors/keys/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod keys {
    mod backup;
    mod fingerprint;
    mod jwk;
    mod robustness;
    mod vectors;
}
