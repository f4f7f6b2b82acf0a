//! `schemes site-data`: the postcode lookup files the site reads from `dist/postcodes/`, and the
//! district outlines it draws (`dist/districts.geojson`), and the open data (`openactive/`, `oruk/`).
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use serde_json::Value;
use tool_support::*;

fn read(path: std::path::PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn every_outcode_gets_a_file_and_covered_ones_list_their_postcodes() {
    let Some(geodata) = geodata() else { return };
    let out = scratch("site-data");
    let o = run(&["site-data", "--out", path_str(&out), "--geodata", path_str(&geodata)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = out.join("postcodes");
    let meta = read(dir.join("meta.json"));
    assert_eq!(meta["source"], "OS Code-Point Open 2025-10");
    assert_eq!(meta["units_outcodes"], 66);
    let outcodes = meta["outcodes"].as_u64().unwrap() as usize;
    assert_eq!(outcodes, 2864, "every GB outcode in the centroid file");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), outcodes + 1);

    let sg1 = read(dir.join("SG1.json"));
    assert_eq!(sg1["outcode"], "SG1");
    assert_eq!(sg1["units"]["SG1 1LZ"], serde_json::json!([51.90187, -0.20532]));
    assert!(sg1["sectors"]["SG1 1"].is_array());
    assert!(sg1["lat"].is_f64() && sg1["lng"].is_f64());

    // The district outlines the map draws: one feature per configured district, its id and name only.
    let outlines = read(out.join("districts.geojson"));
    let features = outlines["features"].as_array().expect("a FeatureCollection");
    let mut ids: Vec<&str> = features.iter().map(|f| f["properties"]["id"].as_str().unwrap()).collect();
    ids.sort();
    let mut configured: Vec<String> =
        referral_map::config::Config::shipped().area.districts.into_iter().map(|d| d.id).collect();
    configured.sort();
    assert_eq!(ids, configured);
    assert!(features
        .iter()
        .all(|f| f["geometry"]["type"] == "MultiPolygon" && f["properties"].as_object().unwrap().len() == 2));

    let far = read(dir.join("AB10.json"));
    assert!(far.get("units").is_none(), "outcodes outside the unit file have no units key");
    assert!(far["sectors"].as_object().is_some_and(|s| !s.is_empty()));

    // Running again replaces the files and leaves no staging folder behind.
    let o = run(&["site-data", "--out", path_str(&out), "--geodata", path_str(&geodata)]);
    assert!(o.status.success());
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        ["_headers", "districts.geojson", "openactive", "oruk", "postcodes", "schemes.css", "schemes.html"]
    );
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    assert!(
        headers.contains("connect-src 'self'; "),
        "the build has postcode files: no online lookup origin\n{headers}"
    );
}

