//! The `chahao` command: parses arguments, dispatches, and maps the outcome
//! to an exit code (0 success, 1 rejected input, 2 internal failure).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use chahao::batch::{read_listings, Format};
use chahao::index::{self, BatchRecord, Directory};
use chahao::model::PhoneNumber;
use chahao::search::{self, Filters};
use chahao::Error;

/// chahao (查号): directory look-up for the 114 number-enquiry service.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Builds a fresh index holding exactly the listings in FILE (JSONL or CSV).
    Build {
        /// Listing file: .jsonl, or .csv (UTF-8 or GB18030).
        #[arg(long)]
        input: PathBuf,
        /// Index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
    },
    /// Prints the ranked hits for one query.
    Search {
        /// Index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// How many hits (1-50).
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=50))]
        limit: u16,
        /// Only listings of this district, e.g. 天河区.
        #[arg(long)]
        district: Option<String>,
        /// Only listings of this category, e.g. 医院.
        #[arg(long)]
        category: Option<String>,
        /// What the caller asked for: a name, pinyin, initials or a number.
        query: String,
    },
    /// Writes N realistic synthetic listings as JSONL to standard output.
    Gen {
        /// How many listings.
        #[arg(long)]
        count: usize,
        /// Seed: the same seed gives the same listings.
        #[arg(long, default_value_t = 114)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Build { input, index } => build(&input, &index),
        Command::Search {
            index,
            limit,
            district,
            category,
            query,
        } => run_search(
            &index,
            &query,
            limit as usize,
            Filters { district, category },
        ),
        Command::Gen { count, seed } => gen(count, seed),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chahao: {e}");
            match e {
                Error::User(_) | Error::NoIndex(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(Error::io(path))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn build(input: &Path, index_dir: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let bytes = read_file(input)?;
    let parsed = read_listings(&bytes, Format::detect(input, &bytes));
    let total_rows = parsed.rows.len() + parsed.errors.len();
    let mut errors = parsed.errors;
    let ids: std::collections::HashSet<&str> =
        parsed.rows.iter().map(|r| r.value.id.as_str()).collect();
    for row in &parsed.rows {
        if let Some(parent) = &row.value.parent_id {
            if !ids.contains(parent.as_str()) {
                errors.push(chahao::batch::RowError {
                    line: row.line,
                    id: Some(row.value.id.clone()),
                    bytes: row.bytes.clone(),
                    reason: format!("parent_id {parent:?} is not a listing in this file"),
                });
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        for e in &errors {
            eprintln!("{}: {e}", input.display());
        }
        return Err(Error::User(format!(
            "{} of {total_rows} rows rejected; nothing was written",
            errors.len(),
        )));
    }
    let listings: Vec<_> = parsed.rows.into_iter().map(|r| r.value).collect();
    let record = BatchRecord {
        batch_id: hex(&Sha256::digest(&bytes)),
        kind: "build".to_string(),
        time: now(),
        source: input.display().to_string(),
        added: listings.len() as u64,
        updated: 0,
        deleted: 0,
        total: listings.len() as u64,
    };
    let bar = ProgressBar::new(listings.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} listings  {per_sec}  eta {eta}")
            .expect("the template is valid"),
    );
    let generation = index::build(index_dir, &listings, &record, &|n| bar.set_position(n))?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "built {} with {} listings in {:.1} s ({:.0} listings/s): {}",
        index_dir.join(&generation).display(),
        listings.len(),
        secs,
        listings.len() as f64 / secs.max(1e-9),
        record.batch_id
    );
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn run_search(index_dir: &Path, query: &str, limit: usize, filters: Filters) -> Result<(), Error> {
    let dir = Directory::open(index_dir)?;
    let started = Instant::now();
    let hits = search::search(&dir, query, limit, &filters)?;
    let took = started.elapsed();
    if hits.is_empty() {
        println!("no listing matches {query:?}");
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
    }
    eprintln!(
        "{} hits in {:.2} ms",
        hits.len(),
        took.as_secs_f64() * 1000.0
    );
    Ok(())
}

fn gen(count: usize, seed: u64) -> Result<(), Error> {
    let stdout = std::io::stdout().lock();
    chahao::gen::write_jsonl(count, seed, stdout).map_err(Error::io("<stdout>"))
}
