//! Query latency per query form on a 1,000,000-listing generated directory,
//! in process. Each form of the labelled sets gets a criterion group, with
//! queries simulated the way `chahao eval` draws its sets, plus a group of
//! single keystrokes; before criterion runs,
//! every query of every form is timed once more to print p50 / p99 / max,
//! the figures BENCHMARKS.md quotes (`CHAHAO_BENCH_SLOWEST=N` also lists
//! each form's N slowest queries; `CHAHAO_BENCH_FORMS=typo,mixed` times
//! only those forms; `CHAHAO_BENCH_QUERIES=FILE` keeps the simulated
//! queries in FILE so that later runs skip the simulation).
//!
//! The index is `$CHAHAO_BENCH_INDEX` (default `/tmp/chahao-bench-1m`); when
//! it is missing it is built first from `Generator::new(114).take(1_000_000)`,
//! which takes a minute or two. The table
//! names the index's segments: an index an older build wrote may have more
//! than the current build writes (2 on two cores), and be slower; remove it
//! to measure what the current build gives.

use std::path::PathBuf;
use std::time::Instant;

use chahao::eval::{simulate, simulate_forms, Form};
use chahao::gen::Generator;
use chahao::index::{self, BatchRecord, Directory};
use chahao::model::Listing;
use chahao::search::{search, Filters};
use chahao::text::{normalize, pinyin};
use criterion::{criterion_group, criterion_main, Criterion};

/// The allocator of the `chahao` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LISTINGS: usize = 1_000_000;
const SEED: u64 = 114;

fn index_dir() -> PathBuf {
    std::env::var_os("CHAHAO_BENCH_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/chahao-bench-1m"))
}

fn open_or_build() -> (Directory, Vec<Listing>) {
    let root = index_dir();
    let listings: Vec<Listing> = Generator::new(SEED).take(LISTINGS).collect();
    if Directory::open(&root).is_err() {
        eprintln!("building the benchmark index at {} ...", root.display());
        let record = BatchRecord::build("bench", "bench", listings.len());
        index::build(&root, &listings, &record, &|_| {}).expect("the benchmark index builds");
    }
    (
        Directory::open(&root).expect("the benchmark index opens"),
        listings,
    )
}

/// First reading of every char, as typed syllables.
fn syllables(name: &str) -> Vec<String> {
    let n = normalize(name).replace(' ', "");
    pinyin::readings(&n)
        .iter()
        .zip(n.chars())
        .map(|(r, c)| {
            r.first()
                .map(|s| s.to_string())
                .unwrap_or_else(|| c.to_string())
        })
        .collect()
}

/// How many of the directory's first listings the operator queries are
/// simulated over. The queries run against the whole index; the simulator
/// checks each candidate query against every listing it draws from (is it
/// ambiguous, does a slip read as another name): drawing from 200,000 took
/// more than a quarter of an hour, from 20,000 it takes about a minute and
/// a half, for queries of the same shapes.
const SIMULATED_OVER: usize = 20_000;
/// Simulated queries per form.
const PER_FORM: usize = 300;

