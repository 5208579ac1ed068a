//! A methodology checked before it is used: ids, weights, columns, normalisers, freeze rules, sizes.
//! Every error names the file, the line and the fix.

use reweigh_evals::registry::{TEXT_COLUMNS, Unit, numeric_column};

use super::*;

impl Methodology {
    /// Checks the definition: unique ids, positive weights, known categories, normaliser parameters,
    /// columns that are numbers (a column reweigh does not know is an extra column of the dataset).
    pub fn validate(&self) -> Result<(), MethodologyError> {
        let fail = |needle: &str, message: String, fix: &str| self.error_at(needle, message, fix);
        if self.categories.len() > MAX_CATEGORIES || self.components.len() > MAX_COMPONENTS {
            return Err(fail(
                "[[components]]",
                format!(
                    "{} categories and {} components; a methodology has at most {MAX_CATEGORIES} categories and {MAX_COMPONENTS} components",
                    self.categories.len(),
                    self.components.len()
                ),
                "an index of evaluations has a handful of categories and tens of components (AA v4.0: 4 and 11); split a larger definition",
            ));
        }
        if !(self.scale > 0.0 && self.scale <= MAX_SCALE) {
            return Err(fail(
                "scale",
                format!(
                    "scale must be a positive number up to {MAX_SCALE:e}, not {}",
                    if self.scale.abs() < 1e16 {
                        self.scale.to_string()
                    } else {
                        format!("{:e}", self.scale)
                    }
                ),
                "AA's indices use scale = 100",
            ));
        }
        let mut ids: Vec<&str> = Vec::new();
        for c in &self.categories {
            if ids.contains(&c.id.as_str()) {
                return Err(fail(
                    &id_line(&c.id),
                    format!("duplicate category id '{}'", c.id),
                    "give each category a distinct id",
                ));
            }
            ids.push(&c.id);
            if !(c.weight.is_finite() && c.weight > 0.0) {
                return Err(fail(
                    &id_line(&c.id),
                    format!(
                        "category '{}' has weight {}; weights must be positive",
                        c.id, c.weight
                    ),
                    "give the category a positive relative weight, or remove it and its components",
                ));
            }
            if let Some(col) = &c.published_column {
                check_column(col).map_err(|m| fail(&id_line(&c.id), m, TEXT_FIX))?;
            }
        }
        let mut component_ids: Vec<&str> = Vec::new();
        for k in &self.components {
            let at = id_line(&k.id);
            let fail_here = |message: String, fix: &str| fail(&at, message, fix);
            if component_ids.contains(&k.id.as_str()) {
                return Err(fail_here(
                    format!("duplicate component id '{}'", k.id),
                    "give each component a distinct id",
                ));
            }
            component_ids.push(&k.id);
            if !self.categories.iter().any(|c| c.id == k.category) {
                return Err(fail_here(
                    format!(
                        "component '{}' names an unknown category '{}'",
                        k.id, k.category
                    ),
                    &format!("use one of the declared categories: {}", ids.join(", ")),
                ));
            }
            if !(k.weight.is_finite() && k.weight > 0.0) {
                return Err(fail_here(
                    format!(
                        "component '{}' has weight {}; weights must be positive",
                        k.id, k.weight
                    ),
                    "give it a positive relative weight within its category, or remove the component",
                ));
            }
            check_column(&k.column).map_err(|m| fail_here(m, TEXT_FIX))?;
            if matches!(k.normaliser, NormaliserSpec::Omniscience { .. })
                && k.column != "omniscience_accuracy"
            {
                return Err(fail_here(
                    format!(
                        "component '{}': the omniscience normaliser reads column 'omniscience_accuracy', not '{}'",
                        k.id, k.column
                    ),
                    "set column = \"omniscience_accuracy\"",
                ));
            }
            if let NormaliserSpec::Linear { min, max, .. } = k.normaliser
                && !(min.is_finite() && max.is_finite() && max > min && (max - min).is_finite())
            {
                return Err(fail_here(
                    format!(
                        "component '{}': linear normaliser needs finite max > min whose difference is finite (got min {min}, max {max})",
                        k.id
                    ),
                    "for GDPval-style Elo use { kind = \"linear\", min = 500, max = 2500, clamp = true }",
                ));
            }
            if let Some(known) = numeric_column(&k.column) {
                let reads = match k.normaliser {
                    NormaliserSpec::Fraction => Some((Unit::Fraction, "fraction")),
                    NormaliserSpec::Percent => Some((Unit::Percent, "percent")),
                    _ => None,
                };
                if let Some((unit, kind)) = reads
                    && known.unit != unit
                {
                    let fits = match known.unit {
                        Unit::Fraction => "normaliser = { kind = \"fraction\" }",
                        Unit::Percent => "normaliser = { kind = \"percent\" }",
                        _ => {
                            "a linear normaliser with the column's range, e.g. { kind = \"linear\", min = 500, max = 2500, clamp = true } for an Elo"
                        }
                    };
                    return Err(fail_here(
                        format!(
                            "component '{}' reads column '{}', which holds {}, with the {kind} normaliser, which expects {}: every score would be silently wrong",
                            k.id,
                            k.column,
                            known.unit.describe(),
                            unit.describe()
                        ),
                        &format!("use {fits}"),
                    ));
                }
            }
            let Some(freeze) = &k.freeze else { continue };
            if let Some(p) = &freeze.plausible
                && !(p.max_abs_delta.is_finite()
                    && p.max_abs_delta > 0.0
                    && freeze.solve_from.is_some())
            {
                return Err(fail_here(
                    format!(
                        "component '{}': freeze.plausible needs freeze.solve_from and a positive finite max_abs_delta (got {})",
                        k.id, p.max_abs_delta
                    ),
                    "for AA v4.0 GDPval: plausible = { max_abs_delta = 160 } (Elo points; see datasets/README.md)",
                ));
            }
            if let Some(col) = &freeze.column {
                check_column(col).map_err(|m| fail_here(m, TEXT_FIX))?;
            }
            if let Some(solve) = &freeze.solve_from {
                check_column(&solve.column).map_err(|m| fail_here(m, TEXT_FIX))?;
                let weights_ok = solve.weights.values().all(|w| w.is_finite() && *w > 0.0);
                if !(solve.scale > 0.0
                    && solve.scale <= MAX_SCALE
                    && weights_ok
                    && solve.weights.contains_key(&k.column))
                {
                    return Err(fail_here(
                        format!(
                            "component '{}': freeze.solve_from needs a positive scale and positive weights that include the component's own column '{}'",
                            k.id, k.column
                        ),
                        "for AA v4.0 GDPval: solve_from = { column = \"published_agentic_index\", scale = 100, weights = { gdpval_elo = 2, tau2_telecom = 1 } }",
                    ));
                }
                for col in solve.weights.keys() {
                    check_column(col).map_err(|m| fail_here(m, TEXT_FIX))?;
                }
            }
        }
        for c in &self.categories {
            if !self.components.iter().any(|k| k.category == c.id) {
                return Err(fail(
                    &id_line(&c.id),
                    format!("category '{}' has no components", c.id),
                    "add a component to it or remove the category",
                ));
            }
        }
        if let Some(col) = &self.published_column {
            check_column(col).map_err(|m| fail("published_column", m, TEXT_FIX))?;
        }
        Ok(())
    }
}

const TEXT_FIX: &str =
    "read a numeric column: one listed in datasets/README.md, or a column of your own dataset";

/// A column a component can read: any name except the text columns.
fn check_column(name: &str) -> Result<(), String> {
    if TEXT_COLUMNS.contains(&name) || name.is_empty() {
        Err(format!("'{name}' is not a numeric column"))
    } else {
        Ok(())
    }
}
