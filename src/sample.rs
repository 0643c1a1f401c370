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
    read_embedded(SAMPLE_GZ)
}

/// The listings of a sample compiled into the binary, gzipped JSONL. That
/// it does not read is an internal error ([`Error::Embedded`]): the binary
/// itself is broken, and no input of the user's can fix it.
fn read_embedded(gz: &[u8]) -> Result<Vec<Listing>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut bytes)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_sample_reads() {
        assert!(!listings().expect("the shipped sample reads").is_empty());
    }

    #[test]
    fn a_corrupt_embedded_sample_is_an_internal_error() {
        // Not gzip at all.
        let e = read_embedded(b"not gzip").unwrap_err();
        assert!(matches!(e, Error::Embedded(_)), "{e:?}");
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(
            e.to_string()
                .starts_with("shipped sample is not valid gzip: "),
            "{e}"
        );

        // Gzip, but of a row that is not a listing.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"{\"id\": 1}\n").unwrap();
        let e = read_embedded(&gz.finish().unwrap()).unwrap_err();
        assert!(matches!(e, Error::Embedded(_)), "{e:?}");
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().starts_with("shipped sample: "), "{e}");
    }
}
