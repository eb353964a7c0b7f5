//! JS class `StreamSealer`: the WebAssembly half of `sealStream` (`pkg/src/stream.js`).
//!
//! `begin` does the key work of a streaming envelope (docs/FORMAT.md, "Streaming"): a fresh data
//! key wrapped to every recipient, the kind-3 header, the derived payload key, and the C2SP
//! Cobblestone-256 salt and commitment (keyed by the payload key, bound to the header's preamble
//! and commitment) (docs/STREAMING.md). `header` is then everything to emit
//! before the first chunk. The JS layer frames the plaintext into 16 KiB chunks and either seals
//! them here (`sealChunk`, the reference path) or takes the per-message AES key once with
//! `dangerousExportChunkKey` and seals them with WebCrypto; the sealer then refuses to seal, so
//! one key never has two counters.
//!
//! Plaintext is copied straight from the JS array into a zeroizing buffer that is wiped after
//! every chunk; no other copy is left in WebAssembly memory.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::{Zeroize, Zeroizing};

use crate::convert;
use crate::error::{invalid_argument, to_js, IntoJs, JsResult};
use crate::key_pair::KeyPair;
use phiseal::envelope::{self, SealOptions};
use phiseal::stream::{ChunkSealer, SEALED_CHUNK_LEN};

/// A streaming envelope being sealed, chunk by chunk. Call `free()` when done or abandoned: the
/// chunk key is zeroized then.
#[wasm_bindgen]
pub struct StreamSealer {
    sealer: Option<ChunkSealer>,
    header: Vec<u8>,
    buf: Zeroizing<Vec<u8>>,
}

#[wasm_bindgen]
impl StreamSealer {
    /// Starts a stream to `recipients` (an array of raw public keys), bound to `context`.
    pub fn begin(recipients: &JsValue, context: &JsValue) -> JsResult<StreamSealer> {
        Self::start(recipients, context, None)
    }

    /// As `begin`, authenticating `sender` (HPKE auth mode).
    #[wasm_bindgen(js_name = beginFrom)]
    pub fn begin_from(recipients: &JsValue, context: &JsValue, sender: &KeyPair) -> JsResult<StreamSealer> {
        Self::start(recipients, context, Some(sender))
    }

    /// The bytes to emit before the first chunk: the envelope header, then the 56-byte C2SP
    /// header (salt and commitment).
    #[wasm_bindgen(getter)]
    pub fn header(&self) -> Uint8Array {
        Uint8Array::from(self.header.as_slice())
    }

    /// Seals the next chunk: exactly 16384 bytes unless `isFinal`, fewer when final. Returns
    /// `ciphertext || tag`. Any error is sticky.
    #[wasm_bindgen(js_name = sealChunk)]
    pub fn seal_chunk(&mut self, plaintext: &JsValue, is_final: bool) -> JsResult<Uint8Array> {
        let plaintext =
            plaintext.dyn_ref::<Uint8Array>().ok_or_else(|| invalid_argument("chunk", "must be a Uint8Array"))?;
        let sealer =
            self.sealer.as_mut().ok_or_else(|| invalid_argument("sealer", "no longer seals (key exported)"))?;
        let len = plaintext.length() as usize;
        let Some(region) = self.buf.get_mut(..len) else {
            return Err(invalid_argument("chunk", "must be at most 16384 bytes"));
        };
        plaintext.copy_to(region);
        let sealed = sealer.seal_in_place(&mut self.buf, len, is_final);
        let out = sealed.map(|n| self.buf.get(..n).map(Uint8Array::from).unwrap_or_default());
        self.buf.as_mut_slice().zeroize();
        out.into_js()
    }

    /// True once the final chunk was sealed here.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.sealer.as_ref().is_some_and(ChunkSealer::is_finished)
    }

    /// Dangerous, private to the package: the per-message AES-256-GCM key (32 bytes) followed by
    /// the 12-byte base nonce, for sealing the chunks with WebCrypto. Allowed once, before any
    /// chunk was sealed here; the sealer can seal nothing afterwards. The caller must import
    /// the key as non-extractable and wipe this array at once.
    #[wasm_bindgen(js_name = dangerousExportChunkKey)]
    pub fn dangerous_export_chunk_key(&mut self) -> JsResult<Uint8Array> {
        let sealer = self.sealer.take().ok_or_else(|| invalid_argument("sealer", "no longer seals (key exported)"))?;
        let key = sealer.dangerous_export_chunk_key().into_js()?;
        Ok(crate::stream_opener::key_and_nonce(key.key(), key.base_nonce()))
    }
}

impl StreamSealer {
    fn start(recipients: &JsValue, context: &JsValue, sender: Option<&KeyPair>) -> JsResult<StreamSealer> {
        let recipients = convert::public_keys(recipients, "recipients")?;
        let context = convert::bytes_or_text(context, "context")?;
        let options = SealOptions { sender: sender.map(KeyPair::core) };
        let start = envelope::begin_stream(&recipients, &context, &options).into_js()?;
        let (sealer, c2sp_header) = start.chunk_sealer().map_err(to_js)?;
        let mut header = start.bytes().to_vec();
        header.extend_from_slice(&c2sp_header);
        Ok(Self { sealer: Some(sealer), header, buf: Zeroizing::new(vec![0u8; SEALED_CHUNK_LEN]) })
    }
}
