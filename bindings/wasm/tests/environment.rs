//! Proves where the wasm32 tests ran: scripts/test.sh compiles them once for Node and once for
//! headless Chromium, setting PHISEAL_WASM_TEST_ENV to "node" or "browser" at compile time.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use js_sys::{global, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn global_has(name: &str) -> bool {
    Reflect::has(&global(), &JsValue::from_str(name)).unwrap()
}

#[wasm_bindgen_test]
fn runs_in_the_expected_javascript_environment() {
    match option_env!("PHISEAL_WASM_TEST_ENV") {
        Some("browser") => assert!(global_has("document") && global_has("navigator")),
        Some("node") => assert!(global_has("process") && !global_has("document")),
        _ => {}
    }
    // Both environments have the CSPRNG the getrandom `wasm_js` backend uses.
    let crypto = Reflect::get(&global(), &"crypto".into()).unwrap();
    assert!(Reflect::has(&crypto, &"getRandomValues".into()).unwrap());
}
