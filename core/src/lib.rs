//! A Docker Engine API v1.45 client: every operation of the spec, typed models, version
//! negotiation and typed errors.
//!
//! ```no_run
//! # async fn demo() -> docker_engine_api::Result<()> {
//! use docker_engine_api::Docker;
//! let docker = Docker::from_env()?;
//! let pong = docker.system().ping().await?;
//! println!("{pong}");
//! # Ok(()) }
//! ```

pub mod auth;
pub mod connection;
mod docker;
pub mod error;
pub mod helpers;
pub mod operation;
pub mod streams;
pub mod transport;
pub mod version;

#[allow(clippy::all, missing_docs, rustdoc::all)]
mod generated;

pub use auth::{Credentials, RegistryAuth};
pub use connection::{Pem, SshOptions, TlsOptions, TlsPaths};
pub use docker::{Docker, DockerBuilder, Timeouts};
pub use error::{ConnectCause, Error, ErrorKind, Result};
pub use generated::api;
pub use generated::dispatch::dispatch;
pub use generated::models;
pub use generated::operations::{operation, OPERATIONS};
pub use operation::Operation;
pub use streams::{Attached, AttachedStdin, JsonStream, OutputChunk, OutputKind, OutputStream};
pub use transport::{ByteStream, Output, PathStat, Payload};
pub use version::{ApiVersion, VersionPolicy};
