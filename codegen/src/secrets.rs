//! Which generated fields hold a secret, and the `Debug` impl that shows `<redacted>` for
//! them: a log line or a panic message printing a model or an options struct never carries a
//! password, a token, a registry credential header or a secret's data.

use std::fmt::Write;

/// Secret by wire name wherever it appears.
const ANYWHERE: [&str; 5] = [
    "password",
    "IdentityToken",
    "UnlockKey",
    "X-Registry-Auth",
    "X-Registry-Config",
];

/// Secret in one struct only: `(struct, wire name)`.
const IN_STRUCT: [(&str, &str); 4] = [
    ("JoinTokens", "Worker"),
    ("JoinTokens", "Manager"),
    ("SwarmJoinRequest", "JoinToken"),
    ("SecretSpec", "Data"),
];

pub fn is_secret(owner: &str, wire: &str) -> bool {
    ANYWHERE.contains(&wire) || IN_STRUCT.contains(&(owner, wire))
}

/// A `Debug` impl for struct `name` with `fields` as `(rust name, wire name)`, `extra` when the
/// struct keeps unknown fields there. Every field is an `Option`.
pub fn redacting_debug(name: &str, fields: &[(&str, &str)], extra: bool) -> String {
    let mut s = format!("impl std::fmt::Debug for {name} {{\n");
    s.push_str("    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n");
    let _ = writeln!(s, "        f.debug_struct({name:?})");
    for (rust, wire) in fields {
        if is_secret(name, wire) {
            let _ = writeln!(
                s,
                "            .field({rust:?}, &self.{rust}.as_ref().map(|_| \"<redacted>\"))"
            );
        } else {
            let _ = writeln!(s, "            .field({rust:?}, &self.{rust})");
        }
    }
    if extra {
        s.push_str("            .field(\"extra\", &self.extra)\n");
    }
    s.push_str("            .finish()\n    }\n}\n\n");
    s
}