/// Queries of every form of the labelled sets (`chahao eval`), simulated as
/// an operator types them, then the keystrokes of typing names and their
/// initials one key at a time.
fn forms(listings: &[Listing]) -> Vec<(&'static str, Vec<String>)> {
    let simulated = simulate(
        &listings[..SIMULATED_OVER],
        PER_FORM * Form::ALL.len(),
        SEED,
    );
    // The compound requests apart, so that the queries of the forms above
    // stay the ones measured before them.
    let requests = simulate_forms(
        &listings[..SIMULATED_OVER],
        PER_FORM * Form::COMPOUND.len(),
        SEED,
        &Form::COMPOUND,
    );
    let mut forms: Vec<(&'static str, Vec<String>)> = Form::EVERY
        .iter()
        .map(|form| {
            let queries = simulated
                .iter()
                .chain(&requests)
                .filter(|q| q.form == *form)
                .map(|q| q.query.clone())
                .collect();
            (form.as_str(), queries)
        })
        .collect();
    let keystrokes = listings
        .iter()
        .filter(|l| l.listed)
        .step_by(4_999)
        .take(40)
        .flat_map(|l| {
            let initials: String = syllables(&l.name)
                .iter()
                .filter_map(|s| s.chars().next())
                .collect();
            let chars: Vec<char> = l.name.chars().collect();
            (1..=initials.len().min(6))
                .map(move |k| initials[..k].to_string())
                .chain((1..=chars.len().min(6)).map(move |k| chars[..k].iter().collect()))
        })
        .collect();
    forms.push(("keystrokes", keystrokes));
    forms
}

fn percentiles(dir: &Directory, forms: &[(&'static str, Vec<String>)]) {
    let searcher = dir.searcher();
    // Every segment costs each look-up a posting list per key: say how
    // many the figures were measured on.
    println!(
        "\n{} ({} documents in {} segments)",
        dir.path().display(),
        searcher.num_docs(),
        searcher.segment_readers().len()
    );
    println!("form              queries   p50 ms   p99 ms   max ms");
    // `CHAHAO_BENCH_SLOWEST=N` lists each form's N slowest queries.
    let slowest: usize = std::env::var("CHAHAO_BENCH_SLOWEST")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // `CHAHAO_BENCH_REPEAT=N` times each query N times and takes its
    // median, steadier on a shared machine.
    let repeat: usize = std::env::var("CHAHAO_BENCH_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1);
    for (form, queries) in forms {
        let mut timed: Vec<(f64, &str)> = Vec::with_capacity(queries.len());
        for q in queries {
            let mut times: Vec<f64> = (0..repeat)
                .map(|_| {
                    let started = Instant::now();
                    let hits = search(dir, q, 10, &Filters::default())
                        .expect("a generated query is valid");
                    std::hint::black_box(hits);
                    started.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            times.sort_by(f64::total_cmp);
            timed.push((times[times.len() / 2], q));
        }
        timed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let times: Vec<f64> = timed.iter().map(|t| t.0).collect();
        let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "{form:<16} {:>8} {:>8.3} {:>8.3} {:>8.3}",
            times.len(),
            at(0.5),
            at(0.99),
            times[times.len() - 1]
        );
        for (ms, q) in timed.iter().rev().take(slowest) {
            println!("    {ms:>8.3} ms  {q}");
        }
    }
    println!();
}

/// The forms to time: every form, or only those `CHAHAO_BENCH_FORMS`
/// names (comma-separated). The simulated queries are kept in
/// `$CHAHAO_BENCH_QUERIES` when that names a file: read from it when it
/// exists, written to it when not, so that runs after the first skip the
/// simulation (about a minute and a half) and time the same queries.
fn chosen_forms(listings: &[Listing]) -> Vec<(&'static str, Vec<String>)> {
    let kept = std::env::var_os("CHAHAO_BENCH_QUERIES").map(PathBuf::from);
    let all = match kept.as_deref().map(std::fs::read_to_string) {
        Some(Ok(text)) => read_forms(&text),
        _ => {
            let all = forms(listings);
            if let Some(path) = &kept {
                let lines: String = all
                    .iter()
                    .flat_map(|(form, qs)| qs.iter().map(move |q| format!("{form}\t{q}\n")))
                    .collect();
                std::fs::write(path, lines).expect("the query file is written");
            }
            all
        }
    };
    let only = std::env::var("CHAHAO_BENCH_FORMS").unwrap_or_default();
    let only: Vec<&str> = only.split(',').filter(|f| !f.is_empty()).collect();
    all.into_iter()
        .filter(|(form, _)| only.is_empty() || only.contains(form))
        .collect()
}

/// Forms and their queries from lines `form<TAB>query`, in order.
fn read_forms(text: &str) -> Vec<(&'static str, Vec<String>)> {
    let mut forms: Vec<(&'static str, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let (form, query) = line.split_once('\t').expect("a line is form<TAB>query");
        let name = Form::EVERY
            .iter()
            .map(|f| f.as_str())
            .chain(["keystrokes"])
            .find(|f| *f == form)
            .expect("a known form");
        match forms.last_mut() {
            Some((f, qs)) if *f == name => qs.push(query.to_string()),
            _ => forms.push((name, vec![query.to_string()])),
        }
    }
    forms
}

fn by_form(c: &mut Criterion) {
    let (dir, listings) = open_or_build();
    let forms = chosen_forms(&listings);
    // Warm the dictionaries and the page cache once.
    for (_, queries) in &forms {
        for q in queries {
            let _ = search(&dir, q, 10, &Filters::default());
        }
    }
    percentiles(&dir, &forms);
    for (form, queries) in &forms {
        let mut group = c.benchmark_group(*form);
        let mut i = 0;
        group.bench_function("search", |b| {
            b.iter(|| {
                let q = &queries[i % queries.len()];
                i += 1;
                let hits = search(&dir, q, 10, &Filters::default()).expect("valid query");
                assert!(hits.len() <= 10);
                hits
            })
        });
        group.finish();
    }
}

criterion_group!(benches, by_form);
criterion_main!(benches);
