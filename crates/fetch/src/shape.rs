//! The envelope of each endpoint, checked page by page before anything is kept: JSON, an object,
//! `data` an array of objects, and for the language endpoint `pagination {page, page_size,
//! total_pages, has_more}`. What a record holds is the importer's business, not this module's.

use serde_json::Value;

use crate::{Endpoint, FetchError};

/// The pagination block of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    pub page: u64,
    pub total_pages: u64,
    pub has_more: bool,
}

/// What the envelope of one page says.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub records: usize,
    pub pagination: Option<Pagination>,
    /// `tier` as the page states it (`free`, `pro`).
    pub tier: Option<String>,
    /// `intelligence_index_version` as the page states it, as written (`4`, `4.1`).
    pub index_version: Option<String>,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks one page's envelope.
pub fn envelope(
    endpoint: Endpoint,
    url: &str,
    page: u32,
    bytes: &[u8],
) -> Result<Envelope, FetchError> {
    let wrong = |expected: &str, found: String| FetchError::WrongShape {
        url: url.to_string(),
        page,
        expected: expected.to_string(),
        found,
    };
    let value: Value = serde_json::from_slice(bytes).map_err(|e| FetchError::BadJson {
        url: url.to_string(),
        page,
        detail: e.to_string(),
    })?;
    let top = "a JSON object with `data`, an array of model records";
    let Value::Object(map) = &value else {
        return Err(wrong(top, kind(&value).to_string()));
    };
    let data = match map.get("data") {
        Some(Value::Array(data)) => data,
        Some(other) => return Err(wrong(top, format!("`data` is {}", kind(other)))),
        None => {
            let mut keys: Vec<&str> = map.keys().map(String::as_str).take(8).collect();
            keys.sort_unstable();
            return Err(wrong(
                top,
                format!("no `data` key (keys: {})", keys.join(", ")),
            ));
        }
    };
    if let Some((i, bad)) = data.iter().enumerate().find(|(_, r)| !r.is_object()) {
        return Err(wrong(
            "each element of `data` an object (a model record)",
            format!("`data[{i}]` is {}", kind(bad)),
        ));
    }
    let pagination = match (map.get("pagination"), endpoint) {
        (None, Endpoint::Legacy) => None,
        (None, Endpoint::Language) => {
            return Err(wrong(
                "`pagination {page, page_size, total_pages, has_more}` (the language endpoint pages its records)",
                "no `pagination` key".to_string(),
            ));
        }
        (Some(p), _) => {
            let expected = "`pagination` an object with whole numbers `page` and `total_pages` and a boolean `has_more`";
            let Value::Object(p) = p else {
                return Err(wrong(expected, format!("`pagination` is {}", kind(p))));
            };
            let whole = |k: &str| p.get(k).and_then(Value::as_u64);
            match (whole("page"), whole("total_pages"), p.get("has_more")) {
                (Some(page), Some(total_pages), Some(Value::Bool(has_more))) => Some(Pagination {
                    page,
                    total_pages,
                    has_more: *has_more,
                }),
                _ => {
                    let show = |k: &str| {
                        p.get(k).map_or("absent".to_string(), |v| {
                            v.to_string().chars().take(40).collect()
                        })
                    };
                    return Err(wrong(
                        expected,
                        format!(
                            "page {}, total_pages {}, has_more {}",
                            show("page"),
                            show("total_pages"),
                            show("has_more")
                        ),
                    ));
                }
            }
        }
    };
    let tier = map.get("tier").and_then(Value::as_str).map(str::to_string);
    let index_version = match map.get("intelligence_index_version") {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    Ok(Envelope {
        records: data.len(),
        pagination,
        tier,
        index_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(endpoint: Endpoint, text: &str) -> Result<Envelope, String> {
        envelope(endpoint, "u", 2, text.as_bytes()).map_err(|e| e.to_string())
    }

    #[test]
    fn envelopes() {
        let ok = check(
            Endpoint::Language,
            r#"{"tier":"free","intelligence_index_version":4.1,"pagination":{"page":2,"page_size":200,"total_pages":3,"has_more":true},"data":[{},{}]}"#,
        )
        .unwrap();
        assert_eq!(ok.records, 2);
        assert_eq!(ok.tier.as_deref(), Some("free"));
        assert_eq!(ok.index_version.as_deref(), Some("4.1"));
        assert_eq!(
            ok.pagination,
            Some(Pagination {
                page: 2,
                total_pages: 3,
                has_more: true
            })
        );
        let legacy = check(Endpoint::Legacy, r#"{"status":200,"data":[]}"#).unwrap();
        assert_eq!((legacy.records, legacy.pagination), (0, None));

        let cases = [
            (
                Endpoint::Legacy,
                r#"{"status":200,"data":[{"a":1}"#,
                "not valid JSON (EOF while parsing",
            ),
            (Endpoint::Legacy, "[1,2]", "found an array"),
            (
                Endpoint::Legacy,
                r#"{"models":[],"status":200}"#,
                "no `data` key (keys: models, status)",
            ),
            (
                Endpoint::Legacy,
                r#"{"data":{"a":1}}"#,
                "`data` is an object",
            ),
            (
                Endpoint::Legacy,
                r#"{"data":[{},3]}"#,
                "`data[1]` is a number",
            ),
            (Endpoint::Language, r#"{"data":[]}"#, "no `pagination` key"),
            (
                Endpoint::Language,
                r#"{"data":[],"pagination":{"page":"2","total_pages":3,"has_more":true}}"#,
                "page \"2\", total_pages 3, has_more true",
            ),
            (
                Endpoint::Language,
                r#"{"data":[],"pagination":{"page":2,"total_pages":3}}"#,
                "has_more absent",
            ),
        ];
        for (endpoint, text, needle) in cases {
            let e = check(endpoint, text).unwrap_err();
            assert!(e.contains(needle), "{text}: {e}");
            assert!(e.contains("page 2"), "{e}");
        }
    }
}
