//! Which engine the environment names, as the Docker CLI decides: `DOCKER_HOST`, else the
//! context named by `DOCKER_CONTEXT`, else the `currentContext` of `config.json`, else the
//! local socket; TLS from `DOCKER_TLS_VERIFY`/`DOCKER_TLS`/`DOCKER_CERT_PATH` or from the
//! context's own TLS folder.
//!
//! Contexts live in the config folder (`DOCKER_CONFIG`, else `~/.docker`):
//! `contexts/meta/<sha256 of the name>/meta.json` holds `Endpoints.docker.Host` and
//! `SkipTLSVerify`; `contexts/tls/<sha256 of the name>/docker/{ca,cert,key}.pem` its TLS files.

use super::tls::TlsOptions;
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The Docker CLI's config folder: `DOCKER_CONFIG`, else `$HOME/.docker`.
pub fn config_dir_from(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    match env("DOCKER_CONFIG") {
        Some(d) => Some(PathBuf::from(d)),
        None => env("HOME").map(|h| PathBuf::from(h).join(".docker")),
    }
}

/// The process environment, empty values as unset (as the CLI treats them).
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Where the engine named by the environment is, and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvHost {
    /// The address; `None`: the local socket.
    pub host: Option<String>,
    pub tls: Option<TlsOptions>,
    /// What chose it: `DOCKER_HOST`, `context NAME`, or `default`.
    pub source: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConfigHead {
    #[serde(rename = "currentContext")]
    current_context: Option<String>,
}

#[derive(Deserialize)]
struct ContextMeta {
    #[serde(rename = "Endpoints", default)]
    endpoints: HashMap<String, ContextEndpoint>,
}

#[derive(Deserialize)]
struct ContextEndpoint {
    #[serde(rename = "Host", default)]
    host: Option<String>,
    #[serde(rename = "SkipTLSVerify", default)]
    skip_tls_verify: bool,
}

/// Resolves the engine from `env` (a lookup such as [`process_env`]; a closure in tests).
pub fn resolve(env: &dyn Fn(&str) -> Option<String>) -> Result<EnvHost> {
    let config_dir = config_dir_from(env);
    if let Some(host) = env("DOCKER_HOST") {
        return Ok(EnvHost {
            host: Some(host),
            tls: env_tls(env, config_dir.as_deref()),
            source: "DOCKER_HOST".into(),
        });
    }
    let (name, from) = match env("DOCKER_CONTEXT") {
        Some(n) => (Some(n), "DOCKER_CONTEXT"),
        None => (
            config_dir
                .as_deref()
                .map(current_context)
                .transpose()?
                .flatten(),
            "currentContext of config.json",
        ),
    };
    match name.filter(|n| n != "default") {
        None => Ok(EnvHost {
            host: None,
            tls: env_tls(env, config_dir.as_deref()),
            source: "default".into(),
        }),
        Some(name) => {
            let dir = config_dir.ok_or_else(|| {
                Error::invalid_argument(format!(
                    "context {name:?} ({from}): no config folder (set DOCKER_CONFIG or HOME)"
                ))
            })?;
            context(&dir, &name, from)
        }
    }
}

/// The TLS the environment asks for: `DOCKER_TLS_VERIFY` (any non-empty value, as the CLI)
/// verifies; `DOCKER_TLS` alone is TLS without verification; certificates from
/// `DOCKER_CERT_PATH`, else the config folder.
fn env_tls(env: &dyn Fn(&str) -> Option<String>, config_dir: Option<&Path>) -> Option<TlsOptions> {
    let verify = env("DOCKER_TLS_VERIFY").is_some();
    if !verify && env("DOCKER_TLS").is_none() {
        return None;
    }
    let cert_path = env("DOCKER_CERT_PATH")
        .map(PathBuf::from)
        .or_else(|| config_dir.map(Path::to_path_buf));
    let mut tls = cert_path
        .map(TlsOptions::from_cert_path)
        .unwrap_or_default();
    tls.verify = verify;
    Some(tls)
}

/// Reads the config file at `path` as `T`: a missing file is `T::default()`, as for the CLI.
/// A broken one is an `InvalidArgument` error naming the file and where it broke, never what
/// is there (serde's message may quote a value, and the file holds credentials).
pub(crate) fn read_config_json<T: DeserializeOwned + Default>(path: &Path) -> Result<T> {
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
        Err(e) => {
            return Err(Error::invalid_argument(format!(
                "cannot read the Docker config file {}: {e}",
                path.display()
            )))
        }
    };
    serde_json::from_slice(&text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "a value of the wrong type",
            serde_json::error::Category::Eof => "unexpected end",
            _ => "not JSON",
        };
        Error::invalid_argument(format!(
            "the Docker config file {} is not valid: {what} at line {}, column {}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}

fn current_context(config_dir: &Path) -> Result<Option<String>> {
    let head: ConfigHead = read_config_json(&config_dir.join("config.json"))?;
    Ok(head.current_context.filter(|c| !c.is_empty()))
}

fn context_id(name: &str) -> String {
    Sha256::digest(name.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn context(config_dir: &Path, name: &str, from: &str) -> Result<EnvHost> {
    let id = context_id(name);
    let meta_path = config_dir.join("contexts/meta").join(&id).join("meta.json");
    let bad = |why: String| Error::invalid_argument(format!("context {name:?} ({from}): {why}"));
    let text = std::fs::read(&meta_path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            bad(format!("not found ({} is missing)", meta_path.display()))
        }
        _ => bad(format!("cannot read {}: {e}", meta_path.display())),
    })?;
    let meta: ContextMeta = serde_json::from_slice(&text)
        .map_err(|e| bad(format!("{} is not valid: {e}", meta_path.display())))?;
    let endpoint = meta
        .endpoints
        .get("docker")
        .ok_or_else(|| bad("it has no docker endpoint".into()))?;
    let host = endpoint
        .host
        .clone()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("its docker endpoint has no Host".into()))?;
    let tls_dir = config_dir.join("contexts/tls").join(&id).join("docker");
    let has_tls_files = ["ca.pem", "cert.pem", "key.pem"]
        .iter()
        .any(|f| tls_dir.join(f).is_file());
    let tls = (has_tls_files || endpoint.skip_tls_verify).then(|| TlsOptions {
        verify: !endpoint.skip_tls_verify,
        ..TlsOptions::from_cert_path(&tls_dir)
    });
    Ok(EnvHost {
        host: Some(host),
        tls,
        source: format!("context {name}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_ids_are_the_clis() {
        // The CLI names a context's folders by the SHA-256 of its name (`sha256sum`).
        assert_eq!(
            context_id("remote"),
            "b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a"
        );
    }
}
