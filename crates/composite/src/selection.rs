//! Ranking as reporters count: which rows are ranked, and how.
//!
//! - `--as-of DATE`: only models released on or before DATE (the dataset's `release_date`); a row
//!   without a release date is listed as excluded, never silently kept or dropped;
//! - `--where COLUMN=VALUE[,VALUE]`: only rows whose COLUMN is one of the values (case-insensitive);
//!   a row whose value is unknown is listed as excluded;
//! - a group file (TOML: group name → creators or slugs): `--where group=NAME`, and each group's
//!   standings ("fifth overall, first among NAME");
//! - `--dedupe`: one row per model, its best-scoring variant (the grouping rule is
//!   [`model_key`], with overrides as data in datasets/groups/variants.toml).
//!
//! A selection is applied to a [`Scored`] result: the rows it does not count are removed and the rest
//! re-ranked, so every ranking command works on it unchanged. What was counted is recorded in the
//! result's receipt ([`Selection`]) and stated in every output.
//!
//! ```
//! use reweigh_composite::selection::{model_key, Variants};
//! let v = Variants::builtin();
//! assert_eq!(model_key("GPT-5.5 (xhigh)", "gpt-5-5", &v), model_key("GPT-5.5 (Non-reasoning)", "x", &v));
//! assert_ne!(model_key("GPT-5.5 Instant (May 2026)", "a", &v), model_key("GPT-5.5 Instant (June 2026)", "b", &v));
//! ```

use std::collections::{BTreeMap, HashMap};

use reweigh_evals::Dataset;
use serde::{Deserialize, Serialize};

use crate::score::{ModelScore, Scored, rank};

/// The built-in variant overrides (datasets/groups/variants.toml).
pub const VARIANTS_TOML: &str = include_str!("../../../datasets/groups/variants.toml");
/// The built-in model attributes: AA's creator and licence category by slug
/// (datasets/attributes/aa-model-attributes.csv).
pub const ATTRIBUTES_CSV: &str =
    include_str!("../../../datasets/attributes/aa-model-attributes.csv");

/// The most groups a group file may define, and the most values one `--where` may list.
pub const MAX_GROUPS: usize = 1_000;

/// Columns `--where` can test. `reasoning` is `is_reasoning`; `open-weights` is `open_weights`.
pub const WHERE_COLUMNS: [&str; 10] = [
    "creator",
    "open_weights",
    "license",
    "is_reasoning",
    "variant",
    "group",
    "slug",
    "model",
    "index_version",
    "release_date",
];

/// `--where COLUMN=VALUE[,VALUE]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub column: String,
    pub values: Vec<String>,
}

impl Filter {
    /// Parses `COLUMN=VALUE[,VALUE]` (errors are sentences for the command line).
    pub fn parse(text: &str) -> Result<Filter, String> {
        let (column, values) = text.split_once('=').ok_or_else(|| {
            format!("'{text}' is not COLUMN=VALUE[,VALUE]; for example creator=Alibaba,DeepSeek or open_weights=true")
        })?;
        let column = match column
            .trim()
            .to_ascii_lowercase()
            .replace('-', "_")
            .as_str()
        {
            "reasoning" => "is_reasoning".to_string(),
            c => c.to_string(),
        };
        if !WHERE_COLUMNS.contains(&column.as_str()) {
            let close = reweigh_evals::suggest::closest(&column, WHERE_COLUMNS, 3);
            return Err(format!(
                "'{column}' is not a column --where can test; expected one of {}{}",
                WHERE_COLUMNS.join(", "),
                close
                    .first()
                    .map(|c| format!(" (did you mean '{c}'?)"))
                    .unwrap_or_default()
            ));
        }
        let values: Vec<String> = values
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(format!(
                "'{text}' names no value; write {column}=VALUE[,VALUE]"
            ));
        }
        if values.len() > MAX_GROUPS {
            return Err(format!(
                "'{column}=…' lists {} values; at most {MAX_GROUPS}",
                values.len()
            ));
        }
        Ok(Filter { column, values })
    }

    fn describe(&self) -> String {
        format!("{}={}", self.column, self.values.join(","))
    }
}

/// Checks `YYYY-MM-DD` (a real calendar date).
pub fn parse_date(text: &str) -> Result<String, String> {
    let bad = || format!("'{text}' is not a date YYYY-MM-DD, for example 2026-05-20");
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = (num(&text[0..4])?, num(&text[5..7])?, num(&text[8..10])?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1..=days).contains(&d) || !text[0..4].bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    Ok(text.to_string())
}

