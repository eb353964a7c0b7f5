//! Field-level sealing of JSON and FHIR records (docs/RECORDS.md). (in progress)
