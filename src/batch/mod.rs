//! Listing and change files: reading them (JSONL or CSV, UTF-8 or GB18030),
//! checking every row, and reporting every bad row with its line number.

pub mod read;

pub use read::{read_changes, read_listings, Format, Parsed, Row, RowError};
