//! Record policies: which role may open which field (docs/RECORDS.md, "Policy language").
//!
//! A policy is data: a version, the list of roles, a default for fields no rule names
//! (`"deny"` unless it says otherwise) and an ordered list of rules, each a selector and an
//! action. Rules are tried at each node from the root down; the first rule that selects a node
//! decides that node and everything below it. Loading validates everything and reports the
//! rule index; record values never appear in these messages (a policy holds none).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::records::blind_index::{DEFAULT_TOKEN_LEN, MAX_TOKEN_LEN, MIN_TOKEN_LEN};
use crate::records::generalize::Generalization;
use crate::records::json;
use crate::records::normalize::Normalization;
use crate::records::path::Step;
use crate::records::policy_spec::{DefaultName, DefaultSpec, PolicySpec, RuleSpec};
use crate::records::selector::{self, Selector};

/// The only policy version.
pub const POLICY_VERSION: u32 = 1;
/// Most roles in one policy.
pub const MAX_ROLES: usize = 32;
/// Most rules in one policy.
pub const MAX_RULES: usize = 1024;
/// Longest role name, in bytes (`[A-Za-z0-9_-]`).
pub const MAX_ROLE_LEN: usize = 64;

/// A set of roles, as indices into [`Policy::roles`], ascending.
pub(crate) type RoleSet = Vec<usize>;

/// A validated action.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Action {
    Encrypt { roles: RoleSet, views: BTreeMap<usize, Generalization> },
    Token { encrypt_for: RoleSet, length: usize, normalize: Normalization, index_name: String },
    Generalize(Generalization),
    Redact,
    Keep,
}

/// What the policy says about one node.
pub(crate) enum Decision<'p> {
    /// A rule (or the default, for a subtree no rule can reach) decides the whole node.
    Apply(&'p Action),
    /// Look at the children.
    Descend,
}

/// A validated policy, ready to seal records.
#[derive(Clone, Debug)]
pub struct Policy {
    roles: Vec<String>,
    rules: Vec<(Selector, Action)>,
    default: Action,
}

impl Policy {
    /// Loads and validates a policy from JSON text (parsed strictly: duplicate keys and
    /// unknown fields are errors).
    ///
    /// # Errors
    /// [`Error::InvalidPolicy`] naming the rule at fault; [`Error::Malformed`] /
    /// [`Error::LimitExceeded`] for text that is not strict JSON.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::from_value(&json::parse(text)?)
    }

    /// Loads and validates a policy from a JSON value.
    ///
    /// # Errors
    /// As [`Policy::from_json`].
    pub fn from_value(value: &Value) -> Result<Self> {
        let Value::Object(members) = value else {
            return Err(Error::InvalidPolicy("a policy is a JSON object".into()));
        };
        if let Some(Value::Array(rules)) = members.get("rules") {
            // Deserialize rule by rule so that errors can name the rule.
            for (index, rule) in rules.iter().enumerate() {
                serde_json::from_value::<RuleSpec>(rule.clone()).map_err(|e| rule_error(index, &e.to_string()))?;
            }
        }
        let spec: PolicySpec =
            serde_json::from_value(value.clone()).map_err(|e| Error::InvalidPolicy(format!("policy: {e}")))?;
        Self::from_spec(&spec)
    }

    /// Validates a policy built in code.
    ///
    /// # Errors
    /// [`Error::InvalidPolicy`] naming the rule at fault.
    pub fn from_spec(spec: &PolicySpec) -> Result<Self> {
        if spec.version != POLICY_VERSION {
            return Err(Error::InvalidPolicy(format!("unsupported policy version (expected {POLICY_VERSION})")));
        }
        let roles = validate_roles(&spec.roles)?;
        if spec.rules.len() > MAX_RULES {
            return Err(Error::InvalidPolicy(format!("more than {MAX_RULES} rules")));
        }
        let lookup = RoleLookup(&roles);
        let rules = spec
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| compile_rule(index, rule, &lookup))
            .collect::<Result<_>>()?;
        let default = match &spec.default {
            DefaultSpec::Named(DefaultName::Deny) => Action::Redact,
            DefaultSpec::Named(DefaultName::Keep) => Action::Keep,
            DefaultSpec::Encrypt(encrypt) => Action::Encrypt {
                roles: lookup.set(&encrypt.roles).map_err(|why| Error::InvalidPolicy(format!("default: {why}")))?,
                views: BTreeMap::new(),
            },
        };
        Ok(Policy { roles, rules, default })
    }

    /// The policy's roles, in the order they were declared.
    #[must_use]
    pub fn roles(&self) -> &[String] {
        &self.roles
    }

    /// Whether some rule produces blind-index tokens (sealing then needs an index key).
    #[must_use]
    pub fn uses_tokens(&self) -> bool {
        self.rules.iter().any(|(_, action)| matches!(action, Action::Token { .. }))
    }

    /// The action for fields no rule names.
    pub(crate) fn default_action(&self) -> &Action {
        &self.default
    }

    /// The decision for the node at `location` of a record of type `resource_type`.
    pub(crate) fn decide(&self, location: &[Step], resource_type: Option<&str>) -> Decision<'_> {
        if let Some((_, action)) = self.rules.iter().find(|(s, _)| s.matches(location, resource_type)) {
            return Decision::Apply(action);
        }
        if self.rules.iter().any(|(s, _)| s.may_match_below(location, resource_type)) {
            Decision::Descend
        } else {
            Decision::Apply(&self.default)
        }
    }
}

