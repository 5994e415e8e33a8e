//! The helpers called by name with JSON arguments, as `dispatch` calls operations: what the
//! bindings and the case runners call, so each of them only converts values.
//!
//! `call_helper(&docker, "containers.run", json!({"image": "busybox", "cmd": ["true"]}))`.
//! Names and arguments are those of tests/cases/README.md, except that files are real paths
//! (`images.build_dir`: `path`; `containers.copy_to`: `source`; `containers.copy_from`:
//! `dest`); `stdin` is text or bytes as an array of numbers. A wrong name or argument is an
//! `InvalidArgument` error.

use super::{
    BuildDirOptions, CommandOutput, ExecRunOptions, PullOptions, PullPolicy, PullProgress,
    RegistryAuth, RunOptions,
};
use crate::models::ContainerCreateBody;
use crate::streams::OutputChunk;
use crate::{Attached, Docker, Error, Result};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The helper names `call_helper` knows.
pub const HELPERS: &[&str] = &[
    "containers.run",
    "exec.run",
    "images.pull",
    "images.build_dir",
    "containers.copy_to",
    "containers.copy_from",
];

/// `{"username", "password", "serveraddress"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthArgs {
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

/// A program's stdin: text, or bytes as an array of numbers (JSON has no bytes).
#[derive(Deserialize)]
#[serde(untagged)]
enum Stdin {
    Text(String),
    Bytes(Vec<u8>),
}

