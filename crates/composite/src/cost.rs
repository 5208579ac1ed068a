//! What an index point costs: AA's published cost of running the Intelligence Index, the tokens it
//! implies, cost per index point, the Pareto frontier of index against cost (and against output
//! tokens), verbosity against a comparison group, and re-pricing at another rate card.
//!
//! Token counts are never published: they are **derived** as cost ÷ price per 1M tokens × 10^6
//! ([`DERIVED`], exact formulas in docs/cost.md). AA writes 0 for a price or cost it does not know:
//! such a 0 is unknown here, never free.
//!
//! The cost is AA's cost of running its whole suite once, whatever methodology the index is computed
//! under; cost per point divides it by the index you chose (any methodology, abstention policy,
//! override).

use std::collections::HashMap;

use serde::Serialize;

use reweigh_evals::Dataset;
use reweigh_evals::dataset::COST_TOLERANCE_USD;

use crate::explain::unknown_slug;
use crate::score::{ModelScore, Scored};

/// The label every derived token count carries.
pub const DERIVED: &str = "derived: cost ÷ price";

/// The formula, as docs/cost.md states it.
pub const FORMULA: &str = "tokens = cost (USD) ÷ price (USD per 1M tokens) × 1,000,000: output tokens from the output cost and output price; reasoning and answer tokens from their costs and the output price";

/// Above this many models on a frontier's axis, the per-model lists of dominated models are left out
/// (the counts stay): the lists grow with the square of the models.
pub const MAX_DOMINANCE_LISTS: usize = 2_000;

/// The largest price `--price` accepts, USD per 1M tokens (as the dataset column's range).
pub const MAX_PRICE: f64 = 1.0e6;

/// `--top N` for the comparison group: at most this many models.
pub const MAX_GROUP: usize = 100_000;

/// AA's published cost of running the index and its prices for one row; a 0 is unknown (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Published {
    /// Total cost, USD: input + output.
    pub cost: Option<f64>,
    pub input_cost: Option<f64>,
    /// Output cost, USD: reasoning + answer.
    pub output_cost: Option<f64>,
    pub reasoning_cost: Option<f64>,
    pub answer_cost: Option<f64>,
    /// USD per 1M input tokens.
    pub price_input: Option<f64>,
    /// USD per 1M output tokens (reasoning tokens are output tokens).
    pub price_output: Option<f64>,
    /// USD per 1M cached (cache-hit) input tokens.
    pub price_cache_hit: Option<f64>,
}

impl Published {
    /// Reads a row. A 0 price or total, input or output cost is unknown. A reasoning or answer cost
    /// of 0 is a real zero only when the output cost is known and the other part equals it (within
    /// a cent): a non-reasoning model spends no reasoning tokens.
    pub fn of(d: &Dataset, row: usize) -> Published {
        let known = |c: &str| d.value(row, c).filter(|v| *v > 0.0);
        let output_cost = known("index_cost_output_usd");
        let part = |this: &str, other: &str| match d.value(row, this) {
            Some(v) if v > 0.0 => Some(v),
            Some(0.0) => {
                let rest = known(other)?;
                ((output_cost? - rest).abs() <= COST_TOLERANCE_USD).then_some(0.0)
            }
            _ => None,
        };
        Published {
            cost: known("index_cost_usd"),
            input_cost: known("index_cost_input_usd"),
            output_cost,
            reasoning_cost: part("index_cost_reasoning_usd", "index_cost_answer_usd"),
            answer_cost: part("index_cost_answer_usd", "index_cost_reasoning_usd"),
            price_input: known("price_input_per_1m_usd"),
            price_output: known("price_output_per_1m_usd"),
            price_cache_hit: known("price_cache_hit_per_1m_usd"),
        }
    }

    /// Output tokens: output cost ÷ output price × 10^6 (derived).
    pub fn output_tokens(&self) -> Option<f64> {
        tokens(self.output_cost, self.price_output)
    }
    /// Reasoning tokens: reasoning cost ÷ output price × 10^6 (derived).
    pub fn reasoning_tokens(&self) -> Option<f64> {
        tokens(self.reasoning_cost, self.price_output)
    }
    /// Answer tokens: answer cost ÷ output price × 10^6 (derived).
    pub fn answer_tokens(&self) -> Option<f64> {
        tokens(self.answer_cost, self.price_output)
    }
    /// Input tokens lie between input cost ÷ input price (none cached) and input cost ÷ cache-hit
    /// price (all cached): AA's input cost mixes the two and does not say how. Without a cache-hit
    /// price both ends are input cost ÷ input price.
    pub fn input_tokens(&self) -> Option<(f64, f64)> {
        let all_uncached = tokens(self.input_cost, self.price_input)?;
        let all_cached = tokens(self.input_cost, self.price_cache_hit).unwrap_or(all_uncached);
        Some((all_uncached.min(all_cached), all_uncached.max(all_cached)))
    }
}

/// Tokens bought by `cost` USD at `price` USD per 1M tokens.
pub fn tokens(cost: Option<f64>, price: Option<f64>) -> Option<f64> {
    Some(cost? / price? * 1e6)
}

