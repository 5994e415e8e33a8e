//! `containers().run`: what `docker run IMAGE CMD` does, as one call answering the exit code
//! and the output.

use super::output::{gather, nonzero_exit, CommandOutput};
use super::pull::PullOptions;
use crate::api::Containers;
use crate::error::Result;
use crate::models::ContainerCreateBody;
use bytes::Bytes;
use std::collections::HashMap;

/// When `run` pulls the image first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PullPolicy {
    /// Only when the engine does not have it (as `docker run`).
    #[default]
    Missing,
    /// Every time, to get the registry's newest.
    Always,
    /// Never: a missing image is the create's `NotFound` error.
    Never,
}

/// How to run. `Default`: pull if missing, no TTY, no stdin, keep the container (as
/// `docker run` without `--rm`), a non-zero exit is data.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub pull: PullPolicy,
    /// Platform and credentials for the pull (and the platform for the create).
    pub pull_options: PullOptions,
    pub name: Option<String>,
    /// `KEY=value` pairs, added to those of `body`.
    pub env: Vec<String>,
    pub tty: bool,
    /// Sent as the program's stdin, then closed: the program reads end of file.
    pub stdin: Option<Bytes>,
    /// Delete the container (and its anonymous volumes) at the end, also after an error.
    /// `body.host_config.auto_remove` is read as this (the engine's own removal could come
    /// before the exit code is read).
    pub remove: bool,
    /// A non-zero exit is an error of kind `NonZeroExit` (with the code and the end of
    /// stderr) instead of data.
    pub check: bool,
    pub workdir: Option<String>,
    /// `user`, `user:group`, or numeric ids.
    pub user: Option<String>,
    /// Added to those of `body`.
    pub labels: HashMap<String, String>,
    /// Anything else of the container: `host_config` (mounts, limits, network...),
    /// entrypoint, ... Its `image`, `cmd`, `tty` and attach/stdin fields are set by `run`.
    pub body: ContainerCreateBody,
}

/// A finished container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    /// The container's id (already deleted with `remove`).
    pub id: String,
    pub exit_code: i64,
    pub stdout: Bytes,
    pub stderr: Bytes,
    /// Every chunk as it came: stdout and stderr interleaved in the order of the writes.
    pub chunks: Vec<crate::OutputChunk>,
}

impl Containers<'_> {
    /// Runs `cmd` (empty: the image's default command) in a new container of `image`,
    /// reads all its output and waits for its exit. The output is attached before the
    /// start, so none is lost. For long or large output, see [`Containers::run_stream`].
    pub async fn run(&self, image: &str, cmd: &[&str], opts: RunOptions) -> Result<RunOutput> {
        let check = opts.check;
        let mut running = self
            .run_stream(
                image,
                cmd,
                RunOptions {
                    check: false,
                    ..opts
                },
            )
            .await?;
        let gathered = match gather(&mut running.output, 0).await {
            Ok(g) => g,
            Err(e) => {
                running.abandon().await;
                return Err(e);
            }
        };
        let id = running.id().to_string();
        let exit_code = running.wait().await?;
        if check && exit_code != 0 {
            return Err(nonzero_exit(
                "the container",
                exit_code,
                &gathered.stderr,
                "ContainerWait",
            ));
        }
        let CommandOutput {
            stdout,
            stderr,
            chunks,
            ..
        } = gathered;
        Ok(RunOutput {
            id,
            exit_code,
            stdout,
            stderr,
            chunks,
        })
    }
}
