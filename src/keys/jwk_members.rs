//! Reads the top-level members of a JSON Web Key (RFC 7517 section 4) without the silent
//! "last one wins" behaviour of `serde_json`: a member name that appears twice, at any depth,
//! is reported, so one JWK text can never mean two different keys to two parsers
//! (RFC 7517 section 4 and RFC 8259 section 4 leave duplicates undefined; we reject them).
//!
//! Only what phiseal needs is kept: a member is either a string, a list of strings, or
//! something else (numbers, booleans, objects), which is checked for duplicates and dropped.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, Result};

/// The value of one JWK member, reduced to the shapes phiseal reads.
pub(crate) enum MemberValue {
    /// A JSON string.
    Text(String),
    /// An array whose elements are all strings.
    TextList(Vec<String>),
    /// Any other JSON value.
    Other,
    /// An object somewhere inside this value repeats a member name.
    ContainsDuplicate,
}

/// The top-level members of a JWK, in document order.
pub(crate) struct JwkMembers(Vec<(String, MemberValue)>);

impl JwkMembers {
    /// Parses `text` as one JSON object with no repeated member name at any depth.
    ///
    /// # Errors
    /// [`Error::Malformed`] when the text is not a single JSON object or repeats a name.
    pub(crate) fn parse(text: &str) -> Result<Self> {
        let members: Self = serde_json::from_str(text).map_err(|_| Error::Malformed("JWK is not a JSON object"))?;
        let mut names: Vec<&str> = members.0.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        let repeated = names.windows(2).any(|pair| pair.first() == pair.last());
        let nested = members.0.iter().any(|(_, value)| matches!(value, MemberValue::ContainsDuplicate));
        if repeated || nested {
            return Err(Error::Malformed("duplicate JSON member"));
        }
        Ok(members)
    }

    /// The member called `name`, if present.
    pub(crate) fn get(&self, name: &str) -> Option<&MemberValue> {
        self.0.iter().find(|(member, _)| member == name).map(|(_, value)| value)
    }

    /// The member called `name` as a string; absent is `None`, another type is an error.
    ///
    /// # Errors
    /// [`Error::Malformed`] when the member is present but not a string.
    pub(crate) fn text(&self, name: &str) -> Result<Option<&str>> {
        match self.get(name) {
            None => Ok(None),
            Some(MemberValue::Text(text)) => Ok(Some(text)),
            Some(_) => Err(Error::Malformed("JWK member has the wrong type")),
        }
    }

    /// Removes and returns the string member `name` (used for `d`, so the caller can put it
    /// straight into zeroizing storage).
    ///
    /// # Errors
    /// [`Error::Malformed`] when the member is present but not a string.
    pub(crate) fn take_text(&mut self, name: &str) -> Result<Option<String>> {
        let Some(index) = self.0.iter().position(|(member, _)| member == name) else {
            return Ok(None);
        };
        match self.0.swap_remove(index).1 {
            MemberValue::Text(text) => Ok(Some(text)),
            _ => Err(Error::Malformed("JWK member has the wrong type")),
        }
    }
}

impl Drop for JwkMembers {
    fn drop(&mut self) {
        // A private JWK's `d` may still be here if parsing failed before it was taken.
        use zeroize::Zeroize;
        for (_, value) in &mut self.0 {
            match value {
                MemberValue::Text(text) => text.zeroize(),
                MemberValue::TextList(list) => list.iter_mut().for_each(Zeroize::zeroize),
                MemberValue::Other | MemberValue::ContainsDuplicate => {}
            }
        }
    }
}

impl<'de> Deserialize<'de> for JwkMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = JwkMembers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> core::result::Result<JwkMembers, A::Error> {
                let mut members = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    members.push((name, map.next_value::<MemberValue>()?));
                }
                Ok(JwkMembers(members))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

impl<'de> Deserialize<'de> for MemberValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
        deserializer.deserialize_any(MemberVisitor)
    }
}

struct MemberVisitor;

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = MemberValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Text(text))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Other)
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<MemberValue, E> {
        Ok(MemberValue::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> core::result::Result<MemberValue, A::Error> {
        let mut texts = Some(Vec::new());
        let mut duplicate = false;
        while let Some(element) = seq.next_element::<MemberValue>()? {
            match element {
                MemberValue::Text(text) => {
                    if let Some(list) = texts.as_mut() {
                        list.push(text);
                    }
                }
                MemberValue::ContainsDuplicate => duplicate = true,
                MemberValue::TextList(_) | MemberValue::Other => texts = None,
            }
        }
        Ok(match (duplicate, texts) {
            (true, _) => MemberValue::ContainsDuplicate,
            (false, Some(list)) => MemberValue::TextList(list),
            (false, None) => MemberValue::Other,
        })
    }

    /// Objects nested in a JWK are only checked for repeated names. (With serde_json's
    /// `arbitrary_precision`, numbers also arrive here as a one-member map.)
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> core::result::Result<MemberValue, A::Error> {
        let mut names = Vec::new();
        let mut duplicate = false;
        while let Some(name) = map.next_key::<String>()? {
            duplicate |= names.contains(&name);
            duplicate |= matches!(map.next_value::<MemberValue>()?, MemberValue::ContainsDuplicate);
            names.push(name);
        }
        Ok(if duplicate { MemberValue::ContainsDuplicate } else { MemberValue::Other })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_lists() {
        let members = JwkMembers::parse(r#"{"a":"x","b":["p","q"],"c":1.5e999,"d":{"e":null}}"#).unwrap();
        assert_eq!(members.text("a").unwrap(), Some("x"));
        assert!(matches!(members.get("b"), Some(MemberValue::TextList(list)) if list == &["p", "q"]));
        assert!(matches!(members.get("c"), Some(MemberValue::Other)));
        assert!(members.text("d").is_err());
        assert_eq!(members.text("missing").unwrap(), None);
    }

    #[test]
    fn rejects_duplicates_at_any_depth_and_after_unescaping() {
        for text in [
            r#"{"a":"x","a":"x"}"#,
            r#"{"kty":"OKP","k\u0074y":"OKP"}"#,
            r#"{"a":{"b":1,"b":2}}"#,
            r#"{"a":[{"b":1,"b":2}]}"#,
        ] {
            assert_eq!(JwkMembers::parse(text).err(), Some(Error::Malformed("duplicate JSON member")), "{text}");
        }
    }

    #[test]
    fn rejects_non_objects_and_trailing_data() {
        for text in ["[]", "\"x\"", "{} {}", "{", "", "{\"a\":1,}"] {
            assert!(JwkMembers::parse(text).is_err(), "{text}");
        }
    }
}
