//! Query latency per query form on a 1,000,000-listing generated directory,
//! in process. Each form gets a criterion group, and before criterion runs,
//! every query of every form is timed once more to print p50 / p99 / max,
//! the figures BENCHMARKS.md quotes.
//!
//! The index is `$CHAHAO_BENCH_INDEX` (default `/tmp/chahao-bench-1m`); when
//! it is missing it is built first from `Generator::new(114).take(1_000_000)`,
//! which takes a minute or two. The table
//! names the index's segments: an index an older build wrote may have more
//! than the current build writes (2 on two cores), and be slower; remove it
//! to measure what the current build gives.

use std::path::PathBuf;
use std::time::Instant;

use chahao::gen::Generator;
use chahao::index::{self, BatchRecord, Directory};
use chahao::model::{Listing, PhoneNumber};
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

fn bend(pinyin: &str) -> String {
    pinyin
        .replacen("zh", "z", 1)
        .replacen("sh", "s", 1)
        .replacen("ang", "an", 1)
}

/// Queries of each form, drawn from every 4,999th listed listing.
fn forms(listings: &[Listing]) -> Vec<(&'static str, Vec<String>)> {
    let targets: Vec<&Listing> = listings
        .iter()
        .filter(|l| l.listed)
        .step_by(4_999)
        .take(200)
        .collect();
    let mut forms: Vec<(&'static str, Vec<String>)> = vec![
        (
            "full_name",
            targets.iter().map(|l| l.name.clone()).collect(),
        ),
        (
            "prefix",
            targets
                .iter()
                .map(|l| {
                    l.name
                        .chars()
                        .take((l.name.chars().count() * 2).div_ceil(3))
                        .collect()
                })
                .collect(),
        ),
        (
            "initials",
            targets
                .iter()
                .map(|l| {
                    syllables(&l.name)
                        .iter()
                        .filter_map(|s| s.chars().next())
                        .collect()
                })
                .collect(),
        ),
        (
            "full_pinyin",
            targets
                .iter()
                .map(|l| syllables(&l.name).concat())
                .collect(),
        ),
        (
            "fuzzy_pinyin",
            targets
                .iter()
                .map(|l| bend(&syllables(&l.name).concat()))
                .collect(),
        ),
        (
            "mixed",
            targets
                .iter()
                .map(|l| {
                    let s = syllables(&l.name);
                    let head: String = l.name.chars().take(2).collect();
                    let tail: String = s.iter().skip(2).filter_map(|x| x.chars().next()).collect();
                    head + &tail
                })
                .collect(),
        ),
        (
            "keystrokes",
            targets
                .iter()
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
                .collect(),
        ),
        (
            "area_kind",
            targets
                .iter()
                .filter_map(|l| {
                    let district = l.district.as_deref()?.trim_end_matches('区').to_string();
                    let tail: String = l
                        .name
                        .chars()
                        .rev()
                        .take(3)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    Some(format!("{district} {tail}"))
                })
                .collect(),
        ),
        (
            "reverse_number",
            targets
                .iter()
                .filter_map(|l| PhoneNumber::parse(&l.phones[0].number).ok())
                .map(|p| p.local_number().to_string())
                .collect(),
        ),
    ];
    let aliases: Vec<String> = listings
        .iter()
        .filter(|l| l.listed)
        .flat_map(|l| l.aliases.iter().cloned())
        .step_by(7)
        .take(200)
        .collect();
    forms.push(("alias", aliases));
    let english: Vec<String> = listings
        .iter()
        .filter_map(|l| l.name_en.as_deref())
        .map(|e| {
            e.split(' ')
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .take(100)
        .collect();
    forms.push(("english", english));
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
    for (form, queries) in forms {
        let mut times: Vec<f64> = Vec::with_capacity(queries.len());
        for q in queries {
            let started = Instant::now();
            let hits = search(dir, q, 10, &Filters::default()).expect("a generated query is valid");
            times.push(started.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(hits);
        }
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "{form:<16} {:>8} {:>8.3} {:>8.3} {:>8.3}",
            times.len(),
            at(0.5),
            at(0.99),
            times[times.len() - 1]
        );
    }
    println!();
}

fn by_form(c: &mut Criterion) {
    let (dir, listings) = open_or_build();
    let forms = forms(&listings);
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
