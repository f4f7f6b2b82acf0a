//! Fetching the official geodata files (`schemes geodata --download`): a plain blocking HTTP GET
//! of a configured URL into a file, following redirects (OS's download API redirects to the zip).
//!
//! Only `https://` and `http://` URLs are fetched. The file is written beside its final name and
//! renamed when complete, so a broken download never looks like a finished one.

use std::path::Path;
use std::time::Duration;

/// The largest file fetched (OS Code-Point Open is about 25 MB; ONS boundaries for the whole UK
/// at full resolution are a few hundred).
const MAX_BYTES: u64 = 1 << 30;

/// Downloads `url` into `to`; returns the number of bytes.
pub fn fetch(url: &str, to: &Path) -> Result<u64, String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!("\"{url}\" is not an http(s) URL"));
    }
    let agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_body(Some(Duration::from_secs(600)))
        .user_agent("referral-map schemes geodata")
        .build()
        .new_agent();
    let mut response = agent.get(url).call().map_err(|e| format!("{url} could not be downloaded: {e}"))?;
    let partial = to.with_extension("part");
    let result = (|| {
        let mut file =
            std::fs::File::create(&partial).map_err(|e| format!("{} cannot be written: {e}", partial.display()))?;
        let mut body = response.body_mut().with_config().limit(MAX_BYTES).reader();
        let bytes = std::io::copy(&mut body, &mut file).map_err(|e| format!("{url} could not be downloaded: {e}"))?;
        if bytes == 0 {
            return Err(format!("{url} sent an empty file"));
        }
        std::fs::rename(&partial, to).map_err(|e| format!("{} cannot be written: {e}", to.display()))?;
        Ok(bytes)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
