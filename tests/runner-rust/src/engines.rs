//! Which engines the tests talk to: the project's own (tests/engines/engines.env, written by
//! `make engines`), or the user's `DOCKER_HOST` when there is no env file.

use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Engines {
    /// The API 1.45 engine.
    pub main: String,
    /// The API 1.41 engine, when the project started one.
    pub old: Option<String>,
    /// Why there is no old engine (said when cases are skipped).
    pub why_no_old: String,
    /// The project's registry with its credentials, for cases that `need` it.
    pub registry: Option<Registry>,
    /// Why there is none.
    pub why_no_registry: String,
    /// The main engine's TLS listener, for cases that `need` it.
    pub tls: Option<TlsEngine>,
    pub why_no_tls: String,
}

/// `tcp://127.0.0.1:PORT` with `--tlsverify`, and a client certificate folder it accepts.
#[derive(Debug, Clone)]
pub struct TlsEngine {
    pub host: String,
    pub certs: String,
}

/// A registry the main engine reaches, and its user.
#[derive(Clone)]
pub struct Registry {
    pub address: String,
    pub user: String,
    pub password: String,
}

// The password stays out of any debug print.
impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("address", &self.address)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// `KEY=VALUE` lines; `#` comments and blank lines ignored.
pub fn read_env_file(path: &Path) -> Option<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect(),
    )
}

impl Engines {
    /// The engine chosen by `tests/engines/ensure.sh` (`DEA_TEST_SELECTED`, set by the Makefile)
    /// or else `DOCKER_HOST` wins when it is not the project's own engine: a user's engine.
    pub fn discover(env_file: &Path) -> Result<Engines, String> {
        let chosen = ["DEA_TEST_SELECTED", "DOCKER_HOST"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
        let project = read_env_file(env_file);
        let project_host = project
            .as_ref()
            .and_then(|v| v.get("DEA_TEST_HOST").cloned());
        if let Some(host) = chosen.filter(|h| Some(h) != project_host.as_ref()) {
            return Ok(Engines {
                main: host.clone(),
                old: None,
                why_no_old: format!(
                    "needs the project's API 1.41 engine; running against your engine at {host} (unset DOCKER_HOST to use the project's engines)"
                ),
                registry: None,
                why_no_registry: format!(
                    "needs the project's registry; running against your engine at {host} (unset DOCKER_HOST to use the project's engines)"
                ),
                tls: None,
                why_no_tls: format!(
                    "needs the project's TLS listener; running against your engine at {host} (unset DOCKER_HOST to use the project's engines)"
                ),
            });
        }
        if let Some(vars) = project {
            let main = vars
                .get("DEA_TEST_HOST")
                .cloned()
                .ok_or_else(|| format!("{} has no DEA_TEST_HOST", env_file.display()))?;
            let old = vars
                .get("DEA_TEST_HOST_OLD")
                .cloned()
                .filter(|v| !v.is_empty());
            let var = |k: &str| vars.get(k).cloned().filter(|v| !v.is_empty());
            let registry = match (
                var("DEA_TEST_REGISTRY"),
                var("DEA_TEST_REGISTRY_USER"),
                var("DEA_TEST_REGISTRY_PASSWORD"),
            ) {
                (Some(address), Some(user), Some(password)) => Some(Registry {
                    address,
                    user,
                    password,
                }),
                _ => None,
            };
            let tls = match (var("DEA_TEST_TLS_HOST"), var("DEA_TEST_TLS_CERTS")) {
                (Some(host), Some(certs)) => Some(TlsEngine { host, certs }),
                _ => None,
            };
            return Ok(Engines {
                main,
                tls,
                why_no_tls: format!("{} has no DEA_TEST_TLS_HOST", env_file.display()),
                why_no_old: format!("{} has no DEA_TEST_HOST_OLD", env_file.display()),
                old,
                registry,
                why_no_registry: format!(
                    "{} has no DEA_TEST_REGISTRY with user and password",
                    env_file.display()
                ),
            });
        }
        Err(format!(
            "no test engine: {} is missing and DOCKER_HOST is not set (run `make engines`)",
            env_file.display()
        ))
    }
}
