//! Dates without a date library: a retrieval time as RFC 3339 UTC, and the three HTTP date forms
//! of RFC 9110 §5.6.7 that a `Retry-After` header may carry.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// A time as RFC 3339 in UTC to the second: `2026-11-24T06:47:52Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month(name: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

fn hms(text: &str) -> Option<i64> {
    let mut it = text.split(':').map(|p| {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
    });
    let (h, m, s) = (it.next()??, it.next()??, it.next()??);
    (it.next().is_none() && h < 24 && m < 60 && s <= 60).then_some(h * 3600 + m * 60 + s)
}

/// An HTTP date (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, the obsolete RFC 850
/// `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994`) as seconds since the
/// Unix epoch.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (y, m, d, time) = match words.as_slice() {
        // IMF-fixdate.
        [_, d, mon, y, time, "GMT"] if y.len() == 4 => {
            (y.parse().ok()?, month(mon)?, d.parse().ok()?, *time)
        }
        // RFC 850: two-digit years are taken as 19xx for 70..99 and 20xx below.
        [_, dmy, time, "GMT"] => {
            let mut p = dmy.split('-');
            let (d, mon, yy) = (p.next()?, p.next()?, p.next()?);
            let yy: i64 = yy.parse().ok().filter(|v| (0..100).contains(v))?;
            let y = if yy < 70 { 2000 + yy } else { 1900 + yy };
            (y, month(mon)?, d.parse().ok()?, *time)
        }
        // asctime.
        [_, mon, d, time, y] => (y.parse().ok()?, month(mon)?, d.parse().ok()?, *time),
        _ => return None,
    };
    // A year outside 1..=9999 is not a date a server means (and would overflow the day count).
    if !(1..=31).contains(&d) || !(1..=9999).contains(&y) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + hms(time)?)
}

/// The wait a `Retry-After` value asks for at `now`: whole seconds, or an HTTP date (a date in the
/// past asks for no wait). `None` when the value is neither.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Beyond u64 seconds is "a very long time": the caller's bounds apply.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = parse_http_date(value)?;
    let now = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Some(Duration::from_secs(at.saturating_sub(now).max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn retrieval_times_are_rfc3339_utc() {
        assert_eq!(rfc3339(at(0)), "1970-01-01T00:00:00Z");
        // 1994-11-06T08:49:37Z, RFC 9110's example date.
        assert_eq!(rfc3339(at(784_111_777)), "1994-11-06T08:49:37Z");
        // The legacy endpoint's sunset and a leap day.
        assert_eq!(rfc3339(at(1_793_750_400)), "2026-11-04T00:00:00Z");
        assert_eq!(rfc3339(at(1_709_208_000)), "2024-02-29T12:00:00Z");
    }

    #[test]
    fn a_year_out_of_range_is_no_date() {
        for text in [
            "Sun Nov  6 08:49:37 9223372036854775807",
            "Sunday, 06-Nov-9223372036854775807 08:49:37 GMT",
            "Sun Nov  6 08:49:37 0",
        ] {
            assert_eq!(parse_http_date(text), None, "{text}");
        }
    }

    #[test]
    fn the_three_http_date_forms() {
        for form in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(form), Some(784_111_777), "{form}");
        }
        // The legacy endpoint's `sunset: Wed, 04 Nov 2026` needs a time to be an HTTP date.
        assert_eq!(
            parse_http_date("Wed, 04 Nov 2026 00:00:00 GMT"),
            Some(1_793_750_400)
        );
        for bad in [
            "Wed, 04 Nov 2026",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "soon",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = at(784_111_777);
        assert_eq!(retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        // A date already past asks for no wait.
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("-1", now), None);
        assert_eq!(retry_after("1.5", now), None);
        assert_eq!(retry_after("", now), None);
    }
}
