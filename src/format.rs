//! Number and date formatting for the report text: Arabic figures, percentages, 个百分点,
//! Chinese numerals for headings and years, and the genre's wording of a change (增长/下降/持平).
//!
//! Everything here is pure. Rounding is half away from zero on the *decimal* value the user
//! typed or a calculator would show, not on the binary `f64`: `2.675` is stored as
//! 2.67499999999999982236431605997495353221893310546875, so `format!("{:.2}", 2.675)` gives
//! "2.67" and `(1.005 * 100.0).round()` gives 100 (the product is 100.49999999999999). We take the
//! shortest decimal string that round-trips to the same `f64` (Rust's `{:e}` output, "2.675e0"),
//! and round that digit string; scaling by 10^d (percent: ×100) is done by moving the decimal
//! exponent, never by an `f64` multiplication.

use chrono::{Datelike, NaiveDate};

/// What a non-finite value (NaN, ±∞) prints as: the same sign as a missing figure.
pub const MISSING: &str = crate::decimal::NOT_FINITE;

pub use crate::decimal::MAX_DECIMALS;

/// A number with at most `max_decimals` decimals, trailing zeros trimmed: counts print as
/// integers ("31"), money as "12.5" or "3.25". No thousands separator (report style writes
/// 1000000). Negative zero, and negatives that round to zero, print "0".
pub fn number(v: f64, max_decimals: usize) -> String {
    trim_zeros(crate::decimal::fixed(v, 0, max_decimals))
}

/// A fraction as a percentage with at most `decimals` decimals, trailing zeros trimmed as
/// writers do (DOMAIN §5): 0.987 → "98.7%", 1.0 → "100%", 0.1429 at 2 → "14.29%".
pub fn percent(ratio: f64, decimals: usize) -> String {
    let digits = trim_zeros(crate::decimal::fixed(ratio, 2, decimals));
    if digits == MISSING {
        return digits;
    }
    digits + "%"
}

/// The magnitude of a difference of two fractions, in 个百分点: 0.052 → "5.2个百分点".
/// The direction (提升/下降) is the locale's word.
pub fn points(delta_ratio: f64, decimals: usize) -> String {
    let digits = trim_zeros(crate::decimal::fixed(delta_ratio.abs(), 2, decimals));
    if digits == MISSING {
        return digits;
    }
    digits + "个百分点"
}

/// Chinese numerals as used in heading numbers: 1 → 一, 10 → 十, 11 → 十一, 105 → 一百零五,
/// 10005 → 一万零五.
pub fn chinese_number(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    let sections = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut gap = false;
    for (section, unit) in sections {
        if section == 0 {
            gap |= !out.is_empty();
            continue;
        }
        // 一万零五 (10005), 一亿零一万 (100010000): a zero between sections is read once.
        if !out.is_empty() && (gap || section < 1000) {
            out.push('零');
        }
        gap = false;
        out.push_str(&chinese_section(section));
        out.push_str(unit);
    }
    // 十一, 十万 rather than 一十一, 一十万 at the start of a number.
    match out.strip_prefix("一十") {
        Some(rest) => format!("十{rest}"),
        None => out,
    }
}

