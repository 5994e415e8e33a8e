//! The core's `Error` as the Python exception of its kind (`docker_engine_api.errors`), made
//! by the Python side's `_from_native` so the class hierarchy lives in one place.

use docker_engine_api::Error;
use pyo3::prelude::*;

pub fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let made = py
        .import("docker_engine_api.errors")
        .and_then(|m| m.getattr("_from_native"))
        .and_then(|f| {
            f.call1((
                e.kind().as_str(),
                e.status(),
                e.message(),
                e.operation(),
                e.connect_cause().map(|c| c.as_str()),
                e.exit_code(),
                e.to_string(),
            ))
        });
    match made {
        Ok(exc) => PyErr::from_value(exc),
        // The package is broken if this happens; still say what the core said.
        Err(import_error) => pyo3::exceptions::PyRuntimeError::new_err(format!(
            "{e} (and docker_engine_api.errors failed: {import_error})"
        )),
    }
}

/// A Python-side argument problem (bad JSON, wrong type) as the core's `InvalidArgument`.
pub fn invalid(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_py_err(py, &Error::invalid_argument(message))
}