/// Whether any row of the dataset has a known cost and output price (a dataset without the cost
/// columns has none).
pub fn has_costs(d: &Dataset) -> bool {
    (0..d.len()).any(|i| {
        let p = Published::of(d, i);
        p.cost.is_some() && p.output_tokens().is_some()
    })
}

/// A new rate card, USD per 1M tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Price {
    pub input: f64,
    pub output: f64,
    /// `None` when not given: see [`InputBasis::SameCacheDiscount`].
    pub cache_hit: Option<f64>,
}

/// `--price MODEL=IN/OUT[/CACHE]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reprice {
    pub slug: String,
    pub price: Price,
}

impl Reprice {
    /// Parses `MODEL=IN/OUT[/CACHE]`: prices in USD per 1M tokens, each above 0 (0 is AA's unknown)
    /// and at most [`MAX_PRICE`].
    pub fn parse(text: &str) -> Result<Reprice, String> {
        let form = "MODEL=IN/OUT[/CACHE], prices in USD per 1M tokens above 0 and at most 1e6 (for example --price qwen3-7-max=1.714/5.142)";
        let (slug, prices) = text
            .split_once('=')
            .ok_or_else(|| format!("--price '{text}' is not {form}"))?;
        let slug = slug.trim();
        if slug.is_empty() {
            return Err(format!("--price '{text}' names no model; expected {form}"));
        }
        let parts: Vec<&str> = prices.split('/').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(format!(
                "--price '{text}' has {} price(s); expected {form}",
                parts.len()
            ));
        }
        let mut values = Vec::with_capacity(3);
        for (p, what) in parts.iter().zip(["IN", "OUT", "CACHE"]) {
            let v = p
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v > 0.0 && *v <= MAX_PRICE)
                .ok_or_else(|| {
                    format!("--price '{text}': {what} '{p}' is not a price; expected {form}")
                })?;
            values.push(v);
        }
        Ok(Reprice {
            slug: slug.to_string(),
            price: Price {
                input: values[0],
                output: values[1],
                cache_hit: values.get(2).copied(),
            },
        })
    }
}

/// How the input part of a re-priced cost was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputBasis {
    /// No new cache-hit price given: taken as the new input price × AA's cache-hit/input ratio, so
    /// the input cost scales with the input price exactly.
    SameCacheDiscount,
    /// No cache-hit price published for the model: its input cost is taken as all uncached.
    NoPublishedCachePrice,
    /// Both cache-hit prices known: the input cost lies between "none cached" and "all cached".
    Bounded,
}

/// One model at a new price.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repriced {
    pub slug: String,
    pub published_price: Price,
    pub price: Price,
    pub published_cost: f64,
    /// Output cost at the new price: output tokens × new output price (exact).
    pub output_cost: f64,
    /// Input cost at the new price if no input token was cached (input cost × new/old input price).
    pub input_cost: f64,
    /// The input cost's bounds: none cached and all cached.
    pub input_cost_low: f64,
    pub input_cost_high: f64,
    /// `input_cost + output_cost`, and its bounds.
    pub cost: f64,
    pub cost_low: f64,
    pub cost_high: f64,
    pub input_basis: InputBasis,
    /// The cache-hit price used (given, or assumed: see `input_basis`).
    pub cache_hit_used: Option<f64>,
}

impl Repriced {
    fn new(slug: &str, p: &Published, price: Price) -> Option<Repriced> {
        let (input, output) = (p.input_cost?, p.output_cost?);
        let (old_in, old_out) = (p.price_input?, p.price_output?);
        let output_cost = output * price.output / old_out;
        let uncached = input * price.input / old_in;
        let (basis, cache_used, cached) = match (p.price_cache_hit, price.cache_hit) {
            (None, given) => (InputBasis::NoPublishedCachePrice, given, uncached),
            (Some(old_cache), None) => {
                let assumed = price.input * old_cache / old_in;
                (InputBasis::SameCacheDiscount, Some(assumed), uncached)
            }
            (Some(old_cache), Some(new_cache)) => (
                InputBasis::Bounded,
                Some(new_cache),
                input * new_cache / old_cache,
            ),
        };
        // Equal ends (up to rounding in the last bits) are one exact value.
        let cached = if (cached - uncached).abs() <= 1e-12 * uncached.abs() {
            uncached
        } else {
            cached
        };
        let (low, high) = (uncached.min(cached), uncached.max(cached));
        Some(Repriced {
            slug: slug.to_string(),
            published_price: Price {
                input: old_in,
                output: old_out,
                cache_hit: p.price_cache_hit,
            },
            price,
            published_cost: p.cost?,
            output_cost,
            input_cost: uncached,
            input_cost_low: low,
            input_cost_high: high,
            cost: uncached + output_cost,
            cost_low: low + output_cost,
            cost_high: high + output_cost,
            input_basis: basis,
            cache_hit_used: cache_used,
        })
    }

    /// Whether the bounds coincide (the re-priced cost is exact).
    pub fn exact(&self) -> bool {
        self.cost_low == self.cost_high
    }
}

/// The comparison group for verbosity.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum GroupChoice {
    /// Every model with output tokens (the evaluated set).
    #[default]
    All,
    /// The N best-ranked models with output tokens.
    Top(usize),
    /// The listed slugs.
    Listed(Vec<String>),
}

