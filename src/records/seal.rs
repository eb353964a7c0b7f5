//! Sealing a record under a policy (docs/RECORDS.md, "Sealing").
//!
//! The walk goes from the root down; at each node the policy's first matching rule decides the
//! whole subtree. Redacted and denied values are removed (an array closes up, a container left
//! empty is removed); kept and generalized values stay in the clear; encrypted values become
//! compact strings; tokens replace their value. Every value left in the output is listed in the
//! legend. Then one key header per role that the legend names wraps a fresh data key to that
//! role's recipients (one HPKE wrap per recipient per record), each field is encrypted once per
//! role under the role's field key, and each role's MAC covers the manifest.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::base64;
use crate::records::blind_index::IndexKey;
use crate::records::canonical::to_canonical;
use crate::records::field_aead::Nonces;
use crate::records::field_cipher::{self, FieldPlace};
use crate::records::field_keys::{header_context, legend_digest, RoleKeys};
use crate::records::json::{self, MAX_DEPTH};
use crate::records::key_header;
use crate::records::legend::{self, LegendEntry, RoleHeader, RESERVED_MEMBER};
use crate::records::path;
use crate::records::policy::Policy;
use crate::records::walk::{Pending, Walk};

/// Deepest record that can be sealed (a token with encryption adds one level).
pub const MAX_RECORD_DEPTH: usize = MAX_DEPTH - 1;

/// Options of [`seal_record`].
#[derive(Clone, Copy, Debug)]
pub struct SealOptions<'a> {
    /// The record's id (1 to 512 bytes), bound into every field and key header.
    pub record_id: &'a str,
    /// The sender's key pair, for authenticated (HPKE auth mode) key headers.
    pub sender: Option<&'a KeyPair>,
    /// The clinic's blind-index root key; required when the policy has `token` rules.
    pub index_key: Option<&'a IndexKey>,
}

/// Seals `record` (a JSON object) under `policy` for the recipients of each role.
///
/// `recipients_by_role` maps role names to public keys; every role that the record's legend
/// names needs at least one recipient, and names the policy does not declare are refused.
///
/// # Errors
/// [`Error::InvalidArgument`] for a record that is not an object, holds `_phiseal`, does not fit
/// the policy (e.g. a `year` rule on a non-date), a missing index key or recipients;
/// [`Error::LimitExceeded`] beyond [`MAX_RECORD_DEPTH`]; key and random errors.
pub fn seal_record(
    record: &Value,
    policy: &Policy,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &SealOptions<'_>,
) -> Result<Value> {
    let Value::Object(members) = record else {
        return Err(Error::InvalidArgument("a record is a JSON object"));
    };
    if members.contains_key(RESERVED_MEMBER) {
        return Err(Error::InvalidArgument("a record must not contain the reserved member _phiseal"));
    }
    legend::check_record_id(options.record_id)?;
    json::check_limits(record, MAX_RECORD_DEPTH)?;
    check_recipient_roles(policy, recipients_by_role)?;
    let mut walk = Walk {
        policy,
        resource_type: members.get("resourceType").and_then(Value::as_str),
        index_key: options.index_key,
        legend: Vec::new(),
        values: Vec::new(),
        pending: Vec::new(),
    };
    let mut body = walk.object(members, &mut Vec::new(), &mut Vec::new())?;
    let Walk { legend, mut values, pending, .. } = walk;
    let (legend_value, legend_text) = legend::legend_json(&legend)?;
    let role_keys = seal_role_headers(policy, &legend, &legend_text, recipients_by_role, options)?;
    fill_pending(&mut body, &legend, &mut values, pending, &role_keys, options.record_id)?;
    let manifest = legend::manifest_of_canonical(options.record_id, &legend_text, &values);
    finish(body, legend_value, &manifest, role_keys, options.record_id)
}

