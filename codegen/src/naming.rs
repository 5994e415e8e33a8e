//! Turning spec names (`HostConfig`, `IPv4Address`, `shared-size`, `on-failure`) into Rust
//! identifiers. Kept free of spec knowledge so it can be tested on its own.

/// Splits a name into words: at `-`, `_`, `.`, `/`, spaces, at a lower-to-upper change, and
/// before the last capital of an acronym that starts a word (`IPAMConfig` -> `IPAM`,
/// `Config`). Digits stay with the word before them (`Ipv4`, `V1`).
pub fn words(name: &str) -> Vec<String> {
    // `IPv4`/`IPv6` would otherwise split as `I` + `Pv4`, and `IOps` as `I` + `Ops`.
    let name = name.replace("IPv", "Ipv").replace("IOps", "Iops");
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            // A plural acronym (`IDs`, `CIDRs`) keeps its `s`: `ExecIDs` -> `Exec`, `IDs`.
            let plural = chars.get(i + 1) == Some(&'s')
                && !chars.get(i + 2).is_some_and(|n| n.is_ascii_lowercase());
            let acronym_ends = prev.is_ascii_uppercase() && next_is_lower && !plural;
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || acronym_ends {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `HostConfig` -> `host_config`, `shared-size` -> `shared_size`, `IPv4Address` -> `ipv4_address`.
pub fn snake_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `host_config` -> `HostConfig`, `on-failure` -> `OnFailure`, `shared-size` -> `SharedSize`.
/// Words already capitalised keep their inner capitals (`ContainerConfig` stays as is).
pub fn pascal_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `ContainerList` -> `CONTAINER_LIST`.
pub fn screaming_snake_case(name: &str) -> String {
    snake_case(name).to_ascii_uppercase()
}

/// Rust keywords (2021 edition, strict and reserved) that need `r#` as identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield", "gen",
];

/// A field, argument or method name: snake_case, keywords escaped (`type` -> `r#type`).
/// `self`, `Self`, `super` and `crate` cannot be raw identifiers, so they get a `_` suffix.
pub fn field_name(wire: &str) -> String {
    let mut s = snake_case(wire);
    if s.is_empty() {
        s = "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    escape(s)
}

fn escape(s: String) -> String {
    if matches!(s.as_str(), "self" | "super" | "crate" | "Self") {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// An enum variant for a wire value: `on-failure` -> `OnFailure`, `""` -> `Empty`,
/// `1` -> `V1`, `moby.plugins.http/v1` -> `MobyPluginsHttpV1`.
pub fn variant_name(value: &str) -> String {
    let p = pascal_case(value);
    if p.is_empty() {
        "Empty".to_string()
    } else if p.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{p}")
    } else {
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_acronyms_and_separators() {
        assert_eq!(snake_case("HostConfig"), "host_config");
        assert_eq!(snake_case("IPAMConfig"), "ipam_config");
        assert_eq!(snake_case("IPv4Address"), "ipv4_address");
        assert_eq!(snake_case("GlobalIPv6PrefixLen"), "global_ipv6_prefix_len");
        assert_eq!(snake_case("KernelMemoryTCP"), "kernel_memory_tcp");
        assert_eq!(snake_case("OSType"), "os_type");
        assert_eq!(snake_case("shared-size"), "shared_size");
        assert_eq!(snake_case("X-Registry-Auth"), "x_registry_auth");
        assert_eq!(snake_case("detachKeys"), "detach_keys");
        assert_eq!(snake_case("ps_args"), "ps_args");
        assert_eq!(snake_case("ContainerList"), "container_list");
        assert_eq!(snake_case("PingHead"), "ping_head");
        assert_eq!(snake_case("GetAll"), "get_all");
        assert_eq!(snake_case("ExecIDs"), "exec_ids");
        assert_eq!(snake_case("BlkioDeviceReadIOps"), "blkio_device_read_iops");
        assert_eq!(snake_case("IOMaximumIOps"), "io_maximum_iops");
        assert_eq!(snake_case("ContainerIDFile"), "container_id_file");
        assert_eq!(snake_case("copyUIDGID"), "copy_uidgid");
    }

    #[test]
    fn pascal_and_screaming() {
        assert_eq!(pascal_case("on-failure"), "OnFailure");
        assert_eq!(pascal_case("shared-size"), "SharedSize");
        assert_eq!(pascal_case("ContainerConfig"), "ContainerConfig");
        assert_eq!(pascal_case("source.git.checkout"), "SourceGitCheckout");
        assert_eq!(screaming_snake_case("ContainerList"), "CONTAINER_LIST");
        assert_eq!(screaming_snake_case("SystemPingHead"), "SYSTEM_PING_HEAD");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("ref"), "r#ref");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Id"), "id");
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name("unless-stopped"), "UnlessStopped");
        assert_eq!(variant_name("moby.plugins.http/v1"), "MobyPluginsHttpV1");
        assert_eq!(variant_name("active/manager"), "ActiveManager");
    }
}
