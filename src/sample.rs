//! The sample directory shipped inside the binary: the real nationwide
//! public-service numbers plus a generated Guangzhou sample
//! (`data/sample.jsonl.gz`, made by `data/make-sample.sh`). With it chahao
//! answers queries on a fresh machine with nothing else installed.

use std::path::Path;

use crate::batch::{check_listings, read_listings, Format};
use crate::error::{Error, Result};
use crate::index::{self, BatchRecord, Store};
use crate::model::Listing;

static SAMPLE_GZ: &[u8] = include_bytes!("../data/sample.jsonl.gz");

/// The sample's listings.
pub fn listings() -> Result<Vec<Listing>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(SAMPLE_GZ), &mut bytes)
        .map_err(|e| Error::User(format!("shipped sample is not valid gzip: {e}")))?;
    check_listings(read_listings(&bytes, Format::Jsonl))
        .map_err(|r| Error::User(format!("shipped sample: {r}")))
}

/// Builds an index of the sample at `root` unless one is there already.
/// Returns true if and only if it built one.
pub fn ensure_index(root: &Path, progress: &dyn Fn(u64, u64)) -> Result<bool> {
    if Store::new(root).current()?.is_some() {
        return Ok(false);
    }
    let listings = listings()?;
    let total = listings.len() as u64;
    let record = BatchRecord::build(
        "sample",
        "shipped sample (data/sample.jsonl.gz)",
        listings.len(),
    );
    index::build(root, &listings, &record, &|n| progress(n, total))?;
    Ok(true)
}
