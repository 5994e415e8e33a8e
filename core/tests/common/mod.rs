//! Shared by the tests that need a real engine: where it is (the same choice as the case
//! runner's), names, containers, and a skip (with the reason) when there is none.

#![allow(dead_code)]

use docker_engine_api::api::{ContainerCreateOptions, ContainerDeleteOptions};
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Credentials, Docker, VersionPolicy};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub const IMAGE: &str = "busybox:latest";

/// tests/engines/engines.env (written by `make engines`), or `DEA_ENGINES_ENV`.
pub fn env_file() -> PathBuf {
    std::env::var_os("DEA_ENGINES_ENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/engines/engines.env")
        })
}

/// `KEY=VALUE` lines of the env file; empty when the file is missing.
pub fn engine_vars() -> HashMap<String, String> {
    std::fs::read_to_string(env_file())
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn var(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// The API 1.45 engine's address: the one `tests/engines/ensure.sh` chose
/// (`DEA_TEST_SELECTED`, set by the Makefile), else `DOCKER_HOST`, else the project's engine.
pub fn main_host() -> Option<String> {
    var("DEA_TEST_SELECTED")
        .or_else(|| var("DOCKER_HOST"))
        .or_else(|| engine_vars().remove("DEA_TEST_HOST"))
}

/// A missing engine is a skip (with the reason) for a bare `cargo test`, but a failure under
/// `make test` (`DEA_REQUIRE_ENGINES=1`), which starts the engines first: CI must not skip
/// what the machine can run.
pub fn no_engine(why: String) {
    if var("DEA_REQUIRE_ENGINES").is_some() {
        panic!("{why}, but DEA_REQUIRE_ENGINES is set");
    }
    eprintln!("SKIP: {why}");
}

/// The client for the main engine; panics with what to do when there is none (for tests
/// that are engine tests through and through).
pub fn docker() -> Docker {
    let host = main_host().unwrap_or_else(|| {
        panic!(
            "no test engine: {} is missing and DOCKER_HOST is not set (run `make engines`)",
            env_file().display()
        )
    });
    // No stored credentials: a user's ~/.docker/config.json must not change what a test sees.
    Docker::builder()
        .host(&host)
        .credentials(Credentials::none())
        .build()
        .unwrap_or_else(|e| panic!("test engine {host}: {e}"))
}

/// The API 1.45 engine, negotiating. `None` (and a line saying why) when there is no address;
/// an address that does not answer fails the test.
pub async fn main_engine() -> Option<Docker> {
    reachable(main_host(), "the main engine").await
}

/// The API 1.41 engine of `make engines`.
pub async fn old_engine() -> Option<Docker> {
    reachable(
        engine_vars().remove("DEA_TEST_HOST_OLD"),
        "the API 1.41 engine",
    )
    .await
}

async fn reachable(host: Option<String>, what: &str) -> Option<Docker> {
    let Some(host) = host else {
        no_engine(format!(
            "no address for {what} (run `make engines` or set DOCKER_HOST)"
        ));
        return None;
    };
    let docker = Docker::builder()
        .host(&host)
        .version(VersionPolicy::Auto)
        .credentials(Credentials::none())
        .build()
        .unwrap_or_else(|e| panic!("{what} at {host}: {e}"));
    if let Err(e) = docker.system().ping().await {
        panic!("{what} at {host} is not reachable: {e}");
    }
    Some(docker)
}

/// A name no other test run uses at the same time.
pub fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The project's registry (`DEA_TEST_REGISTRY`) and its user's credentials, or `None` after
/// saying why.
pub fn registry() -> Option<(String, docker_engine_api::RegistryAuth)> {
    let mut vars = engine_vars();
    match (
        vars.remove("DEA_TEST_REGISTRY"),
        vars.remove("DEA_TEST_REGISTRY_USER"),
        vars.remove("DEA_TEST_REGISTRY_PASSWORD"),
    ) {
        (Some(addr), Some(user), Some(password)) => {
            let auth = docker_engine_api::RegistryAuth::new(user, password, addr.clone());
            Some((addr, auth))
        }
        _ => {
            no_engine(
                "no DEA_TEST_REGISTRY with user and password in engines.env (run `make engines`)"
                    .into(),
            );
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

/// Runs `sh -c SCRIPT` by `exec().run` with `stdin` in a fresh sleeping container (removed
/// after): a hijacked, half-closed exec over whatever transport `docker` uses.
pub async fn exec_in_fresh_container(
    docker: &Docker,
    what: &str,
    script: &str,
    stdin: &'static [u8],
) -> docker_engine_api::Result<docker_engine_api::helpers::CommandOutput> {
    let id = container(
        docker,
        what,
        ContainerCreateBody {
            cmd: Some(sh("sleep 60")),
            ..Default::default()
        },
        true,
    )
    .await;
    let out = docker
        .exec()
        .run(
            &id,
            &["sh", "-c", script],
            docker_engine_api::helpers::ExecRunOptions {
                stdin: Some(bytes::Bytes::from_static(stdin)),
                ..Default::default()
            },
        )
        .await;
    remove(docker, &id).await;
    out
}
