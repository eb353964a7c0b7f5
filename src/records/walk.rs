//! The policy walk of sealing (docs/RECORDS.md section 2, "How a policy applies"): from the
//! root down, the first rule that selects a node decides its whole subtree; the output keeps
//! the record's shape, lists every value left in it in the legend, and encrypts each value a
//! rule protects as it goes (with role keys drawn on first use, see `role_keyring`). The output
//! goes to a [`SealedOut`]: a value tree or compact JSON text.

use std::borrow::Cow;
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
use crate::records::sealed_out::SealedOut;

pub(crate) struct Walk<'a, O: SealedOut> {
    pub policy: &'a Policy,
    pub resource_type: Option<&'a str>,
    pub index_key: Option<&'a IndexKey>,
    /// The legend, and the canonical text of each value it lists (for the manifest).
    pub legend: LegendBuilder<'a>,
    /// Role keys, drawn the first time a value needs them.
    pub keyring: RoleKeyring<'a>,
    /// Where the sealed record is written.
    pub out: O,
}

impl<'a, O: SealedOut> Walk<'a, O> {
    /// `input` is the location in the record (for selectors), `output` in the sealed record.
    fn node<'r>(
        &mut self,
        node: &'r Value,
        input: &mut Vec<Step<'r>>,
        output: &mut Vec<Step<'r>>,
    ) -> Result<Option<O::Node>> {
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
                    Value::Object(map) => {
                        let mut container = self.out.begin_object(map.len());
                        self.members(&mut container, map, input, output)?;
                        container
                    }
                    Value::Array(items) => self.array(items, input, output)?,
                    _ => return Err(Error::InvalidArgument("unreachable scalar descent")),
                };
                Ok(self.out.end(children))
            }
        }
    }

    /// Walks the members of `map` into `container`, an object [`SealedOut::begin_object`]
    /// opened (the record's top level, or an object inside it).
    pub(crate) fn members<'r>(
        &mut self,
        container: &mut O::Container,
        map: &'r Map<String, Value>,
        input: &mut Vec<Step<'r>>,
        output: &mut Vec<Step<'r>>,
    ) -> Result<()> {
        for (name, child) in map {
            let slot = self.out.begin_member(container, name);
            input.push(Step::Key(Cow::Borrowed(name)));
            output.push(Step::Key(Cow::Borrowed(name)));
            let sealed = self.node(child, input, output);
            input.pop();
            output.pop();
            match sealed? {
                Some(node) => self.out.add(container, slot, node),
                None => self.out.cancel(container, slot),
            }
        }
        Ok(())
    }

    fn array<'r>(
        &mut self,
        items: &'r [Value],
        input: &mut Vec<Step<'r>>,
        output: &mut Vec<Step<'r>>,
    ) -> Result<O::Container> {
        let mut container = self.out.begin_array(items.len());
        let mut kept = 0;
        for (index, child) in items.iter().enumerate() {
            let slot = self.out.begin_element(&mut container);
            input.push(Step::Index(index));
            output.push(Step::Index(kept));
            let sealed = self.node(child, input, output);
            input.pop();
            output.pop();
            match sealed? {
                Some(node) => {
                    self.out.add(&mut container, slot, node);
                    kept += 1;
                }
                None => self.out.cancel(&mut container, slot),
            }
        }
        Ok(container)
    }

    fn apply(&mut self, action: &Action, node: &Value, output: &[Step]) -> Result<Option<O::Node>> {
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
        // `None`: the value is kept as it is (copied, not cloned, into the output).
        let value = match action {
            Action::Generalize(generalization) => Some(generalization.apply(node)?),
            Action::Token { length, normalize, index_name, .. } => {
                let key = self
                    .index_key
                    .ok_or(Error::InvalidArgument("the policy makes tokens: an index key is required"))?;
                Some(Value::String(blind_index(key, index_name, *normalize, &token_input(node)?, *length)?))
            }
            Action::Encrypt { .. } if !roles.is_empty() => Some(Value::Null),
            _ => None,
        };
        let value = match (roles.is_empty(), value) {
            (true, value) => value,
            (false, Some(Value::String(token))) => Some(self.seal(node, &path, &roles, &views, Some(token))?),
            (false, _) => Some(self.seal(node, &path, &roles, &views, None)?),
        };
        let policy: &'a Policy = self.policy;
        let names: Vec<&'a str> = roles.iter().filter_map(|&r| policy.roles().get(r).map(String::as_str)).collect();
        let mut view_names: Vec<(&'a str, Generalization)> =
            views.iter().filter_map(|(r, g)| Some((policy.roles().get(*r)?.as_str(), *g))).collect();
        view_names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let entry = NewEntry { path, action: entry_action, roles: names, views: view_names };
        Ok(Some(match value {
            Some(value) => {
                self.legend.push(entry, &value)?;
                self.out.value(value)
            }
            None => {
                self.legend.push(entry, node)?;
                self.out.copy(node)
            }
        }))
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
