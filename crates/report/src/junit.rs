//! JUnit XML for a verification, as CI systems read it: one `<testsuite>` per quantity, one
//! `<testcase>` per checked value. A value beyond tolerance is a `<failure>`; a value that agrees by
//! construction is `<skipped>` (it could not have failed); a verification that compared nothing is one
//! failing test case (skipped when the caller allows it).

use reweigh_composite::Verification;
use reweigh_composite::verify::{Agreement, Check, Outcome};

use crate::escape::is_unsafe;

/// Where a check points in the dataset file: the file (none for an embedded dataset) and the line of
/// a row (CSV only).
pub struct Origin<'a> {
    pub file: Option<&'a str>,
    pub line_of_row: &'a dyn Fn(usize) -> Option<usize>,
}

pub fn render(v: &Verification, origin: &Origin, allow_nothing: bool) -> Vec<u8> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures = v.failures().len();
    let nothing = v.outcome() == Outcome::NothingCompared;
    let (extra_fail, extra_skip) = match (nothing, allow_nothing) {
        (true, false) => (1, 0),
        (true, true) => (0, 1),
        _ => (0, 0),
    };
    out.push_str(&format!(
        "<testsuites name=\"reweigh verify\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
        v.checks.len() + extra_fail + extra_skip,
        failures + extra_fail,
        v.by_construction() + extra_skip
    ));
    if nothing {
        let message = "nothing-compared: no quantity could be checked independently";
        out.push_str(&format!(
            "  <testsuite name=\"verify\" tests=\"1\" failures=\"{extra_fail}\" skipped=\"{extra_skip}\">\n    <testcase classname=\"reweigh.verify\" name=\"nothing-compared\">\n      <{} message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
            if allow_nothing { "skipped" } else { "failure" },
            xml(message)
        ));
    }
    for s in v.summaries() {
        let checks: Vec<&Check> = v
            .checks
            .iter()
            .filter(|c| c.quantity == s.quantity)
            .collect();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
            xml(&s.quantity),
            checks.len(),
            s.failed,
            s.by_construction
        ));
        for c in checks {
            out.push_str(&testcase(c, origin));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out.into_bytes()
}

fn testcase(c: &Check, origin: &Origin) -> String {
    let mut attrs = format!(
        "classname=\"reweigh.verify.{}\" name=\"{} ({})\"",
        xml(&c.quantity),
        xml(&c.slug),
        xml(&c.model)
    );
    if let Some(file) = origin.file {
        attrs.push_str(&format!(" file=\"{}\"", xml(file)));
        if let Some(line) = (origin.line_of_row)(c.row) {
            attrs.push_str(&format!(" line=\"{line}\""));
        }
    }
    let detail = format!(
        "computed {} published {} ({}) delta {} tolerance {}{}",
        c.computed,
        c.published,
        c.published_column,
        c.delta,
        c.tolerance,
        if c.flags.is_empty() {
            String::new()
        } else {
            format!(" flags {}", c.flags.join(" "))
        }
    );
    let body = if c.agreement == Agreement::ByConstruction {
        format!(
            "\n      <skipped message=\"{}\"/>\n    ",
            xml(&format!(
                "agrees by construction: a frozen value was solved from {}",
                c.published_column
            ))
        )
    } else if c.failed() {
        format!(
            "\n      <failure type=\"beyond-tolerance\" message=\"{}\">{}</failure>\n    ",
            xml(&format!(
                "|delta| {} beyond tolerance {}",
                c.delta.abs(),
                c.tolerance
            )),
            xml(&detail)
        )
    } else {
        String::new()
    };
    format!("    <testcase {attrs}>{body}</testcase>\n")
}

/// A receipt re-run as one test case: a failure listing every difference.
pub fn receipt_check(c: &reweigh_composite::verify::receipt::ReceiptCheck) -> Vec<u8> {
    let failed = usize::from(!c.passed());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"reweigh verify --receipt\" tests=\"1\" failures=\"{failed}\" skipped=\"0\">\n  <testsuite name=\"receipt\" tests=\"1\" failures=\"{failed}\" skipped=\"0\">\n    <testcase classname=\"reweigh.verify.receipt\" name=\"{}\">",
        xml(&c.receipt)
    ));
    if !c.passed() {
        out.push_str(&format!(
            "\n      <failure type=\"receipt-differs\" message=\"{} differences\">{}</failure>\n    ",
            c.differences.len(),
            xml(&c.differences.join("; "))
        ));
    }
    out.push_str("</testcase>\n  </testsuite>\n</testsuites>\n");
    out.into_bytes()
}

/// Text for XML attribute values and content: markup escaped, and the characters XML 1.0 forbids (and
/// other unsafe ones) written as visible `\u{…}` escapes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_unsafe(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str(&format!("\\u{{{:X}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_text_is_escaped_and_valid() {
        assert_eq!(
            xml("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml("\u{1b}[31m\u{0}"), "\\u{1B}[31m\\u{0}");
    }
}
