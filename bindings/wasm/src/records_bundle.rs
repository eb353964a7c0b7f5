//! FHIR Bundles and the ready-made FHIR R4 policies (docs/RECORDS.md sections 9 and 10), and
//! policy validation. Exposed to JS as `sealBundle`, `openBundle`, `fhirPolicy`,
//! `fhirPolicies` and `validatePolicy` by `pkg/src/records.js`.

use std::collections::BTreeMap;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::error::{invalid_argument, to_js, IntoJs, JsResult};
use crate::key_pair::KeyPair;
use crate::records_index_key::IndexKey;
use crate::records_json::{self, json_text, object, strings, unicode_text};
use phiseal::records::{self, BundleEntryStatus, BundleOptions, Policy, FHIR_POLICIES};

/// Seals every `entry[].resource` of a Bundle (JSON text) with the policy for its
/// `resourceType`, from `policies` (JSON text of an object mapping resource types to
/// policies). Returns the sealed Bundle as JSON text.
#[wasm_bindgen(js_name = recordSealBundle)]
pub fn seal_bundle(bundle: &JsValue, policies: &JsValue, roles: &JsValue, keys: &JsValue) -> JsResult<String> {
    seal_bundle_with(bundle, policies, roles, keys, None, None)
}

/// As `recordSealBundle`, with authenticated key headers from `sender`.
#[wasm_bindgen(js_name = recordSealBundleFrom)]
pub fn seal_bundle_from(
    bundle: &JsValue,
    policies: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    sender: &KeyPair,
) -> JsResult<String> {
    seal_bundle_with(bundle, policies, roles, keys, Some(sender), None)
}

/// As `recordSealBundle`, with the blind-index root key.
#[wasm_bindgen(js_name = recordSealBundleIndexed)]
pub fn seal_bundle_indexed(
    bundle: &JsValue,
    policies: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    index_key: &IndexKey,
) -> JsResult<String> {
    seal_bundle_with(bundle, policies, roles, keys, None, Some(index_key))
}

/// As `recordSealBundleIndexed`, with authenticated key headers from `sender`.
#[wasm_bindgen(js_name = recordSealBundleIndexedFrom)]
pub fn seal_bundle_indexed_from(
    bundle: &JsValue,
    policies: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    sender: &KeyPair,
    index_key: &IndexKey,
) -> JsResult<String> {
    seal_bundle_with(bundle, policies, roles, keys, Some(sender), Some(index_key))
}

fn seal_bundle_with(
    bundle: &JsValue,
    policies: &JsValue,
    roles: &JsValue,
    keys: &JsValue,
    sender: Option<&KeyPair>,
    index_key: Option<&IndexKey>,
) -> JsResult<String> {
    let policies = policies_by_type(policies)?;
    let recipients = records_json::recipients_by_role(roles, keys)?;
    let options = BundleOptions { sender: sender.map(KeyPair::core), index_key: index_key.map(IndexKey::core) };
    let bundle = records_json::document(bundle, "bundle")?;
    json_text(&records::seal_bundle(&bundle, &policies, &recipients, &options).into_js()?)
}

fn policies_by_type(value: &JsValue) -> JsResult<BTreeMap<String, Policy>> {
    let serde_json::Value::Object(members) = records_json::document(value, "policies")? else {
        return Err(invalid_argument("policies", "must map resource types to policies"));
    };
    members.iter().map(|(name, spec)| Ok((name.clone(), Policy::from_value(spec).map_err(to_js)?))).collect()
}

/// Opens every entry of a sealed Bundle (JSON text) that `identity` has a role in:
/// `{ bundle: text, entries: [{ index, opened: { roles, sealedPaths } | null }] }`.
#[wasm_bindgen(js_name = recordOpenBundle)]
pub fn open_bundle(sealed: &JsValue, identity: &KeyPair) -> JsResult<Object> {
    let sealed = records_json::document(sealed, "sealed bundle")?;
    let opened = records::open_bundle(&sealed, identity.core()).into_js()?;
    let entries = opened.entries.iter().map(entry_status).collect::<JsResult<Array>>()?;
    object(&[("bundle", JsValue::from_str(&json_text(&opened.value)?)), ("entries", entries.into())])
}

fn entry_status(status: &BundleEntryStatus) -> JsResult<JsValue> {
    let opened = match &status.opened {
        Some(entry) => {
            object(&[("roles", strings(&entry.roles).into()), ("sealedPaths", strings(&entry.sealed_paths).into())])?
                .into()
        }
        None => JsValue::NULL,
    };
    Ok(object(&[("index", JsValue::from_f64(status.index as f64)), ("opened", opened)])?.into())
}

/// The ready-made policy for a FHIR R4 resource type, as JSON text. `INVALID_ARGUMENT` for a
/// type without one.
#[wasm_bindgen(js_name = recordFhirPolicy)]
pub fn fhir_policy(resource_type: &JsValue) -> JsResult<String> {
    let resource_type = unicode_text(resource_type, "resourceType")?;
    FHIR_POLICIES
        .iter()
        .find(|(name, _)| *name == resource_type)
        .map(|(_, text)| (*text).to_owned())
        .ok_or(phiseal::Error::InvalidArgument("no ready-made policy for this resource type"))
        .into_js()
}

/// The resource types that have a ready-made policy.
#[wasm_bindgen(js_name = recordFhirPolicyTypes)]
pub fn fhir_policy_types() -> Array {
    FHIR_POLICIES.iter().map(|(name, _)| JsValue::from_str(name)).collect()
}

/// Checks a policy (JSON text) without sealing anything; `INVALID_POLICY` names the rule.
#[wasm_bindgen(js_name = recordValidatePolicy)]
pub fn validate_policy(policy: &JsValue) -> JsResult<()> {
    records_json::policy(policy).map(drop)
}
