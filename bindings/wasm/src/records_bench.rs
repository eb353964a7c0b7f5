//! Internal, for `benches/js/records-bench.mjs` only (not part of the package's API or types):
//! the HPKE wraps of a record seal, timed inside one WebAssembly call as `sealRecord` runs them.
//!
//! Issue #3 asks what share of a wasm `sealRecord` lies outside its HPKE wraps. Timing the
//! wraps through the public `hpke.seal` adds a JS call, argument checks and result objects per
//! wrap that a seal does not pay, which overstates the wraps. This export runs, per round, one
//! `hpke::seal_base` per key with the arguments a key header's slot uses (docs/FORMAT.md: `info`
//! "phiseal/v1 slot", a 64-byte `aad`, the 32-byte data key as plaintext), with the keys parsed
//! once before the rounds, exactly what the wraps of `sealRecord` cost and nothing else.

use wasm_bindgen::prelude::*;

use crate::error::{IntoJs, JsResult};
use crate::records_json;
use phiseal::hpke;

const SLOT_INFO: &[u8] = b"phiseal/v1 slot";

/// Runs `rounds` times one base-mode HPKE seal of a 32-byte key per key of `keys` (an array of
/// raw public keys); returns the total length of the ciphertexts, so nothing is optimised away.
#[wasm_bindgen(js_name = recordBenchWraps)]
pub fn bench_wraps(keys: &JsValue, rounds: u32) -> JsResult<u32> {
    let keys = records_json::public_keys(keys)?;
    let (aad, data_key) = ([0xa5u8; 64], [0x5au8; 32]);
    let mut total = 0u32;
    for _ in 0..rounds {
        for key in &keys {
            let (_, wrapped) = hpke::seal_base(key, SLOT_INFO, &aad, &data_key).into_js()?;
            total = total.wrapping_add(u32::try_from(wrapped.len()).unwrap_or(0));
        }
    }
    Ok(total)
}
