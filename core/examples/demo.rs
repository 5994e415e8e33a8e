//! `make demo`: drive a real Docker engine from Rust, end to end, and say what happened.
//!
//! Uses `DOCKER_HOST` (the Makefile points it at the project's engine when none of yours is
//! reachable) and `DOCKER_API_VERSION` (unset: the version is negotiated like the Docker CLI).

use docker_engine_api::api::{ContainerCreateOptions, ContainerDeleteOptions};
use docker_engine_api::helpers::{BuildDirOptions, ExecRunOptions, RunOptions};
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Docker, ErrorKind, Result, VersionPolicy};

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
    let how = match docker.version_policy() {
        VersionPolicy::Auto => "negotiated",
        VersionPolicy::Pinned(_) => "pinned",
    };
    println!(
        "1. Ping answered {pong:?}; API {api} ({how}); engine Docker {} (API {})",
        version.version.as_deref().unwrap_or("?"),
        version.api_version.as_deref().unwrap_or("?"),
    );

    let images = docker.images().list(Default::default()).await?;
    println!("2. The engine has {} image(s)", images.len());

    // One call: create, attach, start, collect the output, wait, remove.
    let out = docker
        .containers()
        .run(
            IMAGE,
            &[
                "sh",
                "-c",
                "echo Hello from busybox; echo a warning >&2; exit 3",
            ],
            RunOptions {
                remove: true,
                ..Default::default()
            },
        )
        .await?;
    println!(
        "3. Ran {IMAGE}: exit code {}, stdout {:?}, stderr {:?}, removed",
        out.exit_code,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );

    let tag = format!("dea-demo-{}:latest", std::process::id());
    build_demo_image(&docker, &tag).await?;
    let opts = RunOptions {
        remove: true,
        ..Default::default()
    };
    let shown = docker.containers().run(&tag, &[], opts).await;
    let _ = docker.images().delete(&tag, Default::default()).await;
    let shown = shown?;
    println!(
        "4. Built {tag} from a temp folder whose .dockerignore drops secret.env and logs/; \
         the image holds: {}; image removed",
        String::from_utf8_lossy(&shown.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );

    let name = format!("dea-demo-{}", std::process::id());
    let body = ContainerCreateBody {
        image: Some(IMAGE.into()),
        cmd: Some(vec!["sleep".into(), "60".into()]),
        ..Default::default()
    };
    let create = ContainerCreateOptions {
        name: Some(name.clone()),
        ..Default::default()
    };
    let id = docker
        .containers()
        .create(body, create)
        .await?
        .id
        .unwrap_or_default();
    let exec = async {
        docker.containers().start(&id, Default::default()).await?;
        // stdin is written, then half-closed: `tr` sees the end of its input and exits.
        let opts = ExecRunOptions {
            stdin: Some("hello through stdin\n".into()),
            ..Default::default()
        };
        docker.exec().run(&id, &["tr", "a-z", "A-Z"], opts).await
    }
    .await;
    let remove = ContainerDeleteOptions {
        force: Some(true),
        ..Default::default()
    };
    docker.containers().delete(&id, remove).await?;
    let exec = exec?;
    println!(
        "5. Exec in {name} with stdin: `tr a-z A-Z` answered {:?}, exit code {}; container removed",
        String::from_utf8_lossy(&exec.stdout).trim_end(),
        exec.exit_code
    );

    if out.exit_code != 3 || exec.exit_code != 0 {
        eprintln!(
            "unexpected exit codes: {} and {}",
            out.exit_code, exec.exit_code
        );
        std::process::exit(1);
    }
    println!("Done: ping, version, images, run, build with .dockerignore, exec with stdin.");
    Ok(())
}

/// A folder with a Dockerfile, a file to ship and two to keep out, built as `tag`.
async fn build_demo_image(docker: &Docker, tag: &str) -> Result<()> {
    let dir = tempfile::tempdir()
        .map_err(|e| docker_engine_api::Error::invalid_argument(format!("temp dir: {e}")))?;
    let files = [
        (
            "Dockerfile",
            "FROM busybox:latest\nCOPY . /app\nCMD [\"ls\", \"-A\", \"/app\"]\n",
        ),
        (
            ".dockerignore",
            "# kept out of the build context\nsecret.env\nlogs/\n",
        ),
        ("hello.txt", "shipped\n"),
        ("secret.env", "TOKEN=do-not-ship\n"),
        ("logs/debug.log", "noise\n"),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        let written = std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))
            .and_then(|()| std::fs::write(&path, text));
        written.map_err(|e| {
            docker_engine_api::Error::invalid_argument(format!("{}: {e}", path.display()))
        })?;
    }
    let opts = BuildDirOptions {
        tag: Some(tag.into()),
        ..Default::default()
    };
    docker
        .images()
        .build_from_dir(dir.path(), opts)
        .await
        .map(drop)
}
