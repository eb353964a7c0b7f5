//! Fingerprints for out-of-band key verification.

use phiseal::keys::{Fingerprint, KeyPair};

#[test]
fn format_is_eight_groups_of_five_digits() {
    let fingerprint = KeyPair::generate().unwrap().public_key().fingerprint();
    let text = fingerprint.to_string();
    let groups: Vec<&str> = text.split(' ').collect();
    assert_eq!(groups.len(), 8);
    assert!(groups.iter().all(|group| group.len() == 5 && group.bytes().all(|b| b.is_ascii_digit())));
    assert!(fingerprint.groups().iter().all(|&group| group < 100_000));
}

#[test]
fn stable_for_a_key_and_different_across_keys() {
    let pair = KeyPair::generate().unwrap();
    assert_eq!(pair.public_key().fingerprint(), pair.public_key().fingerprint());
    let others: Vec<Fingerprint> = (0..16).map(|_| KeyPair::generate().unwrap().public_key().fingerprint()).collect();
    assert!(others.iter().all(|other| *other != pair.public_key().fingerprint()));
}

#[test]
fn typed_text_is_compared_by_digits() {
    let fingerprint = KeyPair::generate().unwrap().public_key().fingerprint();
    let typed = fingerprint.to_string().replace(' ', "-");
    assert_eq!(Fingerprint::from_text(&typed).unwrap(), fingerprint);
    assert_eq!(Fingerprint::from_text("1234").unwrap_err().code(), "MALFORMED");
    assert_eq!(Fingerprint::from_text(&"١".repeat(40)).unwrap_err().code(), "MALFORMED");
}

#[test]
fn debug_snapshot() {
    let fingerprint = Fingerprint::from_text(&"0123456789".repeat(4)).unwrap();
    assert_eq!(format!("{fingerprint:?}"), "Fingerprint(01234 56789 01234 56789 01234 56789 01234 56789)");
}
