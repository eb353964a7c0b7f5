//! Streaming envelopes through the binary: `seal --stream`, `open` recognising kind 3,
//! truncation, tampering, sender checks, and `inspect` without reading everything into memory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{assert_status, stderr, Scratch};

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn data(len: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn setup() -> Scratch {
    let s = Scratch::new("stream");
    s.keygen("alice");
    s.keygen("bob");
    s
}

#[test]
fn sizes_across_chunk_boundaries_round_trip_for_each_recipient() {
    let s = setup();
    for len in [0, 1, 16383, 16384, 16385, 3 * 16384 + 7] {
        let plaintext = data(len);
        let sealed =
            s.ok(&["seal", "--stream", "-r", "alice.pub.jwk", "-r", "bob.pub.jwk", "-c", "scan:9"], &plaintext);
        assert_eq!(sealed[7], 3, "kind byte of a streaming envelope");
        for key in ["alice.key.jwk", "bob.key.jwk"] {
            assert_eq!(s.ok(&["open", "-i", key, "-c", "scan:9"], &sealed), plaintext, "len {len}");
        }
    }
}

#[test]
fn a_file_output_appears_only_when_the_whole_stream_verified() {
    let s = setup();
    let plaintext = data(100_000);
    s.write("scan.bin", &plaintext);
    s.ok(&["seal", "--stream", "-r", "alice.pub.jwk", "-o", "scan.phsl", "scan.bin"], b"");
    let sealed = s.read("scan.phsl");
    for cut in [sealed.len() - 1, sealed.len() - 16, 60_000, 200] {
        s.write("cut.phsl", &sealed[..cut]);
        let output = s.run(&["open", "-i", "alice.key.jwk", "-o", "out.bin", "cut.phsl"], b"");
        let code = output.status.code().unwrap();
        assert!(code == 3 || code == 5, "cut at {cut}: exit {code}: {}", stderr(&output));
        assert!(!s.path("out.bin").exists(), "partial output left after a cut at {cut}");
    }
    let mut tampered = sealed.clone();
    tampered[sealed.len() / 2] ^= 0x80;
    s.write("tampered.phsl", &tampered);
    assert_status(&s.run(&["open", "-i", "alice.key.jwk", "-o", "out.bin", "tampered.phsl"], b""), 3);
    assert!(!s.path("out.bin").exists());
    s.ok(&["open", "-i", "alice.key.jwk", "-o", "out.bin", "scan.phsl"], b"");
    assert_eq!(s.read("out.bin"), plaintext);
}

#[test]
fn wrong_key_wrong_context_and_wrong_sender_fail_with_their_codes() {
    let s = setup();
    s.keygen("device");
    let plaintext = data(40_000);
    let sealed =
        s.ok(&["seal", "--stream", "-r", "alice.pub.jwk", "--sender", "device.key.jwk", "-c", "c"], &plaintext);
    assert_status(&s.run(&["open", "-i", "bob.key.jwk", "-c", "c"], &sealed), 4);
    let wrong_context = s.run(&["open", "-i", "alice.key.jwk", "-c", "d"], &sealed);
    assert_status(&wrong_context, 3);
    assert!(wrong_context.stdout.is_empty());
    assert_eq!(s.ok(&["open", "-i", "alice.key.jwk", "-c", "c", "--sender", "device.pub.jwk"], &sealed), plaintext);
    let wrong_sender = s.run(&["open", "-i", "alice.key.jwk", "-c", "c", "--sender", "bob.pub.jwk"], &sealed);
    assert_status(&wrong_sender, 3);
    assert!(wrong_sender.stdout.is_empty());
}

#[test]
fn inspect_reports_a_stream_and_rewrap_keeps_its_payload() {
    let s = setup();
    let sealed = s.ok(&["seal", "--stream", "-r", "alice.pub.jwk", "-r", "bob.pub.jwk"], &data(70_000));
    s.write("s.phsl", &sealed);
    let text = String::from_utf8(s.ok(&["inspect", "--json", "s.phsl"], b"")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["kind"], "stream");
    assert_eq!(value["recipients"].as_array().unwrap().len(), 2);
    let header_len = 9 + 32 + 2 + 2 * 112 + 64;
    assert_eq!(value["payloadBytes"].as_u64().unwrap() as usize, sealed.len() - header_len);
    let rewrapped = s.ok(&["rewrap", "-i", "alice.key.jwk", "--remove", "bob.pub.jwk", "s.phsl"], b"");
    let payload = sealed.len() - header_len;
    assert_eq!(rewrapped[rewrapped.len() - payload..], sealed[sealed.len() - payload..]);
    assert_eq!(rewrapped.len(), sealed.len() - 112);
    s.write("r.phsl", &rewrapped);
    assert_eq!(s.ok(&["open", "-i", "alice.key.jwk", "r.phsl"], b""), data(70_000));
    assert_status(&s.run(&["open", "-i", "bob.key.jwk", "r.phsl"], b""), 4);
    assert_status(&s.run(&["seal", "--stream", "--armor", "-r", "alice.pub.jwk"], b"x"), 1);
}
