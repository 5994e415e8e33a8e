//! Byte streams in both directions in constant memory: a 2 GiB tar, made on the fly, is PUT
//! into a container and read back with GET, and the process's peak RSS (`VmHWM`) stays small.
//!
//! The transfer runs in a child process (this test binary re-executed for the ignored test
//! below) so that nothing else of the test harness counts in its peak.

mod common;

use bytes::Bytes;
use docker_engine_api::api::PutContainerArchiveOptions;
use docker_engine_api::models::ContainerCreateBody;
use docker_engine_api::Payload;
use futures_util::stream;
use std::process::Command;
use std::time::Instant;

const CHILD_ENV: &str = "DEA_RSS_CHILD";
const SIZE: u64 = 2 << 30;
const CHUNK: usize = 1 << 20;
/// Far below the 2 GiB sent and read: what a buffered body would cost.
const MAX_PEAK_KIB: u64 = 150 * 1024;

#[test]
fn two_gib_up_and_down_in_constant_memory() {
    let me = std::env::current_exe().unwrap();
    let out = Command::new(me)
        .args(["--exact", "child_moves_two_gib", "--ignored", "--nocapture"])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    if stdout.contains("SKIP") || stderr.contains("SKIP") {
        eprintln!("{stderr}");
        return;
    }
    let peak: u64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kib="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("the child said no peak:\n{stdout}\n{stderr}"));
    println!("{stdout}");
    assert!(
        peak < MAX_PEAK_KIB,
        "peak RSS {peak} KiB for 2 GiB each way (limit {MAX_PEAK_KIB} KiB)"
    );
}

/// A ustar header for one regular file.
fn tar_header(name: &str, size: u64) -> [u8; 512] {
    let mut h = [0u8; 512];
    h[..name.len()].copy_from_slice(name.as_bytes());
    let octal = |field: &mut [u8], value: u64| {
        let text = format!("{value:0width$o}\0", width = field.len() - 1);
        field.copy_from_slice(text.as_bytes());
    };
    octal(&mut h[100..108], 0o644);
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], 1_700_000_000);
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    // The checksum is computed with its own field as spaces.
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    let text = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(text.as_bytes());
    h
}

/// The tar as a stream: header, then the same 1 MiB chunk over and over (a `Bytes` clone
/// shares its memory), then the end blocks.
fn generated_tar() -> impl futures_util::Stream<Item = std::io::Result<Bytes>> + Send {
    let chunk = Bytes::from(vec![b'x'; CHUNK]);
    let header = Bytes::copy_from_slice(&tar_header("big.bin", SIZE));
    let chunks = SIZE / CHUNK as u64;
    let padding = (512 - SIZE % 512) % 512;
    let trailer = Bytes::from(vec![0u8; padding as usize + 1024]);
    stream::iter(
        std::iter::once(header)
            .chain((0..chunks).map(move |_| chunk.clone()))
            .chain(std::iter::once(trailer))
            .map(Ok),
    )
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
#[ignore = "run by two_gib_up_and_down_in_constant_memory in a child process"]
async fn child_moves_two_gib() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let Some(docker) = common::main_engine().await else {
        println!("SKIP");
        return;
    };
    let id = common::container(
        &docker,
        "two-gib",
        ContainerCreateBody {
            cmd: Some(common::sh("true")),
            ..Default::default()
        },
        false,
    )
    .await;
    let result = async {
        let start = Instant::now();
        docker
            .containers()
            .put_archive(
                &id,
                "/",
                Payload::from_stream(generated_tar()),
                PutContainerArchiveOptions::default(),
            )
            .await?;
        let up = start.elapsed();
        let start = Instant::now();
        let body = docker.containers().archive(&id, "/big.bin").await?;
        let mut reader = body.into_async_read();
        let read = tokio::io::copy(&mut reader, &mut tokio::io::sink())
            .await
            .map_err(|e| {
                docker_engine_api::Error::new(docker_engine_api::ErrorKind::Stream, e.to_string())
            })?;
        Ok::<_, docker_engine_api::Error>((up, start.elapsed(), read))
    }
    .await;
    common::remove(&docker, &id).await;
    let (up, down, read) = result.unwrap();
    // The archive of one file: its header, the data, padding and end blocks.
    assert!(
        read > SIZE && read < SIZE + 16 * 1024,
        "read back {read} bytes"
    );
    println!("put_2gib_secs={:.1}", up.as_secs_f64());
    println!("get_2gib_secs={:.1}", down.as_secs_f64());
    println!("peak_rss_kib={}", peak_rss_kib());
}
