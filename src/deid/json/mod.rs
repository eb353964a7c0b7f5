//! Safe Harbor de-identification of generic JSON records under a [`JsonPolicy`] (default deny).
//! The value-level actions are those of the FHIR profile (`docs/DEIDENTIFICATION.md`); free text is
//! scrubbed with the identifiers the policy marks (`RemoveName`, `RemoveAddress`, ...) as known
//! identifiers. Report paths are the policy's own patterns, never the record's keys.

mod policy;

pub use policy::{JsonAction, JsonPolicy, MAX_PATTERN_BYTES, MAX_POLICY_RULES};

use super::fhir::walker::Walker;
use super::fhir::{check_limits, values, DeidOptions, Deidentified};
use super::text::{KnownIdentifiers, PhiKind, TextOptions};
use crate::Result;
use serde_json::{Map, Value};

fn known_kind(action: JsonAction) -> Option<PhiKind> {
    match action {
        JsonAction::RemoveName => Some(PhiKind::Name),
        JsonAction::RemoveAddress | JsonAction::City => Some(PhiKind::Address),
        JsonAction::RemoveContact => Some(PhiKind::Phone),
        JsonAction::RemoveIdentifier => Some(PhiKind::Id),
        _ => None,
    }
}

/// Collects values under rules that feed the known identifiers.
fn collect(v: &Value, path: &mut Vec<String>, policy: &JsonPolicy, known: &mut KnownIdentifiers) -> Result<()> {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                path.push(k.clone());
                collect(child, path, policy, known)?;
                path.pop();
            }
        }
        Value::Array(a) => {
            for child in a {
                collect(child, path, policy, known)?;
            }
        }
        Value::String(s) => {
            let p: Vec<&str> = path.iter().map(String::as_str).collect();
            if let Some(kind) = policy.lookup(&p).and_then(|(_, a)| known_kind(a)) {
                known.add(kind, s)?;
            }
        }
        _ => {}
    }
    Ok(())
}

struct Ctx<'p, 'o> {
    policy: &'p JsonPolicy,
    walker: Walker<'o>,
}

impl Ctx<'_, '_> {
    fn node(&mut self, v: &Value, path: &mut Vec<String>) -> Result<Option<Value>> {
        match v {
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, child) in m {
                    path.push(k.clone());
                    let r = self.node(child, path)?;
                    path.pop();
                    if let Some(r) = r {
                        out.insert(k.clone(), r);
                    }
                }
                Ok((!out.is_empty()).then_some(Value::Object(out)))
            }
            Value::Array(a) => {
                let mut out = Vec::new();
                for child in a {
                    if let Some(r) = self.node(child, path)? {
                        out.push(r);
                    }
                }
                Ok((!out.is_empty()).then_some(Value::Array(out)))
            }
            scalar => self.leaf(scalar, path),
        }
    }

    fn leaf(&mut self, v: &Value, path: &[String]) -> Result<Option<Value>> {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let Some((pattern, action)) = self.policy.lookup(&p) else {
            self.walker.report.note("<unmatched>", "removed");
            return Ok(None);
        };
        let w = &mut self.walker;
        Ok(match action {
            JsonAction::Keep => Some(v.clone()),
            JsonAction::Remove
            | JsonAction::RemoveName
            | JsonAction::RemoveAddress
            | JsonAction::RemoveContact
            | JsonAction::RemoveIdentifier => {
                w.report.note(pattern, "removed");
                None
            }
            JsonAction::Text => match v.as_str() {
                Some(s) => Some(Value::String(w.scrub(s, pattern)?)),
                None => Some(v.clone()),
            },
            JsonAction::Date => values::date(w, v, pattern),
            JsonAction::BirthDate => {
                let out = values::birth_date(w, v, pattern);
                let over_89 = v
                    .as_str()
                    .and_then(|s| s.get(..4))
                    .and_then(|y| y.parse::<i64>().ok())
                    .zip(w.opts.reference_year)
                    .is_some_and(|(y, r)| i64::from(r) - y > 89);
                if over_89 {
                    Some(Value::String("90 or older".into()))
                } else {
                    out
                }
            }
            JsonAction::Age => {
                let n = v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
                match n {
                    Some(n) if n >= 90.0 => {
                        w.report.note(pattern, "age-90-or-older");
                        Some(Value::String("90+".into()))
                    }
                    Some(_) => Some(v.clone()),
                    None => {
                        w.report.note(pattern, "removed");
                        None
                    }
                }
            }
            JsonAction::Zip => values::zip(w, v, pattern),
            JsonAction::City => values::city(w, v, pattern),
        })
    }
}

/// De-identifies a generic JSON record under `policy`: each scalar value gets the action of
/// the first rule matching its path; unmatched values are removed. Options outside Safe Harbor
/// in `opts` (date shift, limited data set) apply to the `Date`, `BirthDate`, `Zip` and `City`
/// actions as for FHIR, and the report says so.
///
/// # Errors
/// [`crate::Error::LimitExceeded`] as for [`super::safe_harbor`].
pub fn deidentify_json(record: &Value, policy: &JsonPolicy, opts: &DeidOptions) -> Result<Deidentified> {
    check_limits(record)?;
    let mut known = KnownIdentifiers::new();
    collect(record, &mut Vec::new(), policy, &mut known)?;
    let text =
        TextOptions { mode: opts.text_mode, keep_year: !opts.limited(), reference_year: opts.reference_year, known };
    let mut ctx = Ctx { policy, walker: Walker::new(opts, text) };
    let value = ctx.node(record, &mut Vec::new())?.unwrap_or(Value::Null);
    let report = ctx
        .walker
        .report
        .finish(if opts.limited() { "limited-data-set" } else { "safe-harbor" }, opts.not_safe_harbor());
    Ok(Deidentified { value, report })
}
