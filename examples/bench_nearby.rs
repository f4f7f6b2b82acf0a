//! Benchmark: filter and sort 10,000 schemes by distance (the core of "nearest first").
//!
//! `cargo run --release --example bench_nearby [ITERATIONS]`; `scripts/bench-nearby.sh` runs it
//! several times and reports the medians. Prints one tab-separated line per case:
//! `case  median_ms  min_ms  results`. The schemes are synthetic (spread over Hertfordshire by a
//! fixed pseudo-random sequence, so every run measures the same work); they go through the same
//! validation as the real data file.

use referral_map::config::Config;
use referral_map::filter::{Filters, PriceFilter};
use referral_map::nearby::{nearest_first, NearbyResults, Precision, SearchPoint};
use referral_map::scheme::{LatLng, Scheme};
use serde_json::json;
use std::hint::black_box;
use std::time::Instant;

const SCHEMES: usize = 10_000;

fn main() {
    let iterations: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).filter(|&n| n > 0).unwrap_or(201);
    let schemes = synthetic_schemes(SCHEMES);
    let sg1_1lz = SearchPoint {
        label: "SG1 1LZ".into(),
        location: LatLng { lat: 51.901873, lng: -0.20532 },
        precision: Precision::Unit,
    };
    // "near SG19 1" (Sandy, Bedfordshire): outside the synthetic area, so nothing is within 2 miles.
    let sandy = SearchPoint {
        label: "near SG19 1".into(),
        location: LatLng { lat: 52.130203, lng: -0.291849 },
        precision: Precision::Sector,
    };
    let none = Filters::default();
    let diabetes_under_10 = Filters {
        conditions: [referral_map::condition::Condition::Diabetes].into(),
        price: PriceFilter::MaxWeekly(10),
        ..Default::default()
    };

    let cases: [(&str, &Filters, Option<&SearchPoint>, Option<u32>); 4] = [
        ("filters only, no search point (baseline)", &none, None, None),
        ("nearest first, all 10,000 (no filters)", &none, Some(&sg1_1lz), None),
        ("condition + price filters, within 5 miles", &diabetes_under_10, Some(&sg1_1lz), Some(5)),
        ("nothing within 2 miles: 3 nearest anyway", &none, Some(&sandy), Some(2)),
    ];
    for (name, filters, from, within) in cases {
        let run = || -> NearbyResults {
            let matching = filters.apply(black_box(&schemes));
            nearest_first(&schemes, &matching, from, within)
        };
        let results = run().entries.len();
        for _ in 0..5 {
            black_box(run());
        }
        let mut times: Vec<f64> = (0..iterations)
            .map(|_| {
                let start = Instant::now();
                black_box(run());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!("{name}\t{:.3}\t{:.3}\t{results}", times[times.len() / 2], times[0]);
    }
}

/// `n` valid schemes spread over Hertfordshire, with varied districts, conditions and prices.
fn synthetic_schemes(n: usize) -> Vec<Scheme> {
    let districts = Config::shipped().area.districts;
    let conditions = ["heart", "diabetes", "msk", "mental-health", "weight", "breathing", "falls"];
    let prices = [
        json!({"unit": "free", "currency": "GBP"}),
        json!({"unit": "session", "amount": 3.5, "currency": "GBP", "sessions_per_week": 2}),
        json!({"unit": "month", "amount": 22.0, "currency": "GBP", "months": 3}),
        json!({"unit": "course", "amount": 60.0, "currency": "GBP", "weeks": 12}),
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        // 64-bit LCG (Knuth's MMIX constants); the top 53 bits as a fraction in [0, 1).
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|i| {
            let lat = 51.60 + next() * 0.50;
            let lng = -0.75 + next() * 0.95;
            let feature = json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": {
                    "id": format!("scheme-{i:05}"),
                    "name": format!("Scheme {:05}", (i * 7919) % n),
                    "operator": "Everyone Active",
                    "centre": format!("Centre {i}"),
                    "address": "High Street",
                    "town": "Stevenage",
                    "postcode": "SG1 1LZ",
                    "district": districts[i % districts.len()].id,
                    "price": prices[i % prices.len()],
                    "phone": "01632 960001",
                    "email": "activehealth@example.org",
                    "website": "https://www.everyoneactive.com/",
                    "conditions": [conditions[i % conditions.len()], conditions[(i / 3) % conditions.len()]],
                    "referral": ["gp"],
                    "programme_weeks": 12,
                    "last_verified": "2026-10-01",
                    "sample": true
                }
            });
            Scheme::from_feature(&feature, i, &districts)
                .unwrap_or_else(|r| panic!("synthetic scheme {i} is invalid: {:?}", r.reasons))
        })
        .collect()
}
