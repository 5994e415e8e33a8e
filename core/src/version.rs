//! API versions: parsing, ordering, and the range this client speaks.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// An Engine API version such as `1.45`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion {
    pub major: u16,
    pub minor: u16,
}

impl ApiVersion {
    pub const fn new(major: u16, minor: u16) -> ApiVersion {
        ApiVersion { major, minor }
    }
    /// The version of the spec this client is generated from.
    pub const LATEST: ApiVersion = ApiVersion::new(1, 45);
    /// The oldest version the client negotiates down to (the oldest Docker 26 accepts).
    pub const MINIMUM: ApiVersion = ApiVersion::new(1, 24);
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromStr for ApiVersion {
    type Err = Error;
    fn from_str(s: &str) -> Result<ApiVersion> {
        let t = s.trim();
        let t = t.strip_prefix('v').unwrap_or(t);
        // Digits only, no sign and no leading zero in the minor: `1.045` is not `1.45`.
        let number = |n: &str| {
            (!n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && (n == "0" || !n.starts_with('0')))
            .then(|| n.parse().ok())
            .flatten()
        };
        let parsed = t
            .split_once('.')
            .and_then(|(a, b)| Some(ApiVersion::new(number(a)?, number(b)?)));
        parsed.ok_or_else(|| {
            Error::invalid_argument(format!(
                "invalid API version {s:?}: expected MAJOR.MINOR such as 1.45"
            ))
        })
    }
}

/// How the client chooses the version prefix of its requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VersionPolicy {
    /// Send this version as is; a daemon that does not speak it answers 400.
    Pinned(ApiVersion),
    /// Ask the daemon once (`GET /_ping`, header `Api-Version`) and use `min(1.45, server)`.
    #[default]
    Auto,
}

impl FromStr for VersionPolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<VersionPolicy> {
        if s.trim().eq_ignore_ascii_case("auto") {
            Ok(VersionPolicy::Auto)
        } else {
            s.parse().map(VersionPolicy::Pinned)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let v: ApiVersion = "1.41".parse().unwrap();
        assert_eq!(v, ApiVersion::new(1, 41));
        assert!(v < ApiVersion::LATEST);
        assert!(ApiVersion::new(1, 9) < ApiVersion::new(1, 10));
        assert_eq!("v1.45".parse::<ApiVersion>().unwrap().to_string(), "1.45");
        assert!("1".parse::<ApiVersion>().is_err());
        assert!("x.y".parse::<ApiVersion>().is_err());
        for bad in [
            "+1.+45", "1.045", "1.-1", "1.", ".45", "vv1.45", "1.45.1", " 1 . 45",
        ] {
            assert!(bad.parse::<ApiVersion>().is_err(), "{bad:?}");
        }
        assert_eq!("1.0".parse::<ApiVersion>().unwrap(), ApiVersion::new(1, 0));
        assert_eq!(
            "auto".parse::<VersionPolicy>().unwrap(),
            VersionPolicy::Auto
        );
    }
}
