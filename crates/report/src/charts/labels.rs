//! Placing point labels so that none overlaps another, a labelled point's marker, or an obstacle
//! (a legend), and all stay inside the plot: greedy, nearest free position first.
//!
//! Each label tries boxes on rings around its point (16 directions, growing distance), scored by
//! distance plus a cost for every other point the box would hide; if the rings are full it takes
//! the nearest free spot on a grid over the whole plot (drawn with a leader line). A label with no
//! free spot at all is left out (`None`), never drawn over another.

/// A rectangle in pixels: `x0 <= x < x1`, `y0 <= y < y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn contains(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }
    fn holds(&self, (x, y): (i32, i32)) -> bool {
        x >= self.x0 && x < self.x1 && y >= self.y0 && y < self.y1
    }
    fn around(p: (i32, i32), r: i32) -> Rect {
        Rect {
            x0: p.0 - r,
            y0: p.1 - r,
            x1: p.0 + r + 1,
            y1: p.1 + r + 1,
        }
    }
    /// The point of the rectangle nearest to `p`.
    pub fn nearest(&self, p: (i32, i32)) -> (i32, i32) {
        (
            p.0.clamp(self.x0, self.x1 - 1),
            p.1.clamp(self.y0, self.y1 - 1),
        )
    }
    fn distance(&self, p: (i32, i32)) -> f64 {
        let q = self.nearest(p);
        (((q.0 - p.0).pow(2) + (q.1 - p.1).pow(2)) as f64).sqrt()
    }
}

/// What to place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The labelled point, in pixels.
    pub anchor: (i32, i32),
    /// Width and height of the text, in pixels.
    pub size: (i32, i32),
}

