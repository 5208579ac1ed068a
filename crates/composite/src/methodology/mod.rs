//! Methodologies as data: an index definition read from TOML, validated, identified by a content hash.
//!
//! The built-in AA definitions live in `datasets/methodologies/*.toml` and are compiled into the binary.
//! Weights are relative: the engine normalises category weights over the categories and component
//! weights within their category, so `2` and `1` are exactly 2/3 and 1/3.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use reweigh_evals::normalise::Normaliser;

use crate::abstention::Policy;
use reweigh_evals::dataset::ExtraColumn;
use reweigh_evals::registry::{Unit, numeric_column};
use reweigh_evals::sha256_hex;

mod transforms;
mod validate;

/// The methodologies shipped with reweigh (AA's versions and presets): (name, TOML source).
pub const BUILTIN: [(&str, &str); 7] = [
    (
        "aa-v4.0",
        include_str!("../../../../datasets/methodologies/aa-v4.0.toml"),
    ),
    (
        "aa-v4.1",
        include_str!("../../../../datasets/methodologies/aa-v4.1.toml"),
    ),
    (
        "aa-v4.1.1",
        include_str!("../../../../datasets/methodologies/aa-v4.1.1.toml"),
    ),
    (
        "aa-v4.3.2",
        include_str!("../../../../datasets/methodologies/aa-v4.3.2.toml"),
    ),
    (
        "equal-evals",
        include_str!("../../../../datasets/methodologies/equal-evals.toml"),
    ),
    (
        "equal-categories",
        include_str!("../../../../datasets/methodologies/equal-categories.toml"),
    ),
    (
        "agents-and-coding",
        include_str!("../../../../datasets/methodologies/agents-and-coding.toml"),
    ),
];

/// The most categories a methodology may have (AA's have 4): bounds every per-row loop.
pub const MAX_CATEGORIES: usize = 256;
/// The most components a methodology may have (AA's have 10 or 11).
pub const MAX_COMPONENTS: usize = 1024;
/// The largest index scale (`scale`, `solve_from.scale`): index points are squared for variances
/// and scaled up for chart axes, which must stay finite (AA: 100).
pub const MAX_SCALE: f64 = 1e6;

/// An index definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Methodology {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// The index scale: scores in [0, 1] times `scale` (AA: 100).
    pub scale: f64,
    /// The dataset column holding the published value of this index, if any.
    #[serde(default)]
    pub published_column: Option<String>,
    pub categories: Vec<Category>,
    pub components: Vec<Component>,
    /// Where the definition was read from (for error lines); not part of the definition or its hash.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// The file and source text a methodology was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub file: String,
    pub src: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    /// Relative weight among the categories.
    pub weight: f64,
    /// The dataset column holding AA's published value of this category (a sub-index), if any.
    #[serde(default)]
    pub published_column: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub category: String,
    /// Relative weight within its category.
    pub weight: f64,
    /// The dataset column holding the raw value.
    pub column: String,
    pub normaliser: NormaliserSpec,
    pub missing: MissingRule,
    #[serde(default)]
    pub freeze: Option<Freeze>,
}

/// How a raw value becomes a score in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum NormaliserSpec {
    Fraction,
    Percent,
    Linear {
        min: f64,
        max: f64,
        clamp: bool,
    },
    /// AA-Omniscience scored by an abstention policy from the row's outcome shares (reads
    /// `omniscience_accuracy`, the hallucination rate and, where the policy needs it, the attempt rate).
    Omniscience {
        policy: Policy,
    },
}

impl NormaliserSpec {
    /// The single-column normaliser, or `None` for `omniscience`, which reads several columns.
    pub fn normaliser(&self) -> Option<Normaliser> {
        match *self {
            NormaliserSpec::Fraction => Some(Normaliser::Fraction),
            NormaliserSpec::Percent => Some(Normaliser::Percent),
            NormaliserSpec::Linear { min, max, clamp } => {
                Some(Normaliser::Linear { min, max, clamp })
            }
            NormaliserSpec::Omniscience { .. } => None,
        }
    }
}