const CHINESE_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 1..=9999 in Chinese numerals, with 零 for each run of zeros between digits (一千零五).
fn chinese_section(n: u32) -> String {
    let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero_pending = false;
    for (place, unit) in places {
        let digit = (n / place % 10) as usize;
        if digit == 0 {
            zero_pending |= !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(CHINESE_DIGITS[digit]);
        out.push_str(unit);
    }
    out
}

/// The number of the `n`th heading at `level` (DOMAIN §5): 1 → "一、", 2 → "（一）", 3 → "1.",
/// 4 → "（1）". Full-width brackets, nothing after them; a half-width dot after 1. Levels below 1
/// are treated as 1 and above 4 as 4 (the standard has no fifth level); the `heading` filter
/// rejects them instead.
pub fn heading_marker(level: u8, n: u32) -> String {
    match level {
        0 | 1 => format!("{}、", chinese_number(n)),
        2 => format!("（{}）", chinese_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// A date as GB/T 9704 §7.3.5.4 writes it: Arabic numerals, full year, no padding:
/// "2024年7月5日".
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A year in Chinese digits, zero written 〇 (not 零): 2024 → "二〇二四".
pub fn chinese_year(y: i32) -> String {
    let sign = if y < 0 { "负" } else { "" };
    let digits: String = y
        .unsigned_abs()
        .to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(0) | None => '〇',
            Some(d) => CHINESE_DIGITS[d as usize],
        })
        .collect();
    format!("{sign}{digits}")
}

/// "12.50" → "12.5", "3.00" → "3": cut in place, as figures are written by the million.
fn trim_zeros(mut s: String) -> String {
    if s.contains('.') {
        let kept = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(kept);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_counts_print_as_integers() {
        assert_eq!(number(31.0, 2), "31");
        assert_eq!(number(0.0, 2), "0");
        assert_eq!(number(1e6, 2), "1000000"); // 1e6 = 1 000 000, no separators
        assert_eq!(number(1e6, 0), "1000000");
    }

    #[test]
    fn number_trims_trailing_zeros() {
        assert_eq!(number(12.5, 2), "12.5"); // 12.50 → 12.5
        assert_eq!(number(3.25, 2), "3.25");
        assert_eq!(number(3.2, 4), "3.2"); // 3.2000 → 3.2
        assert_eq!(number(12.004, 2), "12"); // 12.00 → 12
    }

    #[test]
    fn number_rounds_half_away_from_zero_on_the_decimal_value() {
        assert_eq!(number(2.675, 2), "2.68"); // 2.675 → 2.68 (the f64 is 2.67499…; `{:.2}` says 2.67)
        assert_eq!(number(1.005, 2), "1.01"); // 1.005 → 1.01 (1.005 × 100 in f64 is 100.4999…)
        assert_eq!(number(0.05, 1), "0.1"); // 0.05 → 0.1
        assert_eq!(number(0.05, 0), "0"); // 0.05 → 0
        assert_eq!(number(0.5, 0), "1"); // half → away from zero
        assert_eq!(number(2.5, 0), "3"); // not banker's rounding (would give 2)
        assert_eq!(number(-2.5, 0), "-3"); // away from zero on the negative side too
        assert_eq!(number(9.995, 2), "10"); // 9.995 → 10.00 → 10 (carry through all digits)
        assert_eq!(number(99.96, 1), "100"); // 99.96 → 100.0 → 100
        assert_eq!(number(0.000_4, 3), "0"); // 0.0004 → 0.000
        assert_eq!(number(0.000_5, 3), "0.001"); // 0.0005 → 0.001
    }

    #[test]
    fn number_never_shows_negative_zero() {
        assert_eq!(number(-0.0, 2), "0");
        assert_eq!(number(-0.004, 2), "0"); // -0.004 → -0.00 → 0
        assert_eq!(number(-0.005, 2), "-0.01"); // half away from zero
        assert_eq!(number(-12.5, 2), "-12.5");
    }

    #[test]
    fn number_handles_extremes() {
        assert_eq!(number(f64::NAN, 2), MISSING);
        assert_eq!(number(f64::INFINITY, 2), MISSING);
        assert_eq!(number(1.5e-10, 2), "0");
        assert_eq!(number(123_456_789.125, 2), "123456789.13"); // …125 → …13
    }

    #[test]
    fn percent_trims_trailing_zeros() {
        assert_eq!(percent(0.987, 1), "98.7%"); // 0.987 × 100 = 98.7
        assert_eq!(percent(1.0, 1), "100%"); // 1 × 100 = 100.0 → 100 (DOMAIN §5: 100%, not 100.0%)
        assert_eq!(percent(0.125, 2), "12.5%"); // 12.50 → 12.5
        assert_eq!(percent(1.0 / 7.0, 2), "14.29%"); // 14.2857… → 14.29
        assert_eq!(percent(1.0, 0), "100%");
        assert_eq!(percent(0.9009, 1), "90.1%"); // 90.09 → 90.1
        assert_eq!(percent(0.14, 1), "14%"); // 14.0 → 14
        assert_eq!(percent(0.0, 1), "0%");
        assert_eq!(percent(-0.0, 1), "0%");
        assert_eq!(percent(0.9875, 1), "98.8%"); // 79/80 = 0.9875 → 98.75 → 98.8
        assert_eq!(percent(118.0 / 120.0, 1), "98.3%"); // 0.98333… → 98.33… → 98.3
        assert_eq!(percent(118.0 / 120.0, 2), "98.33%");
        assert_eq!(percent(0.000_5, 1), "0.1%"); // 0.05 → 0.1
        assert_eq!(percent(-0.125, 1), "-12.5%");
        assert_eq!(percent(f64::NAN, 1), MISSING);
    }

    #[test]
    fn points_is_a_magnitude() {
        assert_eq!(points(0.052, 1), "5.2个百分点"); // 0.052 × 100 = 5.2
        assert_eq!(points(-0.026, 1), "2.6个百分点"); // |−0.026| × 100 = 2.6
        assert_eq!(points(0.182 - 0.208, 1), "2.6个百分点"); // 18.2% − 20.8% = −2.6 (f64: −0.02600…01)
        assert_eq!(points(0.05, 0), "5个百分点");
        assert_eq!(points(0.0, 1), "0个百分点");
        assert_eq!(points(0.05, 2), "5个百分点"); // 5.00 → 5
    }

    #[test]
    fn chinese_numbers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1000, "一千"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (10_000, "一万"),
            (10_005, "一万零五"),
            (100_000, "十万"),
            (1_000_500, "一百万零五百"),
            (100_010_000, "一亿零一万"),
            (100_000_005, "一亿零五"),
            (u32::MAX, "四十二亿九千四百九十六万七千二百九十五"),
        ];
        for (n, expected) in cases {
            assert_eq!(chinese_number(n), expected, "{n}");
        }
    }

    #[test]
    fn heading_markers() {
        assert_eq!(heading_marker(1, 1), "一、");
        assert_eq!(heading_marker(1, 11), "十一、");
        assert_eq!(heading_marker(2, 3), "（三）");
        assert_eq!(heading_marker(3, 2), "2.");
        assert_eq!(heading_marker(4, 12), "（12）");
        assert_eq!(heading_marker(0, 1), "一、");
        assert_eq!(heading_marker(9, 1), "（1）");
    }

    #[test]
    fn dates_and_years() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 5).unwrap();
        assert_eq!(chinese_date(d), "2024年7月5日");
        let d = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(chinese_date(d), "2024年12月31日");
        assert_eq!(chinese_year(2024), "二〇二四");
        assert_eq!(chinese_year(2000), "二〇〇〇");
        assert_eq!(chinese_year(1998), "一九九八");
        assert_eq!(chinese_year(0), "〇");
    }
}
