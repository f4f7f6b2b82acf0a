//! QR codes for a scheme's link ("Share" on screen, the printed handout), drawn as SVG.
//!
//! Only our own link to a scheme (`…?scheme=ID`) is encoded, and the SVG is the `qrcode` crate's
//! output of it (a path of squares, no text from the data), shown as an `<img>` from a `data:`
//! URL: nothing here becomes HTML.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` as an SVG document, at least `size` pixels wide; `None` when the text is
/// too long for a QR code.
pub fn svg(text: &str, size: u32) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(size, size)
            .quiet_zone(true)
            .dark_color(svg::Color("#000"))
            .light_color(svg::Color("#fff"))
            .build(),
    )
}

/// The QR code as a `data:image/svg+xml` URL for an `<img>`.
pub fn data_url(text: &str, size: u32) -> Option<String> {
    let svg = svg(text, size)?;
    let mut out = String::from("data:image/svg+xml,");
    for b in svg.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b' ' | b'/' | b':' | b'=' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Some(out.replace(' ', "%20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws our SVG's squares (the renderer writes each as `M{x} {y}h{w}v{h}H{x}V{y}`) into a
    /// grey-scale raster for an independent decoder.
    fn rasterise(svg: &str) -> (usize, Vec<u8>) {
        let size: usize = svg.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let mut px = vec![255u8; size * size];
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        for square in d.split('M').filter(|s| !s.is_empty()) {
            let nums: Vec<usize> = square
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let (x, y, w, h) = (nums[0], nums[1], nums[2], nums[3]);
            for row in y..y + h {
                for col in x..x + w {
                    px[row * size + col] = 0;
                }
            }
        }
        (size, px)
    }

    fn decode(svg: &str) -> String {
        let (size, px) = rasterise(svg);
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| px[y * size + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code");
        grids[0].decode().expect("the QR code decodes").1
    }

    #[test]
    fn an_independent_decoder_reads_the_link_back() {
        for url in [
            "https://maps.example.org/herts/?scheme=active-health-stevenage",
            "http://127.0.0.1:8111/?scheme=a+b%26c",
            "https://partner.example.org/a/very/long/path/to/the/embedded/map/index.html?scheme=healthy-hearts-bishops-stortford",
        ] {
            assert_eq!(decode(&svg(url, 200).unwrap()), url);
        }
    }

    #[test]
    fn the_data_url_is_the_svg_percent_encoded() {
        let url = data_url("https://example.org/?scheme=x", 120).unwrap();
        assert!(url.starts_with("data:image/svg+xml,%3C%3Fxml"), "{url}");
        assert!(!url.contains(['<', '>', '"', '#', ' ']), "{url}");
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_none_not_a_panic() {
        assert_eq!(svg(&"x".repeat(5000), 100), None);
    }
}
