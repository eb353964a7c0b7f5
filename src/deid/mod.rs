//! De-identification: HIPAA Safe Harbor, 45 CFR 164.514(b)(2) (docs/DEID.md). (in progress)
