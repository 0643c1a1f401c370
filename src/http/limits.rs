//! What one client, and all of them together, may ask of the server.
//!
//! [`Limits`] gathers every bound `chahao serve` enforces: requests per
//! second per client with a burst, requests in flight, request and upload
//! time, body and header size, header read time and open connections. The
//! query length (100 characters) and the result depth (50 hits, no paging)
//! are fixed by the contract and checked in [`super::search`].
//!
//! The per-client limit is a token bucket per client address, kept by
//! `tower_governor`'s configuration (a `governor` keyed rate limiter). The
//! client is the TCP peer; `X-Forwarded-For` and `X-Real-IP` are believed
//! only when the peer is one of the configured trusted proxies, so a caller
//! cannot name itself someone else to get a fresh bucket. IPv6 clients are
//! keyed by their /64, the block one subscriber usually holds. A request
//! carrying a valid operator or admin token is not limited per client.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use ipnet::IpNet;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorError;

use super::{ApiError, AppState};

/// Every bound the server enforces; [`Limits::default`] is what
/// `chahao serve` uses unless told otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Requests per second one client may sustain (0: no per-client limit).
    pub rate_per_second: u32,
    /// Requests one client may make at once before the rate applies.
    pub rate_burst: u32,
    /// Peers whose `X-Forwarded-For` / `X-Real-IP` are believed.
    pub trusted_proxies: Vec<IpNet>,
    /// Requests being answered at once, all clients together; more are
    /// turned away at once with a 503 rather than queued.
    pub max_in_flight: usize,
    /// How long a request may take before it is answered with a 503.
    pub request_timeout: Duration,
    /// How long an admin upload (receiving and applying a batch) may take.
    pub upload_timeout: Duration,
    /// Largest request body, admin uploads aside.
    pub max_body_bytes: usize,
    /// Largest admin upload.
    pub max_upload_bytes: usize,
    /// Largest request head (request line and headers); larger gets 431.
    /// hyper accepts no less than 8192.
    pub max_header_bytes: usize,
    /// How long a client may take to send a request head, and how long an
    /// idle keep-alive connection is kept; the connection is closed after.
    pub header_read_timeout: Duration,
    /// Connections open at once; further ones wait in the listen backlog.
    pub max_connections: usize,
}

impl Default for Limits {
    /// Generous for a person typing (a page load is about 8 requests, a
    /// keystroke one), tight for a program walking the directory.
    fn default() -> Limits {
        Limits {
            rate_per_second: 5,
            rate_burst: 60,
            trusted_proxies: Vec::new(),
            max_in_flight: 256,
            request_timeout: Duration::from_secs(5),
            upload_timeout: Duration::from_secs(300),
            max_body_bytes: 16 * 1024,
            max_upload_bytes: 64 * 1024 * 1024,
            max_header_bytes: 16 * 1024,
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
        }
    }
}

/// The smallest head buffer hyper accepts.
pub const MIN_HEADER_BYTES: usize = 8192;

/// Parses a trusted proxy: an address (`127.0.0.1`, `::1`) or a network
/// in CIDR notation (`10.0.0.0/8`, `fd00::/8`).
pub fn parse_trusted_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    IpNet::from_str(text)
        .map(|net| net.trunc())
        .or_else(|_| IpAddr::from_str(text).map(IpNet::from))
        .map_err(|_| format!("{text:?} is not an IP address or a CIDR network like 10.0.0.0/8"))
}

/// The key a client is limited under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    /// An IPv4 address, or the /64 of an IPv6 address.
    Ip(IpAddr),
    /// A request with no peer address (only possible in process, never
    /// through [`super::serve`]): all of them share one bucket.
    Unknown,
}

