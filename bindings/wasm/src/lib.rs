//! WebAssembly face of phiseal: the private low-level layer of the npm package `phiseal`.
//!
//! One file per JS class or namespace, each function a thin mapping onto the core crate.
//! The JS package (`pkg/src/`) wraps these exports into the public API; nothing here is
//! imported by applications directly.
//!
//! Rules for adding a binding:
//! - every fallible function returns `Result<_, JsValue>` and maps `phiseal::Error` through
//!   `error::to_js`, so JS always receives a `PhisealError` with a stable `code`;
//! - bytes and text arrive as `&JsValue` and go through `convert` (type and well-formedness
//!   checks), never as wasm-bindgen's lenient `&[u8]` / `&str`;
//! - nothing may panic (clippy `unwrap_used`, `expect_used`, `panic` are denied): a panic in
//!   WebAssembly is an opaque trap that leaves the module unusable;
//! - secret keys stay inside WebAssembly behind opaque handles; raw secret bytes cross only
//!   through functions named `dangerous*`, copied straight from zeroizing buffers;
//! - JS names are camelCase (`js_name`), bytes are `Uint8Array`.

#![forbid(unsafe_code)]

mod convert;
mod deid;
mod deid_text;
mod envelope;
mod error;
mod hpke;
mod hpke_context;
mod jwk;
mod key_backup;
mod key_pair;
mod public_key;
mod records;
mod records_bench;
mod records_bundle;
mod records_index_key;
mod records_json;
mod stream_opener;
mod stream_sealer;

pub use deid::{DeidKey, DeidOptions};
pub use hpke_context::{HpkeReceiver, HpkeSender};
pub use key_pair::KeyPair;
pub use public_key::PublicKey;
pub use records_index_key::IndexKey;
pub use stream_opener::StreamOpener;
pub use stream_sealer::StreamSealer;
