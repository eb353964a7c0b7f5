//! Sealing a record under a policy (docs/RECORDS.md, "Sealing").
//!
//! The walk goes from the root down; at each node the policy's first matching rule decides the
//! whole subtree. Redacted and denied values are removed (an array closes up, a container left
//! empty is removed); kept and generalized values stay in the clear; encrypted values become
//! compact strings; tokens replace their value. Every value left in the output is listed in the
//! legend. Each field is encrypted once per group of roles that get the same plaintext, under
//! that role set's key, as the walk meets it (keys are drawn when a value first needs them);
//! then one key header per role that the legend names wraps that role's data key to its
//! recipients, bound to the legend (one HPKE wrap per recipient per record), next to the role's
//! wrapped set keys, and each role MACs the manifest hash (format version 2).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::base64;
use crate::records::blind_index::IndexKey;
use crate::records::field_keys::legend_digest;
use crate::records::json::{self, MAX_DEPTH};
use crate::records::legend::{self, RoleHeader, RESERVED_MEMBER};
use crate::records::legend_builder::{BuiltLegend, LegendBuilder};
use crate::records::policy::Policy;
use crate::records::role_keyring::{RoleKeyring, SealedRole};
use crate::records::sealed_out::{SealedMember, SealedOut, ValueOut};
use crate::records::sealed_text::TextOut;
use crate::records::set_keys;
use crate::records::walk::Walk;

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
    seal_into(record, policy, recipients_by_role, options, ValueOut)
}

/// [`seal_record`], returning the sealed record as compact JSON text: what
/// `serde_json::to_string` writes for the value [`seal_record`] returns, written as the walk
/// goes instead of built as a value tree first (the WebAssembly package returns records to JS
/// as text).
///
/// # Errors
/// As [`seal_record`].
pub fn seal_record_text(
    record: &Value,
    policy: &Policy,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &SealOptions<'_>,
) -> Result<String> {
    seal_into(record, policy, recipients_by_role, options, TextOut::with_capacity(TEXT_CAPACITY))
}

/// Room reserved for a sealed record's text: a FHIR resource with its legend fits.
const TEXT_CAPACITY: usize = 8 << 10;

fn seal_into<O: SealedOut>(
    record: &Value,
    policy: &Policy,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &SealOptions<'_>,
    out: O,
) -> Result<O::Record> {
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
        legend: LegendBuilder::new(),
        keyring: RoleKeyring::new(policy, recipients_by_role, options.record_id),
        out,
    };
    let mut root = walk.out.begin_object(members.len() + 1);
    walk.members(&mut root, members, &mut Vec::new(), &mut Vec::new())?;
    let Walk { legend, keyring, out, .. } = walk;
    let legend = legend.finish();
    let digest = legend_digest(&legend.canonical);
    let roles = keyring.seal_headers(&digest, options.sender)?;
    let roles = role_headers(legend, &digest, roles, options.record_id)?;
    out.finish(root, roles)
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

/// The `_phiseal` member: the legend and, per role, the key header, the set-key wraps and the
/// MAC of the manifest hash.
fn role_headers<'a>(
    legend: BuiltLegend<'a>,
    legend_digest: &[u8; 32],
    sealed_roles: Vec<SealedRole>,
    record_id: &'a str,
) -> Result<SealedMember<'a>> {
    let sets = legend::sets_canonical(sealed_roles.iter().map(|sealed| (sealed.role.as_str(), sealed.sets.as_str())));
    let hash = set_keys::manifest_hash(record_id, legend_digest, &sets, &legend.values_array());
    let mut roles = BTreeMap::new();
    for SealedRole { role, keys, header, sets } in sealed_roles {
        let mac = keys.manifest_mac(&hash)?;
        roles.insert(
            role,
            RoleHeader { keys: base64::encode_public(&header), mac: base64::encode_public(&mac), sets: Some(sets) },
        );
    }
    Ok(SealedMember { record_id, legend, roles })
}