/// One user group: the creators and slugs it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub creators: Vec<String>,
    #[serde(default)]
    pub slugs: Vec<String>,
    /// Where the membership comes from (optional, shown with the standings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A group file: `[groups.NAME] creators = [...]  slugs = [...]  source = "..."`.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFile {
    pub origin: String,
    pub sha256: String,
    pub groups: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFileToml {
    groups: BTreeMap<String, GroupToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupToml {
    #[serde(default)]
    creators: Vec<String>,
    #[serde(default)]
    slugs: Vec<String>,
    source: Option<String>,
}

impl GroupFile {
    /// Parses a group file (errors are sentences; the caller names the file).
    pub fn parse(origin: &str, text: &str) -> Result<GroupFile, String> {
        let parsed: GroupFileToml = toml::from_str(text).map_err(|e| {
            format!(
                "not a group file: {}; expected [groups.NAME] tables with creators = [\"…\"] and/or slugs = [\"…\"]",
                e.message()
            )
        })?;
        if parsed.groups.is_empty() {
            return Err("defines no group; add [groups.NAME] with creators or slugs".into());
        }
        if parsed.groups.len() > MAX_GROUPS {
            return Err(format!(
                "defines {} groups; at most {MAX_GROUPS}",
                parsed.groups.len()
            ));
        }
        let mut groups = Vec::new();
        for (name, g) in parsed.groups {
            if g.creators.is_empty() && g.slugs.is_empty() {
                return Err(format!(
                    "group '{name}' lists neither creators nor slugs; add creators = [\"…\"] or slugs = [\"…\"]"
                ));
            }
            groups.push(Group {
                name,
                creators: g.creators,
                slugs: g.slugs,
                source: g.source,
            });
        }
        Ok(GroupFile {
            origin: origin.to_string(),
            sha256: reweigh_evals::sha256_hex(text.as_bytes()),
            groups,
        })
    }
}

/// The variant overrides: slug → the model it belongs to, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Variants {
    pub origin: String,
    pub overrides: HashMap<String, (String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantsToml {
    #[serde(default)]
    variant: Vec<VariantToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantToml {
    slug: String,
    model: String,
    why: String,
}

impl Variants {
    /// The built-in overrides.
    pub fn builtin() -> Variants {
        Variants::parse("datasets/groups/variants.toml", VARIANTS_TOML)
            .expect("the built-in variants file is valid")
    }

    /// Parses a variants file (errors are sentences; the caller names the file).
    pub fn parse(origin: &str, text: &str) -> Result<Variants, String> {
        let parsed: VariantsToml = toml::from_str(text).map_err(|e| {
            format!(
                "not a variants file: {}; expected [[variant]] tables with slug, model and why",
                e.message()
            )
        })?;
        let mut overrides = HashMap::new();
        for v in parsed.variant {
            if v.why.trim().is_empty() {
                return Err(format!(
                    "the entry for slug '{}' gives no evidence; write why = \"…\"",
                    v.slug
                ));
            }
            if overrides.insert(v.slug.clone(), (v.model, v.why)).is_some() {
                return Err(format!("slug '{}' has two entries; keep one", v.slug));
            }
        }
        Ok(Variants {
            origin: origin.to_string(),
            overrides,
        })
    }
}

/// Words a trailing parenthesis may hold for it to name a variant rather than part of the name.
const VARIANT_WORDS: [&str; 11] = [
    "minimal",
    "low",
    "medium",
    "high",
    "xhigh",
    "max",
    "reasoning",
    "non-reasoning",
    "adaptive",
    "thinking",
    "with fallback",
];

/// The model a row belongs to: the override's model for the slug, or the display name without a
/// trailing parenthesis naming only reasoning modes and efforts; lower case, single spaces.
pub fn model_key(display: &str, slug: &str, variants: &Variants) -> String {
    let name = match variants.overrides.get(slug) {
        Some((model, _)) => model.as_str(),
        None => display,
    };
    let base = strip_variant(name);
    base.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The display name without its variant parenthesis (as written).
pub fn strip_variant(name: &str) -> &str {
    let trimmed = name.trim_end();
    if let Some(open) = trimmed.rfind('(')
        && trimmed.ends_with(')')
    {
        let inside = &trimmed[open + 1..trimmed.len() - 1];
        let is_variant = inside.split(',').all(|part| {
            let p = part.trim().to_lowercase();
            let p = p.strip_suffix(" effort").unwrap_or(&p).trim().to_string();
            VARIANT_WORDS.contains(&p.as_str())
        });
        if is_variant {
            return trimmed[..open].trim_end();
        }
    }
    trimmed
}

/// One model attribute row (creator, licence) by slug.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub creator: String,
    pub license: String,
    pub open_weights: String,
    pub source: String,
}

/// The built-in attribute table: AA's creator and licence category by slug.
pub fn attributes() -> HashMap<String, Attribute> {
    let mut out = HashMap::new();
    for line in ATTRIBUTES_CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if let [slug, creator, license, open_weights, source] = f.as_slice() {
            out.insert(
                slug.to_string(),
                Attribute {
                    creator: creator.to_string(),
                    license: license.to_string(),
                    open_weights: open_weights.to_string(),
                    source: source.to_string(),
                },
            );
        }
    }
    out
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub as_of: Option<String>,
    pub dedupe: bool,
    pub filters: Vec<Filter>,
    pub groups: Option<GroupFile>,
    pub variants: Variants,
}

impl Rules {
    /// Whether any rule changes what is counted (a group file alone only adds standings).
    pub fn is_active(&self) -> bool {
        self.as_of.is_some() || self.dedupe || !self.filters.is_empty() || self.groups.is_some()
    }

    /// The rules as typed, for receipts.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(d) = &self.as_of {
            out.push(format!("as-of {d}"));
        }
        if self.dedupe {
            out.push(format!("dedupe (variants: {})", self.variants.origin));
        }
        out.extend(
            self.filters
                .iter()
                .map(|f| format!("where {}", f.describe())),
        );
        if let Some(g) = &self.groups {
            out.push(format!("group-file {} sha256 {}", g.origin, g.sha256));
        }
        out
    }
}

