//! `chahao-load`: replays operator queries keystroke by keystroke against a
//! running `chahao serve` on this machine, and reports throughput and
//! latency.
//!
//! Queries are drawn from a listing file (the one the index was built
//! from): part of a name (`中山大学附`), a short name, pinyin initials
//! (`zsdx`), full pinyin (`zhongshanda`), Han mixed with initials
//! (`中山dx`) or the end of a number (`5766`). Each is typed one key at a
//! time — `中`, `中山`, `中山大`, … — every prefix one request, as the
//! console sends them. Popular listings (high `weight`) are asked for more
//! often, as on a real switchboard.
//!
//! Each of `--connections` simulated operators keeps one keep-alive
//! connection and sends its next keystroke as soon as the previous answer
//! arrived (a closed loop: the figures are the server's capacity, not a
//! typing speed). The run stops by itself after `--requests` requests or
//! `--duration` seconds, whichever comes first. Only loopback addresses
//! are accepted: this is a tool for measuring one's own machine.
//!
//! `chahao serve` limits each client address (5 requests per second by
//! default), and every simulated operator here comes from 127.0.0.1. Set
//! `CHAHAO_OPERATOR_TOKEN` to the server's operator token and the requests
//! carry it and are not limited; or start the server with `--rate-limit 0`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use chahao::model::{Listing, PhoneNumber};
use chahao::text::pinyin::readings;

/// Replays operator queries keystroke by keystroke against `chahao serve`.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Args {
    /// The server, on a loopback address.
    #[arg(long, default_value = "127.0.0.1:8114")]
    server: SocketAddr,
    /// Listing file (JSONL) the queries are drawn from.
    #[arg(long)]
    listings: PathBuf,
    /// How many operator queries to draw (each is typed key by key).
    #[arg(long, default_value_t = 5_000)]
    queries: usize,
    /// Simulated operators, one connection each.
    #[arg(long, default_value_t = 8)]
    connections: usize,
    /// Stop after this many requests.
    #[arg(long, default_value_t = 200_000)]
    requests: u64,
    /// Stop after this many seconds.
    #[arg(long, default_value_t = 30)]
    duration: u64,
    /// Seconds at the start not counted (caches, connection set-up).
    #[arg(long, default_value_t = 2)]
    warmup: u64,
    /// Hits asked for per request.
    #[arg(long, default_value_t = 10)]
    limit: u32,
    /// Seed for drawing the queries.
    #[arg(long, default_value_t = 114)]
    seed: u64,
}

