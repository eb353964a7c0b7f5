//! Strict JSON input: the "Records" lines of the security checklist that concern parsing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::records::json::{self, MAX_CONTAINER_LEN, MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_STRING_BYTES};
use serde_json::json;

fn code(text: &str) -> &'static str {
    match json::parse(text) {
        Ok(_) => panic!("accepted"),
        Err(error) => error.code(),
    }
}

#[test]
fn parses_ordinary_documents() {
    let value = json::parse(r#" {"a": [1, -2.5, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#).unwrap();
    assert_eq!(value, json!({"a": [1, -2.5, true, false, null, "x\n\u{e9}\u{1F600}"], "b": {}}));
    assert_eq!(json::parse("\"\\\"\\\\\\/\\b\\f\\r\\t\"").unwrap(), json!("\"\\/\u{8}\u{c}\r\t"));
    assert_eq!(json::parse("[]").unwrap(), json!([]));
    assert_eq!(json::parse("0").unwrap(), json!(0));
}

#[test]
fn keeps_member_order() {
    let value = json::parse(r#"{"z": 1, "a": 2, "m": 3}"#).unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["z", "a", "m"]);
}

#[test]
fn depth_limit_without_stack_overflow() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(json::parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(code(&deep), "LIMIT_EXCEEDED");
    let objects = format!("{}1{}", r#"{"a":"#.repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
    assert_eq!(code(&objects), "LIMIT_EXCEEDED");
    // A million open brackets: rejected early, iteratively, without exhausting the stack.
    assert_eq!(code(&"[".repeat(1_000_000)), "LIMIT_EXCEEDED");
    assert_eq!(code(&"{\"a\":".repeat(1_000_000)), "LIMIT_EXCEEDED");
}

#[test]
fn duplicate_keys_rejected_at_any_depth() {
    assert_eq!(code(r#"{"a": 1, "a": 2}"#), "MALFORMED");
    assert_eq!(code(r#"{"x": [{"b": 1, "c": 2, "b": 1}]}"#), "MALFORMED");
    // Equal after unescaping is equal.
    assert_eq!(code(r#"{"a": 1, "\u0061": 2}"#), "MALFORMED");
    // serde_json alone keeps the last one silently: this is why the strict parser exists.
    let lax: serde_json::Value = serde_json::from_str(r#"{"a": 1, "a": 2}"#).unwrap();
    assert_eq!(lax, json!({"a": 2}));
}

#[test]
fn lone_surrogates_rejected() {
    for text in
        [r#""\ud800""#, r#""\udc00""#, r#""\ud800x""#, r#""\ud800\u0041""#, r#""\ud800\ud800""#, r#"{"\udfff": 1}"#]
    {
        assert_eq!(code(text), "MALFORMED", "{text}");
    }
    assert_eq!(json::parse(r#""\uD83D\uDE00""#).unwrap(), json!("\u{1F600}"));
}

#[test]
fn invalid_utf8_rejected() {
    assert_eq!(json::parse_bytes(b"\"\xff\"").unwrap_err().code(), "MALFORMED");
    assert_eq!(json::parse_bytes(b"\"\xed\xa0\x80\"").unwrap_err().code(), "MALFORMED"); // CESU surrogate
    assert_eq!(json::parse_bytes("\"é\"".as_bytes()).unwrap(), json!("é"));
}

#[test]
fn numbers_preserved_exactly() {
    for literal in [
        "9007199254740993",
        "-9007199254740993",
        "18446744073709551617",
        "-0",
        "0.1",
        "123456789012345678901234567890",
        "1.000",
        "-0.0",
        "1e+400",
        "1.5e-400",
        "2.5e+007",
    ] {
        let value = json::parse(literal).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), literal, "{literal}");
    }
    // The exponent marker is the one thing normalized: `e` with an explicit sign.
    for (literal, written) in [("1e400", "1e+400"), ("1E400", "1e+400"), ("-2.5E-3", "-2.5e-3")] {
        assert_eq!(serde_json::to_string(&json::parse(literal).unwrap()).unwrap(), written);
    }
    let doc = json::parse(r#"{"n": 9007199254740993}"#).unwrap();
    assert_eq!(serde_json::to_string(&doc).unwrap(), r#"{"n":9007199254740993}"#);
}

#[test]
fn malformed_inputs_rejected() {
    for text in [
        "",
        " ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "[1 2]",
        "01",
        "1.",
        ".5",
        "1e",
        "+1",
        "-",
        "tru",
        "nul",
        "\"a",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\u{1}\"",
        "{1:2}",
        "{\"a\" 1}",
        "[1]]",
        "1 2",
        "NaN",
        "Infinity",
        "'a'",
        "\u{feff}{}",
    ] {
        assert_eq!(code(text), "MALFORMED", "{text:?}");
    }
}

#[test]
fn size_limits() {
    let big = format!("\"{}\"", "a".repeat(MAX_STRING_BYTES + 1));
    assert_eq!(code(&big), "LIMIT_EXCEEDED");
    let escaped = format!("\"{}\"", "\\u00e9".repeat(MAX_STRING_BYTES / 2 + 1));
    assert_eq!(code(&escaped), "LIMIT_EXCEEDED");
    let long_array = format!("[{}0]", "0,".repeat(MAX_CONTAINER_LEN));
    assert_eq!(code(&long_array), "LIMIT_EXCEEDED");
    let huge = " ".repeat(MAX_DOCUMENT_BYTES + 1);
    assert_eq!(code(&huge), "LIMIT_EXCEEDED");
    assert_eq!(json::parse_bytes(huge.as_bytes()).unwrap_err().code(), "LIMIT_EXCEEDED");
    assert_eq!(code(&"1".repeat(300)), "LIMIT_EXCEEDED");
}
