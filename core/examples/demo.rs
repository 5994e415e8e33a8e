//! `make demo`: drive a real Docker engine from Rust, end to end, and say what happened.
//!
//! Uses `DOCKER_HOST` (the Makefile points it at the project's engine when none of yours is
//! reachable) and negotiates the API version like the Docker CLI.

use docker_engine_api::api::{
    ContainerCreateOptions, ContainerDeleteOptions, ContainerLogsOptions,
};
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Docker, ErrorKind, Result};
use futures_util::StreamExt;
use std::collections::HashMap;

const IMAGE: &str = "busybox:latest";

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("demo failed: {e}");
        if e.kind() == ErrorKind::Connect {
            eprintln!("(set DOCKER_HOST to a running engine, or run `make engines` first)");
        }
        std::process::exit(1);
    }
}

async fn run() -> Result<()> {
    let docker = Docker::from_env()?;
    println!("Engine at {}", docker.endpoint());

    let pong = docker.system().ping().await?;
    let api = docker.api_version().await?;
    let version = docker.system().version().await?;
    println!(
        "1. Ping answered {pong:?}; negotiated API {api}; engine Docker {} (API {}, {}/{})",
        version.version.as_deref().unwrap_or("?"),
        version.api_version.as_deref().unwrap_or("?"),
        version.os.as_deref().unwrap_or("?"),
        version.arch.as_deref().unwrap_or("?"),
    );

    let images = docker.images().list(Default::default()).await?;
    let tags: Vec<&str> = images
        .iter()
        .flat_map(|i| i.repo_tags.iter().flatten())
        .map(String::as_str)
        .collect();
    println!("2. {} image(s): {}", images.len(), tags.join(", "));

    let name = format!("dea-demo-{}", std::process::id());
    let body = ContainerCreateBody {
        image: Some(IMAGE.into()),
        cmd: Some(vec![
            "echo".into(),
            "Hello from busybox, driven by docker-engine-api".into(),
        ]),
        // A TTY container's logs are plain bytes, no stream framing.
        tty: Some(true),
        labels: Some(HashMap::from([(
            "dea.demo".to_string(),
            "true".to_string(),
        )])),
        ..Default::default()
    };
    let created = docker
        .containers()
        .create(
            body,
            ContainerCreateOptions {
                name: Some(name.clone()),
                ..Default::default()
            },
        )
        .await?;
    let id = created.id.unwrap_or_default();
    println!(
        "3. Created container {name} ({}) from {IMAGE}",
        &id[..12.min(id.len())]
    );

    let outcome = async {
        docker.containers().start(&id, Default::default()).await?;
        let exit = docker.containers().wait(&id, Default::default()).await?;
        let code = exit.status_code.unwrap_or(-1);
        println!("4. Started it and waited: exit code {code}");

        let mut logs = docker
            .containers()
            .logs(
                &id,
                ContainerLogsOptions {
                    stdout: Some(true),
                    stderr: Some(true),
                    ..Default::default()
                },
            )
            .await?;
        // Chunks come demultiplexed: stdout and stderr apart, as the engine sends them.
        let mut text = Vec::new();
        while let Some(chunk) = logs.next().await {
            text.extend_from_slice(&chunk?.data);
        }
        println!(
            "5. Its logs: {:?}",
            String::from_utf8_lossy(&text).trim_end()
        );
        Ok::<i64, docker_engine_api::Error>(code)
    }
    .await;

    // Remove the container whatever happened above.
    docker
        .containers()
        .delete(
            &id,
            ContainerDeleteOptions {
                force: Some(true),
                ..Default::default()
            },
        )
        .await?;
    println!("6. Removed {name}");
    let code = outcome?;
    if code != 0 {
        eprintln!("the container exited with {code}, expected 0");
        std::process::exit(1);
    }
    println!("Done: ping, version, image list, create, start, wait (exit 0), logs, remove.");
    Ok(())
}