/// What one simulated operator measured.
#[derive(Default)]
struct Tally {
    /// Latency of each counted request, in microseconds.
    latencies: Vec<u32>,
    /// The server's own `took_ms` of each counted answer, in microseconds.
    search_times: Vec<u32>,
    /// Counted requests that failed (status other than 200, or I/O).
    errors: u64,
    /// The first few errors, for the report.
    samples: Vec<String>,
    /// The slowest counted request: latency in µs and the query.
    slowest: Option<(u32, String)>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.server.ip().is_loopback() {
        eprintln!(
            "chahao-load: {} is not a loopback address; this tool only measures a server on this machine",
            args.server
        );
        return ExitCode::from(1);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chahao-load: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(args)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("chahao-load: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: Args) -> Result<bool, Box<dyn std::error::Error>> {
    let listings = read_listings(&args.listings)?;
    let queries = draw_queries(&listings, args.queries, args.seed);
    drop(listings);
    let keystrokes: usize = queries.iter().map(|q| q.len()).sum();
    eprintln!(
        "{} queries, {keystrokes} keystrokes; {} connections, at most {} requests or {} s (first {} s not counted)",
        queries.len(),
        args.connections,
        args.requests,
        args.duration,
        args.warmup
    );
    let queries = Arc::new(queries);
    let sent = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let warm_until = started + Duration::from_secs(args.warmup);
    let stop_at = started + Duration::from_secs(args.duration);
    let mut tasks = Vec::new();
    for operator in 0..args.connections.max(1) {
        let queries = queries.clone();
        let sent = sent.clone();
        let (server, limit, budget, connections) = (
            args.server,
            args.limit,
            args.requests,
            args.connections.max(1),
        );
        tasks.push(tokio::spawn(async move {
            operate(
                operator,
                connections,
                server,
                limit,
                &queries,
                &sent,
                budget,
                warm_until,
                stop_at,
            )
            .await
        }));
    }
    let mut tally = Tally::default();
    for task in tasks {
        let t = task.await??;
        tally.latencies.extend(t.latencies);
        tally.search_times.extend(t.search_times);
        tally.errors += t.errors;
        tally.samples.extend(t.samples);
        if t.slowest.as_ref().map(|s| s.0) > tally.slowest.as_ref().map(|s| s.0) {
            tally.slowest = t.slowest;
        }
    }
    let counted_for = Instant::now().saturating_duration_since(warm_until.min(Instant::now()));
    Ok(report(&tally, counted_for, sent.load(Ordering::Relaxed)))
}

/// One operator: types its share of the queries, key by key, over one
/// keep-alive connection, until the budget or the time is spent.
#[allow(clippy::too_many_arguments)]
async fn operate(
    operator: usize,
    operators: usize,
    server: SocketAddr,
    limit: u32,
    queries: &[Vec<String>],
    sent: &AtomicU64,
    budget: u64,
    warm_until: Instant,
    stop_at: Instant,
) -> Result<Tally, String> {
    let stream = tokio::net::TcpStream::connect(server)
        .await
        .map_err(|e| format!("cannot connect to {server}: {e}"))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let host = server.to_string();
    let mut tally = Tally::default();
    let mut at = operator;
    let bearer = std::env::var(chahao::http::auth::OPERATOR_TOKEN_VARIABLE)
        .ok()
        .filter(|t| !t.is_empty())
        .map(|t| format!("Bearer {t}"));
    'typing: loop {
        let query = &queries[at % queries.len()];
        at += operators;
        for prefix in query {
            let now = Instant::now();
            if now >= stop_at || sent.fetch_add(1, Ordering::Relaxed) >= budget {
                break 'typing;
            }
            let uri = format!("/api/search?q={}&limit={limit}", encode(prefix));
            let mut request = hyper::Request::get(uri).header(hyper::header::HOST, &host);
            if let Some(bearer) = &bearer {
                request = request.header(hyper::header::AUTHORIZATION, bearer);
            }
            let request = request
                .body(Empty::<Bytes>::new())
                .map_err(|e| e.to_string())?;
            let outcome = async {
                sender.ready().await.map_err(|e| e.to_string())?;
                let response = sender
                    .send_request(request)
                    .await
                    .map_err(|e| e.to_string())?;
                let status = response.status();
                let body = response
                    .into_body()
                    .collect()
                    .await
                    .map_err(|e| e.to_string())?
                    .to_bytes();
                if status != hyper::StatusCode::OK {
                    return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
                }
                Ok(took_micros(&body))
            }
            .await;
            let elapsed = now.elapsed().as_micros().min(u32::MAX as u128) as u32;
            if now < warm_until {
                if outcome.is_err() {
                    // A failure while warming up is still a failure.
                    tally.errors += 1;
                }
                continue;
            }
            match outcome {
                Ok(took) => {
                    tally.latencies.push(elapsed);
                    if let Some(took) = took {
                        tally.search_times.push(took);
                    }
                    if tally.slowest.as_ref().is_none_or(|s| elapsed > s.0) {
                        tally.slowest = Some((elapsed, prefix.clone()));
                    }
                }
                Err(e) => {
                    tally.errors += 1;
                    if tally.samples.len() < 5 {
                        tally.samples.push(format!("{prefix:?}: {e}"));
                    }
                    if sender.is_closed() {
                        return Err(format!("the server closed the connection: {e}"));
                    }
                }
            }
        }
    }
    Ok(tally)
}

/// The server's `took_ms` from the start of an answer, in microseconds,
/// found without parsing the whole body.
fn took_micros(body: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(&body[..body.len().min(400)]).ok()?;
    let at = text.find("\"took_ms\":")? + "\"took_ms\":".len();
    let number: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some((number.parse::<f64>().ok()? * 1000.0) as u32)
}

fn report(tally: &Tally, counted_for: Duration, sent: u64) -> bool {
    let mut latencies = tally.latencies.clone();
    latencies.sort_unstable();
    let mut search = tally.search_times.clone();
    search.sort_unstable();
    let counted = latencies.len() as u64 + tally.errors;
    let seconds = counted_for.as_secs_f64().max(1e-9);
    println!("requests sent      {sent}");
    println!(
        "counted            {counted} in {seconds:.1} s  ({:.0} requests/s)",
        counted as f64 / seconds
    );
    println!("errors             {}", tally.errors);
    for sample in &tally.samples {
        println!("  {sample}");
    }
    let ms = |v: &[u32], p: f64| -> String {
        if v.is_empty() {
            return "-".to_string();
        }
        let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
        format!("{:.2}", v[i] as f64 / 1000.0)
    };
    println!(
        "latency ms         p50 {}  p90 {}  p99 {}  p99.9 {}  max {}",
        ms(&latencies, 0.50),
        ms(&latencies, 0.90),
        ms(&latencies, 0.99),
        ms(&latencies, 0.999),
        ms(&latencies, 1.0)
    );
    println!(
        "server (took_ms)   p50 {}  p90 {}  p99 {}  p99.9 {}  max {}",
        ms(&search, 0.50),
        ms(&search, 0.90),
        ms(&search, 0.99),
        ms(&search, 0.999),
        ms(&search, 1.0)
    );
    if let Some((micros, query)) = &tally.slowest {
        println!(
            "slowest            {:.2} ms for {query:?}",
            *micros as f64 / 1000.0
        );
    }
    tally.errors == 0
}

fn read_listings(path: &PathBuf) -> Result<Vec<Listing>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let listing: Listing =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        if listing.listed {
            out.push(listing);
        }
    }
    if out.is_empty() {
        return Err(format!("{}: no listed listing", path.display()).into());
    }
    Ok(out)
}

