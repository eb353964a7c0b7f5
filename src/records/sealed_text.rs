//! The sealed record written straight as compact JSON text (see `sealed_out`): the text
//! `serde_json::to_string` writes for the value tree [`crate::records::seal_record`] returns
//! (members in their order, no white space, strings escaped as in `canonical`, numbers as the
//! strict parser keeps them), with `_phiseal` last as `{"v", "recordId", "legend", "roles"}`.
//!
//! A member or element is written before its value is walked; when the walk removes the value
//! (redacted, or a container left empty), the text is cut back to where the slot began.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::records::canonical::{write_compact, write_string};
use crate::records::legend::{RECORD_FORMAT_VERSION, RESERVED_MEMBER};
use crate::records::sealed_out::{SealedMember, SealedOut};

/// The sealed record's text, written as the walk goes.
pub(crate) struct TextOut {
    text: String,
}

impl TextOut {
    /// An empty record text with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        TextOut { text: String::with_capacity(capacity) }
    }
}

/// An open object or array: where it starts, its closing bracket, whether it holds a child.
pub(crate) struct TextContainer {
    start: usize,
    close: char,
    any: bool,
}

impl TextOut {
    fn open(&mut self, bracket: char, close: char) -> TextContainer {
        let start = self.text.len();
        self.text.push(bracket);
        TextContainer { start, close, any: false }
    }

    fn slot(&mut self, container: &TextContainer) -> usize {
        let slot = self.text.len();
        if container.any {
            self.text.push(',');
        }
        slot
    }
}

impl SealedOut for TextOut {
    type Node = ();
    type Container = TextContainer;
    /// Where the slot's text begins.
    type Slot = usize;
    type Record = String;

    fn begin_object(&mut self, _: usize) -> TextContainer {
        self.open('{', '}')
    }

    fn begin_array(&mut self, _: usize) -> TextContainer {
        self.open('[', ']')
    }

    fn begin_member(&mut self, container: &mut TextContainer, name: &str) -> usize {
        let slot = self.slot(container);
        write_string(name, &mut self.text);
        self.text.push(':');
        slot
    }

    fn begin_element(&mut self, container: &mut TextContainer) -> usize {
        self.slot(container)
    }

    fn add(&mut self, container: &mut TextContainer, _: usize, (): ()) {
        container.any = true;
    }

    fn cancel(&mut self, _: &mut TextContainer, slot: usize) {
        self.text.truncate(slot);
    }

    fn end(&mut self, container: TextContainer) -> Option<()> {
        if container.any {
            self.text.push(container.close);
            Some(())
        } else {
            self.text.truncate(container.start);
            None
        }
    }

    fn value(&mut self, value: Value) {
        write_compact(&value, &mut self.text);
    }

    fn copy(&mut self, value: &Value) {
        write_compact(value, &mut self.text);
    }

    fn finish(mut self, mut root: TextContainer, member: SealedMember<'_>) -> Result<String> {
        let slot = self.begin_member(&mut root, RESERVED_MEMBER);
        let out = &mut self.text;
        out.push_str("{\"v\":");
        out.push_str(&RECORD_FORMAT_VERSION.to_string());
        out.push_str(",\"recordId\":");
        write_string(member.record_id, out);
        out.push_str(",\"legend\":");
        member.legend.write_json(out)?;
        out.push_str(",\"roles\":");
        // The role headers' own serde form, as `legend::sealed_member` writes them.
        out.push_str(&serde_json::to_string(&member.roles).map_err(|_| Error::Malformed("legend"))?);
        out.push('}');
        self.add(&mut root, slot, ());
        self.text.push(root.close);
        Ok(self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compact_text_is_what_serde_writes() {
        let numbers: Value = serde_json::from_str(r#"[1e400, -0, 12345678901234567890123, 1.50]"#).unwrap();
        let value = json!({"z": [1, "a\"\\\u{1}\n", null, true, {}], "é": {"b": [], "a": false}, "n": numbers});
        let mut out = String::new();
        write_compact(&value, &mut out);
        assert_eq!(out, serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn removed_children_and_empty_containers_leave_no_text() {
        let mut out = TextOut::with_capacity(0);
        let mut root = out.begin_object(3);
        let slot = out.begin_member(&mut root, "gone");
        out.cancel(&mut root, slot);
        let slot = out.begin_member(&mut root, "a");
        let mut items = out.begin_array(2);
        let element = out.begin_element(&mut items);
        out.cancel(&mut items, element);
        assert!(out.end(items).is_none());
        out.cancel(&mut root, slot);
        let slot = out.begin_member(&mut root, "b");
        let mut items = out.begin_array(2);
        for value in [json!(1), json!("x")] {
            let element = out.begin_element(&mut items);
            out.copy(&value);
            out.add(&mut items, element, ());
        }
        assert!(out.end(items).is_some());
        out.add(&mut root, slot, ());
        let slot = out.begin_member(&mut root, "c");
        out.cancel(&mut root, slot);
        out.text.push('}');
        assert_eq!(out.text, r#"{"b":[1,"x"]}"#);
    }
}
