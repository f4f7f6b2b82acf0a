//! The command line of the data tool: arguments in, core calls, plain words (or `--json`) out.

use referral_map::config::Config;
use referral_map::dataset;
use referral_map::export::{self, write_atomic};
use referral_map::geodata::{codepoint, download, make, postcode_files, Geodata};
use referral_map::import::{self, printable, text::MAX_BYTES, Options, Places, Problem};
use referral_map::quality::{self, Warning};
use serde_json::json;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
schemes — the exercise-referral map's data tool

Usage:
  schemes import [CSV] [--out GEOJSON] [--check] [--json] [--today YYYY-MM-DD]
                 [--title TEXT] [--maintainer TEXT] [--notice TEXT]
      Read the spreadsheet (default data/schemes.csv) and write the map's data file
      (default data/schemes.geojson). Nothing is written when there are problems.
      --check  write nothing; fail if the data file is not what the spreadsheet imports to.
  schemes validate [GEOJSON] [--json] [--today YYYY-MM-DD]
      Check a data file (default data/schemes.geojson) as the map loads it, plus warnings.
  schemes export --format openactive|open-referral|csv [GEOJSON] [--out FILE] [--base-url URL]
      Write the schemes for other directories (to the screen unless --out is given):
      openactive is one RPDE page of every SessionSeries (--base-url, default the
      configuration's open_data.base_url, makes its @ids and links).
  schemes site-data [GEOJSON] --out DIR
      Write the files the site needs into DIR: the postcode lookup (postcodes/), the district
      outlines, the open data (openactive/: an RPDE feed and its dataset page; oruk/: Open
      Referral UK files), made from GEOJSON (default data/schemes.geojson), and _headers (the
      CSP and other headers for Netlify or Cloudflare Pages) from DIR/config.json when it is
      there, else from --config.
  schemes geodata [--codepoint ZIP] [--boundaries GEOJSON] [--download] [--out DIR]
                  [--note TEXT]
      Make the geodata folder (default data/geodata) for the configured districts from
      OS Code-Point Open (the CSV zip) and ONS Local Authority District boundaries
      (GeoJSON). --download fetches whichever is not given from the configuration's
      geodata URLs. See docs/geodata.md.

Every command also takes --geodata DIR (the postcode and boundary data; default
data/geodata, or the GEODATA_DIR environment variable) and --config FILE (default:
the shipped public/config.json).

Exit status: 0 done, 1 the data has problems, 2 the command could not run.
";

/// Why the tool stopped.
enum Failure {
    /// The data has problems (exit 1); already printed.
    Data,
    /// The command could not run (exit 2).
    Usage(String),
}

type Outcome = Result<(), Failure>;

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Data) => ExitCode::from(1),
        Err(Failure::Usage(m)) => {
            // Line by line, so the usage text keeps its shape while any control character from
            // an argument is still made harmless.
            let mut prefix = "schemes: ";
            for line in m.lines() {
                eprintln!("{prefix}{}", printable(line));
                prefix = "";
            }
            ExitCode::from(2)
        }
    }
}

/// The parsed command line.
#[derive(Clone, Default)]
struct Args {
    file: Option<PathBuf>,
    out: Option<PathBuf>,
    geodata: Option<PathBuf>,
    config: Option<PathBuf>,
    format: Option<String>,
    base_url: Option<String>,
    today: Option<String>,
    title: Option<String>,
    maintainer: Option<String>,
    notice: Option<String>,
    json: bool,
    check: bool,
    codepoint: Option<PathBuf>,
    boundaries: Option<PathBuf>,
    note: Option<String>,
    download: bool,
}

