//! Code-Point Open-shaped zips for the `schemes geodata` tests: `Doc/metadata.txt` and one
//! header-less ten-column CSV per postcode area under `Data/CSV/`, as OS ships the product.
//!
//! The full-size input is made here, at test time, and never kept in the repository:
//! [`from_geodata`] takes the shipped `data/geodata` back to the grid with OSTN15 (sectors
//! expanded by their `postcodes` counts), so every clone can run the full-size check.

use referral_map::geodata::grid::{to_grid, to_lat_lng};
use referral_map::scheme::LatLng;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// One Code-Point row (the columns the tool reads; the others are written empty).
#[derive(Clone, Debug)]
pub struct CpRow {
    pub postcode: String,
    pub pqi: u8,
    pub easting: i64,
    pub northing: i64,
    pub county: String,
    pub district: String,
}

impl CpRow {
    pub fn new(postcode: &str, easting: i64, northing: i64, district: &str) -> CpRow {
        CpRow {
            postcode: postcode.into(),
            pqi: 10,
            easting,
            northing,
            county: String::new(),
            district: district.into(),
        }
    }
}

/// The postcode area: the letters before the first digit ("SG" for "SG1 1LZ").
fn area(postcode: &str) -> String {
    postcode.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase()
}

/// Writes the zip, with the release dates of Code-Point Open 2025.4.0. `deflate` as OS does;
/// stored is faster for the full-size tests.
pub fn write_zip(path: &Path, rows: &[CpRow], deflate: bool) {
    let mut by_area: BTreeMap<String, Vec<&CpRow>> = BTreeMap::new();
    for r in rows {
        by_area.entry(area(&r.postcode)).or_default().push(r);
    }
    let file = std::fs::File::create(path).expect("zip created");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = if deflate {
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
    } else {
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
    };
    let mut metadata = String::from(
        "ORDNANCE SURVEY\nPRODUCT: OS CODE-POINT_03.02\nDATASET VERSION NUMBER: 2025.4.0\nCOPYRIGHT DATE: 20251020\nRM UPDATE DATE: 20251017\n"
    );
    for (a, rows) in &by_area {
        metadata.push_str(&format!("{:>8}\t{}\n", a.to_ascii_uppercase(), rows.len()));
    }
    zip.start_file("Doc/metadata.txt", options).unwrap();
    zip.write_all(metadata.as_bytes()).unwrap();
    for (a, rows) in &by_area {
        zip.start_file(format!("Data/CSV/{a}.csv"), options).unwrap();
        let mut text = String::with_capacity(rows.len() * 80);
        for r in rows {
            text.push_str(&format!(
                "\"{}\",{},{},{},\"E92000001\",\"\",\"\",\"{}\",\"{}\",\"\"\n",
                r.postcode, r.pqi, r.easting, r.northing, r.county, r.district
            ));
        }
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader.records().map(|r| r.unwrap()).collect()
}

/// "AB10 1" + n: a made-up unit postcode of the sector, unique for n < 1296.
fn made_up(sector: &str, n: usize) -> String {
    const C: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    format!("{sector}{}{}", C[n / C.len()] as char, C[n % C.len()] as char)
}

/// Every area gets one postcode without a position (quality 90, at 0, 0), as the real product
/// has: the tool must count it and leave it out.
fn add_unpositioned(rows: &mut Vec<CpRow>) {
    let areas: BTreeSet<String> = rows.iter().map(|r| area(&r.postcode)).collect();
    for a in areas {
        rows.push(CpRow { pqi: 90, ..CpRow::new(&format!("{}99 9ZZ", a.to_ascii_uppercase()), 0, 0, "") });
    }
}

/// The grid position of a point. `lonlat_bng`'s forward conversion refuses points south of
/// 49.922° (the Isles of Scilly's southern postcodes), which its inverse still converts: there,
/// the inverse is solved by a few steps of fixed-point iteration from the nearest accepted point.
fn grid_of(p: LatLng) -> (f64, f64) {
    if let Ok(en) = to_grid(p) {
        return en;
    }
    let (mut e, mut n) = to_grid(LatLng { lat: p.lat.max(49.923), ..p }).unwrap();
    for _ in 0..20 {
        let q = to_lat_lng(e, n).unwrap();
        e += (p.lng - q.lng) * 111_320.0 * p.lat.to_radians().cos();
        n += (p.lat - q.lat) * 110_574.0;
    }
    (e, n)
}

/// The full-size input from a geodata folder made by `schemes geodata`: each unit postcode keeps
/// its district code (a code of no configured district when the folder has none for it).
pub fn from_geodata(dir: &Path) -> Vec<CpRow> {
    let grid = |lng: &str, lat: &str| {
        let (e, n) = grid_of(LatLng { lat: lat.parse().unwrap(), lng: lng.parse().unwrap() });
        (e.round() as i64, n.round() as i64)
    };
    let find = |prefix: &str| {
        let name = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix}* in {}", dir.display()));
        dir.join(name)
    };
    let units = csv_rows(&find("postcodes_codepoint_"));
    let covered: BTreeSet<String> = units.iter().map(|r| r[0].split(' ').next().unwrap().to_string()).collect();
    let mut rows: Vec<CpRow> = units
        .iter()
        .map(|r| {
            let (e, n) = grid(&r[1], &r[2]);
            CpRow::new(&r[0], e, n, if r[3].is_empty() { "E99999999" } else { &r[3] })
        })
        .collect();
    for s in csv_rows(&find("sectors_codepoint_")) {
        if covered.contains(s[0].split(' ').next().unwrap()) {
            continue;
        }
        let (e, n) = grid(&s[1], &s[2]);
        let count: usize = s[3].parse().unwrap();
        rows.extend((0..count).map(|i| CpRow::new(&made_up(&s[0], i), e, n, "E99999999")));
    }
    add_unpositioned(&mut rows);
    rows
}
