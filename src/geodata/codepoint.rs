//! Reading OS Code-Point Open as OS publishes it: a zip with `Doc/metadata.txt` (the release)
//! and `Data/CSV/<area>.csv` files, one per postcode area, with no header row and ten columns:
//! postcode, positional quality, easting, northing (British National Grid, metres), country,
//! two NHS codes, admin county, admin district (the GSS code of the local authority district)
//! and ward.
//!
//! This module only reads and checks the product; choosing the covered area and converting the
//! positions is [`super::make`]'s job.

use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::Path;

/// Code-Point's positional quality for "no coordinates" (the row has 0, 0 and is left out).
const PQI_NO_POSITION: &str = "90";

/// The release, from `Doc/metadata.txt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// "2025.4.0"
    pub version: String,
    /// The copyright date, "2025-10-20".
    pub date: String,
    /// Royal Mail's update date, "2025-10-17" (empty when the file does not say).
    pub royal_mail_date: String,
}

impl Release {
    /// "2025-10": the year and month of the release, used in file names and the app's wording.
    pub fn edition(&self) -> &str {
        &self.date[..7]
    }
}

/// One unit postcode with a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Normalised: "SG1 1LZ", "E1 6AN".
    pub postcode: String,
    pub easting: i32,
    pub northing: i32,
    /// The admin district's GSS code, "E07000243".
    pub district: String,
}

/// The whole product, read.
#[derive(Clone, Debug)]
pub struct CodePoint {
    pub release: Release,
    /// Every postcode with a position, in the zip's area order then file order.
    pub rows: Vec<Row>,
    /// Postcodes the product lists without a position (positional quality 90).
    pub without_position: usize,
    /// How many area files were read.
    pub areas: usize,
}

/// Reads the zip at `path`.
pub fn read(path: &Path) -> Result<CodePoint, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    read_zip(std::io::BufReader::new(file)).map_err(|e| format!("{}: {e}", path.display()))
}

/// As [`read`], from any seekable reader of the zip's bytes.
pub fn read_zip(reader: impl Read + Seek) -> Result<CodePoint, String> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|_| {
        "this is not a zip file. Give the OS Code-Point Open download (CSV format), as it came.".to_string()
    })?;
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    let metadata_name = names
        .iter()
        .find(|n| n.to_ascii_lowercase().ends_with("doc/metadata.txt"))
        .ok_or("this zip is not OS Code-Point Open: it has no Doc/metadata.txt")?
        .clone();
    let mut csvs: Vec<String> = names
        .iter()
        .filter(|n| {
            let l = n.to_ascii_lowercase();
            l.contains("data/csv/") && l.ends_with(".csv")
        })
        .cloned()
        .collect();
    if csvs.is_empty() {
        return Err("this zip is not OS Code-Point Open in CSV format: it has no Data/CSV/*.csv files".into());
    }
    csvs.sort();

    let metadata = entry_text(&mut zip, &metadata_name)?;
    let (release, expected_rows) = parse_metadata(&metadata)?;

    let mut out = CodePoint { release, rows: Vec::new(), without_position: 0, areas: csvs.len() };
    for name in &csvs {
        let text = entry_text(&mut zip, name)?;
        let area = area_of(name);
        let listed = read_area(&text, &mut out).map_err(|e| format!("{name}: {e}"))?;
        if let Some(&want) = expected_rows.get(&area) {
            if want != listed {
                return Err(format!(
                    "{name} has {listed} postcodes but Doc/metadata.txt says {area} has {want}: the zip is incomplete or altered"
                ));
            }
        }
    }
    Ok(out)
}

fn entry_text<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<String, String> {
    let mut entry = zip.by_name(name).map_err(|e| format!("{name} cannot be read from the zip: {e}"))?;
    // The size is the zip's word for it: reserve no more than a real area file needs.
    let mut bytes = Vec::with_capacity(entry.size().min(64 << 20) as usize);
    entry.read_to_end(&mut bytes).map_err(|e| format!("{name} cannot be read from the zip: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{name} is not text"))
}

/// "SG" for ".../Data/CSV/sg.csv".
fn area_of(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.trim_end_matches(".csv").trim_end_matches(".CSV").to_ascii_uppercase()
}

