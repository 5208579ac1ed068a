//! reweigh-fetch: Artificial Analysis's API at the edge. It GETs every page of an endpoint with the
//! key in the `x-api-key` header, retries 429 and 5xx with exponential backoff honouring
//! `Retry-After`, bounds attempts, waiting, pages and bytes, checks each page's envelope, and hands
//! back the pages' bytes with their URL, retrieval time and SHA-256. It writes nothing and converts
//! nothing: the binary turns the pages into a dataset (reweigh-data's importer) and writes them.
//!
//! The HTTP client is ureq over rustls (ring, the webpki roots): no system OpenSSL. The loop is
//! generic over a [`Transport`] and a [`Clock`], so its rules are tested here without a network or
//! real waiting:
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use reweigh_fetch::{ApiKey, Clock, Endpoint, Reply, Request, Tier, Transport, Trouble, fetch_with};
//!
//! struct Replay(Vec<Reply>);
//! impl Transport for Replay {
//!     fn get(&mut self, _url: &str, _key: &ApiKey, _limit: u64) -> Result<Reply, Trouble> {
//!         Ok(self.0.remove(0))
//!     }
//! }
//! struct NoWait;
//! impl Clock for NoWait {
//!     fn now(&self) -> SystemTime { SystemTime::UNIX_EPOCH }
//!     fn sleep(&mut self, _: Duration) {}
//! }
//! let page = |body: &str| Reply { status: 200, retry_after: None, location: None, body: body.into() };
//! let busy = Reply { status: 503, retry_after: Some("1".into()), location: None, body: vec![] };
//! let mut t = Replay(vec![busy, page(r#"{"status":200,"data":[{"slug":"a"}]}"#)]);
//! let request = Request::new("https://artificialanalysis.ai", Endpoint::Legacy, Tier::Auto);
//! let key = ApiKey::new("my-key", "example").unwrap();
//! let fetched = fetch_with(&request, &key, &mut t, &mut NoWait).unwrap();
//! assert_eq!(fetched.pages[0].records, 1);
//! assert_eq!(fetched.pages[0].attempts, 2);
//! assert_eq!(fetched.pages[0].url, "https://artificialanalysis.ai/api/v2/data/llms/models");
//! ```

mod error;
mod key;
mod shape;
pub mod time;
mod transport;

use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

pub use error::FetchError;
pub use key::{ApiKey, ENV_VAR, MAX_KEY_FILE_BYTES};
pub use shape::{Envelope, Pagination};
pub use transport::{Reply, Transport, Trouble, Ureq};

/// The largest response, and the largest total of all pages: 256 MiB, the limit for any input.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// Attempts per page: the first and up to four retries.
pub const MAX_ATTEMPTS: u32 = 5;
/// The longest single wait before a retry (a `Retry-After` asking for more is not waited for).
pub const MAX_WAIT: Duration = Duration::from_secs(120);
/// The longest total wait over the whole fetch.
pub const MAX_TOTAL_WAIT: Duration = Duration::from_secs(300);
/// The first backoff delay (doubled on each retry) when no `Retry-After` is given.
pub const BACKOFF_BASE: Duration = Duration::from_secs(1);

/// Which API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/api/v2/language/models` (Pro) or `/api/v2/language/models/free` (Free): paginated.
    Language,
    /// `/api/v2/data/llms/models`: one response; deprecated, sunset 2026-11-04.
    Legacy,
}

impl Endpoint {
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Language => "language",
            Endpoint::Legacy => "legacy",
        }
    }
}

/// Which tier of the language endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Pro, and Free when the Pro endpoint answers 403.
    Auto,
    Pro,
    Free,
}

/// The tier being fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Pro,
    Free,
}

/// Retry bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Retry {
    pub max_attempts: u32,
    pub base: Duration,
    pub max_wait: Duration,
    pub max_total_wait: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            max_attempts: MAX_ATTEMPTS,
            base: BACKOFF_BASE,
            max_wait: MAX_WAIT,
            max_total_wait: MAX_TOTAL_WAIT,
        }
    }
}

