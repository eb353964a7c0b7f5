//! Opening a sealed record (docs/RECORDS.md, "Opening").
//!
//! All or nothing: the header is parsed, every value of the record must sit at a legend path
//! and every legend path must hold a value, each role the identity belongs to must unlock its
//! key header and verify its manifest MAC, and every field those roles can open must decrypt.
//! Only then is anything returned; any failure is an error and no field is released.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::base64;
use crate::records::field_cipher::{self, FieldPlace};
use crate::records::field_keys::{header_context, legend_digest, RoleKeys};
use crate::records::json;
use crate::records::key_header;
use crate::records::legend::{self, Header, LegendAction, LegendEntry, RESERVED_MEMBER};
use crate::records::path::{self, Step};

/// A record opened by one identity. `Debug` prints paths and roles, never the record's values.
#[derive(Clone, PartialEq)]
pub struct OpenedRecord {
    /// The record without `_phiseal`, with every field the identity's roles may open in the clear.
    pub value: Value,
    /// The record id bound into the sealed record (compare it with the id you asked for, or use
    /// [`open_record_expecting`]).
    pub record_id: String,
    /// The roles whose key headers this identity unlocked, in header order.
    pub roles: Vec<String>,
    /// Paths (RFC 6901) of values that stayed encrypted for this identity.
    pub sealed_paths: Vec<String>,
    /// The authenticated sender (HPKE auth mode), when every key header this identity
    /// unlocked was sealed by that same sender; `None` otherwise.
    pub sender: Option<PublicKey>,
}

impl core::fmt::Debug for OpenedRecord {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OpenedRecord")
            .field("value", &"[redacted]")
            .field("record_id", &"[redacted]")
            .field("roles", &self.roles)
            .field("sealed_paths", &self.sealed_paths)
            .field("sender", &self.sender)
            .finish()
    }
}

/// Opens `sealed` with `identity`.
///
/// # Errors
/// [`Error::NoMatchingRecipient`] when the identity is in none of the record's roles;
/// [`Error::AuthFailed`] when a key header, MAC or field fails to authenticate (moved, swapped or
/// altered values, an edited legend); [`Error::Malformed`] for a missing field, a value outside
/// the legend or a bad encoding; [`Error::UnsupportedVersion`] for another format version.
pub fn open_record(sealed: &Value, identity: &KeyPair) -> Result<OpenedRecord> {
    let unlocked = unlock(sealed, identity)?;
    let mut value = unlocked.body.clone();
    let mut sealed_paths = Vec::new();
    for entry in &unlocked.header.legend {
        if entry.roles.is_empty() {
            continue;
        }
        match pick_role(entry, &unlocked.keys) {
            Some((role, keys)) => {
                let plaintext = open_entry(&unlocked.body, entry, role, keys, &unlocked.header.record_id)?;
                let steps = locate(&unlocked.body, &entry.path)?;
                *path::get_mut(&mut value, &steps).ok_or(Error::Malformed("sealed field missing"))? = plaintext;
            }
            None => sealed_paths.push(entry.path.clone()),
        }
    }
    Ok(OpenedRecord {
        value,
        sender: unlocked.sender,
        record_id: unlocked.header.record_id,
        roles: unlocked.keys.into_iter().map(|(role, _)| role).collect(),
        sealed_paths,
    })
}

/// [`open_record`], failing with [`Error::AuthFailed`] unless the record was sealed under
/// `record_id` (so a sealed record cannot be passed off as another).
///
/// # Errors
/// As [`open_record`].
pub fn open_record_expecting(sealed: &Value, identity: &KeyPair, record_id: &str) -> Result<OpenedRecord> {
    let opened = open_record(sealed, identity)?;
    if opened.record_id != record_id {
        return Err(Error::AuthFailed);
    }
    Ok(opened)
}

/// [`open_record`] on JSON text, parsed strictly first.
///
/// # Errors
/// As [`open_record`], and the parse errors of [`json::parse`].
pub fn open_record_json(sealed: &str, identity: &KeyPair) -> Result<OpenedRecord> {
    open_record(&json::parse(sealed)?, identity)
}

/// A verified sealed record and the role keys an identity holds for it.
pub(crate) struct Unlocked {
    pub header: Header,
    pub body: Value,
    pub keys: Vec<(String, RoleKeys)>,
    pub sender: Option<PublicKey>,
}

