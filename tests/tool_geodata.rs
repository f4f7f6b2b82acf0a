//! `schemes geodata`: the geodata folder made from OS Code-Point Open's zip and ONS boundaries,
//! for a small test county (fixtures in tests/data/geodata, zipped here as OS ships them), for
//! the downloads from a loopback stand-in, and at full size for Hertfordshire.
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use referral_map::geodata::grid::metres_between;
use referral_map::geodata::Geodata;
use referral_map::scheme::LatLng;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tool_support::codepoint_zip::{self, CpRow};
use tool_support::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/geodata");

/// The fixture Code-Point folder zipped as OS ships it (deflated).
fn fixture_zip(dir: &Path) -> PathBuf {
    let zip_path = dir.join("codepo_gb.zip");
    let file = std::fs::File::create(&zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for name in ["Doc/metadata.txt", "Data/CSV/al.csv", "Data/CSV/sg.csv"] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(Path::new(FIXTURES).join("codepo_gb").join(name)).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    zip_path
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Every file of a folder, by name.
fn folder(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn geodata_run(args: &[&str]) -> std::process::Output {
    let mut all = vec!["geodata"];
    all.extend_from_slice(args);
    run(&all)
}

/// `code -> (point, count)` from a CSV the tool wrote.
fn points(text: &str) -> BTreeMap<String, (LatLng, Option<u64>)> {
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let p = LatLng { lat: f[2].parse().unwrap(), lng: f[1].parse().unwrap() };
            // The centroid files end with a count; the unit file with a district code.
            (f[0].to_string(), (p, f.get(3).and_then(|c| c.parse().ok())))
        })
        .collect()
}

fn file_starting<'a>(files: &'a BTreeMap<String, String>, prefix: &str) -> &'a str {
    files.iter().find(|(n, _)| n.starts_with(prefix)).map(|(_, t)| t.as_str()).unwrap_or_else(|| panic!("no {prefix}*"))
}

