//! Layer 8, helpers written by hand on the generated API: build an image from a folder,
//! copy files to and from a container.
//!
//! They are free functions taking the client until the generated group handles
//! (`docker.images()`, ...) expose their client to hand-written code; then they also become
//! methods there (`docker.images().build_from_dir(..)`).

mod blocking_read;
mod build;
mod build_context;
mod copy;
mod dockerignore;
mod tar_pipe;
mod tar_tree;
mod unpack;

pub use build::{build_context_tar, build_from_dir, BuildDirOptions, BuildOutput};
pub use copy::{copy_from, copy_to};
pub use dockerignore::IgnoreRules;
pub use unpack::unpack_tar;
