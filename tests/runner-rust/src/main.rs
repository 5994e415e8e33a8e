//! `case-runner`: runs every shared case of tests/cases against the real engines through the
//! Rust API, prints one line per case, and writes tests/results/rust.json for the matrix.
//!
//! Usage: case-runner [--cases DIR] [--results FILE] [--env FILE] [--only SUBSTRING]

mod cases;
mod engines;
mod evidence;
mod helpers;
mod matcher;
mod payload;
mod run;
mod vars;

use run::Outcome;
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Cases are independent (unique names), so a few run at once.
const PARALLEL: usize = 4;

struct Args {
    cases: PathBuf,
    results: PathBuf,
    env: PathBuf,
    only: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = Args {
        cases: root.join("tests/cases"),
        results: root.join("tests/results/rust.json"),
        env: std::env::var_os("DEA_ENGINES_ENV")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("tests/engines/engines.env")),
        only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--cases" => args.cases = value()?.into(),
            "--results" => args.results = value()?.into(),
            "--env" => args.env = value()?.into(),
            "--only" => args.only = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() {
    if let Err(e) = real_main().await {
        eprintln!("case-runner: {e}");
        std::process::exit(2);
    }
}

async fn real_main() -> Result<(), String> {
    let args = parse_args()?;
    let engines = engines::Engines::discover(&args.env)?;
    let mut all = cases::load_cases(&args.cases)?;
    if let Some(only) = &args.only {
        all.retain(|c| c.name.contains(only.as_str()));
    }
    let run_id = format!("dea-rs-{}", std::process::id());
    let engines = Arc::new(engines);
    let evidence = Arc::new(evidence::Evidence::default());
    let limit = Arc::new(tokio::sync::Semaphore::new(PARALLEL));
    // Exclusive cases (swarm mode, prunes) run after the others, one by one: each holds every
    // permit, so nothing else of this runner is in flight.
    all.sort_by_key(|c| c.exclusive);
    let mut tasks = Vec::new();
    for case in all {
        let (engines, limit, run_id) = (engines.clone(), limit.clone(), run_id.clone());
        let evidence = evidence.clone();
        tasks.push(tokio::spawn(async move {
            let permits = if case.exclusive { PARALLEL as u32 } else { 1 };
            let _permit = limit
                .acquire_many_owned(permits)
                .await
                .expect("semaphore open");
            let started = Instant::now();
            let outcome = match run::run_case(&case, &engines, &run_id, &evidence).await {
                // Say what the case was meant to show next to why it did not.
                Outcome::Fail(why) => Outcome::Fail(format!("{why} [case: {}]", case.doc)),
                other => other,
            };
            (case.name, outcome, started.elapsed().as_millis() as u64)
        }));
    }
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut results = serde_json::Map::new();
    for task in tasks {
        let (name, outcome, ms) = task.await.map_err(|e| format!("a case task died: {e}"))?;
        let (status, detail) = match outcome {
            Outcome::Pass => {
                passed += 1;
                ("pass", String::new())
            }
            Outcome::Fail(why) => {
                failed += 1;
                ("fail", why)
            }
            Outcome::Skip(why) => {
                skipped += 1;
                ("skip", why)
            }
        };
        let suffix = if detail.is_empty() {
            String::new()
        } else {
            format!(": {detail}")
        };
        println!("{:<4} {name} ({ms} ms){suffix}", status.to_uppercase());
        results.insert(name, json!({"status": status, "detail": detail, "ms": ms}));
    }
    if let Some(dir) = args.results.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let doc = json!({"language": "rust", "results": results, "ops": evidence.to_json()});
    std::fs::write(
        &args.results,
        serde_json::to_string_pretty(&doc).expect("json"),
    )
    .map_err(|e| format!("{}: {e}", args.results.display()))?;
    println!("rust: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}
