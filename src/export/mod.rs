//! Exporting schemes to other directories and back to a spreadsheet:
//! [`openactive`] (OpenActive-style JSON-LD), [`open_referral`] (Open Referral UK JSON) and
//! [`csv`] (the partnership's spreadsheet, so CSV → GeoJSON → CSV gives the same rows).
//!
//! Also the one way the data tool writes a file, [`write_atomic`]: beside the target, then
//! renamed over it, so a reader never sees half a file.

pub mod csv;
pub mod list_page;
pub mod open_referral;
pub mod openactive;

use crate::scheme::Scheme;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` via a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A stable UUID (version 8, "custom") made from the given parts, so the same scheme always gets
/// the same identifiers in exports that require UUIDs.
pub fn stable_uuid(parts: &[&str]) -> String {
    // FNV-1a, 128-bit.
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for byte in b"referral-map".iter().chain(parts.iter().flat_map(|p| std::iter::once(&0u8).chain(p.as_bytes()))) {
        h ^= u128::from(*byte);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    let mut b = h.to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// A sentence about who the scheme is for and how to get in, for exports that want a description.
pub fn describe(s: &Scheme) -> String {
    let conditions: Vec<String> = s.conditions.iter().map(|c| crate::wording::in_sentence(c.label())).collect();
    let mut d = format!("Exercise referral programme for people with these conditions: {}.", conditions.join("; "));
    d.push(' ');
    d.push_str(&referral_sentence(s));
    if let Some(w) = s.programme_weeks {
        d.push_str(&format!(" The programme lasts {w} weeks."));
    }
    if let Some(n) = &s.notes {
        d.push(' ');
        d.push_str(n);
    }
    d
}

/// "Referral by GP or other health professional." / "… Self-referral is accepted."
pub fn referral_sentence(s: &Scheme) -> String {
    use crate::referral::Referral;
    let by: Vec<&str> = s
        .referral
        .iter()
        .filter(|r| **r != Referral::SelfReferral)
        .map(|r| match r {
            Referral::Gp => "GP",
            Referral::HealthProfessional => "other health professional",
            Referral::SocialPrescriber => "social prescriber",
            Referral::SelfReferral => "self-referral",
        })
        .collect();
    let selfref = s.referral.contains(&Referral::SelfReferral);
    match (by.is_empty(), selfref) {
        (true, _) => "People can refer themselves; no referral is needed.".into(),
        (false, false) => format!("Referral required: by {}.", by.join(", ")),
        (false, true) => format!("Referral by {}, or people can refer themselves.", by.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_distinct_and_well_formed() {
        let a = stable_uuid(&["service", "active-health-stevenage"]);
        assert_eq!(a, stable_uuid(&["service", "active-health-stevenage"]));
        assert_ne!(a, stable_uuid(&["location", "active-health-stevenage"]));
        assert_ne!(stable_uuid(&["ab", "c"]), stable_uuid(&["a", "bc"]));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8", "version 8");
        assert!("89ab".contains(&a[19..20]), "RFC variant");
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_file_and_no_litter() {
        let dir = std::env::temp_dir().join(format!("referral-map-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.json");
        write_atomic(&target, b"first").unwrap();
        write_atomic(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        // A target that is a folder cannot be replaced: the write fails and leaves nothing behind.
        let folder = dir.join("folder");
        std::fs::create_dir_all(folder.join("inside")).unwrap();
        assert!(write_atomic(&folder, b"x").is_err());
        let names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
