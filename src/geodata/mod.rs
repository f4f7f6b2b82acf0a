//! The geographic reference data the data tool reads: OS Code-Point Open postcodes and the ONS
//! district boundaries of the configured area, shipped in `data/geodata/` and made by
//! `schemes geodata` ([`make`]) from the official downloads (docs/geodata.md).
//!
//! The folder is found from `--geodata DIR`, else the `GEODATA_DIR` environment variable, else
//! `data/geodata` in the project. This module finds and reads the files; what is done with them
//! lives in [`crate::import`] (geocoding, district checks) and [`postcode_files`] (the site's
//! postcode lookup files).

pub mod boundaries;
pub mod codepoint;
pub mod download;
pub mod grid;
pub mod make;
pub mod postcode_files;
pub mod postcodes;

use std::path::{Path, PathBuf};

/// The environment variable that names the geodata folder.
pub const ENV_VAR: &str = "GEODATA_DIR";

/// The default folder, relative to the project root.
pub const DEFAULT_DIR: &str = "data/geodata";

/// A folder of geodata files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Geodata {
    pub dir: PathBuf,
}

impl Geodata {
    /// Finds the folder: the flag, else the environment variable, else `data/geodata` from the
    /// current folder, else from the project the tool was built in. `Err` says where it looked.
    pub fn locate(flag: Option<&Path>) -> Result<Geodata, String> {
        if let Some(dir) = flag {
            return Geodata::at(dir, "--geodata");
        }
        if let Some(dir) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
            return Geodata::at(Path::new(&dir), ENV_VAR);
        }
        let here = Path::new(DEFAULT_DIR).to_path_buf();
        let built = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR);
        for dir in [here, built.clone()] {
            if dir.is_dir() {
                return Ok(Geodata { dir });
            }
        }
        Err(format!(
            "The postcode and boundary data was not found (looked in {DEFAULT_DIR} and {}). Give its folder with --geodata DIR or the {ENV_VAR} environment variable.",
            built.display()
        ))
    }

    /// `data/geodata` in the project the tool was built from (where `schemes geodata` writes
    /// by default), or from the current folder when that is the project.
    pub fn default_dir() -> Geodata {
        let here = Path::new(DEFAULT_DIR);
        if Path::new("Cargo.toml").is_file() && Path::new("public/config.json").is_file() {
            return Geodata { dir: here.to_path_buf() };
        }
        Geodata { dir: Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR) }
    }

    fn at(dir: &Path, source: &str) -> Result<Geodata, String> {
        if dir.is_dir() {
            Ok(Geodata { dir: dir.to_path_buf() })
        } else {
            Err(format!("The postcode and boundary data folder {} (from {source}) does not exist.", dir.display()))
        }
    }

    /// The unit postcodes, e.g. `postcodes_codepoint_2025-10.csv`.
    pub fn units_file(&self) -> Result<PathBuf, String> {
        self.find("unit postcodes (postcodes_codepoint_*.csv)", |n| {
            n.starts_with("postcodes_codepoint_") && n.ends_with(".csv")
        })
    }

    /// The postcode sector centroids, e.g. `sectors_codepoint_2025-10.csv`.
    pub fn sectors_file(&self) -> Result<PathBuf, String> {
        self.find("postcode sector centroids (sectors_codepoint_*.csv)", |n| {
            n.starts_with("sectors_codepoint_") && n.ends_with(".csv")
        })
    }

    /// The outcode (postcode district) centroids, e.g. `outcodes_codepoint_2025-10.csv`.
    pub fn outcodes_file(&self) -> Result<PathBuf, String> {
        self.find("outcode centroids (outcodes_codepoint_*.csv)", |n| {
            n.starts_with("outcodes_codepoint_") && n.ends_with(".csv")
        })
    }

    /// The district boundaries, e.g. `districts_ons_lad24.geojson`.
    pub fn boundaries_file(&self) -> Result<PathBuf, String> {
        self.find("district boundaries (districts_ons_*.geojson)", |n| {
            n.starts_with("districts_ons_") && n.ends_with(".geojson")
        })
    }

    /// "OS Code-Point Open 2025-10", from the unit file's name.
    pub fn postcode_source(&self) -> String {
        let edition = self
            .units_file()
            .ok()
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .and_then(|s| s.rsplit('_').next().map(String::from))
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '-'));
        match edition {
            Some(e) => format!("OS Code-Point Open {e}"),
            None => "OS Code-Point Open".into(),
        }
    }

    /// The newest file (by name) whose name passes `wanted`.
    fn find(&self, what: &str, wanted: impl Fn(&str) -> bool) -> Result<PathBuf, String> {
        let entries = std::fs::read_dir(&self.dir)
            .map_err(|e| format!("The folder {} cannot be read: {e}", self.dir.display()))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .filter(|n| wanted(n))
            .collect();
        names.sort();
        names
            .pop()
            .map(|n| self.dir.join(n))
            .ok_or_else(|| format!("The folder {} has no file of {what}.", self.dir.display()))
    }
}

/// Reads a whole file as text, saying which file could not be read.
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{} cannot be read: {e}", path.display()))
}

impl Geodata {
    /// The unit postcode points, ready for lookups.
    pub fn postcode_index(&self) -> Result<postcodes::PostcodeIndex, String> {
        let units = postcodes::read_points(&self.units_file()?)?;
        Ok(postcodes::PostcodeIndex::new(&units, &self.postcode_source()))
    }

    /// The configured districts' boundaries.
    pub fn district_boundaries(
        &self,
        districts: &[crate::district::District],
    ) -> Result<boundaries::DistrictBoundaries, String> {
        boundaries::DistrictBoundaries::read(&self.boundaries_file()?, districts)
    }
}
