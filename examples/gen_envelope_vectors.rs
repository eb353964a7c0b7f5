//! Writes `tests/vectors/envelope/v1.json`: envelope v1 vectors for independent implementations.
//!
//! Run once per format change with `cargo run --example gen_envelope_vectors -- <out.json>`;
//! committed vector files are never regenerated in place (old-format vectors stay valid), so
//! the default output is stdout.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use phiseal::envelope::{self, RecipientChanges, SealOptions};
use phiseal::keys::KeyPair;
use serde_json::{json, Value};

const PREAMBLE_LEN: usize = 4 + 1 + 2 + 1 + 1 + 32 + 32;
const SLOT_LEN: usize = 112;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn key_json(pair: &KeyPair) -> Value {
    json!({
        "secretKey": hex(pair.secret_key().dangerous_export_bytes().expose()),
        "publicKey": hex(pair.public_key().as_bytes()),
        "keyId": pair.public_key().key_id().to_text(),
    })
}

fn ok(name: &str, envelope: &[u8], context: &[u8], open_as: &str, plaintext: &[u8]) -> Value {
    json!({ "name": name, "envelope": hex(envelope), "context": hex(context), "openAs": open_as,
            "expect": { "plaintext": hex(plaintext) } })
}

fn fail(name: &str, envelope: &[u8], context: &[u8], open_as: &str, code: &str) -> Value {
    json!({ "name": name, "envelope": hex(envelope), "context": hex(context), "openAs": open_as,
            "expect": { "error": code } })
}

fn mutate(bytes: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = bytes.to_vec();
    edit(&mut out);
    out
}

