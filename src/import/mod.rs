//! Importing the partnership's spreadsheet: a CSV with one row per scheme → a validated dataset,
//! ready to be written as `data/schemes.geojson`.
//!
//! Each row becomes a GeoJSON feature and goes through [`Scheme::from_feature`], the same rules
//! the map uses, so there is one definition of a valid scheme. Before that the import does what
//! only a spreadsheet needs: it reads prices as people write them, maps words to codes, finds the
//! point of a postcode (OS Code-Point Open), checks given coordinates are within 2 km of it, and
//! finds the district by point-in-polygon. Every problem in the file is reported, each with its
//! line, column, value and reason; the caller writes nothing when there is any.
//!
//! Not here: reading files from disk and writing the output (the `schemes` binary and
//! [`crate::export::write_atomic`]), warnings that do not block ([`crate::quality`]).

pub mod activities;
pub mod columns;
mod row;
pub mod text;
pub mod words;

use crate::dataset::{Dataset, DatasetMeta};
use crate::district::District;
use crate::geodata::boundaries::DistrictBoundaries;
use crate::geodata::postcodes::PostcodeIndex;
use crate::quality::{self, Warning};
use crate::scheme::Scheme;
use columns::{letter, Columns, Field};
use serde::Serialize;
use std::collections::HashMap;

/// A cell's value without the apostrophe the CSV export puts before a cell that starts with a
/// formula character ([`crate::export::csv::formula_safe`]): `'=1+1` reads as `=1+1`. Any
/// other cell is unchanged (an apostrophe before ordinary text is kept).
pub fn unescape_cell(cell: &str) -> &str {
    let core = cell.trim_start_matches('\'');
    if core.len() < cell.len() && core.starts_with(crate::export::csv::FORMULA_STARTS) {
        &cell[1..]
    } else {
        cell
    }
}

/// The most problems reported in one run; after that the import stops reading.
pub const MAX_PROBLEMS: usize = 1000;

/// Given coordinates must be this close to the postcode's point.
pub const MAX_METRES_FROM_POSTCODE: f64 = 2000.0;

/// One problem in the file, said so a person can find and fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// 1-based row of the spreadsheet (the heading row is row 1), whatever the file's line
    /// endings; 0 for the file as a whole.
    pub line: usize,
    /// The file's own line where the row starts, when it is not `line` (a cell above holds a
    /// line break, so the file has more lines than the spreadsheet has rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_line: Option<usize>,
    /// The column's heading as written in the file (or the field's name when the file has no
    /// such column).
    pub column: Option<String>,
    /// The spreadsheet column letter ("N").
    pub column_letter: Option<String>,
    /// The cell's text (shortened when very long).
    pub value: Option<String>,
    pub reason: String,
}

impl Problem {
    /// A problem in one cell.
    pub(crate) fn at(line: usize, index: usize, heading: &str, value: &str, reason: &str) -> Problem {
        Problem {
            line,
            file_line: None,
            column: Some(heading.to_string()),
            column_letter: Some(letter(index)),
            value: Some(shorten(value)),
            reason: reason.to_string(),
        }
    }

    /// A problem with a line, or the whole file (line 0), not one cell.
    pub(crate) fn file(line: usize, reason: &str) -> Problem {
        Problem { line, file_line: None, column: None, column_letter: None, value: None, reason: reason.to_string() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "Line {}", self.line)?;
            if let Some(file_line) = self.file_line {
                write!(f, " (file line {file_line})")?;
            }
            match (&self.column_letter, &self.column) {
                (Some(l), Some(c)) => write!(f, ", column {l} ({})", printable(c))?,
                (None, Some(c)) => write!(f, ", {}", printable(c))?,
                _ => {}
            }
            match &self.value {
                Some(v) if !v.is_empty() => write!(f, ", \"{}\"", printable(v))?,
                Some(_) => write!(f, " (empty)")?,
                None => {}
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", printable(&self.reason))
    }
}

/// Text safe to print to a terminal: control characters (which could move the cursor or change
/// colours) and the other characters a reader cannot see (zero-width, direction overrides that
/// would reorder the line: [`crate::link::is_hidden`]) are shown as �.
pub fn printable(s: &str) -> String {
    s.chars().map(|c| if crate::link::is_hidden(c) { '\u{FFFD}' } else { c }).collect()
}

fn shorten(s: &str) -> String {
    const MAX: usize = 120;
    if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_string()
    }
}

