//! `fetch`: what was fetched from AA's API and where it was written, as a labelled record. The
//! binary prints it and writes it, as JSON, beside the raw pages (`FILE.raw/manifest.json`): the
//! provenance of every page (URL, retrieval time, SHA-256) in one place.

use serde::Serialize;

/// One fetch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fetch {
    /// `language` or `legacy`.
    pub endpoint: String,
    /// The site root the pages came from.
    pub base_url: String,
    /// The path fetched, e.g. `/api/v2/language/models/free`.
    pub path: String,
    /// `pro` or `free` (language endpoint), as requested.
    pub tier: Option<String>,
    /// `tier` as the pages state it.
    pub stated_tier: Option<String>,
    /// `intelligence_index_version` as the pages state it (the legacy endpoint states none).
    pub index_version: Option<String>,
    /// The canonical dataset written.
    pub dataset: String,
    /// Its rows (one per record of every page).
    pub rows: usize,
    /// The directory holding the raw pages and this manifest.
    pub raw: String,
    pub pages: Vec<FetchedPage>,
    /// Seconds waited before retries, over the whole fetch.
    pub waited_seconds: f64,
    pub attribution: String,
}

/// One page as received and kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FetchedPage {
    pub page: u32,
    /// The URL requested (the key travels in a header, never in a URL or a file).
    pub url: String,
    /// When it arrived, RFC 3339 UTC.
    pub retrieved_at: String,
    /// SHA-256 of its bytes as received, lowercase hex.
    pub sha256: String,
    pub bytes: usize,
    /// Records in its `data`.
    pub records: usize,
    /// Requests made for it (1 without retries).
    pub attempts: u32,
    /// Its file in the raw directory.
    pub file: String,
}
