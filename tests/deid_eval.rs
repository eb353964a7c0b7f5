#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Quality assertion: the scrubber meets the recall and precision goals of issue #4 on the
//! synthetic evaluation set (tests/deid/eval_set.rs).

#[path = "deid/eval_set.rs"]
mod eval_set;

use phiseal::deid::PhiKind;

#[test]
fn evaluation_set_covers_every_class_and_hard_negatives() {
    let notes = eval_set::evaluation_set();
    assert!(notes.len() >= 60);
    assert!(notes.iter().any(|n| n.upper));
    let (scores, _) = eval_set::score(&notes);
    for kind in [
        PhiKind::Name,
        PhiKind::Address,
        PhiKind::Zip,
        PhiKind::Date,
        PhiKind::Age,
        PhiKind::Phone,
        PhiKind::Email,
        PhiKind::Url,
        PhiKind::Ip,
        PhiKind::Ssn,
        PhiKind::Mrn,
        PhiKind::HealthPlan,
        PhiKind::Account,
        PhiKind::License,
        PhiKind::Vehicle,
        PhiKind::Device,
        PhiKind::Id,
    ] {
        assert!(scores.get(&kind).is_some_and(|c| c.gold >= 10), "{kind:?} under-represented");
    }
    let all = notes.iter().map(|n| n.text.as_str()).collect::<String>();
    for neg in ["Parkinson disease", "Lasix", "year-old sister", "quit in", "BP "] {
        assert!(all.contains(neg), "{neg}");
    }
}

#[test]
fn scrubber_meets_recall_and_precision_goals() {
    let notes = eval_set::evaluation_set();
    let (scores, errors) = eval_set::score(&notes);
    let table = eval_set::markdown(&notes, &scores);
    for (kind, c) in &scores {
        assert!(
            c.recall() >= eval_set::recall_goal(*kind),
            "{kind:?} recall {:.3}\n{table}\n{}",
            c.recall(),
            errors.join("\n")
        );
        assert!(
            c.precision() >= eval_set::PRECISION_GOAL,
            "{kind:?} precision {:.3}\n{table}\n{}",
            c.precision(),
            errors.join("\n")
        );
    }
}

#[test]
fn no_planted_identifier_survives_in_records() {
    let records = eval_set::record_set();
    let (planted, survived, errors) = eval_set::score_records(&records);
    assert!(planted >= 600);
    assert_eq!(survived, 0, "{}", errors.join("\n"));
}

#[test]
fn scrubbing_the_evaluation_set_is_idempotent() {
    use phiseal::deid::{scrub_text, OutputMode, TextOptions};
    for note in eval_set::evaluation_set() {
        for mode in [OutputMode::Tag, OutputMode::Surrogate, OutputMode::Mask] {
            for keep_year in [false, true] {
                let opts = TextOptions { mode, keep_year, reference_year: Some(2026), known: note.known.clone() };
                let once = scrub_text(&note.text, &opts).unwrap().text;
                let twice = scrub_text(&once, &opts).unwrap().text;
                assert_eq!(twice, once, "{mode:?} keep_year={keep_year}");
            }
        }
    }
}

#[test]
fn spans_are_distinct_ordered_and_inside_the_input() {
    use phiseal::deid::{scrub_text, OutputMode, TextOptions};
    for note in eval_set::evaluation_set() {
        for mode in [OutputMode::Tag, OutputMode::Surrogate, OutputMode::Mask] {
            for keep_year in [false, true] {
                let opts = TextOptions { mode, keep_year, reference_year: Some(2026), known: note.known.clone() };
                let spans = scrub_text(&note.text, &opts).unwrap().spans;
                let mut end = 0;
                for span in &spans {
                    assert!(span.start >= end, "{mode:?} keep_year={keep_year}: spans overlap or repeat");
                    assert!(span.start < span.end && span.end <= note.text.len());
                    assert!(note.text.is_char_boundary(span.start) && note.text.is_char_boundary(span.end));
                    end = span.end;
                }
            }
        }
    }
}
