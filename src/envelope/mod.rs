//! Multi-recipient envelopes, format v1 (docs/FORMAT.md). (in progress)
