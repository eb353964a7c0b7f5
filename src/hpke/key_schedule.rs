//! The HPKE key schedule, RFC 9180 section 5.1, for modes `mode_base` and `mode_auth`.
//!
//! Neither mode uses a pre-shared key, so `psk` and `psk_id` are the empty `default_psk` and
//! `default_psk_id` of section 5.1 and `VerifyPSKInputs` holds by construction.

use crate::error::Result;
use crate::hpke::kem::KemSharedSecret;
use crate::hpke::labeled::{labeled_expand, labeled_extract, HPKE_SUITE_ID, N_H, N_K, N_N};
use crate::primitives::hkdf::Prk;
use crate::primitives::secret::SecretBytes;

/// HPKE modes (RFC 9180 section 5, Table 1). The PSK modes are not offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `mode_base = 0x00`.
    Base = 0x00,
    /// `mode_auth = 0x02`.
    Auth = 0x02,
}

/// `default_psk = ""` (section 5.1).
const DEFAULT_PSK: &[u8] = b"";
/// `default_psk_id = ""` (section 5.1).
const DEFAULT_PSK_ID: &[u8] = b"";

/// What a context is built from: `key`, `base_nonce` and `exporter_secret`, all zeroized on
/// drop.
pub(crate) struct ContextSecrets {
    pub(crate) key: SecretBytes<N_K>,
    pub(crate) base_nonce: SecretBytes<N_N>,
    pub(crate) exporter_secret: Prk,
}

/// The suite-independent first half of KeySchedule:
///
/// ```text
///   psk_id_hash = LabeledExtract("", "psk_id_hash", psk_id)
///   info_hash = LabeledExtract("", "info_hash", info)
///   key_schedule_context = concat(mode, psk_id_hash, info_hash)
///
///   secret = LabeledExtract(shared_secret, "secret", psk)
/// ```
///
/// Returns `(key_schedule_context, secret)`. The suite id is a parameter only so that the
/// known-answer tests can check it against RFC 9180 Appendix A suites with other AEADs.
pub(crate) fn context_and_secret(
    suite_id: &[u8],
    mode: Mode,
    shared_secret: &KemSharedSecret,
    info: &[u8],
) -> (Vec<u8>, Prk) {
    let psk_id_hash = labeled_extract(suite_id, b"", b"psk_id_hash", &[DEFAULT_PSK_ID]);
    let info_hash = labeled_extract(suite_id, b"", b"info_hash", &[info]);
    let mut key_schedule_context = Vec::with_capacity(1 + 2 * N_H);
    key_schedule_context.push(mode as u8);
    key_schedule_context.extend_from_slice(psk_id_hash.expose());
    key_schedule_context.extend_from_slice(info_hash.expose());
    let secret = labeled_extract(suite_id, shared_secret.expose(), b"secret", &[DEFAULT_PSK]);
    (key_schedule_context, secret)
}

/// ```text
/// def KeySchedule<ROLE>(mode, shared_secret, info, psk, psk_id):
///   VerifyPSKInputs(mode, psk, psk_id)
///
///   psk_id_hash = LabeledExtract("", "psk_id_hash", psk_id)
///   info_hash = LabeledExtract("", "info_hash", info)
///   key_schedule_context = concat(mode, psk_id_hash, info_hash)
///
///   secret = LabeledExtract(shared_secret, "secret", psk)
///
///   key = LabeledExpand(secret, "key", key_schedule_context, Nk)
///   base_nonce = LabeledExpand(secret, "base_nonce",
///                              key_schedule_context, Nn)
///   exporter_secret = LabeledExpand(secret, "exp",
///                                   key_schedule_context, Nh)
///
///   return Context<ROLE>(key, base_nonce, 0, exporter_secret)
/// ```
///
/// # Errors
/// None in practice (all lengths are fixed and valid); a KDF failure is still propagated.
pub(crate) fn key_schedule(mode: Mode, shared_secret: &KemSharedSecret, info: &[u8]) -> Result<ContextSecrets> {
    let (context, secret) = context_and_secret(&HPKE_SUITE_ID, mode, shared_secret, info);
    Ok(ContextSecrets {
        key: expand_secret(&secret, b"key", &context)?,
        base_nonce: expand_secret(&secret, b"base_nonce", &context)?,
        exporter_secret: Prk::from_secret(expand_secret(&secret, b"exp", &context)?),
    })
}

/// `LabeledExpand(secret, label, key_schedule_context, N)` into a zeroizing container.
fn expand_secret<const N: usize>(secret: &Prk, label: &[u8], context: &[u8]) -> Result<SecretBytes<N>> {
    let mut out = [0u8; N];
    let expanded = labeled_expand(&HPKE_SUITE_ID, secret, label, context, &mut out);
    let value = SecretBytes::from_array(&mut out);
    expanded.map(|()| value)
}