/// What the import needs to place schemes: the area's districts, their boundaries and the
/// postcode points.
pub struct Places<'a> {
    pub districts: &'a [District],
    pub boundaries: &'a DistrictBoundaries,
    pub postcodes: &'a PostcodeIndex,
    /// The area's name, e.g. "Hertfordshire", used in messages and default metadata.
    pub area: &'a str,
}

/// File-level metadata; anything left `None` gets a sensible default.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub title: Option<String>,
    pub maintainer: Option<String>,
    pub notice: Option<String>,
}

/// The default notice for a file of demonstration data.
pub const SAMPLE_NOTICE: &str = "Demonstration data: the schemes, prices and contacts are illustrative, not real.";

/// A successful import.
#[derive(Clone, Debug)]
pub struct Imported {
    pub dataset: Dataset,
    /// The file line of each scheme, in order.
    pub lines: Vec<usize>,
    /// Things to check that do not block the import.
    pub warnings: Vec<Warning>,
}

/// Reads a CSV file's bytes into a dataset. `today` ("YYYY-MM-DD") is used for warnings only.
pub fn import(bytes: &[u8], places: &Places, options: &Options, today: &str) -> Result<Imported, Vec<Problem>> {
    let text = text::decode(bytes).map_err(|e| vec![Problem::file(0, &format!("The file cannot be read: {e}"))])?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let headings: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(String::from).collect(),
        Some(Err(e)) => return Err(vec![Problem::file(1, &format!("the heading row cannot be read: {e}"))]),
        None => {
            return Err(vec![Problem::file(0, "The file is empty: it needs a heading row and one row per scheme.")])
        }
    };
    if let [only] = &headings[..] {
        for (sep, name) in [(';', "semicolons"), ('\t', "tabs")] {
            if only.contains(sep) {
                return Err(vec![Problem::file(
                    1,
                    &format!(
                        "the columns are separated by {name}, not commas. Save the spreadsheet as \"CSV UTF-8 (Comma delimited)\""
                    ),
                )]);
            }
        }
    }
    let cols = Columns::read(&headings)?;

    let mut problems: Vec<Problem> = Vec::new();
    let mut warnings: Vec<Warning> = cols
        .unused
        .iter()
        .map(|(i, h)| Warning {
            line: Some(1),
            position: None,
            scheme: String::new(),
            message: format!("column {} \"{}\" is not one the tool knows, so it is ignored", letter(*i), printable(h)),
        })
        .collect();
    let mut schemes: Vec<Scheme> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut first_line_of_id: HashMap<String, usize> = HashMap::new();
    let mut position = 0;
    let mut lines_of = Lines::new(text);
    lines_of.in_cells = headings.iter().map(|h| breaks(h.as_bytes(), None)).sum();
    for record in records {
        if problems.len() >= MAX_PROBLEMS {
            problems.push(Problem::file(
                0,
                &format!("Stopped after {MAX_PROBLEMS} problems: fix these and run the import again."),
            ));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(Place::default(), |p| lines_of.place(p.byte() as usize));
                problems.push(at.mark(Problem::file(at.row, &format!("this line cannot be read as CSV: {e}"))));
                continue;
            }
        };
        let at = record.position().map_or(Place::default(), |p| lines_of.place(p.byte() as usize));
        lines_of.skip_breaks_in(&record);
        let line = at.row;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let outcome = row::read(&record, line, &cols, places, position);
        position += 1;
        problems.extend(outcome.problems.into_iter().map(|p| at.mark(p)));
        warnings.extend(outcome.warnings.into_iter().map(|m| Warning {
            line: Some(line),
            position: None,
            scheme: outcome.label.clone(),
            message: m,
        }));
        if let Some(s) = outcome.scheme {
            if let Some(first) = first_line_of_id.get(&s.id) {
                let (field, value) =
                    if outcome.id_given { (Field::Id, s.id.clone()) } else { (Field::Name, s.name.clone()) };
                let reason = format!(
                    "the id \"{}\" is already used on line {first}; every scheme needs its own id (give one in the \"id\" column)",
                    s.id
                );
                problems.push(at.mark(match cols.position(field) {
                    Some(i) => Problem::at(line, i, &cols.headings[i], &value, &reason),
                    None => Problem::file(line, &reason),
                }));
                continue;
            }
            first_line_of_id.insert(s.id.clone(), line);
            schemes.push(s);
            lines.push(line);
        }
    }
    if problems.is_empty() && schemes.is_empty() {
        problems.push(Problem::file(0, "The file has a heading row but no schemes."));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    for w in quality::warnings(&schemes, today) {
        let line = w.position.and_then(|p| lines.get(p).copied());
        warnings.push(Warning { line, ..w });
    }
    let meta = metadata(&schemes, places.area, options);
    Ok(Imported { dataset: Dataset { schemes, rejected: Vec::new(), meta }, lines, warnings })
}

