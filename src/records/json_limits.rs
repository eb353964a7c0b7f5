//! The strict parser's limits, checked on a `serde_json::Value` built by the caller (the
//! `seal_record(&Value, ..)` entry point never saw the text).

use serde_json::Value;

use crate::error::{Error, Result};
use crate::records::json::{MAX_CONTAINER_LEN, MAX_NUMBER_CHARS, MAX_STRING_BYTES, MAX_VALUES};

/// Checks, without recursion, that `value` nests at most `max_depth` deep and stays within
/// the limits of [`crate::records::json`] (string, container, value-count and number sizes).
///
/// # Errors
/// [`Error::LimitExceeded`] naming the limit.
pub fn check_limits(value: &Value, max_depth: usize) -> Result<()> {
    let mut stack = vec![(value, 0usize)];
    let mut count = 0usize;
    while let Some((node, depth)) = stack.pop() {
        count += 1;
        if count > MAX_VALUES {
            return Err(Error::LimitExceeded("JSON value count"));
        }
        let len = match node {
            Value::String(text) if text.len() > MAX_STRING_BYTES => {
                return Err(Error::LimitExceeded("JSON string length"))
            }
            Value::Number(number) if number.to_string().len() > MAX_NUMBER_CHARS => {
                return Err(Error::LimitExceeded("JSON number length"))
            }
            Value::Array(items) => items.len(),
            Value::Object(map) => {
                if map.keys().any(|key| key.len() > MAX_STRING_BYTES) {
                    return Err(Error::LimitExceeded("JSON string length"));
                }
                map.len()
            }
            _ => continue,
        };
        if len > MAX_CONTAINER_LEN {
            return Err(Error::LimitExceeded("JSON array or object length"));
        }
        if depth + 1 > max_depth {
            return Err(Error::LimitExceeded("JSON nesting depth"));
        }
        match node {
            Value::Array(items) => stack.extend(items.iter().map(|child| (child, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|child| (child, depth + 1))),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn limits_on_built_values() {
        assert!(check_limits(&json!({"a": [1, {"b": "c"}]}), 3).is_ok());
        assert_eq!(check_limits(&json!({"a": [1, {"b": "c"}]}), 2).unwrap_err().code(), "LIMIT_EXCEEDED");
        let long = Value::String("x".repeat(MAX_STRING_BYTES + 1));
        assert!(check_limits(&json!({"a": long}), 5).is_err());
        let wide = Value::Array(vec![Value::Null; MAX_CONTAINER_LEN + 1]);
        assert!(check_limits(&wide, 5).is_err());
        let mut key = serde_json::Map::new();
        key.insert("k".repeat(MAX_STRING_BYTES + 1), Value::Null);
        assert!(check_limits(&Value::Object(key), 5).is_err());
    }
}
