//! JS class `StreamOpener`: the WebAssembly half of `openStream` (`pkg/src/stream.js`).
//!
//! The JS layer pushes input pieces into `pushHeader` until `headerDone`: the opener learns the
//! kind-3 header's length from its fixed fields (refusing more than 256 recipients before
//! reading their slots), unlocks it with the identity (slot, commitment, header MAC, expected
//! sender; docs/FORMAT.md "Opening" steps 1-7 and 9), then reads the 56-byte C2SP header and
//! checks its key commitment (docs/STREAMING.md). The identity copy is dropped (zeroized) as
//! soon as the header is unlocked.
//!
//! Chunks are then framed by the JS layer (16400 bytes for every chunk but the last, which is
//! what remains at the end of input) and opened here with `openChunk`, which returns the
//! plaintext only after the tag verified at the chunk's index, or decrypted with WebCrypto after
//! `dangerousExportChunkKey`. Every failure is sticky.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::{Zeroize, Zeroizing};

use crate::convert;
use crate::error::{invalid_argument, IntoJs, JsResult};
use crate::key_pair::KeyPair;
use phiseal::envelope::{stream_header_len, unlock_stream_header, UnlockedStream};
use phiseal::keys::PublicKey;
use phiseal::stream::{ChunkOpener, HEADER_LEN, SEALED_CHUNK_LEN};
use phiseal::Error;

/// Where the opener stands in the input.
enum Phase {
    /// Collecting the envelope header.
    EnvelopeHeader { identity: phiseal::keys::KeyPair },
    /// Header unlocked; collecting the 56-byte C2SP header.
    C2spHeader { unlocked: Box<UnlockedStream>, c2sp: Vec<u8> },
    /// Opening chunks.
    Chunks(Box<ChunkOpener>),
    /// The chunk key was exported; chunks are opened elsewhere.
    Exported,
    /// An earlier call failed (the error is in `failed`); every key is dropped.
    Failed,
}

/// A streaming envelope being opened. Call `free()` when done or abandoned.
#[wasm_bindgen]
pub struct StreamOpener {
    phase: Phase,
    context: Vec<u8>,
    expected_sender: Option<PublicKey>,
    header: Vec<u8>,
    sender: Option<PublicKey>,
    failed: Option<Error>,
    buf: Zeroizing<Vec<u8>>,
}

#[wasm_bindgen]
impl StreamOpener {
    /// An opener for `identity` (kept until the header is unlocked) and `context`; with
    /// `expectedSender` (raw public key, or `undefined`), the stream must be sealed by that key.
    #[wasm_bindgen(constructor)]
    pub fn new(identity: &KeyPair, context: &JsValue, expected_sender: &JsValue) -> JsResult<StreamOpener> {
        let context = convert::bytes_or_text(context, "context")?;
        let expected_sender = match expected_sender.is_undefined() || expected_sender.is_null() {
            true => None,
            false => Some(crate::hpke::public_key(expected_sender, "expectedSender")?),
        };
        Ok(Self {
            phase: Phase::EnvelopeHeader { identity: identity.core().clone() },
            context,
            expected_sender,
            header: Vec::with_capacity(256),
            sender: None,
            failed: None,
            buf: Zeroizing::new(vec![0u8; SEALED_CHUNK_LEN]),
        })
    }

    /// Consumes header bytes from the start of `input` and returns how many it used; the rest
    /// of `input` belongs to the chunks once `headerDone`. Throws (sticky) for a malformed,
    /// unsupported or foreign header, a wrong context or identity, or an unexpected sender.
    #[wasm_bindgen(js_name = pushHeader)]
    pub fn push_header(&mut self, input: &JsValue) -> JsResult<u32> {
        let input = input.dyn_ref::<Uint8Array>().ok_or_else(|| invalid_argument("input", "must be a Uint8Array"))?;
        self.check_not_failed()?;
        let mut used = 0u32;
        while !self.header_done() {
            match self.step(input, used) {
                Ok(Some(taken)) => used += taken,
                Ok(None) => break,
                Err(err) => return Err(self.fail(err)),
            }
        }
        Ok(used)
    }

    /// True once both headers are read and verified: chunks follow.
    #[wasm_bindgen(getter, js_name = headerDone)]
    pub fn header_done(&self) -> bool {
        matches!(self.phase, Phase::Chunks(_) | Phase::Exported)
    }

    /// The authenticated sender's raw public key, or `undefined` (anonymous stream, or header
    /// not yet unlocked).
    #[wasm_bindgen(getter)]
    pub fn sender(&self) -> Option<Vec<u8>> {
        self.sender.map(|key| key.to_bytes().to_vec())
    }

    /// Opens the next chunk (16400 bytes unless `isFinal`) and returns its plaintext, only after
    /// its tag verified. Throws (sticky) otherwise; the chunk buffer is wiped either way.
    #[wasm_bindgen(js_name = openChunk)]
    pub fn open_chunk(&mut self, sealed: &JsValue, is_final: bool) -> JsResult<Uint8Array> {
        let sealed = sealed.dyn_ref::<Uint8Array>().ok_or_else(|| invalid_argument("chunk", "must be a Uint8Array"))?;
        self.check_not_failed()?;
        let Phase::Chunks(opener) = &mut self.phase else {
            return Err(invalid_argument("opener", "has no chunk key (header not read, or key exported)"));
        };
        let len = sealed.length() as usize;
        let region = self.buf.get_mut(..len).ok_or(Error::AuthFailed);
        let opened = region.and_then(|region| {
            sealed.copy_to(region);
            opener.open_in_place(region, is_final)
        });
        let out = opened.map(|n| self.buf.get(..n).map(Uint8Array::from).unwrap_or_default());
        self.buf.as_mut_slice().zeroize();
        out.map_err(|err| self.fail(err))
    }

