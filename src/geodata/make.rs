//! `schemes geodata`: making the geodata folder for the configured area from the official
//! downloads (OS Code-Point Open's zip and an ONS Local Authority Districts boundaries file).
//!
//! The folder holds, for the area the configuration's districts make up:
//!
//! - `districts_ons_<vintage>.geojson`: the districts' boundaries (ONS codes and names only,
//!   5 decimal places);
//! - `postcodes_codepoint_<edition>.csv`: `postcode,longitude,latitude,district` for every unit
//!   postcode of every outcode with at least one postcode in the area (so postcodes just over the
//!   border resolve too); `district` is Code-Point's GSS code for the postcodes in the configured
//!   districts, empty for the others;
//! - `sectors_codepoint_<edition>.csv` and `outcodes_codepoint_<edition>.csv`:
//!   `<code>,longitude,latitude,postcodes` for every sector and outcode of Great Britain, at the
//!   unweighted mean of its postcodes' grid positions;
//! - `SOURCES.md`: where each file comes from, its licence and the attribution to show.
//!
//! Positions are converted from the British National Grid with OSTN15 ([`super::grid`]) and
//! written to 5 decimal places (about a metre). The same inputs always give the same bytes.
//! Nothing here touches the disk: [`write_folder`] puts the files in place, all or nothing.

use super::boundaries::{select_ons, OnsSelection};
use super::codepoint::CodePoint;
use super::grid::to_lat_lng;
use super::postcodes::outcode_of;
use crate::district::District;
use crate::scheme::LatLng;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The wording the app and SOURCES.md show for the data (OGL v3 attribution).
pub const ATTRIBUTION: [&str; 4] = [
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    "Contains OS data © Crown copyright and database right {year}.",
    "Contains Royal Mail data © Royal Mail copyright and database right {year}.",
    "Contains National Statistics data © Crown copyright and database right {year}.",
];

/// What the folder is made from, besides the two products.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    /// The area's name ("Hertfordshire").
    pub area: String,
    /// The Code-Point zip's and the boundaries file's names (or URLs), as given.
    pub codepoint_from: String,
    pub boundaries_from: String,
    /// The command as a person would type it again.
    pub command: String,
    /// Anything else SOURCES.md must say about how the inputs were obtained.
    pub note: String,
}

/// The files of the folder, by name, and what they hold.
#[derive(Clone, Debug)]
pub struct Made {
    pub files: Vec<(String, String)>,
    pub units: usize,
    pub units_outcodes: usize,
    pub sectors: usize,
    pub outcodes: usize,
    /// Postcodes in the configured districts (by Code-Point's admin district).
    pub in_area: usize,
}

