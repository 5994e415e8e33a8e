//! `name[:tag|@digest]` as the Docker CLI reads it: `busybox` is
//! `docker.io/library/busybox:latest`, `127.0.0.1:5000/a/b:v1` has a registry with a port.

use crate::error::{Error, Result};
use regex::Regex;
use std::fmt;
use std::sync::OnceLock;

/// A parsed image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The registry host (`docker.io` when none is given).
    pub domain: String,
    /// The repository path in it (`library/busybox`).
    pub path: String,
    /// The tag; `latest` when neither a tag nor a digest is given.
    pub tag: Option<String>,
    /// `algorithm:hex`.
    pub digest: Option<String>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

impl ImageRef {
    /// Parses `image`; a malformed one is an `InvalidArgument` error naming it.
    pub fn parse(image: &str) -> Result<ImageRef> {
        static PATH: OnceLock<Regex> = OnceLock::new();
        static TAG: OnceLock<Regex> = OnceLock::new();
        static DIGEST: OnceLock<Regex> = OnceLock::new();
        let bad = |why: &str| Error::invalid_argument(format!("image {image:?}: {why}"));
        let (rest, digest) = match image.split_once('@') {
            Some((r, d)) => (r, Some(d)),
            None => (image, None),
        };
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
            None => (rest, None),
        };
        // The first component is a registry when it looks like a host, as the CLI decides.
        let (domain, path) = match name.split_once('/') {
            Some((first, rest))
                if first.contains(['.', ':'])
                    || first == "localhost"
                    || first != first.to_lowercase() =>
            {
                (first.to_string(), rest.to_string())
            }
            Some(_) => ("docker.io".to_string(), name.to_string()),
            None => ("docker.io".to_string(), format!("library/{name}")),
        };
        let path_ok =
            r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$";
        if domain.is_empty() || !re(&PATH, path_ok).is_match(&path) {
            return Err(bad(
                "not a valid name (lowercase letters, digits and . _ - separators, / between parts)",
            ));
        }
        if let Some(t) = tag {
            if !re(&TAG, r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$").is_match(t) {
                return Err(bad("not a valid tag"));
            }
        }
        if let Some(d) = digest {
            if !re(&DIGEST, r"^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$").is_match(d) {
                return Err(bad("not a valid digest (algorithm:hex)"));
            }
        }
        Ok(ImageRef {
            domain,
            path,
            tag: tag
                .map(str::to_string)
                .or_else(|| digest.is_none().then(|| "latest".to_string())),
            digest: digest.map(str::to_string),
        })
    }

    /// `domain/path`: the repository, as `fromImage` takes it.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    /// What to pull: the digest when there is one (it names the content), else the tag.
    pub fn reference(&self) -> &str {
        self.digest
            .as_deref()
            .or(self.tag.as_deref())
            .unwrap_or("latest")
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::ImageRef;

    fn show(s: &str) -> String {
        ImageRef::parse(s).unwrap().to_string()
    }

    #[test]
    fn names_are_completed_like_the_cli() {
        assert_eq!(show("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(show("busybox:1.36"), "docker.io/library/busybox:1.36");
        assert_eq!(show("me/app"), "docker.io/me/app:latest");
        assert_eq!(show("localhost/app"), "localhost/app:latest");
        assert_eq!(show("127.0.0.1:5000/a/b"), "127.0.0.1:5000/a/b:latest");
        assert_eq!(show("127.0.0.1:5000/a/b:v1"), "127.0.0.1:5000/a/b:v1");
        let d = format!("sha256:{}", "a".repeat(64));
        let r = ImageRef::parse(&format!("a@{d}")).unwrap();
        assert_eq!((r.tag.as_deref(), r.reference()), (None, d.as_str()));
        assert_eq!(r.name(), "docker.io/library/a");
        let r = ImageRef::parse(&format!("a:v2@{d}")).unwrap();
        assert_eq!(r.reference(), d);
    }

    #[test]
    fn bad_names_are_refused_before_sending() {
        for bad in [
            "",
            "Busybox",
            "busybox:",
            "a b",
            "busybox:-x",
            "a@sha256:zz",
            "reg:5000/",
            "a//b",
        ] {
            let e = ImageRef::parse(bad).expect_err(bad);
            assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument, "{bad}");
        }
    }
}
