//! The interactive explorer page (`reweigh report`'s index.html): one self-contained file with
//! inline CSS, inline hand-written JavaScript (assets/explorer/) and the explorer's data
//! ([`Explorer`], docs/explorer.md) inline as JSON. The ranking table is also written here, for
//! the report's own options, so that the page reads without JavaScript; the script recomputes it
//! for every state of the URL hash.

use reweigh_composite::Scored;
use reweigh_composite::explorer::Explorer;

use crate::html::escape;

const CSS: &str = include_str!("../assets/explorer/explorer.css");
const JS: &str = include_str!("../assets/explorer/explorer.js");

/// A file of the report the page links to.
pub struct Link {
    pub file: String,
    pub label: String,
}

/// The page. `scored` is the report's own scoring (the state the page opens in), `links` the
/// report's other files.
pub fn page(explorer: &Explorer, scored: &Scored, links: &[Link]) -> String {
    let mut h = String::new();
    let m = &explorer.methodology;
    let title = format!("{} explorer — re-weight the index", m.name);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{}</title>\n", escape(&title)));
    h.push_str(&format!("<style>\n{CSS}</style>\n</head>\n<body>\n"));
    h.push_str(&format!("<header>\n<h1>{}</h1>\n", escape(&title)));
    h.push_str(&format!(
        "<p>{} ({}), recomputed by reweigh from Artificial Analysis' published component scores in {} (sha256 <code>{}</code>, {} rows). Change the weights, the abstention policy or which models are counted: every number is the one <code>reweigh score</code> prints for the command line shown.</p>\n",
        escape(&m.description),
        escape(&explorer.methodology_source),
        escape(&explorer.dataset.origin),
        escape(&explorer.dataset.sha256),
        explorer.dataset.rows
    ));
    h.push_str("</header>\n<main>\n<section id=\"controls\" aria-label=\"Scoring options\">\n<noscript><p>The controls need JavaScript; the table below is the report's own ranking.</p></noscript>\n</section>\n");
    h.push_str(
        "<section id=\"result\" aria-live=\"polite\">\n<div id=\"error\" role=\"alert\"></div>\n",
    );
    h.push_str("<p id=\"summary\"></p>\n");
    h.push_str("<p>Command line: <code id=\"command\"></code></p>\n");
    h.push_str("<p>Methodology sha256 (canonical form, as <code>reweigh score</code> prints it): <code id=\"hash\"></code></p>\n");
    h.push_str("<p class=\"note\">Abstention policies other than <code>aa</code> re-score published results post hoc, at fixed behaviour: each model chose when to abstain under AA's prompt and scoring, not under the policy applied here.</p>\n");
    h.push_str("<h2>Ranking</h2>\n<figure id=\"chart\"></figure>\n");
    h.push_str(&table(scored));
    h.push_str("<p class=\"note\">Select a model's name for its per-component contributions. Ties are broken by slug, as the CLI breaks them.</p>\n");
    h.push_str("</section>\n<section>\n<h2>This report's files</h2>\n<ul>\n");
    for l in links {
        h.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            escape(&l.file),
            escape(&l.label)
        ));
    }
    h.push_str("</ul>\n<p class=\"note\" id=\"timing\"></p>\n</section>\n</main>\n");
    h.push_str("<script type=\"application/json\" id=\"explorer-data\">");
    h.push_str(&script_json(explorer));
    h.push_str("</script>\n<script>\n");
    h.push_str(JS);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

/// The ranking as the report scored it: what the page shows without JavaScript, and what the
/// script replaces.
fn table(scored: &Scored) -> String {
    let categories: Vec<&str> = scored
        .models
        .first()
        .map(|m| m.categories.iter().map(|(id, _)| id.as_str()).collect())
        .unwrap_or_default();
    let mut h = String::from(
        "<div class=\"scroll\">\n<table id=\"ranking\">\n<caption>Index in points of 100; categories in points of their own 100; AA's published index for comparison.</caption>\n<thead><tr><th scope=\"col\">Rank</th><th scope=\"col\">Model</th><th scope=\"col\" class=\"n\">Index</th>",
    );
    for c in &categories {
        h.push_str(&format!("<th scope=\"col\" class=\"n\">{}</th>", escape(c)));
    }
    h.push_str("<th scope=\"col\" class=\"n\">AA published</th></tr></thead>\n<tbody>\n");
    let two = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_default();
    for s in &scored.models {
        h.push_str(&format!(
            "<tr data-slug=\"{}\" data-index=\"{}\"><td class=\"n\">{}</td><td>{}<span class=\"slug\">{}</span></td><td class=\"n idx\">{}</td>",
            escape(&s.slug),
            s.index.map(|x| x.to_string()).unwrap_or_default(),
            s.rank.map_or_else(|| "–".to_string(), |r| r.to_string()),
            escape(&s.model),
            escape(&s.slug),
            s.index
                .map_or_else(|| "no index".to_string(), |x| format!("{x:.2}"))
        ));
        for (_, v) in &s.categories {
            h.push_str(&format!("<td class=\"n\">{}</td>", two(*v)));
        }
        h.push_str(&format!(
            "<td class=\"n\">{}</td></tr>\n",
            two(s.published_index)
        ));
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h
}

/// The explorer's JSON made safe inside `<script>`: ASCII only (every other character, and `<`,
/// `>`, `&`, as a `\u` escape, which only occur inside JSON strings), so no text from a dataset
/// can close the element or reach the page as a raw control or bidirectional character.
pub fn script_json(explorer: &Explorer) -> String {
    let json = serde_json::to_string(explorer).expect("the explorer's data serialises");
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        if c.is_ascii() && !matches!(c, '<' | '>' | '&') {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_cannot_close_its_element() {
        assert!(!JS.to_ascii_lowercase().contains("</script"));
        assert!(!CSS.to_ascii_lowercase().contains("</style"));
    }
}
