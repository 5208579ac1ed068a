//! Exact decimal arithmetic on number text: a percent becomes a fraction by moving the decimal
//! point (45.03 → 0.4503), never by dividing a float by 100 (45.03/100 is not 0.4503 in f64).

/// `text` (a decimal number, optionally signed, optionally with an exponent) times 10^`places`,
/// written in plain decimal notation without superfluous zeros. `None` if `text` is not a number.
pub fn shift(text: &str, places: i32) -> Option<String> {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
        None => (t, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // digits × 10^(point - len(digits)); the point sits after `int`.
    let digits: String = format!("{int}{frac}");
    let point = i64::from(int.len() as i32) + i64::from(exponent) + i64::from(places);
    if point.abs() > 400 {
        return None; // beyond any f64: not a score
    }
    let point = point as i32;
    let n = digits.len() as i32;
    let (whole, fraction) = if point <= 0 {
        (
            "0".to_string(),
            format!("{}{digits}", "0".repeat((-point) as usize)),
        )
    } else if point >= n {
        (
            format!("{digits}{}", "0".repeat((point - n) as usize)),
            String::new(),
        )
    } else {
        (
            digits[..point as usize].to_string(),
            digits[point as usize..].to_string(),
        )
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    if negative && (whole != "0" || !fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(whole);
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::shift;

    #[test]
    fn moves_the_point_exactly() {
        assert_eq!(shift("45.03", -2).unwrap(), "0.4503");
        assert_eq!(shift("65.7895", -2).unwrap(), "0.657895");
        assert_eq!(shift("0.0", -2).unwrap(), "0");
        assert_eq!(shift("100", -2).unwrap(), "1");
        assert_eq!(shift("3", -2).unwrap(), "0.03");
        assert_eq!(shift("-32.782", -2).unwrap(), "-0.32782");
        assert_eq!(shift("0.553", 2).unwrap(), "55.3");
        assert_eq!(shift("0.34519", 2).unwrap(), "34.519");
        assert_eq!(shift("1e-7", 2).unwrap(), "0.00001");
        assert_eq!(shift("2.5E+1", -2).unwrap(), "0.25");
        assert_eq!(shift("-0.00", -2).unwrap(), "0");
        assert_eq!(shift(".5", -2).unwrap(), "0.005");
        for bad in [
            "", "-", "a", "1.2.3", "1e", "0x10", "NaN", "inf", "1e999999",
        ] {
            assert_eq!(shift(bad, -2), None, "{bad}");
        }
        // The point of it: dividing by 100 is not the same number.
        assert_ne!(45.03_f64 / 100.0, 0.4503);
        assert_eq!(shift("45.03", -2).unwrap().parse::<f64>().unwrap(), 0.4503);
    }
}
