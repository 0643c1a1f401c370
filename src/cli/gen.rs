//! `chahao gen`: synthetic listings.

use chahao::Error;

pub fn run(count: usize, seed: u64) -> Result<(), Error> {
    let stdout = std::io::stdout().lock();
    chahao::gen::write_jsonl(count, seed, stdout).map_err(Error::io("<stdout>"))
}