/// Draws `count` operator queries, each as the sequence of what the box
/// holds after each keystroke.
fn draw_queries(listings: &[Listing], count: usize, seed: u64) -> Vec<Vec<String>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Cumulative popularity, for drawing popular listings more often.
    let mut cumulative = Vec::with_capacity(listings.len());
    let mut total = 0.0;
    for l in listings {
        total += l.weight.max(0.0) + 1.0;
        cumulative.push(total);
    }
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let listing = if rng.random_range(0..2) == 0 {
            let ticket = rng.random_range(0.0..total);
            &listings[cumulative
                .partition_point(|&c| c <= ticket)
                .min(listings.len() - 1)]
        } else {
            &listings[rng.random_range(0..listings.len())]
        };
        if let Some(query) = operator_query(listing, &mut rng) {
            let keystrokes = prefixes(&query);
            if !keystrokes.is_empty() {
                out.push(keystrokes);
            }
        }
    }
    out
}

/// What an operator might type for `listing`.
fn operator_query(listing: &Listing, rng: &mut ChaCha8Rng) -> Option<String> {
    let han: Vec<char> = listing
        .name
        .chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace())
        .collect();
    if han.len() < 2 {
        return None;
    }
    let take = rng.random_range(2..=han.len().min(6));
    let first_readings: Vec<&str> = readings(&listing.name)
        .iter()
        .filter_map(|r| r.first().copied())
        .collect();
    let kind = rng.random_range(0..100);
    Some(match kind {
        0..35 => han[..take].iter().collect(),
        35..50 => match listing.aliases.first() {
            Some(alias) => alias.clone(),
            None => han[..take].iter().collect(),
        },
        50..70 => {
            let n = take.clamp(2, 5).min(first_readings.len());
            first_readings[..n]
                .iter()
                .filter_map(|s| s.chars().next())
                .collect()
        }
        70..80 => {
            let n = take.clamp(2, 3).min(first_readings.len());
            first_readings[..n].concat()
        }
        80..90 => {
            let mut q: String = han[..2].iter().collect();
            for s in first_readings.iter().skip(2).take(2) {
                q.extend(s.chars().next());
            }
            q
        }
        _ => {
            let phone = PhoneNumber::parse(&listing.phones.first()?.number).ok()?;
            let digits = phone.local_number();
            let n = rng
                .random_range(4..=digits.len().clamp(4, 8))
                .min(digits.len());
            digits[digits.len() - n..].to_string()
        }
    })
}

/// `中山一院` → `中`, `中山`, `中山一`, `中山一院`.
fn prefixes(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).collect();
    (1..=chars.len().min(100))
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_key_by_key() {
        assert_eq!(prefixes("中山一院"), ["中", "中山", "中山一", "中山一院"]);
        assert_eq!(prefixes("zsdx"), ["z", "zs", "zsd", "zsdx"]);
    }

    #[test]
    fn reads_took_ms() {
        assert_eq!(
            took_micros(br#"{"query":"z","took_ms":0.41,"hits":[]}"#),
            Some(410)
        );
    }
}
