//! The `X-Docker-Container-Path-Stat` header: base64 of a JSON object describing a path.

use crate::error::{Error, ErrorKind, Result};
use base64::Engine;
use serde::{Deserialize, Serialize};

/// What `HEAD /containers/{id}/archive` says about a path in the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathStat {
    pub name: String,
    pub size: i64,
    /// Go's `os.FileMode` bits (directories have bit 31 set).
    pub mode: u32,
    pub mtime: String,
    #[serde(rename = "linkTarget", default)]
    pub link_target: String,
}

impl PathStat {
    pub fn is_dir(&self) -> bool {
        self.mode & (1 << 31) != 0
    }

    pub(crate) fn from_header(value: &[u8]) -> Result<PathStat> {
        let decode_err = |e: &dyn std::fmt::Display| {
            Error::new(
                ErrorKind::Decode,
                format!("bad X-Docker-Container-Path-Stat header: {e}"),
            )
        };
        // The daemon uses standard base64; tolerate the URL-safe alphabet too.
        let trimmed = value.trim_ascii();
        let json = base64::engine::general_purpose::STANDARD
            .decode(trimmed)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(trimmed))
            .map_err(|e| decode_err(&e))?;
        serde_json::from_slice(&json).map_err(|e| decode_err(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_header() {
        let json = r#"{"name":"etc","size":4096,"mode":2147484141,"mtime":"2024-01-01T00:00:00Z","linkTarget":""}"#;
        let b64 = base64::engine::general_purpose::STANDARD.encode(json);
        let st = PathStat::from_header(b64.as_bytes()).unwrap();
        assert_eq!(st.name, "etc");
        assert!(st.is_dir());
        assert_eq!(
            PathStat::from_header(b"!!").unwrap_err().kind(),
            ErrorKind::Decode
        );
    }
}
