//! Cancellation: JavaScript's `AbortSignal` fires `cancel()` on a token; the call waiting on it
//! then drops the core's future, which ends the request and frees its connection.

use napi_derive::napi;
use std::future::Future;
use tokio_util::sync::CancellationToken;

#[napi]
pub struct CancelToken {
    pub(crate) token: CancellationToken,
}

#[napi]
impl CancelToken {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> CancelToken {
        CancelToken {
            token: CancellationToken::new(),
        }
    }

    #[napi]
    pub fn cancel(&self) {
        self.token.cancel();
    }
}

/// Runs `fut` unless `token` fires first: then the future is dropped and the answer is a
/// `Cancelled` error.
pub(crate) async fn cancellable<T>(
    token: Option<CancellationToken>,
    fut: impl Future<Output = docker_engine_api::Result<T>>,
) -> docker_engine_api::Result<T> {
    let Some(token) = token else {
        return fut.await;
    };
    tokio::select! {
        biased;
        _ = token.cancelled() => Err(cancelled()),
        r = fut => r,
    }
}

pub(crate) fn cancelled() -> docker_engine_api::Error {
    docker_engine_api::Error::new(
        docker_engine_api::ErrorKind::Cancelled,
        "the call was cancelled (AbortSignal)",
    )
}
