//! The pooled HTTP client for an endpoint, and the mapping of transport failures to
//! readable, typed errors (socket missing vs permission denied vs refused).

use super::Endpoint;
use crate::error::{ConnectCause, Error, ErrorKind};
use crate::Timeouts;
use std::io;

pub(crate) fn build_http_client(
    endpoint: &Endpoint,
    timeouts: &Timeouts,
) -> Result<reqwest::Client, Error> {
    // Keep-alive pooling is reqwest's default; a Docker engine is never reached through an
    // HTTP proxy, so environment proxies are ignored. Only the connect timeout lives here:
    // the response and idle timeouts are per call (see `Timeouts`).
    // The engine never redirects; following one (e.g. Go's path cleaning) could turn a
    // POST into a GET on another route.
    let mut builder = reqwest::Client::builder()
        .no_proxy()
        .http1_only()
        .redirect(reqwest::redirect::Policy::none());
    if let Some(t) = timeouts.connect {
        builder = builder.connect_timeout(t);
    }
    if let Endpoint::Unix(path) = endpoint {
        builder = builder.unix_socket(path.as_path());
    }
    builder.build().map_err(|e| {
        Error::new(
            ErrorKind::Connect,
            format!("cannot set up the HTTP client: {e}"),
        )
    })
}

/// Turns a transport error into the client's error, naming the endpoint.
pub(crate) fn map_reqwest_error(err: reqwest::Error, endpoint: &Endpoint) -> Error {
    if err.is_timeout() {
        return Error::new(
            ErrorKind::Timeout,
            format!("timed out talking to the engine at {endpoint}"),
        )
        .with_source(err);
    }
    if err.is_connect() {
        let io_kind = find_io_error(&err).map(|e| e.kind());
        let (cause, why) = match (io_kind, endpoint) {
            (Some(io::ErrorKind::NotFound), Endpoint::Unix(_)) => (
                ConnectCause::SocketNotFound,
                "the socket does not exist (is the Docker daemon running?)",
            ),
            (Some(io::ErrorKind::PermissionDenied), _) => (
                ConnectCause::PermissionDenied,
                "permission denied (does this user have access to the socket, e.g. the docker group?)",
            ),
            (Some(io::ErrorKind::ConnectionRefused), _) => {
                (ConnectCause::Refused, "connection refused (nothing listens there)")
            }
            _ => (ConnectCause::Other, "connection failed"),
        };
        let detail = find_io_error(&err)
            .map(|e| format!(": {e}"))
            .unwrap_or_default();
        return Error::connect(
            cause,
            format!("cannot connect to the Docker engine at {endpoint}: {why}{detail}"),
        )
        .with_source(err);
    }
    let detail = find_io_error(&err)
        .map(|e| e.to_string())
        .unwrap_or_else(|| err.to_string());
    Error::new(
        ErrorKind::Stream,
        format!("connection to the engine at {endpoint} failed: {detail}"),
    )
    .with_source(err)
}

fn find_io_error<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a io::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return Some(io);
        }
        cur = e.source();
    }
    None
}