/// The columns of AA's two Omniscience components, which an abstention policy replaces.
pub const OMNISCIENCE_COLUMNS: [&str; 2] = ["omniscience_accuracy", "omniscience_nonhallucination"];

/// What to do when a row has no value for a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingRule {
    /// No index for the row: status `incomplete`, the component listed as missing.
    Require,
    /// Score the component 0 and flag the row (AA's observed rule for GDPval).
    Zero,
    /// Drop the component and renormalise the remaining weights of its category; flag the row.
    Renormalize,
}

/// A component whose value AA freezes when a model enters the index (GDPval's Elo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Freeze {
    /// A dataset column holding the frozen raw value; used when present.
    #[serde(default)]
    pub column: Option<String>,
    /// Otherwise solve the frozen score from a published value known to be a weighted mean of this
    /// component and other columns (v4.0: Agentic Index = (2·GDPval + τ²)/3).
    #[serde(default)]
    pub solve_from: Option<SolveFrom>,
    /// An independent check of a solved value: `verify` fails a row whose solved raw value lies
    /// further than this from the live value (both in the column's unit, the live value clamped to the
    /// normaliser's range). Without it a solved value cannot be checked, and `verify` says so.
    #[serde(default)]
    pub plausible: Option<Plausible>,
}

/// How far a solved frozen value may lie from the live one and still be believed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plausible {
    /// Largest accepted |solved − live| in the component column's unit (GDPval: Elo points).
    pub max_abs_delta: f64,
}

/// `published/scale = Σ w_c·x_c / Σ w_c` over `weights`' columns, where the component's own column
/// stands for its (frozen) score and the others are read as fractions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolveFrom {
    /// The published column, e.g. `published_agentic_index`.
    pub column: String,
    /// Its scale (AA: 100).
    pub scale: f64,
    /// Relative weights by dataset column; must include the component's own column.
    pub weights: std::collections::BTreeMap<String, f64>,
}

/// Name, version and content hash: how outputs identify a methodology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodologyId {
    pub name: String,
    pub version: String,
    /// SHA-256 (hex) of the canonical JSON form.
    pub hash: String,
}

/// A methodology file that cannot be used: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodologyError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
    pub fix: String,
}

impl fmt::Display for MethodologyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.fix.is_empty() {
            write!(f, ". Fix: {}", self.fix)?;
        }
        Ok(())
    }
}

impl std::error::Error for MethodologyError {}

