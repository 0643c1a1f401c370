//! chahao (查号): a directory-assistance lookup engine for China's 114
//! number-enquiry service.

#![warn(missing_docs)]

pub mod gen;
pub mod model;
pub mod text;