/// Where each label goes (`None`: no room anywhere). `bounds` is the plot; the labelled points'
/// markers (radius `radius`) and `obstacles` are never covered; `others` are points best not
/// hidden, each with the cost of hiding it (in pixels of distance: 12 makes a label go 12 pixels
/// further rather than hide the point).
pub fn place(
    labels: &[Label],
    bounds: Rect,
    radius: i32,
    others: &[((i32, i32), f64)],
    obstacles: &[Rect],
) -> Vec<Option<Rect>> {
    let markers: Vec<Rect> = labels
        .iter()
        .map(|l| Rect::around(l.anchor, radius))
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    let free = |r: &Rect, placed: &[Rect]| {
        bounds.contains(r)
            && !placed.iter().any(|p| p.overlaps(r))
            && !markers.iter().any(|m| m.overlaps(r))
            && !obstacles.iter().any(|o| o.overlaps(r))
    };
    let hidden = |r: &Rect| -> f64 {
        others
            .iter()
            .filter(|(p, _)| r.holds(*p))
            .map(|(_, w)| w)
            .sum()
    };
    // The most crowded labels first: they have the fewest good spots.
    let mut order: Vec<usize> = (0..labels.len()).collect();
    let crowd = |i: usize| {
        labels
            .iter()
            .filter(|l| {
                (l.anchor.0 - labels[i].anchor.0).abs() < 120
                    && (l.anchor.1 - labels[i].anchor.1).abs() < 40
            })
            .count()
    };
    order.sort_by_key(|&i| (std::cmp::Reverse(crowd(i)), i));
    let mut out = vec![None; labels.len()];
    for i in order {
        let Label {
            anchor: (ax, ay),
            size: (w, h),
        } = labels[i];
        let mut best: Option<(f64, Rect)> = None;
        for ring in [2, 8, 16, 28, 44, 64, 90, 120, 160] {
            for k in 0..16 {
                let angle = std::f64::consts::PI * k as f64 / 8.0;
                let (c, s) = (angle.cos(), -angle.sin());
                // The box's centre, so that its edge is about `ring` (plus the marker) away.
                let cx = ax as f64 + c * (ring + radius) as f64 + c * w as f64 / 2.0;
                let cy = ay as f64 + s * (ring + radius) as f64 + s * h as f64 / 2.0;
                let x0 = (cx - w as f64 / 2.0).round() as i32;
                let y0 = (cy - h as f64 / 2.0).round() as i32;
                let r = Rect {
                    x0,
                    y0,
                    x1: x0 + w,
                    y1: y0 + h,
                };
                if !free(&r, &placed) {
                    continue;
                }
                // Prefer right of the point, then left, then above and below.
                let side = if c > 0.7 {
                    0.0
                } else if c < -0.7 {
                    3.0
                } else {
                    6.0
                };
                let score = r.distance((ax, ay)) + side + hidden(&r);
                if best.is_none_or(|(b, _)| score < b) {
                    best = Some((score, r));
                }
            }
            if best.is_some_and(|(b, _)| b < (ring + 2 * radius) as f64 + 8.0) {
                break;
            }
        }
        let spot = best.map(|(_, r)| r).or_else(|| {
            // Anywhere in the plot, nearest first.
            let step = 6;
            let mut nearest: Option<(f64, Rect)> = None;
            let mut y = bounds.y0;
            while y + h <= bounds.y1 {
                let mut x = bounds.x0;
                while x + w <= bounds.x1 {
                    let r = Rect {
                        x0: x,
                        y0: y,
                        x1: x + w,
                        y1: y + h,
                    };
                    let d = r.distance((ax, ay));
                    if nearest.is_none_or(|(b, _)| d < b) && free(&r, &placed) {
                        nearest = Some((d, r));
                    }
                    x += step;
                }
                y += step;
            }
            nearest.map(|(_, r)| r)
        });
        if let Some(r) = spot {
            placed.push(r);
            out[i] = Some(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(seed: u64, n: usize, spread: (i32, i32)) -> Vec<Label> {
        let mut state = seed;
        let mut next = |m: i32| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % m as u64) as i32
        };
        (0..n)
            .map(|_| Label {
                anchor: (100 + next(spread.0), 60 + next(spread.1)),
                size: (60 + next(140), 17),
            })
            .collect()
    }

    #[test]
    fn no_two_labels_overlap_and_all_stay_inside() {
        let bounds = Rect {
            x0: 80,
            y0: 40,
            x1: 1150,
            y1: 700,
        };
        let legend = Rect {
            x0: 900,
            y0: 600,
            x1: 1140,
            y1: 690,
        };
        // Crowded (40 labels within 200x100 pixels) and spread out; seeded, synthetic.
        for (seed, n, spread) in [
            (1, 40, (200, 100)),
            (2, 100, (1000, 600)),
            (3, 20, (30, 30)),
        ] {
            let ls = labels(seed, n, spread);
            let out = place(&ls, bounds, 5, &[], &[legend]);
            let rects: Vec<Rect> = out.iter().flatten().copied().collect();
            assert_eq!(rects.len(), n, "seed {seed}: every label found room");
            for (i, a) in rects.iter().enumerate() {
                assert!(bounds.contains(a) && !a.overlaps(&legend));
                for b in &rects[i + 1..] {
                    assert!(!a.overlaps(b), "seed {seed}: {a:?} overlaps {b:?}");
                }
                for l in &ls {
                    assert!(!a.overlaps(&Rect::around(l.anchor, 5)), "covers a marker");
                }
            }
            // Each label is the same size as its text and near its point when there is room.
            for (l, r) in ls.iter().zip(&out) {
                let r = r.unwrap();
                assert_eq!((r.x1 - r.x0, r.y1 - r.y0), l.size);
            }
        }
    }

    #[test]
    fn a_lone_label_sits_right_of_its_point() {
        let bounds = Rect {
            x0: 0,
            y0: 0,
            x1: 800,
            y1: 600,
        };
        let out = place(
            &[Label {
                anchor: (400, 300),
                size: (80, 16),
            }],
            bounds,
            5,
            &[],
            &[],
        );
        let r = out[0].unwrap();
        assert!(
            r.x0 > 400 && r.x0 < 420 && r.y0 < 300 && r.y1 > 300,
            "{r:?}"
        );
    }

    #[test]
    fn no_room_leaves_the_label_out() {
        let bounds = Rect {
            x0: 0,
            y0: 0,
            x1: 100,
            y1: 40,
        };
        let ls = [
            Label {
                anchor: (10, 10),
                size: (90, 20),
            },
            Label {
                anchor: (80, 30),
                size: (90, 20),
            },
        ];
        let out = place(&ls, bounds, 2, &[], &[]);
        assert!(out.iter().any(Option::is_none), "{out:?}");
    }
}
