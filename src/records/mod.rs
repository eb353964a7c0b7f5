//! Field-level sealing of JSON and FHIR records with role-based access (docs/RECORDS.md).
//!
//! A record keeps its shape: each field a policy encrypts becomes a compact string that only the
//! policy's roles can open, and one reserved top-level member, `_phiseal`, carries per role the
//! data key wrapped to that role's recipients and an authenticated legend of which path got
//! which action.
//!
//! - [`json`]: the strict JSON parser every record, policy and sealed record goes through.
//! - [`Policy`]: validated policies (JSON form [`PolicySpec`]).
//! - [`seal_record`] / [`open_record`]: sealing and opening one record ([`seal_record_text`]:
//!   sealing straight to JSON text).
//! - [`grant_record_access`] / [`revoke_record_access`]: rewriting one role's key header.
//! - [`fhir_policy`] / [`seal_bundle`]: ready-made FHIR R4 policies and Bundles.
//! - [`blind_index()`]: deterministic tokens for equality search, for sealing and for queries.
//!
//! ```
//! use std::collections::BTreeMap;
//! use phiseal::{keys::KeyPair, records::{self, Policy, SealOptions}};
//!
//! let policy = Policy::from_json(r#"{"version": 1, "roles": ["clinician", "research"], "rules": [
//!     {"path": "/resourceType", "action": "keep"},
//!     {"path": "Patient.name", "action": "encrypt", "roles": ["clinician"]},
//!     {"path": "Patient.birthDate", "action": "encrypt", "roles": ["clinician"],
//!      "generalizeFor": {"research": "year"}}]}"#)?;
//! let (doctor, analyst) = (KeyPair::generate()?, KeyPair::generate()?);
//! let recipients = BTreeMap::from([
//!     ("clinician".to_owned(), vec![*doctor.public_key()]),
//!     ("research".to_owned(), vec![*analyst.public_key()]),
//! ]);
//! let record = r#"{"resourceType": "Patient", "name": [{"family": "Okafor"}], "birthDate": "1961-07-14"}"#;
//! let options = SealOptions { record_id: "Patient/p1", sender: None, index_key: None };
//! let sealed = records::seal_record_json(record, &policy, &recipients, &options)?;
//! assert!(sealed["name"].as_str().is_some_and(|s| s.starts_with("phs2.")));
//!
//! let research = records::open_record(&sealed, &analyst)?;
//! assert_eq!(research.value["birthDate"], "1961");
//! assert_eq!(research.sealed_paths, ["/name"]);
//! assert_eq!(records::open_record(&sealed, &doctor)?.value["name"][0]["family"], "Okafor");
//! # Ok::<(), phiseal::Error>(())
//! ```

mod access;
mod blind_index;
mod bundle;
mod canonical;
mod fhir_policies;
mod field_aead;
mod field_cipher;
mod field_keys;
mod generalize;
pub mod json;
mod json_limits;
mod json_string;
mod key_header;
mod legend;
mod legend_builder;
mod normalize;
mod open;
mod path;
mod policy;
mod policy_spec;
mod role_keyring;
mod role_sets;
mod seal;
mod sealed_out;
mod sealed_text;
mod selector;
mod set_keys;
mod walk;

pub use access::{change_record_access, grant_record_access, revoke_record_access};
pub use bundle::{open_bundle, seal_bundle, BundleEntryStatus, BundleOptions, OpenedBundle, OpenedEntry};
pub use fhir_policies::{fhir_policies, fhir_policy, FHIR_POLICIES};
pub use field_cipher::{PAD_BLOCK, SEALED_PREFIX, SEALED_PREFIX_V1};
pub use legend::{LegendAction, LegendEntry, MAX_RECORD_ID_LEN, RECORD_FORMAT_VERSION, RESERVED_MEMBER};
pub use open::{open_record, open_record_expecting, open_record_json, OpenedRecord};
pub use seal::{seal_record, seal_record_json, seal_record_text, SealOptions, MAX_RECORD_DEPTH};

pub use blind_index::{blind_index, IndexKey, DEFAULT_TOKEN_LEN, MAX_TOKEN_LEN, MIN_TOKEN_LEN, TOKEN_PREFIX};
pub use generalize::{Generalization, NamedGeneralization, MAX_BUCKET};
pub use normalize::Normalization;
pub use policy::{Policy, MAX_ROLES, MAX_ROLE_LEN, MAX_RULES, POLICY_VERSION};
pub use policy_spec::{DefaultName, DefaultSpec, EncryptDefault, EncryptWord, PolicySpec, RuleSpec};
pub use selector::MAX_SELECTOR_PARTS;
