//! Phone numbers by the Chinese numbering plan. (Being written.)

/// Placeholder until the parser lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber;
/// Placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {}
/// Placeholder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid")]
pub struct PhoneError;
impl PhoneNumber {
    /// Placeholder.
    pub fn parse(_s: &str) -> Result<Self, PhoneError> {
        Ok(PhoneNumber)
    }
}
