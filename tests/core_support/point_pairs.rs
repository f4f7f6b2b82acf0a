// Pairs of points for the distance tests, shared by the native unit test (`src/distance.rs`) and
// the browser one (`tests/web_core.rs`): a fixed pseudo-random walk (xorshift), the even pairs
// anywhere on the globe, the odd ones within about two degrees of Hertfordshire. Each point is
// `(lat, lng)`; no crate types, so both sides can include the file.

/// The first `n` pairs of the walk (the same pairs every time).
pub fn point_pairs(n: usize) -> Vec<[(f64, f64); 2]> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |range: f64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64 * 2.0 * range - range
    };
    (0..n)
        .map(|i| {
            let (scale, lat0, lng0) = if i % 2 == 0 { (1.0, 0.0, 0.0) } else { (0.01, 51.8, -0.2) };
            let a = (lat0 + next(90.0 * scale), lng0 + next(180.0 * scale));
            let b = (lat0 + next(90.0 * scale), lng0 + next(180.0 * scale));
            [a, b]
        })
        .collect()
}
