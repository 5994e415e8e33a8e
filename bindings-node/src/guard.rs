//! No panic crosses into Node: a panic inside a call becomes an error of the call.

use futures_util::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;

pub(crate) async fn no_panic<T>(fut: impl Future<Output = napi::Result<T>>) -> napi::Result<T> {
    match AssertUnwindSafe(fut).catch_unwind().await {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(crate::error::to_napi(docker_engine_api::Error::new(
                docker_engine_api::ErrorKind::ServerError,
                format!("internal error in the native client (a bug): {what}"),
            )))
        }
    }
}