impl From<Stdin> for bytes::Bytes {
    fn from(s: Stdin) -> bytes::Bytes {
        match s {
            Stdin::Text(t) => t.into(),
            Stdin::Bytes(b) => b.into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RunArgs {
    image: String,
    #[serde(default)]
    cmd: Vec<String>,
    #[serde(default)]
    pull: Option<String>,
    #[serde(default)]
    auth: Option<AuthArgs>,
    #[serde(default)]
    platform: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    env: Vec<String>,
    #[serde(default)]
    tty: bool,
    #[serde(default)]
    stdin: Option<Stdin>,
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
    body: Option<ContainerCreateBody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExecArgs {
    id: String,
    cmd: Vec<String>,
    #[serde(default)]
    stdin: Option<Stdin>,
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
struct PullArgs {
    image: String,
    #[serde(default)]
    auth: Option<AuthArgs>,
    #[serde(default)]
    platform: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildDirArgs {
    path: String,
    #[serde(default)]
    dockerfile: Option<String>,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    buildargs: HashMap<String, String>,
    #[serde(default)]
    labels: HashMap<String, String>,
    #[serde(default)]
    gzip: bool,
    #[serde(default)]
    nocache: bool,
    /// Pull a newer base image even if one is present.
    #[serde(default)]
    pull: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyToArgs {
    id: String,
    source: String,
    dest: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyFromArgs {
    id: String,
    path: String,
    dest: String,
}

fn parse<T: DeserializeOwned>(helper: &str, args: Value) -> Result<T> {
    let args = if args.is_null() { json!({}) } else { args };
    serde_json::from_value(args).map_err(|e| {
        Error::invalid_argument(format!(
            "helper {helper}: {}",
            crate::error::serde_reason(&e)
        ))
    })
}

/// Container output as the bindings and the cases show it: `[{"stream", "data"}]`, adjacent
/// chunks of one stream merged (how the engine cut the output does not matter), `data` as
/// lossy UTF-8.
pub fn chunks_json(chunks: &[OutputChunk]) -> Value {
    let mut merged: Vec<(&'static str, Vec<u8>)> = Vec::new();
    for chunk in chunks {
        let stream = chunk.stream.as_str();
        match merged.last_mut() {
            Some((last, data)) if *last == stream => data.extend_from_slice(&chunk.data),
            _ => merged.push((stream, chunk.data.to_vec())),
        }
    }
    Value::Array(
        merged
            .into_iter()
            .map(|(stream, data)| json!({"stream": stream, "data": String::from_utf8_lossy(&data)}))
            .collect(),
    )
}

/// Hijacks the connection of `ContainerAttach` or `ExecStart` (the operations with stdin)
/// called with JSON `args` keyed by the spec's names (`id`, `stream`, `stdin`,
/// `execStartConfig`...): stdin to write and the output to read, for interactive use.
pub async fn attach_by_name(docker: &Docker, operation: &str, args: Value) -> Result<Attached> {
    let mut args = match args {
        Value::Null => Map::new(),
        Value::Object(map) => map,
        other => {
            return Err(Error::invalid_argument(format!(
                "the arguments must be a JSON object keyed by parameter name, not {other}"
            )))
        }
    };
    let id = match args.remove("id") {
        Some(Value::String(id)) => id,
        _ => {
            return Err(Error::invalid_argument(
                "argument `id` (a string) is required",
            ))
        }
    };
    let args = Value::Object(args);
    match operation {
        "ContainerAttach" => {
            let opts = parse(operation, args).map_err(|e| e.with_operation("ContainerAttach"))?;
            docker.containers().attach_stdin(&id, opts).await
        }
        "ExecStart" => {
            let opts = parse(operation, args).map_err(|e| e.with_operation("ExecStart"))?;
            docker.exec().start_stdin(&id, opts).await
        }
        other => Err(Error::invalid_argument(format!(
            "{other} has no stdin to attach (ContainerAttach and ExecStart have)"
        ))),
    }
}

fn output_json(out: &CommandOutput) -> Value {
    json!({
        "exit_code": out.exit_code,
        "stdout": String::from_utf8_lossy(&out.stdout),
        "stderr": String::from_utf8_lossy(&out.stderr),
        "chunks": chunks_json(&out.chunks),
    })
}

fn pull_policy(pull: Option<&str>) -> Result<PullPolicy> {
    match pull {
        None | Some("missing") => Ok(PullPolicy::Missing),
        Some("always") => Ok(PullPolicy::Always),
        Some("never") => Ok(PullPolicy::Never),
        Some(other) => Err(Error::invalid_argument(format!(
            "helper containers.run: pull must be missing, always or never, not {other:?}"
        ))),
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The helper `images.pull` with a progress callback (which `call_helper` has no room for):
/// each progress message of the pull is handed to `progress` as it comes.
pub async fn pull_by_name(
    docker: &Docker,
    args: Value,
    progress: Option<PullProgress>,
) -> Result<Value> {
    let a: PullArgs = parse("images.pull", args)?;
    let opts = PullOptions {
        platform: a.platform,
        auth: a.auth.map(Into::into),
        progress,
    };
    let inspect = docker.images().pull(&a.image, opts).await?;
    serde_json::to_value(inspect).map_err(|e| {
        Error::new(
            crate::ErrorKind::Decode,
            format!("cannot show the image: {e}"),
        )
    })
}

/// Calls the helper `name` with JSON `args`; the result as JSON (see the module doc).
pub async fn call_helper(docker: &Docker, name: &str, args: Value) -> Result<Value> {
    match name {
        "containers.run" => containers_run(docker, parse(name, args)?).await,
        "exec.run" => {
            let a: ExecArgs = parse(name, args)?;
            let opts = ExecRunOptions {
                stdin: a.stdin.map(Into::into),
                tty: a.tty,
                env: a.env,
                workdir: a.workdir,
                user: a.user,
                privileged: a.privileged,
                check: a.check,
            };
            let out = docker.exec().run(&a.id, &strs(&a.cmd), opts).await?;
            Ok(output_json(&out))
        }
        "images.pull" => pull_by_name(docker, args, None).await,
        "images.build_dir" => {
            let a: BuildDirArgs = parse(name, args)?;
            let opts = BuildDirOptions {
                dockerfile: a.dockerfile,
                tag: a.tag,
                buildargs: a.buildargs,
                labels: a.labels,
                gzip: a.gzip,
                nocache: a.nocache,
                pull: a.pull,
                ..Default::default()
            };
            let out = docker.images().build_from_dir(&a.path, opts).await?;
            Ok(json!({"image_id": out.image_id, "log": out.log}))
        }
        "containers.copy_to" => {
            let a: CopyToArgs = parse(name, args)?;
            docker
                .containers()
                .copy_to(&a.id, &a.source, &a.dest)
                .await?;
            Ok(Value::Null)
        }
        "containers.copy_from" => {
            let a: CopyFromArgs = parse(name, args)?;
            docker
                .containers()
                .copy_from(&a.id, &a.path, &a.dest)
                .await?;
            Ok(Value::Null)
        }
        other => Err(Error::invalid_argument(format!(
            "unknown helper {other:?} (the helpers are: {})",
            HELPERS.join(", ")
        ))),
    }
}

async fn containers_run(docker: &Docker, a: RunArgs) -> Result<Value> {
    let opts = RunOptions {
        pull: pull_policy(a.pull.as_deref())?,
        pull_options: PullOptions {
            auth: a.auth.map(Into::into),
            platform: a.platform,
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
        body: a.body.unwrap_or_default(),
    };
    let o = docker
        .containers()
        .run(&a.image, &strs(&a.cmd), opts)
        .await?;
    let mut v = output_json(&CommandOutput {
        exit_code: o.exit_code,
        stdout: o.stdout,
        stderr: o.stderr,
        chunks: o.chunks,
    });
    v["id"] = Value::String(o.id);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OutputKind;

    #[tokio::test]
    async fn bad_names_and_arguments_are_invalid_argument() {
        // Nothing is sent: the address is never dialled.
        let docker = Docker::connect("tcp://127.0.0.1:9").unwrap();
        let e = call_helper(&docker, "nope", Value::Null).await.unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        assert!(e.message().contains("containers.run"));
        let e = call_helper(&docker, "exec.run", json!({"id": "x", "bogus": 1}))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        assert!(e.message().contains("bogus"), "{e}");
        let e = call_helper(
            &docker,
            "containers.run",
            json!({"image": "x", "pull": "sometimes"}),
        )
        .await
        .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        let e = attach_by_name(&docker, "ContainerAttach", json!({"id": "x", "stdn": true}))
            .await
            .unwrap_err();
        assert!(e.message().contains("stdn"), "{e}");
        let e = attach_by_name(&docker, "ContainerList", json!({"id": "x"}))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
    }

    #[test]
    fn stdin_is_text_or_bytes() {
        let text: Stdin = serde_json::from_value(json!("hi")).unwrap();
        let raw: Stdin = serde_json::from_value(json!([0, 255])).unwrap();
        assert_eq!(bytes::Bytes::from(text), "hi");
        assert_eq!(bytes::Bytes::from(raw), vec![0u8, 255]);
    }

    #[test]
    fn adjacent_chunks_of_one_stream_merge() {
        let c = |stream, data: &'static str| OutputChunk {
            stream,
            data: data.into(),
        };
        let chunks = [
            c(OutputKind::Stdout, "a"),
            c(OutputKind::Stdout, "b"),
            c(OutputKind::Stderr, "c"),
        ];
        assert_eq!(
            chunks_json(&chunks),
            json!([{"stream": "stdout", "data": "ab"}, {"stream": "stderr", "data": "c"}])
        );
    }
}
