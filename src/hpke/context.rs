//! HPKE encryption contexts (RFC 9180 sections 5.2 and 5.3).
//!
//! The sender's and the receiver's contexts are distinct types, neither `Clone` nor `Copy`,
//! so a context (and the nonce sequence it owns) cannot be duplicated or used in the wrong
//! direction. The sequence number is private, counts in a `u128`, and reaching the limit of
//! `2^(8*Nn) - 1` is an error, never a wrap.

use core::fmt;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::hpke::key_schedule::ContextSecrets;
use crate::hpke::labeled::{labeled_expand, HPKE_SUITE_ID, N_H, N_N};
use crate::primitives::aead;

/// Longest output of [`SenderContext::export`] / [`ReceiverContext::export`]: `255 * Nh`
/// bytes (RFC 9180 section 5.3, the HKDF-Expand limit).
pub const MAX_EXPORT_LEN: usize = 255 * N_H;

/// The first sequence number that may not be used: `(1 << (8*Nn)) - 1` (section 5.2).
/// `IncrementSeq` raises `MessageLimitReachedError` once `seq` reaches it, so a message is
/// never released under the nonce for this value.
const SEQ_LIMIT: u128 = (1u128 << (8 * N_N)) - 1;

const SEQ_ERROR: Error = Error::LimitExceeded("hpke sequence number");

/// State shared by both roles: the secrets from the key schedule and the sequence number.
struct Context {
    secrets: ContextSecrets,
    seq: u128,
}

/// ```text
/// def Context<ROLE>.ComputeNonce(seq):
///   seq_bytes = I2OSP(seq, Nn)
///   return xor(self.base_nonce, seq_bytes)
/// ```
pub(crate) fn compute_nonce(base_nonce: &[u8; N_N], seq: u128) -> Zeroizing<[u8; N_N]> {
    let seq_bytes = seq.to_be_bytes();
    let low = seq_bytes.iter().skip(seq_bytes.len() - N_N);
    let mut nonce = Zeroizing::new([0u8; N_N]);
    for ((out, base), s) in nonce.iter_mut().zip(base_nonce).zip(low) {
        *out = base ^ s;
    }
    nonce
}

impl Context {
    fn new(secrets: ContextSecrets) -> Self {
        Self { secrets, seq: 0 }
    }

    /// The nonce for the current message, or the limit error once `seq` has reached it.
    fn current_nonce(&self) -> Result<Zeroizing<[u8; N_N]>> {
        if self.seq >= SEQ_LIMIT {
            return Err(SEQ_ERROR);
        }
        Ok(compute_nonce(self.secrets.base_nonce.expose(), self.seq))
    }

    /// ```text
    /// def Context<ROLE>.IncrementSeq():
    ///   if self.seq >= (1 << (8*Nn)) - 1:
    ///     raise MessageLimitReachedError
    ///   self.seq += 1
    /// ```
    fn increment_seq(&mut self) -> Result<()> {
        if self.seq >= SEQ_LIMIT {
            return Err(SEQ_ERROR);
        }
        self.seq = self.seq.checked_add(1).ok_or(SEQ_ERROR)?;
        Ok(())
    }

    /// ```text
    /// def Context.Export(exporter_context, L):
    ///   return LabeledExpand(self.exporter_secret, "sec",
    ///                        exporter_context, L)
    /// ```
    fn export(&self, exporter_context: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>> {
        if len > MAX_EXPORT_LEN {
            return Err(Error::LimitExceeded("hpke export length"));
        }
        let mut out = Zeroizing::new(vec![0u8; len]);
        let prk = &self.secrets.exporter_secret;
        labeled_expand(&HPKE_SUITE_ID, prk, b"sec", exporter_context, &mut out)?;
        Ok(out)
    }
}

/// The sender's HPKE context: seals a sequence of messages to one recipient and exports
/// secrets. Created by [`crate::hpke::setup_base_sender`] or
/// [`crate::hpke::setup_auth_sender`].
///
/// Not `Clone`: a copy would reuse the nonce sequence.
///
/// ```compile_fail
/// fn copyable<T: Clone>() {}
/// copyable::<phiseal::hpke::SenderContext>();
/// ```
pub struct SenderContext(Context);

impl SenderContext {
    pub(crate) fn new(secrets: ContextSecrets) -> Self {
        Self(Context::new(secrets))
    }

