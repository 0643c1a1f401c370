//! Times queries on an index and logs each look-up they make, for finding
//! where a slow query spends its time:
//!
//! ```sh
//! RUST_LOG=chahao::search=trace cargo run --release --example trace_query -- /tmp/bench-1m 'ggxyy' 'zsdxbwc'
//! ```
//!
//! Each query runs once with the log, then ten times more to be timed.

use std::time::Instant;

use chahao::index::Directory;
use chahao::search::{search, Filters};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: trace_query INDEX QUERY...");
    let dir = Directory::open(std::path::Path::new(&root)).expect("the index opens");
    let _ = dir.vocabulary();
    for query in args {
        let hits = search(&dir, &query, 10, &Filters::default()).expect("a valid query");
        let started = Instant::now();
        for _ in 0..10 {
            std::hint::black_box(search(&dir, &query, 10, &Filters::default()).ok());
        }
        let ms = started.elapsed().as_secs_f64() * 1e3 / 10.0;
        let top: Vec<String> = hits
            .iter()
            .take(3)
            .map(|h| format!("{} ({:?})", h.listing.name, h.kind))
            .collect();
        println!("{ms:8.3} ms  {query}  →  {}", top.join(" | "));
    }
}
