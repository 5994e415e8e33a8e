//! The pooled HTTP client for an endpoint, and the mapping of transport failures to
//! readable, typed errors (socket missing vs permission denied vs refused).

use super::{Endpoint, TlsOptions};
use crate::error::{ConnectCause, Error, ErrorKind};
use crate::Timeouts;
use std::io;

pub(crate) fn build_http_client(
    endpoint: &Endpoint,
    timeouts: &Timeouts,
    tls: Option<&TlsOptions>,
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
    // Always our own rustls configuration: reqwest is built without a crypto provider of its
    // own (ring here, no process-wide default installed behind the user's back).
    let config = match (endpoint, tls) {
        (Endpoint::Tcp { tls: true, .. }, Some(tls)) => tls.client_config()?,
        (Endpoint::Tcp { tls: true, .. }, None) => TlsOptions::default().client_config()?,
        _ => TlsOptions::plain_config(),
    };
    builder = builder.tls_backend_preconfigured(config);
    builder.build().map_err(|e| {
        Error::new(
            ErrorKind::Connect,
            format!("cannot set up the HTTP client: {e}"),
        )
    })
}

/// Turns a transport error into the client's error, naming the endpoint.
pub(crate) fn map_reqwest_error(err: reqwest::Error, endpoint: &Endpoint) -> Error {
    // The URL stays out of the message: it may be huge (a 70 KB id) and says nothing new.
    let err = err.without_url();
    if err.is_builder() {
        let mut why = Vec::new();
        let mut cur = std::error::Error::source(&err);
        while let Some(e) = cur {
            why.push(e.to_string());
            cur = e.source();
        }
        let why = if why.is_empty() {
            err.to_string()
        } else {
            why.join(": ")
        };
        return Error::invalid_argument(format!(
            "the request cannot be made ({why}); is a name or value too long or malformed?"
        ))
        .with_source(err);
    }
    if err.is_timeout() {
        return Error::new(
            ErrorKind::Timeout,
            format!("timed out talking to the engine at {endpoint}"),
        )
        .with_source(err);
    }
    if let Some(tls) = find_tls_error(&err) {
        return Error::connect(
            ConnectCause::Tls,
            format!("TLS with the Docker engine at {endpoint} failed: {tls}"),
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

/// rustls reports through `io::Error`s (hyper-rustls nests one in another), whose `source()`
/// skips the error they hold: step into each `io::Error`'s own error instead.
fn find_tls_error<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(t) = e.downcast_ref::<rustls::Error>() {
            return Some(t);
        }
        cur = match e.downcast_ref::<io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    None
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
