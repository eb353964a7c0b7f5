//! Limits enforced before any expensive work (key agreement, hashing, decryption).

/// Most recipient slots in one header. Checked before any key agreement when opening.
pub const MAX_RECIPIENTS: usize = 256;

/// Largest plaintext accepted by the one-shot [`crate::envelope::seal`] call (256 MiB).
/// Larger data belongs in the streaming API.
pub const MAX_ONE_SHOT_PAYLOAD: usize = 256 * 1024 * 1024;

/// Largest context (associated data) accepted (64 KiB). The context is hashed, never stored.
pub const MAX_CONTEXT: usize = 64 * 1024;
