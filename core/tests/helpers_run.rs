//! `containers().run` and `run_stream` against the real engine: stdin through `cat`, exit
//! codes as data, `check`, removal also on error, TTY, output as it comes.

mod common;

use common::{docker, unique, IMAGE};
use docker_engine_api::helpers::{PullPolicy, RunOptions};
use docker_engine_api::models::{ContainerCreateBody, HostConfig};
use docker_engine_api::{Docker, ErrorKind, OutputKind};
use futures_util::StreamExt;

fn removed() -> RunOptions {
    RunOptions {
        remove: true,
        ..Default::default()
    }
}

async fn exists(docker: &Docker, name: &str) -> bool {
    match docker.containers().inspect(name, Default::default()).await {
        Ok(_) => true,
        Err(e) if e.kind() == ErrorKind::NotFound => false,
        Err(e) => panic!("inspect {name}: {e}"),
    }
}

#[tokio::test]
async fn stdin_goes_through_cat_and_comes_back() {
    let docker = docker();
    let text = "first line\nsecond line, no newline at the end";
    let out = docker
        .containers()
        .run(
            IMAGE,
            &["cat"],
            RunOptions {
                stdin: Some(text.into()),
                ..removed()
            },
        )
        .await
        .unwrap();
    assert_eq!(out.exit_code, 0);
    assert_eq!(&out.stdout[..], text.as_bytes());
    assert!(out.stderr.is_empty());
}

#[tokio::test]
async fn a_non_zero_exit_is_data_with_both_streams_in_order() {
    let docker = docker();
    let out = docker
        .containers()
        .run(
            IMAGE,
            &[
                "sh",
                "-c",
                "echo o1; sleep 0.2; echo e1 >&2; sleep 0.2; echo o2; exit 42",
            ],
            removed(),
        )
        .await
        .unwrap();
    assert_eq!(out.exit_code, 42);
    assert_eq!(&out.stdout[..], b"o1\no2\n");
    assert_eq!(&out.stderr[..], b"e1\n");
    let kinds: Vec<OutputKind> = out.chunks.iter().map(|c| c.stream).collect();
    assert_eq!(
        kinds,
        [OutputKind::Stdout, OutputKind::Stderr, OutputKind::Stdout]
    );
}

#[tokio::test]
async fn check_raises_with_the_code_and_the_stderr_tail_and_still_removes() {
    let docker = docker();
    let name = unique("dea-run-check");
    let err = docker
        .containers()
        .run(
            IMAGE,
            &["sh", "-c", "echo why-it-failed >&2; exit 9"],
            RunOptions {
                name: Some(name.clone()),
                check: true,
                ..removed()
            },
        )
        .await
        .expect_err("exit 9 with check");
    assert_eq!(err.kind(), ErrorKind::NonZeroExit, "{err}");
    assert_eq!(err.exit_code(), Some(9));
    assert!(err.message().contains("why-it-failed"), "{err}");
    assert!(!exists(&docker, &name).await, "{name} was not removed");
}

#[tokio::test]
async fn a_failed_start_removes_the_container_and_keeps_the_daemon_message() {
    let docker = docker();
    let name = unique("dea-run-fail");
    let err = docker
        .containers()
        .run(
            IMAGE,
            &["/no/such/program"],
            RunOptions {
                name: Some(name.clone()),
                ..removed()
            },
        )
        .await
        .expect_err("no such program");
    assert_eq!(err.operation(), Some("ContainerStart"), "{err}");
    assert!(err.message().contains("/no/such/program"), "{err}");
    assert!(!exists(&docker, &name).await, "{name} was not removed");
}

