//! `chahao serve`: builds the sample index if there is none, then serves
//! the API, the public page and the operator console until Ctrl-C or
//! SIGTERM.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chahao::http::{self, ServeConfig, Tuning};
use chahao::index::Live;
use chahao::Error;

/// How `serve` was asked to run.
pub struct Options {
    pub index: PathBuf,
    pub listen: SocketAddr,
    pub selections: Option<PathBuf>,
    pub search_threads: Option<usize>,
    pub cache_entries: usize,
    pub log_json: bool,
}

pub fn run(options: Options) -> Result<(), Error> {
    init_logging(options.log_json);
    super::search::ensure_sample(&options.index)?;
    let live = Arc::new(Live::open(&options.index)?);
    if let Some(why) = live.fallback() {
        eprintln!("chahao: WARNING: {why}");
    }
    let defaults = Tuning::default();
    let config = ServeConfig {
        listen: options.listen,
        selections: options
            .selections
            .unwrap_or_else(|| default_selections(&options.index)),
        tuning: Tuning {
            search_threads: options.search_threads.unwrap_or(defaults.search_threads),
            cache_entries: options.cache_entries,
        },
        refresh_every: Duration::from_millis(500),
        admin_token: std::env::var(http::admin::TOKEN_VARIABLE).ok(),
    };
    tracing::info!(
        index = %options.index.display(),
        generation = %live.generation(),
        selections = %config.selections.display(),
        search_threads = config.tuning.search_threads,
        cache_entries = config.tuning.cache_entries,
        admin = config.admin_token.as_deref().is_some_and(|t| !t.is_empty()),
        "opened the directory"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::io("tokio runtime"))?;
    runtime.block_on(http::serve(live, config, |bound| {
        eprintln!("chahao: serving on http://{bound}/ (public page), http://{bound}/console (operator console)");
    }))
}

/// The selection log lives beside the generations, never inside one: a
/// generation is replaced whole by the next batch and pruned later.
fn default_selections(index: &Path) -> PathBuf {
    index.join("selections.jsonl")
}

/// Request logs to standard error; `RUST_LOG` chooses the level
/// (default `info`), `--log-json` one JSON object per line.
fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
