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
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::base64;
use crate::records::blind_index::{blind_index, token_input, IndexKey};
use crate::records::field_cipher::{self, FieldPlace};
use crate::records::field_keys::{header_context, RoleKeys};
use crate::records::json::{self, MAX_DEPTH};
use crate::records::key_header;
use crate::records::legend::{
    self, Header, LegendAction, LegendEntry, RoleHeader, RESERVED_MEMBER,
};
use crate::records::path::{self, Step};
use crate::records::policy::{Action, Decision, Policy};

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
        return Err(Error::InvalidArgument(
            "a record must not contain the reserved member _phiseal",
        ));
    }
    legend::check_record_id(options.record_id)?;
    json::check_limits(record, MAX_RECORD_DEPTH)?;
    check_recipient_roles(policy, recipients_by_role)?;
    let mut walk = Walk {
        policy,
        resource_type: members.get("resourceType").and_then(Value::as_str),
        index_key: options.index_key,
        legend: Vec::new(),
        pending: Vec::new(),
    };
    let mut body = walk.object(members, &mut Vec::new(), &mut Vec::new())?;
    let Walk {
        legend, pending, ..
    } = walk;
    let legend_text = legend::legend_canonical(&legend)?;
    let role_keys = seal_role_headers(policy, &legend, &legend_text, recipients_by_role, options)?;
    fill_pending(&mut body, &legend, pending, &role_keys, options.record_id)?;
    finish(body, legend, &legend_text, role_keys, options.record_id)
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

fn check_recipient_roles(
    policy: &Policy,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
) -> Result<()> {
    if recipients_by_role
        .keys()
        .any(|role| !policy.roles().contains(role))
    {
        return Err(Error::InvalidArgument(
            "recipients given for a role the policy does not declare",
        ));
    }
    Ok(())
}

/// A field waiting for its role keys.
struct Pending {
    steps: Vec<Step>,
    entry: usize,
    plaintexts: Vec<Zeroizing<Vec<u8>>>,
    token: Option<String>,
}

struct Walk<'a> {
    policy: &'a Policy,
    resource_type: Option<&'a str>,
    index_key: Option<&'a IndexKey>,
    legend: Vec<LegendEntry>,
    pending: Vec<Pending>,
}

impl Walk<'_> {
    /// `input` is the location in the record (for selectors), `output` in the sealed record.
    fn node(
        &mut self,
        node: &Value,
        input: &mut Vec<Step>,
        output: &mut Vec<Step>,
    ) -> Result<Option<Value>> {
        let is_empty = match node {
            Value::Object(map) => map.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => true,
        };
        match self.policy.decide(input, self.resource_type) {
            Decision::Apply(action) => self.apply(action, node, output),
            Decision::Descend if is_empty => self.apply(self.policy.default_action(), node, output),
            Decision::Descend => {
                let children = match node {
                    Value::Object(map) => Value::Object(self.object(map, input, output)?),
                    Value::Array(items) => Value::Array(self.array(items, input, output)?),
                    _ => return Err(Error::InvalidArgument("unreachable scalar descent")),
                };
                let kept_any = children.as_object().map_or_else(
                    || children.as_array().is_some_and(|a| !a.is_empty()),
                    |m| !m.is_empty(),
                );
                Ok(kept_any.then_some(children))
            }
        }
    }

    fn object(
        &mut self,
        map: &Map<String, Value>,
        input: &mut Vec<Step>,
        output: &mut Vec<Step>,
    ) -> Result<Map<String, Value>> {
        let mut out = Map::new();
        for (name, child) in map {
            input.push(Step::Key(name.clone()));
            output.push(Step::Key(name.clone()));
            let sealed = self.node(child, input, output);
            input.pop();
            output.pop();
            if let Some(value) = sealed? {
                out.insert(name.clone(), value);
            }
        }
        Ok(out)
    }

    fn array(
        &mut self,
        items: &[Value],
        input: &mut Vec<Step>,
        output: &mut Vec<Step>,
    ) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        for (index, child) in items.iter().enumerate() {
            input.push(Step::Index(index));
            output.push(Step::Index(out.len()));
            let sealed = self.node(child, input, output);
            input.pop();
            output.pop();
            if let Some(value) = sealed? {
                out.push(value);
            }
        }
        Ok(out)
    }

    fn apply(&mut self, action: &Action, node: &Value, output: &[Step]) -> Result<Option<Value>> {
        let (entry_action, roles, views) = match action {
            Action::Redact => return Ok(None),
            Action::Keep => (LegendAction::Keep, Vec::new(), BTreeMap::new()),
            Action::Generalize(_) => (LegendAction::Generalize, Vec::new(), BTreeMap::new()),
            Action::Encrypt { roles, views } => {
                let mut all: Vec<usize> = roles.iter().chain(views.keys()).copied().collect();
                all.sort_unstable();
                (LegendAction::Encrypt, all, views.clone())
            }
            Action::Token { encrypt_for, .. } => {
                (LegendAction::Token, encrypt_for.clone(), BTreeMap::new())
            }
        };
        let value = match action {
            Action::Generalize(generalization) => generalization.apply(node)?,
            Action::Token {
                length,
                normalize,
                index_name,
                ..
            } => {
                let key = self.index_key.ok_or(Error::InvalidArgument(
                    "the policy makes tokens: an index key is required",
                ))?;
                Value::String(blind_index(
                    key,
                    index_name,
                    *normalize,
                    &token_input(node)?,
                    *length,
                )?)
            }
            _ => node.clone(),
        };
        let names = |set: &[usize]| -> Vec<String> {
            set.iter()
                .filter_map(|&r| self.policy.roles().get(r).cloned())
                .collect()
        };
        self.legend.push(LegendEntry {
            path: path::to_pointer(output),
            action: entry_action,
            roles: names(&roles),
            views: views
                .iter()
                .filter_map(|(r, g)| Some((self.policy.roles().get(*r)?.clone(), *g)))
                .collect(),
        });
        if roles.is_empty() {
            return Ok(Some(value));
        }
        let plaintexts = roles
            .iter()
            .map(|role| match views.get(role) {
                Some(generalization) => {
                    field_cipher::padded_plaintext(&generalization.apply(node)?)
                }
                None => field_cipher::padded_plaintext(node),
            })
            .collect::<Result<_>>()?;
        let token = matches!(action, Action::Token { .. })
            .then(|| value.as_str().map(str::to_owned))
            .flatten();
        self.pending.push(Pending {
            steps: output.to_vec(),
            entry: self.legend.len() - 1,
            plaintexts,
            token,
        });
        Ok(Some(Value::Null))
    }
}

