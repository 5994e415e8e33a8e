//! Running core futures for Python: blocking with the GIL released here, as asyncio futures
//! in `bridge`; both turn a panic of the core into an error and the core's errors into
//! exceptions.

use crate::errors::to_py_err;
use docker_engine_api::Result;
use futures_util::FutureExt;
use pyo3::prelude::*;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;
use std::time::Duration;
use tokio::runtime::Runtime;

/// The shared tokio runtime of this process, with the pid that made it.
static RUNTIME: Mutex<Option<(u32, &'static Runtime)>> = Mutex::new(None);

/// The shared multi-thread runtime, made on first use. After `fork()` the child has none of
/// the parent's worker threads (a future given to the parent's runtime would never run): a
/// new process gets a new runtime. The parent's is leaked in the child, never dropped: its
/// drop would wait for threads that do not exist there.
pub fn runtime() -> &'static Runtime {
    let pid = std::process::id();
    let mut slot = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match *slot {
        Some((made_by, rt)) if made_by == pid => rt,
        _ => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("docker-engine-api")
                .build()
                .expect("cannot start the tokio runtime");
            let rt: &'static Runtime = Box::leak(Box::new(rt));
            *slot = Some((pid, rt));
            rt
        }
    }
}

/// How often a blocking wait looks for signals: Ctrl-C interrupts it within this time.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// Runs a core future to its end on the shared runtime, the GIL released meanwhile. A
/// signal handler that raises (Ctrl-C's `KeyboardInterrupt`) drops the future, which ends
/// the request, and the exception propagates.
pub fn blocking<T, F, C>(py: Python<'_>, fut: F, convert: C) -> PyResult<Py<PyAny>>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>>,
{
    let runtime = runtime();
    let mut fut = Box::pin(guarded(fut));
    // The timer is made inside `block_on`: it needs the runtime's context.
    let result = loop {
        let step = py.detach(|| {
            let step =
                runtime.block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut fut).await });
            // A daemon thread still waiting when the interpreter exits must not take the GIL
            // back: Python would end it with a forced unwind through these Rust frames, which
            // aborts the process. It sleeps instead; the process exit ends it.
            while crate::bridge::finalizing() {
                std::thread::park();
            }
            step
        });
        match step {
            Ok(result) => break result,
            Err(_elapsed) => py.check_signals()?,
        }
    };
    finish(py, result, convert)
}

/// A panic in the core must not cross into Python as a crash: it becomes an error.
pub(crate) async fn guarded<T, F: Future<Output = Result<T>>>(fut: F) -> PyResult<Result<T>> {
    AssertUnwindSafe(fut).catch_unwind().await.map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        pyo3::exceptions::PyRuntimeError::new_err(format!(
            "internal error in the Rust core: {what}"
        ))
    })
}

pub(crate) fn finish<T, C>(
    py: Python<'_>,
    result: PyResult<Result<T>>,
    convert: C,
) -> PyResult<Py<PyAny>>
where
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>>,
{
    match result? {
        Ok(value) => convert(py, value),
        Err(e) => Err(to_py_err(py, &e)),
    }
}
