//! `verify --receipt`: a recorded `score --format json` output against a re-run of what its receipt
//! names, compared field by field (models paired by slug).

use serde::Serialize;
use serde_json::Value;

use crate::receipt::Receipt;

/// Where the re-run reads its dataset from; the receipt's location is not part of what is checked.
pub const NOT_COMPARED: &[&str] = &[
    "dataset",
    "receipt.datasets[0].origin",
    "receipt.datasets[0].from_output",
];

/// A receipt re-run: what was compared, and every difference found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceiptCheck {
    /// The output file holding the receipt.
    pub receipt: String,
    pub recorded_by: String,
    pub rerun_by: String,
    /// The dataset the re-run read (identified by the SHA-256 the receipt records).
    pub dataset: String,
    pub models: usize,
    /// Paths not compared: where the dataset was read from.
    pub not_compared: Vec<String>,
    pub differences: Vec<String>,
}

impl ReceiptCheck {
    pub fn passed(&self) -> bool {
        self.differences.is_empty()
    }
}

/// Reads a receipt and the whole recorded document from the JSON output of
/// `reweigh score --format json` (errors as sentences for a person; the caller names the file).
pub fn parse_output(text: &str) -> Result<(Receipt, Value), String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let receipt: Receipt = doc
        .get("receipt")
        .cloned()
        .ok_or_else(|| "no 'receipt' object".to_string())
        .and_then(|r| {
            serde_json::from_value(r).map_err(|e| format!("no valid 'receipt' object: {e}"))
        })?;
    Ok((receipt, doc))
}

/// Every difference between a recorded output and its re-run, by path
/// (`models[gpt-5-5].contributions.hle`), except the paths in [`NOT_COMPARED`]; numbers are compared
/// exactly (JSON numbers read back to the same f64).
pub fn differences(was: &Value, now: &Value) -> Vec<String> {
    let mut out = Vec::new();
    differences_at("", was, now, &mut out);
    out
}

/// [`differences`] below `path`.
fn differences_at(path: &str, was: &Value, now: &Value, out: &mut Vec<String>) {
    if NOT_COMPARED.contains(&path) {
        return;
    }
    let at = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (was, now) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a
                .iter()
                .filter(|(k, _)| !NOT_COMPARED.contains(&at(k).as_str()))
            {
                match b.get(k) {
                    Some(vb) => differences_at(&at(k), va, vb, out),
                    None => out.push(format!(
                        "{}: in the receipt's output, not in the re-run",
                        at(k)
                    )),
                }
            }
            for k in b
                .keys()
                .filter(|k| !a.contains_key(*k) && !NOT_COMPARED.contains(&at(k).as_str()))
            {
                out.push(format!(
                    "{}: in the re-run, not in the receipt's output",
                    at(k)
                ));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let slug = |v: &Value| v.get("slug").and_then(Value::as_str).map(str::to_string);
            if a.iter().chain(b).all(|v| slug(v).is_some()) {
                // Model entries pair by slug, so a difference names the model (and a rank change
                // shows as one, not as every later entry differing).
                let by_slug = |xs: &[Value]| -> std::collections::HashMap<String, usize> {
                    xs.iter()
                        .enumerate()
                        .map(|(i, v)| (slug(v).unwrap_or_default(), i))
                        .collect()
                };
                let (ia, ib) = (by_slug(a), by_slug(b));
                for va in a {
                    let s = slug(va).unwrap_or_default();
                    match ib.get(&s) {
                        Some(&j) => differences_at(&format!("{path}[{s}]"), va, &b[j], out),
                        None => out.push(format!(
                            "{path}[{s}]: in the receipt's output, not in the re-run"
                        )),
                    }
                }
                for vb in b {
                    let s = slug(vb).unwrap_or_default();
                    if !ia.contains_key(&s) {
                        out.push(format!(
                            "{path}[{s}]: in the re-run, not in the receipt's output"
                        ));
                    }
                }
                return;
            }
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: {} entries in the receipt's output, {} in the re-run",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                differences_at(&format!("{path}[{i}]"), va, vb, out);
            }
        }
        (a, b) if a == b => {}
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) => out.push(format!("{path}: was {a}, is now {b}")),
    }
}
