//! Which keys of a Docker config file name a registry, as the Docker CLI matches them.
//!
//! Docker Hub's images (`busybox`, `docker.io/library/busybox`) are stored under the legacy
//! key `https://index.docker.io/v1/`; users also write `docker.io`, `index.docker.io` or
//! `registry-1.docker.io`. Other registries are keyed by `host[:port]`, sometimes with a
//! scheme or a path (`https://127.0.0.1:5000/v2/`), which the CLI strips when it compares.

/// The key the Docker CLI stores Docker Hub's credentials under.
pub const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

const DOCKER_HUB_ALIASES: [&str; 4] = [
    "docker.io",
    "index.docker.io",
    "registry-1.docker.io",
    "registry.hub.docker.com",
];

/// `https://host:port/path` → `host:port` (the CLI's `ConvertToHostname`), lowercased.
pub fn hostname(key: &str) -> String {
    let rest = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    rest.split('/').next().unwrap_or("").to_ascii_lowercase()
}

/// Whether `host` (a hostname as [`hostname`] gives it) is Docker Hub.
pub fn is_docker_hub(host: &str) -> bool {
    DOCKER_HUB_ALIASES.contains(&host)
}

/// The server address to ask for (and to put into `serveraddress`) for a registry domain:
/// Docker Hub's legacy key for any of its aliases, otherwise the domain itself.
pub fn server_address(registry: &str) -> String {
    if is_docker_hub(&hostname(registry)) {
        DOCKER_HUB_KEY.to_string()
    } else {
        registry.to_string()
    }
}

/// Whether a config key stands for `registry`: the same text, or the same host once schemes
/// and paths are stripped, with Docker Hub's aliases all equal.
pub fn key_matches(key: &str, registry: &str) -> bool {
    if key == registry {
        return true;
    }
    let (k, r) = (hostname(key), hostname(registry));
    !k.is_empty() && (k == r || (is_docker_hub(&k) && is_docker_hub(&r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_drop_scheme_and_path() {
        assert_eq!(hostname("https://index.docker.io/v1/"), "index.docker.io");
        assert_eq!(hostname("http://127.0.0.1:5000/v2/"), "127.0.0.1:5000");
        assert_eq!(hostname("Registry.Example.com"), "registry.example.com");
        assert_eq!(hostname("127.0.0.1:5000"), "127.0.0.1:5000");
    }

    #[test]
    fn docker_hub_aliases_match_each_other() {
        for key in [
            DOCKER_HUB_KEY,
            "docker.io",
            "index.docker.io",
            "https://docker.io",
        ] {
            assert!(key_matches(key, "docker.io"), "{key}");
            assert!(key_matches(key, DOCKER_HUB_KEY), "{key}");
        }
        assert_eq!(server_address("docker.io"), DOCKER_HUB_KEY);
    }

    #[test]
    fn ports_and_other_hosts_are_told_apart() {
        assert!(key_matches("https://127.0.0.1:5000", "127.0.0.1:5000"));
        assert!(key_matches("127.0.0.1:5000/v2/", "127.0.0.1:5000"));
        assert!(!key_matches("127.0.0.1:5001", "127.0.0.1:5000"));
        assert!(!key_matches("127.0.0.1", "127.0.0.1:5000"));
        assert!(!key_matches("docker.io", "ghcr.io"));
        assert!(!key_matches("", "ghcr.io"));
        assert_eq!(server_address("127.0.0.1:5000"), "127.0.0.1:5000");
    }
}
