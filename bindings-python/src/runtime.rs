//! Running core futures for Python: blocking with the GIL released here, as asyncio futures
//! in `bridge`; both turn a panic of the core into an error and the core's errors into
//! exceptions.

use crate::errors::to_py_err;
use docker_engine_api::Result;
use futures_util::FutureExt;
use pyo3::prelude::*;
use std::future::Future;
use std::panic::AssertUnwindSafe;

/// Runs a core future to its end on the shared runtime, the GIL released meanwhile.
pub fn blocking<T, F, C>(py: Python<'_>, fut: F, convert: C) -> PyResult<Py<PyAny>>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>>,
{
    let runtime = pyo3_async_runtimes::tokio::get_runtime();
    let result = py.detach(|| runtime.block_on(guarded(fut)));
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