    /// Called when the input ended. Throws `MALFORMED` inside the envelope header, `TRUNCATED`
    /// inside the C2SP header or without a final chunk; returns normally only once the final
    /// chunk verified (or when chunks are opened elsewhere).
    #[wasm_bindgen(js_name = inputEnded)]
    pub fn input_ended(&mut self) -> JsResult<()> {
        self.check_not_failed()?;
        let result = match &mut self.phase {
            Phase::EnvelopeHeader { .. } => Err(Error::Malformed("truncated header")),
            Phase::C2spHeader { .. } => Err(Error::Truncated),
            Phase::Chunks(opener) if opener.is_finished() => Ok(()),
            Phase::Chunks(opener) => opener.fail_truncated(),
            Phase::Exported => Ok(()),
            Phase::Failed => Err(Error::Malformed("stream failed earlier")),
        };
        result.map_err(|err| self.fail(err))
    }

    /// True once the short final chunk verified here: the message is complete.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        matches!(&self.phase, Phase::Chunks(opener) if opener.is_finished())
    }

    /// Dangerous, private to the package: the per-message AES-256-GCM key (32 bytes) then the
    /// 12-byte base nonce, for decrypting the chunks with WebCrypto (which verifies each tag
    /// before returning plaintext). Allowed once the header is done and before any chunk was
    /// opened here. The caller must import it as non-extractable and wipe this array at once.
    #[wasm_bindgen(js_name = dangerousExportChunkKey)]
    pub fn dangerous_export_chunk_key(&mut self) -> JsResult<Uint8Array> {
        self.check_not_failed()?;
        let Phase::Chunks(_) = &self.phase else {
            return Err(invalid_argument("opener", "has no chunk key (header not read, or key exported)"));
        };
        let Phase::Chunks(opener) = core::mem::replace(&mut self.phase, Phase::Exported) else {
            return Err(invalid_argument("opener", "has no chunk key"));
        };
        let key = opener.dangerous_export_chunk_key().into_js()?;
        Ok(key_and_nonce(key.key(), key.base_nonce()))
    }
}

impl StreamOpener {
    /// Takes what the current phase needs from `input[used..]`, or moves to the next phase;
    /// returns the bytes taken, or `None` when `input` has nothing more for this phase.
    fn step(&mut self, input: &Uint8Array, used: u32) -> Result<Option<u32>, Error> {
        let available = input.length().saturating_sub(used);
        match &mut self.phase {
            Phase::EnvelopeHeader { identity } => {
                let need = stream_header_len(&self.header)?;
                if need <= self.header.len() {
                    let unlocked =
                        unlock_stream_header(&self.header, identity, &self.context, self.expected_sender.as_ref())?;
                    self.sender = unlocked.sender().copied();
                    self.phase =
                        Phase::C2spHeader { unlocked: Box::new(unlocked), c2sp: Vec::with_capacity(HEADER_LEN) };
                    return Ok(Some(0));
                }
                Ok(append(&mut self.header, input, used, need, available))
            }
            Phase::C2spHeader { unlocked, c2sp } => {
                if c2sp.len() == HEADER_LEN {
                    let opener = unlocked.chunk_opener(c2sp)?;
                    self.phase = Phase::Chunks(Box::new(opener));
                    return Ok(Some(0));
                }
                Ok(append(c2sp, input, used, HEADER_LEN, available))
            }
            Phase::Chunks(_) | Phase::Exported | Phase::Failed => Ok(None),
        }
    }

    fn check_not_failed(&self) -> JsResult<()> {
        self.failed.clone().map_or(Ok(()), |err| Err(crate::error::to_js(err)))
    }

    /// Records a sticky failure, drops every key, and returns the error to throw.
    fn fail(&mut self, err: Error) -> JsValue {
        self.phase = Phase::Failed;
        self.failed = Some(err.clone());
        crate::error::to_js(err)
    }
}

/// Appends up to `need - target.len()` bytes of `input[used..]` to `target`; returns how many,
/// or `None` when `input` has no bytes left.
fn append(target: &mut Vec<u8>, input: &Uint8Array, used: u32, need: usize, available: u32) -> Option<u32> {
    let want = u32::try_from(need.saturating_sub(target.len())).unwrap_or(u32::MAX);
    let take = want.min(available);
    if take == 0 {
        return None;
    }
    let start = target.len();
    target.resize(start + take as usize, 0);
    if let Some(slot) = target.get_mut(start..) {
        input.subarray(used, used + take).copy_to(slot);
    }
    Some(take)
}

/// `key || base_nonce` as one JS array (44 bytes), copied straight from zeroizing buffers.
pub(crate) fn key_and_nonce(key: &[u8; 32], base_nonce: &[u8; 12]) -> Uint8Array {
    let mut both = Zeroizing::new([0u8; 44]);
    let (k, n) = both.split_at_mut(32);
    k.copy_from_slice(key);
    n.copy_from_slice(base_nonce);
    Uint8Array::from(both.as_slice())
}
