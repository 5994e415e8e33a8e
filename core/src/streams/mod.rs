//! The streamed response kinds built on a body (`ByteStream`): container output (multiplexed
//! frames or raw TTY bytes), JSON-lines streams, the hijacked duplex of attach/exec with
//! stdin, the frames of a websocket, and the idle timeout of any body.

mod duplex;
mod frames;
pub(crate) mod framing;
pub(crate) mod idle;
mod json;
mod lines;
mod output;
pub(crate) mod websocket;

pub use duplex::{Attached, AttachedStdin};
pub use json::JsonStream;
pub use output::{CollectedOutput, Framing, OutputChunk, OutputKind, OutputStream};