/// What [`cost`] computes beyond AA's published figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    pub group: GroupChoice,
    pub prices: Vec<Reprice>,
}

/// The comparison group, as used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// `all`, `top`, `listed`.
    pub kind: &'static str,
    /// `top`: N.
    pub top: Option<usize>,
    /// The models whose output tokens make the median (every model with tokens for `all`: not
    /// listed).
    pub members: Option<Vec<String>>,
    /// Listed models left out because their output tokens are unknown.
    pub without_tokens: Vec<String>,
    pub size: usize,
    /// Median output tokens of the group (derived).
    pub median_output_tokens: f64,
}

/// One model's position against a Pareto frontier of index (higher is better) against a cost axis
/// (lower is better: USD, or output tokens).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Position {
    /// No other model has at least its index for at most its cost, one of them strictly.
    pub on_frontier: bool,
    /// Index points below the frontier at its cost: the best index among models costing at most as
    /// much, minus its own (0 on the frontier).
    pub index_gap: f64,
    /// Its cost over the least cost at which some model reaches at least its index (1 on the
    /// frontier).
    pub cost_ratio: f64,
    /// The best model costing at most as much (itself on the frontier).
    pub best_at_cost: String,
    /// The cheapest model with at least its index (itself on the frontier).
    pub cheapest_at_index: String,
    /// How many models it dominates.
    pub dominates: usize,
    /// Which (slugs, best index first); `None` above [`MAX_DOMINANCE_LISTS`] models.
    pub dominated: Option<Vec<String>>,
}

/// One model's cost, tokens and frontier positions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelCost {
    pub slug: String,
    pub model: String,
    pub rank: Option<usize>,
    /// The index under the chosen methodology and scoring.
    pub index: Option<f64>,
    /// USD to run the index: AA's, or at the new price with `--price` (then `repriced` says how).
    pub cost: Option<f64>,
    pub published_cost: Option<f64>,
    pub input_cost: Option<f64>,
    pub output_cost: Option<f64>,
    pub reasoning_cost: Option<f64>,
    pub answer_cost: Option<f64>,
    pub price_input: Option<f64>,
    pub price_output: Option<f64>,
    pub price_cache_hit: Option<f64>,
    /// `cost ÷ index`, USD per index point (when the index is above 0).
    pub cost_per_point: Option<f64>,
    /// Derived: output cost ÷ output price × 10^6.
    pub output_tokens: Option<f64>,
    /// Derived: reasoning cost ÷ output price × 10^6.
    pub reasoning_tokens: Option<f64>,
    /// Derived: answer cost ÷ output price × 10^6.
    pub answer_tokens: Option<f64>,
    /// Derived bounds: input cost ÷ input price and ÷ cache-hit price, × 10^6.
    pub input_tokens_low: Option<f64>,
    pub input_tokens_high: Option<f64>,
    /// `output_tokens ÷ index`.
    pub tokens_per_point: Option<f64>,
    /// `reasoning_tokens ÷ output_tokens`.
    pub reasoning_share: Option<f64>,
    /// `output_tokens ÷` the group's median output tokens.
    pub verbosity: Option<f64>,
    /// On the frontier of index against cost (`None` without an index or a cost).
    pub on_frontier: Option<bool>,
    /// Against cost (USD).
    pub frontier: Option<Position>,
    /// Against output tokens.
    pub token_frontier: Option<Position>,
    pub repriced: Option<Repriced>,
}

/// The cost of every model, with the frontiers and the group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostReport {
    /// "derived: cost ÷ price": the label of every token count.
    pub derived: &'static str,
    pub formula: &'static str,
    pub models_with_cost: usize,
    /// Models with an index and a cost: the frontier's population.
    pub models_on_axes: usize,
    pub group: Group,
    /// Slugs on the frontier of index against cost, cheapest first.
    pub frontier: Vec<String>,
    /// Slugs on the frontier of index against output tokens, fewest first.
    pub token_frontier: Vec<String>,
    pub repriced: Vec<Repriced>,
    /// Models in rank order (as scored), those without an index last.
    pub models: Vec<ModelCost>,
    pub notes: Vec<String>,
}

impl CostReport {
    pub fn find(&self, slug: &str) -> Option<&ModelCost> {
        self.models.iter().find(|m| m.slug == slug)
    }
}

