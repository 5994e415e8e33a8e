//! `exec().run` against the real engine: exit codes, stdin with half-close, check, TTY.

mod common;

use common::{docker, unique, IMAGE};
use docker_engine_api::api::{ContainerCreateOptions, ContainerDeleteOptions};
use docker_engine_api::helpers::ExecRunOptions;
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::{Docker, ErrorKind, OutputKind};

/// A running busybox that sleeps, deleted when the guard's test ends.
struct Sleeper {
    docker: Docker,
    id: String,
}

impl Sleeper {
    async fn start() -> Sleeper {
        let docker = docker();
        let body = ContainerCreateBody {
            image: Some(IMAGE.into()),
            cmd: Some(vec!["sleep".into(), "300".into()]),
            ..Default::default()
        };
        let opts = ContainerCreateOptions {
            name: Some(unique("dea-exec-run")),
            ..Default::default()
        };
        let id = docker
            .containers()
            .create(body, opts)
            .await
            .unwrap()
            .id
            .unwrap();
        docker
            .containers()
            .start(&id, Default::default())
            .await
            .unwrap();
        Sleeper { docker, id }
    }

    async fn remove(self) {
        let opts = ContainerDeleteOptions {
            force: Some(true),
            ..Default::default()
        };
        let _ = self.docker.containers().delete(&self.id, opts).await;
    }
}

#[tokio::test]
async fn exit_codes_come_from_exec_inspect() {
    let s = Sleeper::start().await;
    for code in [0, 1, 7, 255] {
        let out = s
            .docker
            .exec()
            .run(
                &s.id,
                &["sh", "-c", &format!("exit {code}")],
                Default::default(),
            )
            .await
            .unwrap();
        assert_eq!(out.exit_code, code);
    }
    s.remove().await;
}

#[tokio::test]
async fn stdin_is_half_closed_so_cat_ends() {
    let s = Sleeper::start().await;
    // 200 KiB: more than a pipe buffer, so writing and reading must overlap.
    let text: String = (0..20_000).map(|i| format!("{i:09}\n")).collect();
    let out = s
        .docker
        .exec()
        .run(
            &s.id,
            &["sh", "-c", "cat; echo eof-seen >&2"],
            ExecRunOptions {
                stdin: Some(text.clone().into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(out.exit_code, 0);
    assert_eq!(out.stdout.len(), text.len());
    assert!(out.stdout == text.as_bytes());
    assert_eq!(&out.stderr[..], b"eof-seen\n");
    s.remove().await;
}

#[tokio::test]
async fn check_raises_and_options_apply() {
    let s = Sleeper::start().await;
    let err = s
        .docker
        .exec()
        .run(
            &s.id,
            &["sh", "-c", "echo broken-$X >&2; exit 4"],
            ExecRunOptions {
                env: vec!["X=x1".into()],
                check: true,
                ..Default::default()
            },
        )
        .await
        .expect_err("exit 4 with check");
    assert_eq!(
        (err.kind(), err.exit_code()),
        (ErrorKind::NonZeroExit, Some(4))
    );
    assert!(err.message().contains("broken-x1"), "{err}");
    let out = s
        .docker
        .exec()
        .run(
            &s.id,
            &["sh", "-c", "echo $(pwd) $(id -u); echo e >&2"],
            ExecRunOptions {
                workdir: Some("/etc".into()),
                user: Some("65534".into()),
                tty: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(&out.stdout[..], b"/etc 65534\r\ne\r\n");
    assert!(out.chunks.iter().all(|c| c.stream == OutputKind::Console));
    s.remove().await;
}

#[tokio::test]
async fn bad_calls_are_typed_errors() {
    let docker = docker();
    let err = docker
        .exec()
        .run("whatever", &[], Default::default())
        .await
        .expect_err("no command");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let err = docker
        .exec()
        .run(&unique("dea-no-such"), &["true"], Default::default())
        .await
        .expect_err("no such container");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    let err = docker
        .exec()
        .run(
            "whatever",
            &["cat"],
            ExecRunOptions {
                tty: true,
                stdin: Some("x".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("tty with stdin");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
}
