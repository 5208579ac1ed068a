//! What a methodology makes of itself: the extra columns it declares, and the methodology an
//! abstention policy makes of it.

use super::*;

impl Methodology {
    /// Numeric columns the methodology reads that reweigh's registry does not know: the dataset may
    /// carry them, typed by the normaliser that reads them.
    pub fn extra_columns(&self) -> Vec<ExtraColumn> {
        let mut out: Vec<ExtraColumn> = Vec::new();
        let mut add = |name: &str, unit: Unit| {
            if numeric_column(name).is_none() && !out.iter().any(|c| c.name == name) {
                out.push(ExtraColumn {
                    name: name.to_string(),
                    unit,
                });
            }
        };
        for k in &self.components {
            let unit = match k.normaliser {
                NormaliserSpec::Fraction | NormaliserSpec::Omniscience { .. } => Unit::Fraction,
                NormaliserSpec::Percent => Unit::Percent,
                NormaliserSpec::Linear { .. } => Unit::Number,
            };
            // A column of the methodology's own may come with what `score --ci` reads for it: a
            // standard error in the column's unit, and (for scores on items) an item count.
            let own = numeric_column(&k.column).is_none();
            add(&k.column, unit);
            if own && !matches!(k.normaliser, NormaliserSpec::Omniscience { .. }) {
                add(&format!("{}_se", k.column), unit);
                if !matches!(k.normaliser, NormaliserSpec::Linear { .. }) {
                    add(&format!("items_{}", k.column), Unit::Count);
                }
            }
            if let Some(f) = &k.freeze {
                if let Some(c) = &f.column {
                    add(c, unit);
                }
                if let Some(s) = &f.solve_from {
                    add(&s.column, Unit::Number);
                    for c in s.weights.keys().filter(|c| **c != k.column) {
                        add(c, Unit::Fraction);
                    }
                }
            }
        }
        for c in self
            .categories
            .iter()
            .filter_map(|c| c.published_column.as_deref())
        {
            add(c, Unit::Number);
        }
        if let Some(c) = &self.published_column {
            add(c, Unit::Number);
        }
        out
    }

    /// The methodology with its AA-Omniscience components replaced by one component scored by
    /// `policy`, keeping their total weight. `aa` returns the methodology unchanged.
    pub fn with_abstention(&self, policy: Policy) -> Result<Methodology, String> {
        if policy == Policy::Aa {
            return Ok(self.clone());
        }
        let is_omniscience = |k: &Component| {
            matches!(k.normaliser, NormaliserSpec::Omniscience { .. })
                || OMNISCIENCE_COLUMNS.contains(&k.column.as_str())
        };
        let parts: Vec<&Component> = self
            .components
            .iter()
            .filter(|k| is_omniscience(k))
            .collect();
        let Some(first) = parts.first() else {
            return Err(format!(
                "methodology {} has no AA-Omniscience component for the abstention policy '{policy}' to re-score",
                self.name
            ));
        };
        if parts.iter().any(|k| k.category != first.category) {
            return Err(format!(
                "methodology {}: its AA-Omniscience components are in different categories; an abstention policy replaces them with one",
                self.name
            ));
        }
        // Relative weights near f64::MAX would overflow when added: the category's weights are then
        // scaled by a power of two first (exact, so their ratios are unchanged).
        let category = first.category.clone();
        let mut weight: f64 = parts.iter().map(|k| k.weight).sum();
        let mut out = self.clone();
        if !weight.is_finite() {
            let scale = weight_scale(self.components_of(&category).map(|k| k.weight));
            for k in out.components.iter_mut().filter(|k| k.category == category) {
                k.weight *= scale;
            }
            weight = parts.iter().map(|k| k.weight * scale).sum();
        }
        let merged = Component {
            id: "omniscience".into(),
            name: format!("AA-Omniscience ({policy})"),
            category,
            weight,
            column: "omniscience_accuracy".into(),
            normaliser: NormaliserSpec::Omniscience { policy },
            missing: first.missing,
            freeze: None,
        };
        let at = out
            .components
            .iter()
            .position(is_omniscience)
            .expect("found above");
        out.components.retain(|k| !is_omniscience(k));
        out.components.insert(at, merged);
        Ok(out)
    }
}
