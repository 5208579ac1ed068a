//! Receipts: what produced a number — engine, methodology (name, version, SHA-256 of its canonical
//! form, where it came from), each input dataset's SHA-256, abstention policy, missing-data rule,
//! overrides, and the seed where randomness is used. Enough to re-run and check it.

use serde::{Deserialize, Serialize};

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
    /// Which rows were ranked (`--as-of`, `--dedupe`, `--where`, `--group-file`): absent when every
    /// row of the dataset was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<crate::selection::Selection>,
}

/// What the caller knows of a run before it computes anything, recorded in the receipt when the
/// result is built (never patched in afterwards).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// The subcommand (`score` when empty).
    pub command: String,
    /// The random seed, for the commands that draw.
    pub seed: Option<u64>,
    /// The dataset's path relative to the output file that will hold the receipt.
    pub dataset_from_output: Option<String>,
}

impl Run {
    pub fn command(command: &str) -> Run {
        Run {
            command: command.to_string(),
            ..Run::default()
        }
    }

    pub fn seed(mut self, seed: u64) -> Run {
        self.seed = Some(seed);
        self
    }
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
    /// The file path as given, or `embedded:NAME`.
    pub origin: String,
    pub sha256: String,
    /// The dataset's path relative to the directory of the output file that holds this receipt
    /// (written with `--out`), so the receipt re-runs from any working directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_output: Option<String>,
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
        if let Some(selection) = &self.selection {
            out.extend(selection.lines());
        }
        out
    }
}