/// What to fetch, and the bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The site root, e.g. `https://artificialanalysis.ai` (checked by [`Request::new`]'s caller
    /// through [`check_base_url`]).
    pub base_url: String,
    pub endpoint: Endpoint,
    pub tier: Tier,
    pub max_pages: u32,
    pub retry: Retry,
    /// One exchange (connect, send, receive the whole body).
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Request {
    /// A request with the default bounds (100 pages, 60 s per exchange, 256 MiB).
    pub fn new(base_url: &str, endpoint: Endpoint, tier: Tier) -> Request {
        Request {
            base_url: base_url.trim_end_matches('/').to_string(),
            endpoint,
            tier,
            max_pages: 100,
            retry: Retry::default(),
            timeout: Duration::from_secs(60),
            max_bytes: MAX_BYTES,
        }
    }
}

/// One page as received.
#[derive(Clone, PartialEq)]
pub struct Page {
    pub number: u32,
    /// The URL requested (the key is in a header, never here).
    pub url: String,
    /// When the page arrived (RFC 3339, UTC).
    pub retrieved_at: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    pub bytes: Vec<u8>,
    /// Records in its `data`.
    pub records: usize,
    /// Requests made for it (1 when no retry was needed).
    pub attempts: u32,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("number", &self.number)
            .field("url", &self.url)
            .field("sha256", &self.sha256)
            .field("bytes", &self.bytes.len())
            .field("records", &self.records)
            .finish()
    }
}

/// Every page of one endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    pub endpoint: Endpoint,
    /// The path fetched (`/api/v2/language/models`, `/api/v2/language/models/free`,
    /// `/api/v2/data/llms/models`).
    pub path: String,
    /// `pro` or `free` for the language endpoint.
    pub tier: Option<&'static str>,
    /// `tier` as the pages state it.
    pub stated_tier: Option<String>,
    /// `intelligence_index_version` as the pages state it.
    pub index_version: Option<String>,
    pub pages: Vec<Page>,
    /// Retries made, seconds waited, the fallback to Free: said on stderr by the binary.
    pub notes: Vec<String>,
    /// Seconds waited before retries, over the whole fetch.
    pub waited: Duration,
}

/// The clock: the time now (retrieval times, HTTP-date `Retry-After`) and waiting.
pub trait Clock {
    fn now(&self) -> SystemTime;
    fn sleep(&mut self, d: Duration);
}

/// The system clock and `std::thread::sleep`.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
    fn sleep(&mut self, d: Duration) {
        std::thread::sleep(d)
    }
}

/// Checks `--base-url`: `https://HOST[:PORT][/PATH]`, or plain `http://` only to this machine
/// (127.0.0.0/8, `localhost`, `[::1]`: a loopback replay), since plain HTTP would send the key in
/// clear. No user name, query or fragment.
pub fn check_base_url(url: &str) -> Result<String, FetchError> {
    let bad = |why: &str| FetchError::BaseUrl {
        url: url.to_string(),
        why: why.to_string(),
    };
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| bad("it has no scheme (https://)"))?;
    let rest = rest.trim_end_matches('/');
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(bad(
            "only https:// (or http:// to this machine) is supported",
        ));
    }
    if rest.contains(['?', '#']) {
        return Err(bad("it has a query or fragment; give the site root only"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains a space or a control character"));
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(bad(
            "it has a user name or password; the key goes in AA_API_KEY or --api-key-file",
        ));
    }
    if authority.is_empty() {
        return Err(bad("it has no host"));
    }
    if scheme == "http" {
        let host = if let Some(v6) = authority.strip_prefix('[') {
            v6.split(']').next().unwrap_or("")
        } else {
            authority.split(':').next().unwrap_or("")
        };
        let loopback = host.eq_ignore_ascii_case("localhost")
            || host == "::1"
            || host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Err(bad(
                "plain http:// would send the key unencrypted; it is accepted only for this machine (127.0.0.1, localhost, [::1])",
            ));
        }
    }
    Ok(format!("{scheme}://{rest}"))
}

fn path(endpoint: Endpoint, tier: Which) -> &'static str {
    match (endpoint, tier) {
        (Endpoint::Legacy, _) => "/api/v2/data/llms/models",
        (Endpoint::Language, Which::Pro) => "/api/v2/language/models",
        (Endpoint::Language, Which::Free) => "/api/v2/language/models/free",
    }
}

fn url(request: &Request, path: &str, page: u32) -> String {
    match request.endpoint {
        // The legacy endpoint has no pages; a second page is asked for only if it says so.
        Endpoint::Legacy if page == 1 => format!("{}{path}", request.base_url),
        _ => format!("{}{path}?page={page}", request.base_url),
    }
}

