//! `build_from_dir`: an image from a folder on this host, the way `docker build DIR` does it.

use super::build_context::BuildContext;
use super::tar_pipe::{io_error, spawn_tar_body};
use crate::api::{ImageBuildOptions, Images};
use crate::auth::registry_config_header;
use crate::error::{Error, ErrorKind, Result};
use crate::{Docker, Payload};
use futures_util::StreamExt;
use std::collections::HashMap;
use std::path::Path;

/// What to build and how. `Default` builds `DIR/Dockerfile`, untagged, uncompressed.
#[derive(Debug, Clone, Default)]
pub struct BuildDirOptions {
    /// The Dockerfile, relative to the folder (may be in a subfolder). Default `Dockerfile`.
    pub dockerfile: Option<String>,
    /// `name:tag` for the image.
    pub tag: Option<String>,
    pub buildargs: HashMap<String, String>,
    pub labels: HashMap<String, String>,
    /// Send the context gzip-compressed: less to send, more CPU on both sides.
    pub gzip: bool,
    pub nocache: bool,
    /// Pull a newer base image even if one is present.
    pub pull: bool,
    /// Any other parameter of `ImageBuild`; its `dockerfile`, `t`, `remote`, `buildargs`,
    /// `labels`, `nocache` and `pull` are replaced by the fields above.
    pub extra: ImageBuildOptions,
}

/// A finished build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOutput {
    /// The image id (`sha256:...`), from the build's `aux` message.
    pub image_id: String,
    /// The build's log, one line per entry, without line ends.
    pub log: Vec<String>,
}

impl Images<'_> {
    /// Builds an image from `dir`: the context tar is made on a blocking thread and streamed
    /// (constant memory whatever the folder's size), `.dockerignore` applied.
    ///
    /// Errors: `InvalidArgument` before anything is sent (no folder, no Dockerfile in it, a bad
    /// `.dockerignore` pattern, an unreadable file); `Stream` with the daemon's message when the
    /// build fails (e.g. a `COPY` of a missing file); the daemon's status errors otherwise.
    pub async fn build_from_dir(
        &self,
        dir: impl AsRef<Path>,
        opts: BuildDirOptions,
    ) -> Result<BuildOutput> {
        let docker = self.docker;
        let dir = dir.as_ref().to_path_buf();
        let (context, dockerfile) = BuildContext::open(&dir, opts.dockerfile.as_deref())
            .map_err(|e| e.with_operation("ImageBuild"))?;
        let gzip = opts.gzip;
        let (payload, producer) =
            spawn_tar_body(move |out| context.write_tar(out, gzip).map(drop).map_err(io_error));
        let query = ImageBuildOptions {
            dockerfile: Some(dockerfile),
            t: opts.tag,
            remote: None,
            buildargs: non_empty(opts.buildargs),
            labels: non_empty(opts.labels),
            nocache: opts.nocache.then_some(true),
            pull: opts.pull.then(|| "1".to_string()),
            // No intermediate container left behind by a failed step, unless asked otherwise.
            forcerm: opts.extra.forcerm.or(Some(true)),
            ..opts.extra
        };
        let query = ImageBuildOptions {
            x_registry_config: match query.x_registry_config {
                Some(c) => Some(c),
                // The build may pull from any registry: send every stored credential, as the
                // Docker CLI does.
                None => registry_config_header(
                    &docker
                        .credentials()
                        .all()
                        .await
                        .map_err(|e| e.with_operation("ImageBuild"))?,
                ),
            },
            ..query
        };
        let result = run_build(docker, payload, query).await;
        // The archive's own failure (unreadable file) is the cause of whatever the request saw.
        match producer.take_error() {
            Some(e) => Err(e.with_operation("ImageBuild")),
            None => result,
        }
    }
}

/// Writes the build context of `dir` into `out` as `build_from_dir` sends it (for callers
/// who send it themselves, or keep it): the same rules, order and metadata.
pub fn build_context_tar<W: std::io::Write>(
    dir: impl AsRef<Path>,
    dockerfile: Option<&str>,
    out: W,
    gzip: bool,
) -> Result<W> {
    let (context, _) = BuildContext::open(dir.as_ref(), dockerfile)?;
    context.write_tar(out, gzip).map_err(io_error)
}

/// Sends the context and reads the build's progress to its end; an error reported inside
/// the stream (a failed `RUN`, a `COPY` of a missing file) ends it with the daemon's message.
async fn run_build(
    docker: &Docker,
    payload: Payload,
    opts: ImageBuildOptions,
) -> Result<BuildOutput> {
    let mut progress = docker.images().build(Some(payload), opts).await?;
    let mut log = String::new();
    let mut image_id = None;
    while let Some(info) = progress.next().await {
        let info = info?;
        if let Some(text) = info.stream {
            log.push_str(&text);
        }
        if let Some(id) = info.aux.and_then(|aux| aux.id) {
            image_id = Some(id);
        }
    }
    let image_id = image_id.ok_or_else(|| {
        Error::new(ErrorKind::Stream, "the build ended without an image id")
            .with_operation("ImageBuild")
    })?;
    Ok(BuildOutput {
        image_id,
        log: log.lines().map(str::to_string).collect(),
    })
}

fn non_empty(map: HashMap<String, String>) -> Option<HashMap<String, String>> {
    (!map.is_empty()).then_some(map)
}
