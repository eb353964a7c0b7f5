//! Opening a sealed record (docs/RECORDS.md, "Opening").
//!
//! All or nothing: the header is parsed, every value of the record must sit at a legend path
//! and every legend path must hold a value, each role the identity belongs to must unlock its
//! key header and verify its manifest MAC, and every field those roles can open must decrypt.
//! Only then is anything returned; any failure is an error and no field is released.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::envelope::DataKey;
use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::base64;
use crate::records::canonical;
use crate::records::field_aead::FieldKey;
use crate::records::field_cipher::{self, FieldPlace, SEALED_PREFIX, SEALED_PREFIX_V1};
use crate::records::field_keys::{header_context, legend_digest, RoleKeys};
use crate::records::generalize::Generalization;
use crate::records::json;
use crate::records::key_header;
use crate::records::legend::{self, Header, LegendAction, LegendEntry, RoleHeader, FORMAT_V1, RESERVED_MEMBER};
use crate::records::path::{self, Step};
use crate::records::role_sets;
use crate::records::set_keys::{self, RoleKeysV2, SET_KEY_LEN};

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
    let record_id = unlocked.header.record_id.as_str();
    for entry in &unlocked.header.legend {
        if entry.roles.is_empty() {
            continue;
        }
        let plaintext = match &unlocked.keys {
            FieldKeys::V1(keys) => match pick_role(entry, keys) {
                Some((role, keys)) => Some(open_entry(&unlocked.body, entry, role, keys, record_id)?),
                None => None,
            },
            FieldKeys::V2(sets) => open_entry_v2(&unlocked.body, entry, &unlocked.roles, sets)?,
        };
        match plaintext {
            Some(plaintext) => {
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
        roles: unlocked.roles,
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

/// A verified sealed record and the keys an identity holds for its fields.
pub(crate) struct Unlocked {
    pub header: Header,
    pub body: Value,
    /// The roles whose key headers the identity unlocked, in header order.
    pub roles: Vec<String>,
    pub keys: FieldKeys,
    pub sender: Option<PublicKey>,
}

/// The field keys of the unlocked roles: per role (format version 1) or per role set (2).
pub(crate) enum FieldKeys {
    V1(Vec<(String, RoleKeys)>),
    /// Set id to the set key's cipher, for every set that holds an unlocked role.
    V2(BTreeMap<Vec<u8>, FieldKey>),
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
    let (roles, keys, senders) = match header.version {
        FORMAT_V1 => unlock_v1(&header, &values, identity)?,
        _ => unlock_v2(&header, &values, identity)?,
    };
    if roles.is_empty() {
        return Err(Error::NoMatchingRecipient);
    }
    // One sender for the record only when every header this identity unlocked names it.
    let sender = senders.first().copied().flatten().filter(|first| senders.iter().all(|s| s.as_ref() == Some(first)));
    Ok(Unlocked { header, body, roles, keys, sender })
}

type Unlocks = (Vec<String>, FieldKeys, Vec<Option<PublicKey>>);

/// Opens the key header of `role` if `identity` is one of its recipients (`None` if not).
fn open_role_header(
    role_header: &RoleHeader,
    identity: &KeyPair,
    context: &[u8],
) -> Result<Option<(DataKey, Option<PublicKey>)>> {
    match key_header::open_header(&base64::decode(&role_header.keys)?, identity, context) {
        Ok(opened) => Ok(Some(opened)),
        Err(Error::NoMatchingRecipient) => Ok(None),
        Err(other) => Err(other),
    }
}

fn unlock_v1(header: &Header, values: &[&Value], identity: &KeyPair) -> Result<Unlocks> {
    let manifest = legend::manifest(&header.record_id, &header.legend_canonical, values);
    let (mut roles, mut keys, mut senders) = (Vec::new(), Vec::new(), Vec::new());
    let digest = legend_digest(&header.legend_canonical);
    for (role, role_header) in &header.roles {
        let context = header_context(&header.record_id, role, &digest);
        let Some((data_key, sender)) = open_role_header(role_header, identity, &context)? else { continue };
        let role_keys = RoleKeys::derive(data_key.expose())?;
        role_keys.verify_manifest_mac(&manifest, &base64::decode(&role_header.mac)?)?;
        roles.push(role.clone());
        keys.push((role.clone(), role_keys));
        senders.push(sender);
    }
    Ok((roles, FieldKeys::V1(keys), senders))
}

fn unlock_v2(header: &Header, values: &[&Value], identity: &KeyPair) -> Result<Unlocks> {
    let digest = legend_digest(&header.legend_canonical);
    let sets_text = legend::sets_canonical(
        header.roles.iter().map(|(role, role_header)| (role.as_str(), role_header.sets.as_deref().unwrap_or_default())),
    );
    let mut values_text = String::from("[");
    for (index, value) in values.iter().enumerate() {
        if index > 0 {
            values_text.push(',');
        }
        canonical::write(value, &mut values_text);
    }
    values_text.push(']');
    let hash = set_keys::manifest_hash(&header.record_id, &digest, &sets_text, &values_text);
    let record_sets = record_sets(&header.legend);
    let (mut roles, mut sets, mut senders) = (Vec::new(), BTreeMap::new(), Vec::new());
    for (role, role_header) in &header.roles {
        let context = set_keys::header_context(&header.record_id, role, &digest);
        let Some((data_key, sender)) = open_role_header(role_header, identity, &context)? else { continue };
        let role_keys = RoleKeysV2::derive(data_key.expose())?;
        role_keys.verify_manifest_mac(&hash, &base64::decode(&role_header.mac)?)?;
        let wraps = base64::decode(role_header.sets.as_deref().ok_or(Error::Malformed("sealed record header"))?)?;
        let ids: Vec<&Vec<u8>> =
            record_sets.iter().filter(|(_, members)| members.contains(role)).map(|(id, _)| id).collect();
        if wraps.len() != ids.len() * SET_KEY_LEN {
            return Err(Error::Malformed("set keys of a role"));
        }
        let pads = role_keys.pads()?;
        for (id, wrap) in ids.into_iter().zip(wraps.chunks_exact(SET_KEY_LEN)) {
            let wrap: &[u8; SET_KEY_LEN] = wrap.try_into().map_err(|_| Error::Malformed("set keys of a role"))?;
            if !sets.contains_key(id) {
                sets.insert(id.clone(), FieldKey::new(&pads.xor(id, wrap)?)?);
            }
        }
        roles.push(role.clone());
        senders.push(sender);
    }
    Ok((roles, FieldKeys::V2(sets), senders))
}

/// Every role set the legend's entries use, by set id (byte order), with its members.
fn record_sets(legend: &[LegendEntry]) -> BTreeMap<Vec<u8>, BTreeSet<String>> {
    let mut sets = BTreeMap::new();
    for entry in legend {
        for (_, members) in role_sets::groups(&entry.roles.iter().collect::<Vec<_>>(), |role| view(entry, role)) {
            let id = role_sets::set_id(members.iter().map(|role| role.as_str()));
            sets.entry(id).or_insert_with(|| members.into_iter().cloned().collect());
        }
    }
    sets
}

fn view(entry: &LegendEntry, role: &String) -> Option<Generalization> {
    entry.views.get(role).copied()
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
                stack.extend(map.iter().map(|(k, v)| (v, [steps.as_slice(), &[Step::Key(k.into())]].concat())));
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

fn locate(body: &Value, pointer: &str) -> Result<Vec<Step<'static>>> {
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

/// The compact string stored for `entry` (`encrypt`: the string; `token`: `$sealed`).
fn compact_of<'b>(body: &'b Value, entry: &LegendEntry) -> Result<&'b str> {
    let steps = locate(body, &entry.path)?;
    let stored = path::get(body, &steps).ok_or(MISSING)?;
    match (entry.action, stored) {
        (LegendAction::Encrypt, Value::String(text)) => Ok(text.as_str()),
        (LegendAction::Token, Value::Object(map))
            if map.len() == 2 && map.get("$token").is_some_and(Value::is_string) =>
        {
            map.get("$sealed").and_then(Value::as_str).ok_or(Error::Malformed("encrypted value"))
        }
        _ => Err(Error::Malformed("encrypted value")),
    }
}

fn open_entry(body: &Value, entry: &LegendEntry, role: &str, keys: &RoleKeys, record_id: &str) -> Result<Value> {
    let compact = compact_of(body, entry)?;
    let segments = field_cipher::segments(compact, SEALED_PREFIX_V1, entry.roles.len())?;
    let index = entry.roles.iter().position(|r| r == role).ok_or(Error::Malformed("legend roles"))?;
    let segment = segments.get(index).ok_or(Error::Malformed("encrypted value"))?;
    field_cipher::open_segment(keys, &FieldPlace { record_id, path: &entry.path }, role, segment)
}

/// Format version 2: the group to open is the first whose roles get the exact value and hold
/// one of `held`, else the first (in segment order) that holds one; `None` if no group does.
fn open_entry_v2(
    body: &Value,
    entry: &LegendEntry,
    held: &[String],
    sets: &BTreeMap<Vec<u8>, FieldKey>,
) -> Result<Option<Value>> {
    let roles: Vec<&String> = entry.roles.iter().collect();
    let groups = role_sets::groups(&roles, |role| view(entry, role));
    let holds = |members: &[&String]| members.iter().any(|role| held.contains(role));
    let pick = groups
        .iter()
        .position(|(view, members)| view.is_none() && holds(members))
        .or_else(|| groups.iter().position(|(_, members)| holds(members)));
    let Some(index) = pick else { return Ok(None) };
    let compact = compact_of(body, entry)?;
    let segments = field_cipher::segments(compact, SEALED_PREFIX, groups.len())?;
    let (segment, (_, members)) =
        segments.get(index).zip(groups.get(index)).ok_or(Error::Malformed("encrypted value"))?;
    let id = role_sets::set_id(members.iter().map(|role| role.as_str()));
    let key = sets.get(&id).ok_or(Error::Malformed("set keys of a role"))?;
    field_cipher::open_set_segment(key, &entry.path, segment).map(Some)
}
