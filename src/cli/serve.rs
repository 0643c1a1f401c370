//! `chahao serve`: builds the sample index if there is none, then serves
//! the API, the public page and the operator console until Ctrl-C or
//! SIGTERM.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chahao::http::limits::{parse_trusted_proxy, MIN_HEADER_BYTES};
use chahao::http::{self, Limits, ServeConfig, Tokens, Tuning};
use chahao::index::Live;
use chahao::Error;
use clap::builder::TypedValueParser;
use ipnet::IpNet;

/// The abuse limits of `serve` (see README, "Limits and metrics"). The
/// defaults are [`Limits::default`].
#[derive(clap::Args, Debug)]
pub struct LimitArgs {
    /// Requests per second one client may sustain; 0 turns the per-client
    /// limit off. Requests with the operator or admin token are exempt.
    #[arg(long, default_value_t = Limits::default().rate_per_second)]
    rate_limit: u32,
    /// Requests one client may make in a burst before --rate-limit applies.
    #[arg(long, default_value_t = Limits::default().rate_burst,
          value_parser = clap::value_parser!(u32).range(1..))]
    rate_burst: u32,
    /// A reverse proxy whose X-Forwarded-For / X-Real-IP is believed: an
    /// address (127.0.0.1) or a CIDR network (10.0.0.0/8); repeatable.
    /// From any other peer those headers are ignored.
    #[arg(long = "trusted-proxy", value_name = "ADDR|CIDR", value_parser = parse_trusted_proxy)]
    trusted_proxies: Vec<IpNet>,
    /// Requests answered at once, all clients together; more get 503 at once.
    #[arg(long, default_value_t = Limits::default().max_in_flight,
          value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    max_in_flight: usize,
    /// Seconds a request may take before it is answered with 503.
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = parse_seconds)]
    request_timeout: Duration,
    /// Seconds an admin upload (sending and applying a batch) may take.
    #[arg(long, value_name = "SECONDS", default_value = "300", value_parser = parse_seconds)]
    upload_timeout: Duration,
    /// Seconds a client may take to send a request's headers; also how long
    /// an idle keep-alive connection stays open.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    header_timeout: Duration,
    /// Largest request body in bytes, admin uploads aside (larger: 413).
    #[arg(long, default_value_t = Limits::default().max_body_bytes)]
    max_body_bytes: usize,
    /// Largest admin upload in bytes (larger: 413).
    #[arg(long, default_value_t = Limits::default().max_upload_bytes)]
    max_upload_bytes: usize,
    /// Largest request head (request line and headers) in bytes, at least
    /// 8192 (larger: 431).
    #[arg(long, default_value_t = Limits::default().max_header_bytes, value_parser = parse_header_bytes)]
    max_header_bytes: usize,
    /// Connections open at once; more wait in the listen backlog.
    #[arg(long, default_value_t = Limits::default().max_connections,
          value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    max_connections: usize,
}

impl LimitArgs {
    /// The limits these flags ask for.
    pub fn into_limits(self) -> Limits {
        Limits {
            rate_per_second: self.rate_limit,
            rate_burst: self.rate_burst,
            trusted_proxies: self.trusted_proxies,
            max_in_flight: self.max_in_flight,
            request_timeout: self.request_timeout,
            upload_timeout: self.upload_timeout,
            max_body_bytes: self.max_body_bytes,
            max_upload_bytes: self.max_upload_bytes,
            max_header_bytes: self.max_header_bytes,
            header_read_timeout: self.header_timeout,
            max_connections: self.max_connections,
        }
    }
}

/// A positive number of seconds, e.g. `5` or `0.5`.
fn parse_seconds(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "{text:?} is not a number of seconds from 0.001 to 86400"
        )),
    }
}

fn parse_header_bytes(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (MIN_HEADER_BYTES..=1 << 20).contains(&n) => Ok(n),
        _ => Err(format!(
            "{text:?} is not a size from {MIN_HEADER_BYTES} to 1048576 bytes"
        )),
    }
}

/// How `serve` was asked to run.
pub struct Options {
    pub index: PathBuf,
    pub listen: SocketAddr,
    pub selections: Option<PathBuf>,
    pub search_threads: Option<usize>,
    pub cache_entries: usize,
    pub log_json: bool,
    pub limits: Limits,
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
        tokens: Tokens::from_env(),
        limits: options.limits,
    };
    tracing::info!(
        index = %options.index.display(),
        generation = %live.generation(),
        selections = %config.selections.display(),
        search_threads = config.tuning.search_threads,
        cache_entries = config.tuning.cache_entries,
        admin = config.tokens.admin().is_some(),
        operator_token = config.tokens.has_operator(),
        "opened the directory"
    );
    let limits = &config.limits;
    tracing::info!(
        rate_limit = limits.rate_per_second,
        rate_burst = limits.rate_burst,
        trusted_proxies = limits.trusted_proxies.len(),
        max_in_flight = limits.max_in_flight,
        request_timeout_ms = limits.request_timeout.as_millis() as u64,
        header_timeout_ms = limits.header_read_timeout.as_millis() as u64,
        max_connections = limits.max_connections,
        "limits"
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
