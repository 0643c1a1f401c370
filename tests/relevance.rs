//! The relevance bar of issue 3, enforced on the shipped labelled sets over
//! the 100,000-listing generated directory plus the nationwide hotlines.
//!
//! Properties proved:
//! 1. hit@5 ≥ 99% over both sets together;
//! 2. hit@5 ≥ 95% in every query form;
//! 3. hit@1 ≥ 95% for full_name, prefix, alias, initials and full_pinyin;
//! 4. hit@1 ≥ 97% overall (not in the bar; held at what was reached).
//!
//! On failure it prints the per-form table and every miss: the query, its
//! form, the expected ids and names, and the top five it got.

mod common;

use std::time::Instant;

use chahao::eval::{self, report, Form, LabelledQuery};

const SETS: [&str; 2] = [
    "tests/queries/generated.jsonl",
    "tests/queries/handwritten.jsonl",
];

const HIT1_FORMS: [Form; 5] = [
    Form::FullName,
    Form::Prefix,
    Form::Alias,
    Form::Initials,
    Form::FullPinyin,
];

#[test]
fn operators_find_the_listing_they_mean() -> chahao::Result<()> {
    let started = Instant::now();
    let listings = eval::directory(eval::DIRECTORY_COUNT, eval::DIRECTORY_SEED)?;
    let tmp = tempfile::tempdir().map_err(chahao::Error::io("temp dir"))?;
    let dir = common::build_index(tmp.path(), &listings)?;
    let built = started.elapsed();
    let mut queries: Vec<LabelledQuery> = Vec::new();
    for set in SETS {
        queries.extend(eval::read_queries(set.as_ref())?);
    }
    let measured = eval::measure(&dir, &queries)?;
    println!(
        "{}\nindex of {} listings built in {:.1} s; {} queries in {:.1} s",
        report::form_table(&measured),
        listings.len(),
        built.as_secs_f64(),
        queries.len(),
        (started.elapsed() - built).as_secs_f64()
    );
    assert!(
        measured.unknown_ids.is_empty(),
        "expected ids not in the directory: {:?}",
        measured.unknown_ids
    );

    let mut failures = Vec::new();
    // Not in the bar, but held: measured 97.7% on 2026-11-22.
    if measured.overall.hit1_rate() < 0.97 {
        failures.push(format!(
            "overall hit@1 {:.1}% < 97%",
            measured.overall.hit1_rate() * 100.0
        ));
    }
    if measured.overall.hit5_rate() < 0.99 {
        failures.push(format!(
            "overall hit@5 {:.1}% < 99%",
            measured.overall.hit5_rate() * 100.0
        ));
    }
    for (form, tally) in &measured.by_form {
        if tally.hit5_rate() < 0.95 {
            failures.push(format!(
                "{form}: hit@5 {:.1}% < 95%",
                tally.hit5_rate() * 100.0
            ));
        }
        if HIT1_FORMS.contains(form) && tally.hit1_rate() < 0.95 {
            failures.push(format!(
                "{form}: hit@1 {:.1}% < 95%",
                tally.hit1_rate() * 100.0
            ));
        }
    }
    if !failures.is_empty() {
        let misses: String = measured
            .outcomes
            .iter()
            .filter(|o| !o.hit(5) || (HIT1_FORMS.contains(&o.query.form) && !o.hit(1)))
            .map(|o| report::miss(&measured, o))
            .collect();
        panic!(
            "{}\n{misses}\n{}",
            report::form_table(&measured),
            failures.join("\n")
        );
    }
    Ok(())
}
