//! Adapters as data: one TOML file per source shape (datasets/adapters/*.toml, compiled in), saying
//! where the records are, how to recognise the shape from content, and per source key the canonical
//! column and its unit conversion. datasets/adapters/README.md documents the format.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use reweigh_evals::registry::{TEXT_COLUMNS, Unit, numeric_column};
use serde::Deserialize;

/// The built-in adapters, in the order shapes are tried.
const BUILTIN: [(&str, &str); 6] = [
    (
        "aa-language-pro",
        include_str!("../../../../datasets/adapters/aa-language-pro.toml"),
    ),
    (
        "aa-language-free",
        include_str!("../../../../datasets/adapters/aa-language-free.toml"),
    ),
    (
        "aa-legacy",
        include_str!("../../../../datasets/adapters/aa-legacy.toml"),
    ),
    (
        "openrouter-aa-proxy",
        include_str!("../../../../datasets/adapters/openrouter-aa-proxy.toml"),
    ),
    (
        "aa-site-camelcase",
        include_str!("../../../../datasets/adapters/aa-site-camelcase.toml"),
    ),
    (
        "aa-capture-csv",
        include_str!("../../../../datasets/adapters/aa-capture-csv.toml"),
    ),
];

/// What a source file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    Json,
    Csv,
}

/// One key, or alternatives tried in order (the first the record carries is used).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Keys {
    One(String),
    Any(Vec<String>),
}

impl Keys {
    pub fn all(&self) -> &[String] {
        match self {
            Keys::One(k) => std::slice::from_ref(k),
            Keys::Any(v) => v,
        }
    }
    /// For messages: `a` or `a | b | c`.
    pub fn describe(&self) -> String {
        self.all().join(" | ")
    }
}

/// How a source value becomes a canonical cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conv {
    /// Text as written.
    Text,
    /// A boolean (JSON true/false, CSV `true`/`false`) written `true`/`false`.
    Bool,
    /// A fraction in [0, 1], copied.
    Fraction,
    /// A percent in [0, 100], made a fraction by moving the decimal point (45.03 → 0.4503).
    Percent,
    /// GDPval's normalised fraction (Elo − 500)/2000, made the normalised percent by moving the
    /// decimal point (0.553 → 55.3).
    NormFraction,
    /// GDPval's normalised percent 100·(Elo − 500)/2000, copied.
    NormPct,
    /// Index points 0..100, copied.
    Points,
    /// An Elo rating, copied.
    Elo,
    /// US dollars, copied.
    Usd,
    /// US dollars per 1M tokens, copied.
    #[serde(rename = "usd_per_1m")]
    UsdPer1m,
    /// A whole number of tokens, copied.
    Tokens,
    /// Output tokens per second, copied.
    TokensPerSecond,
}

impl Conv {
    /// The canonical column unit this conversion produces (`None`: a text column).
    pub fn unit(self) -> Option<Unit> {
        Some(match self {
            Conv::Text | Conv::Bool => return None,
            Conv::Fraction | Conv::Percent => Unit::Fraction,
            Conv::NormFraction | Conv::NormPct => Unit::GdpvalNormPct,
            Conv::Points => Unit::IndexPoints,
            Conv::Elo => Unit::Elo,
            Conv::Usd => Unit::Usd,
            Conv::UsdPer1m => Unit::UsdPerMillionTokens,
            Conv::Tokens => Unit::Tokens,
            Conv::TokensPerSecond => Unit::TokensPerSecond,
        })
    }

    /// The source's unit, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Conv::Text => "text",
            Conv::Bool => "a boolean (true or false)",
            Conv::Fraction => "a fraction in [0, 1]",
            Conv::Percent => "a percent in [0, 100]",
            Conv::NormFraction => "GDPval's normalised fraction (Elo − 500)/2000 in [-0.75, 1.75]",
            Conv::NormPct => "GDPval's normalised percent 100·(Elo − 500)/2000 in [-75, 175]",
            Conv::Points => "index points in [0, 100]",
            Conv::Elo => "an Elo rating in [-1000, 4000]",
            Conv::Usd => "US dollars from 0 to 1e9",
            Conv::UsdPer1m => "US dollars per 1M tokens from 0 to 1e6",
            Conv::Tokens => "a whole number of tokens",
            Conv::TokensPerSecond => "tokens per second from 0 to 1e7",
        }
    }
}