/// Why a row was not ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOutRule {
    /// `--as-of`: the row has no release date (excluded, not guessed).
    NoReleaseDate,
    /// `--as-of`: the release date is not YYYY-MM-DD.
    InvalidReleaseDate,
    /// `--as-of`: released after the date.
    ReleasedAfter,
    /// `--where`: the row's value is unknown (excluded, not guessed).
    UnknownValue,
    /// `--where`: the row's value is not one of those asked for.
    NotSelected,
}

/// A row that was not ranked, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeftOut {
    pub slug: String,
    pub model: String,
    pub rule: LeftOutRule,
    pub detail: String,
}

/// Variants folded into one model by `--dedupe`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fold {
    /// The model (the grouping key).
    pub model: String,
    /// The variant that represents it: the best index (ties by slug).
    pub kept: String,
    pub kept_index: Option<f64>,
    /// The other variants, best first.
    pub folded: Vec<FoldedVariant>,
    /// `name` (reweigh's rule) or the override's evidence.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldedVariant {
    pub slug: String,
    pub model: String,
    pub index: Option<f64>,
}

/// One model's place overall and in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub group: String,
    pub slug: String,
    pub model: String,
    pub index: f64,
    pub rank_overall: usize,
    pub ranked_overall: usize,
    pub rank_in_group: usize,
    pub ranked_in_group: usize,
    /// "fifth overall of 212 models released by 2026-05-20, first among NAME (of 6)".
    pub sentence: String,
}

/// What was counted: the rules, the numbers, every row left out, the folds and the standings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    pub rules: Vec<String>,
    /// Rows in the dataset.
    pub rows: usize,
    /// Rows that passed --as-of and --where (before --dedupe).
    pub rows_counted: usize,
    /// Ranked entries (models with --dedupe, else variants) with an index.
    pub ranked: usize,
    pub one_row_per_model: bool,
    /// "212 models released by 2026-05-20, one row per model (its best-scoring variant)".
    pub counted: String,
    pub left_out: Vec<LeftOut>,
    #[serde(default)]
    pub folded: Vec<Fold>,
    #[serde(default)]
    pub standings: Vec<Standing>,
}

impl Selection {
    /// Lines for table footers.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "counted: ranks are among {} ({} of {} rows counted){}",
            self.counted,
            self.rows_counted,
            self.rows,
            if self.rules.is_empty() {
                String::new()
            } else {
                format!("; rules: {}", self.rules.join("; "))
            }
        )];
        let mut by_rule: BTreeMap<&str, Vec<&LeftOut>> = BTreeMap::new();
        for l in &self.left_out {
            by_rule.entry(rule_label(l.rule)).or_default().push(l);
        }
        for (label, rows) in by_rule {
            let listed = rows.len() <= 40;
            out.push(format!(
                "not counted, {label}: {}{}",
                rows.len(),
                if listed {
                    format!(
                        " ({})",
                        rows.iter()
                            .map(|l| format!("{} [{}]", l.slug, l.detail))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    " (listed in the JSON output)".to_string()
                }
            ));
        }
        if !self.folded.is_empty() {
            let variants: usize = self.folded.iter().map(|f| f.folded.len()).sum();
            out.push(format!(
                "dedupe: {variants} variants folded into {} models (each model's best-scoring variant kept; the folds are listed with the result)",
                self.folded.len()
            ));
        }
        out
    }
}

