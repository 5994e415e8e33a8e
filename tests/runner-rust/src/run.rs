//! Runs one case through the Rust API: each step by operation id via `dispatch`.

use crate::cases::{Case, Step};
use crate::engines::{Engines, Registry};
use crate::evidence::Evidence;
use crate::helpers::call_helper;
use crate::matcher::matches;
use crate::payload::build_payload;
use crate::vars::{expand, unix_now};
use docker_engine_api::helpers::{chunks_json, RegistryAuth};
use docker_engine_api::{
    dispatch, Credentials, Docker, Error, ErrorKind, Output, TlsPaths, VersionPolicy,
};
use futures_util::StreamExt;
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;

/// A step never waits longer than this; a hang fails the case instead of the run.
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

pub enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

fn client_for(
    case: &Case,
    engines: &Engines,
    vars: &HashMap<String, Value>,
) -> Result<Docker, Outcome> {
    let expanded = |v: Value| expand(&v, vars).map_err(Outcome::Fail);
    let host = match (&case.host, case.engine.as_str()) {
        (Some(h), _) => match expanded(Value::String(h.clone()))? {
            Value::String(h) => h,
            other => return Err(Outcome::Fail(format!("host must be text, not {other}"))),
        },
        (None, "main") => engines.main.clone(),
        (None, "old") => match &engines.old {
            Some(h) => h.clone(),
            None => return Err(Outcome::Skip(engines.why_no_old.clone())),
        },
        (None, other) => return Err(Outcome::Fail(format!("unknown engine {other:?}"))),
    };
    let policy: VersionPolicy = case
        .version
        .as_deref()
        .unwrap_or("1.45")
        .parse()
        .map_err(|e: Error| Outcome::Fail(e.to_string()))?;
    // No stored credentials (a user's ~/.docker/config.json): a case says what it sends.
    let mut builder = Docker::builder()
        .host(host)
        .version(policy)
        .credentials(Credentials::none());
    if let Some(tls) = &case.tls {
        let tls = TlsPaths::from_json(expanded(tls.clone())?)
            .map_err(|e| Outcome::Fail(format!("bad tls settings: {e}")))?;
        builder = builder.tls(tls);
    }
    builder
        .build()
        .map_err(|e| Outcome::Fail(format!("cannot make the client: {e}")))
}

pub async fn run_case(
    case: &Case,
    engines: &Engines,
    run_id: &str,
    evidence: &Evidence,
) -> Outcome {
    let mut vars = HashMap::from([
        ("run".to_string(), Value::String(run_id.to_string())),
        (
            "case_start".to_string(),
            Value::String(unix_now().to_string()),
        ),
    ]);
    for need in &case.needs {
        match (need.as_str(), &engines.registry) {
            ("registry", Some(r)) => vars.extend(registry_vars(r)),
            ("registry", None) => return Outcome::Skip(engines.why_no_registry.clone()),
            ("tls", _) => match &engines.tls {
                Some(t) => vars.extend([
                    ("tls_host".to_string(), Value::String(t.host.clone())),
                    (
                        "tls_host_by_name".to_string(),
                        Value::String(t.host.replace("127.0.0.1", "localhost")),
                    ),
                    ("tls_certs".to_string(), Value::String(t.certs.clone())),
                ]),
                None => return Outcome::Skip(engines.why_no_tls.clone()),
            },
            ("socket", _) => match engines.main.strip_prefix("unix://") {
                Some(path) => {
                    vars.insert("main_socket".into(), Value::String(path.to_string()));
                }
                None => return Outcome::Skip("the main engine is not a unix socket".into()),
            },
            (other, _) => return Outcome::Fail(format!("unknown need {other:?}")),
        }
    }
    let docker = match client_for(case, engines, &vars) {
        Ok(d) => d,
        Err(outcome) => return outcome,
    };
    let mut raws = Raws::new();
    let mut outcome = Outcome::Pass;
    for (i, step) in case.steps.iter().enumerate() {
        if let Err(why) = run_with_retry(&docker, step, &mut vars, &mut raws, evidence).await {
            outcome = Outcome::Fail(format!("step {} ({}): {why}", i + 1, step.label()));
            break;
        }
    }
    for step in &case.cleanup {
        // Cleanup errors are expected (the object may never have been made).
        if let Ok(answer) = call(&docker, step, &vars, &raws).await {
            if let Some(op) = &step.op {
                evidence.record(op, answer.as_ref().map(|_| ()), false);
            }
        }
    }
    outcome
}

