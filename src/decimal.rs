//! Decimal rounding as a calculator does it: half away from zero on the shortest decimal
//! form of an `f64`, never on its binary value (see `format`'s module comment for why).
//! Numbers only, no words: `compute` uses it to tell a change that rounds to nothing,
//! `format` to print.

/// What a non-finite value (NaN, ±∞) rounds to: the sign of a missing figure.
pub const NOT_FINITE: &str = "—";

/// The most decimals any figure is shown with; more is refused where it is typed (filters,
/// catalog) and clamped here, so no input can ask for a page of zeros or overflow a width.
pub const MAX_DECIMALS: usize = 6;

/// True when `v × 10^shift` prints as zero at `decimals` decimals.
pub fn rounds_to_zero(v: f64, shift: i32, decimals: usize) -> bool {
    v.is_finite() && Rounded::of(v, shift, decimals).is_zero()
}

/// `v × 10^shift` rounded half away from zero to exactly `decimals` decimals, as a string.
/// The rounding is on the shortest round-trip decimal form of `v` (see the module comment).
pub fn fixed(v: f64, shift: i32, decimals: usize) -> String {
    if !v.is_finite() {
        return NOT_FINITE.to_string();
    }
    let decimals = decimals.min(MAX_DECIMALS);
    Rounded::of(v, shift, decimals).written(v < 0.0, decimals)
}

/// Room for the digits of any f64: at most 17 significant digits, one more after rounding
/// up, and the `{:e}` form's point, sign and exponent while reading it.
const ROOM: usize = 32;

/// The digits of `|v| × 10^shift × 10^decimals` rounded to an integer, without leading
/// zeros ("" for zero), followed by `zeros` more zeros: figures are formatted millions of
/// times in a large build, so this works on the stack and allocates only the result.
struct Rounded {
    digits: [u8; ROOM],
    len: usize,
    zeros: usize,
}

impl Rounded {
    fn of(v: f64, shift: i32, decimals: usize) -> Rounded {
        let mut r = Rounded {
            digits: [0; ROOM],
            len: 0,
            zeros: 0,
        };
        let exponent = r.read_shortest(v.abs(), shift + decimals as i32);
        // v = digits × 10^exponent, so v × 10^shift × 10^decimals = digits × 10^scale.
        let scale = exponent + i64::from(shift) + decimals as i64;
        if scale >= 0 {
            r.zeros = scale as usize;
        } else {
            r.drop_rounding((-scale) as usize);
        }
        r.trim_leading_zeros();
        r
    }

    /// Reads the shortest round-trip digits of a non-negative finite `v` and returns the
    /// power of ten of the last one: 2.675 → 2675, -3; 1e6 → 1, 6; 0 → 0, 0.
    /// `places` are the decimals the digits will be rounded to (with the shift).
    fn read_shortest(&mut self, v: f64, places: i32) -> i64 {
        use std::fmt::Write;
        // Whole numbers (most figures are counts) are their own shortest form, written
        // here without the formatting machinery.
        if v.fract() == 0.0 && v < 1e15 {
            self.read_whole(v as u64);
            return 0;
        }
        // zmij writes the digits `{:e}` writes ("0.05" for "5e-2"), several times faster
        // than core::fmt, except where two shortest forms tie: 1299250000000000.25 is
        // …0.2 to zmij and …0.3 to core::fmt. Tied forms have 16 or more significant
        // digits (an f64 is exact to about 1 in 2^52) and differ only in the last, so a
        // rounding that keeps at most 13 of them cannot tell which one it was given.
        let (mut fast, mut text) = (zmij::Buffer::new(), Stack::default());
        let text = match v * 10f64.powi(places) < 1e13 {
            true => fast.format_finite(v).as_bytes(),
            false => {
                let _ = write!(text, "{v:e}"); // "2.675e15", "1e16"
                text.as_bytes()
            }
        };
        let (mantissa, exponent) = match text.iter().position(|&b| b == b'e') {
            Some(e) => (&text[..e], parse_exponent(&text[e + 1..])),
            None => (text, 0),
        };
        let mut fraction_len = 0;
        let mut in_fraction = false;
        for &b in mantissa {
            if b == b'.' {
                in_fraction = true;
                continue;
            }
            self.digits[self.len] = b;
            self.len += 1;
            fraction_len += usize::from(in_fraction);
        }
        exponent - fraction_len as i64
    }

