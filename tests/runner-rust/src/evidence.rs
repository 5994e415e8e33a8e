//! Per-operation evidence for tests/coverage.py: was an operation called against the engine,
//! was its answer decoded, was it asserted (tests/cases/README.md, "Operation evidence").

use docker_engine_api::Error;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct Evidence {
    ops: Mutex<BTreeMap<String, [bool; 3]>>,
}

impl Evidence {
    /// One call of `op`: `Ok` when it succeeded (decoded, stream read to its end), else its
    /// error; `asserted` when a step's `expect` checked it and passed.
    pub fn record(&self, op: &str, outcome: Result<(), &Error>, asserted: bool) {
        let (called, decoded) = match outcome {
            Ok(()) => (true, true),
            Err(e) => {
                let daemon = e.status().is_some();
                (
                    daemon || e.kind().as_str() == "Stream",
                    daemon && e.kind().as_str() != "Decode",
                )
            }
        };
        let mut ops = self.ops.lock().expect("evidence lock");
        let entry = ops.entry(op.to_string()).or_default();
        for (have, now) in entry.iter_mut().zip([called, decoded, asserted]) {
            *have |= now;
        }
    }

    pub fn to_json(&self) -> Value {
        let ops = self.ops.lock().expect("evidence lock");
        ops.iter()
            .map(|(op, [c, d, a])| {
                (
                    op.clone(),
                    json!({"called": c, "decoded": d, "asserted": a}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}