/// Cost, tokens, frontiers and verbosity for every model of `scored` (the result of scoring
/// `dataset`).
pub fn cost(dataset: &Dataset, scored: &Scored, options: &Options) -> Result<CostReport, String> {
    if !has_costs(dataset) {
        return Err(format!(
            "{} has no model with a known cost of running the index and output price (columns index_cost_*_usd and price_*_per_1m_usd, 0 or NA: unknown); the default dataset has them (datasets/README.md, Cost and prices)",
            dataset.origin
        ));
    }
    let check = |slug: &str, flag: &str| -> Result<usize, String> {
        dataset.find(slug).ok_or_else(|| {
            format!(
                "{flag}: {}",
                unknown_slug(
                    slug,
                    dataset.rows.iter().map(|r| r.slug.as_str()),
                    &dataset.origin
                )
            )
        })
    };
    let mut reprices: HashMap<&str, Price> = HashMap::new();
    for r in &options.prices {
        let row = check(&r.slug, "--price")?;
        if reprices.insert(r.slug.as_str(), r.price).is_some() {
            return Err(format!(
                "--price: {} is re-priced twice; give one price per model",
                r.slug
            ));
        }
        let p = Published::of(dataset, row);
        if p.input_cost.is_none() || p.output_tokens().is_none() || p.price_input.is_none() {
            return Err(format!(
                "--price: {} has no published cost of running the index with input and output prices (AA gives 0 or nothing: unknown), so its tokens cannot be derived and re-priced",
                r.slug
            ));
        }
    }
    let mut models: Vec<ModelCost> = scored
        .models
        .iter()
        .map(|s| model_cost(dataset, s, reprices.get(s.slug.as_str()).copied()))
        .collect();
    let group = group(&models, &options.group, |s| check(s, "--vs-group"))?;
    for m in &mut models {
        m.verbosity = m.output_tokens.map(|t| t / group.median_output_tokens);
    }
    let cost_axis: Vec<(usize, f64, f64)> = axis(&models, |m| m.cost);
    let token_axis: Vec<(usize, f64, f64)> = axis(&models, |m| m.output_tokens);
    let frontier = place(&mut models, &cost_axis, |m, p| {
        m.on_frontier = Some(p.on_frontier);
        m.frontier = Some(p);
    });
    let token_frontier = place(&mut models, &token_axis, |m, p| m.token_frontier = Some(p));
    let mut notes = vec![
        format!(
            "{DERIVED}: token counts are not published; {FORMULA} (docs/cost.md)"
        ),
        "cost: AA's cost of running its whole v4.0 suite once, whatever methodology the index is computed under; cost per point divides it by the index shown".to_string(),
        "a price or cost of 0 is AA's 'unknown': such models have no cost here, never a free one".to_string(),
    ];
    let with_cost = models.iter().filter(|m| m.cost.is_some()).count();
    let unknown = models.len() - with_cost;
    if unknown > 0 {
        notes.push(format!(
            "{unknown} of {} models have no known cost (datasets/README.md lists them)",
            models.len()
        ));
    }
    let non_positive = models
        .iter()
        .filter(|m| m.cost.is_some() && m.index.is_some_and(|i| i <= 0.0))
        .count();
    if non_positive > 0 {
        notes.push(format!(
            "{non_positive} models with a cost have an index of 0 or below under this scoring: no cost per point"
        ));
    }
    if cost_axis.len() > MAX_DOMINANCE_LISTS {
        notes.push(format!(
            "{} models on the frontier's axes: the lists of dominated models are left out above {MAX_DOMINANCE_LISTS} (the counts are given)",
            cost_axis.len()
        ));
    }
    let repriced: Vec<Repriced> = models.iter().filter_map(|m| m.repriced.clone()).collect();
    for r in &repriced {
        notes.push(match r.input_basis {
            InputBasis::Bounded if !r.exact() => format!(
                "{} re-priced: output cost exact ({DERIVED}); the input cost mixes cached and uncached tokens, so the cost lies in {:.2}..{:.2} USD (shown: none cached)",
                r.slug, r.cost_low, r.cost_high
            ),
            InputBasis::Bounded => format!(
                "{} re-priced: the cache-hit price keeps AA's ratio to the input price, so the cost is exact",
                r.slug
            ),
            InputBasis::SameCacheDiscount => format!(
                "{} re-priced without a cache-hit price: taken as {:.4} USD per 1M (AA's cache-hit/input ratio), which makes the cost exact; give /CACHE to see the bound",
                r.slug,
                r.cache_hit_used.unwrap_or(f64::NAN)
            ),
            InputBasis::NoPublishedCachePrice => format!(
                "{} re-priced: AA lists no cache-hit price for it, so its input cost is taken as uncached (exact if AA cached nothing)",
                r.slug
            ),
        });
    }
    Ok(CostReport {
        derived: DERIVED,
        formula: FORMULA,
        models_with_cost: with_cost,
        models_on_axes: cost_axis.len(),
        group,
        frontier,
        token_frontier,
        repriced,
        models,
        notes,
    })
}

