//! `chahao rollback`: the directory as it was before the last batch.

use std::path::Path;

use chahao::index::history;
use chahao::Error;

pub fn run(index_dir: &Path, json: bool) -> Result<(), Error> {
    let done = history::rollback(index_dir)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&done).expect("a rollback always serialises")
        );
    } else {
        println!(
            "rolled back batch {} ({}): now serving {} with {} listings (was {})",
            done.undone.batch_id, done.undone.source, done.to, done.total, done.from
        );
    }
    Ok(())
}
