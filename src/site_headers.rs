//! The HTTP headers the built site needs from its static host, derived from the configuration so
//! they never drift from it: the Content-Security-Policy (tile and lookup origins, the partners
//! allowed to embed the map), the other security headers, the wasm type and caching.
//!
//! [`netlify_headers`] writes them as `_headers` (the format Netlify and Cloudflare Pages read);
//! `schemes site-data` puts that file beside the built page. `docs/deploying.md` shows the same
//! headers for nginx, Apache and GitHub Pages. Not here: serving anything (the site is static).

use crate::config::Config;

/// The name of the headers file in the built site.
pub const HEADERS_FILE: &str = "_headers";

/// Files that must be revalidated on every visit: their names do not change when their content does.
/// `/embed.js` is among them: partners' pages load it by that name and must get fixes at once.
/// So are the embed-code builder's and the QR-code drawer's glue and wasm, which trunk names
/// without a hash, and the plain list of schemes with its stylesheet and the page's stylesheet
/// for a browser without JavaScript (linked by name from index.html).
pub const REVALIDATED: &[&str] = &[
    "/",
    "/index.html",
    "/config.json",
    "/schemes.geojson",
    "/districts.geojson",
    "/embed.js",
    "/embed-builder.js",
    BUILDER_WASM,
    "/qr-code.js",
    QR_WASM,
    "/schemes.html",
    "/schemes.css",
    "/noscript.css",
];

/// The embed-code builder's wasm (a fixed name: see [`REVALIDATED`]).
const BUILDER_WASM: &str = "/embed-builder_bg.wasm";
/// The QR-code drawer's wasm, loaded when the map first draws a QR code (a fixed name too).
const QR_WASM: &str = "/qr-code_bg.wasm";

/// The Content-Security-Policy for this configuration. `online_lookup` is whether the build has no
/// postcode files, so the browser asks the configured online service (only then is its origin in
/// `connect-src`).
pub fn content_security_policy(config: &Config, online_lookup: bool) -> String {
    let mut img = vec!["'self'".to_string(), "data:".to_string()];
    img.extend(Config::origin_of(&config.tiles.url));
    let mut connect = vec!["'self'".to_string()];
    if online_lookup {
        for url in [&config.postcodes.online_url, &config.postcodes.online_outcode_url] {
            if let Some(o) = Config::origin_of(url).filter(|o| !connect.contains(o)) {
                connect.push(o);
            }
        }
    }
    let mut ancestors = vec!["'self'".to_string()];
    ancestors.extend(config.embed_origins.iter().map(|o| o.trim_end_matches('/').to_ascii_lowercase()));
    [
        "default-src 'none'".to_string(),
        "script-src 'self' 'wasm-unsafe-eval'".to_string(),
        "style-src 'self'".to_string(),
        format!("img-src {}", img.join(" ")),
        format!("connect-src {}", connect.join(" ")),
        "font-src 'self'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
        "object-src 'none'".to_string(),
        // The embed builder (`?tool=embed`) previews the map in a same-origin iframe.
        "frame-src 'self'".to_string(),
        format!("frame-ancestors {}", ancestors.join(" ")),
    ]
    .join("; ")
}

/// The headers every response gets (the CSP among them).
pub fn common_headers(config: &Config, online_lookup: bool) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", content_security_policy(config, online_lookup)),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        // "Use my location" works on our own pages, and in a partner's iframe that delegates it
        // with allow="geolocation"; nothing else (camera, microphone…) is ever needed.
        ("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=(), usb=()".into()),
    ]
}