/// Makes the folder's files. Errors: a configured district with no postcode in Code-Point (a
/// wrong GSS code, or the wrong product), or a boundaries problem ([`select_ons`]).
pub fn make(
    codepoint: &CodePoint,
    boundaries_text: &str,
    districts: &[District],
    provenance: &Provenance,
) -> Result<Made, String> {
    let boundaries = select_ons(boundaries_text, districts)?;

    // The area: the configured districts, by Code-Point's admin district code.
    let codes: BTreeSet<String> = districts.iter().map(|d| d.gss.to_ascii_uppercase()).collect();
    let mut per_district: BTreeMap<&str, usize> = BTreeMap::new();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for row in &codepoint.rows {
        if let Some(code) = codes.get(row.district.to_ascii_uppercase().as_str()) {
            *per_district.entry(code.as_str()).or_default() += 1;
            covered.insert(outcode_of(&row.postcode));
        }
    }
    let empty: Vec<String> = districts
        .iter()
        .filter(|d| !per_district.contains_key(d.gss.to_ascii_uppercase().as_str()))
        .map(|d| format!("{} ({})", d.name, d.gss))
        .collect();
    if !empty.is_empty() {
        return Err(format!(
            "OS Code-Point Open has no postcode in {}: check the district's GSS code in the configuration",
            empty.join(", ")
        ));
    }
    let in_area = per_district.values().sum();

    // Unit postcodes of the covered outcodes; grid sums for every sector and outcode.
    let mut units: BTreeMap<&str, (LatLng, &str)> = BTreeMap::new();
    let mut sectors: BTreeMap<String, Mean> = BTreeMap::new();
    let mut outcodes: BTreeMap<&str, Mean> = BTreeMap::new();
    for row in &codepoint.rows {
        let outcode = outcode_of(&row.postcode);
        if covered.contains(outcode) {
            let p =
                to_lat_lng(row.easting.into(), row.northing.into()).map_err(|e| format!("{}: {e}", row.postcode))?;
            let district = codes.get(row.district.to_ascii_uppercase().as_str()).map_or("", String::as_str);
            units.insert(&row.postcode, (p, district));
        }
        let sector = &row.postcode[..row.postcode.len() - 2];
        match sectors.get_mut(sector) {
            Some(m) => m.add(row.easting, row.northing),
            None => {
                sectors.insert(sector.to_string(), Mean::of(row.easting, row.northing));
            }
        }
        outcodes.entry(outcode).or_default().add(row.easting, row.northing);
    }

    let edition = codepoint.release.edition();
    let mut files = Vec::new();
    let boundaries_name = format!("districts_ons_{}.geojson", boundaries.vintage.to_ascii_lowercase());
    files.push((boundaries_name.clone(), geojson_text(&boundaries)));
    let units_name = format!("postcodes_codepoint_{edition}.csv");
    let mut text = String::from("postcode,longitude,latitude,district\n");
    for (code, (p, district)) in &units {
        let _ = writeln!(text, "{code},{},{},{district}", dp5(p.lng), dp5(p.lat));
    }
    files.push((units_name.clone(), text));
    let sectors_name = format!("sectors_codepoint_{edition}.csv");
    files.push((sectors_name.clone(), centroids_text("sector", sectors.iter().map(|(k, m)| (k.as_str(), m)))?));
    let outcodes_name = format!("outcodes_codepoint_{edition}.csv");
    files.push((outcodes_name.clone(), centroids_text("outcode", outcodes.iter().map(|(k, m)| (*k, m)))?));

    let made = Made {
        units: units.len(),
        units_outcodes: covered.len(),
        sectors: sectors.len(),
        outcodes: outcodes.len(),
        in_area,
        files: Vec::new(),
    };
    let names =
        Names { boundaries: boundaries_name, units: units_name, sectors: sectors_name, outcodes: outcodes_name };
    files.push(("SOURCES.md".into(), sources_md(codepoint, &boundaries, districts, provenance, &made, &names)));
    Ok(Made { files, ..made })
}

/// A running mean of grid positions (exact: integer sums).
#[derive(Clone, Copy, Debug, Default)]
struct Mean {
    e: i64,
    n: i64,
    count: usize,
}

impl Mean {
    fn of(e: i32, n: i32) -> Mean {
        Mean { e: e.into(), n: n.into(), count: 1 }
    }
    fn add(&mut self, e: i32, n: i32) {
        self.e += i64::from(e);
        self.n += i64::from(n);
        self.count += 1;
    }
    fn point(&self) -> Result<LatLng, String> {
        let c = self.count as f64;
        to_lat_lng(self.e as f64 / c, self.n as f64 / c)
    }
}

fn centroids_text<'a>(what: &str, means: impl Iterator<Item = (&'a str, &'a Mean)>) -> Result<String, String> {
    let mut text = format!("{what},longitude,latitude,postcodes\n");
    for (code, m) in means {
        let p = m.point().map_err(|e| format!("{what} {code}: {e}"))?;
        let _ = writeln!(text, "{code},{},{},{}", dp5(p.lng), dp5(p.lat), m.count);
    }
    Ok(text)
}

/// 5 decimal places, never "-0.00000".
fn dp5(x: f64) -> String {
    let s = format!("{x:.5}");
    if s == "-0.00000" {
        "0.00000".into()
    } else {
        s
    }
}

/// One feature per line: readable, and a change to one district is a one-line diff.
fn geojson_text(b: &OnsSelection) -> String {
    let features: Vec<String> =
        b.geojson["features"].as_array().map(|f| f.iter().map(|f| f.to_string()).collect()).unwrap_or_default();
    format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n", features.join(",\n"))
}

