//! The `chahao` command: parses arguments, dispatches, and maps the outcome
//! to an exit code (0 success, 1 rejected input, 2 internal failure).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use chahao::search::Filters;
use chahao::Error;

/// mimalloc instead of the system allocator: indexing allocates and frees a
/// short string per key, and glibc's malloc took a sixth of a build's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Serves the HTTP API, the public page (/) and the operator console
    /// (/console); with no index yet, builds the shipped sample first.
    Serve {
        /// Index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8114")]
        listen: std::net::SocketAddr,
        /// Append-only log of operator selections (JSONL); default
        /// selections.jsonl in the index directory.
        #[arg(long)]
        selections: Option<PathBuf>,
        /// Searches run at once; default one per core.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
        search_threads: Option<u16>,
        /// Search answers kept in memory per generation (0: none).
        #[arg(long, default_value_t = 10_000)]
        cache: usize,
        /// Logs as one JSON object per line (level from RUST_LOG, default info).
        #[arg(long)]
        log_json: bool,
        #[command(flatten)]
        limits: cli::serve::LimitArgs,
    },
    /// Writes N realistic synthetic listings as JSONL to standard output
    /// (or, with --changes N --from FILE, a change file for FILE).
    Gen {
        /// How many listings.
        #[arg(long, required_unless_present = "changes", conflicts_with = "changes")]
        count: Option<usize>,
        /// Seed: the same seed gives the same listings (or changes).
        #[arg(long, default_value_t = 114)]
        seed: u64,
        /// Instead of listings, write a change file of N operations (about
        /// 60% update, 25% add, 15% delete) for the listing file --from.
        #[arg(long, requires = "from")]
        changes: Option<usize>,
        /// The listing file the changes are for.
        #[arg(long, requires = "changes")]
        from: Option<PathBuf>,
    },
    /// Applies a change file (JSONL or CSV) as one atomic batch and prints a report.
    Apply {
        /// Change file: .jsonl, or .csv (UTF-8 or GB18030).
        #[arg(long)]
        input: PathBuf,
        /// Index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Check every row and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Apply the good rows even when some are bad (default: one bad row rejects the batch).
        #[arg(long, requires = "rejects")]
        skip_invalid: bool,
        /// With --skip-invalid: write every rejected row, byte for byte, to this file.
        #[arg(long, requires = "skip_invalid")]
        rejects: Option<PathBuf>,
        /// Batch id to record (default: the SHA-256 of the file).
        #[arg(long)]
        batch_id: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lists the batches that made the current directory.
    History {
        /// Index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Restores the directory as it was before the last batch.
    Rollback {
        /// Index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Runs labelled query sets and prints hit@1, hit@5, MRR per query form
    /// and the keystrokes to top-1; with --simulate, writes a labelled set.
    ///
    /// Without --index, builds the directory the shipped sets were made
    /// for (data/hotlines.jsonl + `gen --count <directory-count> --seed
    /// <directory-seed>`) in a temporary directory first, and removes it
    /// afterwards.
    Eval {
        /// Index directory; default: build the sets' directory in a temporary one.
        #[arg(long)]
        index: Option<PathBuf>,
        /// Labelled query set (JSONL); repeat or give a comma-separated list.
        #[arg(long, value_delimiter = ',')]
        queries: Vec<PathBuf>,
        /// Prints the figures as JSON.
        #[arg(long)]
        json: bool,
        /// Prints the first N queries whose right answer was not first.
        #[arg(long, default_value_t = 0)]
        failures: usize,
        /// Measures keystrokes to top-1 for the first N targets (0: skip); a
        /// search per typed char, so about 1 s a target on a 100k index.
        #[arg(long, default_value_t = 200)]
        keystroke_targets: usize,
        /// Writes N simulated labelled queries to standard output instead.
        #[arg(long)]
        simulate: Option<usize>,
        /// With --simulate: the forms to write, comma-separated snake_case
        /// names (name_dept,alias_dept,…); default: the single forms.
        #[arg(long, value_delimiter = ',', conflicts_with = "compound")]
        forms: Vec<String>,
        /// With --simulate: write the compound forms (name_dept, alias_dept,
        /// name_service, place_name, derived_short, name_dept_pinyin,
        /// name_dept_initials).
        #[arg(long)]
        compound: bool,
        /// Seed of the simulator.
        #[arg(long, default_value_t = 3)]
        seed: u64,
        /// Generated listings in the directory (after the hotlines).
        #[arg(long, default_value_t = chahao::eval::DIRECTORY_COUNT)]
        directory_count: usize,
        /// Generator seed of the directory.
        #[arg(long, default_value_t = chahao::eval::DIRECTORY_SEED)]
        directory_seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Build { input, index } => cli::build::run(&input, &index),
        Command::Search {
            index,
            limit,
            district,
            category,
            query,
        } => cli::search::run(
            &index,
            &query,
            limit as usize,
            Filters { district, category },
        ),
        Command::Gen {
            count,
            seed,
            changes,
            from,
        } => match (changes, from, count) {
            (Some(n), Some(from), _) => cli::changes::run(n, &from, seed),
            (_, _, Some(count)) => cli::gen::run(count, seed),
            _ => Err(Error::Usage(
                "give --count N, or --changes N --from FILE".into(),
            )),
        },
        Command::Apply {
            input,
            index,
            dry_run,
            skip_invalid,
            rejects,
            batch_id,
            json,
        } => cli::apply::run(cli::apply::Args {
            input: &input,
            index: &index,
            dry_run,
            skip_invalid,
            rejects: rejects.as_deref(),
            batch_id,
            json,
        }),
        Command::History { index, json } => cli::history::run(&index, json),
        Command::Rollback { index, json } => cli::rollback::run(&index, json),
        Command::Eval {
            index,
            queries,
            json,
            failures,
            keystroke_targets,
            simulate,
            forms,
            compound,
            seed,
            directory_count,
            directory_seed,
        } => cli::eval::run(cli::eval::Args {
            index,
            queries,
            json,
            failures,
            keystroke_targets: Some(keystroke_targets),
            simulate,
            forms,
            compound,
            seed,
            directory_count,
            directory_seed,
        }),
        Command::Serve {
            index,
            listen,
            selections,
            search_threads,
            cache,
            log_json,
            limits,
        } => cli::serve::run(cli::serve::Options {
            index,
            listen,
            selections,
            search_threads: search_threads.map(usize::from),
            cache_entries: cache,
            log_json,
            limits: limits.into_limits(),
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chahao: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
