//! Receipts: what produced a number — engine, methodology (name, version, SHA-256 of its canonical
//! form, where it came from), each input dataset's SHA-256, abstention policy, missing-data rule,
//! overrides, and the seed where randomness is used. Enough to re-run and check it.

use serde::{Deserialize, Serialize};

use crate::score::Scored;

/// The engine's version, as recorded in receipts.
pub const ENGINE: &str = concat!("reweigh ", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub engine: String,
    /// The subcommand that produced the output (`score`, `verify`, …).
    pub command: String,
    pub methodology: MethodologyReceipt,
    pub datasets: Vec<DatasetReceipt>,
    pub abstention: String,
    /// `declared` or `renormalize`.
    pub missing: String,
    /// As typed: `weight hle=2`, `category agents=0.4`, `drop ifbench`.
    pub overrides: Vec<String>,
    /// The random seed, where the computation uses randomness.
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodologyReceipt {
    pub name: String,
    pub version: String,
    /// SHA-256 of the canonical form of the methodology as applied (after policy and overrides).
    pub hash: String,
    /// The built-in name or the file it was read from.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetReceipt {
    /// The file path, or `embedded:NAME`.
    pub origin: String,
    pub sha256: String,
}

impl Receipt {
    /// One line per fact, for table footers and Markdown.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "receipt: {}, command {}, methodology {} {} (sha256 {}, from {}), abstention {}, missing {}",
            self.engine,
            self.command,
            self.methodology.name,
            self.methodology.version,
            self.methodology.hash,
            self.methodology.source,
            self.abstention,
            self.missing
        )];
        for d in &self.datasets {
            out.push(format!("receipt: dataset {} sha256 {}", d.origin, d.sha256));
        }
        out.push(format!(
            "receipt: overrides {}; seed {}",
            if self.overrides.is_empty() {
                "none".to_string()
            } else {
                self.overrides.join(", ")
            },
            self.seed.map_or("none".to_string(), |s| s.to_string())
        ));
        out
    }
}

/// A model's numbers as an output recorded them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Recorded {
    pub slug: String,
    pub index: Option<f64>,
    pub rank: Option<usize>,
}

/// Reads the receipt and the models' recorded numbers from the JSON output of
/// `reweigh score --format json` (errors as sentences for a person; the caller names the file).
pub fn parse_output(text: &str) -> Result<(Receipt, Vec<Recorded>), String> {
    let doc: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let receipt: Receipt = serde_json::from_value(doc["receipt"].clone())
        .map_err(|e| format!("no valid 'receipt' object: {e}"))?;
    let recorded: Vec<Recorded> = serde_json::from_value(doc["models"].clone())
        .map_err(|e| format!("no valid 'models' array: {e}"))?;
    Ok((receipt, recorded))
}

/// Every way a re-run differs from what a receipt and its output recorded: hashes, then numbers
/// (compared exactly: JSON numbers read back to the same f64).
pub fn differences(receipt: &Receipt, recorded: &[Recorded], rerun: &Scored) -> Vec<String> {
    let mut out = Vec::new();
    for (was, now) in receipt.datasets.iter().zip(&rerun.receipt.datasets) {
        if was.sha256 != now.sha256 {
            out.push(format!(
                "dataset {}: sha256 was {}, is now {}",
                was.origin, was.sha256, now.sha256
            ));
        }
    }
    if receipt.methodology.hash != rerun.methodology.hash {
        out.push(format!(
            "methodology {}: sha256 was {}, is now {}",
            receipt.methodology.name, receipt.methodology.hash, rerun.methodology.hash
        ));
    }
    for r in recorded {
        let Some(now) = rerun.models.iter().find(|m| m.slug == r.slug) else {
            out.push(format!("{}: in the output, not in the re-run", r.slug));
            continue;
        };
        if now.index != r.index {
            out.push(format!(
                "{}: index was {}, is now {}",
                r.slug,
                show(r.index),
                show(now.index)
            ));
        }
        if now.rank != r.rank {
            out.push(format!(
                "{}: rank was {}, is now {}",
                r.slug,
                r.rank.map_or("none".into(), |x| x.to_string()),
                now.rank.map_or("none".into(), |x| x.to_string())
            ));
        }
    }
    for m in &rerun.models {
        if !recorded.iter().any(|r| r.slug == m.slug) {
            out.push(format!("{}: in the re-run, not in the output", m.slug));
        }
    }
    out
}

fn show(x: Option<f64>) -> String {
    x.map_or("none".into(), |v| v.to_string())
}
