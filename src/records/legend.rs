//! The reserved `_phiseal` member of a sealed record: format version, record id, the legend
//! (which path got which action for which roles) and, per role, the key header and the manifest
//! MAC (docs/RECORDS.md, "Sealed record format").
//!
//! The manifest is what each role's MAC covers: the record id, the legend and the value found
//! at every legend path, so editing the legend, deleting a field, adding one, or changing a
//! kept, generalized, token or encrypted value is detected by every role that opens the record.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::records::canonical::{self, to_canonical};
use crate::records::field_keys::MANIFEST_LABEL;
use crate::records::generalize::Generalization;
use crate::records::path;
use crate::records::policy::MAX_ROLES;

/// Name of the reserved top-level member.
pub const RESERVED_MEMBER: &str = "_phiseal";
/// The sealed record format version new records are sealed as. Records of version 1 still open.
pub const RECORD_FORMAT_VERSION: u64 = 2;
/// The first format version (one ciphertext segment per role), still opened.
pub(crate) const FORMAT_V1: u64 = 1;
/// Longest record id, in bytes.
pub const MAX_RECORD_ID_LEN: usize = 512;

/// What was done at one path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LegendAction {
    /// The value is a `phs2.` compact string (`phs1.` in format version 1).
    Encrypt,
    /// The value is a `pht1.` token, or `{"$token", "$sealed"}` when `roles` is not empty.
    Token,
    /// The value was generalized, in the clear.
    Generalize,
    /// The value is as it was, in the clear.
    Keep,
}

impl LegendAction {
    /// The name the legend uses (its serde form).
    pub(crate) fn name(self) -> &'static str {
        match self {
            LegendAction::Encrypt => "encrypt",
            LegendAction::Token => "token",
            LegendAction::Generalize => "generalize",
            LegendAction::Keep => "keep",
        }
    }
}

/// One legend entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegendEntry {
    /// RFC 6901 pointer to the value in the sealed record.
    pub path: String,
    /// What was done.
    pub action: LegendAction,
    /// Roles that can open the value, in policy order (in format version 1 one ciphertext
    /// segment each; in version 2 one segment per group of roles that get the same value).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Roles among `roles` that get a generalized value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub views: BTreeMap<String, Generalization>,
}

/// One role's part of the header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleHeader {
    /// base64url key header (data key wrapped to the role's recipients).
    pub keys: String,
    /// base64url HMAC-SHA256 of the manifest (version 2: of the manifest hash) under the
    /// role's MAC key.
    pub mac: String,
    /// Version 2 only: base64url of the role's wrapped role-set keys, 32 bytes per set the role
    /// is in, in byte order of the set ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<String>,
}

/// The parsed `_phiseal` member.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    /// 1 or 2.
    pub version: u64,
    pub record_id: String,
    pub legend: Vec<LegendEntry>,
    pub legend_canonical: String,
    pub roles: BTreeMap<String, RoleHeader>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderFields {
    #[serde(rename = "v")]
    _version: u64, // checked before deserializing
    #[serde(rename = "recordId")]
    record_id: String,
    legend: Value,
    roles: BTreeMap<String, RoleHeader>,
}

impl Header {
    /// Parses and checks `_phiseal` for internal consistency.
    ///
    /// # Errors
    /// [`Error::UnsupportedVersion`] for another version; [`Error::Malformed`] otherwise.
    pub(crate) fn parse(member: &Value) -> Result<Self> {
        let version = match member.get("v") {
            Some(Value::Number(v)) => match v.as_u64() {
                Some(version @ (FORMAT_V1 | RECORD_FORMAT_VERSION)) => version,
                _ => return Err(Error::UnsupportedVersion),
            },
            _ => return Err(Error::Malformed("sealed record header")),
        };
        let fields: HeaderFields =
            serde_json::from_value(member.clone()).map_err(|_| Error::Malformed("sealed record header"))?;
        let legend: Vec<LegendEntry> =
            serde_json::from_value(fields.legend.clone()).map_err(|_| Error::Malformed("sealed record legend"))?;
        check_record_id(&fields.record_id).map_err(|_| Error::Malformed("sealed record id"))?;
        if fields.roles.len() > MAX_ROLES {
            // Checked before any key agreement: each role costs an HPKE decapsulation.
            return Err(Error::LimitExceeded("roles in a sealed record"));
        }
        // Version 2 role headers carry set keys, version 1 ones do not. A header claiming
        // version 2 without them is not a version this opener knows (e.g. a relabelled v1 record).
        match version {
            FORMAT_V1 if fields.roles.values().any(|role| role.sets.is_some()) => {
                return Err(Error::Malformed("sealed record header"));
            }
            FORMAT_V1 => {}
            _ if fields.roles.values().any(|role| role.sets.is_none()) => return Err(Error::UnsupportedVersion),
            _ => {}
        }
        check_legend(&legend, &fields.roles)?;
        Ok(Header {
            version,
            record_id: fields.record_id,
            legend_canonical: to_canonical(&fields.legend),
            legend,
            roles: fields.roles,
        })
    }
}