/// What a 0 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zero {
    /// AA writes 0 for a price, speed or cost it does not know: read as NA.
    Unknown,
}

/// One source key (or alternatives) → one canonical column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub key: Keys,
    pub column: String,
    pub unit: Conv,
    #[serde(default)]
    pub zero: Option<Zero>,
    /// NA whenever this (earlier mapped) canonical column is NA in the same record.
    #[serde(default)]
    pub unknown_with: Option<String>,
}

/// How the shape is recognised from content.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    /// Keys (dotted paths) the top-level object carries.
    #[serde(default)]
    pub top: Vec<String>,
    /// Top-level keys and the text value they must hold (`tier = "pro"`).
    #[serde(default)]
    pub equals: BTreeMap<String, String>,
    /// Keys every record carries (a JSON record's dotted paths; a CSV's header names).
    pub record: Vec<Keys>,
}

/// Where the source states the index version.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionSpec {
    /// A top-level key.
    pub key: String,
}

/// Where a page states its number and the number of pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub page: String,
    pub total_pages: String,
}

/// Mappings that hold only where the source states (or `--index-version` gives) one index
/// version: the same key means another column under that version.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionOverride {
    /// Why the key means that column under this version.
    pub evidence: String,
    /// Each replaces the base mappings that read any of its keys, or is added.
    pub map: Vec<Mapping>,
}

/// One adapter file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adapter {
    pub shape: String,
    pub title: String,
    pub format: Syntax,
    /// The endpoint recorded in each row's provenance when the caller names none.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Where the record array is, alternatives in order: a top-level key, or `.` (the top level is
    /// the array). JSON only.
    #[serde(default)]
    pub records: Vec<String>,
    /// Top-level keys known and not imported (patterns as in `ignore`).
    #[serde(default)]
    pub envelope: Vec<String>,
    /// Strings that mean an absent value (`"$undefined"`), besides null and an empty CSV cell.
    #[serde(default)]
    pub null_text: Vec<String>,
    pub evidence: String,
    pub detect: Detect,
    #[serde(default)]
    pub index_version: Option<VersionSpec>,
    #[serde(default)]
    pub pagination: Option<Pagination>,
    #[serde(default)]
    pub map: Vec<Mapping>,
    /// Record keys known and deliberately not imported, with the reason. A key may start or end
    /// with `*` (any prefix, any suffix).
    #[serde(default)]
    pub ignore: BTreeMap<String, String>,
    /// Per index version (as reweigh writes it: `4.0`, `4.1`), mappings replacing the base ones.
    #[serde(default)]
    pub versions: BTreeMap<String, VersionOverride>,
}

/// Whether `key` matches an ignore pattern (`*suffix`, `prefix*`, or exact).
pub fn matches(pattern: &str, key: &str) -> bool {
    if let Some(suffix) = pattern.strip_prefix('*') {
        key.ends_with(suffix)
    } else if let Some(prefix) = pattern.strip_suffix('*') {
        key.starts_with(prefix)
    } else {
        pattern == key
    }
}

impl Adapter {
    /// The reason a key is not imported, if the adapter declares one.
    pub fn ignored(&self, key: &str) -> Option<&str> {
        self.ignore
            .iter()
            .find(|(p, _)| matches(p, key))
            .map(|(_, r)| r.as_str())
    }

    /// Whether a top-level key is part of the envelope (records, version, pages, detection).
    pub fn envelope_key(&self, key: &str) -> bool {
        self.records
            .iter()
            .any(|r| r == key || key.starts_with(&format!("{r}.")))
            || self.envelope.iter().any(|p| matches(p, key))
            || self.detect.top.iter().any(|t| t == key)
            || self.detect.equals.contains_key(key)
            || self.index_version.as_ref().is_some_and(|v| v.key == key)
            || self
                .pagination
                .as_ref()
                .is_some_and(|p| p.page == key || p.total_pages == key)
    }

