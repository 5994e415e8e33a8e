//! Core futures as asyncio futures of the running loop, settled on the loop's thread.

use crate::runtime::{finish, guarded, runtime};
use docker_engine_api::Result;
use pyo3::prelude::*;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// A core future as an asyncio future of the running loop, whose result `convert` makes
/// (with the GIL). Cancelling the asyncio future aborts the task, which drops the core
/// future: the request ends and its connection is freed.
///
/// Not pyo3-async-runtimes' `future_into_py`: its tokio thread runs Python code to settle
/// the future, and the interpreter could finalize meanwhile (seen as `PyGILState_Release`
/// aborts at exit). Here each settling is counted, and `shutdown` (an `atexit` hook) stops
/// new ones and waits for those in flight before the interpreter finalizes.
pub fn awaitable<'py, T, F, C>(py: Python<'py>, fut: F, convert: C) -> PyResult<Bound<'py, PyAny>>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
{
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let py_fut = event_loop.call_method0("create_future")?;
    let settle = py.import("docker_engine_api._bridge")?.getattr("settle")?;
    let target = (
        event_loop.unbind(),
        py_fut.clone().unbind(),
        settle.unbind(),
    );
    let task = runtime().spawn(async move {
        let result = guarded(fut).await;
        deliver(target, result, convert);
    });
    let canceller = Canceller {
        task: task.abort_handle(),
    };
    py_fut.call_method1("add_done_callback", (canceller,))?;
    Ok(py_fut)
}

/// Settlings in flight, and whether the interpreter is going away.
static SETTLING: AtomicUsize = AtomicUsize::new(0);
static FINALIZING: AtomicBool = AtomicBool::new(false);

type Target = (Py<PyAny>, Py<PyAny>, Py<PyAny>);

/// Hands the outcome to the loop's thread (`call_soon_threadsafe(settle, fut, ok, value)`).
fn deliver<T, C>(target: Target, result: PyResult<Result<T>>, convert: C)
where
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>>,
{
    SETTLING.fetch_add(1, Ordering::SeqCst);
    if !FINALIZING.load(Ordering::SeqCst) {
        Python::attach(|py| {
            let (event_loop, py_fut, settle) = target;
            let (ok, value) = match finish(py, result, convert) {
                Ok(v) => (true, v),
                Err(e) => (false, e.into_value(py).into_any()),
            };
            // A closed loop refuses: nobody waits for the answer any more.
            let _ =
                event_loop.call_method1(py, "call_soon_threadsafe", (settle, py_fut, ok, value));
        });
    } else {
        // Dropped without the GIL: pyo3 defers the reference counting.
        drop(target);
    }
    SETTLING.fetch_sub(1, Ordering::SeqCst);
}

/// `fut.add_done_callback(canceller)`: a cancelled asyncio future aborts the Rust task.
#[pyclass(module = "docker_engine_api._native", frozen)]
pub struct Canceller {
    task: tokio::task::AbortHandle,
}

#[pymethods]
impl Canceller {
    fn __call__(&self, fut: &Bound<'_, PyAny>) -> PyResult<()> {
        if fut.call_method0("cancelled")?.is_truthy()? {
            self.task.abort();
        }
        Ok(())
    }
}

/// Python's main thread (it runs the exit itself and must never be parked).
static MAIN_THREAD: std::sync::OnceLock<std::thread::ThreadId> = std::sync::OnceLock::new();

/// Notes Python's main thread, if the module is imported there (as it nearly always is).
pub(crate) fn remember_main_thread(py: Python<'_>) -> PyResult<()> {
    let threading = py.import("threading")?;
    let main = threading.call_method0("main_thread")?;
    if threading.call_method0("current_thread")?.is(&main) {
        let _ = MAIN_THREAD.set(std::thread::current().id());
    }
    Ok(())
}

/// Whether this thread must not take the GIL back: the interpreter is exiting (the `atexit`
/// hook has run) and this is not the main thread that runs the exit.
pub(crate) fn finalizing() -> bool {
    FINALIZING.load(Ordering::SeqCst) && MAIN_THREAD.get() != Some(&std::thread::current().id())
}

/// Called at exit (before the interpreter finalizes): no new settling; those in flight
/// finish (the GIL released meanwhile), for at most a second.
#[pyfunction]
pub fn shutdown(py: Python<'_>) {
    FINALIZING.store(true, Ordering::SeqCst);
    py.detach(|| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        while SETTLING.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
}
