//! `chahao history`: the batches that made the current directory.

use std::path::Path;

use chahao::batch::apply::utc;
use chahao::index::history;
use chahao::Error;

pub fn run(index_dir: &Path, json: bool) -> Result<(), Error> {
    let entries = history::history(index_dir)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&entries).expect("history always serialises")
        );
        return Ok(());
    }
    println!(
        "{:<12} {:<8} {:<23} {:>8} {:>8} {:>8} {:>9}  {:<16} source",
        "generation", "kind", "time", "added", "updated", "deleted", "total", "batch"
    );
    for e in &entries {
        let r = &e.record;
        println!(
            "{:<12} {:<8} {:<23} {:>8} {:>8} {:>8} {:>9}  {:<16} {}{}",
            e.generation.as_deref().unwrap_or("(pruned)"),
            r.kind,
            utc(r.time),
            r.added,
            r.updated,
            r.deleted,
            r.total,
            r.batch_id.chars().take(16).collect::<String>(),
            r.source,
            if e.current { "  <- current" } else { "" }
        );
    }
    Ok(())
}
