//! Text analysis on realistic names: what indexing does for every listing
//! and querying does on every keystroke. Each iteration checks its result.

use std::hint::black_box;

use chahao::gen::Generator;
use chahao::text::keys::{name_keys, prefix_keys, word_pair_keys};
use chahao::text::{normalize, pinyin, segment};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn names() -> Vec<String> {
    Generator::new(114).take(2_000).map(|l| l.name).collect()
}

fn analysis(c: &mut Criterion) {
    let names = names();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for name in &names {
                let n = normalize(black_box(name));
                assert!(!n.is_empty());
            }
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            for name in &names {
                assert!(!segment::search_words(black_box(name)).is_empty());
            }
        })
    });
    group.bench_function("pinyin_readings", |b| {
        b.iter(|| {
            for name in &names {
                let r = pinyin::readings(black_box(name));
                assert_eq!(r.len(), name.chars().count());
            }
        })
    });
    group.bench_function("name_keys", |b| {
        b.iter(|| {
            for name in &names {
                let keys = name_keys(&normalize(black_box(name)));
                assert!(keys.len() > name.chars().count());
            }
        })
    });
    group.bench_function("prefix_keys", |b| {
        b.iter(|| {
            for name in &names {
                assert!(!prefix_keys(&normalize(black_box(name))).is_empty());
            }
        })
    });
    group.bench_function("word_pair_keys", |b| {
        b.iter(|| {
            for name in &names {
                black_box(word_pair_keys(&normalize(black_box(name))));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
