//! The Docker credential helper protocol: `docker-credential-NAME get` reads the server
//! address on stdin and answers `{"ServerURL", "Username", "Secret"}` on stdout, or exits
//! non-zero saying `credentials not found in native keychain`.

use super::registry_auth::RegistryAuth;
use crate::error::{Error, ErrorKind, Result};
use serde::Deserialize;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// A helper that asks a person (a keychain prompt) may take a while; one that hangs must not
/// hang the call forever.
const HELPER_TIMEOUT: Duration = Duration::from_secs(60);

/// The helper's "no such credentials" answer (the docker-credential-helpers constant).
const NOT_FOUND: &str = "credentials not found in native keychain";

/// The username a helper answers for an identity token instead of a password.
const TOKEN_USER: &str = "<token>";

#[derive(Deserialize)]
struct HelperAnswer {
    #[serde(rename = "Username", default)]
    username: String,
    #[serde(rename = "Secret", default)]
    secret: String,
}

/// Asks helper `name` (`docker-credential-NAME`, found in `dirs`, or on `PATH` when `dirs`
/// is `None`) for the credentials of `server`. `Ok(None)`: it has none.
pub async fn get(
    name: &str,
    server: &str,
    dirs: Option<&[PathBuf]>,
) -> Result<Option<RegistryAuth>> {
    let program = format!("docker-credential-{name}");
    let fail = |why: String| {
        Error::invalid_argument(format!("credential helper {program} for {server}: {why}"))
    };
    if name.is_empty() || name.contains(['/', '\\']) {
        return Err(fail("not a helper name".into()));
    }
    let path = match dirs {
        Some(dirs) => dirs
            .iter()
            .map(|d| d.join(&program))
            .find(|p| p.is_file())
            .ok_or_else(|| fail("not found in the configured folders".into()))?,
        None => PathBuf::from(&program),
    };
    let mut child = tokio::process::Command::new(&path)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| fail(format!("cannot run it: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A helper that exits without reading stdin is judged by its answer, not by this.
        let _ = stdin.write_all(server.as_bytes()).await;
    }
    let out = tokio::time::timeout(HELPER_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| {
            Error::new(
                ErrorKind::Timeout,
                format!(
                    "credential helper {program} for {server}: no answer within {HELPER_TIMEOUT:?}"
                ),
            )
        })?
        .map_err(|e| fail(format!("{e}")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(if out.stdout.is_empty() {
            &out.stderr
        } else {
            &out.stdout
        })
        .trim()
        .to_string();
        if said.contains(NOT_FOUND) {
            return Ok(None);
        }
        // What a failing helper prints is an error message, not its answer; kept short.
        let said: String = said.chars().take(200).collect();
        return Err(fail(format!("{} ({said})", out.status)));
    }
    // The answer holds the secret: a decode error says nothing of its content.
    let answer: HelperAnswer = serde_json::from_slice(&out.stdout)
        .map_err(|_| fail("its answer is not the JSON of the helper protocol".into()))?;
    if answer.secret.is_empty() {
        return Ok(None);
    }
    let mut auth = RegistryAuth {
        serveraddress: Some(server.to_string()),
        ..Default::default()
    };
    if answer.username == TOKEN_USER {
        auth.identitytoken = Some(answer.secret);
    } else {
        auth.username = Some(answer.username);
        auth.password = Some(answer.secret);
    }
    Ok(Some(auth))
}
