//! The relevance bar of issue 3, enforced on the shipped labelled sets over
//! the 100,000-listing generated directory plus the nationwide hotlines.
//!
//! Properties proved:
//! 1. hit@5 ≥ 99% over both sets of clean forms together;
//! 2. hit@5 ≥ 95% in every query form;
//! 3. hit@1 ≥ 95% for full_name, prefix, alias, initials and full_pinyin;
//! 4. hit@1 ≥ 97% overall (not in the bar; held at what was reached);
//! 5. in every compound form (requests as callers say them: name and
//!    department run together, alias and department, name and what is
//!    wanted, place and name, derived short names, and the pinyin and
//!    initials of name and department), over the simulated and the
//!    hand-written compound sets, hit@5 ≥ 95% and hit@1 ≥ 90%;
//! 6. the zero-result rate over every shipped query (all of which have an
//!    answer) is below 0.5%.
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

/// The compound requests: simulated, and written by hand about real
/// organisations.
const COMPOUND_SETS: [&str; 2] = [
    "tests/queries/compound.jsonl",
    "tests/queries/compound_handwritten.jsonl",
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
    let mut compound: Vec<LabelledQuery> = Vec::new();
    for set in COMPOUND_SETS {
        compound.extend(eval::read_queries(set.as_ref())?);
    }
    let requests = eval::measure(&dir, &compound)?;
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
    println!("{}", report::form_table(&requests));
    for form in Form::COMPOUND {
        let tally = requests.by_form.get(&form).copied().unwrap_or_default();
        if tally.n < 150 {
            failures.push(format!("{form}: only {} queries", tally.n));
        }
        if tally.hit5_rate() < 0.95 {
            failures.push(format!(
                "{form}: hit@5 {:.1}% < 95%",
                tally.hit5_rate() * 100.0
            ));
        }
        if tally.hit1_rate() < 0.90 {
            failures.push(format!(
                "{form}: hit@1 {:.1}% < 90%",
                tally.hit1_rate() * 100.0
            ));
        }
    }
    let zero = measured.overall.zero + requests.overall.zero;
    let all = measured.overall.n + requests.overall.n;
    println!(
        "zero-result rate over every shipped query: {:.2}% ({zero} of {all})",
        zero as f64 / all as f64 * 100.0
    );
    if zero as f64 >= 0.005 * all as f64 {
        failures.push(format!(
            "zero-result rate {:.2}% >= 0.5% ({zero} of {all})",
            zero as f64 / all as f64 * 100.0
        ));
    }
    if !failures.is_empty() {
        let misses: String = measured
            .outcomes
            .iter()
            .filter(|o| !o.hit(5) || (HIT1_FORMS.contains(&o.query.form) && !o.hit(1)))
            .chain(requests.outcomes.iter().filter(|o| !o.hit(1)))
            .map(|o| {
                let of = if o.query.form.is_compound() {
                    &requests
                } else {
                    &measured
                };
                report::miss(of, o)
            })
            .collect();
        panic!(
            "{}\n{}\n{misses}\n{}",
            report::form_table(&measured),
            report::form_table(&requests),
            failures.join("\n")
        );
    }
    Ok(())
}
