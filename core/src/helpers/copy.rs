//! Copying files between this host and a container, as `docker cp` does, streamed both ways.

use super::blocking_read::consume_blocking;
use super::tar_pipe::{io_error, spawn_tar_body};
use super::tar_tree::{append_tree, ArchiveName};
use super::unpack::unpack_tar;
use crate::api::{Containers, PutContainerArchiveOptions};
use crate::error::{Error, Result};
use std::path::Path;

impl Containers<'_> {
    /// Copies `host_path` (a file, a folder with all it contains, or a symlink as a symlink)
    /// into the folder `container_dir` of container `id`, keeping its name:
    /// `containers().copy_to(id, "/tmp/site", "/srv")` makes `/srv/site`.
    pub async fn copy_to(
        &self,
        id: &str,
        host_path: impl AsRef<Path>,
        container_dir: &str,
    ) -> Result<()> {
        let docker = self.docker;
        let path = host_path.as_ref().to_path_buf();
        let meta = std::fs::symlink_metadata(&path)
            .map_err(|e| Error::invalid_argument(format!("{}: {e}", path.display())))?;
        let name = archive_name(&path)?;
        let (payload, producer) = spawn_tar_body(move |out| {
            let mut builder = tar::Builder::new(out);
            append_tree(&mut builder, &path, &name, &meta)
                .and_then(|()| builder.finish())
                .map_err(io_error)
        });
        let result = docker
            .containers()
            .put_archive(
                id,
                container_dir,
                payload,
                PutContainerArchiveOptions::default(),
            )
            .await;
        match producer.take_error() {
            Some(e) => Err(e.with_operation("PutContainerArchive")),
            None => result,
        }
    }

    /// Copies `container_path` (file or folder) of container `id` into the host folder
    /// `host_dir` (created if missing), keeping its name. Extraction is streamed and refuses
    /// entries that would land outside `host_dir` (see [`unpack_tar`]).
    pub async fn copy_from(
        &self,
        id: &str,
        container_path: &str,
        host_dir: impl AsRef<Path>,
    ) -> Result<()> {
        let docker = self.docker;
        let dir = host_dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::invalid_argument(format!("{}: {e}", dir.display())))?;
        let stream = docker.containers().archive(id, container_path).await?;
        consume_blocking(stream, move |reader| unpack_tar(reader, &dir))
            .await
            .map_err(|e| e.with_operation("ContainerArchive"))
    }
}

/// The name the copied path gets in the container: its last component, after resolving
/// `.`/`..` (so `copy_to(id, ".", dir)` copies the current folder under its own name).
fn archive_name(path: &Path) -> Result<ArchiveName> {
    let named = match path.file_name() {
        Some(n) => Some(n.to_os_string()),
        None => std::fs::canonicalize(path)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_os_string())),
    };
    named.map(ArchiveName::new).ok_or_else(|| {
        Error::invalid_argument(format!("{} has no name to copy under", path.display()))
    })
}
