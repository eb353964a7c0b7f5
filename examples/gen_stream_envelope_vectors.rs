//! Writes streaming-envelope vectors (kind 3: header + C2SP Cobblestone-256 payload).
//! `cargo run --example gen_stream_envelope_vectors -- tests/vectors/envelope/stream-v1.json`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;

use phiseal::envelope::{self, SealOptions};
use phiseal::keys::KeyPair;
use serde_json::{json, Value};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn seal(plaintext: &[u8], recipients: &[&KeyPair], context: &[u8], sender: Option<&KeyPair>) -> Vec<u8> {
    let publics: Vec<_> = recipients.iter().map(|pair| *pair.public_key()).collect();
    let mut writer = envelope::seal_stream(Vec::new(), &publics, context, &SealOptions { sender }).unwrap();
    writer.write_all(plaintext).unwrap();
    writer.finish().unwrap()
}

fn case(name: &str, sealed: &[u8], context: &[u8], open_as: &str, expect: Value) -> Value {
    json!({ "name": name, "envelope": hex(sealed), "context": hex(context), "openAs": open_as, "expect": expect })
}

fn main() {
    let [alice, bob, carol, sender]: [KeyPair; 4] = std::array::from_fn(|_| KeyPair::generate().unwrap());
    let ctx: &[u8] = b"attachment:scan-0042|purpose:radiology";
    let body: Vec<u8> = (0..20_000u32).map(|i| (i * 13 % 256) as u8).collect();
    let pattern = |len: usize| json!({ "plaintextLength": len });
    let two_chunks = seal(&body, &[&alice, &bob], ctx, None);
    let header_len = two_chunks.len() - (body.len() + 2 * 16 + 56);
    let mut cases = vec![];
    for len in [0usize, 1, 16_383, 16_384, 16_385] {
        let body: Vec<u8> = (0..len as u32).map(|i| (i * 13 % 256) as u8).collect();
        let sealed = seal(&body, &[&alice], ctx, None);
        cases.push(case(&format!("{len} bytes"), &sealed, ctx, "alice", pattern(len)));
    }
    cases.push(case("20000 bytes, second recipient", &two_chunks, ctx, "bob", pattern(body.len())));
    cases.push(case("not a recipient", &two_chunks, ctx, "carol", json!({ "error": "NO_MATCHING_RECIPIENT" })));
    cases.push(case("wrong context", &two_chunks, b"attachment:scan-0043", "alice", json!({ "error": "AUTH_FAILED" })));
    let authed = seal(b"signed", &[&alice], ctx, Some(&sender));
    let mut auth_case = case("sender-authenticated", &authed, ctx, "alice", json!({ "plaintext": hex(b"signed") }));
    auth_case["expectSender"] = json!("sender");
    cases.push(auth_case);
    let mut flipped_header = two_chunks.clone();
    flipped_header[20] ^= 1;
    cases.push(case("header salt bit flipped", &flipped_header, ctx, "alice", json!({ "error": "AUTH_FAILED" })));
    let mut flipped_chunk = two_chunks.clone();
    flipped_chunk[header_len + 100] ^= 1;
    cases.push(case(
        "first chunk bit flipped",
        &flipped_chunk,
        ctx,
        "alice",
        json!({ "error": "AUTH_FAILED", "releasedBeforeError": 0 }),
    ));
    let mut late = two_chunks.clone();
    let last = late.len() - 5;
    late[last] ^= 1;
    cases.push(case(
        "final chunk bit flipped",
        &late,
        ctx,
        "alice",
        json!({ "error": "AUTH_FAILED", "releasedBeforeError": 16_384 }),
    ));
    let cut = &two_chunks[..header_len + 56 + (16_384 + 16)];
    cases.push(case(
        "cut at a chunk boundary",
        cut,
        ctx,
        "alice",
        json!({ "error": "TRUNCATED", "releasedBeforeError": 16_384 }),
    ));
    cases.push(case(
        "cut inside the header",
        &two_chunks[..header_len - 10],
        ctx,
        "alice",
        json!({ "error": "MALFORMED" }),
    ));
    let one_shot = envelope::seal(b"x", &[*alice.public_key()], ctx).unwrap();
    cases.push(case(
        "one-shot envelope given to the stream opener",
        &one_shot,
        ctx,
        "alice",
        json!({ "error": "MALFORMED" }),
    ));

    let key = |pair: &KeyPair| {
        json!({
            "secretKey": hex(pair.secret_key().dangerous_export_bytes().expose()),
            "publicKey": hex(pair.public_key().as_bytes()),
        })
    };
    let doc = json!({
        "format": "phiseal streaming envelope v1 (docs/FORMAT.md, Streaming)",
        "howToUse": "Open `envelope` as a stream with the secret key named by `openAs` and `context`. `expect.plaintextLength` N means the whole output is N bytes where byte i = (13 * i) mod 256; `expect.plaintext` is hex; for `expect.error`, a streaming reader may first release `releasedBeforeError` authenticated bytes (when given) and must then fail with that code.",
        "keys": { "alice": key(&alice), "bob": key(&bob), "carol": key(&carol), "sender": key(&sender) },
        "cases": cases,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    match std::env::args().nth(1) {
        Some(path) => std::fs::write(path, text).unwrap(),
        None => print!("{text}"),
    }
}