impl From<IpAddr> for ClientKey {
    fn from(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V4(_) => ClientKey::Ip(ip),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey::Ip(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & (!0u128 << 64);
                    ClientKey::Ip(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

/// Finds the client of a request: the TCP peer, or — when the peer is a
/// trusted proxy — the address the proxies say they forwarded for.
#[derive(Debug, Clone, Default)]
pub struct ClientAddress {
    trusted: Arc<[IpNet]>,
}

impl ClientAddress {
    /// Believes forwarding headers from peers in `trusted` only.
    pub fn new(trusted: &[IpNet]) -> ClientAddress {
        ClientAddress {
            trusted: trusted.into(),
        }
    }

    fn is_trusted(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        self.trusted.iter().any(|net| net.contains(&ip))
    }

    /// The client address of a request that arrived from `peer` with
    /// `headers`. `X-Forwarded-For` is read from the right: each hop that
    /// is a trusted proxy is skipped, and the first that is not is the
    /// client (an unreadable entry stops the walk at the last trusted hop).
    /// Without that header, `X-Real-IP` is used.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.is_trusted(peer) {
            return peer;
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|hop| !hop.is_empty())
            .collect();
        if hops.is_empty() {
            return headers
                .get("x-real-ip")
                .and_then(|v| v.to_str().ok())
                .and_then(parse_hop)
                .unwrap_or(peer);
        }
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else { break };
            client = ip;
            if !self.is_trusted(ip) {
                break;
            }
        }
        client
    }
}

/// One hop of a forwarding header: an address, possibly with a port
/// (`203.0.113.7:41234`, `[2001:db8::1]:443`).
fn parse_hop(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    IpAddr::from_str(text)
        .ok()
        .or_else(|| SocketAddr::from_str(text).ok().map(|s| s.ip()))
}

impl KeyExtractor for ClientAddress {
    type Key = ClientKey;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<ClientKey, GovernorError> {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(match peer {
            Some(peer) => ClientKey::from(self.client_ip(peer, request.headers())),
            None => ClientKey::Unknown,
        })
    }
}

/// The per-client rate limiter of one server.
#[derive(Clone)]
pub struct RateLimiter {
    clients: ClientAddress,
    config: Arc<GovernorConfig<ClientAddress, NoOpMiddleware>>,
}

impl RateLimiter {
    /// The limiter `limits` ask for, or `None` when the rate is 0.
    pub fn new(limits: &Limits) -> Option<RateLimiter> {
        if limits.rate_per_second == 0 {
            return None;
        }
        let clients = ClientAddress::new(&limits.trusted_proxies);
        let period = Duration::from_nanos(1_000_000_000 / u64::from(limits.rate_per_second));
        let config = GovernorConfigBuilder::default()
            .period(period)
            .burst_size(limits.rate_burst.max(1))
            .key_extractor(clients.clone())
            .finish()?;
        Some(RateLimiter {
            clients,
            config: Arc::new(config),
        })
    }

    /// Takes one request from the bucket of `request`'s client. On refusal,
    /// returns how many whole seconds to wait (at least 1).
    pub fn check<B>(&self, request: &axum::http::Request<B>) -> Result<(), u64> {
        let key = self.clients.extract(request).unwrap_or(ClientKey::Unknown);
        self.config.limiter().check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            u64::try_from(wait.as_millis().div_ceil(1000))
                .unwrap_or(u64::MAX)
                .max(1)
        })
    }

    /// Forgets clients whose buckets are full again, so the table holds only
    /// recent clients.
    pub fn forget_idle_clients(&self) {
        let limiter = self.config.limiter();
        limiter.retain_recent();
        limiter.shrink_to_fit();
    }

    /// Clients currently remembered.
    pub fn clients(&self) -> usize {
        self.config.limiter().len()
    }
}

/// The middleware: lets a request through, or answers 429 with
/// `Retry-After`.
pub async fn limit_rate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limiter) = state.rate_limiter() else {
        return next.run(request).await;
    };
    if state.tokens().role(request.headers()).is_some() {
        return next.run(request).await;
    }
    match limiter.check(&request) {
        Ok(()) => next.run(request).await,
        Err(retry_after) => {
            state.metrics().rate_limited();
            ApiError::TooManyRequests { retry_after }.into_response()
        }
    }
}

