//! `scrub_text` on arbitrary UTF-8: never panics, spans are sorted, disjoint, inside the input
//! and on character boundaries, and scrubbing is idempotent (docs/DEIDENTIFICATION.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use phiseal::deid::{scrub_text, KnownIdentifiers, OutputMode, PhiKind, TextOptions};

fn options(flags: u8) -> TextOptions {
    let mode = match flags % 3 {
        0 => OutputMode::Tag,
        1 => OutputMode::Surrogate,
        _ => OutputMode::Mask,
    };
    let mut known = KnownIdentifiers::new();
    if flags & 0x10 != 0 {
        for (kind, value) in [
            (PhiKind::Name, "Maria Lopez-Garcia"),
            (PhiKind::Phone, "+1 (617) 555-0134"),
            (PhiKind::Address, "12 Elm St"),
            (PhiKind::Id, "MRN-0042"),
        ] {
            let _ = known.add(kind, value);
        }
    }
    TextOptions { mode, keep_year: flags & 0x20 != 0, reference_year: (flags & 0x40 != 0).then_some(2026), known }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let opts = options(flags);
    let Ok(once) = scrub_text(text, &opts) else { return };
    let mut last_end = 0;
    for span in &once.spans {
        assert!(span.start < span.end && span.end <= text.len(), "span out of range");
        assert!(span.start >= last_end, "spans overlap or are out of order");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span splits a character");
        last_end = span.end;
    }
    let twice = scrub_text(&once.text, &opts).expect("the output is a valid input");
    assert_eq!(twice.text, once.text, "scrubbing is not idempotent");
});
