//! The result of `reweigh import`: what was written, from what, and what was not imported. The
//! import itself (reading, shapes, adapters) is IO and lives in reweigh-data; this is its record.

use serde::Serialize;

/// `import`: the canonical dataset written and its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Import {
    /// The file written.
    pub out: String,
    /// `csv`, `json` or `parquet` (from the file's extension).
    pub format: String,
    pub rows: usize,
    /// The sources' shape (datasets/adapters/SHAPE.toml, or `canonical`).
    pub shape: String,
    pub shape_title: String,
    /// As the source states it or `--index-version` gave it; `null`: unknown (scoring then needs
    /// `--methodology`).
    pub index_version: Option<String>,
    pub sources: Vec<ImportSource>,
    /// Keys the sources carry that were not imported (also listed in each row's `source_unmapped`).
    pub unmapped: Vec<UnmappedKey>,
}

/// One source file or page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSource {
    pub file: String,
    pub sha256: String,
    pub records: usize,
    /// The page number the source states (paginated endpoints).
    pub page: Option<u64>,
    pub endpoint: Option<String>,
    /// When it was retrieved or captured; `null`: unknown.
    pub retrieved_at: Option<String>,
}

/// A key not imported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmappedKey {
    pub key: String,
    /// Whether the adapter declares it (with a reason); `--strict` refuses the others.
    pub known: bool,
    pub reason: Option<String>,
    /// Records (or pages, for keys of the envelope) carrying it.
    pub records: usize,
    pub first_file: String,
    /// 1-based; `null`: the envelope of a page.
    pub first_record: Option<usize>,
    pub first_slug: Option<String>,
}