/// The state of one fetch: the bounds still open.
struct Session<'a> {
    request: &'a Request,
    key: &'a ApiKey,
    transport: &'a mut dyn Transport,
    clock: &'a mut dyn Clock,
    waited: Duration,
    bytes: u64,
    notes: Vec<String>,
}

impl Session<'_> {
    /// GETs one URL, retrying 429 and 5xx; returns the body and the attempts made.
    fn get(&mut self, url: &str, pro: bool) -> Result<(Vec<u8>, u32), FetchError> {
        let retry = self.request.retry;
        let seconds = self.request.timeout.as_secs();
        let u = || url.to_string();
        let mut attempt = 1;
        loop {
            let limit = self.request.max_bytes.saturating_sub(self.bytes);
            let reply = self
                .transport
                .get(url, self.key, limit)
                .map_err(|t| match t {
                    Trouble::Timeout => FetchError::Timeout { url: u(), seconds },
                    Trouble::TooLarge => FetchError::TooLarge {
                        url: u(),
                        limit: self.request.max_bytes,
                    },
                    Trouble::HostNotFound => FetchError::HostNotFound { url: u() },
                    Trouble::Tls(detail) => FetchError::Tls { url: u(), detail },
                    Trouble::Network(detail) => FetchError::Network { url: u(), detail },
                })?;
            let status = reply.status;
            match status {
                200..=299 => {
                    self.bytes += reply.body.len() as u64;
                    return Ok((reply.body, attempt));
                }
                429 | 500..=599 => {}
                300..=399 => {
                    return Err(FetchError::Redirect {
                        url: u(),
                        location: reply.location,
                    });
                }
                401 => return Err(FetchError::Unauthorized { url: u() }),
                403 => return Err(FetchError::Forbidden { url: u(), pro }),
                404 => return Err(FetchError::NotFound { url: u() }),
                410 => {
                    return Err(FetchError::Gone {
                        url: u(),
                        endpoint: self.request.endpoint,
                    });
                }
                _ => return Err(FetchError::Status { url: u(), status }),
            }
            let gave_up = |waited: Duration, why: String| FetchError::GaveUp {
                url: u(),
                status,
                attempts: attempt,
                waited,
                why,
            };
            if attempt >= retry.max_attempts {
                return Err(gave_up(
                    self.waited,
                    format!("{} attempts is the limit", retry.max_attempts),
                ));
            }
            let asked = reply
                .retry_after
                .as_deref()
                .and_then(|v| time::retry_after(v, self.clock.now()));
            let backoff = retry
                .base
                .saturating_mul(1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX));
            let wait = asked.unwrap_or(backoff);
            if wait > retry.max_wait {
                return Err(gave_up(
                    self.waited,
                    format!(
                        "the server asked to wait {} s, more than the {} s reweigh waits at once",
                        wait.as_secs(),
                        retry.max_wait.as_secs()
                    ),
                ));
            }
            if self.waited + wait > retry.max_total_wait {
                return Err(gave_up(
                    self.waited,
                    format!(
                        "another {:.1} s would pass the {} s reweigh waits in all",
                        wait.as_secs_f64(),
                        retry.max_total_wait.as_secs()
                    ),
                ));
            }
            self.notes.push(format!(
                "{url}: HTTP {status}; retrying in {:.3} s ({}attempt {} of {})",
                wait.as_secs_f64(),
                if asked.is_some() {
                    "as Retry-After asks; "
                } else {
                    ""
                },
                attempt + 1,
                retry.max_attempts
            ));
            self.clock.sleep(wait);
            self.waited += wait;
            attempt += 1;
        }
    }

    fn page(&mut self, path: &str, number: u32, pro: bool) -> Result<(Page, Envelope), FetchError> {
        let url = url(self.request, path, number);
        let (bytes, attempts) = self.get(&url, pro)?;
        let retrieved_at = time::rfc3339(self.clock.now());
        if self.key.occurs_in(&bytes) {
            return Err(FetchError::KeyInResponse { url });
        }
        let envelope = shape::envelope(self.request.endpoint, &url, number, &bytes)?;
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let page = Page {
            number,
            url,
            retrieved_at,
            sha256,
            records: envelope.records,
            bytes,
            attempts,
        };
        Ok((page, envelope))
    }
}