/// Whether a file name carries trunk's content hash (`app-1a2b3c4d5e6f7a8b.css`,
/// `referral-map-0123abcd_bg.wasm`): such a file never changes, so it may be cached for a year.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| (8..=16).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The `_headers` file: the common headers on every path, immutable caching for the hashed files
/// (`files` are the names at the top of the built site), revalidation for the files whose names
/// stay the same, and `application/wasm` for the wasm.
pub fn netlify_headers(config: &Config, online_lookup: bool, files: &[String]) -> String {
    let mut out = String::from(
        "# Written by `schemes site-data` from config.json; edit config.json and rebuild, not this file.\n\
         # Netlify and Cloudflare Pages read it; docs/deploying.md has the same for nginx and Apache.\n",
    );
    out.push_str("/*\n");
    for (name, value) in common_headers(config, online_lookup) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for path in REVALIDATED.iter().copied().chain(["/postcodes/*"]) {
        out.push_str(&format!("{path}\n  Cache-Control: no-cache\n"));
        if path == BUILDER_WASM || path == QR_WASM {
            out.push_str("  Content-Type: application/wasm\n");
        }
    }
    let mut hashed: Vec<&String> = files.iter().filter(|f| is_hashed(f)).collect();
    hashed.sort();
    for f in hashed {
        out.push_str(&format!("/{f}\n  Cache-Control: public, max-age=31536000, immutable\n"));
        if f.ends_with(".wasm") {
            out.push_str("  Content-Type: application/wasm\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_gives_the_strict_policy_with_the_tile_origin() {
        let c = Config::shipped();
        assert_eq!(
            content_security_policy(&c, false),
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; font-src 'self'; \
             base-uri 'none'; form-action 'none'; object-src 'none'; frame-src 'self'; frame-ancestors 'self'"
        );
    }

    #[test]
    fn the_lookup_origin_is_allowed_only_when_the_build_has_no_postcode_files() {
        let c = Config::shipped();
        assert!(!content_security_policy(&c, false).contains("postcodes.io"));
        assert!(content_security_policy(&c, true).contains("; connect-src 'self' https://api.postcodes.io; "));
    }

    #[test]
    fn partners_in_the_config_may_embed_the_map() {
        let mut c = Config::shipped();
        c.embed_origins = vec!["https://www.hertfordshire.gov.uk".into(), "https://Partner.example/".into()];
        assert!(content_security_policy(&c, false)
            .ends_with("frame-ancestors 'self' https://www.hertfordshire.gov.uk https://partner.example"));
    }

    #[test]
    fn hashed_files_are_immutable_and_the_rest_revalidated() {
        let files: Vec<String> = [
            "index.html",
            "app-1a2b3c4d5e6f7a8b.css",
            "referral-map-9f8e7d6c5b4a_bg.wasm",
            "boot-0a1b2c3d4e5f.js",
            "config.json",
        ]
        .map(String::from)
        .into();
        let h = netlify_headers(&Config::shipped(), false, &files);
        assert!(h.contains("/*\n  Content-Security-Policy: default-src 'none'; "), "{h}");
        assert!(h.contains("\n  X-Content-Type-Options: nosniff\n"), "{h}");
        assert!(h.contains("\n  Referrer-Policy: strict-origin-when-cross-origin\n"), "{h}");
        assert!(h.contains("\n  Permissions-Policy: geolocation=(self)"), "{h}");
        assert!(h.contains("\n/referral-map-9f8e7d6c5b4a_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n  Content-Type: application/wasm\n"), "{h}");
        assert!(
            h.contains("\n/app-1a2b3c4d5e6f7a8b.css\n  Cache-Control: public, max-age=31536000, immutable\n"),
            "{h}"
        );
        assert!(h.contains("\n/config.json\n  Cache-Control: no-cache\n"), "{h}");
        assert!(h.contains("\n/embed.js\n  Cache-Control: no-cache\n"), "{h}");
        // The embed-code builder's files keep fixed names, so they are revalidated.
        assert!(h.contains("\n/embed-builder.js\n  Cache-Control: no-cache\n"), "{h}");
        assert!(
            h.contains("\n/embed-builder_bg.wasm\n  Cache-Control: no-cache\n  Content-Type: application/wasm\n"),
            "{h}"
        );
        assert!(!is_hashed("embed-builder_bg.wasm") && !is_hashed("embed-builder.js"));
        // So do the QR-code drawer's.
        assert!(h.contains("\n/qr-code.js\n  Cache-Control: no-cache\n"), "{h}");
        assert!(h.contains("\n/qr-code_bg.wasm\n  Cache-Control: no-cache\n  Content-Type: application/wasm\n"), "{h}");
        assert!(!is_hashed("qr-code_bg.wasm") && !is_hashed("qr-code.js"));
        assert!(h.contains("\n/index.html\n  Cache-Control: no-cache\n"), "{h}");
        assert!(h.contains("\n/schemes.geojson\n  Cache-Control: no-cache\n"), "{h}");
        assert!(h.contains("\n/schemes.html\n  Cache-Control: no-cache\n"), "{h}");
        assert!(!h.contains("/config.json\n  Cache-Control: public"), "{h}");
        assert!(!is_hashed("leaflet-src.js") && !is_hashed("index.html") && !is_hashed("schemes.geojson"));
    }
}
