//! `phiseal seal-record`: field-level sealing of a JSON / FHIR record under a policy, one
//! record or an NDJSON file (docs/RECORDS.md).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use phiseal::keys::{KeyPair, PublicKey};
use phiseal::records::{self, IndexKey, Policy, SealOptions};
use serde_json::Value;
use zeroize::Zeroizing;

use crate::args::{BulkArgs, InOut};
use crate::exit::{CliError, CliResult};
use crate::files;
use crate::keyfiles::{self, PasswordSource};
use crate::records_io::{self, run_records};

const EXAMPLES: &str = "\
Examples:
  # A FHIR Observation under the ready-made policy, for the clinician and research roles
  phiseal seal-record --fhir -r clinician=clinician.pub.jwk -r research=research.pub.jwk \\
      -r billing=billing.pub.jwk -r frontdesk=desk.pub.jwk obs.json > obs.sealed.json

  # A FHIR bulk export (NDJSON), on every core, with a progress bar and a summary
  phiseal seal-record --fhir --ndjson --index-key index.key -r clinician=c.pub.jwk -r billing=b.pub.jwk \\
      -r frontdesk=f.pub.jwk -r research=r.pub.jwk -o Patient.sealed.ndjson Patient.ndjson

  # Your own policy; the record id is bound into every sealed field
  phiseal seal-record --policy intake-policy.json --record-id intake/2026-0001 -r nurse=nurse.pub.jwk form.json

The record id defaults to `resourceType/id`. Patient policies make blind-index tokens and need
--index-key FILE (32 bytes: raw, or 64 hex characters, e.g. from `openssl rand -hex 32`).";

/// Seal a JSON / FHIR record field by field under a policy.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct SealRecordArgs {
    #[command(flatten)]
    pub files: InOut,
    /// Policy file (JSON, docs/RECORDS.md).
    #[arg(long, value_name = "FILE", required_unless_present = "fhir", conflicts_with = "fhir")]
    pub policy: Option<PathBuf>,
    /// Use the ready-made FHIR R4 policy of each record's resourceType (roles clinician,
    /// billing, frontdesk, research).
    #[arg(long)]
    pub fhir: bool,
    /// ROLE=FILE: a public JWK for a role; repeat for every role and recipient.
    #[arg(short, long = "recipient", value_name = "ROLE=FILE", required = true)]
    pub recipients: Vec<String>,
    /// Record id bound into the sealed record (default: `resourceType/id`). Not with --ndjson.
    #[arg(long, value_name = "ID", conflicts_with = "ndjson")]
    pub record_id: Option<String>,
    /// Blind-index root key file, for policies with `token` rules.
    #[arg(long, value_name = "FILE")]
    pub index_key: Option<PathBuf>,
    /// Sender's private key: authenticated key headers (HPKE auth mode).
    #[arg(long, value_name = "FILE")]
    pub sender: Option<PathBuf>,
    /// Password file for a protected sender key (else PHISEAL_PASSWORD).
    #[arg(long, value_name = "FILE", requires = "sender")]
    pub password_file: Option<PathBuf>,
    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// Which policy applies to a record.
enum Policies {
    Fixed(Policy),
    ByResourceType(BTreeMap<String, Policy>),
}

impl Policies {
    fn for_record(&self, record: &Value) -> CliResult<&Policy> {
        match self {
            Policies::Fixed(policy) => Ok(policy),
            Policies::ByResourceType(map) => record
                .get("resourceType")
                .and_then(Value::as_str)
                .and_then(|kind| map.get(kind))
                .ok_or_else(|| CliError::usage("no ready-made FHIR policy for this record's resourceType")),
        }
    }
}

/// Runs `seal-record`.
///
/// # Errors
/// Key, policy, I/O and library errors; bulk statuses.
pub fn run(args: &SealRecordArgs) -> CliResult {
    let policies = load_policies(args)?;
    let recipients = role_recipients(&args.recipients)?;
    let index_key = args.index_key.as_deref().map(load_index_key).transpose()?;
    let sender: Option<KeyPair> = match &args.sender {
        Some(path) => Some(keyfiles::load_identity(path, PasswordSource { file: args.password_file.as_deref() })?),
        None => None,
    };
    run_records(&args.files, &args.bulk, "sealed", |bytes| {
        let record = records_io::parse(bytes)?;
        let record_id = records_io::record_id(args.record_id.as_deref(), &record)?;
        let options = SealOptions { record_id: &record_id, sender: sender.as_ref(), index_key: index_key.as_ref() };
        let sealed = records::seal_record(&record, policies.for_record(&record)?, &recipients, &options)
            .map_err(|err| CliError::library("sealing the record", &err))?;
        records_io::to_line(&sealed)
    })
}

fn load_policies(args: &SealRecordArgs) -> CliResult<Policies> {
    let Some(path) = &args.policy else {
        return records::fhir_policies()
            .map(Policies::ByResourceType)
            .map_err(|err| CliError::library("loading the FHIR policies", &err));
    };
    let bytes = files::read_all(path, 1024 * 1024, "policy")?;
    let doing = format!("loading policy {}", path.display());
    let text =
        std::str::from_utf8(&bytes).map_err(|_| CliError::library(&doing, &phiseal::Error::Malformed("not UTF-8")))?;
    Policy::from_json(text).map(Policies::Fixed).map_err(|err| CliError::library(&doing, &err))
}

/// Parses `ROLE=FILE` arguments into recipients by role.
fn role_recipients(arguments: &[String]) -> CliResult<BTreeMap<String, Vec<PublicKey>>> {
    let mut by_role: BTreeMap<String, Vec<PublicKey>> = BTreeMap::new();
    for argument in arguments {
        let Some((role, path)) = argument.split_once('=').filter(|(role, path)| !role.is_empty() && !path.is_empty())
        else {
            return Err(CliError::usage(format!("-r expects ROLE=FILE, got {argument:?}")));
        };
        by_role.entry(role.to_owned()).or_default().push(keyfiles::load_recipient(Path::new(path))?);
    }
    Ok(by_role)
}

/// Reads a blind-index key: 32 raw bytes, or 64 hex characters (surrounding whitespace ignored).
fn load_index_key(path: &Path) -> CliResult<IndexKey> {
    let raw = Zeroizing::new(files::read_all(path, 256, "index key")?);
    let doing = format!("loading index key {}", path.display());
    let bytes = match raw.trim_ascii() {
        text if text.len() == 64 => Zeroizing::new(decode_hex(text).ok_or_else(|| {
            CliError::library(&doing, &phiseal::Error::InvalidKey("index key is not 64 hex characters"))
        })?),
        _ => Zeroizing::new(raw.to_vec()),
    };
    IndexKey::from_bytes(&bytes).map_err(|err| CliError::library(&doing, &err))
}

fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    let nibble = |c: u8| (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    text.chunks_exact(2).map(|pair| Some(nibble(*pair.first()?)? << 4 | nibble(*pair.get(1)?)?)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decoding_is_strict() {
        assert_eq!(decode_hex(b"00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(decode_hex(b"0g"), None);
    }

    #[test]
    fn role_arguments_need_a_role_and_a_file() {
        for bad in ["clinician", "=x.jwk", "clinician="] {
            assert!(role_recipients(&[bad.to_owned()]).is_err(), "{bad}");
        }
    }
}
