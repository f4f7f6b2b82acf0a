//! Decimal numbers written as text, without the standard library's float formatting.
//!
//! `format!("{x}")` and `format!("{x:.1}")` on an `f64` bring core's float printer (Grisu with a
//! Dragon fallback and its big-number arithmetic, about 12 KB of wasm) into the web app. The same
//! text comes from here: [`plain`] takes the shortest digits from `zmij` (already in the app for
//! serde_json) and writes them the way `{}` does; [`fixed`] rounds exactly in integers, the way
//! `{:.N}` does (ties to even, on the float's exact binary value). The tests compare both with the
//! standard library on many values. Not for the data tool's own output: it may use `format!`.

/// `x` as `format!("{x}")` writes it: the shortest digits that read back as `x`, never with an
/// exponent ("0.0000001", "100000000000000000000"), "-0" for negative zero, "NaN", "inf", "-inf".
pub fn plain(x: f64) -> String {
    let mut buffer = zmij::Buffer::new();
    let shortest = buffer.format(x);
    if !x.is_finite() {
        return shortest.to_string();
    }
    let (negative, rest) = match shortest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, shortest),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The value is 0.DIGITS × 10^point; each leading zero dropped moves the point left.
    let all: String = [whole, fraction].concat();
    let significant = all.trim_start_matches('0');
    let point = whole.len() as i32 + exponent - (all.len() - significant.len()) as i32;
    let significant = significant.trim_end_matches('0');
    // When x lies exactly halfway between two shortest candidates, `zmij` takes the even one and
    // the standard library the one further from zero.
    let decimals = significant.len() as i32 - point;
    if decimals >= 0 {
        if let Some((q, true)) = scaled(x, decimals as u32 + 1) {
            if q % 10 == 5 {
                return with_point(negative, &(q / 10 + 1).to_string(), decimals as u32);
            }
        }
    }
    positional(negative, significant, point)
}

/// |x| × 10^decimals rounded to a whole number (ties to even), and whether that was exact;
/// `None` when it does not fit in 128 bits.
fn scaled(x: f64, decimals: u32) -> Option<(u128, bool)> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // |x| = m × 2^e exactly.
    let (m, e) = if biased == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased - 1075) };
    let n = u128::from(m).checked_mul(10u128.checked_pow(decimals)?)?;
    if e >= 0 {
        return Some((n.checked_shl(e as u32).filter(|v| v >> e == n)?, true));
    }
    let k = (-e) as u32;
    if k >= 128 {
        return Some((0, n == 0));
    }
    let q = n >> k;
    let r = n & ((1u128 << k) - 1);
    let half = 1u128 << (k - 1);
    let up = r > half || (r == half && q % 2 == 1);
    Some((q + u128::from(up), r == 0))
}

/// 0.DIGITS × 10^point written without an exponent (DIGITS without leading or trailing zeros).
fn positional(negative: bool, digits: &str, point: i32) -> String {
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(digits);
    } else if point as usize >= digits.len() {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    out
}

/// `x` with `decimals` digits after the point, as `format!("{x:.decimals$}")` writes it: rounded
/// on the exact value, ties to even, the sign kept when the result is zero ("-0.0"). Exact while
/// |x| × 10^decimals fits in 128 bits (everything the app writes: distances, coordinates,
/// seconds); beyond that, [`plain`] with zeros after the point.
pub fn fixed(x: f64, decimals: u32) -> String {
    if !x.is_finite() {
        return plain(x);
    }
    let negative = x.is_sign_negative();
    if x.abs() >= 4_503_599_627_370_496.0 {
        // From 2^52 on every f64 is a whole number: its exact digits, zeros after the point.
        let mut s = String::from(if negative { "-" } else { "" });
        s.push_str(&whole_digits(x.abs()));
        if decimals > 0 {
            s.push('.');
            s.extend(std::iter::repeat_n('0', decimals as usize));
        }
        return s;
    }
    match scaled(x, decimals) {
        Some((q, _)) => with_point(negative, &q.to_string(), decimals),
        // More decimals than 128 bits hold (beyond what `{:.N}` is asked for here): the exact
        // digits that fit, then zeros (these are the value's exact decimal digits only when the
        // expansion is that short).
        None => {
            let fit = (0..decimals).rev().find_map(|d| scaled(x, d).map(|(q, _)| (d, q))).unwrap_or((0, 0));
            let mut s = with_point(negative, &fit.1.to_string(), fit.0);
            if fit.0 == 0 {
                s.push('.');
            }
            s.extend(std::iter::repeat_n('0', (decimals - fit.0) as usize));
            s
        }
    }
}

