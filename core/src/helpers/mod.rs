//! Layer 8, helpers written by hand on the generated API, as methods of the group handles:
//! `docker.containers().run(..)` / `run_stream(..)` / `copy_to(..)` / `copy_from(..)`,
//! `docker.exec().run(..)`, `docker.images().pull(..)` / `push_image(..)` / `build_from_dir(..)`.

mod blocking_read;
mod build;
mod build_context;
mod by_name;
mod copy;
mod dockerignore;
mod exec_run;
mod image_ref;
mod output;
mod pull;
mod push;
mod run;
mod run_stream;
mod tar_pipe;
mod tar_tree;
mod unpack;

/// Also here, where the pull helper's users look for it.
pub use crate::auth::RegistryAuth;
pub use build::{build_context_tar, BuildDirOptions, BuildOutput};
pub use by_name::{attach_by_name, call_helper, chunks_json, pull_by_name, HELPERS};
pub use dockerignore::IgnoreRules;
pub use exec_run::ExecRunOptions;
pub use image_ref::ImageRef;
pub use output::CommandOutput;
pub use pull::{PullOptions, PullProgress};
pub use push::{PushOptions, PushOutput, PushProgress};
pub use run::{PullPolicy, RunOptions, RunOutput};
pub use run_stream::RunStream;
pub use unpack::unpack_tar;
