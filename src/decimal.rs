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
    fixed(v, shift, decimals)
        .bytes()
        .all(|b| matches!(b, b'0' | b'.'))
}

/// `v × 10^shift` rounded half away from zero to exactly `decimals` decimals, as a string.
/// The rounding is on the shortest round-trip decimal form of `v` (see the module comment).
pub fn fixed(v: f64, shift: i32, decimals: usize) -> String {
    if !v.is_finite() {
        return NOT_FINITE.to_string();
    }
    let decimals = decimals.min(MAX_DECIMALS);
    let (digits, exponent) = decimal_digits(v.abs());
    // v = digits × 10^exponent, so v × 10^shift × 10^decimals = digits × 10^scale.
    let scale = exponent + i64::from(shift) + decimals as i64;
    let scaled = scale_digits(digits, scale);
    let scaled = match scaled.trim_start_matches('0') {
        "" => "0",
        significant => significant,
    };
    let negative = v < 0.0 && scaled.bytes().any(|b| b != b'0');
    let mut padded = format!("{scaled:0>width$}", width = decimals + 1);
    if decimals > 0 {
        padded.insert(padded.len() - decimals, '.');
    }
    if negative {
        padded.insert(0, '-');
    }
    padded
}

/// The decimal digits of a non-negative finite `v` and the power of ten of the last digit:
/// 2.675 → ("2675", -3); 1e6 → ("1", 6); 0 → ("0", 0).
fn decimal_digits(v: f64) -> (String, i64) {
    // Whole numbers (most figures are counts) are their own shortest form: formatting
    // them in scientific notation first was a tenth of a build's profile.
    if v.fract() == 0.0 && v < 1e15 {
        return ((v as u64).to_string(), 0);
    }
    let sci = format!("{v:e}"); // shortest round-trip: "2.675e0", "1e6", "5e-2"
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let fraction_len = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
    (mantissa.replace('.', ""), exp - fraction_len)
}

/// `digits × 10^scale` rounded half away from zero to an integer, as a digit string.
fn scale_digits(mut digits: String, scale: i64) -> String {
    if scale >= 0 {
        digits.extend(std::iter::repeat_n('0', scale as usize));
        return digits;
    }
    let drop = (-scale) as usize;
    if drop > digits.len() {
        return "0".to_string(); // below half of the last kept place
    }
    let keep = digits.len() - drop;
    let round_up = digits.as_bytes()[keep] >= b'5';
    digits.truncate(keep);
    if round_up {
        increment(&mut digits);
    }
    if digits.is_empty() {
        digits.push('0');
    }
    digits
}

/// Adds one to a decimal digit string ("199" → "200", "" → "1").
fn increment(digits: &mut String) {
    let mut bytes = std::mem::take(digits).into_bytes();
    let mut i = bytes.len();
    loop {
        if i == 0 {
            bytes.insert(0, b'1');
            break;
        }
        i -= 1;
        if bytes[i] == b'9' {
            bytes[i] = b'0';
        } else {
            bytes[i] += 1;
            break;
        }
    }
    *digits = String::from_utf8(bytes).unwrap_or_default();
}
