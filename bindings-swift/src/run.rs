//! Every call goes through `run`: the core's future runs as a task of this crate's own tokio
//! runtime, ended early by its `CancelToken`, with a panic of the core turned into an error
//! (none crosses the FFI) and the core's error mapped.
//!
//! Why a task and not the future itself: uniffi polls an exported future on the foreign
//! thread that awaits it (a JVM thread has a 1 MB stack by default), and the core's
//! futures are large (the dispatch of 107 operations, more so in debug builds): polled
//! there they overflowed the stack. The foreign side now polls only the task's handle; the
//! work runs on the runtime's threads, whose stacks are sized for it. Dropping the handle
//! (a cancelled Kotlin coroutine frees its Rust future) aborts the task, which drops the
//! core's future: the request ends and its connection closes.

use crate::cancel::CancelToken;
use crate::error::DockerError;
use docker_engine_api::{Error, ErrorKind};
use std::future::Future;
use std::sync::{Arc, OnceLock};
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

/// The stack of each runtime thread: room for the core's largest futures in a debug build.
const STACK_BYTES: usize = 16 * 1024 * 1024;

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

fn runtime() -> Result<&'static Runtime, DockerError> {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("docker-engine-api")
                .thread_stack_size(STACK_BYTES)
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| {
            Error::new(
                ErrorKind::ServerError,
                format!("cannot start the client's runtime: {e}"),
            )
            .into()
        })
}

/// Aborts the task when the awaiting side goes away.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub(crate) async fn run<T: Send + 'static>(
    cancel: Option<Arc<CancelToken>>,
    fut: impl Future<Output = Result<T, DockerError>> + Send + 'static,
) -> Result<T, DockerError> {
    let task = runtime()?.spawn(async move {
        match cancel {
            None => fut.await,
            Some(c) => {
                tokio::select! {
                    biased;
                    _ = c.token.cancelled() => Err(cancelled()),
                    r = fut => r,
                }
            }
        }
    });
    let mut task = AbortOnDrop(task);
    match (&mut task.0).await {
        Ok(r) => r,
        Err(e) if e.is_panic() => {
            let panic = e.into_panic();
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
        }
        Err(_) => Err(cancelled()),
    }
}

/// Runs `fut` in the background on the runtime (nothing waits for it).
pub(crate) fn spawn_detached(fut: impl Future<Output = ()> + Send + 'static) {
    if let Ok(rt) = runtime() {
        rt.spawn(fut);
    }
}

pub(crate) fn cancelled() -> DockerError {
    Error::new(ErrorKind::Cancelled, "the call was cancelled").into()
}
