//! chahao (查号): a directory-assistance lookup engine for China's 114
//! number-enquiry service.
//!
//! Two flows run through the crate:
//!
//! - **keystroke → result**: `search` understands what the operator typed
//!   (parts, and the readings of each as typed index keys), plans typed
//!   look-ups in stages, retrieves candidates through `index::query`, and
//!   ranks and explains the hits in explicit tiers (see `search`'s module
//!   documentation, which follows one query through every step).
//! - **file → index**: `batch` reads a listing or change file and checks
//!   every row before anything is written; `index` writes a new generation
//!   and publishes it atomically.
//!
//! `http` serves both the JSON API and the pages of `web` (the public
//! self-service page and the operator console) over a live index that
//! follows each newly published generation.
//!
//! `text` (normalisation, segmentation, pinyin, the typed keys) is shared by
//! both flows and knows nothing of tantivy; `index` is the only module that
//! names tantivy, and `index::query` the one bridge search goes through.

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