fn main() {
    let [alice, bob, carol, sender]: [KeyPair; 4] = std::array::from_fn(|_| KeyPair::generate().unwrap());
    let ctx: &[u8] = b"record:8f14e45f|purpose:lab-result";
    let pt: &[u8] = b"{\"code\":\"4548-4\",\"value\":6.1,\"unit\":\"%\"}";
    let two = envelope::seal(pt, &[*alice.public_key(), *bob.public_key()], ctx).unwrap();
    let authed = envelope::seal_with(pt, &[*alice.public_key()], ctx, &SealOptions { sender: Some(&sender) }).unwrap();
    let empty = envelope::seal(b"", &[*bob.public_key()], b"").unwrap();
    let changes = RecipientChanges { add: &[*carol.public_key()], remove: &[bob.public_key().key_id()], sender: None };
    let rewrapped = envelope::rewrap(&two, &alice, ctx, &changes).unwrap();
    let (data_key, key_header) = envelope::seal_key_header(&[*alice.public_key()], None, b"role:clinician").unwrap();
    let slots_at = PREAMBLE_LEN + 2;
    let header_end = slots_at + 2 * SLOT_LEN + 64;

    let mut cases = vec![
        ok("two recipients, opened by the first", &two, ctx, "alice", pt),
        ok("two recipients, opened by the second", &two, ctx, "bob", pt),
        fail("not a recipient", &two, ctx, "carol", "NO_MATCHING_RECIPIENT"),
        fail("wrong context", &two, b"record:8f14e45f|purpose:billing", "alice", "AUTH_FAILED"),
        ok("empty plaintext and empty context", &empty, b"", "bob", b""),
        fail("empty input", b"", ctx, "alice", "MALFORMED"),
        fail("truncated inside the slots", &two[..slots_at + 50], ctx, "alice", "MALFORMED"),
        fail("truncated before the payload tag", &two[..header_end + 15], ctx, "alice", "MALFORMED"),
        fail("version 2", &mutate(&two, |b| b[4] = 2), ctx, "alice", "UNSUPPORTED_VERSION"),
        fail("suite 0x0002", &mutate(&two, |b| b[6] = 2), ctx, "alice", "UNSUPPORTED_VERSION"),
        fail("reserved flag bit set", &mutate(&two, |b| b[8] |= 0x80), ctx, "alice", "UNSUPPORTED_VERSION"),
        fail("bad magic", &mutate(&two, |b| b[0] ^= 1), ctx, "alice", "MALFORMED"),
        fail("salt bit flipped", &mutate(&two, |b| b[9] ^= 1), ctx, "alice", "AUTH_FAILED"),
        fail("payload digest bit flipped", &mutate(&two, |b| b[41] ^= 1), ctx, "alice", "AUTH_FAILED"),
        fail("wrapped key bit flipped", &mutate(&two, |b| b[slots_at + 70] ^= 1), ctx, "alice", "AUTH_FAILED"),
        fail("commitment bit flipped", &mutate(&two, |b| b[header_end - 64] ^= 1), ctx, "alice", "AUTH_FAILED"),
        fail("header MAC bit flipped", &mutate(&two, |b| b[header_end - 1] ^= 1), ctx, "alice", "AUTH_FAILED"),
        fail("payload bit flipped", &mutate(&two, |b| b[header_end + 3] ^= 1), ctx, "alice", "AUTH_FAILED"),
        fail("trailing byte", &mutate(&two, |b| b.push(0)), ctx, "alice", "AUTH_FAILED"),
        fail(
            "slots swapped",
            &mutate(&two, |b| {
                let (first, second) = b[slots_at..slots_at + 2 * SLOT_LEN].split_at_mut(SLOT_LEN);
                first.swap_with_slice(second);
            }),
            ctx,
            "alice",
            "AUTH_FAILED",
        ),
        fail(
            "second slot removed",
            &mutate(&two, |b| {
                b.drain(slots_at + SLOT_LEN..slots_at + 2 * SLOT_LEN);
                b[slots_at - 1] = 1;
            }),
            ctx,
            "alice",
            "AUTH_FAILED",
        ),
        fail(
            "first slot duplicated",
            &mutate(&two, |b| {
                let slot = b[slots_at..slots_at + SLOT_LEN].to_vec();
                b.splice(slots_at + 2 * SLOT_LEN..slots_at + 2 * SLOT_LEN, slot);
                b[slots_at - 1] = 3;
            }),
            ctx,
            "alice",
            "MALFORMED",
        ),
        fail(
            "recipient count above the limit",
            &mutate(&two, |b| b[slots_at - 2..slots_at].copy_from_slice(&300u16.to_be_bytes())),
            ctx,
            "alice",
            "LIMIT_EXCEEDED",
        ),
        fail(
            "low-order enc in the opener's slot",
            &mutate(&two, |b| {
                b[slots_at + 32..slots_at + 64].copy_from_slice(&[0u8; 32]);
            }),
            ctx,
            "alice",
            "INVALID_KEY",
        ),
        ok("rewrapped: carol added", &rewrapped, ctx, "carol", pt),
        ok("rewrapped: alice kept", &rewrapped, ctx, "alice", pt),
        fail("rewrapped: bob removed", &rewrapped, ctx, "bob", "NO_MATCHING_RECIPIENT"),
    ];
    let mut auth_ok = ok("sender-authenticated, sender required", &authed, ctx, "alice", pt);
    auth_ok["expectSender"] = json!("sender");
    let mut auth_wrong = fail("sender-authenticated, another sender required", &authed, ctx, "alice", "AUTH_FAILED");
    auth_wrong["expectSender"] = json!("bob");
    let mut anon_wrong = fail("anonymous envelope, a sender required", &two, ctx, "alice", "AUTH_FAILED");
    anon_wrong["expectSender"] = json!("sender");
    cases.extend([auth_ok, auth_wrong, anon_wrong]);
    cases.push(json!({ "name": "text form", "text": envelope::to_text(&two), "context": hex(ctx), "openAs": "bob",
                       "expect": { "plaintext": hex(pt) } }));
    cases.push(json!({ "name": "text form with padding", "text": format!("{}=", envelope::to_text(&two)),
                       "context": hex(ctx), "openAs": "bob", "expect": { "error": "MALFORMED" } }));
    cases.push(
        json!({ "name": "text form of a future version", "text": envelope::to_text(&two).replace("phsl1.", "phsl2."),
                       "context": hex(ctx), "openAs": "bob", "expect": { "error": "UNSUPPORTED_VERSION" } }),
    );
    cases.push(json!({ "name": "key-only header", "keyHeader": hex(&key_header), "context": hex(b"role:clinician"),
                       "openAs": "alice", "expect": { "dataKey": hex(data_key.expose()) } }));
    cases.push(json!({ "name": "key-only header, wrong context", "keyHeader": hex(&key_header), "context": hex(b"role:billing"),
                       "openAs": "alice", "expect": { "error": "AUTH_FAILED" } }));
    cases.push(
        json!({ "name": "one-shot envelope given as a key-only header", "keyHeader": hex(&two), "context": hex(ctx),
                       "openAs": "alice", "expect": { "error": "MALFORMED" } }),
    );

    let doc = json!({
        "format": "phiseal envelope v1 (docs/FORMAT.md)",
        "howToUse": "For each case: decode `envelope` (hex) or `text` (compact form) or `keyHeader`; open it with the secret key named by `openAs` and the `context` bytes; if `expectSender` is present, require sender authentication by that key. `expect` is either the plaintext / data key (hex) or the stable error code.",
        "keys": { "alice": key_json(&alice), "bob": key_json(&bob), "carol": key_json(&carol), "sender": key_json(&sender) },
        "cases": cases,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    match std::env::args().nth(1) {
        Some(path) => std::fs::write(path, text).unwrap(),
        None => print!("{text}"),
    }
}
