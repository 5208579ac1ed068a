//! The layout of `reweigh cost` (and the cost lines of `explain --vs`): tables for the table, CSV
//! and Markdown exporters. Derived token counts carry "derived: cost ÷ price" in their column header,
//! so the label survives in CSV, which has no notes.

use reweigh_composite::Scored;
use reweigh_composite::cost::{CostComparison, CostReport, DERIVED, InputBasis, ModelCost};

use crate::layout::{Cell, Table};

/// What the cost table shows and in which order.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Only these slugs (all when empty).
    pub models: Vec<String>,
    /// Sort key: `rank` (default), `cost`, `cost-per-point`, `tokens`, `verbosity`; unknown values last.
    pub sort: String,
}

fn millions(v: Option<f64>) -> Cell {
    Cell::opt(v.map(|t| t / 1e6), 2)
}

fn yes_no(v: Option<bool>) -> Cell {
    match v {
        Some(true) => Cell::Text("yes".into()),
        Some(false) => Cell::Text("no".into()),
        None => Cell::Empty,
    }
}

/// The models in the view's order.
pub fn ordered<'a>(r: &'a CostReport, view: &View) -> Vec<&'a ModelCost> {
    let mut rows: Vec<&ModelCost> = r
        .models
        .iter()
        .filter(|m| view.models.is_empty() || view.models.contains(&m.slug))
        .collect();
    let key: Option<fn(&ModelCost) -> Option<f64>> = match view.sort.as_str() {
        "cost" => Some(|m| m.cost),
        "cost-per-point" => Some(|m| m.cost_per_point),
        "tokens" => Some(|m| m.output_tokens),
        "verbosity" => Some(|m| m.verbosity),
        _ => None,
    };
    if let Some(key) = key {
        // Ascending, unknown last; ties keep rank order (a stable sort).
        rows.sort_by(|a, b| match (key(a), key(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    rows
}

/// The cost table: one row per model.
pub fn table(r: &CostReport, s: &Scored, view: &View) -> Table {
    let headers = [
        "rank",
        "slug",
        "model",
        "index",
        "cost (USD)",
        "USD per point",
        &format!("output tokens, M ({DERIVED})"),
        &format!("reasoning tokens, M ({DERIVED})"),
        "reasoning share",
        "verbosity (x group median)",
        "tokens per point, M",
        "cost frontier",
        "index gap",
        "cost x frontier",
        "dominates",
        "token frontier",
        "repriced",
    ]
    .map(String::from)
    .to_vec();
    let rows = ordered(r, view)
        .into_iter()
        .map(|m| {
            vec![
                m.rank.map_or(Cell::Empty, Cell::Int),
                Cell::Text(m.slug.clone()),
                Cell::Text(m.model.clone()),
                Cell::opt(m.index, 2),
                Cell::opt(m.cost, 2),
                Cell::opt(m.cost_per_point, 2),
                millions(m.output_tokens),
                millions(m.reasoning_tokens),
                Cell::opt(m.reasoning_share, 3),
                Cell::opt(m.verbosity, 2),
                millions(m.tokens_per_point),
                yes_no(m.on_frontier),
                Cell::opt(m.frontier.as_ref().map(|p| p.index_gap), 2),
                Cell::opt(m.frontier.as_ref().map(|p| p.cost_ratio), 2),
                m.frontier
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::Int(p.dominates)),
                yes_no(m.token_frontier.as_ref().map(|p| p.on_frontier)),
                Cell::Text(
                    m.repriced
                        .as_ref()
                        .map_or(String::new(), |_| "yes".to_string()),
                ),
            ]
        })
        .collect();
    let mut notes = vec![
        format!(
            "methodology {} (version {}, sha256 {}), abstention {}",
            s.methodology.name, s.methodology.version, s.methodology.hash, s.abstention
        ),
        format!(
            "dataset {}: {} models, {} with a known cost, {} with an index and a cost (the frontier's population)",
            s.dataset,
            r.models.len(),
            r.models_with_cost,
            r.models_on_axes
        ),
    ];
    notes.extend(r.notes.iter().cloned());
    notes.push(format!(
        "verbosity: output tokens ÷ {:.2}M, the median output tokens of {} ({DERIVED})",
        r.group.median_output_tokens / 1e6,
        match r.group.kind {
            "all" => format!("all {} models with output tokens", r.group.size),
            "top" => format!("the {} best-ranked models with output tokens", r.group.size),
            _ => format!(
                "the group {}",
                r.group.members.as_deref().unwrap_or(&[]).join(", ")
            ),
        }
    ));
    if !r.group.without_tokens.is_empty() {
        notes.push(format!(
            "left out of the group (no output tokens): {}",
            r.group.without_tokens.join(", ")
        ));
    }
    notes.push(format!(
        "cost frontier (index against cost, cheapest first): {}",
        r.frontier.join(", ")
    ));
    notes.push(format!(
        "token frontier (index against output tokens, fewest first): {}",
        r.token_frontier.join(", ")
    ));
    notes.push("index gap: the best index at no more cost, minus the model's; cost x frontier: its cost over the least cost that reaches its index; dominates: models with at most its index at no less cost".to_string());
    notes.extend(s.receipt.lines());
    Table {
        title: format!(
            "What an index point costs: {} {} (token counts {DERIVED})",
            s.methodology.name, s.methodology.version
        ),
        headers,
        rows,
        notes,
    }
}

/// The re-pricing table: published and new prices, the new cost with its bounds.
pub fn repricing(r: &CostReport) -> Table {
    let headers = [
        "slug",
        "input price",
        "output price",
        "cache-hit price",
        "new input price",
        "new output price",
        "cache-hit price used",
        "published cost (USD)",
        "output cost (USD, exact)",
        "input cost low",
        "input cost high",
        "cost (USD)",
        "cost low",
        "cost high",
        "input basis",
    ]
    .map(String::from)
    .to_vec();
    let rows = r
        .repriced
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.slug.clone()),
                Cell::num(p.published_price.input, 4),
                Cell::num(p.published_price.output, 4),
                Cell::opt(p.published_price.cache_hit, 4),
                Cell::num(p.price.input, 4),
                Cell::num(p.price.output, 4),
                Cell::opt(p.cache_hit_used, 4),
                Cell::num(p.published_cost, 2),
                Cell::num(p.output_cost, 2),
                Cell::num(p.input_cost_low, 2),
                Cell::num(p.input_cost_high, 2),
                Cell::num(p.cost, 2),
                Cell::num(p.cost_low, 2),
                Cell::num(p.cost_high, 2),
                Cell::Text(
                    match p.input_basis {
                        InputBasis::SameCacheDiscount => "same-cache-discount",
                        InputBasis::NoPublishedCachePrice => "no-published-cache-price",
                        InputBasis::Bounded => "bounded",
                    }
                    .to_string(),
                ),
            ]
        })
        .collect();
    Table {
        title: "Re-priced (USD per 1M tokens; costs in USD)".to_string(),
        headers,
        rows,
        notes: vec![
            format!("output cost = output tokens ({DERIVED}) × new output price: exact"),
            "input cost: AA's input cost mixes uncached and cached input tokens without saying how many of each, so it is re-priced between 'none cached' (input cost × new ÷ old input price) and 'all cached' (× new ÷ old cache-hit price); cost is shown at 'none cached'".to_string(),
        ],
    }
}