/// `${registry}`, `${registry_user}`, `${registry_password}` and `${registry_auth}` (the
/// `X-Registry-Auth` value for them).
fn registry_vars(r: &Registry) -> [(String, Value); 4] {
    let auth = RegistryAuth::new(&r.user, &r.password, &r.address).header_value();
    [
        ("registry".into(), Value::String(r.address.clone())),
        ("registry_user".into(), Value::String(r.user.clone())),
        (
            "registry_password".into(),
            Value::String(r.password.clone()),
        ),
        ("registry_auth".into(), Value::String(auth)),
    ]
}

/// Byte-stream results kept whole by `save_raw`, for a later `{"raw": NAME}` payload.
type Raws = HashMap<String, Vec<u8>>;

/// A call's neutral result, and the raw bytes when it was a byte stream.
type Answer = Result<(Value, Option<Vec<u8>>), Error>;

/// Makes the call of a step; the result as the case format's neutral JSON value.
async fn call(
    docker: &Docker,
    step: &Step,
    vars: &HashMap<String, Value>,
    raws: &Raws,
) -> Result<Answer, String> {
    let args = step
        .args
        .as_ref()
        .map(|a| expand(a, vars))
        .transpose()?
        .unwrap_or(Value::Null);
    let payload = match step.payload.as_ref().map(|p| expand(p, vars)).transpose()? {
        Some(Value::Object(o)) if o.contains_key("raw") => {
            let name = o["raw"].as_str().unwrap_or_default();
            let bytes = raws
                .get(name)
                .ok_or_else(|| format!("no raw result saved as {name:?}"))?;
            Some(docker_engine_api::Payload::from(bytes.clone()))
        }
        Some(p) => Some(build_payload(&p, raws)?),
        None => None,
    };
    let fut = async {
        if let Some(question) = &step.client {
            return match question.as_str() {
                "api_version" => Ok(docker
                    .api_version()
                    .await
                    .map(|v| (Value::String(v.to_string()), None))),
                other => Err(format!("unknown client question {other:?}")),
            };
        }
        if let Some(helper) = &step.helper {
            return Ok(call_helper(docker, helper, args).await?.map(|v| (v, None)));
        }
        let op = step.op.as_deref().unwrap_or_default();
        Ok(match dispatch(docker, op, args, payload).await {
            Ok(output) => neutral(output).await,
            Err(e) => Err(e),
        })
    };
    tokio::time::timeout(STEP_TIMEOUT, fut)
        .await
        .map_err(|_| format!("no answer within {STEP_TIMEOUT:?}"))?
}

/// The neutral result of a call (tests/cases/README.md): container output as
/// `[{"stream", "data"}]` with adjacent chunks of one stream merged, JSON lines as the array
/// of objects, bytes as text; an error inside a stream is the call's error.
async fn neutral(output: Output) -> Answer {
    Ok((
        match output {
            Output::Empty => Value::Null,
            Output::Json(text) => serde_json::from_str(&text).map_err(|e| {
                Error::new(
                    ErrorKind::Decode,
                    format!("the core answered bad JSON: {e}"),
                )
            })?,
            Output::Text(t) => Value::String(t),
            Output::Bytes(mut s) => {
                let mut all = Vec::new();
                while let Some(chunk) = s.next().await {
                    all.extend_from_slice(&chunk?);
                }
                let text = Value::String(String::from_utf8_lossy(&all).into_owned());
                return Ok((text, Some(all)));
            }
            Output::Chunks(mut s) => {
                let mut chunks = Vec::new();
                while let Some(chunk) = s.next().await {
                    chunks.push(chunk?);
                }
                chunks_json(&chunks)
            }
            Output::Lines(mut s) => {
                let mut all = Vec::new();
                while let Some(item) = s.next().await {
                    all.push(item?);
                }
                Value::Array(all)
            }
        },
        None,
    ))
}