/// The middleware: a request announcing a body larger than
/// [`Limits::max_body_bytes`] is refused before any of it is read (bodies
/// sent without a length are cut at the same size by the extractors).
pub async fn limit_body(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let max = state.limits().max_body_bytes;
    if announced_length(request.headers()).is_some_and(|n| n > max as u64) {
        return ApiError::Rejected(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {max} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}

/// The `Content-Length` of a request, when it has a readable one.
pub fn announced_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("a header value"));
        }
        map
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_peers() {
        let proxies = [
            parse_trusted_proxy("127.0.0.1").expect("an address"),
            parse_trusted_proxy("10.0.0.0/8").expect("a network"),
        ];
        let clients = ClientAddress::new(&proxies);
        let forged = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(
            clients.client_ip(ip("203.0.113.5"), &forged),
            ip("203.0.113.5")
        );
        assert_eq!(
            clients.client_ip(ip("127.0.0.1"), &forged),
            ip("198.51.100.9")
        );
        // A client's own forged entry to the left of what the proxies added
        // is not believed: the first untrusted hop from the right is.
        let chained = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.5, 10.1.2.3")]);
        assert_eq!(
            clients.client_ip(ip("127.0.0.1"), &chained),
            ip("203.0.113.5")
        );
        let split = headers(&[
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.6:5555"),
        ]);
        assert_eq!(clients.client_ip(ip("10.0.0.1"), &split), ip("203.0.113.6"));
        let garbage = headers(&[("x-forwarded-for", "1.1.1.1, nonsense")]);
        assert_eq!(
            clients.client_ip(ip("127.0.0.1"), &garbage),
            ip("127.0.0.1")
        );
        let real = headers(&[("x-real-ip", "2001:db8::7")]);
        assert_eq!(clients.client_ip(ip("127.0.0.1"), &real), ip("2001:db8::7"));
        assert_eq!(clients.client_ip(ip("192.0.2.1"), &real), ip("192.0.2.1"));
        assert_eq!(
            clients.client_ip(ip("::ffff:127.0.0.1"), &forged),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn trusted_proxies_parse_as_addresses_or_networks() {
        assert_eq!(
            parse_trusted_proxy("10.1.2.3/8").map(|n| n.to_string()),
            Ok("10.0.0.0/8".to_string())
        );
        assert_eq!(
            parse_trusted_proxy("::1").map(|n| n.to_string()),
            Ok("::1/128".to_string())
        );
        assert!(parse_trusted_proxy("localhost").is_err());
        assert!(parse_trusted_proxy("10.0.0.0/33").is_err());
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        assert_eq!(
            ClientKey::from(ip("2001:db8:1:2:aaaa::1")),
            ClientKey::from(ip("2001:db8:1:2:bbbb::2"))
        );
        assert_ne!(
            ClientKey::from(ip("2001:db8:1:2::1")),
            ClientKey::from(ip("2001:db8:1:3::1"))
        );
        assert_eq!(
            ClientKey::from(ip("::ffff:192.0.2.1")),
            ClientKey::Ip(ip("192.0.2.1"))
        );
    }

    #[test]
    fn a_client_past_its_burst_waits_at_least_a_second() {
        let limits = Limits {
            rate_per_second: 1,
            rate_burst: 2,
            ..Limits::default()
        };
        let limiter = RateLimiter::new(&limits).expect("a limiter");
        let from = |addr: &str| {
            let mut request = axum::http::Request::new(());
            let peer: SocketAddr = addr.parse().expect("a socket address");
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        };
        assert_eq!(limiter.check(&from("192.0.2.1:1000")), Ok(()));
        assert_eq!(limiter.check(&from("192.0.2.1:1001")), Ok(()));
        assert_eq!(limiter.check(&from("192.0.2.1:1002")), Err(1));
        assert_eq!(limiter.check(&from("192.0.2.2:1000")), Ok(()));
        assert_eq!(limiter.clients(), 2);
        assert!(RateLimiter::new(&Limits {
            rate_per_second: 0,
            ..Limits::default()
        })
        .is_none());
    }
}
