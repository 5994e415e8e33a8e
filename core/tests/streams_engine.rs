//! Streams against the real engines: container output (multiplexed and TTY, on API 1.45 and
//! 1.41), the hijacked duplex with stdin and its half-close, JSON lines, per-call timeouts.

mod common;

use docker_engine_api::api::{ContainerAttachOptions, ContainerLogsOptions, ContainerWaitOptions};
use docker_engine_api::models::{ContainerCreateBody, ExecConfig, ExecStartConfig};
use docker_engine_api::streams::Framing;
use docker_engine_api::{Docker, ErrorKind, OutputKind, Payload, Timeouts};
use futures_util::StreamExt;
use std::time::{Duration, Instant};

fn logs_opts(follow: bool) -> ContainerLogsOptions {
    ContainerLogsOptions {
        stdout: Some(true),
        stderr: Some(true),
        follow: Some(follow),
        ..Default::default()
    }
}

async fn exec_with_stdin(docker: &Docker, cid: &str, tty: bool) {
    let exec = docker
        .exec()
        .create(
            cid,
            ExecConfig {
                cmd: Some(common::sh("cat; echo done >&2; exit 5")),
                attach_stdin: Some(true),
                attach_stdout: Some(true),
                attach_stderr: Some(true),
                tty: Some(tty),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let eid = exec.id.unwrap();
    let attached = docker
        .exec()
        .start_stdin(
            &eid,
            docker_engine_api::api::ExecStartOptions {
                body: Some(ExecStartConfig {
                    detach: Some(false),
                    tty: Some(tty),
                    ..Default::default()
                }),
            },
        )
        .await
        .unwrap();
    let (mut stdin, output) = attached.into_parts();
    let expected = if tty {
        Framing::Raw
    } else {
        Framing::Multiplexed
    };
    assert_eq!(output.framing(), expected);
    if tty {
        // With a TTY the daemon ends the whole attachment when stdin closes (docker's
        // attach code), so the program is told end-of-file the terminal way: ^D.
        stdin.write(b"line one\n\x04").await.unwrap();
        let out = tokio::time::timeout(Duration::from_secs(30), output.collect_output())
            .await
            .expect("the output ends with the program")
            .unwrap();
        stdin.close_stdin().await.unwrap();
        let console = String::from_utf8_lossy(&out.stdout);
        assert!(out.stderr.is_empty(), "a TTY has one stream");
        assert!(
            console.contains("line one\r\n") && console.contains("done\r\n"),
            "{console:?}"
        );
    } else {
        stdin.write(b"line one\n").await.unwrap();
        stdin.write(b"line two\n").await.unwrap();
        // Only the write side closes: `cat` sees end of file and the output still arrives.
        stdin.close_stdin().await.unwrap();
        let out = tokio::time::timeout(Duration::from_secs(30), output.collect_output())
            .await
            .expect("the output ends once stdin is closed")
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "line one\nline two\n");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "done\n");
    }
    let inspect = docker.exec().inspect(&eid).await.unwrap();
    assert_eq!(inspect.exit_code, Some(5));
}

