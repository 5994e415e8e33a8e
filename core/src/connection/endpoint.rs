//! Where the engine is: parsing `unix://`, `tcp://` and `http://` addresses.

use crate::error::{Error, Result};
use crate::version::ApiVersion;
use std::path::PathBuf;

/// The default socket of a local engine.
pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

/// A parsed engine address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A unix socket path.
    Unix(PathBuf),
    /// Plain HTTP over TCP; `authority` is `host:port`.
    /// `tcp://`, `http://` or `https://`: `tls` when the engine is spoken to over TLS.
    Tcp { authority: String, tls: bool },
    /// `ssh://[user@]host[:port]`: HTTP through `ssh ... docker system dial-stdio`.
    Ssh {
        /// `[user@]host`, as `ssh` takes it.
        destination: String,
        port: Option<u16>,
    },
}

/// An address and the version its path pinned, if any (`http://localhost/v1.45`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedHost {
    pub endpoint: Endpoint,
    pub pinned: Option<ApiVersion>,
}

impl Endpoint {
    /// The URL prefix of requests: unix sockets get a placeholder host, as the Docker CLI does.
    pub(crate) fn base_url(&self) -> String {
        match self {
            // An SSH engine is reached through a local unix socket too (see `ssh.rs`).
            Endpoint::Unix(_) | Endpoint::Ssh { .. } => "http://docker.sock".to_string(),
            Endpoint::Tcp { authority, tls } => {
                format!("{}://{authority}", if *tls { "https" } else { "http" })
            }
        }
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Endpoint::Unix(p) => write!(f, "unix://{}", p.display()),
            Endpoint::Tcp {
                authority,
                tls: false,
            } => write!(f, "tcp://{authority}"),
            Endpoint::Tcp {
                authority,
                tls: true,
            } => write!(f, "tcp://{authority} (TLS)"),
            Endpoint::Ssh {
                destination,
                port: None,
            } => write!(f, "ssh://{destination}"),
            Endpoint::Ssh {
                destination,
                port: Some(p),
            } => write!(f, "ssh://{destination}:{p}"),
        }
    }
}

/// Parses a `DOCKER_HOST`-style address.
///
/// - `unix:///path/to/socket` (or a bare absolute path)
/// - `tcp://host:port` (port defaults to 2375)
/// - `http://host[:port][/vX.Y]`: the path, when it is a version, pins that version
pub fn parse_host(host: &str) -> Result<ParsedHost> {
    let host = host.trim();
    let shown = redact_userinfo(host);
    let invalid =
        |why: &str| Error::invalid_argument(format!("invalid engine address {shown:?}: {why}"));
    if host.is_empty() {
        return Err(invalid("empty"));
    }
    if host.starts_with('/') {
        return Ok(ParsedHost {
            endpoint: Endpoint::Unix(host.into()),
            pinned: None,
        });
    }
    let (scheme, rest) = host
        .split_once("://")
        .ok_or_else(|| invalid("expected unix://PATH, tcp://HOST:PORT, http(s)://HOST:PORT or ssh://[USER@]HOST[:PORT]"))?;
    match scheme.to_ascii_lowercase().as_str() {
        "unix" => {
            let path = if rest.is_empty() {
                DEFAULT_SOCKET
            } else {
                rest
            };
            if !path.starts_with('/') {
                return Err(invalid("a unix socket path must be absolute"));
            }
            Ok(ParsedHost {
                endpoint: Endpoint::Unix(path.into()),
                pinned: None,
            })
        }
        "tcp" | "http" | "https" => {
            let (authority, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            if authority.is_empty() {
                return Err(invalid("missing host"));
            }
            if authority.contains('@') {
                return Err(invalid("credentials in the address are not supported"));
            }
            if !authority
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._:[]%".contains(c))
            {
                return Err(invalid("the host has characters a host name cannot have"));
            }
            let tls = scheme.eq_ignore_ascii_case("https");
            let default_port = match scheme.to_ascii_lowercase().as_str() {
                "tcp" => 2375,
                "https" => 443,
                _ => 80,
            };
            let authority = with_port(authority, default_port)
                .ok_or_else(|| invalid("bad port (IPv6 addresses go in brackets: [::1]:2375)"))?;
            let path = path.trim_end_matches('/');
            let pinned = if path.is_empty() {
                None
            } else {
                let v = path.trim_start_matches('/');
                if !v.starts_with('v') || v.contains('/') {
                    return Err(invalid("the only path allowed is a version such as /v1.45"));
                }
                Some(v.parse::<ApiVersion>()?)
            };
            Ok(ParsedHost {
                endpoint: Endpoint::Tcp { authority, tls },
                pinned,
            })
        }
        "ssh" => {
            let rest = rest.trim_end_matches('/');
            if rest.contains('/') {
                return Err(invalid("an ssh:// address has no path"));
            }
            let (user, hostport) = match rest.rsplit_once('@') {
                Some((u, h)) => (Some(u), h),
                None => (None, rest),
            };
            if user.is_some_and(|u| u.is_empty() || u.contains(':')) {
                return Err(invalid("a user name without a password goes before the @"));
            }
            let authority = with_port(hostport, 22)
                .ok_or_else(|| invalid("bad port (IPv6 addresses go in brackets: [::1]:22)"))?;
            let (host, port) = authority.rsplit_once(':').unwrap_or((&authority, "22"));
            let host = host.trim_start_matches('[').trim_end_matches(']');
            // An ssh option smuggled in as a host name (`-oProxyCommand=...`) must not reach ssh.
            if host.is_empty() || host.starts_with('-') || host.contains(char::is_whitespace) {
                return Err(invalid("missing or invalid host"));
            }
            let destination = match user {
                Some(u) if u.starts_with('-') => return Err(invalid("invalid user name")),
                Some(u) => format!("{u}@{host}"),
                None => host.to_string(),
            };
            Ok(ParsedHost {
                endpoint: Endpoint::Ssh {
                    destination,
                    port: port.parse().ok().filter(|p| *p != 22),
                },
                pinned: None,
            })
        }
        "npipe" => Err(invalid(&format!(
            "the {scheme}:// transport is not supported by this build yet"
        ))),
        other => Err(invalid(&format!("unknown scheme {other:?}"))),
    }
}

/// The address with any `user:password@` replaced, so that it can appear in a message.
fn redact_userinfo(host: &str) -> String {
    match (host.find("://"), host.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &host[..s + 3], &host[at..]),
        _ => host.to_string(),
    }
}

