//! `chahao build`: a fresh index from a listing file.

use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use chahao::batch::{read_listings, Format};
use chahao::index::{self, BatchRecord};
use chahao::Error;

/// Reads an input file, gunzipping it when its name ends in `.gz`, and
/// returns its bytes with the format its name or content says.
pub fn read_input(path: &Path) -> Result<(Vec<u8>, Format), Error> {
    let raw = std::fs::read(path).map_err(Error::io(path))?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut bytes)
            .map_err(|e| Error::BadInput {
                path: path.to_path_buf(),
                reason: format!("not a valid gzip file: {e}"),
            })?;
        let inner = path.with_extension("");
        let format = Format::detect(&inner, &bytes);
        Ok((bytes, format))
    } else {
        let format = Format::detect(path, &raw);
        Ok((raw, format))
    }
}

pub fn run(input: &Path, index_dir: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let (bytes, format) = read_input(input)?;
    let parsed = read_listings(&bytes, format);
    let listings = match chahao::batch::check_listings(parsed) {
        Ok(listings) => listings,
        Err(rejection) => {
            for e in &rejection.errors {
                eprintln!("{}: {e}", input.display());
            }
            return Err(Error::Rejected(rejection));
        }
    };
    let record = BatchRecord::build(
        hex(&Sha256::digest(&bytes)),
        input.display().to_string(),
        listings.len(),
    );
    let bar = ProgressBar::new(listings.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} listings  {per_sec}  eta {eta}")
            .expect("the template is valid"),
    );
    let generation = index::build(index_dir, &listings, &record, &|n| bar.set_position(n))?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "built {} with {} listings in {:.1} s ({:.0} listings/s): {}",
        index_dir.join(&generation).display(),
        listings.len(),
        secs,
        listings.len() as f64 / secs.max(1e-9),
        record.batch_id
    );
    Ok(())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