    /// Encrypts `pt` with associated data `aad` under the next nonce of the sequence.
    ///
    /// ```text
    /// def ContextS.Seal(aad, pt):
    ///   ct = Seal(self.key, self.ComputeNonce(self.seq), aad, pt)
    ///   self.IncrementSeq()
    ///   return ct
    /// ```
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] once `2^96 - 1` messages have been sealed with this context
    /// (the context is then unusable for sealing), or when `pt` is longer than AES-GCM allows.
    pub fn seal(&mut self, aad: &[u8], pt: &[u8]) -> Result<Vec<u8>> {
        let nonce = self.0.current_nonce()?;
        let ct = aead::seal_with_nonce(self.0.secrets.key.expose(), &nonce, aad, pt)?;
        self.0.increment_seq()?;
        Ok(ct)
    }

    /// Derives `len` bytes bound to this context and `exporter_context` (section 5.3).
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when `len` exceeds [`MAX_EXPORT_LEN`].
    pub fn export(&self, exporter_context: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>> {
        self.0.export(exporter_context, len)
    }

    #[cfg(test)]
    pub(crate) fn set_seq_for_test(&mut self, seq: u128) {
        self.0.seq = seq;
    }
}

/// The receiver's HPKE context: opens the sender's messages in order and exports secrets.
/// Created by [`crate::hpke::setup_base_receiver`] or [`crate::hpke::setup_auth_receiver`].
///
/// Not `Clone`, and cannot seal: it is a different type from [`SenderContext`].
///
/// ```compile_fail
/// fn copyable<T: Clone>() {}
/// copyable::<phiseal::hpke::ReceiverContext>();
/// ```
///
/// ```compile_fail
/// fn try_seal(ctx: &mut phiseal::hpke::ReceiverContext) {
///     let _ = ctx.seal(b"", b"");
/// }
/// ```
pub struct ReceiverContext(Context);

impl ReceiverContext {
    pub(crate) fn new(secrets: ContextSecrets) -> Self {
        Self(Context::new(secrets))
    }

    /// Decrypts and authenticates the next message of the sequence.
    ///
    /// ```text
    /// def ContextR.Open(aad, ct):
    ///   pt = Open(self.key, self.ComputeNonce(self.seq), aad, ct)
    ///   if pt == OpenError:
    ///     raise OpenError
    ///   self.IncrementSeq()
    ///   return pt
    /// ```
    ///
    /// A failed open does not advance the sequence, so the next call expects the same message.
    ///
    /// # Errors
    /// [`Error::AuthFailed`] for a wrong key, wrong `aad`, tampered or out-of-order `ct`; no
    /// plaintext is released. [`Error::LimitExceeded`] once the sequence limit is reached.
    pub fn open(&mut self, aad: &[u8], ct: &[u8]) -> Result<Vec<u8>> {
        let nonce = self.0.current_nonce()?;
        let pt = aead::open_with_nonce(self.0.secrets.key.expose(), &nonce, aad, ct)?;
        self.0.increment_seq()?;
        Ok(pt)
    }

    /// Derives `len` bytes bound to this context and `exporter_context` (section 5.3); equal to
    /// what the sender's [`SenderContext::export`] gives for the same arguments.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] when `len` exceeds [`MAX_EXPORT_LEN`].
    pub fn export(&self, exporter_context: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>> {
        self.0.export(exporter_context, len)
    }

    #[cfg(test)]
    pub(crate) fn set_seq_for_test(&mut self, seq: u128) {
        self.0.seq = seq;
    }
}

const SUITE_NAME: &str = "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM";

impl fmt::Debug for SenderContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SenderContext").field("suite", &SUITE_NAME).finish_non_exhaustive()
    }
}

impl fmt::Debug for ReceiverContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiverContext").field("suite", &SUITE_NAME).finish_non_exhaustive()
    }
}
