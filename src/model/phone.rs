//! Phone numbers by the Chinese numbering plan. (Interim: digits only; the
//! full parser replaces this.)

/// Interim number: its digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);
/// Interim kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {}
/// Interim error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid")]
pub struct PhoneError;
impl PhoneNumber {
    /// Interim.
    pub fn parse(s: &str) -> Result<Self, PhoneError> {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        if d.is_empty() {
            Err(PhoneError)
        } else {
            Ok(PhoneNumber(d))
        }
    }
    /// Interim.
    pub fn digits(&self) -> &str {
        &self.0
    }
    /// Interim.
    pub fn local_number(&self) -> &str {
        &self.0
    }
    /// Interim.
    pub fn display(&self) -> String {
        self.0.clone()
    }
}

/// Interim.
pub fn normalize_digits(s: &str) -> Option<String> {
    if s.chars().all(|c| c.is_ascii_digit() || " -.()+".contains(c)) && s.chars().any(|c| c.is_ascii_digit()) {
        Some(s.chars().filter(char::is_ascii_digit).collect())
    } else {
        None
    }
}