struct Names {
    boundaries: String,
    units: String,
    sectors: String,
    outcodes: String,
}

fn sources_md(
    cp: &CodePoint,
    b: &OnsSelection,
    districts: &[District],
    p: &Provenance,
    made: &Made,
    names: &Names,
) -> String {
    let year = &cp.release.date[..4];
    let r = &cp.release;
    let mut s = String::new();
    let _ = writeln!(s, "# Geodata for {}: sources and licences\n", p.area);
    let _ = writeln!(
        s,
        "Made by `schemes geodata` (see docs/geodata.md); do not edit by hand. Coordinates are WGS84\n\
         longitude, latitude to 5 decimal places (about 1 m), converted from the British National Grid\n\
         with OS's OSTN15 transformation (the `lonlat_bng` crate).\n"
    );
    let _ = writeln!(s, "## Attribution to show\n");
    for line in ATTRIBUTION {
        let _ = writeln!(s, "> {}", line.replace("{year}", year));
    }
    let _ = writeln!(
        s,
        "\nLicence: Open Government Licence v3.0\n\
         (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/), for every file here.\n"
    );
    let _ = writeln!(s, "## Files\n");
    let _ = writeln!(s, "| file | what | rows | source |\n|---|---|---|---|");
    let _ = writeln!(
        s,
        "| `{}` | the boundaries of the {} configured districts ({}CD, {}NM) | {} | ONS Local Authority Districts ({}) |",
        names.boundaries,
        districts.len(),
        b.vintage,
        b.vintage,
        districts.len(),
        b.vintage
    );
    let _ = writeln!(
        s,
        "| `{}` | `postcode,longitude,latitude,district`: every unit postcode of the {} outcodes with at least one postcode in the area; `district` is the GSS code of the {} in a configured district, empty for the others | {} | OS Code-Point Open {} |",
        names.units, made.units_outcodes, made.in_area, made.units, r.edition()
    );
    let _ = writeln!(
        s,
        "| `{}` | `sector,longitude,latitude,postcodes`: every postcode sector of Great Britain, at the mean of its postcodes | {} | OS Code-Point Open {} |",
        names.sectors, made.sectors, r.edition()
    );
    let _ = writeln!(
        s,
        "| `{}` | `outcode,longitude,latitude,postcodes`: every outcode (postcode district) of Great Britain, likewise | {} | OS Code-Point Open {} |\n",
        names.outcodes, made.outcodes, r.edition()
    );
    let _ = writeln!(s, "## OS Code-Point Open\n");
    let _ = writeln!(
        s,
        "- Release: dataset version {}, copyright date {}{}.",
        if r.version.is_empty() { "(not given)" } else { &r.version },
        r.date,
        if r.royal_mail_date.is_empty() { String::new() } else { format!(", Royal Mail update {}", r.royal_mail_date) }
    );
    let _ = writeln!(s, "- Read from: `{}` ({} area files).", p.codepoint_from, cp.areas);
    let _ = writeln!(
        s,
        "- {} postcodes with a position; {} listed without one (positional quality 90) are left out.",
        cp.rows.len(),
        cp.without_position
    );
    let _ = writeln!(
        s,
        "- The area is the configured districts, by Code-Point's admin district code: {}.\n",
        districts.iter().map(|d| format!("{} {}", d.gss, d.name)).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(s, "## ONS boundaries\n");
    let _ = writeln!(
        s,
        "- Local Authority Districts, {} vintage, read from `{}`; only the configured districts' features are kept, with their code and name.\n",
        b.vintage, p.boundaries_from
    );
    let _ = writeln!(s, "## The command that made this folder\n\n```sh\n{}\n```", p.command);
    if !p.note.trim().is_empty() {
        let _ = writeln!(s, "\n## How the inputs were obtained\n\n{}", p.note.trim());
    }
    s
}

/// Puts `files` into the folder `out`, replacing it whole: they are written into a folder beside
/// it, which is then renamed into place, so a failure never leaves half a set.
pub fn write_folder(out: &Path, files: &[(String, String)]) -> Result<(), String> {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "geodata".into());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("{} cannot be created: {e}", parent.display()))?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = (|| {
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| format!("{} cannot be cleared: {e}", staging.display()))?;
        }
        std::fs::create_dir(&staging).map_err(|e| format!("{} cannot be created: {e}", staging.display()))?;
        for (file, text) in files {
            std::fs::write(staging.join(file), text).map_err(|e| format!("{file} cannot be written: {e}"))?;
        }
        let had_old = out.exists();
        if had_old {
            std::fs::rename(out, &old).map_err(|e| format!("{} cannot be replaced: {e}", out.display()))?;
        }
        if let Err(e) = std::fs::rename(&staging, out) {
            if had_old {
                let _ = std::fs::rename(&old, out);
            }
            return Err(format!("{} cannot be moved into place: {e}", out.display()));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodata::codepoint::{Release, Row};

    fn district(id: &str, gss: &str) -> District {
        District { id: id.into(), name: id.into(), gss: gss.into() }
    }

    fn cp(rows: &[(&str, i32, i32, &str)]) -> CodePoint {
        CodePoint {
            release: Release { version: "2025.4.0".into(), date: "2025-10-20".into(), royal_mail_date: String::new() },
            rows: rows
                .iter()
                .map(|(p, e, n, d)| Row { postcode: (*p).into(), easting: *e, northing: *n, district: (*d).into() })
                .collect(),
            without_position: 0,
            areas: 1,
        }
    }

    const BOUNDS: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD24CD":"E07000243","LAD24NM":"Stevenage"},"geometry":{"type":"Polygon","coordinates":[[[-0.3,51.8],[-0.3,52.0],[-0.1,52.0],[-0.1,51.8],[-0.3,51.8]]]}}]}"#;

    #[test]
    fn units_of_covered_outcodes_and_every_centroid_are_written() {
        let data = cp(&[
            ("SG1 1LZ", 523569, 224113, "E07000243"),
            ("SG1 2AA", 523600, 224200, "E07000099"),
            ("SG19 1AA", 520000, 250000, "E07000011"),
            ("SG19 1AB", 520010, 250010, "E07000011"),
        ]);
        let made = make(&data, BOUNDS, &[district("stevenage", "E07000243")], &Provenance::default()).unwrap();
        let names: Vec<&str> = made.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "districts_ons_lad24.geojson",
                "postcodes_codepoint_2025-10.csv",
                "sectors_codepoint_2025-10.csv",
                "outcodes_codepoint_2025-10.csv",
                "SOURCES.md"
            ]
        );
        let units = &made.files[1].1;
        assert_eq!(units.lines().count(), 3, "SG1's two postcodes, not SG19's: {units}");
        assert!(
            units.starts_with(
                "postcode,longitude,latitude,district\nSG1 1LZ,-0.20532,51.90187,E07000243\nSG1 2AA,-0.20484,51.90265,\n"
            ),
            "{units}"
        );
        assert!(units.ends_with(",\n"), "SG1 2AA is not in a configured district: {units}");
        let sectors = &made.files[2].1;
        assert!(sectors.contains("\nSG19 1,") && sectors.trim_end().ends_with(",2"), "{sectors}");
        assert_eq!((made.units, made.units_outcodes, made.sectors, made.outcodes, made.in_area), (2, 1, 3, 2, 1));
        let again = make(&data, BOUNDS, &[district("stevenage", "E07000243")], &Provenance::default()).unwrap();
        assert_eq!(made.files, again.files, "the same inputs give the same bytes");
    }

    #[test]
    fn a_district_without_postcodes_is_a_clear_error() {
        let data = cp(&[("SG1 1LZ", 523569, 224113, "E07000243")]);
        let bounds = BOUNDS.replace("E07000243", "E07000099");
        let err = make(&data, &bounds, &[district("north-herts", "E07000099")], &Provenance::default()).unwrap_err();
        assert_eq!(
            err,
            "OS Code-Point Open has no postcode in north-herts (E07000099): check the district's GSS code in the configuration"
        );
    }
}