    /// The adapter as it reads a source of index version `version`: each mapping of
    /// `[versions."V"]` takes the place of the base mappings that read any of its keys (or is added
    /// at the end). Any other version, or none: the base mappings.
    pub fn for_version(&self, version: Option<&str>) -> Cow<'_, Adapter> {
        let Some(o) = version.and_then(|v| self.versions.get(v)) else {
            return Cow::Borrowed(self);
        };
        let mut a = self.clone();
        for m in &o.map {
            let reads = |b: &Mapping| b.key.all().iter().any(|k| m.key.all().contains(k));
            match a.map.iter().position(reads) {
                Some(i) => {
                    a.map[i] = m.clone();
                    let mut j = i + 1;
                    while j < a.map.len() {
                        if reads(&a.map[j]) {
                            a.map.remove(j);
                        } else {
                            j += 1;
                        }
                    }
                }
                None => a.map.push(m.clone()),
            }
        }
        Cow::Owned(a)
    }

    /// Checks the base mappings and those of every version.
    fn check_all(&self) -> Result<(), String> {
        self.check()?;
        for (v, o) in &self.versions {
            let ok = v.split('.').count() >= 2
                && v.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !ok {
                return Err(format!(
                    "versions.\"{v}\": write the version as reweigh does (4.0, 4.1)"
                ));
            }
            if o.evidence.trim().is_empty() || o.map.is_empty() {
                return Err(format!("versions.\"{v}\": needs `evidence` and `map`"));
            }
            self.for_version(Some(v))
                .check()
                .map_err(|e| format!("versions.\"{v}\": {e}"))?;
        }
        Ok(())
    }

    /// Checks the file against the registry: every column known, every unit the column's.
    fn check(&self) -> Result<(), String> {
        if self.format == Syntax::Json && self.records.is_empty() {
            return Err("a JSON adapter needs `records`".into());
        }
        if !self.map.iter().any(|m| m.column == "slug") {
            return Err("no key maps to `slug`".into());
        }
        let mut seen: Vec<&str> = Vec::new();
        for m in &self.map {
            if seen.contains(&m.column.as_str()) {
                return Err(format!("column '{}' mapped twice", m.column));
            }
            let text = TEXT_COLUMNS.contains(&m.column.as_str());
            match (m.unit.unit(), numeric_column(&m.column)) {
                (None, _) if text => {}
                (Some(unit), Some(spec)) if spec.unit == unit => {}
                _ => {
                    return Err(format!(
                        "column '{}' is not a registry column of the unit '{:?}' produces",
                        m.column, m.unit
                    ));
                }
            }
            if let Some(w) = &m.unknown_with
                && !seen.contains(&w.as_str())
            {
                return Err(format!(
                    "'{}': unknown_with '{w}' is not a column mapped before it",
                    m.column
                ));
            }
            seen.push(&m.column);
        }
        Ok(())
    }
}

/// The built-in adapters, parsed and checked once.
pub fn all() -> &'static [Adapter] {
    static ALL: OnceLock<Vec<Adapter>> = OnceLock::new();
    ALL.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(name, text)| {
                let a: Adapter = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("datasets/adapters/{name}.toml: {e}"));
                assert_eq!(&a.shape, name, "datasets/adapters/{name}.toml: shape");
                if let Err(e) = a.check_all() {
                    panic!("datasets/adapters/{name}.toml: {e}");
                }
                a
            })
            .collect()
    })
}

