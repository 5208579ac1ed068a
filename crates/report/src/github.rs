//! GitHub Actions workflow commands for a verification: an `::error` annotation per value beyond
//! tolerance, naming the file, the line of the row (CSV) and the model, and a `::notice` with the
//! summary (or an `::error` when nothing was compared and that is not allowed). Annotation data and
//! properties are escaped as GitHub's runner expects (`%`, CR, LF; and `:` `,` in properties), and
//! control characters are made visible.

use reweigh_composite::Verification;
use reweigh_composite::verify::Outcome;

use crate::escape::visible;
use crate::junit::Origin;

pub fn render(v: &Verification, origin: &Origin, allow_nothing: bool) -> Vec<u8> {
    let mut out = String::new();
    for c in v.failures() {
        let mut props = Vec::new();
        if let Some(file) = origin.file {
            props.push(format!("file={}", property(file)));
            if let Some(line) = (origin.line_of_row)(c.row) {
                props.push(format!("line={line}"));
            }
        }
        props.push(format!(
            "title={}",
            property(&format!("reweigh verify: {} {}", c.slug, c.quantity))
        ));
        out.push_str(&format!(
            "::error {}::{}\n",
            props.join(","),
            data(&format!(
                "{} ({}): {} computed {} but {} publishes {} (delta {}, tolerance {}){}",
                c.slug,
                c.model,
                c.quantity,
                c.computed,
                c.published_column,
                c.published,
                c.delta,
                c.tolerance,
                if c.flags.is_empty() {
                    String::new()
                } else {
                    format!("; flags {}", c.flags.join(" "))
                }
            ))
        ));
    }
    let summary = format!(
        "reweigh verify: {}: {} quantities checked independently, {} agree by construction (not counted), {} beyond tolerance",
        v.outcome().name(),
        v.independent(),
        v.by_construction(),
        v.failures().len()
    );
    let level = match (v.outcome(), allow_nothing) {
        (Outcome::Pass, _) | (Outcome::NothingCompared, true) => "notice",
        _ => "error",
    };
    out.push_str(&format!(
        "::{level} title=reweigh verify::{}\n",
        data(&summary)
    ));
    out.into_bytes()
}

/// A receipt re-run: an `::error` per difference, then the summary.
pub fn receipt_check(c: &reweigh_composite::verify::receipt::ReceiptCheck) -> Vec<u8> {
    let mut out = String::new();
    for d in &c.differences {
        out.push_str(&format!(
            "::error file={},title=reweigh verify --receipt::{}\n",
            property(&c.receipt),
            data(d)
        ));
    }
    let (level, summary) = if c.passed() {
        (
            "notice",
            "every hash, name and number is the same".to_string(),
        )
    } else {
        ("error", format!("{} differences", c.differences.len()))
    };
    out.push_str(&format!(
        "::{level} title=reweigh verify --receipt::{}\n",
        data(&format!("{}: {summary}", c.receipt))
    ));
    out.into_bytes()
}

/// A workflow command's message.
fn data(text: &str) -> String {
    visible(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50% done\nnext"), "50%25 done\\u{A}next");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