#[test]
fn without_geodata_it_warns_and_writes_only_empty_meta_and_outlines_files() {
    let out = scratch("site-data-missing");
    let o = run(&["site-data", "--out", path_str(&out), "--geodata", "/nonexistent/geodata"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("warning: no postcode files were written; the site will look postcodes up online instead."),
        "{}",
        stderr(&o)
    );
    // An empty districts.geojson (the map draws no outlines), and only postcodes/meta.json, which
    // the app reads as "no postcode data here: use the online lookup".
    assert_eq!(read(out.join("districts.geojson"))["features"], serde_json::json!([]));
    let files: Vec<_> = std::fs::read_dir(out.join("postcodes")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files, ["meta.json"]);
    let meta = std::fs::read_to_string(out.join("postcodes/meta.json")).unwrap();
    assert!(referral_map::nearby::PostcodeMeta::parse(&meta).is_err(), "{meta}");
    let choice = referral_map::nearby::LookupSource::choose(
        Some((200, &meta)),
        &referral_map::config::Config::shipped().postcodes,
    );
    assert!(matches!(choice, referral_map::nearby::LookupSource::Online { .. }), "{choice:?}");
    // The online lookup is then the one other origin the page may ask.
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    assert!(headers.contains("; connect-src 'self' https://api.postcodes.io; "), "{headers}");
}

#[test]
fn the_headers_file_follows_the_site_config() {
    let out = scratch("site-data-headers");
    let mut config: Value = serde_json::from_str(referral_map::config::DEFAULT_JSON).unwrap();
    config["tiles"]["url"] = "https://{s}.tiles.example.org/{z}/{x}/{y}.png".into();
    config["embed_origins"] = serde_json::json!(["https://www.partner.example"]);
    std::fs::write(out.join("config.json"), config.to_string()).unwrap();
    std::fs::write(out.join("referral-map-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(out.join("boot-fedcba9876543210.js"), b"").unwrap();
    let o = run(&["site-data", "--out", path_str(&out), "--geodata", "/nonexistent/geodata"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    let csp = headers.lines().find_map(|l| l.trim().strip_prefix("Content-Security-Policy: ")).expect("a CSP");
    assert_eq!(
        csp,
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https://*.tiles.example.org; connect-src 'self' https://api.postcodes.io; font-src 'self'; \
         base-uri 'none'; form-action 'none'; object-src 'none'; frame-src 'self'; frame-ancestors 'self' https://www.partner.example"
    );
    assert!(headers.contains("/referral-map-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n  Content-Type: application/wasm\n"), "{headers}");
    assert!(
        headers.contains("/boot-fedcba9876543210.js\n  Cache-Control: public, max-age=31536000, immutable\n"),
        "{headers}"
    );

    // A config.json the app would refuse is refused here too, naming the field.
    config["area"]["zoom"] = 40.into();
    std::fs::write(out.join("config.json"), config.to_string()).unwrap();
    let o = run(&["site-data", "--out", path_str(&out), "--geodata", "/nonexistent/geodata"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("area.zoom: 40 is not a zoom level"), "{}", stderr(&o));
}

#[test]
fn open_data_is_written_beside_the_site_even_without_geodata() {
    let out = scratch("site-data-open-data");
    let o = run(&["site-data", "--out", path_str(&out), "--geodata", "/nonexistent-geodata"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The OpenActive feed: pages 1 and 2 hold the 24 schemes, page 3 is the empty end.
    let first = read(out.join("openactive/session-series/1.json"));
    assert_eq!(first["next"], "https://referral-map.example.org/openactive/session-series/2.json");
    assert_eq!(first["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(first["items"][0]["kind"], "SessionSeries");
    let last = read(out.join("openactive/session-series/3.json"));
    assert_eq!(last["items"], serde_json::json!([]));
    assert_eq!(last["next"], "https://referral-map.example.org/openactive/session-series/3.json");
    let page = std::fs::read_to_string(out.join("openactive/index.html")).unwrap();
    assert!(page.contains("<script type=\"application/ld+json\">"), "{page}");
    // The plain list for a browser that cannot show the map, with its stylesheet.
    let list = std::fs::read_to_string(out.join("schemes.html")).unwrap();
    assert_eq!(list.matches("<article>").count(), 24, "{list}");
    // A price line as the card gives it: the weekly figure with the full price, the concession last.
    assert!(list.contains("£2.80 a session (about £8.40 a week at 3 sessions a week); concessions £2"), "{list}");
    assert!(std::fs::read_to_string(out.join("schemes.css")).unwrap().contains("max-width: 46rem"));
    // Open Referral UK, laid out as its API answers.
    let root = read(out.join("oruk/index.json"));
    assert_eq!(root["version"], "HSDS-UK-3.0");
    let list = read(out.join("oruk/services/index.json"));
    assert_eq!(list["total_items"], 24);
    let id = list["contents"][0]["id"].as_str().unwrap();
    let service = read(out.join(format!("oruk/services/{id}.json")));
    assert_eq!(service["id"], id);
}
