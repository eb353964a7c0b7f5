//! `safe_harbor` and `deidentify_json` on arbitrary JSON: never panic, a report never names a
//! value it removed (checked on string values of at least 8 bytes), and `safe_harbor` is
//! idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phiseal::deid::{deidentify_json, safe_harbor, DeidOptions, JsonAction, JsonPolicy, OutputMode};
use serde_json::Value;

#[path = "../../tests/deid/without_ids.rs"]
mod without_ids;
use without_ids::without_ids;

/// String values into `values`, member names into `names`.
fn strings<'v>(v: &'v Value, values: &mut Vec<&'v str>, names: &mut Vec<&'v str>) {
    match v {
        Value::String(s) => values.push(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, values, names)),
        Value::Object(members) => {
            for (name, item) in members {
                names.push(name);
                strings(item, values, names);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(value) = serde_json::from_slice::<Value>(rest) else { return };
    let opts = DeidOptions {
        reference_year: (flags & 1 != 0).then_some(2026),
        text_mode: if flags & 2 != 0 { OutputMode::Surrogate } else { OutputMode::Tag },
        ..DeidOptions::default()
    };
    let safe_harbor_profile = flags & 4 == 0;
    let result = if !safe_harbor_profile {
        let Ok(policy) =
            JsonPolicy::new().rule("/note", JsonAction::Text).and_then(|p| p.rule("/id", JsonAction::Keep))
        else {
            return;
        };
        deidentify_json(&value, &policy, &opts)
    } else {
        safe_harbor(&value, &opts)
    };
    let Ok(done) = result else { return };
    if safe_harbor_profile {
        // Idempotent, up to the surrogate ids and references it numbers per call.
        let twice = safe_harbor(&done.value, &opts).expect("the output is a valid input");
        assert_eq!(without_ids(&twice.value), without_ids(&done.value), "safe_harbor is not idempotent");
    }
    let report = format!("{:?}", done.report);
    let (mut values, mut names) = (Vec::new(), Vec::new());
    strings(&value, &mut values, &mut names);
    // A value that is also part of a member name may appear in a path of the report.
    let in_a_name = |s: &str| names.iter().any(|n| n.contains(s));
    for s in values.into_iter().filter(|s| s.len() >= 8 && s.bytes().any(|b| b.is_ascii_digit()) && !in_a_name(s)) {
        assert!(!report.contains(s), "the report names a value");
    }
});