/// `+31.0% output tokens, +39.7% cost, +4.77 points`, from a comparison.
pub fn summary(c: &CostComparison) -> Option<String> {
    let rel = |id: &str| c.get(id).and_then(|q| q.relative);
    let tokens = rel("output_tokens")?;
    let cost = rel("cost")?;
    let points = c.get("index").and_then(|q| q.difference)?;
    Some(format!(
        "{} vs {}: {:+.1}% output tokens ({DERIVED}), {:+.1}% cost, {points:+.2} points",
        c.model,
        c.other,
        100.0 * tokens,
        100.0 * cost
    ))
}

/// The cost and token differences of `explain A --vs B`.
pub fn comparison(c: &CostComparison) -> Table {
    let rows = c
        .quantities
        .iter()
        .map(|q| {
            let tokens = q.unit.starts_with("tokens");
            let (scale, decimals) = if tokens { (1e-6, 2) } else { (1.0, 4) };
            let v = |x: Option<f64>| Cell::opt(x.map(|x| x * scale), decimals);
            vec![
                Cell::Text(q.id.to_string()),
                Cell::Text(if tokens {
                    format!("millions of {} ({DERIVED})", q.unit)
                } else {
                    q.unit.to_string()
                }),
                v(q.model),
                v(q.other),
                v(q.difference),
                Cell::opt(q.relative.map(|r| 100.0 * r), 1),
            ]
        })
        .collect();
    let mut notes = vec![
        "cost: AA's cost of running its whole v4.0 suite once, at AA's prices; per point: of the index under this scoring".to_string(),
    ];
    notes.extend(summary(c));
    Table {
        title: format!("{} vs {}: cost and tokens", c.model, c.other),
        headers: [
            "quantity",
            "unit",
            &c.model,
            &c.other,
            "difference",
            "difference (%)",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        notes,
    }
}
