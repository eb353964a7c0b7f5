//! Field-level sealing of JSON and FHIR records with role-based access (docs/RECORDS.md).
//!
//! A record keeps its shape: each field a policy encrypts becomes a compact string that only the
//! policy's roles can open, and one reserved top-level member, `_phiseal`, carries per role the
//! data key wrapped to that role's recipients and an authenticated legend of which path got
//! which action.
//!
//! - [`json`]: the strict JSON parser every record, policy and sealed record goes through.

pub mod json;
mod json_string;
