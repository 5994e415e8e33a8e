//! The case file format of tests/cases (see tests/cases/README.md).

use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default = "main_engine")]
    pub engine: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    /// Services beyond the engine: `registry` (the project's registry with its user), `tls`
    /// (the main engine's TLS listener and a client certificate folder for it).
    #[serde(default)]
    pub needs: Vec<String>,
    /// TLS settings of the client (`TlsPaths`: `cert_path`, `ca`, `cert`, `key`, `verify`).
    #[serde(default)]
    pub tls: Option<serde_json::Value>,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub cleanup: Vec<Step>,
    /// The case changes the engine's global state: it runs with no other case in flight.
    #[serde(default)]
    pub exclusive: bool,
}

fn main_engine() -> String {
    "main".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub op: Option<String>,
    #[serde(default)]
    pub client: Option<String>,
    #[serde(default)]
    pub helper: Option<String>,
    #[serde(default)]
    pub args: Option<Value>,
    #[serde(default)]
    pub payload: Option<Value>,
    #[serde(default)]
    pub expect: Option<Expect>,
    #[serde(default)]
    pub save: Map<String, Value>,
    /// Keeps a byte-stream result's bytes under this name for a `{"raw": NAME}` payload.
    #[serde(default)]
    pub save_raw: Option<String>,
    /// Makes a failing step again, for things that settle in the background.
    #[serde(default)]
    pub retry: Option<Retry>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    pub attempts: u32,
    #[serde(default)]
    pub delay_ms: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// `Some(Null)` when the case says `"result": null`: the result must then be null.
    #[serde(default, deserialize_with = "present")]
    pub result: Option<Value>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub message: Option<Value>,
    #[serde(default)]
    pub connect_cause: Option<String>,
    /// The error must come from the client itself, with no HTTP status.
    #[serde(default)]
    pub client_side: bool,
    /// For a `NonZeroExit` error: the command's exit code.
    #[serde(default)]
    pub exit_code: Option<i64>,
}

/// A field that is there, even as `null`, is `Some` (serde's `Option` would make `null` None).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl Step {
    pub fn label(&self) -> String {
        self.op
            .clone()
            .or_else(|| self.helper.clone())
            .or_else(|| self.client.as_ref().map(|c| format!("client.{c}")))
            .unwrap_or_default()
    }
}

/// Every case of every `*.json` file in `dir`, in file then case order.
pub fn load_cases(dir: &Path) -> Result<Vec<Case>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed: CaseFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        cases.extend(parsed.cases);
    }
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        if !names.insert(c.name.clone()) {
            return Err(format!("duplicate case name {}", c.name));
        }
        if c.steps.iter().chain(&c.cleanup).any(|s| {
            [s.op.is_some(), s.client.is_some(), s.helper.is_some()]
                .iter()
                .filter(|x| **x)
                .count()
                != 1
        }) {
            return Err(format!(
                "{}: every step needs exactly one of `op`, `helper` and `client`",
                c.name
            ));
        }
    }
    Ok(cases)
}
