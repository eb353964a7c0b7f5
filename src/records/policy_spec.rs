//! The written form of a record policy (its JSON, field for field), as Rust types.
//!
//! [`super::Policy`] validates a [`PolicySpec`]; docs/RECORDS.md section 2 describes every
//! member. Unknown members are errors at every level.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::records::generalize::Generalization;
use crate::records::normalize::Normalization;

/// A policy as written (the JSON form, field for field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySpec {
    /// Must be [`super::POLICY_VERSION`] (`1`).
    pub version: u32,
    /// The roles, each once.
    pub roles: Vec<String>,
    /// What happens to fields no rule names.
    #[serde(default)]
    pub default: DefaultSpec,
    /// The rules, first match wins.
    pub rules: Vec<RuleSpec>,
}

/// The default action: `"deny"` (remove), `"keep"`, or `{"action": "encrypt", "roles": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DefaultSpec {
    /// `"deny"` or `"keep"`.
    Named(DefaultName),
    /// Encrypt every field no rule names for these roles.
    Encrypt(EncryptDefault),
}

impl Default for DefaultSpec {
    fn default() -> Self {
        DefaultSpec::Named(DefaultName::Deny)
    }
}

/// `"deny"` or `"keep"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DefaultName {
    /// Remove fields no rule names.
    Deny,
    /// Keep them in the clear.
    Keep,
}

/// `{"action": "encrypt", "roles": [...]}` as a default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EncryptDefault {
    /// Always `"encrypt"`.
    pub action: EncryptWord,
    /// The roles that may open the field.
    pub roles: Vec<String>,
}

/// The word `"encrypt"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EncryptWord {
    /// `"encrypt"`.
    Encrypt,
}

/// One rule: a selector (`path`) and an action with its parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "camelCase", deny_unknown_fields)]
pub enum RuleSpec {
    /// Encrypt the value for `roles`; roles in `generalizeFor` get a generalized value instead.
    Encrypt {
        /// Selector.
        path: String,
        /// Roles that get the exact value.
        roles: Vec<String>,
        /// Roles that get a generalized value (not also in `roles`).
        #[serde(default, rename = "generalizeFor", skip_serializing_if = "BTreeMap::is_empty")]
        generalize_for: BTreeMap<String, Generalization>,
    },
    /// Replace the value by its blind-index token; also encrypt it for `encryptFor` if given.
    Token {
        /// Selector.
        path: String,
        /// Roles that may open the value (may be empty: token only).
        #[serde(default, rename = "encryptFor", skip_serializing_if = "Vec::is_empty")]
        encrypt_for: Vec<String>,
        /// Token length in bytes, 8..=32 (default 16).
        #[serde(default, rename = "tokenLength", skip_serializing_if = "Option::is_none")]
        token_length: Option<usize>,
        /// Normal form before indexing (default `exact`).
        #[serde(default)]
        normalize: Normalization,
        /// Name of the index (default: the selector text); equal names share tokens.
        #[serde(default, rename = "indexName", skip_serializing_if = "Option::is_none")]
        index_name: Option<String>,
    },
    /// Replace the value by a generalized value, in the clear.
    Generalize {
        /// Selector.
        path: String,
        /// How.
        to: Generalization,
    },
    /// Remove the value.
    Redact {
        /// Selector.
        path: String,
    },
    /// Keep the value in the clear.
    Keep {
        /// Selector.
        path: String,
    },
}
