//! `docker_engine_api._native`: the Rust core seen from Python. Deliberately small: calls by
//! operation id (the core's `dispatch`) and helpers by name (`call_helper`), arguments and
//! results as JSON text, streams as objects with `next()`. The Python package
//! (`python/docker_engine_api`) gives them their idiomatic, generated surface.
//!
//! Every call has two forms: `call` answers an asyncio future (cancelling it drops the Rust
//! future, which ends the request), `call_blocking` waits with the GIL released.

mod attached;
mod bridge;
mod client;
mod errors;
mod runtime;
mod stream;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    bridge::remember_main_thread(m.py())?;
    m.add_class::<client::Client>()?;
    m.add_class::<stream::Stream>()?;
    m.add_class::<attached::Attached>()?;
    m.add_class::<bridge::Canceller>()?;
    m.add_class::<bridge::Inbox>()?;
    m.add_function(wrap_pyfunction!(bridge::shutdown, m)?)?;
    m.add("OPERATIONS", operation_ids())?;
    Ok(())
}

/// The operation ids of the core's table, for the Python side's completeness test.
fn operation_ids() -> Vec<&'static str> {
    docker_engine_api::OPERATIONS.iter().map(|o| o.id).collect()
}