fn model_cost(d: &Dataset, s: &ModelScore, reprice: Option<Price>) -> ModelCost {
    let p = d
        .find(&s.slug)
        .map(|row| Published::of(d, row))
        .unwrap_or_default();
    let repriced = reprice.and_then(|price| Repriced::new(&s.slug, &p, price));
    let output_tokens = p.output_tokens();
    let reasoning_tokens = p.reasoning_tokens();
    let answer_tokens = p.answer_tokens();
    // At a new price every cost part scales with its price; tokens stay.
    let (cost, input_cost, output_cost, reasoning_cost, answer_cost) = match &repriced {
        Some(r) => {
            let scale = r.price.output / r.published_price.output;
            (
                Some(r.cost),
                Some(r.input_cost),
                Some(r.output_cost),
                p.reasoning_cost.map(|c| c * scale),
                p.answer_cost.map(|c| c * scale),
            )
        }
        None => (
            p.cost,
            p.input_cost,
            p.output_cost,
            p.reasoning_cost,
            p.answer_cost,
        ),
    };
    let positive_index = s.index.filter(|i| *i > 0.0);
    let input = p.input_tokens();
    ModelCost {
        slug: s.slug.clone(),
        model: s.model.clone(),
        rank: s.rank,
        index: s.index,
        cost,
        published_cost: p.cost,
        input_cost,
        output_cost,
        reasoning_cost,
        answer_cost,
        price_input: repriced
            .as_ref()
            .map_or(p.price_input, |r| Some(r.price.input)),
        price_output: repriced
            .as_ref()
            .map_or(p.price_output, |r| Some(r.price.output)),
        price_cache_hit: repriced
            .as_ref()
            .map_or(p.price_cache_hit, |r| r.cache_hit_used),
        cost_per_point: cost.zip(positive_index).map(|(c, i)| c / i),
        output_tokens,
        reasoning_tokens,
        answer_tokens,
        input_tokens_low: input.map(|i| i.0),
        input_tokens_high: input.map(|i| i.1),
        tokens_per_point: output_tokens.zip(positive_index).map(|(t, i)| t / i),
        reasoning_share: reasoning_tokens
            .zip(output_tokens)
            .filter(|(_, o)| *o > 0.0)
            .map(|(r, o)| r / o),
        verbosity: None,
        on_frontier: None,
        frontier: None,
        token_frontier: None,
        repriced,
    }
}

/// The comparison group and its median output tokens.
fn group(
    models: &[ModelCost],
    choice: &GroupChoice,
    check: impl Fn(&str) -> Result<usize, String>,
) -> Result<Group, String> {
    let with_tokens = |m: &&ModelCost| m.output_tokens.is_some();
    let (kind, top, members, without): (&str, Option<usize>, Vec<&ModelCost>, Vec<String>) =
        match choice {
            GroupChoice::All => (
                "all",
                None,
                models.iter().filter(with_tokens).collect(),
                vec![],
            ),
            GroupChoice::Top(n) => {
                // Models are in rank order: the N best-ranked with output tokens.
                let members: Vec<&ModelCost> = models
                    .iter()
                    .filter(|m| m.rank.is_some())
                    .filter(with_tokens)
                    .take(*n)
                    .collect();
                ("top", Some(*n), members, vec![])
            }
            GroupChoice::Listed(slugs) => {
                let mut members = Vec::new();
                let mut without = Vec::new();
                for slug in slugs {
                    check(slug)?;
                    let Some(m) = models.iter().find(|m| &m.slug == slug) else {
                        continue;
                    };
                    if members.iter().any(|x: &&ModelCost| x.slug == m.slug) {
                        continue;
                    }
                    if m.output_tokens.is_some() {
                        members.push(m);
                    } else {
                        without.push(m.slug.clone());
                    }
                }
                ("listed", None, members, without)
            }
        };
    let mut values: Vec<f64> = members.iter().filter_map(|m| m.output_tokens).collect();
    let median = median(&mut values).ok_or_else(|| {
        format!(
            "--vs-group: none of the group's models has known output tokens (no published cost and output price){}",
            if without.is_empty() {
                String::new()
            } else {
                format!(": {}", without.join(", "))
            }
        )
    })?;
    Ok(Group {
        kind,
        top,
        members: (kind != "all").then(|| members.iter().map(|m| m.slug.clone()).collect()),
        without_tokens: without,
        size: values.len(),
        median_output_tokens: median,
    })
}

/// The median (the mean of the two middle values for an even count).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        0.5 * (values[n / 2 - 1] + values[n / 2])
    })
}

/// (model position, index, x) for models with an index and a value on the axis.
fn axis(models: &[ModelCost], x: impl Fn(&ModelCost) -> Option<f64>) -> Vec<(usize, f64, f64)> {
    models
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.index?, x(m)?)))
        .collect()
}

/// Computes the frontier of `points` and hands each model its position; returns the frontier's
/// slugs, cheapest first.
fn place(
    models: &mut [ModelCost],
    points: &[(usize, f64, f64)],
    mut set: impl FnMut(&mut ModelCost, Position),
) -> Vec<String> {
    let xy: Vec<(f64, f64)> = points.iter().map(|&(_, s, x)| (s, x)).collect();
    let fr = pareto(&xy, points.len() <= MAX_DOMINANCE_LISTS);
    let slug = |k: usize| models[points[k].0].slug.clone();
    let mut on: Vec<usize> = (0..points.len()).filter(|&k| fr[k].on_frontier).collect();
    on.sort_by(|&a, &b| {
        xy[a]
            .1
            .total_cmp(&xy[b].1)
            .then(xy[b].0.total_cmp(&xy[a].0))
            .then(models[points[a].0].slug.cmp(&models[points[b].0].slug))
    });
    let frontier: Vec<String> = on.iter().map(|&k| slug(k)).collect();
    let positions: Vec<Position> = fr
        .iter()
        .map(|f| Position {
            on_frontier: f.on_frontier,
            index_gap: f.index_gap,
            cost_ratio: f.ratio,
            best_at_cost: slug(f.best_at_x),
            cheapest_at_index: slug(f.cheapest_at_score),
            dominates: f.dominates,
            dominated: f.dominated.as_ref().map(|list| {
                let mut list = list.clone();
                list.sort_by(|&a, &b| xy[b].0.total_cmp(&xy[a].0).then(slug(a).cmp(&slug(b))));
                list.into_iter().map(slug).collect()
            }),
        })
        .collect();
    for (k, p) in positions.into_iter().enumerate() {
        set(&mut models[points[k].0], p);
    }
    frontier
}