fn rule_label(rule: LeftOutRule) -> &'static str {
    match rule {
        LeftOutRule::NoReleaseDate => "excluded, no release date",
        LeftOutRule::InvalidReleaseDate => "excluded, release date not YYYY-MM-DD",
        LeftOutRule::ReleasedAfter => "released after the --as-of date",
        LeftOutRule::UnknownValue => "excluded, value unknown",
        LeftOutRule::NotSelected => "not selected by --where",
    }
}

/// A row's value in a `--where` column: the dataset's own text column first, then the built-in
/// attribute table (creator, license, open_weights) by slug. `None` when unknown.
pub fn value_of(
    dataset: &Dataset,
    row: usize,
    column: &str,
    attrs: &HashMap<String, Attribute>,
) -> Option<String> {
    let r = &dataset.rows[row];
    if column == "slug" {
        return Some(r.slug.clone());
    }
    if let Some(v) = r.text.get(column).filter(|v| !v.trim().is_empty()) {
        return Some(v.clone());
    }
    let a = attrs.get(&r.slug)?;
    match column {
        "creator" => Some(a.creator.clone()),
        "license" => Some(a.license.clone()),
        "open_weights" => Some(a.open_weights.clone()),
        _ => None,
    }
    .filter(|v| !v.is_empty())
}

fn in_group(
    dataset: &Dataset,
    row: usize,
    g: &Group,
    attrs: &HashMap<String, Attribute>,
) -> Option<bool> {
    let slug = &dataset.rows[row].slug;
    if g.slugs.iter().any(|s| s == slug) {
        return Some(true);
    }
    if g.creators.is_empty() {
        return Some(false);
    }
    let creator = value_of(dataset, row, "creator", attrs)?;
    Some(g.creators.iter().any(|c| c.eq_ignore_ascii_case(&creator)))
}

