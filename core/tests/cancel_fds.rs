//! Dropping a stream or a future ends its request and frees its connection: after a thousand
//! followed logs (and pending waits) dropped half-way, the process has as many open file
//! descriptors as before. Alone in its test binary, so no other test opens or closes fds.

mod common;

use docker_engine_api::api::{ContainerLogsOptions, ContainerWaitOptions};
use docker_engine_api::models::ContainerCreateBody;
use futures_util::StreamExt;
use std::time::{Duration, Instant};

const STREAMS: usize = 1000;
const AT_ONCE: usize = 4;

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

/// Connections are closed by hyper's connection tasks shortly after the drop.
async fn settled_fds(limit: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let n = open_fds();
        if n <= limit || Instant::now() > deadline {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_streams_and_futures_release_their_connections() {
    let Some(docker) = common::main_engine().await else {
        return;
    };
    let id = common::container(
        &docker,
        "fds",
        ContainerCreateBody {
            cmd: Some(common::sh("while true; do echo tick; sleep 0.2; done")),
            ..Default::default()
        },
        true,
    )
    .await;
    // One call first: the runtime's and the pool's own fds are there before counting.
    docker.system().ping().await.unwrap();
    let before = open_fds();

    let start = Instant::now();
    let opts = || ContainerLogsOptions {
        follow: Some(true),
        stdout: Some(true),
        tail: Some("1".into()),
        ..Default::default()
    };
    let mut peak = before;
    for _ in 0..STREAMS / AT_ONCE {
        let batch = (0..AT_ONCE).map(|_| async {
            let mut logs = docker.containers().logs(&id, opts()).await.unwrap();
            let first = logs.next().await.unwrap().unwrap();
            assert_eq!(&first.data[..], b"tick\n");
            // Dropped here, in the middle of an endless stream.
        });
        futures_util::future::join_all(batch).await;
        peak = peak.max(open_fds());
    }
    let streams_time = start.elapsed();

    // Futures dropped before their answer: a `wait` on a running container never answers.
    for _ in 0..50 {
        let containers = docker.containers();
        let wait = containers.wait(&id, ContainerWaitOptions::default());
        assert!(tokio::time::timeout(Duration::from_millis(20), wait)
            .await
            .is_err());
    }
    let after = settled_fds(before + 2).await;
    common::remove(&docker, &id).await;
    println!(
        "fds before={before} peak={peak} after={after}; {STREAMS} followed logs dropped in {streams_time:?}"
    );
    assert!(
        after <= before + 2,
        "open fds went from {before} to {after} (peak {peak})"
    );
}
