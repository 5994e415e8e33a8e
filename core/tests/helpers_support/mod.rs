//! The engine the helper tests drive: `DEA_TEST_HOST` of tests/engines/engines.env (written
//! by `make engines`), or the user's `DOCKER_HOST` when that file is absent.

#![allow(dead_code)] // Each test file uses its own part of this.

use docker_engine_api::Docker;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub const IMAGE: &str = "busybox:latest";

pub fn env_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/engines/engines.env")
}

/// `KEY=VALUE` lines of the env file; empty when the file is missing.
pub fn engine_vars() -> HashMap<String, String> {
    std::fs::read_to_string(env_file())
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The client for the test engine; panics with what to do when there is none.
pub fn docker() -> Docker {
    let host = engine_vars()
        .get("DEA_TEST_HOST")
        .cloned()
        .or_else(|| std::env::var("DOCKER_HOST").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| {
            panic!(
                "no test engine: {} is missing and DOCKER_HOST is not set (run `make engines`)",
                env_file().display()
            )
        });
    Docker::connect(&host).unwrap_or_else(|e| panic!("test engine {host}: {e}"))
}

/// A name no other test run uses at the same time.
pub fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}
