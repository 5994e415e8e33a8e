//! Every call goes through `run`: the core's future, ended early by its `CancelToken`, with a
//! panic of the core turned into an error (none crosses the FFI), and the core's error mapped.

use crate::cancel::CancelToken;
use crate::error::DockerError;
use docker_engine_api::{Error, ErrorKind};
use futures_util::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

pub(crate) async fn run<T>(
    cancel: Option<Arc<CancelToken>>,
    fut: impl Future<Output = Result<T, DockerError>>,
) -> Result<T, DockerError> {
    let guarded = AssertUnwindSafe(fut).catch_unwind();
    let outcome = match cancel {
        None => guarded.await,
        Some(c) => {
            tokio::select! {
                biased;
                _ = c.token.cancelled() => return Err(cancelled()),
                r = guarded => r,
            }
        }
    };
    outcome.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Error::new(
            ErrorKind::ServerError,
            format!("internal error in the native client (a bug): {what}"),
        )
        .into())
    })
}

pub(crate) fn cancelled() -> DockerError {
    Error::new(ErrorKind::Cancelled, "the call was cancelled").into()
}
