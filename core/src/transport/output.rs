//! The result of a call made by operation id (`dispatch`), whatever its response kind.

use super::ByteStream;

/// A call's result when the caller does not know its Rust type in advance.
#[derive(Debug)]
pub enum Output {
    Empty,
    Json(serde_json::Value),
    Text(String),
    Stream(ByteStream),
}
