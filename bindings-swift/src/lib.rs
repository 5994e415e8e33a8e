//! The uniffi binding of the core, for Swift and Kotlin: a client (`DockerClient`), one group
//! object per spec tag with one async method per operation (generated from the operation
//! table into `generated/`), records for the models, calls by operation id for the case
//! runners, the core's helpers by name, streams read chunk by chunk, hijacked stdin, and one
//! error enum. Everything idiomatic (`Docker.fromEnv()`, `Flow`, `AsyncSequence`) is the
//! hand-written layer of each language; this crate only converts values, maps errors and makes
//! calls cancellable.

mod call;
mod cancel;
mod client;
mod duplex;
mod error;
mod generated;
mod json;
mod run;
mod sink;
mod stream;

pub use cancel::CancelToken;
pub use client::{CallOutput, ClientOptions, DockerClient, OutputKind, RequestBody, TlsConfig};
pub use error::DockerError;
pub use generated::*;
pub use sink::PayloadSink;
pub use stream::{Chunk, DockerStream};

uniffi::setup_scaffolding!();