fn parse(args: &[String]) -> Result<Args, Failure> {
    let mut a = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, Failure> {
            inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match flag {
            "--json" => a.json = true,
            "--check" => a.check = true,
            "--out" | "-o" => a.out = Some(value(flag)?.into()),
            "--geodata" => a.geodata = Some(value(flag)?.into()),
            "--config" => a.config = Some(value(flag)?.into()),
            "--format" => a.format = Some(value(flag)?),
            "--base-url" => a.base_url = Some(value(flag)?),
            "--today" => a.today = Some(value(flag)?),
            "--title" => a.title = Some(value(flag)?),
            "--maintainer" => a.maintainer = Some(value(flag)?),
            "--notice" => a.notice = Some(value(flag)?),
            "--codepoint" => a.codepoint = Some(value(flag)?.into()),
            "--boundaries" => a.boundaries = Some(value(flag)?.into()),
            "--note" => a.note = Some(value(flag)?),
            "--download" => a.download = true,
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(Failure::Usage(format!("unknown option {f}\n\n{USAGE}")))
            }
            _ if a.file.is_none() => a.file = Some(arg.into()),
            _ => return Err(Failure::Usage(format!("unexpected argument {arg}\n\n{USAGE}"))),
        }
    }
    if let Some(t) = &a.today {
        if !referral_map::scheme::is_iso_date(t) {
            return Err(Failure::Usage(format!("--today {t} is not a date like 2026-11-22")));
        }
    }
    Ok(a)
}

fn run(args: &[String]) -> Outcome {
    let Some(command) = args.first() else {
        print!("{USAGE}");
        return Ok(());
    };
    let rest = &args[1..];
    match command.as_str() {
        "import" => import_command(&parse(rest)?),
        "validate" => validate_command(&parse(rest)?),
        "export" => export_command(&parse(rest)?),
        "site-data" => site_data_command(&parse(rest)?),
        "geodata" => geodata_command(&parse(rest)?),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command \"{other}\"\n\n{USAGE}"))),
    }
}

fn config(a: &Args) -> Result<Config, Failure> {
    match &a.config {
        None => Ok(Config::shipped()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::Usage(format!("{} cannot be read: {e}", p.display())))?;
            Config::from_json(&text).map_err(|e| Failure::Usage(format!("{}: {e}", p.display())))
        }
    }
}

/// Reads at most the largest file the tool accepts (and one byte more, so a bigger file is
/// refused with a clear message rather than read whole).
fn read_capped(path: &Path) -> Result<Vec<u8>, Failure> {
    let f = std::fs::File::open(path).map_err(|e| Failure::Usage(format!("{} cannot be read: {e}", path.display())))?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Usage(format!("{} cannot be read: {e}", path.display())))?;
    Ok(bytes)
}

fn today(a: &Args) -> String {
    a.today.clone().unwrap_or_else(quality::today)
}

fn print_warnings(warnings: &[Warning]) {
    if !warnings.is_empty() {
        println!(
            "{} warning{} (these do not stop anything):",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        );
        for w in warnings {
            println!("  {w}");
        }
    }
}

fn print_json(v: &serde_json::Value) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

fn import_command(a: &Args) -> Outcome {
    let input = a.file.clone().unwrap_or_else(|| "data/schemes.csv".into());
    let output = a.out.clone().unwrap_or_else(|| "data/schemes.geojson".into());
    let config = config(a)?;
    let geodata = Geodata::locate(a.geodata.as_deref()).map_err(Failure::Usage)?;
    let postcodes = geodata.postcode_index().map_err(Failure::Usage)?;
    let boundaries = geodata.district_boundaries(&config.area.districts).map_err(Failure::Usage)?;
    let places = Places {
        districts: &config.area.districts,
        boundaries: &boundaries,
        postcodes: &postcodes,
        area: &config.area.name,
    };
    let options = Options { title: a.title.clone(), maintainer: a.maintainer.clone(), notice: a.notice.clone() };
    let bytes = read_capped(&input)?;

    let imported = match import::import(&bytes, &places, &options, &today(a)) {
        Ok(i) => i,
        Err(problems) => return report_problems(a, &input, &problems),
    };
    let text = import::geojson_text(&imported.dataset);
    let existing = std::fs::read(&output).ok();
    let unchanged = existing.as_deref() == Some(text.as_bytes());
    let count = imported.dataset.schemes.len();

    if a.check {
        if a.json {
            print_json(
                &json!({"ok": unchanged, "file": input, "schemes": count, "matches": output, "problems": [], "warnings": imported.warnings}),
            );
        } else if unchanged {
            println!("{} imports to exactly {} ({count} schemes).", input.display(), output.display());
        } else {
            println!(
                "{} is not what {} imports to. Run: schemes import {} --out {}",
                output.display(),
                input.display(),
                input.display(),
                output.display()
            );
        }
        return if unchanged { Ok(()) } else { Err(Failure::Data) };
    }
    if !unchanged {
        write_atomic(&output, text.as_bytes())
            .map_err(|e| Failure::Usage(format!("{} cannot be written: {e}", output.display())))?;
    }
    if a.json {
        print_json(
            &json!({"ok": true, "file": input, "schemes": count, "written": output, "changed": !unchanged, "problems": [], "warnings": imported.warnings}),
        );
    } else {
        println!(
            "Imported {count} scheme{} from {} into {}{}.",
            if count == 1 { "" } else { "s" },
            input.display(),
            output.display(),
            if unchanged { " (no changes)" } else { "" }
        );
        print_warnings(&imported.warnings);
    }
    Ok(())
}