    /// The decimal digits of `n` ("0" for zero), as `{}` writes them.
    fn read_whole(&mut self, mut n: u64) {
        let mut reversed = [0u8; 20];
        let mut len = 0;
        loop {
            reversed[len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for (i, &b) in reversed[..len].iter().rev().enumerate() {
            self.digits[i] = b;
        }
        self.len = len;
    }

    /// Drops the last `drop` digits, rounding half away from zero on the first dropped.
    fn drop_rounding(&mut self, drop: usize) {
        if drop > self.len {
            self.len = 0; // below half of the last kept place
            return;
        }
        let keep = self.len - drop;
        let round_up = self.digits[keep] >= b'5';
        self.len = keep;
        if round_up {
            self.increment();
        }
    }

    /// Adds one to the kept digits ("199" → "200", "" → "1").
    fn increment(&mut self) {
        for i in (0..self.len).rev() {
            if self.digits[i] == b'9' {
                self.digits[i] = b'0';
            } else {
                self.digits[i] += 1;
                return;
            }
        }
        self.digits.copy_within(0..self.len, 1);
        self.digits[0] = b'1';
        self.len += 1;
    }

    fn trim_leading_zeros(&mut self) {
        let lead = self.digits[..self.len]
            .iter()
            .take_while(|&&b| b == b'0')
            .count();
        self.digits.copy_within(lead..self.len, 0);
        self.len -= lead;
        if self.len == 0 {
            self.zeros = 0;
        }
    }

    fn is_zero(&self) -> bool {
        self.len == 0
    }

    /// "12.30", "-0.05", "0": at least one digit before the point, exactly `decimals` after.
    fn written(&self, negative: bool, decimals: usize) -> String {
        let n = self.len + self.zeros;
        let width = n.max(decimals + 1);
        let mut out = String::with_capacity(width + 2);
        if negative && !self.is_zero() {
            out.push('-');
        }
        let digits = std::iter::repeat_n(b'0', width - n)
            .chain(self.digits[..self.len].iter().copied())
            .chain(std::iter::repeat_n(b'0', self.zeros));
        for (i, b) in digits.enumerate() {
            if decimals > 0 && i == width - decimals {
                out.push('.');
            }
            out.push(char::from(b));
        }
        out
    }
}

/// The exponent of a `{:e}` form ("-2", "308").
fn parse_exponent(text: &[u8]) -> i64 {
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

/// A formatting target on the stack, for the `{:e}` form of one f64.
#[derive(Default)]
struct Stack {
    bytes: [u8; ROOM],
    len: usize,
}

impl Stack {
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl std::fmt::Write for Stack {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > ROOM {
            return Err(std::fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule written the slow, obvious way on strings: the digits of the shortest form,
    /// shifted by the exponent, cut with half away from zero.
    fn by_strings(v: f64, shift: i32, decimals: usize) -> String {
        let sci = format!("{:e}", v.abs());
        let (mantissa, exp) = sci.split_once('e').unwrap();
        let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
        let mut digits: Vec<u8> = mantissa.bytes().filter(|b| *b != b'.').collect();
        let scale = exp.parse::<i64>().unwrap() - fraction + i64::from(shift) + decimals as i64;
        if scale >= 0 {
            digits.extend(std::iter::repeat_n(b'0', scale as usize));
        } else {
            let keep = digits.len() as i64 + scale;
            let up = keep >= 0 && digits[keep as usize] >= b'5';
            digits.truncate(keep.max(0) as usize);
            let mut carry = up;
            for d in digits.iter_mut().rev() {
                if !carry {
                    break;
                }
                carry = *d == b'9';
                *d = if carry { b'0' } else { *d + 1 };
            }
            if carry {
                digits.insert(0, b'1');
            }
        }
        let n: String = String::from_utf8(digits).unwrap();
        let n = n.trim_start_matches('0');
        let mut s = format!("{n:0>width$}", width = decimals + 1);
        if decimals > 0 {
            s.insert(s.len() - decimals, '.');
        }
        if v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            s.insert(0, '-');
        }
        s
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_the_shortest_form() {
        // 2.675 is 2.67499999… in binary; a calculator (and we) say 2.68.
        assert_eq!(fixed(2.675, 0, 2), "2.68");
        assert_eq!(fixed(-2.675, 0, 2), "-2.68");
        // 44 ÷ 45 = 0.977777…: 97.78 as a percentage at two decimals.
        assert_eq!(fixed(44.0 / 45.0, 2, 2), "97.78");
        assert_eq!(fixed(0.9995, 2, 1), "100.0");
        assert_eq!(fixed(99.5, 0, 0), "100");
        assert_eq!(fixed(0.0, 2, 1), "0.0");
        assert_eq!(
            fixed(-0.0004, 2, 1),
            "0.0",
            "a negative that rounds to zero has no sign"
        );
        assert_eq!(fixed(1e6, 0, 0), "1000000");
        // A tie between two shortest forms (…0.2 and …0.3) is broken as core::fmt does.
        assert_eq!(fixed(1299250000000000.3, 0, 1), "1299250000000000.3");
        assert_eq!(fixed(5e-7, 0, 6), "0.000001");
        assert_eq!(fixed(4e-7, 0, 6), "0.000000");
        assert_eq!(fixed(f64::NAN, 0, 1), NOT_FINITE);
        assert_eq!(fixed(1.5, 0, 9), "1.500000", "decimals are clamped to six");
        assert!(rounds_to_zero(0.00049, 2, 1) && !rounds_to_zero(0.0005, 2, 1));
        assert!(!rounds_to_zero(f64::INFINITY, 0, 0));
    }

    #[test]
    fn the_stack_digits_agree_with_the_rule_on_strings() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let r = next();
            let magnitude = 10f64.powi((r % 30) as i32 - 12);
            let v = (next() % 2_000_000) as f64 / 1_000_000.0 * magnitude;
            let v = if r & 1 == 1 { -v } else { v };
            for (shift, decimals) in [(0, 0), (0, 1), (2, 1), (2, 2), (0, 6), (2, 0)] {
                assert_eq!(
                    fixed(v, shift, decimals),
                    by_strings(v, shift, decimals),
                    "{v} shift {shift} decimals {decimals}"
                );
            }
        }
    }
}