fn rule_error(index: usize, why: &str) -> Error {
    Error::InvalidPolicy(format!("rule {index}: {why}"))
}

fn validate_roles(roles: &[String]) -> Result<Vec<String>> {
    if roles.is_empty() || roles.len() > MAX_ROLES {
        return Err(Error::InvalidPolicy(format!("a policy declares 1 to {MAX_ROLES} roles")));
    }
    for (index, role) in roles.iter().enumerate() {
        let well_formed = !role.is_empty()
            && role.len() <= MAX_ROLE_LEN
            && role.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !well_formed {
            return Err(Error::InvalidPolicy(format!("role {index}: names are 1 to {MAX_ROLE_LEN} of [A-Za-z0-9_-]")));
        }
        if roles.get(..index).is_some_and(|earlier| earlier.contains(role)) {
            return Err(Error::InvalidPolicy(format!("role {index}: duplicate role \"{role}\"")));
        }
    }
    Ok(roles.to_vec())
}

struct RoleLookup<'a>(&'a [String]);

impl RoleLookup<'_> {
    fn index(&self, role: &str) -> Result<usize, String> {
        self.0.iter().position(|r| r == role).ok_or_else(|| format!("unknown role \"{role}\""))
    }

    /// A non-empty set of distinct known roles, ascending.
    fn set(&self, names: &[String]) -> Result<RoleSet, String> {
        if names.is_empty() {
            return Err("an encrypting action needs at least one role".into());
        }
        let mut set = Vec::with_capacity(names.len());
        for name in names {
            let index = self.index(name)?;
            if set.contains(&index) {
                return Err(format!("role \"{name}\" listed twice"));
            }
            set.push(index);
        }
        set.sort_unstable();
        Ok(set)
    }
}

fn compile_rule(index: usize, rule: &RuleSpec, roles: &RoleLookup<'_>) -> Result<(Selector, Action)> {
    let fail = |why: String| rule_error(index, &why);
    let path = match rule {
        RuleSpec::Encrypt { path, .. }
        | RuleSpec::Token { path, .. }
        | RuleSpec::Generalize { path, .. }
        | RuleSpec::Redact { path }
        | RuleSpec::Keep { path } => path,
    };
    let parsed = Selector::parse(path).map_err(|why| selector::invalid(index, why))?;
    let action = match rule {
        RuleSpec::Encrypt { roles: names, generalize_for, .. } => {
            let set = roles.set(names).map_err(fail)?;
            let mut views = BTreeMap::new();
            for (name, generalization) in generalize_for {
                let role = roles.index(name).map_err(fail)?;
                if set.contains(&role) {
                    return Err(fail(format!("role \"{name}\" is in both roles and generalizeFor")));
                }
                generalization.validate().map_err(|why| fail(why.into()))?;
                views.insert(role, *generalization);
            }
            Action::Encrypt { roles: set, views }
        }
        RuleSpec::Token { encrypt_for, token_length, normalize, index_name, .. } => {
            let length = token_length.unwrap_or(DEFAULT_TOKEN_LEN);
            if !(MIN_TOKEN_LEN..=MAX_TOKEN_LEN).contains(&length) {
                return Err(fail(format!("tokenLength out of range {MIN_TOKEN_LEN}..={MAX_TOKEN_LEN}")));
            }
            let encrypt_for = if encrypt_for.is_empty() { Vec::new() } else { roles.set(encrypt_for).map_err(fail)? };
            let index_name = index_name.clone().unwrap_or_else(|| path.clone());
            if index_name.is_empty() {
                return Err(fail("indexName is empty".into()));
            }
            Action::Token { encrypt_for, length, normalize: *normalize, index_name }
        }
        RuleSpec::Generalize { to, .. } => {
            to.validate().map_err(|why| fail(why.into()))?;
            Action::Generalize(*to)
        }
        RuleSpec::Redact { .. } => Action::Redact,
        RuleSpec::Keep { .. } => Action::Keep,
    };
    Ok((parsed, action))
}