impl Methodology {
    /// A built-in methodology by name.
    pub fn builtin(name: &str) -> Option<Methodology> {
        let (n, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Some(
            Methodology::parse(&format!("embedded:{n}"), src)
                .expect("built-in methodologies are valid"),
        )
    }

    /// A built-in name, or else a path to a TOML file, whose bytes `read` gives (`None`: no such
    /// file). Reading is the caller's: this crate does no IO.
    pub fn resolve(
        name_or_path: &str,
        read: impl FnOnce(&Path) -> Option<Result<Vec<u8>, String>>,
    ) -> Result<Methodology, MethodologyError> {
        if let Some(m) = Methodology::builtin(name_or_path) {
            return Ok(m);
        }
        let path = Path::new(name_or_path);
        let Some(bytes) = read(path) else {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            return Err(MethodologyError {
                file: name_or_path.to_string(),
                line: None,
                message: "not a built-in methodology and no such file".into(),
                fix: format!("use one of {} or the path of a TOML file", names.join(", ")),
            });
        };
        let fail = |message: String| MethodologyError {
            file: name_or_path.to_string(),
            line: None,
            message,
            fix: "check the path and that the file is UTF-8 text".into(),
        };
        let bytes = bytes.map_err(fail)?;
        let src = String::from_utf8(bytes)
            .map_err(|e| fail(format!("the file is not UTF-8 text: {e}")))?;
        Methodology::parse(name_or_path, &src)
    }

    /// Parses and validates TOML source; `file` names it in errors.
    pub fn parse(file: &str, src: &str) -> Result<Methodology, MethodologyError> {
        let mut m: Methodology = toml::from_str(src).map_err(|e| MethodologyError {
            file: file.to_string(),
            line: e.span().map(|s| line_of_offset(src, s.start)),
            message: e.message().trim().to_string(),
            fix: "see docs/methodology-format.md for the format and a complete annotated example"
                .into(),
        })?;
        m.origin = Some(Origin {
            file: file.to_string(),
            src: src.to_string(),
        });
        m.validate()?;
        Ok(m)
    }

    /// An error located at the first line of the source containing `needle` (when the source is
    /// known).
    pub fn error_at(&self, needle: &str, message: String, fix: &str) -> MethodologyError {
        MethodologyError {
            file: self
                .origin
                .as_ref()
                .map_or_else(|| format!("methodology {}", self.name), |o| o.file.clone()),
            line: self.origin.as_ref().and_then(|o| line_of(&o.src, needle)),
            message,
            fix: fix.to_string(),
        }
    }

    /// An error located at a component's `id = "..."` line.
    pub fn component_error(&self, id: &str, message: String, fix: &str) -> MethodologyError {
        self.error_at(&id_line(id), message, fix)
    }

    /// Where the definition came from: a built-in name, or the file it was read from.
    pub fn source(&self) -> String {
        match &self.origin {
            Some(o) => o
                .file
                .strip_prefix("embedded:")
                .unwrap_or(&o.file)
                .to_string(),
            None => self.name.clone(),
        }
    }

    /// Name, version and content hash.
    pub fn id(&self) -> MethodologyId {
        MethodologyId {
            name: self.name.clone(),
            version: self.version.clone(),
            hash: self.hash(),
        }
    }

    /// SHA-256 of the canonical form: compact JSON of the parsed definition (so comments and layout
    /// of the TOML do not change it, and every field that changes a number does).
    pub fn hash(&self) -> String {
        let canonical = serde_json::to_string(self).expect("a methodology serialises");
        sha256_hex(canonical.as_bytes())
    }

    /// Category weights normalised to sum to 1 (overflow-safe: see [`weight_scale`]).
    pub fn category_weight(&self, id: &str) -> f64 {
        let scale = weight_scale(self.categories.iter().map(|c| c.weight));
        let total: f64 = self.categories.iter().map(|c| c.weight * scale).sum();
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map_or(0.0, |c| c.weight * scale / total)
    }

    /// The components of a category, in file order.
    pub fn components_of<'a>(
        &'a self,
        category: &'a str,
    ) -> impl Iterator<Item = &'a Component> + 'a {
        self.components
            .iter()
            .filter(move |k| k.category == category)
    }

    /// Each component's effective weight in the index (category share × share within the category).
    pub fn effective_weights(&self) -> Vec<(&str, f64)> {
        self.components
            .iter()
            .map(|k| {
                let scale = weight_scale(self.components_of(&k.category).map(|j| j.weight));
                let within: f64 = self
                    .components_of(&k.category)
                    .map(|j| j.weight * scale)
                    .sum();
                (
                    k.id.as_str(),
                    self.category_weight(&k.category) * (k.weight * scale) / within,
                )
            })
            .collect()
    }
}

/// A power of two that brings the largest of some relative weights into [1, 2) when it is 2 or more
/// (else 1), so that their sum cannot overflow: weights near f64::MAX (`1e308:1e308`) mean what
/// their ratio says (1:1). Scaling by a power of two is exact, so ordinary weights give the same
/// bits as without it.
pub fn weight_scale(weights: impl IntoIterator<Item = f64>) -> f64 {
    let max = weights
        .into_iter()
        .filter(|w| w.is_finite())
        .fold(0.0f64, f64::max);
    if max < 2.0 {
        return 1.0;
    }
    // max = m·2^e with m in [1, 2): the biased exponent of a normal f64.
    let e = ((max.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    2f64.powi(-e)
}

/// The 1-based line of the first occurrence of `needle` in `src`.
fn line_of(src: &str, needle: &str) -> Option<usize> {
    src.find(needle).map(|at| line_of_offset(src, at))
}

fn line_of_offset(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())].matches('\n').count() + 1
}