/// A point's place against the Pareto frontier of score (higher is better) against x (lower is
/// better).
#[derive(Debug, Clone, PartialEq)]
pub struct Frontier {
    pub on_frontier: bool,
    /// max{score_j : x_j <= x} − score (>= 0).
    pub index_gap: f64,
    /// x ÷ min{x_j : score_j >= score} (>= 1).
    pub ratio: f64,
    /// The point attaining the max above (the lowest x among ties, then the first).
    pub best_at_x: usize,
    /// The point attaining the min above (the highest score among ties, then the first).
    pub cheapest_at_score: usize,
    /// #{j : x_j >= x, score_j <= score, one strictly}.
    pub dominates: usize,
    /// Those points, when asked for.
    pub dominated: Option<Vec<usize>>,
}

/// The Pareto frontier of `(score, x)` points in O(n log n) (the lists, when asked for, in O(n²)).
/// Point j dominates i when x_j <= x_i and score_j >= score_i, one of them strictly; equal points
/// do not dominate each other.
pub fn pareto(points: &[(f64, f64)], lists: bool) -> Vec<Frontier> {
    let n = points.len();
    let s = |k: usize| points[k].0;
    let x = |k: usize| points[k].1;
    // By x ascending, score descending: the best at each x comes first in its group.
    let mut by_x: Vec<usize> = (0..n).collect();
    by_x.sort_by(|&a, &b| {
        x(a).total_cmp(&x(b))
            .then(s(b).total_cmp(&s(a)))
            .then(a.cmp(&b))
    });
    let mut best_at_x = vec![0; n];
    let mut dominated_flag = vec![false; n];
    let mut best_before: Option<usize> = None; // best over strictly smaller x
    let mut g = 0;
    while g < n {
        let mut end = g;
        while end < n && x(by_x[end]) == x(by_x[g]) {
            end += 1;
        }
        let group_best = by_x[g];
        let best = match best_before {
            Some(b) if s(b) >= s(group_best) => b,
            _ => group_best,
        };
        for &k in &by_x[g..end] {
            best_at_x[k] = best;
            let strictly_before = best_before.is_some_and(|b| s(b) >= s(k));
            dominated_flag[k] = strictly_before || s(group_best) > s(k);
        }
        best_before = Some(best);
        g = end;
    }
    // By score descending, x ascending: the cheapest at each score comes first in its group.
    let mut by_s: Vec<usize> = (0..n).collect();
    by_s.sort_by(|&a, &b| {
        s(b).total_cmp(&s(a))
            .then(x(a).total_cmp(&x(b)))
            .then(a.cmp(&b))
    });
    let mut cheapest = vec![0; n];
    let mut cheapest_so_far: Option<usize> = None;
    let mut g = 0;
    while g < n {
        let mut end = g;
        while end < n && s(by_s[end]) == s(by_s[g]) {
            end += 1;
        }
        let group_cheapest = by_s[g];
        let c = match cheapest_so_far {
            Some(c) if x(c) <= x(group_cheapest) => c,
            _ => group_cheapest,
        };
        for &k in &by_s[g..end] {
            cheapest[k] = c;
        }
        cheapest_so_far = Some(c);
        g = end;
    }
    let counts = dominance_counts(points);
    (0..n)
        .map(|k| Frontier {
            on_frontier: !dominated_flag[k],
            index_gap: s(best_at_x[k]) - s(k),
            ratio: x(k) / x(cheapest[k]),
            best_at_x: best_at_x[k],
            cheapest_at_score: cheapest[k],
            dominates: counts[k],
            dominated: lists.then(|| {
                (0..n)
                    .filter(|&j| dominates(points[k], points[j]))
                    .collect()
            }),
        })
        .collect()
}

/// Whether `a` dominates `b`: no worse on both, better on one.
pub fn dominates(a: (f64, f64), b: (f64, f64)) -> bool {
    a.1 <= b.1 && a.0 >= b.0 && (a.1 < b.1 || a.0 > b.0)
}

/// For each point, how many points it dominates: sweep x descending with a Fenwick tree over score
/// ranks, minus the points equal to it.
fn dominance_counts(points: &[(f64, f64)]) -> Vec<usize> {
    let n = points.len();
    // +0.0 makes −0 and 0 one key.
    let key = |v: f64| (v + 0.0).to_bits();
    let mut scores: Vec<f64> = points.iter().map(|p| p.0 + 0.0).collect();
    scores.sort_by(f64::total_cmp);
    scores.dedup();
    let rank = |v: f64| scores.partition_point(|&u| u.total_cmp(&(v + 0.0)).is_le());
    let mut same: HashMap<(u64, u64), usize> = HashMap::new();
    for p in points {
        *same.entry((key(p.0), key(p.1))).or_default() += 1;
    }
    let mut tree = vec![0usize; scores.len() + 1];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| points[b].1.total_cmp(&points[a].1));
    let mut out = vec![0; n];
    let mut g = 0;
    while g < n {
        let mut end = g;
        while end < n && points[order[end]].1 == points[order[g]].1 {
            end += 1;
        }
        for &k in &order[g..end] {
            let mut r = rank(points[k].0);
            while r < tree.len() {
                tree[r] += 1;
                r += r & r.wrapping_neg();
            }
        }
        for &k in &order[g..end] {
            // Points with x >= x_k and score <= score_k, itself and its equals included.
            let (mut r, mut c) = (rank(points[k].0), 0);
            while r > 0 {
                c += tree[r];
                r -= r & r.wrapping_neg();
            }
            out[k] = c - same[&(key(points[k].0), key(points[k].1))];
        }
        g = end;
    }
    out
}