#[test]
fn a_test_county_gets_its_postcodes_centroids_and_boundaries() {
    let dir = scratch("geodata-fixture");
    let zip = fixture_zip(&dir);
    let out = dir.join("geodata");
    let o = geodata_run(&[
        "--codepoint",
        path_str(&zip),
        "--boundaries",
        &fixture("lad.geojson"),
        "--config",
        &fixture("config.json"),
        "--out",
        path_str(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("6 unit postcodes in 2 outcodes (5 in the 2 districts), 7 sectors and 4 outcodes"),
        "{}",
        stderr(&o)
    );
    let files = folder(&out);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [
            "SOURCES.md",
            "districts_ons_lad23.geojson",
            "outcodes_codepoint_2025-10.csv",
            "postcodes_codepoint_2025-10.csv",
            "sectors_codepoint_2025-10.csv"
        ]
    );

    // Every unit postcode of SG1 and SG4 (the outcodes with postcodes in the two districts),
    // including SG4 9ZZ across the border; none of SG19 or AL1; never the one without a position.
    let units = points(&files["postcodes_codepoint_2025-10.csv"]);
    assert_eq!(units.keys().collect::<Vec<_>>(), ["SG1 1AA", "SG1 1LZ", "SG1 2AB", "SG4 0AA", "SG4 0AB", "SG4 9ZZ"]);
    // SG1 1LZ where the Code-Point extract (converted independently, by convertbng) has it.
    let off = metres_between(units["SG1 1LZ"].0, LatLng { lat: 51.901873, lng: -0.205320 });
    assert!(off < 1.0, "SG1 1LZ is {off} m off");
    assert!(files["postcodes_codepoint_2025-10.csv"].contains("\nSG1 1LZ,-0.20532,51.90187,E07000243\n"));
    assert!(files["postcodes_codepoint_2025-10.csv"].ends_with("\nSG4 9ZZ,-0.28421,51.95598,\n"), "not in the area");

    let sectors = points(&files["sectors_codepoint_2025-10.csv"]);
    assert_eq!(sectors.keys().collect::<Vec<_>>(), ["AL1 1", "SG1 1", "SG1 2", "SG19 1", "SG19 2", "SG4 0", "SG4 9"]);
    assert_eq!(sectors["SG19 1"].1, Some(2));
    let outcodes = points(&files["outcodes_codepoint_2025-10.csv"]);
    assert_eq!(outcodes.keys().collect::<Vec<_>>(), ["AL1", "SG1", "SG19", "SG4"]);
    assert_eq!(outcodes["SG1"].1, Some(3), "the postcode without a position is not counted");
    // The outcode's point is the mean of its postcodes on the grid.
    let sg19_mean = referral_map::geodata::grid::to_lat_lng(520366.666_666_666_7, 250400.0).unwrap();
    assert!(metres_between(outcodes["SG19"].0, sg19_mean) < 1.0);

    // Only the configured districts' boundaries, in the configuration's order, code and name only.
    let b: serde_json::Value = serde_json::from_str(&files["districts_ons_lad23.geojson"]).unwrap();
    let props: Vec<&serde_json::Value> = b["features"].as_array().unwrap().iter().map(|f| &f["properties"]).collect();
    assert_eq!(
        props,
        [
            &serde_json::json!({"LAD23CD": "E07000243", "LAD23NM": "Stevenage"}),
            &serde_json::json!({"LAD23CD": "E07000099", "LAD23NM": "North Hertfordshire"})
        ]
    );
    assert!(files["districts_ons_lad23.geojson"].contains("[-0.15,51.93]"), "rounded to 5 decimal places");

    let sources = &files["SOURCES.md"];
    for words in [
        "# Geodata for Test county: sources and licences",
        "Open Government Licence v3.0",
        "> Contains OS data © Crown copyright and database right 2025.",
        "dataset version 2025.4.0, copyright date 2025-10-20, Royal Mail update 2025-10-17",
        "1 listed without one (positional quality 90) are left out",
        "Local Authority Districts, LAD23 vintage, read from `lad.geojson`",
        "schemes geodata --codepoint codepo_gb.zip --boundaries lad.geojson --config",
    ] {
        assert!(sources.contains(words), "SOURCES.md lacks {words:?}:\n{sources}");
    }

    // The folder is what the other commands read.
    let site = dir.join("site");
    let o =
        run(&["site-data", "--out", path_str(&site), "--geodata", path_str(&out), "--config", &fixture("config.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sg1: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("postcodes/SG1.json")).unwrap()).unwrap();
    assert_eq!(sg1["units"]["SG1 1LZ"], serde_json::json!([51.90187, -0.20532]));
    let meta = std::fs::read_to_string(site.join("postcodes/meta.json")).unwrap();
    assert!(meta.contains("\"source\":\"OS Code-Point Open 2025-10\""), "{meta}");
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let dir = scratch("geodata-twice");
    let zip = fixture_zip(&dir);
    let mut made = Vec::new();
    for n in ["one", "two"] {
        let out = dir.join(n);
        let o = geodata_run(&[
            "--codepoint",
            path_str(&zip),
            "--boundaries",
            &fixture("lad.geojson"),
            "--config",
            &fixture("config.json"),
            "--out",
            path_str(&out),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        made.push(folder(&out));
    }
    assert_eq!(made[0], made[1]);
}

/// Runs the tool into an `out` folder that already holds a file, expecting a failure whose
/// message contains `words`, and checks the folder was left as it was.
fn fails_leaving_nothing(name: &str, codepoint: &Path, boundaries: &str, config: &str, words: &str) {
    let dir = codepoint.parent().unwrap();
    let out = dir.join(format!("{name}-out"));
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "before").unwrap();
    let o = geodata_run(&[
        "--codepoint",
        path_str(codepoint),
        "--boundaries",
        boundaries,
        "--config",
        config,
        "--out",
        path_str(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(words), "{name}: {}", stderr(&o));
    assert_eq!(folder(&out), BTreeMap::from([("keep.txt".to_string(), "before".to_string())]), "{name}");
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{name} left {leftovers:?}");
}

#[test]
fn wrong_inputs_are_clear_errors_and_write_nothing() {
    let dir = scratch("geodata-wrong");
    let zip = fixture_zip(&dir);
    let (lad, config) = (fixture("lad.geojson"), fixture("config.json"));

    let not_zip = dir.join("codepo_gb.csv");
    std::fs::write(&not_zip, "\"SG1 1LZ\",10,523569,224113\n").unwrap();
    fails_leaving_nothing("not-a-zip", &not_zip, &lad, &config, "this is not a zip file");

    let other_zip = dir.join("other.zip");
    codepoint_zip::write_zip(&other_zip, &[CpRow::new("SG1 1LZ", 523569, 224113, "E07000243")], true);
    // A zip of something else: the same shape with the CSV folder renamed.
    let renamed = dir.join("renamed.zip");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&other_zip).unwrap()).unwrap();
        let mut w = zip::ZipWriter::new(std::fs::File::create(&renamed).unwrap());
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let mut text = Vec::new();
            f.read_to_end(&mut text).unwrap();
            w.start_file(f.name().replace("Data/CSV", "Data/GML"), zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(&text).unwrap();
        }
        w.finish().unwrap();
    }
    fails_leaving_nothing("no-csv", &renamed, &lad, &config, "has no Data/CSV/*.csv files");

    // An area file cut short: metadata.txt's counts no longer match.
    let short = dir.join("short.zip");
    {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&short).unwrap());
        for name in ["Doc/metadata.txt", "Data/CSV/al.csv", "Data/CSV/sg.csv"] {
            let text = std::fs::read_to_string(Path::new(FIXTURES).join("codepo_gb").join(name)).unwrap();
            let text =
                if name.ends_with("sg.csv") { text.lines().take(4).collect::<Vec<_>>().join("\n") } else { text };
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    fails_leaving_nothing(
        "short",
        &short,
        &lad,
        &config,
        "Data/CSV/sg.csv has 4 postcodes but Doc/metadata.txt says SG has 10",
    );

    // Boundaries of somewhere else.
    let elsewhere = dir.join("elsewhere.geojson");
    std::fs::write(
        &elsewhere,
        std::fs::read_to_string(&lad).unwrap().replace("E07000243", "E07000011").replace("E07000099", "E07000012"),
    )
    .unwrap();
    fails_leaving_nothing(
        "elsewhere",
        &zip,
        path_str(&elsewhere),
        &config,
        "elsewhere.geojson: the boundaries file has none of the configured districts' GSS codes (E07000243, E07000099)",
    );
    // A county boundaries file (no LADyyCD).
    let county = dir.join("county.geojson");
    std::fs::write(&county, std::fs::read_to_string(&lad).unwrap().replace("LAD23", "CTY23")).unwrap();
    fails_leaving_nothing("county", &zip, path_str(&county), &config, "has no LADyyCD property");

    // A configured district Code-Point has no postcode in (St Albans is in the boundaries file,
    // but the fixture has its postcodes under another code).
    let config3 = dir.join("config3.json");
    let mut c: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    c["area"]["districts"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "st-albans", "name": "St Albans", "gss": "E07000240"}));
    std::fs::write(&config3, c.to_string()).unwrap();
    let al_elsewhere = dir.join("al-elsewhere.zip");
    codepoint_zip::write_zip(
        &al_elsewhere,
        &[
            CpRow::new("SG1 1LZ", 523569, 224113, "E07000243"),
            CpRow::new("SG4 0AA", 519000, 229000, "E07000099"),
            CpRow::new("AL1 1AG", 515487, 206498, "E07000096"),
        ],
        true,
    );
    fails_leaving_nothing(
        "empty-district",
        &al_elsewhere,
        &lad,
        path_str(&config3),
        "OS Code-Point Open has no postcode in St Albans (E07000240): check the district's GSS code in the configuration",
    );
}

/// A loopback stand-in for OS's download API (which redirects to the zip) and ONS's feature
/// service: serves the fixture files for `limit` requests, then stops.
fn stand_in(zip: Vec<u8>, lad: Vec<u8>, limit: usize) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(limit) {
            let Ok(mut s) = stream else { continue };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let head = String::from_utf8_lossy(&request);
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (status, extra, body): (&str, String, &[u8]) =
                if path.starts_with("/downloads/v1/products/CodePointOpen/downloads") {
                    ("302 Found", "Location: /files/codepo_gb.zip\r\n".into(), b"")
                } else if path == "/files/codepo_gb.zip" {
                    ("200 OK", "Content-Type: application/zip\r\n".into(), &zip)
                } else if path.starts_with("/lad/query") {
                    ("200 OK", "Content-Type: application/geo+json\r\n".into(), &lad)
                } else {
                    ("404 Not Found", String::new(), b"not here")
                };
            let _ =
                write!(s, "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = s.write_all(body);
        }
    });
    base
}

