//! `phiseal inspect`: the public, unauthenticated facts of an envelope (kind, recipients'
//! key ids, claimed sender, payload size) without any key. Nothing secret is printed.

use std::path::{Path, PathBuf};

use clap::Args;
use phiseal::envelope::{self, EnvelopeInfo, Kind};
use serde_json::json;

use crate::envelope_input::Peeked;
use crate::exit::{CliError, CliResult};
use crate::files::{self, Sensitivity};

const EXAMPLES: &str = "\
Examples:
  phiseal inspect lab.phsl
  phiseal inspect --json lab.phsl | jq -r '.recipients[]'

Nothing shown here is authenticated until the envelope is opened: use it for routing only.";

/// Show an envelope's recipients (key ids) and sizes, without any key.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct InspectArgs {
    /// Envelope file; `-` or absent reads stdin.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: PathBuf,
    /// Print one JSON object instead of text lines.
    #[arg(long)]
    pub json: bool,
}

/// Runs `inspect`.
///
/// # Errors
/// I/O and header parsing errors.
pub fn run(args: &InspectArgs) -> CliResult {
    let doing = format!("inspecting {}", args.input.display());
    let mut peeked = Peeked::open(&args.input)?;
    let (info, was_text) = if peeked.is_stream() {
        let mut info = envelope::inspect(&peeked.prefix).map_err(|err| CliError::library(&doing, &err))?;
        let rest = peeked.count_rest(&args.input)?;
        info.payload_len = info.payload_len.saturating_add(usize::try_from(rest).unwrap_or(usize::MAX));
        (info, false)
    } else {
        let input = peeked.read_envelope(&args.input)?;
        (envelope::inspect(&input.bytes).map_err(|err| CliError::library(&doing, &err))?, input.was_text)
    };
    let text = if args.json { as_json(&info, was_text) } else { as_text(&info, was_text) };
    files::write_all(Path::new("-"), text.as_bytes(), Sensitivity::Public)
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Sealed => "sealed",
        Kind::KeyOnly => "key-only",
        Kind::Stream => "stream",
        #[allow(unreachable_patterns)]
        _ => "other",
    }
}

fn as_text(info: &EnvelopeInfo, was_text: bool) -> String {
    let mut out = format!(
        "kind: {}\nform: {}\nrecipients: {}\n",
        kind_name(info.kind),
        if was_text { "text" } else { "binary" },
        info.recipients.len()
    );
    for id in &info.recipients {
        out.push_str(&format!("  {id}\n"));
    }
    match &info.sender {
        Some(sender) => out.push_str(&format!("sender (claimed, unverified): {}\n", sender.key_id())),
        None => out.push_str("sender: none (anonymous)\n"),
    }
    out.push_str(&format!("payload bytes: {}\n", info.payload_len));
    out
}

fn as_json(info: &EnvelopeInfo, was_text: bool) -> String {
    let value = json!({
        "kind": kind_name(info.kind),
        "form": if was_text { "text" } else { "binary" },
        "recipients": info.recipients.iter().map(|id| id.to_text()).collect::<Vec<_>>(),
        "sender": info.sender.map(|sender| sender.key_id().to_text()),
        "payloadBytes": info.payload_len,
    });
    format!("{value}\n")
}
