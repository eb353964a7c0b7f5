//! The legend of a record being sealed and the manifest's list of values, written as the walk
//! goes (docs/RECORDS.md, "Sealed record format" and "Canonical JSON").
//!
//! Each entry is written, as it is pushed, into the canonical legend text (hashed into every key
//! header's context and MAC'd in the manifest) and the canonical text of the value at its path,
//! and kept; the JSON of the `_phiseal` legend is made once at the end, as a value tree or as
//! compact text (see `sealed_out`). The tests check that these equal the serde form of
//! [`LegendEntry`] and `to_canonical` of it, which is how an opener reads them.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::records::canonical::{self, to_canonical, write_compact, write_string};
use crate::records::generalize::Generalization;
use crate::records::legend::LegendAction;

/// One legend entry as the walk has it: `roles` in legend order, `views` sorted by role name;
/// role names are borrowed from the policy.
pub(crate) struct NewEntry<'a> {
    pub path: String,
    pub action: LegendAction,
    pub roles: Vec<&'a str>,
    pub views: Vec<(&'a str, Generalization)>,
}

/// The legend entries and manifest values written so far.
pub(crate) struct LegendBuilder<'a> {
    entries: Vec<NewEntry<'a>>,
    canonical: String,
    values: String,
}

/// A finished legend: its entries, its canonical text, and the canonical values joined with
/// `,`. Its JSON (the `legend` of `_phiseal`) is built by [`BuiltLegend::json`] or written as
/// text by [`BuiltLegend::write_json`], whichever the sealed record is made of.
pub(crate) struct BuiltLegend<'a> {
    entries: Vec<NewEntry<'a>>,
    pub canonical: String,
    pub values: String,
}

impl BuiltLegend<'_> {
    /// The canonical text of the array of values.
    pub(crate) fn values_array(&self) -> String {
        let mut out = String::with_capacity(self.values.len() + 2);
        out.push('[');
        out.push_str(&self.values);
        out.push(']');
        out
    }

    /// The legend as JSON, each entry as serde writes a [`crate::records::LegendEntry`].
    ///
    /// # Errors
    /// [`Error::Malformed`] if a view does not serialize (never for a validated policy).
    pub(crate) fn json(&self) -> Result<Value> {
        let mut entries = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let mut member = Map::with_capacity(4);
            member.insert("path".to_owned(), Value::String(entry.path.clone()));
            member.insert("action".to_owned(), Value::String(entry.action.name().to_owned()));
            if !entry.roles.is_empty() {
                let roles = entry.roles.iter().map(|role| Value::String((*role).to_owned())).collect();
                member.insert("roles".to_owned(), Value::Array(roles));
            }
            if !entry.views.is_empty() {
                member.insert("views".to_owned(), Value::Object(views_json(&entry.views)?));
            }
            entries.push(Value::Object(member));
        }
        Ok(Value::Array(entries))
    }

    /// Appends the compact JSON text of [`BuiltLegend::json`] to `out`.
    ///
    /// # Errors
    /// As [`BuiltLegend::json`].
    pub(crate) fn write_json(&self, out: &mut String) -> Result<()> {
        out.push('[');
        for (index, entry) in self.entries.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str("{\"path\":");
            write_string(&entry.path, out);
            out.push_str(",\"action\":");
            write_string(entry.action.name(), out);
            write_roles(&entry.roles, out);
            if !entry.views.is_empty() {
                out.push_str(",\"views\":{");
                for (index, (role, view)) in entry.views.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_string(role, out);
                    out.push(':');
                    write_compact(&serde_json::to_value(view).map_err(|_| LEGEND)?, out);
                }
                out.push('}');
            }
            out.push('}');
        }
        out.push(']');
        Ok(())
    }
}

/// `,"roles":[...]` unless `roles` is empty (serde leaves an empty list out).
fn write_roles(roles: &[&str], out: &mut String) {
    if roles.is_empty() {
        return;
    }
    out.push_str(",\"roles\":[");
    for (index, role) in roles.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_string(role, out);
    }
    out.push(']');
}

/// `{role: view}` as JSON, names in byte order (as given).
fn views_json(views: &[(&str, Generalization)]) -> Result<Map<String, Value>> {
    views.iter().map(|(role, view)| Ok(((*role).to_owned(), serde_json::to_value(view).map_err(|_| LEGEND)?))).collect()
}

