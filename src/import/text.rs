//! Turning a file's bytes into text a CSV reader can trust: size cap, byte-order mark, and clear
//! words for the files people most often save by mistake (Excel workbooks, UTF-16 "Unicode text",
//! Windows-1252 "CSV", binary junk).

/// The largest file the tool reads: about 50,000 schemes, far more than any real directory.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

const SAVE_AS: &str = "In Excel choose File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\"";

/// The text of a CSV file, without a byte-order mark; `Err` says in plain words what the file is.
pub fn decode(bytes: &[u8]) -> Result<&str, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "the file is larger than {} MB, the most the tool reads (about 50,000 schemes). Is it the right file?",
            MAX_BYTES / 1_048_576
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(format!("this is an Excel workbook (.xlsx) or another zip file, not a CSV file. {SAVE_AS}."));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(format!("this is an old-style Excel workbook (.xls), not a CSV file. {SAVE_AS}."));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!("this file is saved as UTF-16 (\"Unicode Text\"), not as a CSV file. {SAVE_AS}."));
    }
    if bytes.contains(&0) {
        return Err(format!("this is not a text file (it holds binary data). {SAVE_AS}."));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
        let byte = bytes.get(at).copied().unwrap_or(0);
        let hint = if byte == 0xA3 { " (that byte is a £ sign in Windows encoding)" } else { "" };
        format!(
            "line {line} is not UTF-8 text: byte 0x{byte:02X}{hint}. The file was probably saved as plain \"CSV\" in Windows encoding. {SAVE_AS}."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFname,town\n").unwrap(), "name,town\n");
    }

    #[test]
    fn wrong_files_are_named() {
        assert!(decode(b"PK\x03\x04rest").unwrap_err().contains("Excel workbook (.xlsx)"));
        assert!(decode(&[0xFF, 0xFE, b'n', 0]).unwrap_err().contains("UTF-16"));
        assert!(decode(b"abc\0def").unwrap_err().contains("binary"));
        let e = decode(b"name\nSwim \xA33.50\n").unwrap_err();
        assert!(
            e.starts_with("line 2 is not UTF-8 text: byte 0xA3 (that byte is a £ sign in Windows encoding)"),
            "{e}"
        );
    }

    #[test]
    fn a_huge_file_is_refused() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(decode(&big).unwrap_err().starts_with("the file is larger than 16 MB"));
    }
}
