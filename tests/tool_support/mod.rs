//! Shared helpers for the data tool's integration tests: the real binary, the geodata folder
//! (data/geodata) and a scratch folder per test.
#![allow(dead_code)]

pub mod codepoint_zip;

use referral_map::config::Config;
use referral_map::geodata::boundaries::DistrictBoundaries;
use referral_map::geodata::postcodes::PostcodeIndex;
use referral_map::geodata::Geodata;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const TOOL: &str = env!("CARGO_BIN_EXE_schemes");
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The geodata folder: the shipped `data/geodata` (or `GEODATA_DIR`). Always `Some`: the folder
/// is part of the repository, so a test that needs it fails, never skips, without it.
pub fn geodata() -> Option<PathBuf> {
    match Geodata::locate(None) {
        Ok(g) => Some(g.dir),
        Err(e) => panic!("the geodata folder is missing: {e}"),
    }
}

/// Runs the tool from the project root with the given arguments.
pub fn run(args: &[&str]) -> Output {
    Command::new(TOOL).args(args).current_dir(ROOT).output().expect("the schemes binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tool-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// The shipped configuration, the postcode index and the boundaries, read once.
pub struct World {
    pub config: Config,
    pub postcodes: PostcodeIndex,
    pub boundaries: DistrictBoundaries,
}

pub fn world() -> Option<&'static World> {
    static WORLD: OnceLock<Option<World>> = OnceLock::new();
    WORLD
        .get_or_init(|| {
            let dir = geodata()?;
            let g = Geodata { dir };
            let config = Config::shipped();
            let postcodes = g.postcode_index().expect("postcodes read");
            let boundaries = g.district_boundaries(&config.area.districts).expect("boundaries read");
            Some(World { config, postcodes, boundaries })
        })
        .as_ref()
}