/// Parses and verifies everything but the field ciphertexts.
pub(crate) fn unlock(sealed: &Value, identity: &KeyPair) -> Result<Unlocked> {
    let Value::Object(members) = sealed else {
        return Err(Error::Malformed("a sealed record is a JSON object"));
    };
    let header = Header::parse(members.get(RESERVED_MEMBER).ok_or(Error::Malformed("not a sealed record"))?)?;
    let mut body_members = members.clone();
    body_members.remove(RESERVED_MEMBER);
    let body = Value::Object(body_members);
    check_coverage(&body, &header.legend)?;
    let values = header
        .legend
        .iter()
        .map(|entry| path::resolve(&body, &path::pointer_tokens(&entry.path)?).map(|(v, _)| v).ok_or(MISSING))
        .collect::<Result<Vec<_>>>()?;
    let manifest = legend::manifest(&header.record_id, &header.legend_canonical, &values);
    let mut keys = Vec::new();
    let mut senders = Vec::new();
    let digest = legend_digest(&header.legend_canonical);
    for (role, role_header) in &header.roles {
        let context = header_context(&header.record_id, role, &digest);
        let (data_key, sender) = match key_header::open_header(&base64::decode(&role_header.keys)?, identity, &context)
        {
            Ok(opened) => opened,
            Err(Error::NoMatchingRecipient) => continue,
            Err(other) => return Err(other),
        };
        let role_keys = RoleKeys::derive(data_key.expose())?;
        role_keys.verify_manifest_mac(&manifest, &base64::decode(&role_header.mac)?)?;
        keys.push((role.clone(), role_keys));
        senders.push(sender);
    }
    if keys.is_empty() {
        return Err(Error::NoMatchingRecipient);
    }
    // One sender for the record only when every header this identity unlocked names it.
    let sender = senders.first().copied().flatten().filter(|first| senders.iter().all(|s| s.as_ref() == Some(first)));
    Ok(Unlocked { header, body, keys, sender })
}

const MISSING: Error = Error::Malformed("sealed field missing");

/// Every legend path holds a value, and every value lies at or below a legend path.
fn check_coverage(body: &Value, legend: &[LegendEntry]) -> Result<()> {
    let paths: BTreeSet<&str> = legend.iter().map(|entry| entry.path.as_str()).collect();
    for entry in legend {
        locate(body, &entry.path)?;
    }
    let mut stack: Vec<(&Value, Vec<Step>)> = vec![(body, Vec::new())];
    while let Some((node, steps)) = stack.pop() {
        if !steps.is_empty() && paths.contains(path::to_pointer(&steps).as_str()) {
            continue;
        }
        match node {
            Value::Object(map) if !map.is_empty() || steps.is_empty() => {
                stack.extend(map.iter().map(|(k, v)| (v, [steps.as_slice(), &[Step::Key(k.clone())]].concat())));
            }
            Value::Array(items) if !items.is_empty() => {
                stack
                    .extend(items.iter().enumerate().map(|(i, v)| (v, [steps.as_slice(), &[Step::Index(i)]].concat())));
            }
            _ => return Err(Error::Malformed("value not covered by the legend")),
        }
    }
    Ok(())
}

fn locate(body: &Value, pointer: &str) -> Result<Vec<Step>> {
    path::resolve(body, &path::pointer_tokens(pointer)?).map(|(_, steps)| steps).ok_or(MISSING)
}

/// The identity's role to open `entry` with: the first in the entry's role order that gets
/// the exact value, else the first that gets a generalized value.
fn pick_role<'k>(entry: &LegendEntry, keys: &'k [(String, RoleKeys)]) -> Option<(&'k str, &'k RoleKeys)> {
    let held = |exact: bool| {
        entry
            .roles
            .iter()
            .filter(|role| entry.views.contains_key(*role) != exact)
            .find_map(|role| keys.iter().find(|(held, _)| held == role))
            .map(|(role, keys)| (role.as_str(), keys))
    };
    held(true).or_else(|| held(false))
}

fn open_entry(body: &Value, entry: &LegendEntry, role: &str, keys: &RoleKeys, record_id: &str) -> Result<Value> {
    let steps = locate(body, &entry.path)?;
    let stored = path::get(body, &steps).ok_or(MISSING)?;
    let compact = match (entry.action, stored) {
        (LegendAction::Encrypt, Value::String(text)) => text.as_str(),
        (LegendAction::Token, Value::Object(map))
            if map.len() == 2 && map.get("$token").is_some_and(Value::is_string) =>
        {
            map.get("$sealed").and_then(Value::as_str).ok_or(Error::Malformed("encrypted value"))?
        }
        _ => return Err(Error::Malformed("encrypted value")),
    };
    let segments = field_cipher::segments(compact, entry.roles.len())?;
    let index = entry.roles.iter().position(|r| r == role).ok_or(Error::Malformed("legend roles"))?;
    let segment = segments.get(index).ok_or(Error::Malformed("encrypted value"))?;
    field_cipher::open_segment(keys, &FieldPlace { record_id, path: &entry.path }, role, segment)
}