/// An adapter by shape name.
pub fn find(shape: &str) -> Option<&'static Adapter> {
    all().iter().find(|a| a.shape == shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_adapter_parses_and_checks() {
        assert_eq!(all().len(), BUILTIN.len());
        for a in all() {
            assert!(!a.evidence.is_empty(), "{}", a.shape);
        }
    }

    #[test]
    fn the_check_refuses_a_wrong_unit_and_an_unknown_column() {
        let parse = |extra: &str| -> Result<(), String> {
            let text = format!(
                "shape = \"x\"\ntitle = \"x\"\nformat = \"csv\"\nevidence = \"e\"\n[detect]\nrecord = [\"s\"]\n[[map]]\nkey = \"s\"\ncolumn = \"slug\"\nunit = \"text\"\n{extra}"
            );
            toml::from_str::<Adapter>(&text).unwrap().check()
        };
        assert!(parse("").is_ok());
        assert!(parse("[[map]]\nkey = \"g\"\ncolumn = \"gpqa\"\nunit = \"percent\"\n").is_ok());
        let e = parse("[[map]]\nkey = \"g\"\ncolumn = \"gpqa\"\nunit = \"points\"\n").unwrap_err();
        assert!(e.contains("'gpqa'"), "{e}");
        let e = parse("[[map]]\nkey = \"g\"\ncolumn = \"gpqa_typo\"\nunit = \"fraction\"\n")
            .unwrap_err();
        assert!(e.contains("gpqa_typo"), "{e}");
        let e = parse("[[map]]\nkey = \"g\"\ncolumn = \"index_cost_input_usd\"\nunit = \"usd\"\nunknown_with = \"index_cost_usd\"\n").unwrap_err();
        assert!(e.contains("unknown_with"), "{e}");
    }

    #[test]
    fn a_version_remaps_a_key_and_other_versions_keep_the_base() {
        let pro = find("aa-language-pro").unwrap();
        let column = |v: Option<&str>| {
            let a = pro.for_version(v);
            let m: Vec<&Mapping> = a
                .map
                .iter()
                .filter(|m| m.key.all().iter().any(|k| k == "evaluations.gdpval_aa_elo"))
                .collect();
            assert_eq!(m.len(), 1, "{v:?}");
            assert_eq!(a.map.len(), pro.map.len(), "{v:?}: replaced, not added");
            m[0].column.clone()
        };
        assert_eq!(column(None), "gdpval_elo");
        assert_eq!(column(Some("4.0")), "gdpval_elo");
        assert_eq!(column(Some("4.1")), "gdpval_v2_elo");
        assert_eq!(column(Some("4.3")), "gdpval_elo");
    }

    #[test]
    fn a_version_override_is_checked() {
        let parse = |extra: &str| -> Result<Adapter, String> {
            let text = format!(
                "shape = \"x\"\ntitle = \"x\"\nformat = \"csv\"\nevidence = \"e\"\n[detect]\nrecord = [\"s\"]\n[[map]]\nkey = \"s\"\ncolumn = \"slug\"\nunit = \"text\"\n[[map]]\nkey = \"g\"\ncolumn = \"gdpval_norm_pct\"\nunit = \"norm_pct\"\n[[map]]\nkey = \"g2\"\ncolumn = \"gdpval_v2_norm_pct\"\nunit = \"norm_pct\"\n{extra}"
            );
            let a = toml::from_str::<Adapter>(&text).map_err(|e| e.to_string())?;
            a.check_all().map(|_| a)
        };
        let ok = "[versions.\"4.1\"]\nevidence = \"e\"\n[[versions.\"4.1\".map]]\nkey = [\"g2\", \"g\"]\ncolumn = \"gdpval_v2_norm_pct\"\nunit = \"norm_pct\"\n";
        let a = parse(ok).unwrap();
        // Alternatives replace every base mapping reading one of their keys.
        let v = a.for_version(Some("4.1"));
        let cols: Vec<&str> = v.map.iter().map(|m| m.column.as_str()).collect();
        assert_eq!(cols, ["slug", "gdpval_v2_norm_pct"]);
        assert_eq!(v.map[1].key.describe(), "g2 | g");
        let e = parse(&ok.replace("\"4.1\"", "\"4\"")).unwrap_err();
        assert!(e.contains("versions.\"4\""), "{e}");
        let e = parse(&ok.replace("unit = \"norm_pct\"\n", "unit = \"elo\"\n")).unwrap_err();
        assert!(
            e.contains("versions.\"4.1\"") && e.contains("gdpval_v2_norm_pct"),
            "{e}"
        );
        // A remap onto a column another key still maps is two sources for one column.
        let e = parse(&ok.replace("key = [\"g2\", \"g\"]", "key = \"g\"")).unwrap_err();
        assert!(e.contains("mapped twice"), "{e}");
        let e = parse(&ok.replace("evidence = \"e\"\n", "")).unwrap_err();
        assert!(e.contains("evidence"), "{e}");
    }

    #[test]
    fn ignore_patterns() {
        assert!(matches("*_rank", "GPQA Diamond_rank"));
        assert!(matches("performance.*", "performance.median_x"));
        assert!(matches("id", "id"));
        assert!(!matches("id", "aa_id"));
        assert!(!matches("*_rank", "rank_x"));
    }
}
