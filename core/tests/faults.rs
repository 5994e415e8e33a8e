//! Fault injection: a scripted server breaks streams in every way we know; each gives a typed
//! error, never a hang or a panic, and what arrived before the fault is delivered.

mod fault_server;

use docker_engine_api::api::{ContainerLogsOptions, ImageCreateOptions, SystemEventsOptions};
use docker_engine_api::{Docker, Error, ErrorKind, OutputChunk, OutputKind, Timeouts};
use fault_server::{frame, serve, Step};
use futures_util::{Stream, StreamExt};
use std::time::{Duration, Instant};

const MUX: &str = "application/vnd.docker.multiplexed-stream";
const JSON: &str = "application/json";
/// No test may take longer than this: a hang fails instead of blocking the run.
const LIMIT: Duration = Duration::from_secs(10);

fn client(host: &str, idle: Option<Duration>) -> Docker {
    let d = Docker::connect(host).unwrap();
    d.with_timeouts(Timeouts {
        idle,
        ..*d.timeouts()
    })
}

async fn logs(docker: &Docker) -> docker_engine_api::OutputStream {
    let opts = ContainerLogsOptions {
        stdout: Some(true),
        follow: Some(true),
        ..Default::default()
    };
    docker.containers().logs("c1", opts).await.unwrap()
}

async fn events(
    docker: &Docker,
) -> docker_engine_api::JsonStream<docker_engine_api::models::EventMessage> {
    docker
        .system()
        .events(SystemEventsOptions::default())
        .await
        .unwrap()
}

/// Everything the stream gives, with when it came, within the limit.
async fn drain<T, S: Stream<Item = Result<T, Error>> + Unpin>(
    mut s: S,
) -> Vec<(Result<T, Error>, Duration)> {
    let start = Instant::now();
    let mut all = Vec::new();
    tokio::time::timeout(LIMIT, async {
        while let Some(item) = s.next().await {
            all.push((item, start.elapsed()));
        }
    })
    .await
    .expect("the stream must end, not hang");
    all
}

fn data(items: &[(Result<OutputChunk, Error>, Duration)]) -> Vec<u8> {
    items
        .iter()
        .filter_map(|(r, _)| r.as_ref().ok())
        .flat_map(|c| c.data.to_vec())
        .collect()
}

fn last_error<T>(items: &[(Result<T, Error>, Duration)]) -> &Error {
    match items.last() {
        Some((Err(e), _)) => e,
        _ => panic!("the stream must end with an error"),
    }
}

#[tokio::test]
async fn connection_dropped_mid_stream() {
    let mut body = frame(1, b"first ");
    body.extend(frame(1, b"second"));
    body.truncate(body.len() - 2);
    let host = serve(vec![Step::Head(MUX), Step::Chunk(body)]).await;
    let items = drain(logs(&client(&host, None)).await).await;
    assert_eq!(data(&items), b"first seco");
    let e = last_error(&items);
    assert_eq!(e.kind(), ErrorKind::Stream, "{e}");
    assert_eq!(e.operation(), Some("ContainerLogs"));
    assert!(e.message().contains("the response stream broke"), "{e}");
}

#[tokio::test]
async fn truncated_frame_at_an_orderly_end() {
    let mut body = frame(2, b"err");
    body.extend(&frame(1, b"0123456789")[..12]);
    let host = serve(vec![Step::Head(MUX), Step::Chunk(body), Step::End]).await;
    let items = drain(logs(&client(&host, None)).await).await;
    assert_eq!(data(&items), b"err0123");
    let e = last_error(&items);
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert_eq!(e.message(), "truncated frame: expected 10 bytes, got 4");
}

#[tokio::test]
async fn oversized_frame_length_allocates_nothing() {
    let mut body = vec![1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff];
    body.extend_from_slice(b"abc");
    let host = serve(vec![Step::Head(MUX), Step::Chunk(body), Step::End]).await;
    let items = drain(logs(&client(&host, None)).await).await;
    assert_eq!(data(&items), b"abc");
    assert_eq!(
        last_error(&items).message(),
        "truncated frame: expected 4294967295 bytes, got 3"
    );
}

#[tokio::test]
async fn systemerr_frame_is_the_daemons_error() {
    let mut body = frame(1, b"ok\n");
    body.extend(frame(3, b"exec: \"nope\": executable file not found\n"));
    let host = serve(vec![Step::Head(MUX), Step::Chunk(body), Step::End]).await;
    let items = drain(logs(&client(&host, None)).await).await;
    assert_eq!(data(&items), b"ok\n");
    let e = last_error(&items);
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert_eq!(e.message(), "exec: \"nope\": executable file not found");
}