/// A step, made again while it fails when it has `retry`.
async fn run_with_retry(
    docker: &Docker,
    step: &Step,
    vars: &mut HashMap<String, Value>,
    raws: &mut Raws,
    evidence: &Evidence,
) -> Result<(), String> {
    let (attempts, delay) = step
        .retry
        .map(|r| (r.attempts.max(1), Duration::from_millis(r.delay_ms)))
        .unwrap_or((1, Duration::ZERO));
    let mut last = Ok(());
    for attempt in 1..=attempts {
        if attempt > 1 {
            tokio::time::sleep(delay).await;
        }
        last = run_step(docker, step, vars, raws, evidence).await;
        if last.is_ok() {
            break;
        }
    }
    last
}

async fn run_step(
    docker: &Docker,
    step: &Step,
    vars: &mut HashMap<String, Value>,
    raws: &mut Raws,
    evidence: &Evidence,
) -> Result<(), String> {
    let result = call(docker, step, vars, raws).await?;
    let expect = step.expect.clone().unwrap_or_default();
    let checks = expect.result.is_some() || expect.error.is_some();
    let checked = check(step, &expect, vars, raws, &result);
    if let Some(op) = &step.op {
        evidence.record(op, result.as_ref().map(|_| ()), checks && checked.is_ok());
    }
    checked
}

/// Compares a call's answer with the step's `expect`, then saves what the step saves.
fn check(
    step: &Step,
    expect: &crate::cases::Expect,
    vars: &mut HashMap<String, Value>,
    raws: &mut Raws,
    result: &Answer,
) -> Result<(), String> {
    let expect_result = expect
        .result
        .as_ref()
        .map(|m| expand(m, vars))
        .transpose()?;
    match (&expect.error, result) {
        (None, Err(e)) => return Err(format!("unexpected error: {e}")),
        (Some(kind), Ok((v, _))) => {
            let shown: String = v.to_string().chars().take(300).collect();
            return Err(format!("expected a {kind} error, got a result: {shown}"));
        }
        (Some(kind), Err(e)) => {
            if e.kind().as_str() != kind {
                return Err(format!("expected a {kind} error, got {}: {e}", e.kind()));
            }
            if let Some(status) = expect.status {
                if e.status() != Some(status) {
                    return Err(format!("expected HTTP {status}, got {:?}: {e}", e.status()));
                }
            }
            if expect.client_side && e.status().is_some() {
                return Err(format!(
                    "expected a client-side error, got one from the daemon: {e}"
                ));
            }
            if let Some(m) = &expect.message {
                matches(&expand(m, vars)?, &Value::String(e.message().to_string()))
                    .map_err(|why| format!("error message: {why}"))?;
            }
            if let Some(code) = expect.exit_code {
                if e.exit_code() != Some(code) {
                    return Err(format!(
                        "expected exit code {code}, got {:?}: {e}",
                        e.exit_code()
                    ));
                }
            }
            if let Some(cause) = &expect.connect_cause {
                let got = e.connect_cause().map(|c| c.as_str());
                if got != Some(cause.as_str()) {
                    return Err(format!("expected connect cause {cause}, got {got:?}: {e}"));
                }
            }
        }
        (None, Ok((value, raw))) => {
            if let Some(m) = &expect_result {
                matches(m, value)?;
            }
            if let Some(name) = &step.save_raw {
                let raw = raw.as_ref().ok_or("save_raw needs a byte-stream result")?;
                raws.insert(name.clone(), raw.clone());
            }
            for (name, pointer) in &step.save {
                let pointer = expand(pointer, vars)?;
                let p = pointer.as_str().ok_or("save pointers are strings")?;
                let found = value
                    .pointer(p)
                    .ok_or_else(|| format!("nothing at {p} to save as {name}"))?;
                vars.insert(name.clone(), found.clone());
            }
        }
    }
    Ok(())
}