fn id_line(id: &str) -> String {
    format!("id = \"{id}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v40_weights_are_aa_published_per_evaluation_weights() {
        let m = Methodology::builtin("aa-v4.0").unwrap();
        let w: std::collections::BTreeMap<_, _> = m.effective_weights().into_iter().collect();
        let expect = [
            ("gdpval", 1.0 / 6.0),
            ("tau2_telecom", 1.0 / 12.0),
            ("terminalbench_hard", 1.0 / 6.0),
            ("scicode", 1.0 / 12.0),
            ("aa_lcr", 1.0 / 16.0),
            ("ifbench", 1.0 / 16.0),
            ("omniscience_accuracy", 1.0 / 16.0),
            ("omniscience_nonhallucination", 1.0 / 16.0),
            ("hle", 1.0 / 8.0),
            ("gpqa", 1.0 / 16.0),
            ("critpt", 1.0 / 16.0),
        ];
        assert_eq!(w.len(), expect.len());
        for (id, v) in expect {
            assert!((w[id] - v).abs() < 1e-15, "{id}: {} vs {v}", w[id]);
        }
    }

    #[test]
    fn v41_weights_are_aa_published_percentages() {
        let m = Methodology::builtin("aa-v4.1").unwrap();
        let expect = [
            ("gdpval_v2", 0.20),
            ("tau3_banking", 0.14),
            ("terminalbench_v21", 0.16),
            ("scicode", 0.08),
            ("aa_lcr", 0.06),
            ("omniscience_accuracy", 0.08),
            ("omniscience_nonhallucination", 0.04),
            ("hle", 0.12),
            ("gpqa", 0.06),
            ("critpt", 0.06),
        ];
        for ((id, w), (eid, ew)) in m.effective_weights().into_iter().zip(expect) {
            assert_eq!(id, eid);
            assert!((w - ew).abs() < 1e-15, "{id}: {w} vs {ew}");
        }
    }

    #[test]
    fn hash_ignores_comments_but_not_weights() {
        let src = BUILTIN[0].1;
        let a = Methodology::parse("a", src).unwrap();
        let b = Methodology::parse("b", &format!("# a comment\n{src}")).unwrap();
        assert_eq!(a.hash(), b.hash());
        assert_eq!(a.hash().len(), 64);
        let c = Methodology::parse("c", &src.replacen("weight = 2", "weight = 3", 1)).unwrap();
        assert_ne!(a.hash(), c.hash());
    }

    #[test]
    fn weights_near_the_largest_float_mean_their_ratio() {
        let normal = Methodology::builtin("aa-v4.0").unwrap();
        let by_id = |m: &Methodology| -> std::collections::BTreeMap<String, f64> {
            m.effective_weights()
                .into_iter()
                .map(|(k, w)| (k.to_string(), w))
                .collect()
        };
        // Every category weight 1e308 (their sum would overflow): 1:1:1:1, the same bits as 1.
        let mut m = normal.clone();
        for c in &mut m.categories {
            c.weight = 1e308;
        }
        assert_eq!(m.effective_weights(), normal.effective_weights());
        // GDPval and τ² both 1.7e308 within Agents: 1:1.
        for k in m.components.iter_mut().filter(|k| k.category == "agents") {
            k.weight = 1.7e308;
        }
        let w = by_id(&m);
        assert_eq!((w["gdpval"], w["tau2_telecom"]), (0.125, 0.125));
        // The two Omniscience components at 1.7e308 each, merged for a policy: a quarter of General.
        for k in m
            .components
            .iter_mut()
            .filter(|k| k.column.starts_with("omniscience"))
        {
            k.weight = 1.7e308;
        }
        let merged = m.with_abstention(Policy::Penalty(1.0)).unwrap();
        let w = by_id(&merged);
        assert!(
            (w["omniscience"] - 0.25).abs() < 1e-15,
            "{}",
            w["omniscience"]
        );
        assert!((w.values().sum::<f64>() - 1.0).abs() < 1e-12);
        // Ordinary weights: scale 1 below 2, an exact power of two above.
        assert_eq!(weight_scale([1.0, 1.5]), 1.0);
        assert_eq!(weight_scale([2.0, 1.0]), 0.5);
        assert_eq!(weight_scale([3.0e10]), 2f64.powi(-34));
        assert!((1.0..2.0).contains(&(f64::MAX * weight_scale([f64::MAX]))));
    }

    fn error_of(src: &str) -> MethodologyError {
        Methodology::parse("m.toml", src).unwrap_err()
    }

    #[test]
    fn invalid_files_name_line_and_fix() {
        let src = BUILTIN[0].1;
        let zero = error_of(&src.replacen("weight = 2", "weight = 0", 1));
        assert!(zero.message.contains("'gdpval' has weight 0"), "{zero}");
        assert_eq!(zero.line, line_of(src, "id = \"gdpval\""));
        let negative = error_of(&src.replacen(
            "weight = 1\npublished_column = \"published_coding_index\"",
            "weight = -1\npublished_column = \"published_coding_index\"",
            1,
        ));
        assert!(
            negative.message.contains("category 'coding' has weight -1"),
            "{negative}"
        );
        let text = error_of(&src.replacen("column = \"ifbench\"", "column = \"model\"", 1));
        assert!(
            text.message.contains("'model' is not a numeric column"),
            "{text}"
        );
        // A column reweigh does not know is an extra column of the dataset, typed by its normaliser,
        // with the standard error and item count `score --ci` reads for it.
        let extra = src.replacen("column = \"ifbench\"", "column = \"ifbench_v9\"", 1);
        let extra = Methodology::parse("m.toml", &extra).unwrap();
        let column = |name: &str, unit| ExtraColumn {
            name: name.into(),
            unit,
        };
        assert_eq!(
            extra.extra_columns(),
            vec![
                column("ifbench_v9", Unit::Fraction),
                column("ifbench_v9_se", Unit::Fraction),
                column("items_ifbench_v9", Unit::Count),
            ]
        );
        let category = error_of(&src.replacen("category = \"coding\"", "category = \"codng\"", 1));
        assert!(
            category.message.contains("unknown category 'codng'"),
            "{category}"
        );
        let key = error_of(&src.replacen("scale = 100.0", "scale = 100.0\nsclae = 1", 1));
        assert!(key.message.contains("sclae"), "{key}");
        assert_eq!(key.line, Some(line_of(src, "scale").unwrap() + 1));
        let big = error_of(&src.replacen("scale = 100.0", "scale = 1.7e308", 1));
        assert!(big.message.contains("up to 1e6, not 1.7e308"), "{big}");
        let zero = error_of(&src.replacen("scale = 100.0", "scale = 0", 1));
        assert!(zero.message.ends_with("up to 1e6, not 0"), "{zero}");
        let wide = error_of(&src.replacen("min = 500, max = 2500", "min = -1e308, max = 1e308", 1));
        assert!(wide.message.contains("max > min"), "{wide}");
        let params = error_of(&src.replacen("min = 500, ", "", 1));
        assert!(params.message.contains("min"), "{params}");
        let dup = error_of(&src.replacen("id = \"gpqa\"", "id = \"hle\"", 1));
        assert!(
            dup.message.contains("duplicate component id 'hle'"),
            "{dup}"
        );
    }
}
