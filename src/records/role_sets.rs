//! Role sets of sealed-record format version 2 (docs/RECORDS.md, "Format version 2").
//!
//! A legend entry's roles are split into plaintext groups: the roles that get the exact value,
//! and for each generalization the roles that get that generalized value, in the order their
//! first role appears in the entry's `roles`. Each group is one AES-256-GCM segment, under the
//! key of its role set (the group's role names in byte order), so a value shared by three roles
//! is encrypted once instead of three times.

use crate::records::generalize::Generalization;

/// The plaintext groups of one legend entry: for each, what its roles get (`None`: the exact
/// value) and its roles in entry order. Groups follow the order of their first role in `roles`.
pub(crate) fn groups<R: Copy + PartialEq>(
    roles: &[R],
    view_of: impl Fn(R) -> Option<Generalization>,
) -> Vec<(Option<Generalization>, Vec<R>)> {
    let mut out: Vec<(Option<Generalization>, Vec<R>)> = Vec::new();
    for &role in roles {
        let view = view_of(role);
        match out.iter_mut().find(|(group_view, _)| *group_view == view) {
            Some((_, members)) => members.push(role),
            None => out.push((view, vec![role])),
        }
    }
    out
}

/// The id of a role set: `lp(name)` of each role name, names in byte order (the caller's order
/// is not trusted: the names are sorted here). `lp(x)` is the 4-byte big-endian length and `x`.
pub(crate) fn set_id<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut sorted: Vec<&str> = names.into_iter().collect();
    sorted.sort_unstable();
    let mut id = Vec::with_capacity(sorted.iter().map(|name| name.len() + 4).sum());
    for name in sorted {
        // Role names are at most 64 bytes (policy) or bounded by the JSON limits (opening).
        let length = u32::try_from(name.len()).unwrap_or(u32::MAX);
        id.extend_from_slice(&length.to_be_bytes());
        id.extend_from_slice(name.as_bytes());
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::generalize::NamedGeneralization;

    const YEAR: Generalization = Generalization::Named(NamedGeneralization::Year);
    const ZIP3: Generalization = Generalization::Named(NamedGeneralization::Zip3);

    #[test]
    fn roles_are_grouped_by_what_they_get_in_order_of_first_appearance() {
        let view = |role: &str| match role {
            "research" | "audit" => Some(YEAR),
            "geo" => Some(ZIP3),
            _ => None,
        };
        let roles = ["research", "clinician", "geo", "billing", "audit"];
        let got = groups(&roles, view);
        assert_eq!(
            got,
            vec![
                (Some(YEAR), vec!["research", "audit"]),
                (None, vec!["clinician", "billing"]),
                (Some(ZIP3), vec!["geo"]),
            ]
        );
        assert!(groups::<&str>(&[], view).is_empty());
    }

    #[test]
    fn set_ids_ignore_order_and_cannot_be_confused() {
        assert_eq!(set_id(["b", "a"]), set_id(["a", "b"]));
        assert_eq!(set_id(["a", "b"]), b"\0\0\0\x01a\0\0\0\x01b");
        assert_ne!(set_id(["ab"]), set_id(["a", "b"]));
        assert_ne!(set_id(["a"]), set_id(["a", "b"]));
    }
}
