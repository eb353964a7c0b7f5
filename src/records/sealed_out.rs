//! Where the policy walk of sealing writes the sealed record (docs/RECORDS.md, "Sealing"): as a
//! `serde_json` value tree ([`ValueOut`], for [`crate::records::seal_record`]) or straight as
//! compact JSON text ([`crate::records::sealed_text::TextOut`], for
//! [`crate::records::seal_record_text`], which the WebAssembly package hands to JS as text
//! anyway). Both give the same record: the text is what `serde_json::to_string` writes for the
//! tree, without building the tree, cloning the values kept in the clear, serializing and
//! dropping it.
//!
//! The walk opens a container, then for each child asks for a slot ([`SealedOut::begin_member`]
//! or [`SealedOut::begin_element`]), and either fills it ([`SealedOut::add`]) or, when the child
//! was removed, gives it back ([`SealedOut::cancel`]); a container left empty is removed by
//! [`SealedOut::end`].

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::Result;
use crate::records::legend::{self, RoleHeader, RESERVED_MEMBER};
use crate::records::legend_builder::BuiltLegend;

/// The `_phiseal` member of a record being sealed: record id, legend and role headers.
pub(crate) struct SealedMember<'a> {
    pub record_id: &'a str,
    pub legend: BuiltLegend<'a>,
    pub roles: BTreeMap<String, RoleHeader>,
}

/// A sealed record being written.
pub(crate) trait SealedOut {
    /// A finished value (text output writes it in place and keeps nothing).
    type Node;
    /// An object or array being written.
    type Container;
    /// A child's slot in a container, given back when the child is removed.
    type Slot;
    /// The sealed record.
    type Record;

    /// Opens an object of up to `len` members.
    fn begin_object(&mut self, len: usize) -> Self::Container;
    /// Opens an array of up to `len` elements.
    fn begin_array(&mut self, len: usize) -> Self::Container;
    /// The slot of member `name`, before its value is walked.
    fn begin_member(&mut self, container: &mut Self::Container, name: &str) -> Self::Slot;
    /// The slot of the next element, before it is walked.
    fn begin_element(&mut self, container: &mut Self::Container) -> Self::Slot;
    /// Puts the walked child into its slot.
    fn add(&mut self, container: &mut Self::Container, slot: Self::Slot, node: Self::Node);
    /// Gives back the slot of a child that was removed.
    fn cancel(&mut self, container: &mut Self::Container, slot: Self::Slot);
    /// Closes a container: `None` when it was left empty (and is removed).
    fn end(&mut self, container: Self::Container) -> Option<Self::Node>;
    /// A value made by the walk (encrypted, generalized or a token).
    fn value(&mut self, value: Value) -> Self::Node;
    /// A value of the record kept as it is.
    fn copy(&mut self, value: &Value) -> Self::Node;
    /// Closes the record's top-level object (`root`, opened by [`SealedOut::begin_object`]),
    /// adding `_phiseal` as its last member.
    ///
    /// # Errors
    /// [`crate::Error::Malformed`] if a legend view does not serialize (never for a validated
    /// policy).
    fn finish(self, root: Self::Container, member: SealedMember<'_>) -> Result<Self::Record>;
}

/// The sealed record as a `serde_json` value tree.
pub(crate) struct ValueOut;

impl SealedOut for ValueOut {
    type Node = Value;
    type Container = Value;
    /// A member's name (`None` for an array element).
    type Slot = Option<String>;
    type Record = Value;

    fn begin_object(&mut self, len: usize) -> Value {
        Value::Object(Map::with_capacity(len))
    }

    fn begin_array(&mut self, len: usize) -> Value {
        Value::Array(Vec::with_capacity(len))
    }

    fn begin_member(&mut self, _: &mut Value, name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    fn begin_element(&mut self, _: &mut Value) -> Option<String> {
        None
    }

    fn add(&mut self, container: &mut Value, slot: Option<String>, node: Value) {
        match (container, slot) {
            (Value::Object(map), Some(name)) => {
                map.insert(name, node);
            }
            (Value::Array(items), None) => items.push(node),
            _ => {}
        }
    }

    fn cancel(&mut self, _: &mut Value, _: Option<String>) {}

    fn end(&mut self, container: Value) -> Option<Value> {
        let kept_any = match &container {
            Value::Object(map) => !map.is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => false,
        };
        kept_any.then_some(container)
    }

    fn value(&mut self, value: Value) -> Value {
        value
    }

    fn copy(&mut self, value: &Value) -> Value {
        value.clone()
    }

    fn finish(self, root: Value, member: SealedMember<'_>) -> Result<Value> {
        let mut body = match root {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let legend = member.legend.json()?;
        let reserved = legend::sealed_member(member.record_id, legend, &member.roles)?;
        body.insert(RESERVED_MEMBER.to_owned(), reserved);
        Ok(Value::Object(body))
    }
}