/// The release and the row count per area that `Doc/metadata.txt` gives.
fn parse_metadata(text: &str) -> Result<(Release, BTreeMap<String, usize>), String> {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim_start_matches(':').trim().to_string()))
            .filter(|v| !v.is_empty())
    };
    let date = |v: Option<String>| {
        v.filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
            .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
    };
    let release = Release {
        version: field("DATASET VERSION NUMBER").unwrap_or_default(),
        date: date(field("COPYRIGHT DATE"))
            .ok_or("Doc/metadata.txt has no COPYRIGHT DATE (YYYYMMDD): is this OS Code-Point Open?")?,
        royal_mail_date: date(field("RM UPDATE DATE")).unwrap_or_default(),
    };
    let counts = text
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (area, n, rest) = (parts.next()?, parts.next()?, parts.next());
            let ok = rest.is_none() && area.len() <= 2 && area.bytes().all(|b| b.is_ascii_uppercase());
            ok.then(|| n.parse().ok().map(|n| (area.to_string(), n)))?
        })
        .collect();
    Ok((release, counts))
}

/// Reads one area file into `out`; returns how many postcodes it lists.
fn read_area(text: &str, out: &mut CodePoint) -> Result<usize, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut listed = 0;
    for record in reader.records() {
        let record = record.map_err(|e| format!("a line cannot be read: {e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != 10 {
            return Err(format!(
                "line {line} has {} columns, not Code-Point Open's 10 (postcode, quality, easting, northing, …)",
                record.len()
            ));
        }
        listed += 1;
        let postcode =
            normalise(&record[0]).ok_or_else(|| format!("line {line}: \"{}\" is not a postcode", &record[0]))?;
        let number = |i: usize, what: &str| {
            record[i]
                .trim()
                .parse::<i32>()
                .map_err(|_| format!("line {line}: the {what} \"{}\" is not a number", &record[i]))
        };
        let (easting, northing) = (number(2, "easting")?, number(3, "northing")?);
        if record[1].trim() == PQI_NO_POSITION || (easting == 0 && northing == 0) {
            out.without_position += 1;
            continue;
        }
        out.rows.push(Row { postcode, easting, northing, district: record[8].trim().to_string() });
    }
    Ok(listed)
}

/// "SG1 1LZ" from "SG11LZ", "sg1 1lz" or Code-Point's padded "E1  6AN"; `None` when it cannot be
/// a unit postcode.
fn normalise(raw: &str) -> Option<String> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let ok = (5..=7).contains(&compact.len()) && compact.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| format!("{} {}", &compact[..compact.len() - 3], &compact[compact.len() - 3..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_gives_the_release_and_the_rows_per_area() {
        let text = "ORDNANCE SURVEY\nPRODUCT: OS CODE-POINT_03.02\nDATASET VERSION NUMBER: 2025.4.0\nCOPYRIGHT DATE: 20251020\nRM UPDATE DATE: 20251017\n      AB\t17411\n       B\t41934\n";
        let (release, counts) = parse_metadata(text).unwrap();
        assert_eq!(
            release,
            Release { version: "2025.4.0".into(), date: "2025-10-20".into(), royal_mail_date: "2025-10-17".into() }
        );
        assert_eq!(release.edition(), "2025-10");
        assert_eq!(counts.get("AB"), Some(&17411));
        assert_eq!(counts.get("B"), Some(&41934));
        assert!(parse_metadata("PRODUCT: something else\n").unwrap_err().contains("COPYRIGHT DATE"));
    }

    #[test]
    fn postcodes_are_normalised_and_rows_without_a_position_are_counted_not_kept() {
        assert_eq!(normalise("E1  6AN").as_deref(), Some("E1 6AN"));
        assert_eq!(normalise("sg11lz").as_deref(), Some("SG1 1LZ"));
        assert_eq!(normalise("SG1"), None);
        let text = "\"SG1 1LZ\",10,523569,224113,\"E92000001\",\"E19000001\",\"E18000006\",\"E10000015\",\"E07000243\",\"E05015631\"\n\
                    \"SG1 9ZZ\",90,0,0,\"E92000001\",\"\",\"\",\"\",\"\",\"\"\n";
        let mut cp = CodePoint {
            release: Release { version: String::new(), date: "2025-10-20".into(), royal_mail_date: String::new() },
            rows: vec![],
            without_position: 0,
            areas: 1,
        };
        assert_eq!(read_area(text, &mut cp).unwrap(), 2);
        assert_eq!(
            cp.rows,
            [Row { postcode: "SG1 1LZ".into(), easting: 523569, northing: 224113, district: "E07000243".into() }]
        );
        assert_eq!(cp.without_position, 1);
        assert_eq!(
            read_area("SG1 1LZ,10,523569,224113\n", &mut cp).unwrap_err(),
            "line 1 has 4 columns, not Code-Point Open's 10 (postcode, quality, easting, northing, …)"
        );
        assert!(read_area("SG1 1LZ,10,east,224113,a,b,c,d,e,f\n", &mut cp).unwrap_err().contains("easting"));
    }
}