async fn duplex_on(docker: Docker) {
    let cid = common::container(
        &docker,
        &format!("duplex-{}", docker.api_version().await.unwrap()),
        ContainerCreateBody {
            cmd: Some(common::sh("sleep 60")),
            ..Default::default()
        },
        true,
    )
    .await;
    exec_with_stdin(&docker, &cid, false).await;
    exec_with_stdin(&docker, &cid, true).await;
    common::remove(&docker, &cid).await;

    // Attach to a container whose program reads stdin once: closing stdin ends it.
    let cid = common::container(
        &docker,
        &format!("attach-{}", docker.api_version().await.unwrap()),
        ContainerCreateBody {
            cmd: Some(common::sh("tr a-z A-Z; echo bye >&2; exit 3")),
            open_stdin: Some(true),
            stdin_once: Some(true),
            attach_stdin: Some(true),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            ..Default::default()
        },
        false,
    )
    .await;
    let attached = docker
        .containers()
        .attach_stdin(
            &cid,
            ContainerAttachOptions {
                stream: Some(true),
                stdin: Some(true),
                stdout: Some(true),
                stderr: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    docker
        .containers()
        .start(&cid, Default::default())
        .await
        .unwrap();
    let output = attached.send_stdin(Payload::from_bytes("hello attach\n"));
    let out = tokio::time::timeout(Duration::from_secs(30), output.collect_output())
        .await
        .expect("the output ends")
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "HELLO ATTACH\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "bye\n");
    let waited = docker
        .containers()
        .wait(&cid, ContainerWaitOptions::default())
        .await
        .unwrap();
    assert_eq!(waited.status_code, Some(3));
    common::remove(&docker, &cid).await;
}

#[tokio::test]
async fn duplex_writes_stdin_half_closes_and_reads_to_the_end() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    duplex_on(docker).await;
}

#[tokio::test]
async fn duplex_on_the_api_1_41_engine() {
    let Some(docker) = common::old_engine().await else {
        return;
    };
    duplex_on(docker).await;
}

async fn logs_framing_on(docker: Docker) {
    let v = docker.api_version().await.unwrap();
    for tty in [false, true] {
        let cid = common::container(
            &docker,
            &format!("logs-{v}-{tty}"),
            ContainerCreateBody {
                cmd: Some(common::sh("echo out; echo err >&2")),
                tty: Some(tty),
                ..Default::default()
            },
            true,
        )
        .await;
        docker
            .containers()
            .wait(&cid, ContainerWaitOptions::default())
            .await
            .unwrap();
        let logs = docker
            .containers()
            .logs(&cid, logs_opts(false))
            .await
            .unwrap();
        let chunks: Vec<_> = logs.map(|c| c.unwrap()).collect().await;
        if tty {
            assert!(chunks.iter().all(|c| c.stream == OutputKind::Console));
            let all: Vec<u8> = chunks.iter().flat_map(|c| c.data.to_vec()).collect();
            assert_eq!(String::from_utf8_lossy(&all), "out\r\nerr\r\n");
        } else {
            let out: Vec<u8> = chunks
                .iter()
                .filter(|c| c.stream == OutputKind::Stdout)
                .flat_map(|c| c.data.to_vec())
                .collect();
            let err: Vec<u8> = chunks
                .iter()
                .filter(|c| c.stream == OutputKind::Stderr)
                .flat_map(|c| c.data.to_vec())
                .collect();
            assert_eq!((&out[..], &err[..]), (&b"out\n"[..], &b"err\n"[..]));
        }
        common::remove(&docker, &cid).await;
    }
}

#[tokio::test]
async fn logs_are_demultiplexed_or_raw_by_tty() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    logs_framing_on(docker).await;
}

#[tokio::test]
async fn logs_framing_on_the_api_1_41_engine_without_content_type() {
    let Some(docker) = common::old_engine().await else {
        return;
    };
    logs_framing_on(docker).await;
}

#[tokio::test]
async fn tty_output_arrives_as_it_is_printed() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    let cid = common::container(
        &docker,
        "tty-drip",
        ContainerCreateBody {
            cmd: Some(common::sh(
                "for i in 1 2 3; do printf \"tick $i\\r\"; sleep 1; done",
            )),
            tty: Some(true),
            ..Default::default()
        },
        false,
    )
    .await;
    let start = Instant::now();
    // Attach, not logs: the log driver holds a line back until its end (`\r` never ends one).
    let mut logs = docker
        .containers()
        .attach(
            &cid,
            ContainerAttachOptions {
                stream: Some(true),
                stdout: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    docker
        .containers()
        .start(&cid, Default::default())
        .await
        .unwrap();
    let mut seen = Vec::new();
    while let Some(chunk) = logs.next().await {
        let chunk = chunk.unwrap();
        assert_eq!(chunk.stream, OutputKind::Console);
        for tick in String::from_utf8_lossy(&chunk.data).split('\r') {
            if !tick.is_empty() {
                seen.push((tick.to_string(), start.elapsed()));
            }
        }
    }
    common::remove(&docker, &cid).await;
    let ticks: Vec<&str> = seen.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(ticks, ["tick 1", "tick 2", "tick 3"], "{seen:?}");
    // Each tick is seen when printed (about a second apart), not all at the end.
    assert!(seen[0].1 < Duration::from_millis(900), "{seen:?}");
    assert!(
        seen[2].1 - seen[0].1 > Duration::from_millis(1500),
        "{seen:?}"
    );
}

#[tokio::test]
async fn events_are_typed_and_stats_one_shot_is_one_item() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let cid = common::container(
        &docker,
        "events",
        ContainerCreateBody {
            cmd: Some(common::sh("sleep 30")),
            ..Default::default()
        },
        true,
    )
    .await;
    let stats = docker
        .containers()
        .stats(
            &cid,
            docker_engine_api::api::ContainerStatsOptions {
                stream: Some(false),
                one_shot: Some(true),
            },
        )
        .await
        .unwrap();
    let items: Vec<_> = stats.collect().await;
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().unwrap().get("memory_stats").is_some());

    let until = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 1;
    let events = docker
        .system()
        .events(docker_engine_api::api::SystemEventsOptions {
            since: Some(since.to_string()),
            until: Some(until.to_string()),
            filters: Some([("container".to_string(), vec![cid.clone()])].into()),
        })
        .await
        .unwrap();
    let events: Vec<_> = events.map(|e| e.unwrap()).collect().await;
    common::remove(&docker, &cid).await;
    assert!(
        events.iter().any(|e| e.action.as_deref() == Some("start")),
        "{events:?}"
    );
}

