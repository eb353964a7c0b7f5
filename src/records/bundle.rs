//! FHIR Bundles: each entry's `resource` sealed as its own record (docs/RECORDS.md, "Bundles").
//!
//! The record id of an entry is its `fullUrl`, or `ResourceType/id` when it has none; the
//! Bundle shell (`type`, `entry[].fullUrl`, `entry[].request`, ...) stays as it is. Reference
//! strings are kept in the clear by the FHIR policies, so `Observation.subject.reference` still
//! resolves to the Patient entry. On opening, every entry's record id must equal the id its
//! place in the Bundle implies, so entries cannot be swapped between `fullUrl`s.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::records::blind_index::IndexKey;
use crate::records::open::{open_record_expecting, OpenedRecord};
use crate::records::policy::Policy;
use crate::records::seal::{seal_record, SealOptions};

/// Options of [`seal_bundle`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BundleOptions<'a> {
    /// The sender's key pair, for authenticated key headers.
    pub sender: Option<&'a KeyPair>,
    /// The blind-index root key, when a policy makes tokens.
    pub index_key: Option<&'a IndexKey>,
}

/// What opening one Bundle entry gave.
#[derive(Clone, Debug, PartialEq)]
pub struct BundleEntryStatus {
    /// Index in `entry`.
    pub index: usize,
    /// `None` when the identity is in none of the entry's roles (the entry stays sealed).
    pub opened: Option<OpenedEntry>,
}

/// An opened entry's roles and the paths that stayed sealed.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedEntry {
    /// Roles unlocked.
    pub roles: Vec<String>,
    /// Paths (inside the resource) still encrypted.
    pub sealed_paths: Vec<String>,
}

/// A Bundle opened by one identity.
#[derive(Clone, PartialEq)]
pub struct OpenedBundle {
    /// The Bundle with each opened resource in the clear (unopened ones as sealed).
    pub value: Value,
    /// One status per entry that holds a resource.
    pub entries: Vec<BundleEntryStatus>,
}

impl core::fmt::Debug for OpenedBundle {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OpenedBundle").field("value", &"[redacted]").field("entries", &self.entries).finish()
    }
}

/// Seals every `entry[].resource` of a FHIR Bundle with the policy for its `resourceType`.
///
/// # Errors
/// [`Error::InvalidArgument`] when the input is not a Bundle, an entry has no policy, no
/// record id, or a record id used twice; the errors of [`seal_record`].
pub fn seal_bundle(
    bundle: &Value,
    policies: &BTreeMap<String, Policy>,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &BundleOptions<'_>,
) -> Result<Value> {
    let mut out = bundle.clone();
    let mut seen = BTreeSet::new();
    for entry in entries_mut(&mut out)? {
        let Some(resource) = entry.get("resource") else {
            continue;
        };
        let record_id = entry_record_id(entry, resource)
            .ok_or(Error::InvalidArgument("bundle entry needs a fullUrl or a resource id"))?;
        if !seen.insert(record_id.clone()) {
            return Err(Error::InvalidArgument("two bundle entries have the same record id"));
        }
        let resource_type = resource.get("resourceType").and_then(Value::as_str).unwrap_or_default();
        let policy =
            policies.get(resource_type).ok_or(Error::InvalidArgument("no policy for a resource type in the bundle"))?;
        let seal_options = SealOptions { record_id: &record_id, sender: options.sender, index_key: options.index_key };
        let sealed = seal_record(resource, policy, recipients_by_role, &seal_options)?;
        if let Some(slot) = entry.get_mut("resource") {
            *slot = sealed;
        }
    }
    Ok(out)
}

/// Opens every entry of a sealed Bundle that `identity` has a role in.
///
/// # Errors
/// The errors of [`crate::records::open_record`] for any entry (except "no matching recipient",
/// which leaves that entry sealed); [`Error::AuthFailed`] when an entry's record id differs
/// from its `fullUrl`; [`Error::NoMatchingRecipient`] when no entry could be opened.
pub fn open_bundle(sealed: &Value, identity: &KeyPair) -> Result<OpenedBundle> {
    let mut value = sealed.clone();
    let mut statuses = Vec::new();
    for (index, entry) in entries_mut(&mut value)?.iter_mut().enumerate() {
        let Some(resource) = entry.get("resource") else {
            continue;
        };
        let record_id = entry_record_id(entry, resource).ok_or(Error::Malformed("bundle entry without a record id"))?;
        let opened = match open_record_expecting(resource, identity, &record_id) {
            Ok(OpenedRecord { value: clear, roles, sealed_paths, .. }) => {
                if let Some(slot) = entry.get_mut("resource") {
                    *slot = clear;
                }
                Some(OpenedEntry { roles, sealed_paths })
            }
            Err(Error::NoMatchingRecipient) => None,
            Err(other) => return Err(other),
        };
        statuses.push(BundleEntryStatus { index, opened });
    }
    if !statuses.iter().any(|status| status.opened.is_some()) {
        return Err(Error::NoMatchingRecipient);
    }
    Ok(OpenedBundle { value, entries: statuses })
}

fn entries_mut(bundle: &mut Value) -> Result<&mut Vec<Value>> {
    if bundle.get("resourceType").and_then(Value::as_str) != Some("Bundle") {
        return Err(Error::InvalidArgument("not a FHIR Bundle"));
    }
    match bundle.get_mut("entry") {
        Some(Value::Array(entries)) => Ok(entries),
        _ => Err(Error::InvalidArgument("a Bundle without an entry array")),
    }
}

/// `fullUrl`, or `ResourceType/id`.
fn entry_record_id(entry: &Value, resource: &Value) -> Option<String> {
    if let Some(full_url) = entry.get("fullUrl").and_then(Value::as_str) {
        return Some(full_url.to_owned());
    }
    let resource_type = resource.get("resourceType").and_then(Value::as_str)?;
    let id = resource.get("id").and_then(Value::as_str)?;
    Some(format!("{resource_type}/{id}"))
}