/// Applies the rules to a scored dataset: removes the rows not counted, folds variants, re-ranks,
/// and returns the result with what was counted (also recorded in its receipt). Errors are sentences
/// (a `--where group=NAME` without a group file, an unknown group).
pub fn select(dataset: &Dataset, scored: &Scored, rules: &Rules) -> Result<Scored, String> {
    let attrs = attributes();
    let group_named = |name: &str| -> Result<&Group, String> {
        let file = rules.groups.as_ref().ok_or_else(|| {
            format!("--where group={name} needs --group-file FILE defining the group")
        })?;
        file.groups
            .iter()
            .find(|g| g.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!(
                    "group '{name}' is not in {} (it defines {})",
                    file.origin,
                    file.groups
                        .iter()
                        .map(|g| g.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    };
    for f in rules.filters.iter().filter(|f| f.column == "group") {
        for v in &f.values {
            group_named(v)?;
        }
    }
    let mut kept: Vec<ModelScore> = Vec::new();
    let mut left_out = Vec::new();
    'rows: for m in &scored.models {
        let row = m.row;
        let leave = |rule, detail: String| LeftOut {
            slug: m.slug.clone(),
            model: m.model.clone(),
            rule,
            detail,
        };
        if let Some(date) = &rules.as_of {
            let released = dataset.rows[row]
                .text
                .get("release_date")
                .map(|s| s.trim())
                .unwrap_or("");
            if released.is_empty() {
                left_out.push(leave(
                    LeftOutRule::NoReleaseDate,
                    "release_date empty".into(),
                ));
                continue;
            }
            if parse_date(released).is_err() {
                left_out.push(leave(
                    LeftOutRule::InvalidReleaseDate,
                    format!("release_date '{released}'"),
                ));
                continue;
            }
            if released > date.as_str() {
                left_out.push(leave(LeftOutRule::ReleasedAfter, released.to_string()));
                continue;
            }
        }
        for f in &rules.filters {
            if f.column == "group" {
                let mut any = false;
                for name in &f.values {
                    match in_group(dataset, row, group_named(name)?, &attrs) {
                        Some(true) => any = true,
                        Some(false) => {}
                        None => {
                            left_out.push(leave(
                                LeftOutRule::UnknownValue,
                                format!("creator unknown, so membership of group '{name}' is"),
                            ));
                            continue 'rows;
                        }
                    }
                }
                if !any {
                    left_out.push(leave(
                        LeftOutRule::NotSelected,
                        format!("not in group {}", f.values.join(" or ")),
                    ));
                    continue 'rows;
                }
                continue;
            }
            match value_of(dataset, row, &f.column, &attrs) {
                None => {
                    left_out.push(leave(
                        LeftOutRule::UnknownValue,
                        format!(
                            "{} unknown (not in the dataset nor in datasets/attributes)",
                            f.column
                        ),
                    ));
                    continue 'rows;
                }
                Some(v) if !f.values.iter().any(|x| x.eq_ignore_ascii_case(v.trim())) => {
                    left_out.push(leave(LeftOutRule::NotSelected, format!("{}={v}", f.column)));
                    continue 'rows;
                }
                Some(_) => {}
            }
        }
        kept.push(m.clone());
    }
    let rows_counted = kept.len();
    let mut folded = Vec::new();
    if rules.dedupe {
        let mut by_key: BTreeMap<String, Vec<ModelScore>> = BTreeMap::new();
        for m in kept {
            by_key
                .entry(model_key(&m.model, &m.slug, &rules.variants))
                .or_default()
                .push(m);
        }
        kept = Vec::new();
        for (key, mut members) in by_key {
            members.sort_by(|a, b| match (a.index, b.index) {
                (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.slug.cmp(&b.slug)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.slug.cmp(&b.slug),
            });
            let best = members.remove(0);
            if !members.is_empty() {
                let rule = std::iter::once(&best)
                    .chain(&members)
                    .find_map(|m| rules.variants.overrides.get(&m.slug))
                    .map(|(_, why)| format!("override: {why}"))
                    .unwrap_or_else(|| "name".to_string());
                folded.push(Fold {
                    model: strip_variant(&best.model).to_string(),
                    kept: best.slug.clone(),
                    kept_index: best.index,
                    folded: members
                        .iter()
                        .map(|m| FoldedVariant {
                            slug: m.slug.clone(),
                            model: m.model.clone(),
                            index: m.index,
                        })
                        .collect(),
                    rule,
                });
                let _ = key;
            }
            kept.push(best);
        }
    }
    rank(&mut kept);
    let ranked = kept.iter().filter(|m| m.index.is_some()).count();
    let counted = counted_phrase(ranked, rules);
    let mut standings = Vec::new();
    if let Some(file) = &rules.groups {
        for g in &file.groups {
            let members: Vec<&ModelScore> = kept
                .iter()
                .filter(|m| m.index.is_some())
                .filter(|m| in_group(dataset, m.row, g, &attrs) == Some(true))
                .collect();
            for (i, m) in members.iter().enumerate() {
                let overall = m.rank.unwrap_or(0);
                standings.push(Standing {
                    group: g.name.clone(),
                    slug: m.slug.clone(),
                    model: m.model.clone(),
                    index: m.index.unwrap_or(f64::NAN),
                    rank_overall: overall,
                    ranked_overall: ranked,
                    rank_in_group: i + 1,
                    ranked_in_group: members.len(),
                    sentence: format!(
                        "{} overall of {counted}; {} among {} (of {})",
                        ordinal(overall),
                        ordinal(i + 1),
                        g.name,
                        members.len()
                    ),
                });
            }
        }
    }
    let selection = Selection {
        rules: rules.describe(),
        rows: dataset.len(),
        rows_counted,
        ranked,
        one_row_per_model: rules.dedupe,
        counted,
        left_out,
        folded,
        standings,
    };
    let mut out = Scored {
        models: kept,
        ..scored.clone()
    };
    out.receipt.selection = Some(selection);
    Ok(out)
}

/// Keeps, in `other` (the same dataset scored otherwise), exactly the rows `selected` ranks, and
/// re-ranks them; the receipt records the same selection.
pub fn restrict(other: &Scored, selected: &Scored) -> Scored {
    let keep: std::collections::HashSet<&str> =
        selected.models.iter().map(|m| m.slug.as_str()).collect();
    let mut models: Vec<ModelScore> = other
        .models
        .iter()
        .filter(|m| keep.contains(m.slug.as_str()))
        .cloned()
        .collect();
    rank(&mut models);
    let mut out = Scored {
        models,
        ..other.clone()
    };
    out.receipt.selection = selected.receipt.selection.clone();
    out
}

/// "212 models released by 2026-05-20 with creator = Alibaba, one row per model (its best-scoring
/// variant)".
fn counted_phrase(ranked: usize, rules: &Rules) -> String {
    let mut s = format!(
        "{ranked} {}",
        match (rules.dedupe, ranked == 1) {
            (true, true) => "model",
            (true, false) => "models",
            (false, true) => "model variant",
            (false, false) => "model variants",
        }
    );
    if let Some(d) = &rules.as_of {
        s.push_str(&format!(" released by {d}"));
    }
    for (i, f) in rules.filters.iter().enumerate() {
        s.push_str(if i == 0 { " with " } else { " and " });
        if f.column == "group" {
            s.push_str(&format!("group {}", f.values.join(" or ")));
        } else {
            s.push_str(&format!("{} = {}", f.column, f.values.join(" or ")));
        }
    }
    s.push_str(if rules.dedupe {
        ", one row per model (its best-scoring variant)"
    } else {
        ", one row per variant"
    });
    s
}

/// "first" … "tenth", then "11th", "21st", "112th".
pub fn ordinal(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if (1..=10).contains(&n) {
        return WORDS[n - 1].to_string();
    }
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_parentheses_and_names() {
        assert_eq!(strip_variant("GPT-5.5 (xhigh)"), "GPT-5.5");
        assert_eq!(
            strip_variant("Claude Opus 4.7 (Non-reasoning, high)"),
            "Claude Opus 4.7"
        );
        assert_eq!(
            strip_variant("Claude Sonnet 4.6 (Non-reasoning, Low Effort)"),
            "Claude Sonnet 4.6"
        );
        assert_eq!(
            strip_variant("Claude Fable 5 (with fallback)"),
            "Claude Fable 5"
        );
        assert_eq!(
            strip_variant("MiMo-V2-Flash (Feb 2026)"),
            "MiMo-V2-Flash (Feb 2026)"
        );
        assert_eq!(strip_variant("DeepSeek V3 (Dec)"), "DeepSeek V3 (Dec)");
        assert_eq!(strip_variant("Qwen3.7 Max"), "Qwen3.7 Max");
        let v = Variants::builtin();
        assert_eq!(
            model_key("DeepSeek V4 Pro (Max)", "a", &v),
            model_key("DeepSeek  V4 Pro (max)", "b", &v)
        );
    }

    #[test]
    fn ordinals_and_dates() {
        assert_eq!(ordinal(5), "fifth");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(113), "113th");
        assert_eq!(ordinal(101), "101st");
        assert!(parse_date("2026-05-20").is_ok());
        assert!(parse_date("2026-02-29").is_err());
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2026-5-20").is_err());
        assert!(parse_date("+026-05-20").is_err());
    }

    #[test]
    fn filters_parse_and_refuse() {
        let f = Filter::parse("reasoning=true").unwrap();
        assert_eq!(f.column, "is_reasoning");
        let f = Filter::parse("open-weights=true").unwrap();
        assert_eq!(f.column, "open_weights");
        assert_eq!(
            Filter::parse("creator=Alibaba, DeepSeek").unwrap().values,
            vec!["Alibaba", "DeepSeek"]
        );
        assert!(Filter::parse("creatr=x").unwrap_err().contains("creator"));
        assert!(Filter::parse("creator=").is_err());
        assert!(Filter::parse("creator").is_err());
    }

    #[test]
    fn the_attribute_table_is_complete() {
        let a = attributes();
        assert_eq!(a.len(), 537);
        assert_eq!(a["qwen3-7-max"].creator, "Alibaba");
        assert_eq!(a["qwen3-7-max"].open_weights, "false");
        assert_eq!(a["glm-5-1"].open_weights, "true");
        assert!(
            a.values()
                .all(|x| !x.creator.is_empty() && !x.source.is_empty())
        );
    }

    #[test]
    fn group_files() {
        let g = GroupFile::parse(
            "g.toml",
            "[groups.a]\ncreators = [\"Alibaba\"]\n[groups.b]\nslugs = [\"x\"]\nsource = \"s\"\n",
        )
        .unwrap();
        assert_eq!(g.groups.len(), 2);
        assert!(GroupFile::parse("g.toml", "[groups.a]\n").is_err());
        assert!(GroupFile::parse("g.toml", "[groups.a]\ncreator = [\"x\"]\n").is_err());
        assert!(GroupFile::parse("g.toml", "x = 1\n").is_err());
    }
}
