//! Field-level record sealing (docs/RECORDS.md): seal, open, and access changes on one record.
//! Exposed to JS as `sealRecord`, `openRecord`, `grantRecordAccess`, `revokeRecordAccess` and
//! `changeRecordAccess` by `pkg/src/records.js`, which turns option objects into these
//! positional calls. Records cross as JSON text (see `records_json`). Functions taking a sender
//! or an index key come in variants because wasm-bindgen cannot borrow an optional handle.

use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::error::{IntoJs, JsResult};
use crate::key_pair::KeyPair;
use crate::records_index_key::IndexKey;
use crate::records_json::{self, json_text, object, strings, unicode_text};
use phiseal::envelope::RecipientChanges;
use phiseal::keys::KeyId;
use phiseal::records::{self, OpenedRecord, SealOptions};

/// Seals a record (JSON text) under a policy (JSON text, or `undefined` for the policy of the
/// previous seal: see `records_json::seal_policy`) for the recipients of each role (`roles[i]`
/// gets the raw public keys `keys[i]`); returns the sealed record as JSON text.
#[wasm_bindgen(js_name = recordSeal)]
pub fn seal(
    record: &JsValue,
    policy: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    record_id: &JsValue,
) -> JsResult<String> {
    seal_with(record, policy, roles, keys, record_id, None, None)
}

/// As `recordSeal`, with authenticated key headers (HPKE auth mode) from `sender`.
#[wasm_bindgen(js_name = recordSealFrom)]
pub fn seal_from(
    record: &JsValue,
    policy: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    record_id: &JsValue,
    sender: &KeyPair,
) -> JsResult<String> {
    seal_with(record, policy, roles, keys, record_id, Some(sender), None)
}

/// As `recordSeal`, with the blind-index root key for `token` rules.
#[wasm_bindgen(js_name = recordSealIndexed)]
pub fn seal_indexed(
    record: &JsValue,
    policy: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    record_id: &JsValue,
    index_key: &IndexKey,
) -> JsResult<String> {
    seal_with(record, policy, roles, keys, record_id, None, Some(index_key))
}

/// As `recordSealIndexed`, with authenticated key headers from `sender`.
#[wasm_bindgen(js_name = recordSealIndexedFrom)]
pub fn seal_indexed_from(
    record: &JsValue,
    policy: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    record_id: &JsValue,
    sender: &KeyPair,
    index_key: &IndexKey,
) -> JsResult<String> {
    seal_with(record, policy, roles, keys, record_id, Some(sender), Some(index_key))
}

fn seal_with(
    record: &JsValue,
    policy: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    record_id: &JsValue,
    sender: Option<&KeyPair>,
    index_key: Option<&IndexKey>,
) -> JsResult<String> {
    let policy = records_json::seal_policy(policy)?;
    let recipients = records_json::recipients_by_role(roles, keys)?;
    let record_id = unicode_text(record_id, "recordId")?;
    let options = SealOptions {
        record_id: &record_id,
        sender: sender.map(KeyPair::core),
        index_key: index_key.map(IndexKey::core),
    };
    let record = records_json::document(record, "record")?;
    records::seal_record_text(&record, &policy, &recipients, &options).into_js()
}

/// Opens a sealed record (JSON text) with `identity`:
/// `{ record: text, recordId, roles, sealedPaths, sender: Uint8Array | undefined }`.
#[wasm_bindgen(js_name = recordOpen)]
pub fn open(sealed: &JsValue, identity: &KeyPair) -> JsResult<Object> {
    let sealed = records_json::document(sealed, "sealed record")?;
    opened(records::open_record(&sealed, identity.core()).into_js()?)
}

/// As `recordOpen`, failing with `AUTH_FAILED` unless the record was sealed under `record_id`.
#[wasm_bindgen(js_name = recordOpenExpecting)]
pub fn open_expecting(sealed: &JsValue, identity: &KeyPair, record_id: &JsValue) -> JsResult<Object> {
    let sealed = records_json::document(sealed, "sealed record")?;
    let record_id = unicode_text(record_id, "recordId")?;
    opened(records::open_record_expecting(&sealed, identity.core(), &record_id).into_js()?)
}

fn opened(opened: OpenedRecord) -> JsResult<Object> {
    let sender = opened.sender.map_or(JsValue::UNDEFINED, |key| Uint8Array::from(key.to_bytes().as_slice()).into());
    object(&[
        ("record", JsValue::from_str(&json_text(&opened.value)?)),
        ("recordId", JsValue::from_str(&opened.record_id)),
        ("roles", strings(&opened.roles).into()),
        ("sealedPaths", strings(&opened.sealed_paths).into()),
        ("sender", sender),
    ])
}

/// Adds the raw public keys `add` to `role` and removes the key ids `remove` (strings); only
/// that role's key header is rewritten. Returns the new sealed record as JSON text.
#[wasm_bindgen(js_name = recordChangeAccess)]
pub fn change_access(
    sealed: &JsValue,
    identity: &KeyPair,
    role: &JsValue,
    add: &JsValue,
    remove: &JsValue,
) -> JsResult<String> {
    change_access_with(sealed, identity, role, add, remove, None)
}

/// As `recordChangeAccess` for a sender-authenticated record gaining recipients: `sender` is
/// the original sender's key pair.
#[wasm_bindgen(js_name = recordChangeAccessAsSender)]
pub fn change_access_as_sender(
    sealed: &JsValue,
    identity: &KeyPair,
    role: &JsValue,
    add: &JsValue,
    remove: &JsValue,
    sender: &KeyPair,
) -> JsResult<String> {
    change_access_with(sealed, identity, role, add, remove, Some(sender))
}

fn change_access_with(
    sealed: &JsValue,
    identity: &KeyPair,
    role: &JsValue,
    add: &JsValue,
    remove: &JsValue,
    sender: Option<&KeyPair>,
) -> JsResult<String> {
    let sealed = records_json::document(sealed, "sealed record")?;
    let role = unicode_text(role, "role")?;
    let add = records_json::public_keys(add)?;
    let remove = records_json::array(remove, "remove")?
        .iter()
        .map(|id| KeyId::from_text(&unicode_text(&id, "remove")?).into_js())
        .collect::<JsResult<Vec<KeyId>>>()?;
    let changes = RecipientChanges { add: &add, remove: &remove, sender: sender.map(KeyPair::core) };
    let changed = records::change_record_access(&sealed, identity.core(), &role, &changes).into_js()?;
    json_text(&changed)
}
