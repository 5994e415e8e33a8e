//! The core's error as a napi error: its reason is a marker and the error as JSON, which
//! `lib/errors.js` turns into the `DockerError` subclass of its kind.

use docker_engine_api::Error;
use serde_json::json;

/// What `lib/errors.js` looks for at the start of a native error's message.
const MARKER: &str = "DEA_ERROR:";

pub(crate) fn to_napi(e: Error) -> napi::Error {
    let body = json!({
        "kind": e.kind().as_str(),
        "status": e.status(),
        "message": e.message(),
        "operation": e.operation(),
        "connectCause": e.connect_cause().map(|c| c.as_str()),
        "exitCode": e.exit_code(),
        "display": e.to_string(),
    });
    napi::Error::from_reason(format!("{MARKER}{body}"))
}

/// The JSON text handed over from JavaScript, or an `InvalidArgument` error.
pub(crate) fn parse_json(what: &str, text: &str) -> napi::Result<serde_json::Value> {
    serde_json::from_str(text)
        .map_err(|e| to_napi(Error::invalid_argument(format!("{what} is not JSON: {e}"))))
}