#[tokio::test]
async fn slow_drip_arrives_promptly_then_the_idle_timeout_fires() {
    let pause = Duration::from_millis(100);
    let host = serve(vec![
        Step::Head(MUX),
        Step::Drip(frame(1, b"hello"), pause),
        Step::Sleep(Duration::from_secs(30)),
    ])
    .await;
    let idle = Duration::from_millis(800);
    let items = drain(logs(&client(&host, Some(idle))).await).await;
    assert_eq!(data(&items), b"hello");
    // The payload comes byte by byte, each as soon as it is sent (not when the frame ends).
    let chunks: Vec<&(Result<OutputChunk, Error>, Duration)> =
        items.iter().filter(|(r, _)| r.is_ok()).collect();
    assert_eq!(chunks.len(), 5, "one chunk per byte dripped");
    assert!(chunks[0].0.as_ref().unwrap().stream == OutputKind::Stdout);
    assert!(chunks[4].1 - chunks[0].1 >= pause * 3, "{items:?}");
    let (e, at) = match items.last() {
        Some((Err(e), at)) => (e, *at),
        _ => panic!("must end with the idle timeout"),
    };
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        at - chunks[4].1 >= idle - Duration::from_millis(50),
        "{items:?}"
    );
}

#[tokio::test]
async fn json_lines_split_anyhow_and_a_malformed_line() {
    let mut body = b"{\"Type\":\"container\",\"Action\":\"start\"}\r\n\r\n{\"Type\":\"ima".to_vec();
    body.extend_from_slice(
        b"ge\",\"Action\":\"pull\"}\n{\"Type\":\"network\"}\n{not json}\n{\"Type\":\"x\"}\n",
    );
    let host = serve(vec![
        Step::Head(JSON),
        Step::Drip(body[..30].to_vec(), Duration::from_millis(1)),
        Step::Chunk(body[30..].to_vec()),
        Step::End,
    ])
    .await;
    let items = drain(events(&client(&host, None)).await).await;
    let actions: Vec<Option<String>> = items
        .iter()
        .filter_map(|(r, _)| r.as_ref().ok())
        .map(|e| e.action.clone())
        .collect();
    assert_eq!(actions, [Some("start".into()), Some("pull".into()), None]);
    assert_eq!(items.len(), 4, "nothing after the bad line");
    let e = last_error(&items);
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert_eq!(e.operation(), Some("SystemEvents"));
}

#[tokio::test]
async fn json_lines_slow_drip_and_idle_timeout() {
    let line = b"{\"Type\":\"container\",\"Action\":\"die\"}\n".to_vec();
    let host = serve(vec![
        Step::Head(JSON),
        Step::Drip(line.clone(), Duration::from_millis(10)),
        Step::Drip(line, Duration::from_millis(10)),
        Step::Sleep(Duration::from_secs(30)),
    ])
    .await;
    let items = drain(events(&client(&host, Some(Duration::from_millis(500)))).await).await;
    assert_eq!(items.len(), 3, "two events, then the timeout");
    // The first event is seen when its line is complete, before the second is sent.
    assert!(
        items[1].1 - items[0].1 >= Duration::from_millis(300),
        "{:?}",
        items.iter().map(|i| i.1).collect::<Vec<_>>()
    );
    assert_eq!(last_error(&items).kind(), ErrorKind::Timeout);
}

#[tokio::test]
async fn error_detail_in_a_200_stream_is_a_stream_error() {
    let body = b"{\"status\":\"Pulling from library/nope\"}\n{\"errorDetail\":{\"message\":\"manifest unknown: the detail\"},\"error\":\"manifest unknown\"}\n{\"status\":\"never seen\"}\n";
    let host = serve(vec![
        Step::Head(JSON),
        Step::Chunk(body.to_vec()),
        Step::End,
    ])
    .await;
    let docker = client(&host, None);
    let pull = docker
        .images()
        .create(
            None,
            ImageCreateOptions {
                from_image: Some("nope".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let items = drain(pull).await;
    assert_eq!(items.len(), 2);
    let first = items[0].0.as_ref().unwrap();
    assert_eq!(first.status.as_deref(), Some("Pulling from library/nope"));
    let e = last_error(&items);
    assert_eq!(e.kind(), ErrorKind::Stream);
    assert_eq!(e.message(), "manifest unknown: the detail");
    assert_eq!(e.operation(), Some("ImageCreate"));
}

#[tokio::test]
async fn byte_stream_dropped_mid_body() {
    let host = serve(vec![
        Step::Head("application/x-tar"),
        Step::Chunk(vec![7u8; 1000]),
    ])
    .await;
    let docker = client(&host, None);
    let body = docker.containers().export("c1").await.unwrap();
    let items = drain(body).await;
    let got: usize = items
        .iter()
        .filter_map(|(r, _)| r.as_ref().ok())
        .map(|b| b.len())
        .sum();
    assert_eq!(got, 1000);
    assert_eq!(last_error(&items).kind(), ErrorKind::Stream);
}
