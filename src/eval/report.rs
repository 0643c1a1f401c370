//! The figures of a run, as a table for people or as JSON for programs.

use std::fmt::Write;

use serde::Serialize;

use super::keystrokes::{InputFigures, Keystrokes};
use super::measure::{Measured, Outcome, Tally};
use super::Form;

/// The per-form table: count, hit@1, hit@5, MRR, then the overall row.
pub fn form_table(measured: &Measured) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<22} {:>5} {:>8} {:>8} {:>7}",
        "form", "n", "hit@1", "hit@5", "MRR"
    );
    let row = |out: &mut String, name: &str, t: &Tally| {
        let _ = writeln!(
            out,
            "{:<22} {:>5} {:>7.1}% {:>7.1}% {:>7.3}",
            name,
            t.n,
            t.hit1_rate() * 100.0,
            t.hit5_rate() * 100.0,
            t.mrr()
        );
    };
    for form in Form::EVERY {
        if let Some(t) = measured.by_form.get(&form) {
            row(&mut out, form.as_str(), t);
        }
    }
    row(&mut out, "overall", &measured.overall);
    let o = &measured.overall;
    let _ = writeln!(
        out,
        "zero-result rate {:.2}% ({} of {} queries got no hit at all); \
         {} answered only partially",
        o.zero_rate() * 100.0,
        o.zero,
        o.n,
        o.partial
    );
    out
}

/// The keystrokes table.
pub fn keystroke_table(k: &Keystrokes) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "keystrokes to top-1 ({} targets)\n{:<10} {:>10} {:>12} {:>12}",
        k.name.targets, "typing", "mean keys", "mean length", "never top-1"
    );
    let row = |out: &mut String, name: &str, f: &InputFigures| {
        let _ = writeln!(
            out,
            "{:<10} {:>10.2} {:>12.2} {:>11.1}%",
            name,
            f.mean(),
            f.mean_length(),
            f.never_share() * 100.0
        );
    };
    row(&mut out, "name", &k.name);
    row(&mut out, "initials", &k.initials);
    row(&mut out, "pinyin", &k.pinyin);
    out
}

/// One miss: the query, its form, what was expected and the top five got.
pub fn miss(measured: &Measured, o: &Outcome) -> String {
    let mut out = String::new();
    let rank = o
        .rank
        .map(|r| format!("right answer at rank {r}"))
        .unwrap_or_else(|| "right answer not in the top 10".to_string());
    let _ = writeln!(out, "{:?} [{}]: {rank}", o.query.query, o.query.form);
    for id in &o.query.expect {
        let name = measured.names.get(id).map(String::as_str).unwrap_or("?");
        let _ = writeln!(out, "    expected {id} {name}");
    }
    if let Some(note) = &o.query.note {
        let _ = writeln!(out, "    note: {note}");
    }
    if let Some(e) = &o.error {
        let _ = writeln!(out, "    refused: {e}");
    }
    if o.top.is_empty() {
        let _ = writeln!(out, "    got nothing");
    }
    for (i, hit) in o.top.iter().enumerate() {
        let _ = writeln!(
            out,
            "    got {}. {} {} ({:?})",
            i + 1,
            hit.id,
            hit.name,
            hit.kind
        );
    }
    out
}

/// The first `n` misses (right answer not first), one block each.
pub fn misses(measured: &Measured, n: usize) -> String {
    measured
        .misses()
        .take(n)
        .map(|o| miss(measured, o))
        .collect()
}

/// The machine-readable report.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// Per form: its tally and rates.
    pub forms: Vec<FormRow>,
    /// The whole set.
    pub overall: FormRow,
    /// Keystrokes to top-1, when measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keystrokes: Option<&'a Keystrokes>,
    /// Expected ids missing from the index.
    pub unknown_ids: &'a [String],
    /// The first misses asked for.
    pub failures: Vec<&'a Outcome>,
}

/// One row of the JSON report.
#[derive(Debug, Serialize)]
pub struct FormRow {
    /// Form name, or `overall`.
    pub form: String,
    /// Queries.
    pub n: usize,
    /// hit@1 as a share.
    pub hit1: f64,
    /// hit@5 as a share.
    pub hit5: f64,
    /// Mean reciprocal rank.
    pub mrr: f64,
}

impl FormRow {
    fn new(form: &str, t: &Tally) -> FormRow {
        FormRow {
            form: form.to_string(),
            n: t.n,
            hit1: t.hit1_rate(),
            hit5: t.hit5_rate(),
            mrr: t.mrr(),
        }
    }
}

/// Builds the JSON report with the first `failures` misses.
pub fn json<'a>(
    measured: &'a Measured,
    keystrokes: Option<&'a Keystrokes>,
    failures: usize,
) -> JsonReport<'a> {
    JsonReport {
        forms: measured
            .by_form
            .iter()
            .map(|(form, t)| FormRow::new(form.as_str(), t))
            .collect(),
        overall: FormRow::new("overall", &measured.overall),
        keystrokes,
        unknown_ids: &measured.unknown_ids,
        failures: measured.misses().take(failures).collect(),
    }
}