fn report_problems(a: &Args, input: &Path, problems: &[Problem]) -> Outcome {
    if a.json {
        print_json(&json!({"ok": false, "file": input, "written": null, "problems": problems, "warnings": []}));
    } else {
        let n = problems.len();
        println!("{} has {n} problem{}; nothing was written:", input.display(), if n == 1 { "" } else { "s" });
        for p in problems {
            println!("  {p}");
        }
    }
    Err(Failure::Data)
}

fn validate_command(a: &Args) -> Outcome {
    let input = a.file.clone().unwrap_or_else(|| "data/schemes.geojson".into());
    let config = config(a)?;
    let bytes = read_capped(&input)?;
    let text = String::from_utf8_lossy(&bytes);
    let report = match quality::validate(&text, &config.area.districts, &today(a)) {
        Ok(r) => r,
        Err(e) => {
            if a.json {
                print_json(&json!({"ok": false, "file": input, "error": e.to_string()}));
            } else {
                println!("{}: {e}", input.display());
            }
            return Err(Failure::Data);
        }
    };
    let ok = report.rejected.is_empty();
    if a.json {
        let rejected: Vec<_> =
            report.rejected.iter().map(|r| json!({"scheme": r.label, "reasons": r.texts()})).collect();
        print_json(
            &json!({"ok": ok, "file": input, "valid": report.valid, "rejected": rejected, "warnings": report.warnings}),
        );
    } else {
        let n = report.rejected.len();
        if ok {
            println!("{}: all {} schemes are valid.", input.display(), report.valid);
        } else {
            println!("{}: {} valid, {n} the map would leave out:", input.display(), report.valid);
            for r in &report.rejected {
                println!("  {}: {}", printable(&r.label), printable(&r.texts().join("; ")));
            }
        }
        print_warnings(&report.warnings);
    }
    if ok {
        Ok(())
    } else {
        Err(Failure::Data)
    }
}