impl<'a> LegendBuilder<'a> {
    pub(crate) fn new() -> Self {
        LegendBuilder { entries: Vec::new(), canonical: String::from("["), values: String::new() }
    }

    /// Adds the entry of `value`, the value now at `entry.path` in the sealed record.
    ///
    /// # Errors
    /// [`Error::Malformed`] if a view does not serialize (never for a validated policy).
    pub(crate) fn push(&mut self, entry: NewEntry<'a>, value: &Value) -> Result<()> {
        if !self.entries.is_empty() {
            self.canonical.push(',');
            self.values.push(',');
        }
        canonical::write(value, &mut self.values);
        self.write_canonical(&entry)?;
        self.entries.push(entry);
        Ok(())
    }

    /// Members in byte order (`action`, `path`, `roles`, `views`), empty ones left out as serde
    /// leaves them out; `views` holds names in byte order already.
    fn write_canonical(&mut self, entry: &NewEntry<'_>) -> Result<()> {
        let out = &mut self.canonical;
        out.push_str("{\"action\":");
        write_string(entry.action.name(), out);
        out.push_str(",\"path\":");
        write_string(&entry.path, out);
        write_roles(&entry.roles, out);
        if !entry.views.is_empty() {
            out.push_str(",\"views\":");
            out.push_str(&to_canonical(&Value::Object(views_json(&entry.views)?)));
        }
        out.push('}');
        Ok(())
    }

    pub(crate) fn finish(mut self) -> BuiltLegend<'a> {
        self.canonical.push(']');
        BuiltLegend { entries: self.entries, canonical: self.canonical, values: self.values }
    }
}

const LEGEND: Error = Error::Malformed("legend");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::generalize::NamedGeneralization;
    use crate::records::legend::LegendEntry;
    use serde_json::json;

    type Case = (&'static str, LegendAction, &'static [&'static str], &'static [(&'static str, Generalization)], Value);

    #[test]
    fn the_three_forms_match_what_an_opener_reads() {
        const YEAR: Generalization = Generalization::Named(NamedGeneralization::Year);
        const BUCKET: Generalization = Generalization::Bucket { bucket: 10 };
        let cases: [Case; 6] = [
            ("/resourceType", LegendAction::Keep, &[], &[], json!("Patient")),
            ("/a~1b/0/\"q\"\u{1}é", LegendAction::Generalize, &[], &[], json!({"z": 1, "a": [true, null]})),
            (
                "/birthDate",
                LegendAction::Encrypt,
                &["z-role", "clinician", "b"],
                &[("b", YEAR), ("z-role", YEAR)],
                json!("phs1.x.y.z"),
            ),
            ("/n", LegendAction::Encrypt, &["clinician"], &[("clinician", BUCKET)], json!("phs1.x")),
            (
                "/identifier/0/value",
                LegendAction::Token,
                &["billing", "clinician"],
                &[],
                json!({"$token": "pht1.t", "$sealed": "phs1.a.b"}),
            ),
            ("/identifier/1/value", LegendAction::Token, &[], &[], json!("pht1.u")),
        ];
        let mut builder = LegendBuilder::new();
        let mut entries = Vec::new();
        let mut values = Vec::new();
        for (path, action, roles, views, value) in &cases {
            let entry =
                NewEntry { path: (*path).to_owned(), action: *action, roles: roles.to_vec(), views: views.to_vec() };
            builder.push(entry, value).unwrap();
            entries.push(LegendEntry {
                path: (*path).to_owned(),
                action: *action,
                roles: roles.iter().map(|role| (*role).to_owned()).collect(),
                views: views.iter().map(|(role, view)| ((*role).to_owned(), *view)).collect(),
            });
            values.push(to_canonical(value));
        }
        let built = builder.finish();
        let json = built.json().unwrap();
        assert_eq!(json, serde_json::to_value(&entries).unwrap());
        assert_eq!(built.canonical, to_canonical(&json));
        let mut text = String::new();
        built.write_json(&mut text).unwrap();
        assert_eq!(text, serde_json::to_string(&json).unwrap());
        assert_eq!(built.values, values.join(","));
        for action in [LegendAction::Encrypt, LegendAction::Token, LegendAction::Generalize, LegendAction::Keep] {
            assert_eq!(serde_json::to_value(action).unwrap(), action.name());
        }
        assert_eq!(LegendBuilder::new().finish().canonical, "[]");
    }
}
