//! The `chahao` command: parses arguments, dispatches, and maps the outcome
//! to an exit code (0 success, 1 rejected input, 2 internal failure).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use chahao::search::Filters;
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
        Command::Gen { count, seed } => cli::gen::run(count, seed),
        Command::Serve {
            index,
            listen,
            selections,
            search_threads,
            cache,
            log_json,
        } => cli::serve::run(cli::serve::Options {
            index,
            listen,
            selections,
            search_threads: search_threads.map(usize::from),
            cache_entries: cache,
            log_json,
        }),
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
