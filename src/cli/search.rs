//! `chahao search`: the ranked hits for one query.

use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use chahao::model::PhoneNumber;
use chahao::search::{self, Filters};
use chahao::Error;

/// Builds the shipped sample into `index_dir` when there is no index yet,
/// showing progress on standard error.
pub fn ensure_sample(index_dir: &Path) -> Result<(), Error> {
    let bar = ProgressBar::hidden();
    bar.set_style(
        ProgressStyle::with_template("building the sample index {bar:40} {pos}/{len}")
            .expect("the template is valid"),
    );
    let built = chahao::sample::ensure_index(index_dir, &|n, total| {
        if bar.is_hidden() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(total);
        }
        bar.set_position(n);
    })?;
    bar.finish_and_clear();
    if built {
        eprintln!(
            "no index was at {}: built one from the shipped sample",
            index_dir.display()
        );
    }
    Ok(())
}

pub fn run(index_dir: &Path, query: &str, limit: usize, filters: Filters) -> Result<(), Error> {
    ensure_sample(index_dir)?;
    let served = chahao::index::open_served(index_dir)?;
    if let Some(why) = &served.fallback {
        eprintln!("chahao: WARNING: {why}");
    }
    let dir = served.directory;
    let started = Instant::now();
    let hits = search::search(&dir, query, limit, &filters)?;
    let took = started.elapsed();
    if hits.is_empty() {
        println!("no listing matches {query:?}");
    }
    if let Some(unmatched) = hits.first().and_then(|h| h.partial.as_deref()) {
        println!("nothing matches all of {query:?}; these match it without {unmatched:?}");
    }
    for (rank, hit) in hits.iter().enumerate() {
        let l = &hit.listing;
        let numbers: Vec<String> = l
            .phones
            .iter()
            .map(|p| {
                let shown = PhoneNumber::parse(&p.number)
                    .map(|n| n.display())
                    .unwrap_or_else(|_| p.number.clone());
                match &p.label {
                    Some(label) => format!("{label} {shown}"),
                    None => shown,
                }
            })
            .collect();
        println!(
            "{:>2}. {}{}  [{}]  {}  ({:?}, {})",
            rank + 1,
            l.name,
            l.department
                .as_deref()
                .map(|d| format!(" · {d}"))
                .unwrap_or_default(),
            numbers.join(", "),
            l.district.as_deref().unwrap_or("-"),
            hit.kind,
            l.id,
        );
        if hit.parts.iter().any(|p| p.role != search::Role::Typed) {
            let read: Vec<String> = hit
                .parts
                .iter()
                .map(|p| match p.kind {
                    Some(kind) => format!("{} ({:?}: {kind:?})", p.text, p.role),
                    None => format!("{} ({:?})", p.text, p.role),
                })
                .collect();
            println!("      read as {}", read.join(" + "));
        }
    }
    eprintln!(
        "{} hits in {:.2} ms",
        hits.len(),
        took.as_secs_f64() * 1000.0
    );
    Ok(())
}