/// One quantity of a cost comparison between two models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub id: &'static str,
    pub unit: &'static str,
    /// A derived token count ([`DERIVED`]).
    pub derived: bool,
    pub model: Option<f64>,
    pub other: Option<f64>,
    /// model − other.
    pub difference: Option<f64>,
    /// model ÷ other − 1.
    pub relative: Option<f64>,
}

/// The cost and token differences between two models (`explain A --vs B`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostComparison {
    pub model: String,
    pub other: String,
    pub derived: &'static str,
    pub quantities: Vec<Quantity>,
}

impl CostComparison {
    pub fn get(&self, id: &str) -> Option<&Quantity> {
        self.quantities.iter().find(|q| q.id == id)
    }
}

/// The cost and token differences of `a` and `b` at AA's prices; `None` when the dataset has no
/// cost columns.
pub fn compare(d: &Dataset, a: &ModelScore, b: &ModelScore) -> Option<CostComparison> {
    if !d.has_column("index_cost_usd") {
        return None;
    }
    let (ca, cb) = (model_cost(d, a, None), model_cost(d, b, None));
    let q = |id, unit, derived, f: fn(&ModelCost) -> Option<f64>| {
        let (x, y) = (f(&ca), f(&cb));
        Quantity {
            id,
            unit,
            derived,
            model: x,
            other: y,
            difference: x.zip(y).map(|(x, y)| x - y),
            relative: x.zip(y.filter(|y| *y > 0.0)).map(|(x, y)| x / y - 1.0),
        }
    };
    Some(CostComparison {
        model: a.slug.clone(),
        other: b.slug.clone(),
        derived: DERIVED,
        quantities: vec![
            q("index", "index points", false, |m| m.index),
            q("cost", "USD", false, |m| m.cost),
            q("cost_per_point", "USD per index point", false, |m| {
                m.cost_per_point
            }),
            q("output_tokens", "tokens", true, |m| m.output_tokens),
            q("reasoning_tokens", "tokens", true, |m| m.reasoning_tokens),
            q("answer_tokens", "tokens", true, |m| m.answer_tokens),
            q("tokens_per_point", "tokens per index point", true, |m| {
                m.tokens_per_point
            }),
        ],
    })
}

