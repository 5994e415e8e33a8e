//! Container output as the case format shows it.

use docker_engine_api::OutputChunk;
use serde_json::{json, Value};

/// `[{"stream", "data"}]`, adjacent chunks of one stream merged (how the engine cut the
/// output does not matter), `data` as lossy UTF-8.
pub fn chunks_json(chunks: &[OutputChunk]) -> Value {
    let mut merged: Vec<(&'static str, Vec<u8>)> = Vec::new();
    for chunk in chunks {
        let stream = chunk.stream.as_str();
        match merged.last_mut() {
            Some((last, data)) if *last == stream => data.extend_from_slice(&chunk.data),
            _ => merged.push((stream, chunk.data.to_vec())),
        }
    }
    Value::Array(
        merged
            .into_iter()
            .map(|(stream, data)| json!({"stream": stream, "data": String::from_utf8_lossy(&data)}))
            .collect(),
    )
}
