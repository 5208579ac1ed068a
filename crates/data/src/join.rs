//! Pairing the rows of two snapshots by slug: a full outer join in polars.

use polars::prelude::*;
use reweigh_evals::{DataError, Dataset};

use crate::guard::guarded;

/// One model of the union of two snapshots: its row in each (0-based), `None` where it is absent.
pub type Pair = (Option<usize>, Option<usize>);

/// Every slug of `a` and `b` with its row in each, ordered by slug. Slugs are unique within a
/// dataset (checked when it was read), so the join is one-to-one.
pub fn pair_by_slug(a: &Dataset, b: &Dataset) -> Result<Vec<Pair>, DataError> {
    let origin = format!("{} and {}", a.origin, b.origin);
    guarded(&origin, "two datasets joined by slug", || {
        let left = rows_frame(a, "row_a")?;
        let right = rows_frame(b, "row_b")?;
        let joined = left
            .join(
                &right,
                ["slug"],
                ["slug"],
                JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
                None,
            )?
            .sort(["slug"], SortMultipleOptions::default())?;
        let row_a = joined.column("row_a")?.u32()?;
        let row_b = joined.column("row_b")?.u32()?;
        Ok(row_a
            .iter()
            .zip(row_b.iter())
            .map(|(x, y)| (x.map(|r| r as usize), y.map(|r| r as usize)))
            .collect())
    })
}

fn rows_frame(d: &Dataset, name: &str) -> PolarsResult<DataFrame> {
    let slugs: Vec<&str> = d.rows.iter().map(|r| r.slug.as_str()).collect();
    let rows: Vec<u32> = (0..d.len() as u32).collect();
    DataFrame::new(
        d.len(),
        vec![
            Column::new("slug".into(), slugs),
            Column::new(name.into(), rows),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reweigh_evals::LoadOptions;

    fn dataset(name: &str, slugs: &[&str]) -> Dataset {
        let mut csv = "slug,hle\n".to_string();
        for s in slugs {
            csv.push_str(&format!("{s},0.5\n"));
        }
        Dataset::from_plain_csv(name, &csv, &LoadOptions::default()).unwrap()
    }

    #[test]
    fn pairs_every_slug_of_either_side_once() {
        let a = dataset("a.csv", &["m2", "m1", "gone"]);
        let b = dataset("b.csv", &["new", "m1", "m2"]);
        let pairs = pair_by_slug(&a, &b).unwrap();
        assert_eq!(
            pairs,
            vec![
                (Some(2), None),    // gone
                (Some(1), Some(1)), // m1
                (Some(0), Some(2)), // m2
                (None, Some(0)),    // new
            ]
        );
    }
}
