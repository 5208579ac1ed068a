//! How results serialise: the serde helpers that give every JSON output labelled fields. Ordered
//! `(id, value)` lists (the methodology's order, which the engine needs) become objects keyed by id,
//! in sorted key order so that an output does not change when a methodology lists its components in
//! another order.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// `[(id, value)]` as `{id: value}`, keys sorted.
pub fn sorted_map<S: Serializer, T: Serialize>(
    pairs: &[(String, T)],
    s: S,
) -> Result<S::Ok, S::Error> {
    let map: BTreeMap<&str, &T> = pairs.iter().map(|(k, v)| (k.as_str(), v)).collect();
    map.serialize(s)
}

/// `[(reason, rows)]` as `[{"reason", "rows"}]`.
pub fn reason_counts<S: Serializer>(pairs: &[(String, usize)], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Count<'a> {
        reason: &'a str,
        rows: usize,
    }
    s.collect_seq(pairs.iter().map(|(reason, rows)| Count {
        reason,
        rows: *rows,
    }))
}

/// A value by its `Display` text (an abstention policy as `penalty:1`).
pub fn display<S: Serializer, T: std::fmt::Display>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// A result as pretty-printed JSON with a trailing newline: the bytes every `--format json` writes.
pub fn to_json<T: Serialize + ?Sized>(doc: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(doc).expect("results serialise to JSON");
    out.push(b'\n');
    out
}