/// Adds the default port unless the authority has one; `None` when the port is not a number
/// or an IPv6 literal lacks its brackets (`::1` is ambiguous: write `[::1]:2375`).
fn with_port(authority: &str, default: u16) -> Option<String> {
    if !authority.starts_with('[') && authority.matches(':').count() > 1 {
        return None;
    }
    // IPv6 literals keep their brackets: [::1]:2375
    let port_part = match authority.rfind(']') {
        Some(end) => authority[end + 1..].strip_prefix(':'),
        None => authority.rsplit_once(':').map(|(_, p)| p),
    };
    match port_part {
        Some(p) => p.parse::<u16>().ok().map(|_| authority.to_string()),
        None => Some(format!("{authority}:{default}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcp(a: &str) -> Endpoint {
        Endpoint::Tcp {
            authority: a.into(),
            tls: false,
        }
    }

    #[test]
    fn parses_the_usual_forms() {
        assert_eq!(
            parse_host("unix:///run/d.sock").unwrap().endpoint,
            Endpoint::Unix("/run/d.sock".into())
        );
        assert_eq!(
            parse_host("unix://").unwrap().endpoint,
            Endpoint::Unix(DEFAULT_SOCKET.into())
        );
        assert_eq!(
            parse_host("/tmp/x.sock").unwrap().endpoint,
            Endpoint::Unix("/tmp/x.sock".into())
        );
        assert_eq!(
            parse_host("tcp://127.0.0.1").unwrap().endpoint,
            tcp("127.0.0.1:2375")
        );
        assert_eq!(
            parse_host("tcp://[::1]:2376").unwrap().endpoint,
            tcp("[::1]:2376")
        );
        let seed = parse_host("http://localhost/v1.45").unwrap();
        assert_eq!(seed.endpoint, tcp("localhost:80"));
        assert_eq!(seed.pinned, Some(ApiVersion::new(1, 45)));
    }

    #[test]
    fn rejects_bad_addresses_with_a_reason() {
        for bad in [
            "",
            "localhost",
            "unix://relative",
            "tcp://",
            "tcp://h:x",
            "http://h/api",
            "foo://x",
            "tcp://::1",
            "tcp://u:p@h:1",
        ] {
            let e = parse_host(bad).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument, "{bad}");
        }
        let msg = parse_host("tcp://u:secret@h:1").unwrap_err().to_string();
        assert!(
            msg.contains("credentials") && !msg.contains("secret"),
            "{msg}"
        );
    }
}
