//! Password-protected key backups (`phiseal-key1.` text, Argon2id + AES-256-GCM; format in
//! `docs/KEYS.md`): export, import, and reading a backup's unauthenticated header.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::convert;
use crate::error::{invalid_argument, IntoJs, JsResult};
use phiseal::keys::{BackupInfo, BackupParams, KeyPair};

/// Wraps `pair` under `password` with the Argon2id parameters `params` (see [`params_of`]).
pub(crate) fn export(pair: &KeyPair, password: &JsValue, params: &JsValue) -> JsResult<String> {
    let params = params_of(params)?;
    pair.export_with_password(&convert::password(password)?, &params).into_js()
}

/// Unlocks a backup text with `password`.
pub(crate) fn import(backup: &JsValue, password: &JsValue) -> JsResult<KeyPair> {
    let text = convert::text(backup, "backup")?;
    KeyPair::import_with_password(&text, &convert::password(password)?).into_js()
}

/// `undefined` or `"interactive"` (the default), `"strong"`, or
/// `{ memoryKib, iterations, parallelism }`.
fn params_of(value: &JsValue) -> JsResult<BackupParams> {
    if value.is_undefined() || value.is_null() {
        return Ok(BackupParams::default());
    }
    match value.as_string().as_deref() {
        Some("interactive") => return Ok(BackupParams::INTERACTIVE),
        Some("strong") => return Ok(BackupParams::STRONG),
        Some(_) => return Err(invalid_argument("params", "must be \"interactive\", \"strong\" or an object")),
        None => {}
    }
    let memory = whole_number(value, "memoryKib")?;
    BackupParams::new(memory, whole_number(value, "iterations")?, whole_number(value, "parallelism")?).into_js()
}

fn whole_number(object: &JsValue, field: &'static str) -> JsResult<u32> {
    let number = Reflect::get(object, &JsValue::from_str(field))?.as_f64();
    match number {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        _ => Err(invalid_argument("params", "fields must be whole numbers")),
    }
}

/// What a backup says about itself, without the password: `{ keyId, params }`. Not
/// authenticated until the backup is unlocked: for display only.
#[wasm_bindgen(js_name = readKeyBackup)]
pub fn read_key_backup(backup: &JsValue) -> JsResult<Object> {
    let info = BackupInfo::read(&convert::text(backup, "backup")?).into_js()?;
    let params = Object::new();
    Reflect::set(&params, &"memoryKib".into(), &info.params().memory_kib().into())?;
    Reflect::set(&params, &"iterations".into(), &info.params().iterations().into())?;
    Reflect::set(&params, &"parallelism".into(), &info.params().parallelism().into())?;
    let out = Object::new();
    Reflect::set(&out, &"keyId".into(), &info.key_id().to_text().into())?;
    Reflect::set(&out, &"params".into(), &params)?;
    Ok(out)
}
