//! The policy walk of sealing (docs/RECORDS.md section 2, "How a policy applies"): from the
//! root down, the first rule that selects a node decides its whole subtree; the output keeps
//! the record's shape, lists every value left in it in the legend, and encrypts each value a
//! rule protects as it goes (with role keys drawn on first use, see `role_keyring`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::records::blind_index::{blind_index, token_input, IndexKey};
use crate::records::field_cipher;
use crate::records::generalize::Generalization;
use crate::records::legend::LegendAction;
use crate::records::legend_builder::{LegendBuilder, NewEntry};
use crate::records::path::{self, Step};
use crate::records::policy::{Action, Decision, Policy};
use crate::records::role_keyring::RoleKeyring;
use crate::records::role_sets;

pub(crate) struct Walk<'a> {
    pub policy: &'a Policy,
    pub resource_type: Option<&'a str>,
    pub index_key: Option<&'a IndexKey>,
    /// The legend, and the canonical text of each value it lists (for the manifest).
    pub legend: LegendBuilder,
    /// Role keys, drawn the first time a value needs them.
    pub keyring: RoleKeyring<'a>,
}

impl Walk<'_> {
    /// `input` is the location in the record (for selectors), `output` in the sealed record.
    fn node(&mut self, node: &Value, input: &mut Vec<Step>, output: &mut Vec<Step>) -> Result<Option<Value>> {
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
                let kept_any = children
                    .as_object()
                    .map_or_else(|| children.as_array().is_some_and(|a| !a.is_empty()), |m| !m.is_empty());
                Ok(kept_any.then_some(children))
            }
        }
    }

    pub(crate) fn object(
        &mut self,
        map: &Map<String, Value>,
        input: &mut Vec<Step>,
        output: &mut Vec<Step>,
    ) -> Result<Map<String, Value>> {
        let mut out = Map::with_capacity(map.len());
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

    fn array(&mut self, items: &[Value], input: &mut Vec<Step>, output: &mut Vec<Step>) -> Result<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
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
            Action::Token { encrypt_for, .. } => (LegendAction::Token, encrypt_for.clone(), BTreeMap::new()),
        };
        let path = path::to_pointer(output);
        let value = match action {
            Action::Generalize(generalization) => generalization.apply(node)?,
            Action::Token { length, normalize, index_name, .. } => {
                let key = self
                    .index_key
                    .ok_or(Error::InvalidArgument("the policy makes tokens: an index key is required"))?;
                Value::String(blind_index(key, index_name, *normalize, &token_input(node)?, *length)?)
            }
            Action::Encrypt { .. } if !roles.is_empty() => Value::Null,
            _ => node.clone(),
        };
        let value = match (roles.is_empty(), value) {
            (true, value) => value,
            (false, Value::String(token)) => self.seal(node, &path, &roles, &views, Some(token))?,
            (false, _) => self.seal(node, &path, &roles, &views, None)?,
        };
        let policy = self.policy;
        let names: Vec<&str> = roles.iter().filter_map(|&r| policy.roles().get(r).map(String::as_str)).collect();
        let mut view_names: Vec<(&str, Generalization)> =
            views.iter().filter_map(|(r, g)| Some((policy.roles().get(*r)?.as_str(), *g))).collect();
        view_names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let entry = NewEntry { path, action: entry_action, roles: &names, views: &view_names };
        self.legend.push(entry, &value)?;
        Ok(Some(value))
    }

    /// `node` encrypted for `roles` (legend order): the compact string, or with a token
    /// `{"$token": token, "$sealed": compact string}`.
    fn seal(
        &mut self,
        node: &Value,
        path: &str,
        roles: &[usize],
        views: &BTreeMap<usize, Generalization>,
        token: Option<String>,
    ) -> Result<Value> {
        let groups = role_sets::groups(roles, |role| views.get(&role).copied());
        let plaintexts = groups
            .iter()
            .map(|(view, _)| match view {
                Some(view) => field_cipher::padded_plaintext(&view.apply(node)?),
                None => field_cipher::padded_plaintext(node),
            })
            .collect::<Result<Vec<_>>>()?;
        let segments: Vec<(&[usize], &[u8])> =
            groups.iter().zip(&plaintexts).map(|((_, members), text)| (members.as_slice(), text.as_slice())).collect();
        let sealed = Value::String(self.keyring.seal_field(path, &segments)?);
        Ok(match token {
            Some(token) => {
                let mut pair = Map::with_capacity(2);
                pair.insert("$token".to_owned(), Value::String(token));
                pair.insert("$sealed".to_owned(), sealed);
                Value::Object(pair)
            }
            None => sealed,
        })
    }
}
