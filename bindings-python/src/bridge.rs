//! Core futures as asyncio futures of the running loop, settled on the loop's thread.
//!
//! The tokio thread that finishes a future never takes the GIL: it puts the outcome into the
//! loop's [`Inbox`] and, when the inbox was empty, writes a byte to a socket pair the loop
//! watches (`loop.add_reader`). The loop's thread then makes the Python result and settles
//! the futures, as many as have arrived, in one callback. Taking the GIL on a tokio thread
//! (`call_soon_threadsafe`) cost a wait for the loop's thread to let go of it on every call,
//! and could meet an interpreter that is finalizing.

use crate::runtime::{finish, guarded, runtime};
use docker_engine_api::Result;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use std::future::Future;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A core future as an asyncio future of the running loop, whose result `convert` makes
/// (with the GIL, on the loop's thread). Cancelling the asyncio future aborts the task,
/// which drops the core future: the request ends and its connection is freed.
pub fn awaitable<'py, T, F, C>(py: Python<'py>, fut: F, convert: C) -> PyResult<Bound<'py, PyAny>>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
{
    static NEW_FUTURE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let new_future = NEW_FUTURE.get_or_try_init(py, || {
        PyResult::Ok(
            py.import("docker_engine_api._bridge")?
                .getattr("new_future")?
                .unbind(),
        )
    })?;
    let (py_fut, inbox): (Bound<'py, PyAny>, Bound<'py, Inbox>) =
        new_future.bind(py).call0()?.extract()?;
    let shared = inbox.get().shared.clone();
    let target = py_fut.clone().unbind();
    let task = runtime().spawn(async move {
        let result = guarded(fut).await;
        shared.push(Settled {
            fut: target,
            outcome: Box::new(move |py| finish(py, result, convert)),
        });
    });
    let canceller = Canceller {
        task: task.abort_handle(),
    };
    py_fut.call_method1(intern!(py, "add_done_callback"), (canceller,))?;
    Ok(py_fut)
}

/// Makes the Python outcome of a finished core future (with the GIL).
type Outcome = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// A finished core future: its asyncio future and what makes its outcome.
struct Settled {
    fut: Py<PyAny>,
    outcome: Outcome,
}

/// What the tokio threads share with the loop's inbox.
struct Shared {
    queue: Mutex<Vec<Settled>>,
    /// Written by the tokio threads (one byte when the queue stops being empty).
    wake: UnixStream,
}

impl Shared {
    fn push(&self, settled: Settled) {
        let first = {
            let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
            queue.push(settled);
            queue.len() == 1
        };
        if first {
            // Non-blocking; a full buffer already holds a wake-up, a closed loop none is needed.
            let _ = (&self.wake).write(&[1]);
        }
    }
}

/// The finished futures of one event loop, settled by `drain` on the loop's thread
/// (`docker_engine_api._bridge` registers it with `loop.add_reader(inbox.fileno(), ...)`).
#[pyclass(module = "docker_engine_api._native", frozen)]
pub struct Inbox {
    shared: Arc<Shared>,
    /// The end the loop reads.
    watched: UnixStream,
}

#[pymethods]
impl Inbox {
    #[new]
    fn new() -> PyResult<Inbox> {
        let (watched, wake) = UnixStream::pair()?;
        watched.set_nonblocking(true)?;
        wake.set_nonblocking(true)?;
        Ok(Inbox {
            shared: Arc::new(Shared {
                queue: Mutex::new(Vec::new()),
                wake,
            }),
            watched,
        })
    }

    /// The descriptor the loop watches for reading.
    fn fileno(&self) -> i32 {
        self.watched.as_raw_fd()
    }

    /// Settles every future that has finished (unless it was cancelled meanwhile).
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        // The wake-ups first, then the queue: a push after the take writes a new one.
        let mut buf = [0u8; 256];
        loop {
            match (&self.watched).read(&mut buf) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let settled =
            std::mem::take(&mut *self.shared.queue.lock().unwrap_or_else(|p| p.into_inner()));
        for Settled { fut, outcome } in settled {
            // Every future of the batch is settled, whatever happens to one of them (a
            // future that cannot take its result is one that nobody awaits any more).
            let _ = settle(fut.bind(py), outcome(py));
        }
        Ok(())
    }
}

/// Settles `fut` with `outcome` unless it is done already (cancelled meanwhile).
fn settle(fut: &Bound<'_, PyAny>, outcome: PyResult<Py<PyAny>>) -> PyResult<()> {
    let py = fut.py();
    if fut.call_method0(intern!(py, "done"))?.is_truthy()? {
        return Ok(());
    }
    match outcome {
        Ok(value) => fut.call_method1(intern!(py, "set_result"), (value,))?,
        Err(e) => fut.call_method1(intern!(py, "set_exception"), (e.into_value(py),))?,
    };
    Ok(())
}

/// Whether the interpreter is going away (set by `shutdown`, an `atexit` hook).
static FINALIZING: AtomicBool = AtomicBool::new(false);

/// `fut.add_done_callback(canceller)`: a cancelled asyncio future aborts the Rust task.
#[pyclass(module = "docker_engine_api._native", frozen)]
pub struct Canceller {
    task: tokio::task::AbortHandle,
}

#[pymethods]
impl Canceller {
    fn __call__(&self, fut: &Bound<'_, PyAny>) -> PyResult<()> {
        if fut
            .call_method0(intern!(fut.py(), "cancelled"))?
            .is_truthy()?
        {
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

/// Called at exit (before the interpreter finalizes): threads still blocked in a call of
/// the blocking API must not take the GIL back (see `finalizing`).
#[pyfunction]
pub fn shutdown() {
    FINALIZING.store(true, Ordering::SeqCst);
}
