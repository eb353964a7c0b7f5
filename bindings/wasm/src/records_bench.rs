//! Internal, for `benches/js/records-bench.mjs` only (not part of the package's API or types):
//! the HPKE wraps of a record seal, timed inside one WebAssembly call as `sealRecord` runs them.
//!
//! Issue #3 asks what share of a wasm `sealRecord` lies outside its HPKE wraps. Timing the
//! wraps through the public `hpke.seal` adds a JS call, argument checks and result objects per
//! wrap that a seal does not pay, which overstates the wraps. [`BenchWraps::run`] runs, per
//! round, one `hpke::seal_base` per key with the arguments a key header's slot uses
//! (docs/FORMAT.md: `info` "phiseal/v1 slot", a 64-byte `aad`, the 32-byte data key as
//! plaintext), with the keys parsed once when the handle is made: exactly what the wraps of
//! `sealRecord` cost, plus one call into WebAssembly.

use wasm_bindgen::prelude::*;

use crate::error::{IntoJs, JsResult};
use crate::records_json;
use phiseal::hpke;
use phiseal::keys::PublicKey;

const SLOT_INFO: &[u8] = b"phiseal/v1 slot";

/// The recipients of a record's wraps, parsed once.
#[wasm_bindgen(js_name = RecordBenchWraps)]
pub struct BenchWraps {
    keys: Vec<PublicKey>,
}

#[wasm_bindgen(js_class = RecordBenchWraps)]
impl BenchWraps {
    /// `keys`: an array of raw public keys.
    #[wasm_bindgen(constructor)]
    pub fn new(keys: &JsValue) -> JsResult<BenchWraps> {
        Ok(BenchWraps { keys: records_json::public_keys(keys)? })
    }

    /// Runs `rounds` times one base-mode HPKE seal of a 32-byte key per key; returns the total
    /// length of the ciphertexts, so nothing is optimised away.
    pub fn run(&self, rounds: u32) -> JsResult<u32> {
        let (aad, data_key) = ([0xa5u8; 64], [0x5au8; 32]);
        let mut total = 0u32;
        for _ in 0..rounds {
            for key in &self.keys {
                let (_, wrapped) = hpke::seal_base(key, SLOT_INFO, &aad, &data_key).into_js()?;
                total = total.wrapping_add(u32::try_from(wrapped.len()).unwrap_or(0));
            }
        }
        Ok(total)
    }
}
