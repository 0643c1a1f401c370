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
        .map_err(|e| Error::Embedded(format!("shipped sample is not valid gzip: {e}")))?;
    check_listings(read_listings(&bytes, Format::Jsonl))
        .map_err(|r| Error::Embedded(format!("shipped sample: {r}")))
}

/// Builds an index of the sample at `root` unless one is there already.
/// Returns true if and only if it built one.
///
/// An index directory that holds generations but no `CURRENT` is not
/// empty: it is a directory whose pointer was lost, and serving the sample
/// over it would silently replace the real directory. That is an error.
pub fn ensure_index(root: &Path, progress: &dyn Fn(u64, u64)) -> Result<bool> {
    let store = Store::new(root);
    // An unreadable CURRENT is not "no index": whoever opens the directory
    // reports it.
    if !matches!(store.current(), Ok(None)) {
        return Ok(false);
    }
    // Generations without CURRENT: a directory that lost its pointer, which
    // the opener reports; building the sample over it would hide it.
    if !store.generations()?.is_empty() {
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