/// Where a record starts: the spreadsheet's row and the file's line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Place {
    row: usize,
    file_line: usize,
}

impl Place {
    /// The problem with the file line added when it differs from the row.
    fn mark(self, mut p: Problem) -> Problem {
        if p.line == self.row && self.file_line != self.row {
            p.file_line = Some(self.file_line);
        }
        p
    }
}

/// Turns the CSV reader's byte offsets into rows and lines, counting a line break as a person's
/// editor does: CRLF, LF or a lone CR is one break. (The reader's own line numbers count CRLF
/// files one line short.) A row is a file line minus the line breaks held inside the quoted
/// cells of the records before it. Records come in file order, so each byte is read once.
struct Lines<'a> {
    bytes: &'a [u8],
    /// Bytes before this offset are counted.
    at: usize,
    /// Line breaks before `at`.
    breaks: usize,
    /// Line breaks inside the cells of the records read so far.
    in_cells: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { bytes: text.as_bytes(), at: 0, breaks: 0, in_cells: 0 }
    }

    /// The place of the record that starts at byte `start` (or at the first byte after it that
    /// is not a line break: the reader may give the offset of the previous line's end).
    fn place(&mut self, start: usize) -> Place {
        let mut start = start.min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.at {
            // Never expected (records come in order); count again from the start.
            *self = Lines { at: 0, breaks: 0, ..*self };
        }
        self.breaks += breaks(&self.bytes[self.at..start], self.at.checked_sub(1).map(|i| self.bytes[i]));
        self.at = start;
        let file_line = self.breaks + 1;
        Place { row: file_line - self.in_cells.min(self.breaks), file_line }
    }

    /// Counts the line breaks inside a record's cells, for the rows after it.
    fn skip_breaks_in(&mut self, record: &csv::StringRecord) {
        self.in_cells += record.iter().map(|cell| breaks(cell.as_bytes(), None)).sum::<usize>();
    }
}

/// The line breaks in `bytes`; `before` is the byte just before them (a CR there makes a
/// leading LF part of the same break).
fn breaks(bytes: &[u8], before: Option<u8>) -> usize {
    let mut n = 0;
    let mut prev = before;
    for &b in bytes {
        if b == b'\r' || (b == b'\n' && prev != Some(b'\r')) {
            n += 1;
        }
        prev = Some(b);
    }
    n
}

/// The file-level metadata: demonstration data when every scheme is; `updated` is the newest
/// last-checked date, so importing the same file always gives the same output.
pub fn metadata(schemes: &[Scheme], area: &str, options: &Options) -> DatasetMeta {
    let sample = !schemes.is_empty() && schemes.iter().all(|s| s.sample);
    let maintainer = if sample {
        format!("{area} physical-activity partnership (demonstration data)")
    } else {
        format!("{area} physical-activity partnership")
    };
    DatasetMeta {
        sample,
        title: Some(options.title.clone().unwrap_or_else(|| format!("Exercise referral schemes in {area}"))),
        maintainer: Some(options.maintainer.clone().unwrap_or(maintainer)),
        notice: options.notice.clone().or_else(|| sample.then(|| SAMPLE_NOTICE.to_string())),
        updated: schemes.iter().map(|s| s.last_verified.clone()).max(),
    }
}

/// The text of `data/schemes.geojson` for a dataset: pretty JSON, ending with a newline.
pub fn geojson_text(dataset: &Dataset) -> String {
    let mut out = Vec::with_capacity(1024 + dataset.schemes.len() * 1100);
    if serde_json::to_writer_pretty(&mut out, &dataset.to_geojson()).is_err() {
        return String::new();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}
