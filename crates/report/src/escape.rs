//! Untrusted text (model names and values read from a dataset) made safe to show: control characters
//! (C0, DEL, C1: ANSI and OSC escape sequences start with one) and Unicode bidirectional controls
//! (a right-to-left override can make `evil` read as `live`) are written as visible `\u{…}` escapes
//! instead of reaching a terminal, a viewer or an XML parser raw. Every text exporter passes its text
//! cells through [`visible`]; JSON escapes control characters itself.

use std::borrow::Cow;

/// True for characters that must not be shown raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every unsafe character written as `\u{XX}`; borrowed when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    visible_except(text, &[])
}

/// As [`visible`], keeping the characters in `keep` (a message's own line breaks).
pub fn visible_except<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep.contains(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep.contains(&c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences_and_bidi() {
        assert_eq!(visible("GPT-5.5"), "GPT-5.5");
        assert!(matches!(visible("GPT-5.5"), Cow::Borrowed(_)));
        assert_eq!(visible("\u{1b}[31mred"), "\\u{1B}[31mred");
        assert_eq!(
            visible("\u{1b}]8;;http://x\u{7}link"),
            "\\u{1B}]8;;http://x\\u{7}link"
        );
        assert_eq!(visible("a\u{202E}evil"), "a\\u{202E}evil");
        assert_eq!(visible("\u{9b}2J"), "\\u{9B}2J");
        assert_eq!(visible("two\nlines"), "two\\u{A}lines");
        assert_eq!(visible_except("two\nlines", &['\n']), "two\nlines");
        assert_eq!(visible("日本語 ✓"), "日本語 ✓");
    }
}