/// A record id is 1 to [`MAX_RECORD_ID_LEN`] bytes.
pub(crate) fn check_record_id(record_id: &str) -> Result<()> {
    if record_id.is_empty() || record_id.len() > MAX_RECORD_ID_LEN {
        return Err(Error::InvalidArgument("record id must be 1 to 512 bytes"));
    }
    Ok(())
}

/// The `_phiseal` member of a record being sealed, its legend given as JSON.
pub(crate) fn sealed_member(record_id: &str, legend: Value, roles: &BTreeMap<String, RoleHeader>) -> Result<Value> {
    let roles = serde_json::to_value(roles).map_err(|_| Error::Malformed("legend"))?;
    // Built by hand: `json!` would copy the legend value instead of moving it.
    let mut member = Map::with_capacity(4);
    member.insert("v".to_owned(), Value::from(RECORD_FORMAT_VERSION));
    member.insert("recordId".to_owned(), Value::String(record_id.to_owned()));
    member.insert("legend".to_owned(), legend);
    member.insert("roles".to_owned(), roles);
    Ok(Value::Object(member))
}

/// The canonical text of `{role: sets}` (format version 2's manifest).
pub(crate) fn sets_canonical<'a>(sets: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    // A BTreeMap of `str` iterates in byte order, the canonical order.
    let sorted: BTreeMap<&str, &str> = sets.into_iter().collect();
    let mut out = String::from("{");
    for (index, (role, wraps)) in sorted.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        canonical::write_string(role, &mut out);
        out.push(':');
        canonical::write_string(wraps, &mut out);
    }
    out.push('}');
    out
}

/// The bytes each role's MAC covers in format version 1.
pub(crate) fn manifest(record_id: &str, legend_canonical: &str, values: &[&Value]) -> Vec<u8> {
    let values: Vec<String> = values.iter().map(|value| to_canonical(value)).collect();
    manifest_of_canonical(record_id, legend_canonical, &values.join(","))
}

/// [`manifest`], given the canonical texts of the values joined with `,`.
fn manifest_of_canonical(record_id: &str, legend_canonical: &str, values: &str) -> Vec<u8> {
    let record_id = to_canonical(&Value::String(record_id.to_owned()));
    let capacity = MANIFEST_LABEL.len() + legend_canonical.len() + record_id.len() + values.len() + 48;
    let mut out = Vec::with_capacity(capacity);
    out.extend_from_slice(MANIFEST_LABEL);
    out.push(0);
    out.extend_from_slice(b"{\"legend\":");
    out.extend_from_slice(legend_canonical.as_bytes());
    out.extend_from_slice(b",\"recordId\":");
    out.extend_from_slice(record_id.as_bytes());
    out.extend_from_slice(format!(",\"v\":{FORMAT_V1},\"values\":[").as_bytes());
    out.extend_from_slice(values.as_bytes());
    out.extend_from_slice(b"]}");
    out
}

/// Paths unique and valid, none inside another; roles consistent with the key headers.
fn check_legend(legend: &[LegendEntry], headers: &BTreeMap<String, RoleHeader>) -> Result<()> {
    let mut paths = BTreeSet::new();
    let mut used_roles = BTreeSet::new();
    for entry in legend {
        let tokens = path::pointer_tokens(&entry.path).map_err(|_| Error::Malformed("legend path"))?;
        if tokens.is_empty() || tokens.first().is_some_and(|first| first == RESERVED_MEMBER) {
            return Err(Error::Malformed("legend path"));
        }
        if !paths.insert(tokens) {
            return Err(Error::Malformed("legend lists a path twice"));
        }
        let needs_roles = entry.action == LegendAction::Encrypt;
        let may_have_roles = needs_roles || entry.action == LegendAction::Token;
        if (needs_roles && entry.roles.is_empty()) || (!may_have_roles && !entry.roles.is_empty()) {
            return Err(Error::Malformed("legend roles do not fit the action"));
        }
        let distinct: BTreeSet<&String> = entry.roles.iter().collect();
        if distinct.len() != entry.roles.len() || entry.views.keys().any(|role| !distinct.contains(role)) {
            return Err(Error::Malformed("legend roles"));
        }
        used_roles.extend(entry.roles.iter().cloned());
    }
    // Sorted token lists: an ancestor sorts right before its first descendant.
    let sorted: Vec<&Vec<String>> = paths.iter().collect();
    if sorted.windows(2).any(|pair| matches!(pair, [a, b] if b.starts_with(a))) {
        return Err(Error::Malformed("legend path inside another"));
    }
    if !used_roles.iter().eq(headers.keys()) {
        return Err(Error::Malformed("legend roles and key headers disagree"));
    }
    Ok(())
}
