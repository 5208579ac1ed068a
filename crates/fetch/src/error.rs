//! Why a fetch failed, in plain words for a person: what happened, what it means, what to do. No
//! message quotes the key (the key is not a field of any variant).

use std::time::Duration;

use crate::Endpoint;

/// A failed fetch. Every variant names the URL (which never carries the key: it travels in a
/// header).
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// `--base-url` is not an http(s) site root, or is plain http to a host other than this machine.
    BaseUrl {
        url: String,
        why: String,
    },
    /// 401: the key was refused.
    Unauthorized {
        url: String,
    },
    /// 403: the key is valid but not allowed here.
    Forbidden {
        url: String,
        pro: bool,
    },
    /// 404.
    NotFound {
        url: String,
    },
    /// 410: gone (the legacy endpoint after its sunset).
    Gone {
        url: String,
        endpoint: Endpoint,
    },
    /// A 3xx: not followed, the key would go with it.
    Redirect {
        url: String,
        location: Option<String>,
    },
    /// Another status that is neither success nor retried.
    Status {
        url: String,
        status: u16,
    },
    /// 429 or 5xx on every attempt, or a wait beyond the bounds.
    GaveUp {
        url: String,
        status: u16,
        attempts: u32,
        waited: Duration,
        why: String,
    },
    Timeout {
        url: String,
        seconds: u64,
    },
    HostNotFound {
        url: String,
    },
    Tls {
        url: String,
        detail: String,
    },
    Network {
        url: String,
        detail: String,
    },
    /// A response (or all pages together) beyond the size limit.
    TooLarge {
        url: String,
        limit: u64,
    },
    /// A page that is not JSON (truncated, HTML).
    BadJson {
        url: String,
        page: u32,
        detail: String,
    },
    /// A page that is JSON but not the endpoint's envelope.
    WrongShape {
        url: String,
        page: u32,
        expected: String,
        found: String,
    },
    /// More pages than `--max-pages` allows.
    TooManyPages {
        max_pages: u32,
        total_pages: u64,
    },
    /// A response that contains the key itself: not written anywhere.
    KeyInResponse {
        url: String,
    },
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use FetchError::*;
        let key_fix = "check the key in AA_API_KEY or the file given to --api-key-file (the key is not shown); an Artificial Analysis account's API page lists your keys";
        match self {
            BaseUrl { url, why } => write!(
                f,
                "--base-url {url}: {why}. Fix: give the site root, e.g. https://artificialanalysis.ai (the default), or a loopback replay such as http://127.0.0.1:8080"
            ),
            Unauthorized { url } => write!(
                f,
                "{url}: 401 Unauthorized: the API did not accept the key (missing, mistyped, revoked or expired). Fix: {key_fix}"
            ),
            Forbidden { url, pro: true } => write!(
                f,
                "{url}: 403 Forbidden: the key is not allowed on the Pro endpoint. Fix: --tier free (or --tier auto, which falls back to Free on 403), or a key with Pro access"
            ),
            Forbidden { url, pro: false } => write!(
                f,
                "{url}: 403 Forbidden: the key is not allowed on this endpoint (or the daily quota is spent). Fix: {key_fix}"
            ),
            NotFound { url } => write!(
                f,
                "{url}: 404 Not Found: no API at this address. Fix: --base-url must be the site root without /api (default https://artificialanalysis.ai)"
            ),
            Gone {
                url,
                endpoint: Endpoint::Legacy,
            } => write!(
                f,
                "{url}: 410 Gone: the legacy endpoint /api/v2/data/llms/models was retired on its announced sunset date, 2026-11-04. Fix: --endpoint language (the paginated /api/v2/language/models, the default)"
            ),
            Gone { url, .. } => write!(
                f,
                "{url}: 410 Gone: the API says this endpoint no longer exists. Fix: check AA's API documentation for its successor; `reweigh fetch --help` lists the endpoints reweigh knows"
            ),
            Redirect { url, location } => write!(
                f,
                "{url}: the server redirected to {}; reweigh does not follow redirects, which would send the key elsewhere. Fix: use the final address as --base-url",
                location.as_deref().unwrap_or("(no Location given)")
            ),
            Status { url, status } => write!(
                f,
                "{url}: HTTP {status}: the API did not return the data. Fix: try again later; if it persists, check --base-url and --endpoint"
            ),
            GaveUp {
                url,
                status,
                attempts,
                waited,
                why,
            } => {
                let what = if *status == 429 {
                    "429 Too Many Requests: the key's rate limit was reached".to_string()
                } else {
                    format!("HTTP {status}: a server error on AA's side")
                };
                write!(
                    f,
                    "{url}: {what}; gave up after {attempts} attempt{} and {:.1} s of waiting ({why}). Nothing was written. Fix: try again later",
                    if *attempts == 1 { "" } else { "s" },
                    waited.as_secs_f64()
                )
            }
            Timeout { url, seconds } => write!(
                f,
                "{url}: no complete answer within {seconds} s (timeout). Nothing was written. Fix: try again, or allow longer with --timeout"
            ),
            HostNotFound { url } => write!(
                f,
                "{url}: the host name {} could not be resolved: no network, no DNS, or a mistyped --base-url. Fix: check the connection and --base-url",
                host(url)
            ),
            Tls { url, detail } => write!(
                f,
                "{url}: the secure connection failed ({detail}): the server's certificate was not accepted. Fix: check --base-url; a proxy that intercepts TLS is not supported"
            ),
            Network { url, detail } => write!(
                f,
                "{url}: the network failed ({detail}): the server could not be reached or closed the connection. Nothing was written. Fix: check the connection and --base-url, then try again"
            ),
            TooLarge { url, limit } => write!(
                f,
                "{url}: the response is larger than {limit} bytes (256 MiB, the limit for any input; the pages together are bounded the same). Nothing was written. Fix: check --base-url points at AA's API"
            ),
            BadJson { url, page, detail } => write!(
                f,
                "{url}: page {page} is not valid JSON ({detail}); a truncated or non-JSON response. Nothing was written. Fix: try again; if it persists, check --base-url"
            ),
            WrongShape {
                url,
                page,
                expected,
                found,
            } => write!(
                f,
                "{url}: page {page} is JSON but not the endpoint's shape: expected {expected}, found {found}. Nothing was written. Fix: check --endpoint and --base-url"
            ),
            TooManyPages {
                max_pages,
                total_pages,
            } => write!(
                f,
                "the API reports {total_pages} pages, more than --max-pages {max_pages}. Nothing was written. Fix: --max-pages {total_pages} (at most 10,000)"
            ),
            KeyInResponse { url } => write!(
                f,
                "{url}: the response contains the API key itself; reweigh never writes the key, so nothing was written. Fix: check --base-url points at AA's API"
            ),
        }
    }
}

impl std::error::Error for FetchError {}
