//! Shared by the tests that need a real engine: where it is, and a skip (with the reason)
//! when there is none.

#![allow(dead_code)]

use docker_engine_api::api::{ContainerCreateOptions, ContainerDeleteOptions};
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Docker, VersionPolicy};
use std::path::PathBuf;

/// `KEY=value` of tests/engines/engines.env (written by `make engines`).
fn engines_env(key: &str) -> Option<String> {
    let path = std::env::var_os("DEA_ENGINES_ENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/engines/engines.env")
        });
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The API 1.45 engine: `DOCKER_HOST`, else the project's test engine. `None` (and a line
/// saying why) when neither is reachable.
pub async fn main_engine() -> Option<Docker> {
    let host = std::env::var("DOCKER_HOST")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| engines_env("DEA_TEST_HOST"));
    reachable(host, VersionPolicy::Auto, "the main engine").await
}

/// The API 1.41 engine of `make engines`.
pub async fn old_engine() -> Option<Docker> {
    let host = engines_env("DEA_TEST_HOST_OLD");
    reachable(host, VersionPolicy::Auto, "the API 1.41 engine").await
}

async fn reachable(host: Option<String>, policy: VersionPolicy, what: &str) -> Option<Docker> {
    let Some(host) = host else {
        eprintln!("SKIP: no address for {what} (run `make engines` or set DOCKER_HOST)");
        return None;
    };
    let docker = Docker::builder().host(&host).version(policy).build().ok()?;
    match docker.system().ping().await {
        Ok(_) => Some(docker),
        Err(e) => {
            eprintln!("SKIP: {what} at {host} is not reachable: {e}");
            None
        }
    }
}

/// A unique name for objects a test makes.
pub fn name(what: &str) -> String {
    format!("dea-core-{}-{what}", std::process::id())
}

/// Creates (and starts, if `start`) a busybox container.
pub async fn container(
    docker: &Docker,
    what: &str,
    config: ContainerCreateBody,
    start: bool,
) -> String {
    let body = ContainerCreateBody {
        image: Some("busybox:latest".into()),
        ..config
    };
    let opts = ContainerCreateOptions {
        name: Some(name(what)),
        ..Default::default()
    };
    let id = docker
        .containers()
        .create(body, opts)
        .await
        .expect("create")
        .id
        .expect("an id");
    if start {
        docker
            .containers()
            .start(&id, Default::default())
            .await
            .expect("start");
    }
    id
}

pub async fn remove(docker: &Docker, id: &str) {
    let _ = docker
        .containers()
        .delete(
            id,
            ContainerDeleteOptions {
                force: Some(true),
                v: Some(true),
                ..Default::default()
            },
        )
        .await;
}

/// Shell command as a container's or exec's `Cmd`.
pub fn sh(script: &str) -> Vec<String> {
    vec!["sh".into(), "-c".into(), script.into()]
}
