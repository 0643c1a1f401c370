//! The listing record of the contract (section 1) and its validation.

use serde::{Deserialize, Serialize};

use super::phone::PhoneNumber;

/// One phone number of a listing, as written in the source data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingPhone {
    /// The number as the data editors wrote it, e.g. `020-87755766`.
    pub number: String,
    /// What the number is for, e.g. `总机`, `挂号处`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// One directory entry: an organisation, or a department of one, and its
/// numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    /// Stable id, unique in the directory: 1–64 of `A-Z a-z 0-9 _ - .`.
    pub id: String,
    /// Official full name, e.g. `中山大学附属第一医院`.
    pub name: String,
    /// At least one number.
    pub phones: Vec<ListingPhone>,
    /// Short names and former names (简称/曾用名).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Department or branch under the organisation, e.g. `急诊科`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Id of the parent organisation's main listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Kind of organisation, e.g. `医院`, `银行`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Province, e.g. `广东省`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// City, e.g. `广州市`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// District, e.g. `越秀区`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// `false` = ex-directory: never shown by any search or public endpoint.
    #[serde(default = "default_listed")]
    pub listed: bool,
    /// Popularity prior used in ranking, ≥ 0.
    #[serde(default)]
    pub weight: f64,
    /// Fields the contract does not name, kept as they came.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn default_listed() -> bool {
    true
}

/// One reason a listing is not acceptable. A listing can have several.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValidationError {
    /// The id is empty, too long or has a character outside `A-Z a-z 0-9 _ - .`.
    #[error("id {0:?} must be 1-64 characters of A-Z a-z 0-9 _ - .")]
    BadId(String),
    /// The name is empty or longer than 200 characters.
    #[error("name must be 1-200 characters, got {0}")]
    BadNameLength(usize),
    /// No phone number at all.
    #[error("phones must hold at least one number")]
    NoPhones,
    /// A phone number that cannot be a Chinese number.
    #[error("phone {number:?}: {reason}")]
    BadPhone {
        /// The number as written.
        number: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A negative or non-finite weight.
    #[error("weight must be a finite number >= 0, got {0}")]
    BadWeight(f64),
    /// A text field longer than the directory accepts.
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
}

/// Longest accepted value of the free-text fields (address, department ...).
const MAX_TEXT_CHARS: usize = 500;

/// Returns true if and only if `id` is a valid listing id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

impl Listing {
    /// Checks every field and returns all the problems found, or the parsed
    /// phone numbers (in the order of `phones`) when there are none.
    pub fn validate(&self) -> Result<Vec<PhoneNumber>, Vec<ValidationError>> {
        let mut errors = Vec::new();
        if !is_valid_id(&self.id) {
            errors.push(ValidationError::BadId(self.id.clone()));
        }
        let name_chars = self.name.trim().chars().count();
        if name_chars == 0 || self.name.chars().count() > 200 {
            errors.push(ValidationError::BadNameLength(name_chars));
        }
        if self.phones.is_empty() {
            errors.push(ValidationError::NoPhones);
        }
        if !self.weight.is_finite() || self.weight < 0.0 {
            errors.push(ValidationError::BadWeight(self.weight));
        }
        let texts: [(&'static str, Option<&String>); 8] = [
            ("department", self.department.as_ref()),
            ("parent_id", self.parent_id.as_ref()),
            ("category", self.category.as_ref()),
            ("province", self.province.as_ref()),
            ("city", self.city.as_ref()),
            ("district", self.district.as_ref()),
            ("address", self.address.as_ref()),
            ("name_en", self.name_en.as_ref()),
        ];
        for (field, value) in texts {
            if value.is_some_and(|v| v.chars().count() > MAX_TEXT_CHARS) {
                errors.push(ValidationError::TooLong {
                    field,
                    max: MAX_TEXT_CHARS,
                });
            }
        }
        if self.aliases.iter().any(|a| a.chars().count() > 200) {
            errors.push(ValidationError::TooLong {
                field: "aliases",
                max: 200,
            });
        }
        let mut parsed = Vec::with_capacity(self.phones.len());
        for phone in &self.phones {
            match PhoneNumber::parse(&phone.number) {
                Ok(p) => parsed.push(p),
                Err(e) => errors.push(ValidationError::BadPhone {
                    number: phone.number.clone(),
                    reason: e.reason().to_string(),
                }),
            }
        }
        if errors.is_empty() {
            Ok(parsed)
        } else {
            Err(errors)
        }
    }
}

/// One operation of a weekly change file (contract section 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Change {
    /// 增: a listing whose id must not exist yet.
    Add {
        /// The new listing.
        listing: Listing,
    },
    /// 改: replaces the listing with that id; the id must exist.
    Update {
        /// The replacement.
        listing: Listing,
    },
    /// 删: removes the listing; the id must exist.
    Delete {
        /// The listing to remove.
        id: String,
    },
}

impl Change {
    /// The id the operation is about.
    pub fn id(&self) -> &str {
        match self {
            Change::Add { listing } | Change::Update { listing } => &listing.id,
            Change::Delete { id } => id,
        }
    }
}
