//! The `chahao` command: parses arguments, dispatches, and maps the outcome
//! to an exit code (0 success, 1 rejected input, 2 internal failure).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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

/// Reads an input file, gunzipping it when its name ends in `.gz`, and
/// returns its bytes with the format its name or content says.
fn read_input(path: &Path) -> Result<(Vec<u8>, Format), Error> {
    let raw = std::fs::read(path).map_err(Error::io(path))?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut bytes)
            .map_err(|e| Error::User(format!("{}: not a valid gzip file: {e}", path.display())))?;
        let inner = path.with_extension("");
        let format = Format::detect(&inner, &bytes);
        Ok((bytes, format))
    } else {
        let format = Format::detect(path, &raw);
        Ok((raw, format))
    }
}

fn build(input: &Path, index_dir: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let (bytes, format) = read_input(input)?;
    let parsed = read_listings(&bytes, format);
    let listings = match chahao::batch::check_listings(parsed) {
        Ok(listings) => listings,
        Err(rejection) => {
            for e in &rejection.errors {
                eprintln!("{}: {e}", input.display());
            }
            return Err(Error::User(rejection.to_string()));
        }
    };
    let record = BatchRecord {
        batch_id: hex(&Sha256::digest(&bytes)),
        kind: "build".to_string(),
        time: index::now(),
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

/// Builds the shipped sample into `index_dir` when there is no index yet,
/// showing progress on standard error.
fn ensure_sample(index_dir: &Path) -> Result<(), Error> {
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

fn run_search(index_dir: &Path, query: &str, limit: usize, filters: Filters) -> Result<(), Error> {
    ensure_sample(index_dir)?;
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
