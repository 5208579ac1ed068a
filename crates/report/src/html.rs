//! The self-contained static HTML report (`static.html` beside the explorer): inline SVG charts,
//! the ranked table, the methodology and the receipts. Every string that comes from a dataset or a methodology is escaped.

use reweigh_composite::{Methodology, Scored};

use crate::layout::{self, Cell};

/// Escapes text for HTML element content and attribute values; control characters (line breaks
/// too: a model name holds none) are written visibly.
pub fn escape(text: &str) -> String {
    markup(&crate::escape::visible(text))
}

/// Escapes a multi-line text for a `<pre>` block: line breaks kept, other control characters
/// written visibly.
pub fn escape_block(text: &str) -> String {
    markup(&crate::escape::visible_except(text, &['\n']))
}

fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// A chart for the page: its file stem, a caption and the SVG text.
pub struct Figure {
    pub stem: String,
    pub caption: String,
    pub svg: String,
}

/// The page.
pub fn page(scored: &Scored, m: &Methodology, figures: &[Figure]) -> String {
    let mut h = String::new();
    let title = format!(
        "{} — Intelligence Index recomputed by reweigh (abstention {})",
        scored.methodology.name, scored.abstention
    );
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!("<title>{}</title>\n", escape(&title)));
    h.push_str("<style>body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:2em 0}figcaption{color:#555}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n");
    h.push_str(&format!("<h1>{}</h1>\n", escape(&title)));
    h.push_str(&format!(
        "<p>Data: Artificial Analysis' published results ({}). The index is recomputed from the published component scores; <code>delta</code> is recomputed minus published.</p>\n",
        escape(&scored.dataset)
    ));
    h.push_str("<p>Interactive: <a href=\"index.html\">re-weight, re-score abstention and filter</a> (the explorer, with the CLI's numbers).</p>\n");
    if scored.abstention != reweigh_composite::Policy::Aa {
        h.push_str("<p><strong>Post hoc at fixed behaviour:</strong> this page re-scores AA-Omniscience abstention; each model chose when to abstain under AA's prompt and scoring, not under this policy.</p>\n");
    }
    h.push_str("<h2>Receipt</h2>\n<ul>\n");
    for line in scored.receipt.lines() {
        h.push_str(&format!("<li>{}</li>\n", escape(&line)));
    }
    h.push_str("</ul>\n<h2>Charts</h2>\n");
    for f in figures {
        h.push_str(&format!(
            "<figure id=\"{0}\">\n{1}\n<figcaption>{2} — <a href=\"{0}.svg\">SVG</a>, <a href=\"{0}.png\">PNG</a></figcaption>\n</figure>\n",
            escape(&f.stem),
            strip_xml_declaration(&f.svg),
            escape(&f.caption)
        ));
    }
    h.push_str("<h2>Ranking</h2>\n<p>Also as <a href=\"scores.csv\">CSV</a>, <a href=\"scores.json\">JSON</a> and <a href=\"scores.md\">Markdown</a>.</p>\n");
    for t in crate::Layout::tables(scored) {
        h.push_str(&table(&t));
    }
    h.push_str("<h2>Methodology</h2>\n");
    h.push_str(&table(&crate::methodologies::show(m)));
    h.push_str(&format!(
        "<p>Applied definition sha256 <code>{}</code>. Source file ({}):</p>\n<pre>{}</pre>\n",
        escape(&scored.methodology.hash),
        escape(&m.source()),
        escape_block(m.origin.as_ref().map_or("", |o| o.src.as_str()))
    ));
    h.push_str("</body>\n</html>\n");
    h
}

fn strip_xml_declaration(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(at) => &svg[at..],
        None => svg,
    }
}

fn table(t: &layout::Table) -> String {
    let mut h = String::from("<table>\n<thead><tr>");
    for head in &t.headers {
        h.push_str(&format!("<th>{}</th>", escape(head)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        h.push_str("<tr>");
        for c in row {
            let class = if c.is_numeric() { " class=\"n\"" } else { "" };
            let text = match c {
                Cell::Text(s) => s.clone(),
                other => other.display(),
            };
            h.push_str(&format!("<td{class}>{}</td>", escape(&text)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    for n in &t.notes {
        h.push_str(&format!("<p class=\"note\">{}</p>\n", escape(n)));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert(1)</script> & \"x\" 'y'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
    }
}
