//! Applies the profile to a JSON value: every key is looked up in the rules for where it is;
//! unnamed keys are removed and counted as `<unlisted>` (default deny).

use super::options::DeidOptions;
use super::profile::{action_in, rules_for, static_name, Action, Rule, COMMON, ELEMENT_COMMON, QR_ITEM};
use super::report::ReportBuilder;
use super::values;
use crate::deid::text::{scrub_text, TextOptions};
use crate::Result;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Nesting deeper than this is rejected before any work (FHIR resources are far shallower).
pub const MAX_DEPTH: usize = 64;

/// State of one de-identification call.
pub(crate) struct Walker<'a> {
    pub opts: &'a DeidOptions,
    pub text: TextOptions,
    pub report: ReportBuilder,
    ids: HashMap<String, String>,
    pub day_offset: Option<i64>,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

impl<'a> Walker<'a> {
    pub(crate) fn new(opts: &'a DeidOptions, text: TextOptions) -> Self {
        let day_offset = opts.date_shift.as_ref().map(|s| s.key.day_offset(&s.patient, s.max_days));
        Walker { opts, text, report: ReportBuilder::default(), ids: HashMap::new(), day_offset }
    }

    /// A surrogate for an id: sequential within the call, or a keyed pseudonym.
    pub(crate) fn surrogate(&mut self, key: &str) -> String {
        if let Some(k) = &self.opts.pseudonym_key_not_safe_harbor {
            return k.pseudonym("phiseal deid id v1", key);
        }
        let n = self.ids.len() + 1;
        self.ids.entry(key.to_owned()).or_insert_with(|| format!("deid-{n}")).clone()
    }

    /// Free text through the scrubber; span counts go to the report.
    pub(crate) fn scrub(&mut self, s: &str, path: &str) -> Result<String> {
        let out = scrub_text(s, &self.text)?;
        for span in &out.spans {
            *self.report.text_spans.entry(span.kind.label()).or_insert(0) += 1;
        }
        if !out.spans.is_empty() {
            self.report.note(path, "text-scrubbed");
        }
        Ok(out.text)
    }

    /// A resource: `resourceType` selects the rules; an unknown type keeps only its type and id.
    pub(crate) fn resource(&mut self, v: &Value, path: &str, depth: usize) -> Result<Option<Value>> {
        let Some(map) = v.as_object() else {
            self.report.note(&join(path, "<not-a-resource>"), "removed");
            return Ok(None);
        };
        let rtype = map.get("resourceType").and_then(Value::as_str).unwrap_or("");
        let Some(rules) = rules_for(rtype) else {
            let p = join(path, "<unsupported-resource>");
            self.report.note(&p, "removed");
            return Ok(None);
        };
        let name = super::profile::RESOURCES.iter().find(|(t, _)| *t == rtype).map_or("", |(t, _)| *t);
        let p = join(path, name);
        let mut out = Map::new();
        for (key, value) in map {
            let action = action_in(COMMON, key).or_else(|| action_in(rules, key));
            let kname = static_name(COMMON, key).or_else(|| static_name(rules, key)).unwrap_or("<unlisted>");
            let kp = join(&p, kname);
            let Some(action) = action else {
                self.report.note(&kp, "removed");
                continue;
            };
            let result = if action == Action::Id {
                values::id(self, value, name, &kp)
            } else {
                self.apply(action, value, &kp, depth + 1)?
            };
            if let Some(r) = result {
                out.insert(kname.to_owned(), r);
            }
        }
        values::birth_group(self, map, &mut out, &p);
        Ok(Some(Value::Object(out)))
    }

    /// A nested element with its own rules (plus `extension`).
    pub(crate) fn object(
        &mut self,
        v: &Value,
        rules: &'static [Rule],
        path: &str,
        depth: usize,
    ) -> Result<Option<Value>> {
        let Some(map) = v.as_object() else {
            self.report.note(path, "removed");
            return Ok(None);
        };
        let mut out = Map::new();
        for (key, value) in map {
            let action = action_in(rules, key).or_else(|| action_in(ELEMENT_COMMON, key));
            let kname = static_name(rules, key).or_else(|| static_name(ELEMENT_COMMON, key)).unwrap_or("<unlisted>");
            let kp = join(path, kname);
            let Some(action) = action else {
                self.report.note(&kp, "removed");
                continue;
            };
            if let Some(r) = self.apply(action, value, &kp, depth + 1)? {
                out.insert(kname.to_owned(), r);
            }
        }
        Ok((!out.is_empty()).then_some(Value::Object(out)))
    }

    /// Applies an action to a value; arrays are mapped element by element.
    pub(crate) fn apply(&mut self, action: Action, v: &Value, path: &str, depth: usize) -> Result<Option<Value>> {
        if let Value::Array(items) = v {
            if action == Action::Identifier {
                return Ok(values::identifiers(self, v, path));
            }
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if let Some(r) = self.apply(action, item, path, depth + 1)? {
                    out.push(r);
                }
            }
            return Ok((!out.is_empty()).then_some(Value::Array(out)));
        }
        match action {
            Action::Keep => Ok(Some(values::data(v))),
            Action::Data => Ok(Some(values::data(v))),
            Action::Drop => {
                self.report.note(path, "removed");
                Ok(None)
            }
            Action::Id => Ok(values::id(self, v, "", path)),
            Action::Identifier => Ok(values::identifiers(self, v, path)),
            Action::Date => Ok(values::date(self, v, path)),
            Action::Instant => Ok(values::instant(self, v, path)),
            Action::BirthDate => Ok(values::birth_date(self, v, path)),
            Action::Period => self.object(v, super::profile::PERIOD, path, depth),
            Action::Age => Ok(values::age(self, v, path)),
            Action::Zip => Ok(values::zip(self, v, path)),
            Action::City => Ok(values::city(self, v, path)),
            Action::Text => match v.as_str() {
                Some(s) => Ok(Some(Value::String(self.scrub(s, path)?))),
                None => Ok(None),
            },
            Action::Concept => self.object(v, super::profile::CONCEPT, path, depth),
            Action::Reference => Ok(values::reference(self, v, path)),
            Action::FullUrl => Ok(values::full_url(self, v, path)),
            Action::Narrative => values::narrative(self, v, path),
            Action::Extension => values::extension(self, v, path, depth),
            Action::Annotation => self.object(v, super::profile::ANNOTATION, path, depth),
            Action::Attachment => values::attachment(self, v, path),
            Action::QrItem => self.object(v, QR_ITEM, path, depth),
            Action::Resource => self.resource(v, path, depth),
            Action::Object(rules) => self.object(v, rules, path, depth),
        }
    }
}