#[tokio::test]
async fn response_and_idle_timeouts_are_per_call() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    let cid = common::container(
        &docker,
        "timeouts",
        ContainerCreateBody {
            cmd: Some(common::sh("echo once; sleep 60")),
            ..Default::default()
        },
        true,
    )
    .await;
    let quick = docker.with_timeouts(Timeouts {
        response: Some(Duration::from_millis(300)),
        idle: Some(Duration::from_millis(700)),
        ..*docker.timeouts()
    });
    // `wait` answers its headers only when the container ends: the response timeout fires.
    let start = Instant::now();
    let err = quick
        .containers()
        .wait(&cid, ContainerWaitOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(start.elapsed() < Duration::from_secs(5));

    // A followed log gives its line, then nothing: the idle timeout ends it.
    let mut logs = quick
        .containers()
        .logs(&cid, logs_opts(true))
        .await
        .unwrap();
    let first = logs.next().await.unwrap().unwrap();
    assert_eq!(&first.data[..], b"once\n");
    let start = Instant::now();
    let err = logs.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_eq!(err.operation(), Some("ContainerLogs"));
    assert!(
        start.elapsed() >= Duration::from_millis(600),
        "{:?}",
        start.elapsed()
    );
    assert!(logs.next().await.is_none(), "nothing after the timeout");

    // The original handle has no such limits (defaults: only connect).
    assert_eq!(docker.timeouts().response, None);
    assert_eq!(docker.timeouts().idle, None);
    common::remove(&docker, &cid).await;
}

#[tokio::test]
async fn image_save_to_a_file_and_load_from_it_streamed() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    let dir = std::env::temp_dir().join(common::name("save"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("busybox.tar");
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let written = docker
        .images()
        .get("busybox:latest")
        .await
        .unwrap()
        .copy_to(&mut file)
        .await
        .unwrap();
    drop(file);
    assert_eq!(written, std::fs::metadata(&path).unwrap().len());
    assert!(written > 1_000_000, "busybox saves to about 4 MB");

    let payload = Payload::from_file(&path).await.unwrap();
    let progress = docker
        .images()
        .load(
            Some(payload),
            docker_engine_api::api::ImageLoadOptions { quiet: Some(true) },
        )
        .await
        .unwrap();
    let lines: Vec<_> = progress.map(|l| l.unwrap()).collect().await;
    let text = serde_json::to_string(&lines).unwrap();
    assert!(text.contains("Loaded image"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();

    let missing = Payload::from_file(dir.join("nope.tar")).await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn dispatch_sends_a_payload_as_stdin() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    let cid = common::container(
        &docker,
        "dispatch-stdin",
        ContainerCreateBody {
            cmd: Some(common::sh("sleep 60")),
            ..Default::default()
        },
        true,
    )
    .await;
    let created = docker_engine_api::dispatch(
        &docker,
        "ContainerExec",
        serde_json::json!({"id": cid, "execConfig": {
            "Cmd": ["sh", "-c", "wc -c; echo bye >&2"],
            "AttachStdin": true, "AttachStdout": true, "AttachStderr": true}}),
        None,
    )
    .await
    .unwrap();
    let docker_engine_api::Output::Json(created) = created else {
        panic!("ContainerExec answers JSON");
    };
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let eid = created["Id"].as_str().unwrap().to_string();
    // 300 KB of stdin: more than a pipe holds, so writing and reading must overlap.
    let stdin = vec![b'z'; 300_000];
    let output = docker_engine_api::dispatch(
        &docker,
        "ExecStart",
        serde_json::json!({"id": eid, "execStartConfig": {"Detach": false, "Tty": false}}),
        Some(Payload::from_bytes(stdin)),
    )
    .await
    .unwrap();
    let docker_engine_api::Output::Chunks(output) = output else {
        panic!("ExecStart gives container output");
    };
    let out = tokio::time::timeout(Duration::from_secs(30), output.collect_output())
        .await
        .unwrap()
        .unwrap();
    common::remove(&docker, &cid).await;
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "300000");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "bye\n");
}