#[tokio::test]
async fn without_remove_the_container_stays_with_its_settings() {
    let docker = docker();
    let name = unique("dea-run-keep");
    let out = docker
        .containers()
        .run(
            IMAGE,
            &["sh", "-c", "echo $A:$(pwd):$(id -u); touch /x"],
            RunOptions {
                name: Some(name.clone()),
                env: vec!["A=a1".into()],
                workdir: Some("/tmp".into()),
                user: Some("65534".into()),
                labels: [("dea.test".to_string(), "run".to_string())].into(),
                body: ContainerCreateBody {
                    host_config: Some(HostConfig {
                        readonly_rootfs: Some(true),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let inspect = docker
        .containers()
        .inspect(&out.id, Default::default())
        .await
        .unwrap();
    let _ = docker
        .containers()
        .delete(
            &out.id,
            docker_engine_api::api::ContainerDeleteOptions {
                force: Some(true),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(&out.stdout[..], b"a1:/tmp:65534\n");
    // The read-only root from the full body: the touch fails inside, as data.
    assert_eq!(out.exit_code, 1, "{:?}", out.stderr);
    let labels = inspect.config.and_then(|c| c.labels).unwrap_or_default();
    assert_eq!(labels.get("dea.test").map(String::as_str), Some("run"));
}

#[tokio::test]
async fn tty_output_is_one_console_stream() {
    let docker = docker();
    let out = docker
        .containers()
        .run(
            IMAGE,
            &["sh", "-c", "echo a; echo b >&2"],
            RunOptions {
                tty: true,
                ..removed()
            },
        )
        .await
        .unwrap();
    assert_eq!(&out.stdout[..], b"a\r\nb\r\n");
    assert!(out.chunks.iter().all(|c| c.stream == OutputKind::Console));
}

#[tokio::test]
async fn run_stream_gives_output_as_it_comes_then_the_exit_code() {
    let docker = docker();
    let mut running = docker
        .containers()
        .run_stream(
            IMAGE,
            &["sh", "-c", "echo tick; sleep 1; echo tock; exit 3"],
            removed(),
        )
        .await
        .unwrap();
    let first = running.output.next().await.unwrap().unwrap();
    // The first line arrives while the container still sleeps.
    assert_eq!(&first.data[..], b"tick\n");
    let id = running.id().to_string();
    assert!(exists(&docker, &id).await);
    let mut rest = Vec::new();
    while let Some(chunk) = running.output.next().await {
        rest.extend_from_slice(&chunk.unwrap().data);
    }
    assert_eq!(rest, b"tock\n");
    assert_eq!(running.wait().await.unwrap(), 3);
    assert!(!exists(&docker, &id).await);
}

#[tokio::test]
async fn a_dropped_run_stream_with_remove_deletes_its_container() {
    let docker = docker();
    let running = docker
        .containers()
        .run_stream(IMAGE, &["sleep", "300"], removed())
        .await
        .unwrap();
    let id = running.id().to_string();
    drop(running);
    for _ in 0..100 {
        if !exists(&docker, &id).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the dropped run's container {id} is still there");
}

#[tokio::test]
async fn pull_never_leaves_a_missing_image_to_the_create() {
    let docker = docker();
    let err = docker
        .containers()
        .run(
            &format!("{}:v1", unique("dea-absent")),
            &["true"],
            RunOptions {
                pull: PullPolicy::Never,
                ..removed()
            },
        )
        .await
        .expect_err("no such image");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.operation(), Some("ContainerCreate"), "{err}");
}

/// Containers carrying `label=value`, stopped or not.
async fn labelled(docker: &Docker, label: &str) -> usize {
    let filters = std::collections::HashMap::from([("label".to_string(), vec![label.to_string()])]);
    docker
        .containers()
        .list(docker_engine_api::api::ContainerListOptions {
            all: Some(true),
            filters: Some(filters),
            ..Default::default()
        })
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_cancelled_run_with_remove_leaves_no_container() {
    let docker = docker();
    let label = unique("dea-run-cancel");
    // Cancelled at every stage: while creating, attaching, starting, reading, waiting.
    let containers = docker.containers();
    for ms in [5, 20, 50, 100, 200, 400, 800, 1500] {
        let run = containers.run(
            IMAGE,
            &["sleep", "100"],
            RunOptions {
                labels: [("dea-cancel".to_string(), label.clone())].into(),
                ..removed()
            },
        );
        let cut = tokio::time::timeout(std::time::Duration::from_millis(ms), run).await;
        assert!(cut.is_err(), "sleep 100 cannot finish in {ms} ms");
    }
    // The removals run in the background; give them a moment.
    let selector = format!("dea-cancel={label}");
    let mut left = usize::MAX;
    for _ in 0..100 {
        left = labelled(&docker, &selector).await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "containers left behind by cancelled runs");
}

#[tokio::test]
async fn stdin_with_a_tty_is_refused_before_anything_is_made() {
    let docker = docker();
    let name = unique("dea-run-ttystdin");
    let e = docker
        .containers()
        .run(
            IMAGE,
            &["cat"],
            RunOptions {
                tty: true,
                stdin: Some("x\n".into()),
                name: Some(name.clone()),
                ..removed()
            },
        )
        .await
        .expect_err("tty with stdin");
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(e.message().contains("tty"), "{e}");
    assert!(!exists(&docker, &name).await);
}

#[tokio::test]
async fn stdin_the_program_never_reads_does_not_hold_the_result() {
    let docker = docker();
    // 20 MiB that `true` never reads: once the output ends, the rest is dropped.
    let stdin = bytes::Bytes::from(vec![b'x'; 20 << 20]);
    let containers = docker.containers();
    for _ in 0..3 {
        let run = containers.run(
            IMAGE,
            &["true"],
            RunOptions {
                stdin: Some(stdin.clone()),
                ..removed()
            },
        );
        // Far above what it takes (well under a second); the stall seen was 13-65 s.
        let out = tokio::time::timeout(std::time::Duration::from_secs(10), run)
            .await
            .expect("run returns once the program has exited")
            .unwrap();
        assert_eq!(out.exit_code, 0);
    }
}
