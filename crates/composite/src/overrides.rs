//! Weight overrides typed on the command line: `--weight hle=2`, `--category agents=0.4`,
//! `--drop ifbench`. They produce a new methodology (with its own hash), never edit a file.

use crate::methodology::Methodology;

/// The overrides, in the order given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// Component id → relative weight within its category (0 removes the component).
    pub weights: Vec<(String, f64)>,
    /// Category id → relative weight among the categories (0 removes the category).
    pub categories: Vec<(String, f64)>,
    /// Component ids to remove.
    pub drop: Vec<String>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty() && self.categories.is_empty() && self.drop.is_empty()
    }

    /// Parses `ID=WEIGHT` (WEIGHT a finite number, 0 or more).
    pub fn parse_assignment(flag: &str, text: &str) -> Result<(String, f64), String> {
        let form =
            format!("{flag} ID=WEIGHT with WEIGHT a number, 0 or more (for example {flag} hle=2)");
        let (id, w) = text
            .split_once('=')
            .ok_or_else(|| format!("{flag} '{text}' is not ID=WEIGHT; expected {form}"))?;
        let w: f64 = w
            .trim()
            .parse()
            .ok()
            .filter(|w: &f64| w.is_finite() && *w >= 0.0)
            .ok_or_else(|| format!("{flag} '{text}': '{w}' is not a weight; expected {form}"))?;
        Ok((id.trim().to_string(), w))
    }

    /// The overrides as typed, for receipts: `weight hle=2`, `category agents=0.4`, `drop ifbench`.
    pub fn describe(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .weights
            .iter()
            .map(|(id, w)| format!("weight {id}={}", short(*w)))
            .collect();
        out.extend(
            self.categories
                .iter()
                .map(|(id, w)| format!("category {id}={}", short(*w))),
        );
        out.extend(self.drop.iter().map(|id| format!("drop {id}")));
        out
    }

    /// Reads back what [`describe`](Self::describe) wrote (from a receipt).
    pub fn from_descriptions(lines: &[String]) -> Result<Overrides, String> {
        let mut o = Overrides::default();
        for line in lines {
            match line.split_once(' ') {
                Some(("weight", a)) => o.weights.push(Self::parse_assignment("--weight", a)?),
                Some(("category", a)) => {
                    o.categories.push(Self::parse_assignment("--category", a)?)
                }
                Some(("drop", id)) => o.drop.push(id.to_string()),
                _ => {
                    return Err(format!(
                        "'{line}' is not an override (weight ID=W, category ID=W, drop ID)"
                    ));
                }
            }
        }
        Ok(o)
    }

    /// The methodology with the overrides applied. Unknown ids and a methodology left without
    /// components are errors that list what exists.
    pub fn apply(&self, m: &Methodology) -> Result<Methodology, String> {
        if self.is_empty() {
            return Ok(m.clone());
        }
        let mut out = m.clone();
        let components = || {
            m.components
                .iter()
                .map(|k| k.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let categories = || {
            m.categories
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let unknown_component = |flag: &str, id: &str| {
            format!(
                "{flag} {id}: methodology {} has no component '{id}'; its components are {}",
                m.name,
                components()
            )
        };
        for (id, w) in &self.weights {
            let k = out
                .components
                .iter_mut()
                .find(|k| k.id == *id)
                .ok_or_else(|| unknown_component("--weight", id))?;
            k.weight = *w;
        }
        for id in &self.drop {
            let k = out
                .components
                .iter_mut()
                .find(|k| k.id == *id)
                .ok_or_else(|| unknown_component("--drop", id))?;
            k.weight = 0.0;
        }
        for (id, w) in &self.categories {
            let c = out.categories.iter_mut().find(|c| c.id == *id).ok_or_else(|| {
                format!(
                    "--category {id}: methodology {} has no category '{id}'; its categories are {}",
                    m.name,
                    categories()
                )
            })?;
            c.weight = *w;
        }
        let dropped_categories: Vec<String> = out
            .categories
            .iter()
            .filter(|c| c.weight == 0.0)
            .map(|c| c.id.clone())
            .collect();
        out.components
            .retain(|k| k.weight > 0.0 && !dropped_categories.contains(&k.category));
        let remaining = out.components.clone();
        out.categories
            .retain(|c| c.weight > 0.0 && remaining.iter().any(|k| k.category == c.id));
        if out.components.is_empty() {
            return Err(format!(
                "the overrides remove every component of methodology {}; keep at least one",
                m.name
            ));
        }
        out.validate().map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// A weight as typed back: plain decimals, or exponent notation where those would be long (1e308
/// rather than 309 digits). Both read back to the same f64.
fn short(w: f64) -> String {
    let plain = w.to_string();
    if plain.len() > 20 {
        format!("{w:e}")
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdpval_zero_renormalises_agents_to_tau2_alone() {
        let m = Methodology::builtin("aa-v4.0").unwrap();
        let o = Overrides {
            weights: vec![("gdpval".into(), 0.0)],
            ..Overrides::default()
        };
        let w: std::collections::BTreeMap<_, _> = o
            .apply(&m)
            .unwrap()
            .effective_weights()
            .into_iter()
            .map(|(k, w)| (k.to_string(), w))
            .collect();
        assert_eq!(w.get("gdpval"), None);
        assert_eq!(w["tau2_telecom"], 0.25);
        assert_eq!(w["hle"], 0.125);
        assert_eq!(Overrides::from_descriptions(&o.describe()).unwrap(), o);
    }

    #[test]
    fn categories_renormalise_and_unknown_ids_are_listed() {
        let m = Methodology::builtin("aa-v4.0").unwrap();
        let o = Overrides {
            categories: vec![("agents".into(), 3.0), ("general".into(), 0.0)],
            drop: vec!["critpt".into()],
            ..Overrides::default()
        };
        let applied = o.apply(&m).unwrap();
        assert_eq!(applied.category_weight("agents"), 0.6);
        assert_eq!(applied.category_weight("coding"), 0.2);
        assert!(
            applied
                .components
                .iter()
                .all(|k| k.category != "general" && k.id != "critpt")
        );
        let bad = Overrides {
            drop: vec!["hle2".into()],
            ..Overrides::default()
        };
        let e = bad.apply(&m).unwrap_err();
        assert!(
            e.contains("no component 'hle2'") && e.contains("gdpval, tau2_telecom"),
            "{e}"
        );
        assert!(Overrides::parse_assignment("--weight", "hle=-1").is_err());
        let extreme = Overrides {
            weights: vec![
                ("hle".into(), 1e308),
                ("gpqa".into(), 5e-324),
                ("critpt".into(), 2.5),
            ],
            ..Overrides::default()
        };
        assert_eq!(
            extreme.describe(),
            [
                "weight hle=1e308",
                "weight gpqa=5e-324",
                "weight critpt=2.5"
            ]
        );
        assert_eq!(
            Overrides::from_descriptions(&extreme.describe()).unwrap(),
            extreme
        );
        assert!(Overrides::parse_assignment("--weight", "hle").is_err());
        let all = Overrides {
            categories: m.categories.iter().map(|c| (c.id.clone(), 0.0)).collect(),
            ..Overrides::default()
        };
        assert!(
            all.apply(&m)
                .unwrap_err()
                .contains("remove every component")
        );
    }
}
