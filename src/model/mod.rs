//! Domain types with no I/O: a directory [`Listing`], its phone numbers and
//! the weekly [`Change`] operations. Validation of a listing lives here too,
//! so that every reader (JSONL, CSV, HTTP upload) rejects the same things with
//! the same words.

pub mod current;
pub mod listing;
pub mod phone;

pub use current::Current;
pub use listing::{Change, Listing, ListingPhone, ValidationError};
pub use phone::{PhoneError, PhoneKind, PhoneNumber};