fn export_command(a: &Args) -> Outcome {
    let input = a.file.clone().unwrap_or_else(|| "data/schemes.geojson".into());
    let config = config(a)?;
    let bytes = read_capped(&input)?;
    let ds = dataset::load(&String::from_utf8_lossy(&bytes), &config.area.districts).map_err(|e| {
        println!("{}: {e}", input.display());
        Failure::Data
    })?;
    if !ds.rejected.is_empty() {
        let n = ds.rejected.len();
        println!(
            "{} has {n} scheme{} the map would leave out; run `schemes validate` and fix {} first.",
            input.display(),
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" }
        );
        return Err(Failure::Data);
    }
    let area = &config.area.name;
    let text = match a.format.as_deref() {
        Some("openactive") => {
            let publication = publication(a, &config, &ds)?;
            // Every item on one page; its `next` is the feed's (empty) last page.
            let pages = export::openactive::feed_pages(&ds, &publication, usize::MAX);
            pretty(&pages[0].1)
        }
        Some("open-referral") | Some("openreferral") => pretty(&export::open_referral::to_json(&ds, area)),
        Some("csv") => {
            let postcodes = match Geodata::locate(a.geodata.as_deref()).and_then(|g| g.postcode_index()) {
                Ok(p) => Some(p),
                Err(e) => {
                    eprintln!("note: {e}\nnote: every row gets its coordinates written out.");
                    None
                }
            };
            export::csv::to_csv(&ds.schemes, &config.area.districts, postcodes.as_ref())
        }
        Some(other) => {
            return Err(Failure::Usage(format!("unknown format \"{other}\": use openactive, open-referral or csv")))
        }
        None => return Err(Failure::Usage("export needs --format openactive, open-referral or csv".into())),
    };
    match &a.out {
        Some(path) => {
            write_atomic(path, text.as_bytes())
                .map_err(|e| Failure::Usage(format!("{} cannot be written: {e}", path.display())))?;
            eprintln!("Wrote {} schemes to {}.", ds.schemes.len(), path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// How the open data is published: the configuration's `open_data`, the base URL possibly
/// given by --base-url.
fn publication(a: &Args, config: &Config, ds: &dataset::Dataset) -> Result<export::openactive::Publication, Failure> {
    let mut open_data = config.open_data.clone();
    if let Some(b) = &a.base_url {
        open_data.base_url = b.clone();
    }
    export::openactive::Publication::new(&open_data, ds, &config.area.name).ok_or_else(|| {
        Failure::Usage(
            "the OpenActive feed needs the address where the site is published: set open_data.base_url in the configuration, or give --base-url https://…/"
                .into(),
        )
    })
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes `_headers` for the files now in `out`.
fn write_headers(config: &Config, out: &Path, online_lookup: bool) -> Outcome {
    use referral_map::site_headers::{netlify_headers, HEADERS_FILE};
    let files: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| Failure::Usage(format!("could not read {}: {e}", out.display())))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let path = out.join(HEADERS_FILE);
    write_atomic(&path, netlify_headers(config, online_lookup, &files).as_bytes())
        .map_err(|e| Failure::Usage(format!("could not write {}: {e}", path.display())))
}

/// The schemes the site shows (`[GEOJSON]`, default `data/schemes.geojson`), read with the
/// site's configuration: the schemes, and the file's path for messages.
fn site_schemes(a: &Args, config: &Config) -> Result<(dataset::Dataset, PathBuf), Failure> {
    let input = a.file.clone().unwrap_or_else(|| "data/schemes.geojson".into());
    let bytes = read_capped(&input)?;
    let ds = dataset::load(&String::from_utf8_lossy(&bytes), &config.area.districts)
        .map_err(|e| Failure::Usage(format!("{}: {e}", input.display())))?;
    Ok((ds, input))
}

/// The schemes as a plain page beside the map, for a browser that cannot show the map.
fn list_page(config: &Config, ds: &dataset::Dataset, out: &Path) -> Outcome {
    use export::list_page::{page, PAGE_FILE, STYLE, STYLE_FILE};
    for (file, text) in [(PAGE_FILE, page(ds, config)), (STYLE_FILE, STYLE.to_string())] {
        let path = out.join(file);
        write_atomic(&path, text.as_bytes())
            .map_err(|e| Failure::Usage(format!("could not write {}: {e}", path.display())))?;
    }
    eprintln!("Wrote the plain list of {} schemes, {}.", ds.schemes.len(), out.join(PAGE_FILE).display());
    Ok(())
}

/// The open data beside the site: the OpenActive RPDE feed and its dataset page, and the Open
/// Referral UK files laid out as its API answers. Skipped, with a warning, when the configuration
/// gives no base URL.
fn open_data_files(a: &Args, config: &Config, ds: &dataset::Dataset, input: &Path, out: &Path) -> Outcome {
    use export::{open_referral, openactive};
    if !ds.rejected.is_empty() {
        eprintln!(
            "warning: {} scheme(s) in {} are left out of the open data, as the map leaves them out; run `schemes validate`.",
            ds.rejected.len(),
            input.display()
        );
    }
    let Ok(publication) = publication(a, config, ds) else {
        eprintln!("warning: no open_data.base_url in the configuration, so no open-data files were written.");
        return Ok(());
    };
    let write = |rel: &str, text: &str| -> Outcome {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Usage(format!("could not create {}: {e}", dir.display())))?;
        }
        write_atomic(&path, text.as_bytes())
            .map_err(|e| Failure::Usage(format!("could not write {}: {e}", path.display())))
    };
    let pages = openactive::feed_pages(ds, &publication, openactive::PAGE_SIZE);
    for (name, page) in &pages {
        write(&format!("{}/{name}", openactive::FEED_DIR), &pretty(page))?;
    }
    write(openactive::dataset_site::PAGE_FILE, &openactive::dataset_site::page(ds, &publication))?;
    write(openactive::dataset_site::STYLE_FILE, openactive::dataset_site::STYLE)?;
    let files = open_referral::api_files(ds, &config.area.name);
    for (name, v) in &files {
        write(&format!("{}/{name}", open_referral::API_DIR), &pretty(v))?;
    }
    eprintln!(
        "Wrote the OpenActive feed ({} schemes in {} pages) and its dataset page, and {} Open Referral UK files, into {}.",
        ds.schemes.len(),
        pages.len(),
        files.len(),
        out.display()
    );
    Ok(())
}

/// The district outlines the map draws, beside the page.
const DISTRICTS_FILE: &str = "districts.geojson";

fn site_data_command(a: &Args) -> Outcome {
    let Some(out) = &a.out else {
        return Err(Failure::Usage("site-data needs --out DIR (the built site's folder)".into()));
    };
    // The site's own config.json is what the headers must match.
    let site_config = out.join("config.json");
    let a = &Args { config: a.config.clone().or_else(|| site_config.is_file().then_some(site_config)), ..a.clone() };
    // Each read once, for everything written below.
    let config = config(a)?;
    let located = Geodata::locate(a.geodata.as_deref());
    let online_lookup = located.is_err();
    std::fs::create_dir_all(out).map_err(|e| Failure::Usage(format!("could not create {}: {e}", out.display())))?;
    write_headers(&config, out, online_lookup)?;
    // The plain list and the open data show the same schemes.
    let (ds, input) = site_schemes(a, &config)?;
    list_page(&config, &ds, out)?;
    open_data_files(a, &config, &ds, &input, out)?;
    let geodata = match located {
        Ok(g) => g,
        Err(e) => {
            eprintln!("warning: {e}\nwarning: no postcode files were written; the site will look postcodes up online instead.");
            // An empty meta.json and no district outlines tell the app so, without a 404 in every
            // visitor's console.
            let dir = out.join("postcodes");
            std::fs::create_dir_all(&dir)
                .and_then(|()| {
                    std::fs::write(dir.join("meta.json"), "{\"source\":\"\",\"units_outcodes\":0,\"outcodes\":0}\n")
                })
                .and_then(|()| {
                    std::fs::write(out.join(DISTRICTS_FILE), "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
                })
                .map_err(|e| Failure::Usage(format!("could not write into {}: {e}", out.display())))?;
            return Ok(());
        }
    };
    let started = std::time::Instant::now();
    let summary = postcode_files::write(&geodata, out).map_err(Failure::Usage)?;
    let districts = &config.area.districts;
    let outlines = geodata.district_boundaries(districts).map_err(Failure::Usage)?.to_geojson(districts);
    std::fs::write(out.join(DISTRICTS_FILE), format!("{outlines}\n"))
        .map_err(|e| Failure::Usage(format!("could not write {}: {e}", out.join(DISTRICTS_FILE).display())))?;
    eprintln!(
        "Wrote postcode files for {} outcodes ({} with unit postcodes, {} postcodes) from {} into {} in {} ms.",
        summary.outcodes,
        summary.units_outcodes,
        summary.units,
        summary.source,
        out.join("postcodes").display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

fn geodata_command(a: &Args) -> Outcome {
    let config = config(a)?;
    let out = a.out.clone().unwrap_or_else(|| Geodata::default_dir().dir);
    let started = std::time::Instant::now();
    // Downloads go into a folder beside the output, removed afterwards.
    let downloads = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(format!(".geodata-download-{}", std::process::id()));
    let result = (|| {
        let codepoint_path = source(
            a.codepoint.as_ref(),
            a.download,
            &config.geodata.codepoint_url,
            &downloads,
            "codepo_gb.zip",
            "--codepoint ZIP (OS Code-Point Open)",
        )?;
        let boundaries_path = source(
            a.boundaries.as_ref(),
            a.download,
            &config.geodata.boundaries_url,
            &downloads,
            "boundaries.geojson",
            "--boundaries GEOJSON (ONS Local Authority Districts)",
        )?;
        let data = codepoint::read(&codepoint_path).map_err(Failure::Usage)?;
        let boundaries = std::fs::read_to_string(&boundaries_path)
            .map_err(|e| Failure::Usage(format!("{} cannot be read: {e}", boundaries_path.display())))?;
        let from = |given: Option<&PathBuf>, url: &str| match given {
            Some(p) => p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
            None => url.to_string(),
        };
        let provenance = make::Provenance {
            area: config.area.name.clone(),
            codepoint_from: from(a.codepoint.as_ref(), &config.geodata.codepoint_url),
            boundaries_from: from(a.boundaries.as_ref(), &config.geodata.boundaries_url),
            command: command_line(a),
            note: a.note.clone().unwrap_or_default(),
        };
        let made = make::make(&data, &boundaries, &config.area.districts, &provenance).map_err(|e| {
            Failure::Usage(format!("{}: {e}", boundaries_or_codepoint(&e, &boundaries_path, &codepoint_path)))
        })?;
        make::write_folder(&out, &made.files).map_err(Failure::Usage)?;
        Ok(made)
    })();
    let _ = std::fs::remove_dir_all(&downloads);
    let made = result?;
    eprintln!(
        "Wrote {} for {}: {} unit postcodes in {} outcodes ({} in the {} districts), {} sectors and {} outcodes of Great Britain, the districts' boundaries, and SOURCES.md, in {} ms.",
        out.display(),
        config.area.name,
        made.units,
        made.units_outcodes,
        made.in_area,
        config.area.districts.len(),
        made.sectors,
        made.outcodes,
        started.elapsed().as_millis()
    );
    Ok(())
}

/// The file to read: the one given, else (with --download) the configured URL fetched into
/// `downloads/name`.
fn source(
    given: Option<&PathBuf>,
    download: bool,
    url: &str,
    downloads: &Path,
    name: &str,
    flag: &str,
) -> Result<PathBuf, Failure> {
    if let Some(p) = given {
        return Ok(p.clone());
    }
    if !download {
        return Err(Failure::Usage(format!(
            "geodata needs {flag}, or --download to fetch it from the configuration's geodata URLs"
        )));
    }
    if url.is_empty() {
        return Err(Failure::Usage(format!("--download: the configuration has no geodata URL for {flag}")));
    }
    std::fs::create_dir_all(downloads)
        .map_err(|e| Failure::Usage(format!("{} cannot be created: {e}", downloads.display())))?;
    let to = downloads.join(name);
    eprintln!("Downloading {url} …");
    download::fetch(url, &to).map_err(Failure::Usage)?;
    Ok(to)
}

/// Names the file an error from `make` is about.
fn boundaries_or_codepoint(e: &str, boundaries: &Path, codepoint: &Path) -> String {
    if e.starts_with("the boundar") {
        boundaries.display().to_string()
    } else {
        codepoint.display().to_string()
    }
}

/// The command as it can be typed again: file names without their folders and no `--out`, so
/// the record (and so the output) depends only on the inputs, not on where they were kept.
fn command_line(a: &Args) -> String {
    let base =
        |p: &PathBuf| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut parts = vec!["schemes geodata".to_string()];
    if let Some(p) = &a.codepoint {
        parts.push(format!("--codepoint {}", base(p)));
    }
    if let Some(p) = &a.boundaries {
        parts.push(format!("--boundaries {}", base(p)));
    }
    if a.download {
        parts.push("--download".into());
    }
    if let Some(c) = &a.config {
        parts.push(format!("--config {}", c.display()));
    }
    parts.join(" ")
}