/// Keeps only the `only` slugs (all when empty) and sorts by `sort`: `rank` (as given), `cost`,
/// `cost-per-point`, `tokens` or `verbosity`, ascending, unknown values last, ties in rank order.
pub fn order(models: &mut Vec<ModelCost>, only: &[String], sort: &str) {
    models.retain(|m| only.is_empty() || only.contains(&m.slug));
    let key: Option<fn(&ModelCost) -> Option<f64>> = match sort {
        "cost" => Some(|m| m.cost),
        "cost-per-point" => Some(|m| m.cost_per_point),
        "tokens" => Some(|m| m.output_tokens),
        "verbosity" => Some(|m| m.verbosity),
        _ => None,
    };
    if let Some(key) = key {
        models.sort_by(|a, b| match (key(a), key(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reweigh_evals::{Dataset, LoadOptions};

    /// A small deterministic generator (not a benchmark of anything: points with many ties).
    fn points(seed: u64, n: usize) -> Vec<(f64, f64)> {
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % 7
        };
        (0..n)
            .map(|_| (next() as f64, 1.0 + next() as f64))
            .collect()
    }

    #[test]
    fn pareto_agrees_with_brute_force_on_points_with_ties() {
        for seed in 0..200 {
            let pts = points(seed, 1 + (seed as usize % 40));
            let fr = pareto(&pts, true);
            for (i, f) in fr.iter().enumerate() {
                let dominated_by: Vec<usize> = (0..pts.len())
                    .filter(|&j| dominates(pts[j], pts[i]))
                    .collect();
                assert_eq!(
                    f.on_frontier,
                    dominated_by.is_empty(),
                    "seed {seed} point {i}"
                );
                let mine: Vec<usize> = (0..pts.len())
                    .filter(|&j| dominates(pts[i], pts[j]))
                    .collect();
                assert_eq!(f.dominates, mine.len(), "seed {seed} point {i}");
                assert_eq!(f.dominated.as_ref(), Some(&mine));
                let best = pts
                    .iter()
                    .filter(|p| p.1 <= pts[i].1)
                    .map(|p| p.0)
                    .fold(f64::MIN, f64::max);
                assert_eq!(f.index_gap, best - pts[i].0);
                assert_eq!(pts[f.best_at_x].0, best);
                let cheapest = pts
                    .iter()
                    .filter(|p| p.0 >= pts[i].0)
                    .map(|p| p.1)
                    .fold(f64::MAX, f64::min);
                assert_eq!(f.ratio, pts[i].1 / cheapest);
                assert_eq!(pts[f.cheapest_at_score].1, cheapest);
                // On the frontier: no gap, ratio 1.
                if f.on_frontier {
                    assert_eq!((f.index_gap, f.ratio), (0.0, 1.0));
                }
            }
        }
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn price_flags_are_checked() {
        let r = Reprice::parse("qwen3-7-max=1.714/5.142").unwrap();
        assert_eq!(r.slug, "qwen3-7-max");
        assert_eq!(
            r.price,
            Price {
                input: 1.714,
                output: 5.142,
                cache_hit: None
            }
        );
        assert_eq!(
            Reprice::parse("m=1/2/0.1").unwrap().price.cache_hit,
            Some(0.1)
        );
        for bad in [
            "m",
            "=1/2",
            "m=1",
            "m=1/2/3/4",
            "m=0/2",
            "m=1/-2",
            "m=1/nan",
            "m=1/2e6",
            "m=1/inf",
        ] {
            let e = Reprice::parse(bad).unwrap_err();
            assert!(e.contains("MODEL=IN/OUT[/CACHE]"), "{bad}: {e}");
        }
    }

    fn row(costs: &str) -> Published {
        let csv = format!(
            "slug,index_cost_usd,index_cost_input_usd,index_cost_output_usd,index_cost_reasoning_usd,index_cost_answer_usd,price_input_per_1m_usd,price_output_per_1m_usd,price_cache_hit_per_1m_usd\na,{costs}\n"
        );
        let d = Dataset::from_plain_csv("t.csv", &csv, &LoadOptions::default()).unwrap();
        Published::of(&d, 0)
    }

    #[test]
    fn zero_is_unknown_except_a_part_that_the_identity_makes_zero() {
        // qwen3-7-max as AA publishes it.
        let q = row("1202.4919,477.0052,725.4868,670.5082,54.9785,2.5,7.5,0.25");
        assert_eq!(q.output_tokens(), Some(725.4868 / 7.5 * 1e6));
        assert_eq!(q.reasoning_tokens(), Some(670.5082 / 7.5 * 1e6));
        assert_eq!(
            q.input_tokens(),
            Some((477.0052 / 2.5 * 1e6, 477.0052 / 0.25 * 1e6))
        );
        // AA's all-zero row: unknown, not free.
        let z = row("0,0,0,0,0,0,0,NA");
        assert_eq!(z, Published::default());
        // A non-reasoning model: no reasoning tokens, answer = output.
        let n = row("10.5,4,6.5,0.0,6.5,1,2,NA");
        assert_eq!(n.reasoning_tokens(), Some(0.0));
        assert_eq!(n.answer_tokens(), n.output_tokens());
        assert_eq!(n.input_tokens(), Some((4e6, 4e6)));
        // A zero part that the identity does not support stays unknown.
        let u = row("10.5,4,6.5,0.0,NA,1,2,NA");
        assert_eq!(u.reasoning_cost, None);
        // Known costs, unknown price: no tokens.
        assert_eq!(row("10.5,4,6.5,1.5,5,1,0,NA").output_tokens(), None);
    }

    #[test]
    fn repricing_is_exact_on_output_and_bounded_on_input() {
        let q = row("1202.4919,477.0052,725.4868,670.5082,54.9785,2.5,7.5,0.25");
        let at = |cache| {
            Repriced::new(
                "q",
                &q,
                Price {
                    input: 1.714,
                    output: 5.142,
                    cache_hit: cache,
                },
            )
            .unwrap()
        };
        let r = at(None);
        assert_eq!(r.input_basis, InputBasis::SameCacheDiscount);
        assert!((r.output_cost - 96_731_573.333_333_33 * 5.142e-6).abs() < 1e-9);
        assert!((r.input_cost - 477.0052 * 1.714 / 2.5).abs() < 1e-12);
        assert!(r.exact());
        assert!((r.cache_hit_used.unwrap() - 0.1714).abs() < 1e-15);
        // A cache price that breaks AA's ratio: the input part lies between the two ends.
        let b = at(Some(0.5));
        assert_eq!(b.input_basis, InputBasis::Bounded);
        assert_eq!(b.input_cost_low, 477.0052 * 1.714 / 2.5);
        assert_eq!(b.input_cost_high, 477.0052 * 0.5 / 0.25);
        assert_eq!(b.cost, b.cost_low);
        assert!(b.cost_high > b.cost_low);
        // The published price gives the published cost back (to AA's rounding).
        let same = Repriced::new(
            "q",
            &q,
            Price {
                input: 2.5,
                output: 7.5,
                cache_hit: Some(0.25),
            },
        )
        .unwrap();
        // AA rounds the total and its parts to 4 decimals each.
        assert!((same.cost - 1202.4919).abs() <= 1.5e-4, "{}", same.cost);
        assert!(same.exact());
    }
}
