//! chahao (查号): a directory-assistance lookup engine for China's 114
//! number-enquiry service.
//!
//! Two flows run through the crate:
//!
//! - **keystroke → result**: `search` normalises what the operator typed,
//!   classifies it (Han, Latin, digits, mixed), expands it into candidate
//!   keys tagged with how they match, runs one query on one searcher and
//!   ranks the hits in explicit tiers.
//! - **file → index**: `batch` reads a listing or change file and checks
//!   every row before anything is written; `index` writes a new generation
//!   and publishes it atomically.
//!
//! `http` serves both the JSON API and the pages of `web` (the public
//! self-service page and the operator console) over a live index that
//! follows each newly published generation.
//!
//! `text` (normalisation, segmentation, pinyin, keys) is shared by both
//! flows and knows nothing of tantivy; `index` is the only bridge.

#![warn(missing_docs)]

pub mod batch;
pub mod error;
pub mod eval;
pub mod gen;
pub mod http;
pub mod index;
pub mod model;
pub mod sample;
pub mod search;
pub mod text;
pub mod web;

pub use error::{Error, Result};
