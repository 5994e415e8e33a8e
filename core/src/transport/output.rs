//! The result of a call made by operation id (`dispatch`), whatever its response kind.

use super::ByteStream;
use crate::streams::{JsonStream, OutputStream};

/// A call's result when the caller does not know its Rust type in advance. Bindings iterate
/// the three stream variants generically.
#[derive(Debug)]
pub enum Output {
    Empty,
    /// The typed result as JSON text, serialized straight from the model: the bindings
    /// hand it to their language's own JSON parser (a `serde_json::Value` in between cost
    /// more than the decode itself).
    Json(String),
    Text(String),
    /// Raw bytes (export, save, archive), never buffered whole.
    Bytes(ByteStream),
    /// Container output (logs, attach, exec start), chunk by chunk with its stream.
    Chunks(OutputStream),
    /// A JSON-lines stream (events, stats, progress), one object at a time.
    Lines(JsonStream<serde_json::Value>),
}
