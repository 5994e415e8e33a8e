//! The `containers.run`, `exec.run` and `images.pull` helper steps: arguments as plain JSON,
//! results as neutral JSON (tests/cases/README.md).

use crate::neutral::chunks_json;
use docker_engine_api::helpers::{
    CommandOutput, ExecRunOptions, PullOptions, PullPolicy, RegistryAuth, RunOptions,
};
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Docker, Error};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// `{"username", "password", "serveraddress"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthArgs {
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    serveraddress: Option<String>,
}

impl From<AuthArgs> for RegistryAuth {
    fn from(a: AuthArgs) -> RegistryAuth {
        RegistryAuth {
            username: a.username,
            password: a.password,
            serveraddress: a.serveraddress,
            ..Default::default()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunArgs {
    image: String,
    #[serde(default)]
    cmd: Vec<String>,
    #[serde(default)]
    pull: Option<String>,
    #[serde(default)]
    auth: Option<AuthArgs>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    env: Vec<String>,
    #[serde(default)]
    tty: bool,
    #[serde(default)]
    stdin: Option<String>,
    #[serde(default)]
    remove: bool,
    #[serde(default)]
    check: bool,
    #[serde(default)]
    workdir: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    labels: HashMap<String, String>,
    /// The spec's ContainerCreate body, for anything else (`HostConfig`...).
    #[serde(default)]
    body: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecArgs {
    id: String,
    cmd: Vec<String>,
    #[serde(default)]
    stdin: Option<String>,
    #[serde(default)]
    tty: bool,
    #[serde(default)]
    env: Vec<String>,
    #[serde(default)]
    workdir: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    privileged: bool,
    #[serde(default)]
    check: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullArgs {
    image: String,
    #[serde(default)]
    auth: Option<AuthArgs>,
    #[serde(default)]
    platform: Option<String>,
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn output_json(out: &CommandOutput) -> Value {
    json!({
        "exit_code": out.exit_code,
        "stdout": String::from_utf8_lossy(&out.stdout),
        "stderr": String::from_utf8_lossy(&out.stderr),
        "chunks": chunks_json(&out.chunks),
    })
}

pub async fn containers_run(docker: &Docker, a: RunArgs) -> Result<Result<Value, Error>, String> {
    let pull = match a.pull.as_deref() {
        None | Some("missing") => PullPolicy::Missing,
        Some("always") => PullPolicy::Always,
        Some("never") => PullPolicy::Never,
        Some(other) => {
            return Err(format!(
                "pull must be missing, always or never, not {other:?}"
            ))
        }
    };
    let body: ContainerCreateBody = match a.body {
        Some(b) => serde_json::from_value(b).map_err(|e| format!("bad body: {e}"))?,
        None => ContainerCreateBody::default(),
    };
    let opts = RunOptions {
        pull,
        pull_options: PullOptions {
            auth: a.auth.map(Into::into),
            ..Default::default()
        },
        name: a.name,
        env: a.env,
        tty: a.tty,
        stdin: a.stdin.map(Into::into),
        remove: a.remove,
        check: a.check,
        workdir: a.workdir,
        user: a.user,
        labels: a.labels,
        body,
    };
    let out = docker.containers().run(&a.image, &strs(&a.cmd), opts).await;
    Ok(out.map(|o| {
        let mut v = output_json(&CommandOutput {
            exit_code: o.exit_code,
            stdout: o.stdout,
            stderr: o.stderr,
            chunks: o.chunks,
        });
        v["id"] = Value::String(o.id);
        v
    }))
}

pub async fn exec_run(docker: &Docker, a: ExecArgs) -> Result<Result<Value, Error>, String> {
    let opts = ExecRunOptions {
        stdin: a.stdin.map(Into::into),
        tty: a.tty,
        env: a.env,
        workdir: a.workdir,
        user: a.user,
        privileged: a.privileged,
        check: a.check,
    };
    let out = docker.exec().run(&a.id, &strs(&a.cmd), opts).await;
    Ok(out.map(|o| output_json(&o)))
}

pub async fn images_pull(docker: &Docker, a: PullArgs) -> Result<Result<Value, Error>, String> {
    let opts = PullOptions {
        platform: a.platform,
        auth: a.auth.map(Into::into),
        progress: None,
    };
    match docker.images().pull(&a.image, opts).await {
        Ok(inspect) => serde_json::to_value(inspect)
            .map(Ok)
            .map_err(|e| format!("cannot show the inspect result: {e}")),
        Err(e) => Ok(Err(e)),
    }
}
