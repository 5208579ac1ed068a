//! One GET, through a [`Transport`]: ureq over rustls in the binary, a scripted one in unit tests.
//! A response body is streamed into memory up to a limit, whatever `Content-Length` says.

use std::io::Read;
use std::time::Duration;

use crate::key::ApiKey;

/// What came back: the status, the `Retry-After` header, and the body (read only for 2xx).
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    /// The `Location` of a redirect (not followed: the key would go with it).
    pub location: Option<String>,
    pub body: Vec<u8>,
}

/// Why no reply came.
#[derive(Debug, Clone, PartialEq)]
pub enum Trouble {
    /// No answer within the timeout.
    Timeout,
    /// The body was larger than the limit (bytes actually received, not `Content-Length`).
    TooLarge,
    /// TLS failed (certificate, handshake).
    Tls(String),
    /// The host name did not resolve.
    HostNotFound,
    /// Anything else on the way: refused, reset, closed early, a broken HTTP message.
    Network(String),
}

/// Sends one GET with the key in `x-api-key` and reads the reply.
pub trait Transport {
    fn get(&mut self, url: &str, key: &ApiKey, limit: u64) -> Result<Reply, Trouble>;
}

/// The real transport: a ureq agent (rustls, webpki roots), no redirects followed, status codes
/// returned rather than raised, one timeout for the whole exchange.
pub struct Ureq {
    agent: ureq::Agent,
}

impl Ureq {
    pub fn new(timeout: Duration) -> Ureq {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(30))))
            .user_agent(concat!("reweigh/", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .build();
        Ureq {
            agent: config.new_agent(),
        }
    }
}

fn trouble(e: ureq::Error) -> Trouble {
    match e {
        ureq::Error::Timeout(_) => Trouble::Timeout,
        ureq::Error::HostNotFound => Trouble::HostNotFound,
        ureq::Error::Tls(what) => Trouble::Tls(what.to_string()),
        ureq::Error::Io(io) => io_trouble(io),
        other => Trouble::Network(other.to_string()),
    }
}

fn io_trouble(e: std::io::Error) -> Trouble {
    if e.kind() == std::io::ErrorKind::TimedOut {
        return Trouble::Timeout;
    }
    // ureq wraps its own errors (a timeout while reading the body) in io::Error.
    match e.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
        Some(Ok(inner)) => trouble(*inner),
        Some(Err(other)) => Trouble::Network(other.to_string()),
        None => Trouble::Network("the connection failed".to_string()),
    }
}

impl Transport for Ureq {
    fn get(&mut self, url: &str, key: &ApiKey, limit: u64) -> Result<Reply, Trouble> {
        let mut value = ureq::http::HeaderValue::from_str(key.header_value())
            .map_err(|_| Trouble::Network("the key cannot be sent as a header".to_string()))?;
        value.set_sensitive(true);
        let response = self
            .agent
            .get(url)
            .header("x-api-key", value)
            .call()
            .map_err(trouble)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status().as_u16();
        let (retry_after, location) = (header("retry-after"), header("location"));
        let mut body = Vec::new();
        if (200..300).contains(&status) {
            let reader = response.into_body().into_reader();
            reader
                .take(limit.saturating_add(1))
                .read_to_end(&mut body)
                .map_err(io_trouble)?;
            if body.len() as u64 > limit {
                return Err(Trouble::TooLarge);
            }
        }
        Ok(Reply {
            status,
            retry_after,
            location,
            body,
        })
    }
}
