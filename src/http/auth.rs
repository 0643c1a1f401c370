//! Who a request speaks for: the public, an operator, or an administrator,
//! told apart by a bearer token (`Authorization: Bearer …`).
//!
//! Two tokens may be configured when the server starts: the admin token
//! ([`ADMIN_TOKEN_VARIABLE`]) turns the upload endpoint on and guards it; the
//! operator token ([`OPERATOR_TOKEN_VARIABLE`]) lets the console (and load
//! tests, and a metrics scraper) past the per-client rate limit. Either one
//! exempts its bearer from the rate limit. Tokens are compared in constant
//! time and are never logged: the request span records the method and the
//! route only.

use axum::http::{header, HeaderMap};

/// The environment variable holding the admin bearer token.
pub const ADMIN_TOKEN_VARIABLE: &str = "CHAHAO_ADMIN_TOKEN";

/// The environment variable holding the operator bearer token.
pub const OPERATOR_TOKEN_VARIABLE: &str = "CHAHAO_OPERATOR_TOKEN";

/// What a request may do beyond what the public may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Not limited per client.
    Operator,
    /// Not limited per client, and may upload batches.
    Admin,
}

/// The configured tokens; an empty token counts as none.
#[derive(Clone, Default)]
pub struct Tokens {
    admin: Option<String>,
    operator: Option<String>,
}

impl std::fmt::Debug for Tokens {
    /// Says which tokens are set, never what they are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("admin", &self.admin.is_some())
            .field("operator", &self.operator.is_some())
            .finish()
    }
}

impl Tokens {
    /// The tokens `admin` and `operator`, either possibly absent.
    pub fn new(admin: Option<String>, operator: Option<String>) -> Tokens {
        Tokens {
            admin: admin.filter(|t| !t.is_empty()),
            operator: operator.filter(|t| !t.is_empty()),
        }
    }

    /// The tokens named by [`ADMIN_TOKEN_VARIABLE`] and
    /// [`OPERATOR_TOKEN_VARIABLE`] in the environment.
    pub fn from_env() -> Tokens {
        Tokens::new(
            std::env::var(ADMIN_TOKEN_VARIABLE).ok(),
            std::env::var(OPERATOR_TOKEN_VARIABLE).ok(),
        )
    }

    /// The same tokens with the admin token replaced.
    pub fn with_admin(self, admin: Option<String>) -> Tokens {
        Tokens::new(admin, self.operator)
    }

    /// The same tokens with the operator token replaced.
    pub fn with_operator(self, operator: Option<String>) -> Tokens {
        Tokens::new(self.admin, operator)
    }

    /// The admin token, when the admin endpoints are on.
    pub fn admin(&self) -> Option<&str> {
        self.admin.as_deref()
    }

    /// Returns true if and only if an operator token is configured.
    pub fn has_operator(&self) -> bool {
        self.operator.is_some()
    }

    /// The role the request's bearer token gives, if it carries a valid one.
    /// Both tokens are always compared, so the time taken does not tell
    /// which one (if any) was close.
    pub fn role(&self, headers: &HeaderMap) -> Option<Role> {
        let given = bearer(headers)?;
        let admin = self
            .admin
            .as_deref()
            .is_some_and(|t| same_secret(given.as_bytes(), t.as_bytes()));
        let operator = self
            .operator
            .as_deref()
            .is_some_and(|t| same_secret(given.as_bytes(), t.as_bytes()));
        if admin {
            Some(Role::Admin)
        } else if operator {
            Some(Role::Operator)
        } else {
            None
        }
    }
}

/// The bearer token of a request, if it has an `Authorization: Bearer`
/// header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Returns true if and only if `given` equals `expected`, taking the same
/// time whatever the first differing byte.
pub fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, e) in expected.iter().enumerate() {
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ e);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret(b"s3cret", b"s3cret"));
        assert!(!same_secret(b"s3cret", b"s3creT"));
        assert!(!same_secret(b"s3cre", b"s3cret"));
        assert!(!same_secret(b"s3crett", b"s3cret"));
        assert!(!same_secret(b"", b"s3cret"));
    }

    fn with_bearer(token: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let value = HeaderValue::from_str(&format!("Bearer {token}")).expect("a header value");
        headers.insert(header::AUTHORIZATION, value);
        headers
    }

    #[test]
    fn roles_come_from_the_matching_token() {
        let tokens = Tokens::new(Some("adm".into()), Some("op".into()));
        assert_eq!(tokens.role(&with_bearer("adm")), Some(Role::Admin));
        assert_eq!(tokens.role(&with_bearer("op")), Some(Role::Operator));
        assert_eq!(tokens.role(&with_bearer("o")), None);
        assert_eq!(tokens.role(&HeaderMap::new()), None);
        let none = Tokens::new(Some(String::new()), None);
        assert_eq!(none.admin(), None);
        assert_eq!(none.role(&with_bearer("")), None);
    }

    #[test]
    fn debug_never_shows_a_token() {
        let tokens = Tokens::new(Some("adm-secret".into()), Some("op-secret".into()));
        let shown = format!("{tokens:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
