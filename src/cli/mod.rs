//! The commands of the `chahao` binary, one module each.

pub mod build;
pub mod gen;
pub mod search;
pub mod serve;
