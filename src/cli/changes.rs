//! `chahao gen --changes N --from FILE`: a realistic change file for a
//! listing file.

use std::path::Path;

use chahao::batch::{check_listings, read_listings};
use chahao::Error;

pub fn run(count: usize, from: &Path, seed: u64) -> Result<(), Error> {
    let (bytes, format) = super::build::read_input(from)?;
    let listings = check_listings(read_listings(&bytes, format)).map_err(|r| Error::BadInput {
        path: from.to_path_buf(),
        reason: r.to_string(),
    })?;
    let changes = chahao::gen::changes::changes(&listings, count, seed);
    let stdout = std::io::stdout().lock();
    chahao::gen::changes::write_jsonl(&changes, stdout).map_err(Error::io("<stdout>"))
}
