//! The commands of the `chahao` binary, one module each.

pub mod build;
pub mod eval;
pub mod gen;
pub mod search;
