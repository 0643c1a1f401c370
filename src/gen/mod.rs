//! Synthetic directory generator (interim; the full generator replaces this).

/// Interim.
pub fn write_jsonl<W: std::io::Write>(_count: usize, _seed: u64, _out: W) -> std::io::Result<()> {
    Err(std::io::Error::other("the generator is not merged yet"))
}