/// The exact decimal digits of a whole, finite, non-negative f64 (any size).
fn whole_digits(x: f64) -> String {
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i32 - 1075;
    let m = (bits & ((1 << 52) - 1)) | (1 << 52);
    // Base 10^9 limbs, least significant first: m, then doubled e times.
    let mut limbs: Vec<u64> = vec![m % 1_000_000_000, m / 1_000_000_000 % 1_000_000_000, m / 1_000_000_000_000_000_000];
    for _ in 0..e {
        let mut carry = 0;
        for l in &mut limbs {
            let v = *l * 2 + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut s = limbs.last().map(u64::to_string).unwrap_or_default();
    for l in limbs.iter().rev().skip(1) {
        let digits = l.to_string();
        s.extend(std::iter::repeat_n('0', 9 - digits.len()));
        s.push_str(&digits);
    }
    s
}

/// Writes DIGITS with the last `decimals` of them after the point.
fn with_point(negative: bool, digits: &str, decimals: u32) -> String {
    let d = decimals as usize;
    let mut out = String::with_capacity(digits.len() + d + 3);
    if negative {
        out.push('-');
    }
    if digits.len() <= d {
        out.push('0');
        if d > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', d - digits.len()));
            out.push_str(digits);
        }
    } else {
        let (int, frac) = digits.split_at(digits.len() - d);
        out.push_str(int);
        if d > 0 {
            out.push('.');
            out.push_str(frac);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Floats of every kind: random bit patterns (all exponents), random values in the ranges the
    /// app writes (coordinates, miles, seconds, pounds), and values on rounding ties.
    fn samples() -> Vec<f64> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut v = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -0.5,
            0.05,
            0.15,
            0.25,
            0.35,
            1e-7,
            1e20,
            1e23,
            123456.789,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            15.0,
            120.0,
            0.1 + 0.2,
            51.901873,
            -0.205320,
            1.000005,
            0.000005,
            233_115_890_514_796.0 + 0.125, // a tie between two shortest candidates
            0.125,
            1e300,
            1.7976931348623157e308,
        ];
        for _ in 0..20_000 {
            v.push(f64::from_bits(next()));
            let unit = (next() >> 11) as f64 / (1u64 << 53) as f64;
            v.push((unit - 0.5) * 360.0);
            v.push(unit * 30.0);
            v.push(((next() % 2_000_000) as f64) / 10f64.powi((next() % 7) as i32));
        }
        v
    }

    #[test]
    fn plain_writes_what_display_writes() {
        for x in samples().into_iter().chain([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]) {
            assert_eq!(plain(x), format!("{x}"), "{:e}", x);
        }
    }

    #[test]
    fn fixed_writes_what_precision_writes() {
        for x in samples().into_iter().chain([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]) {
            for d in [0, 1, 2, 5, 6, 17, 22] {
                assert_eq!(fixed(x, d), format!("{x:.*}", d as usize), "{:e} to {d}", x);
            }
        }
    }

    #[test]
    fn examples() {
        assert_eq!(plain(15.0), "15");
        assert_eq!(plain(2.5), "2.5");
        assert_eq!(plain(-0.0), "-0");
        assert_eq!(plain(1e-7), "0.0000001");
        assert_eq!(fixed(51.901873, 5), "51.90187");
        assert_eq!(fixed(-0.01, 1), "-0.0");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(1.2, 1), "1.2");
    }
}