#[test]
fn download_fetches_the_configured_urls_and_makes_the_same_folder() {
    let dir = scratch("geodata-download");
    let zip = fixture_zip(&dir);
    let lad = std::fs::read(fixture("lad.geojson")).unwrap();
    let base = stand_in(std::fs::read(&zip).unwrap(), lad, 20);
    let config = |codepoint_url: &str, name: &str| {
        let mut c: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(fixture("config.json")).unwrap()).unwrap();
        c["geodata"]["codepoint_url"] = codepoint_url.into();
        c["geodata"]["boundaries_url"] = format!("{base}/lad/query?where=1%3D1&outSR=4326&f=geojson").into();
        let path = dir.join(name);
        std::fs::write(&path, c.to_string()).unwrap();
        path
    };
    let good = config(
        &format!("{base}/downloads/v1/products/CodePointOpen/downloads?area=GB&format=CSV&redirect"),
        "good.json",
    );
    let out = dir.join("downloaded");
    let o = geodata_run(&["--download", "--config", path_str(&good), "--out", path_str(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let local = dir.join("local");
    let o = geodata_run(&[
        "--codepoint",
        path_str(&zip),
        "--boundaries",
        &fixture("lad.geojson"),
        "--config",
        path_str(&good),
        "--out",
        path_str(&local),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (mut downloaded, mut made) = (folder(&out), folder(&local));
    let (d_sources, l_sources) = (downloaded.remove("SOURCES.md").unwrap(), made.remove("SOURCES.md").unwrap());
    assert_eq!(downloaded, made, "the same files as from the same files on disk");
    assert!(
        d_sources.contains(&format!("read from `{base}/lad/query")) && d_sources.contains("--download"),
        "{d_sources}"
    );
    assert!(l_sources.contains("--codepoint codepo_gb.zip"));

    // A URL that fails: a clear error, nothing written, no download left behind.
    let broken = config(&format!("{base}/missing.zip"), "broken.json");
    let out = dir.join("broken");
    let o = geodata_run(&["--download", "--config", path_str(&broken), "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/missing.zip could not be downloaded"), "{}", stderr(&o));
    assert!(!out.exists());
    assert!(!std::fs::read_dir(&dir).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".geodata-download")));

    // Without the files or --download, it says what it needs.
    let o = geodata_run(&["--config", path_str(&good), "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("geodata needs --codepoint ZIP (OS Code-Point Open), or --download"), "{}", stderr(&o));
}

/// Compares a made folder with reference points; returns the largest distance in metres.
fn worst(
    made: &BTreeMap<String, (LatLng, Option<u64>)>,
    want: &BTreeMap<String, (LatLng, Option<u64>)>,
    what: &str,
) -> f64 {
    assert_eq!(made.len(), want.len(), "{what}: as many codes");
    let mut worst = 0.0f64;
    for (code, (p, count)) in want {
        let (q, c) = made.get(code).unwrap_or_else(|| panic!("{what}: {code} is missing"));
        if count.is_some() {
            assert_eq!(c, count, "{what} {code}: postcode count");
        }
        worst = worst.max(metres_between(*p, *q));
    }
    worst
}

/// The shipped `data/geodata`, taken back to the grid as a full-size Code-Point Open-shaped zip
/// (1.7 million rows), comes out again within 2 m: the whole path (zip, area, OSTN15, means,
/// writing) at full size, on a fresh clone.
#[test]
fn the_shipped_geodata_is_reproduced_from_a_full_size_code_point_input() {
    let shipped = Geodata::locate(None).expect("data/geodata is shipped").dir;
    let dir = scratch("geodata-full-roundtrip");
    let zip = dir.join("codepo_gb.zip");
    let rows = codepoint_zip::from_geodata(&shipped);
    assert!(rows.len() > 1_700_000, "{} rows", rows.len());
    codepoint_zip::write_zip(&zip, &rows, false);
    drop(rows);
    let boundaries_file = Geodata { dir: shipped.clone() }.boundaries_file().unwrap();
    let out = dir.join("geodata");
    let o = geodata_run(&[
        "--codepoint",
        path_str(&zip),
        "--boundaries",
        path_str(&boundaries_file),
        "--out",
        path_str(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (made, want) = (folder(&out), folder(&shipped));
    assert_eq!(made.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
    let districts = |text: &str| text.lines().map(|l| l.rsplit(',').next().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(districts(file_starting(&made, "postcodes_")), districts(file_starting(&want, "postcodes_")));
    for prefix in ["postcodes_", "sectors_", "outcodes_"] {
        let w = worst(&points(file_starting(&made, prefix)), &points(file_starting(&want, prefix)), prefix);
        assert!(w < 2.0, "{prefix}: {w:.2} m");
        eprintln!("{prefix}: at most {w:.2} m from the shipped file");
    }
    assert_eq!(file_starting(&made, "districts_"), file_starting(&want, "districts_"), "the boundaries, to the byte");
}
