//! One benchmark measurement: `dea-bench WORKLOAD CLIENT WORKLOAD.json REPS` prints
//! `{"seconds": [one per rep], "bytes": N}` on stdout. Workloads: ping, list, inspect (call
//! workloads; `seconds` is the time of the whole loop), logs, save, load (streams; `bytes` is
//! what one rep moved). Clients: ours (docker_engine_api), bollard, floor (raw hyper).
//! bench/run.py prepares the engine, runs every (workload, client) and merges the figures.

mod floor;
mod ours;
mod peer;

use futures_util::stream::{self, StreamExt};
use std::time::Instant;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Result<T> = std::result::Result<T, BoxError>;

/// What the workload preparation wrote (bench/workload.py).
struct Workload {
    host: String,
    socket: String,
    containers: Vec<String>,
    label: String,
    logs_container: String,
    image: String,
    image_tar: String,
    quick: bool,
}

impl Workload {
    fn read(path: &str) -> Result<Workload> {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path)?)?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Ok(Workload {
            host: s("host"),
            socket: s("socket"),
            containers: v["containers"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
            label: s("label"),
            logs_container: s("logs_container"),
            image: s("image"),
            image_tar: s("image_tar"),
            quick: v["quick"].as_bool().unwrap_or(false),
        })
    }

    /// (calls per rep, calls in flight) of a call workload.
    fn calls(&self, workload: &str) -> (usize, usize) {
        let (n, inflight) = match workload {
            "ping" => (2000, 1),
            "list" => (1000, 1),
            _ => (2000, 32),
        };
        (if self.quick { n / 10 } else { n }, inflight)
    }
}

/// The three clients behind one face; each clone shares its client's connection pool.
#[derive(Clone)]
enum Client {
    Ours(ours::Ours),
    Bollard(peer::Bollard),
    Floor(floor::Floor),
}

impl Client {
    fn new(name: &str, w: &Workload) -> Result<Client> {
        Ok(match name {
            "ours" => Client::Ours(ours::Ours::new(w)?),
            "bollard" => Client::Bollard(peer::Bollard::new(w)?),
            "floor" => Client::Floor(floor::Floor::new(w)),
            other => return Err(format!("unknown client {other}").into()),
        })
    }

    async fn call(&self, workload: &str, w: &Workload, i: usize) -> Result<()> {
        let id = &w.containers[i % w.containers.len()];
        match (self, workload) {
            (Client::Ours(c), "ping") => c.ping().await,
            (Client::Ours(c), "list") => c.list(&w.label).await,
            (Client::Ours(c), "inspect") => c.inspect(id).await,
            (Client::Bollard(c), "ping") => c.ping().await,
            (Client::Bollard(c), "list") => c.list(&w.label).await,
            (Client::Bollard(c), "inspect") => c.inspect(id).await,
            (Client::Floor(c), "ping") => c.get("/v1.45/_ping").await.map(drop),
            (Client::Floor(c), "list") => c.get(&floor::list_path(&w.label)).await.map(drop),
            (Client::Floor(c), "inspect") => c
                .get(&format!("/v1.45/containers/{id}/json"))
                .await
                .map(drop),
            _ => Err(format!("no call workload {workload}").into()),
        }
    }

    /// One rep of a stream workload; answers the bytes moved.
    async fn stream(&self, workload: &str, w: &Workload) -> Result<u64> {
        match (self, workload) {
            (Client::Ours(c), "logs") => c.logs(&w.logs_container).await,
            (Client::Ours(c), "save") => c.save(&w.image).await,
            (Client::Ours(c), "load") => c.load(&w.image_tar).await,
            (Client::Bollard(c), "logs") => c.logs(&w.logs_container).await,
            (Client::Bollard(c), "save") => c.save(&w.image).await,
            (Client::Bollard(c), "load") => c.load(&w.image_tar).await,
            (Client::Floor(c), "logs") => c.count(&floor::logs_path(&w.logs_container)).await,
            _ => Err(format!("no stream workload {workload} for this client").into()),
        }
    }
}

async fn run_calls(
    client: &Client,
    workload: &str,
    w: &Workload,
    n: usize,
    inflight: usize,
) -> Result<()> {
    if inflight <= 1 {
        for i in 0..n {
            client.call(workload, w, i).await?;
        }
        return Ok(());
    }
    let mut calls = stream::iter(0..n)
        .map(|i| async move { client.call(workload, w, i).await })
        .buffer_unordered(inflight);
    while let Some(r) = calls.next().await {
        r?;
    }
    Ok(())
}

fn main() -> Result<()> {
    // The multi-thread runtime of `#[tokio::main]`, as most programs use; BENCH_RT=current
    // for a current-thread one, BENCH_RT=one for one worker (to see what the runtime costs:
    // a stream's chunks hop from the connection's task to the reader's, across workers).
    let mut rt = match std::env::var("BENCH_RT").as_deref() {
        Ok("current") => tokio::runtime::Builder::new_current_thread(),
        Ok("one") => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(1);
            b
        }
        _ => tokio::runtime::Builder::new_multi_thread(),
    };
    rt.enable_all().build()?.block_on(bench())
}

async fn bench() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        return Err("usage: dea-bench WORKLOAD CLIENT WORKLOAD.json REPS".into());
    }
    let (workload, client_name) = (args[1].as_str(), args[2].as_str());
    let w = Workload::read(&args[3])?;
    let reps: usize = args[4].parse()?;
    let client = Client::new(client_name, &w)?;
    let mut seconds = Vec::new();
    let mut bytes = 0u64;
    if matches!(workload, "ping" | "list" | "inspect") {
        let (n, inflight) = w.calls(workload);
        // Warm-up: connections made, code paged in, the version negotiated.
        run_calls(&client, workload, &w, 64, inflight).await?;
        for _ in 0..reps {
            let t = Instant::now();
            run_calls(&client, workload, &w, n, inflight).await?;
            seconds.push(t.elapsed().as_secs_f64());
        }
        println!(
            "{}",
            serde_json::json!({ "seconds": seconds, "calls": n, "inflight": inflight })
        );
    } else {
        for _ in 0..reps {
            let t = Instant::now();
            bytes = client.stream(workload, &w).await?;
            seconds.push(t.elapsed().as_secs_f64());
        }
        println!(
            "{}",
            serde_json::json!({ "seconds": seconds, "bytes": bytes })
        );
    }
    Ok(())
}