/// Fetches every page with ureq and the system clock.
pub fn fetch(request: &Request, key: &ApiKey) -> Result<Fetched, FetchError> {
    let mut transport = Ureq::new(request.timeout);
    fetch_with(request, key, &mut transport, &mut SystemClock)
}

/// Fetches every page through `transport`, waiting on `clock`.
pub fn fetch_with(
    request: &Request,
    key: &ApiKey,
    transport: &mut dyn Transport,
    clock: &mut dyn Clock,
) -> Result<Fetched, FetchError> {
    let mut s = Session {
        request,
        key,
        transport,
        clock,
        waited: Duration::ZERO,
        bytes: 0,
        notes: Vec::new(),
    };
    let mut tier = match (request.endpoint, request.tier) {
        (Endpoint::Legacy, _) => None,
        (Endpoint::Language, Tier::Free) => Some(Which::Free),
        (Endpoint::Language, _) => Some(Which::Pro),
    };
    let first = |s: &mut Session, tier: Option<Which>| {
        let p = path(request.endpoint, tier.unwrap_or(Which::Pro));
        s.page(p, 1, tier == Some(Which::Pro))
    };
    let (page, envelope) = match first(&mut s, tier) {
        Err(FetchError::Forbidden { url, pro: true }) if request.tier == Tier::Auto => {
            s.notes.push(format!(
                "{url}: 403: the key has no Pro access; fetching the Free tier (/api/v2/language/models/free), whose records carry the three indices and no per-evaluation scores"
            ));
            tier = Some(Which::Free);
            first(&mut s, tier)?
        }
        other => other?,
    };
    let path = path(request.endpoint, tier.unwrap_or(Which::Pro));
    let stated_tier = envelope.tier.clone();
    let index_version = envelope.index_version.clone();
    let mut pages = vec![page];
    let mut pagination = envelope.pagination;
    if let Some(p) = pagination
        && p.total_pages > u64::from(request.max_pages)
    {
        return Err(FetchError::TooManyPages {
            max_pages: request.max_pages,
            total_pages: p.total_pages,
        });
    }
    let announced = pagination.map_or(1, |p| p.total_pages);
    let mut number = 1u32;
    while let Some(p) = pagination {
        let inconsistent = |found: String| FetchError::WrongShape {
            url: pages[pages.len() - 1].url.clone(),
            page: number,
            expected: format!(
                "pagination.page {number} of the {announced} pages page 1 announced, has_more true on every page but the last"
            ),
            found,
        };
        // A page is never one of 0 pages.
        if p.page != u64::from(number) || p.total_pages != announced || p.total_pages == 0 {
            return Err(inconsistent(format!(
                "page {} of {}",
                p.page, p.total_pages
            )));
        }
        if p.has_more != (p.page < p.total_pages) {
            return Err(inconsistent(format!(
                "page {} of {} with has_more {}",
                p.page, p.total_pages, p.has_more
            )));
        }
        if !p.has_more {
            break;
        }
        number += 1;
        let (page, envelope) = s.page(path, number, tier == Some(Which::Pro))?;
        if envelope.tier != stated_tier || envelope.index_version != index_version {
            return Err(FetchError::WrongShape {
                url: page.url,
                page: number,
                expected: format!(
                    "the tier and index version of page 1 ({} / {})",
                    stated_tier.as_deref().unwrap_or("none"),
                    index_version.as_deref().unwrap_or("none")
                ),
                found: format!(
                    "{} / {}: the data changed while it was fetched; fetch again",
                    envelope.tier.as_deref().unwrap_or("none"),
                    envelope.index_version.as_deref().unwrap_or("none")
                ),
            });
        }
        pages.push(page);
        pagination = envelope.pagination;
        if pagination.is_none() {
            return Err(FetchError::WrongShape {
                url: pages[pages.len() - 1].url.clone(),
                page: number,
                expected: "`pagination`, as page 1 had".to_string(),
                found: "no `pagination` key".to_string(),
            });
        }
    }
    Ok(Fetched {
        endpoint: request.endpoint,
        path: path.to_string(),
        tier: tier.map(|t| match t {
            Which::Pro => "pro",
            Which::Free => "free",
        }),
        stated_tier,
        index_version,
        pages,
        notes: s.notes,
        waited: s.waited,
    })
}

#[cfg(test)]
mod tests;