/// One key header per role named in the legend, in policy order.
fn seal_role_headers(
    policy: &Policy,
    legend: &[LegendEntry],
    legend_text: &str,
    recipients_by_role: &BTreeMap<String, Vec<PublicKey>>,
    options: &SealOptions<'_>,
) -> Result<Vec<(String, RoleKeys, Vec<u8>)>> {
    let used = policy
        .roles()
        .iter()
        .filter(|role| legend.iter().any(|entry| entry.roles.contains(role)));
    let mut out = Vec::new();
    for role in used {
        let recipients = recipients_by_role.get(role).filter(|keys| !keys.is_empty());
        let recipients = recipients.ok_or(Error::InvalidArgument(
            "a role the record needs has no recipients",
        ))?;
        let context = header_context(options.record_id, role, legend_text);
        let (data_key, header) = key_header::seal_header(recipients, options.sender, &context)?;
        out.push((role.clone(), RoleKeys::derive(data_key.expose())?, header));
    }
    Ok(out)
}

fn fill_pending(
    body: &mut Map<String, Value>,
    legend: &[LegendEntry],
    pending: Vec<Pending>,
    role_keys: &[(String, RoleKeys, Vec<u8>)],
    record_id: &str,
) -> Result<()> {
    let mut root = Value::Object(core::mem::take(body));
    for field in pending {
        let entry = legend
            .get(field.entry)
            .ok_or(Error::InvalidArgument("legend"))?;
        let place = FieldPlace {
            record_id,
            path: &entry.path,
        };
        let mut segments = Vec::with_capacity(entry.roles.len());
        for (role, plaintext) in entry.roles.iter().zip(&field.plaintexts) {
            let keys = role_keys
                .iter()
                .find(|(name, ..)| name == role)
                .map(|(_, keys, _)| keys);
            let keys = keys.ok_or(Error::InvalidArgument("legend"))?;
            segments.push(field_cipher::seal_segment(keys, &place, role, plaintext)?);
        }
        let sealed = Value::String(field_cipher::compact(&segments));
        let value = match field.token {
            Some(token) => serde_json::json!({"$token": token, "$sealed": sealed}),
            None => sealed,
        };
        *path::get_mut(&mut root, &field.steps).ok_or(Error::InvalidArgument("legend"))? = value;
    }
    if let Value::Object(map) = root {
        *body = map;
    }
    Ok(())
}

fn finish(
    mut body: Map<String, Value>,
    legend: Vec<LegendEntry>,
    legend_text: &str,
    role_keys: Vec<(String, RoleKeys, Vec<u8>)>,
    record_id: &str,
) -> Result<Value> {
    let root = Value::Object(body.clone());
    let values = legend
        .iter()
        .map(|entry| {
            let tokens = path::pointer_tokens(&entry.path)?;
            path::resolve(&root, &tokens)
                .map(|(value, _)| value)
                .ok_or(Error::InvalidArgument("legend"))
        })
        .collect::<Result<Vec<_>>>()?;
    let manifest = legend::manifest(record_id, legend_text, &values);
    let mut roles = BTreeMap::new();
    for (role, keys, header) in role_keys {
        let mac = keys.manifest_mac(&manifest)?;
        roles.insert(
            role,
            RoleHeader {
                keys: base64::encode(&header),
                mac: base64::encode(&mac),
            },
        );
    }
    let header = Header {
        record_id: record_id.to_owned(),
        legend,
        legend_canonical: legend_text.to_owned(),
        roles,
    };
    body.insert(RESERVED_MEMBER.to_owned(), header.to_value()?);
    Ok(Value::Object(body))
}
