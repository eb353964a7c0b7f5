//! `keygen` and `pubkey` through the built binary: file modes, protected identities, and
//! that no secret reaches stdout or stderr unless asked for.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{assert_status, secret_of, stderr, Scratch};

#[test]
fn keygen_writes_an_owner_only_private_jwk_and_prints_only_public_data() {
    let s = Scratch::new("keygen");
    let output = s.run(&["keygen", "-o", "k.jwk"], b"");
    assert_status(&output, 0);
    let secret = secret_of(&s.path("k.jwk"));
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let public: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(public["kty"], "OKP");
    assert!(public.get("d").is_none());
    assert!(!stdout.contains(&secret) && !stderr(&output).contains(&secret));
    assert!(stderr(&output).contains("key id: ") && stderr(&output).contains("fingerprint: "));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(s.path("k.jwk")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // pubkey derives the same public JWK.
    let derived = s.ok(&["pubkey", "-i", "k.jwk"], b"");
    assert_eq!(String::from_utf8(derived).unwrap(), stdout);
}

#[test]
fn keygen_refuses_to_overwrite_or_to_print_a_private_key() {
    let s = Scratch::new("keygen-refuse");
    s.ok(&["keygen", "-o", "k.jwk", "-q"], b"");
    let before = s.read("k.jwk");
    assert_status(&s.run(&["keygen", "-o", "k.jwk"], b""), 1);
    assert_eq!(s.read("k.jwk"), before);
    assert_status(&s.run(&["keygen", "-o", "-"], b""), 1);
    s.ok(&["keygen", "-o", "k.jwk", "--force", "-q"], b"");
    assert_ne!(s.read("k.jwk"), before);
}

#[test]
fn a_password_protected_identity_opens_with_the_password_only() {
    let s = Scratch::new("protected");
    s.write("pw.txt", b"correct horse battery staple\n");
    s.write("bad.txt", b"wrong password\n");
    let public = s.ok(&["keygen", "-o", "k.backup", "--password-file", "pw.txt", "-q"], b"");
    s.write("k.pub.jwk", &public);
    let backup = String::from_utf8(s.read("k.backup")).unwrap();
    assert!(backup.starts_with("phiseal-key1."));
    assert!(!backup.contains("correct horse"));
    let sealed = s.ok(&["seal", "-r", "k.pub.jwk"], b"synthetic note");
    s.write("n.phsl", &sealed);
    assert_eq!(s.ok(&["open", "-i", "k.backup", "--password-file", "pw.txt", "n.phsl"], b""), b"synthetic note");
    let by_env =
        s.run_env(&["open", "-i", "k.backup", "n.phsl"], b"", &[("PHISEAL_PASSWORD", "correct horse battery staple")]);
    assert_status(&by_env, 0);
    assert_eq!(by_env.stdout, b"synthetic note");
    let wrong = s.run(&["open", "-i", "k.backup", "--password-file", "bad.txt", "n.phsl"], b"");
    assert_status(&wrong, 7);
    assert!(wrong.stdout.is_empty());
    assert!(stderr(&wrong).contains("WRONG_PASSWORD"));
    assert!(!stderr(&wrong).contains("correct horse"));
    let missing = s.run(&["open", "-i", "k.backup", "n.phsl"], b"");
    assert_status(&missing, 1);
    assert!(stderr(&missing).contains("PHISEAL_PASSWORD"));
}

#[test]
fn keygen_protect_reads_the_environment_and_requires_a_password() {
    let s = Scratch::new("protect-env");
    assert_status(&s.run(&["keygen", "-o", "k.backup", "--protect"], b""), 1);
    assert!(!s.path("k.backup").exists());
    let output = s.run_env(&["keygen", "-o", "k.backup", "--protect"], b"", &[("PHISEAL_PASSWORD", "s3cret-pass")]);
    assert_status(&output, 0);
    assert!(!String::from_utf8_lossy(&output.stdout).contains("s3cret-pass"));
    assert!(!stderr(&output).contains("s3cret-pass"));
    let key_id = s.ok(&["pubkey", "-i", "k.backup", "-f", "key-id", "--no-unlock"], b"");
    let unlocked =
        s.run_env(&["pubkey", "-i", "k.backup", "-f", "key-id"], b"", &[("PHISEAL_PASSWORD", "s3cret-pass")]);
    assert_status(&unlocked, 0);
    assert_eq!(unlocked.stdout, key_id);
}

#[test]
fn no_secret_appears_in_any_output_of_a_session() {
    let s = Scratch::new("no-secret");
    s.keygen("alice");
    let secret = secret_of(&s.path("alice.key.jwk"));
    let plaintext = b"SYNTHETIC-PHI-VALUE-7731";
    let sealed = s.ok(&["seal", "-r", "alice.pub.jwk"], plaintext);
    let mut outputs = vec![
        s.run(&["pubkey", "-i", "alice.key.jwk"], b""),
        s.run(&["inspect"], &sealed),
        s.run(&["open", "-i", "alice.key.jwk", "-c", "wrong"], &sealed),
        s.run(&["rewrap", "-i", "alice.key.jwk", "--add", "alice.pub.jwk"], &sealed),
        s.run(&["seal", "-r", "alice.key.jwk"], plaintext),
    ];
    let mut corrupted = s.read("alice.key.jwk");
    let last = corrupted.len() - 4;
    corrupted[last] ^= 0x02;
    s.write("corrupt.jwk", &corrupted);
    outputs.push(s.run(&["open", "-i", "corrupt.jwk"], &sealed));
    for output in outputs {
        let all = format!("{}{}", String::from_utf8_lossy(&output.stdout), stderr(&output));
        assert!(!all.contains(&secret), "secret key printed: {all}");
        assert!(!all.contains("SYNTHETIC-PHI-VALUE"), "plaintext printed: {all}");
    }
}

#[cfg(unix)]
#[test]
fn a_private_key_readable_by_others_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("key-mode");
    s.keygen("alice");
    let sealed = s.ok(&["seal", "-r", "alice.pub.jwk"], b"x");
    let quiet = s.run(&["open", "-i", "alice.key.jwk"], &sealed);
    assert_status(&quiet, 0);
    assert!(quiet.stderr.is_empty());
    std::fs::set_permissions(s.path("alice.key.jwk"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let warned = s.run(&["open", "-i", "alice.key.jwk"], &sealed);
    assert_status(&warned, 0);
    assert!(stderr(&warned).contains("readable by other users"));
}
