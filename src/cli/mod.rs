//! The commands of the `chahao` binary, one module each.

pub mod apply;
pub mod build;
pub mod changes;
pub mod eval;
pub mod gen;
pub mod history;
pub mod rollback;
pub mod search;
pub mod serve;
