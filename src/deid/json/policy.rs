//! A de-identification policy for generic JSON records: an ordered list of rules, each a path
//! pattern and an action. The first rule whose pattern matches a value's path (or a prefix of
//! it) decides; a value no rule matches is removed (default deny).
//!
//! Path patterns: key names separated by `.`; `*` matches any one key; arrays are transparent
//! (`visits.date` matches the `date` of every element of `visits`). Keys are compared exactly.

use crate::{Error, Result};
use serde_json::Value;

/// Most rules in one policy.
pub const MAX_POLICY_RULES: usize = 1024;
/// Longest path pattern, in bytes.
pub const MAX_PATTERN_BYTES: usize = 512;

/// What to do with the scalar values under a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonAction {
    /// Copy unchanged (codes, numbers, flags). Use only for values that identify no one.
    Keep,
    /// Remove.
    Remove,
    /// Remove, and search free text for the value as a name (a person's name parts).
    RemoveName,
    /// Remove, and search free text for the value as an address (street line, city).
    RemoveAddress,
    /// Remove, and search free text for the value as a phone number or email.
    RemoveContact,
    /// Remove, and search free text for the value as an identifier (MRN, member id).
    RemoveIdentifier,
    /// Free text through the scrubber.
    Text,
    /// A date: year only (shifted or kept by the options outside Safe Harbor).
    Date,
    /// A birth date: year only, removed when it implies an age over 89.
    BirthDate,
    /// An age in years: values over 89 become the string `"90+"`.
    Age,
    /// A US ZIP code: first three digits or `000`.
    Zip,
    /// A city or county: removed (kept in the limited data set).
    City,
}

impl JsonAction {
    fn parse(name: &str) -> Option<JsonAction> {
        Some(match name {
            "keep" => JsonAction::Keep,
            "remove" => JsonAction::Remove,
            "removeName" => JsonAction::RemoveName,
            "removeAddress" => JsonAction::RemoveAddress,
            "removeContact" => JsonAction::RemoveContact,
            "removeIdentifier" => JsonAction::RemoveIdentifier,
            "text" => JsonAction::Text,
            "date" => JsonAction::Date,
            "birthDate" => JsonAction::BirthDate,
            "age" => JsonAction::Age,
            "zip" => JsonAction::Zip,
            "city" => JsonAction::City,
            _ => return None,
        })
    }
}

/// An ordered list of (path pattern, action) rules.
#[derive(Clone, Debug, Default)]
pub struct JsonPolicy {
    rules: Vec<(Vec<String>, String, JsonAction)>,
}

impl JsonPolicy {
    /// An empty policy (which removes everything).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a rule; earlier rules take precedence.
    ///
    /// # Errors
    /// [`Error::InvalidPolicy`] for an empty or malformed pattern (empty segment), a pattern
    /// longer than [`MAX_PATTERN_BYTES`], or more than [`MAX_POLICY_RULES`] rules.
    pub fn rule(mut self, pattern: &str, action: JsonAction) -> Result<Self> {
        if self.rules.len() >= MAX_POLICY_RULES {
            return Err(Error::InvalidPolicy("more than MAX_POLICY_RULES rules".into()));
        }
        if pattern.is_empty() || pattern.len() > MAX_PATTERN_BYTES {
            return Err(Error::InvalidPolicy("pattern empty or longer than MAX_PATTERN_BYTES".into()));
        }
        let segments: Vec<String> = pattern.split('.').map(str::to_owned).collect();
        if segments.iter().any(String::is_empty) {
            return Err(Error::InvalidPolicy(format!("rule {}: empty path segment", self.rules.len())));
        }
        self.rules.push((segments, pattern.to_owned(), action));
        Ok(self)
    }

    /// Reads `{"rules": [{"path": "patient.name", "action": "removeName"}, ...]}`.
    ///
    /// # Errors
    /// [`Error::InvalidPolicy`] naming the rule number for a missing or unknown field or action,
    /// and as for [`JsonPolicy::rule`].
    pub fn from_json(policy: &Value) -> Result<Self> {
        let rules = policy
            .get("rules")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::InvalidPolicy("missing \"rules\" array".into()))?;
        let mut out = JsonPolicy::new();
        for (n, r) in rules.iter().enumerate() {
            let path = r
                .get("path")
                .and_then(Value::as_str)
                .ok_or_else(|| Error::InvalidPolicy(format!("rule {n}: missing \"path\"")))?;
            let action = r
                .get("action")
                .and_then(Value::as_str)
                .and_then(JsonAction::parse)
                .ok_or_else(|| Error::InvalidPolicy(format!("rule {n}: missing or unknown \"action\"")))?;
            out = out.rule(path, action)?;
        }
        Ok(out)
    }

    /// The first rule matching `path` or a prefix of it: (pattern, action).
    pub(crate) fn lookup(&self, path: &[&str]) -> Option<(&str, JsonAction)> {
        self.rules
            .iter()
            .find(|(segs, _, _)| segs.len() <= path.len() && segs.iter().zip(path).all(|(p, k)| p == "*" || p == k))
            .map(|(_, pat, a)| (pat.as_str(), *a))
    }
}
