//! What every generated group method does: put its typed arguments into the JSON arguments
//! of the core's `dispatch` by their spec names, call it (cancellable, no panic across), and
//! turn its output into the method's answer. The typed methods and the calls by operation id
//! thus run the same code in the core.

use crate::cancel::CancelToken;
use crate::client::RequestBody;
use crate::error::{DockerError, Result};
use crate::json::from_text;
use crate::run::run;
use crate::stream::{DockerStream, Source};
use docker_engine_api::{dispatch, Docker, Error, ErrorKind, Output};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::Arc;

/// The arguments of one call, keyed by the spec's parameter names; unset ones are left out.
pub(crate) struct Args(Map<String, Value>);

impl Args {
    pub(crate) fn new() -> Args {
        Args(Map::new())
    }

    pub(crate) fn put<T: Serialize>(mut self, name: &str, value: &T) -> Result<Args> {
        let v = crate::json::to_value(&format!("argument `{name}`"), value)?;
        if !v.is_null() {
            self.0.insert(name.to_string(), v);
        }
        Ok(self)
    }
}

pub(crate) async fn call(
    docker: &Docker,
    operation: &'static str,
    args: Args,
    payload: Option<RequestBody>,
    cancel: Option<Arc<CancelToken>>,
) -> Result<Output> {
    let docker = docker.clone();
    run(cancel, async move {
        let payload = match payload {
            Some(p) => Some(p.into_payload().await?),
            None => None,
        };
        Ok(dispatch(&docker, operation, Value::Object(args.0), payload).await?)
    })
    .await
}

fn unexpected(operation: &str, what: &str) -> DockerError {
    Error::new(
        ErrorKind::Decode,
        format!("{operation}: expected {what} from the core's dispatch"),
    )
    .into()
}

pub(crate) fn unit(_: Output) -> Result<()> {
    Ok(())
}

pub(crate) fn text(operation: &str, out: Output) -> Result<String> {
    match out {
        Output::Text(t) => Ok(t),
        _ => Err(unexpected(operation, "text")),
    }
}

pub(crate) fn json<T: DeserializeOwned>(operation: &str, out: Output) -> Result<T> {
    match out {
        Output::Json(t) => from_text(operation, &t),
        Output::Empty => from_text(operation, "null"),
        _ => Err(unexpected(operation, "JSON")),
    }
}

/// A list or map: the engine answers `null` for an empty one (a Go nil slice).
pub(crate) fn json_or_default<T: DeserializeOwned + Default>(
    operation: &str,
    out: Output,
) -> Result<T> {
    Ok(json::<Option<T>>(operation, out)?.unwrap_or_default())
}

pub(crate) fn stream(operation: &str, out: Output) -> Result<Arc<DockerStream>> {
    let source = match out {
        Output::Bytes(s) => Source::Bytes(s),
        Output::Chunks(s) => Source::Chunks(s),
        Output::Lines(s) => Source::Lines(s),
        _ => return Err(unexpected(operation, "a stream")),
    };
    Ok(DockerStream::new(source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_arguments_are_left_out() {
        let args = Args::new()
            .put("all", &Some(true))
            .unwrap()
            .put("limit", &None::<i64>)
            .unwrap()
            .put("filters", &Some(serde_json::json!({"status": ["running"]})))
            .unwrap();
        assert_eq!(
            Value::Object(args.0),
            serde_json::json!({"all": true, "filters": {"status": ["running"]}})
        );
    }

    #[test]
    fn an_empty_list_answered_as_null_is_empty() {
        let v: Vec<String> = json_or_default("ImageList", Output::Json("null".into())).unwrap();
        assert!(v.is_empty());
        let e = text("SystemPing", Output::Empty).unwrap_err();
        assert_eq!(e.kind(), "Decode");
    }
}