/// [`seal_record`] on JSON text, parsed strictly first.
///
/// # Errors
/// As [`seal_record`], and the parse errors of [`json::parse`].
pub fn seal_record_json(
    record: &str,
    policy: &Policy,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &SealOptions<'_>,
) -> Result<Value> {
    seal_record(&json::parse(record)?, policy, recipients_by_role, options)
}

fn check_recipient_roles(policy: &Policy, recipients_by_role: &BTreeMap<String, Vec<PublicKey>>) -> Result<()> {
    if recipients_by_role.keys().any(|role| !policy.roles().contains(role)) {
        return Err(Error::InvalidArgument("recipients given for a role the policy does not declare"));
    }
    Ok(())
}

/// One key header per role named in the legend, in policy order.
fn seal_role_headers(
    policy: &Policy,
    legend: &[LegendEntry],
    legend_text: &str,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &SealOptions<'_>,
) -> Result<Vec<(String, RoleKeys, Vec<u8>)>> {
    let used = policy.roles().iter().filter(|role| legend.iter().any(|entry| entry.roles.contains(role)));
    let digest = legend_digest(legend_text);
    let mut out = Vec::new();
    for role in used {
        let recipients = recipients_by_role.get(role).filter(|keys| !keys.is_empty());
        let recipients = recipients.ok_or(Error::InvalidArgument("a role the record needs has no recipients"))?;
        let context = header_context(options.record_id, role, &digest);
        let (data_key, header) = key_header::seal_header(recipients, options.sender, &context)?;
        out.push((role.clone(), RoleKeys::derive(data_key.expose())?, header));
    }
    Ok(out)
}

fn fill_pending(
    body: &mut Map<String, Value>,
    legend: &[LegendEntry],
    values: &mut [String],
    pending: Vec<Pending>,
    role_keys: &[(String, RoleKeys, Vec<u8>)],
    record_id: &str,
) -> Result<()> {
    let mut root = Value::Object(core::mem::take(body));
    let mut nonces = Nonces::draw(pending.iter().map(|field| field.plaintexts.len()).sum())?;
    for field in pending {
        let entry = legend.get(field.entry).ok_or(Error::InvalidArgument("legend"))?;
        let place = FieldPlace { record_id, path: &entry.path };
        let segments = entry.roles.iter().zip(&field.plaintexts).map(|(role, plaintext)| {
            let keys = role_keys.iter().find(|(name, ..)| name == role).map(|(_, keys, _)| keys);
            Ok((keys.ok_or(Error::InvalidArgument("legend"))?, role.as_str(), plaintext.as_slice()))
        });
        let sealed = Value::String(field_cipher::seal_field(&mut nonces, &place, segments)?);
        let value = match field.token {
            Some(token) => {
                let mut pair = Map::with_capacity(2);
                pair.insert("$token".to_owned(), Value::String(token));
                pair.insert("$sealed".to_owned(), sealed);
                Value::Object(pair)
            }
            None => sealed,
        };
        *values.get_mut(field.entry).ok_or(Error::InvalidArgument("legend"))? = to_canonical(&value);
        *path::get_mut(&mut root, &field.steps).ok_or(Error::InvalidArgument("legend"))? = value;
    }
    if let Value::Object(map) = root {
        *body = map;
    }
    Ok(())
}

/// Adds `_phiseal`: the legend and, per role, the key header and the manifest MAC.
fn finish(
    mut body: Map<String, Value>,
    legend_value: Value,
    manifest: &[u8],
    role_keys: Vec<(String, RoleKeys, Vec<u8>)>,
    record_id: &str,
) -> Result<Value> {
    let mut roles = BTreeMap::new();
    for (role, keys, header) in role_keys {
        let mac = keys.manifest_mac(manifest)?;
        roles.insert(role, RoleHeader { keys: base64::encode(&header), mac: base64::encode(&mac) });
    }
    body.insert(RESERVED_MEMBER.to_owned(), legend::sealed_member(record_id, legend_value, &roles)?);
    Ok(Value::Object(body))
}
