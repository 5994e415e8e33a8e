//! Extracting a tar archive into a host folder without letting it write anywhere else.
//!
//! Refused, with an [`ErrorKind::Stream`] error naming the entry (the archive comes from
//! the engine: its content is what is wrong, not the caller's arguments):
//! - entries with an absolute path or a `..` component;
//! - hard links to a path outside the folder;
//! - entries whose parent folder, on disk, is a link that resolves outside the folder
//!   (a link followed by an entry written through it, or a link planted there before).
//!
//! Symlinks are kept as they are, whatever they point at, as `docker cp` keeps them: a
//! container's `/etc` has absolute links (`mtab -> /proc/mounts`), and a link is only a
//! name until something is written through it, which is what is refused.
//!
//! Extraction is streamed: entries before a refused one are already written (all inside
//! the folder); nothing is ever written outside it.

use crate::error::{Error, ErrorKind, Result};
use std::fs;
use std::io::Read;
use std::path::Path;
use tar::EntryType;

/// Extracts the tar archive read from `reader` into the existing folder `dir`.
pub fn unpack_tar<R: Read>(reader: R, dir: &Path) -> Result<()> {
    let root = fs::canonicalize(dir)
        .map_err(|e| Error::invalid_argument(format!("target folder {}: {e}", dir.display())))?;
    let mut archive = tar::Archive::new(reader);
    archive.set_overwrite(true);
    // Owners and setuid bits of the container's files mean nothing on this host.
    archive.set_preserve_ownerships(false);
    archive.set_preserve_permissions(false);
    let entries = archive.entries().map_err(bad_archive)?;
    for entry in entries {
        let mut entry = entry.map_err(bad_archive)?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let rel = relative_parts(&name)
            .ok_or_else(|| refused(&name, "its path is absolute or contains `..`"))?;
        if rel.is_empty() {
            continue; // `./` itself: the target folder.
        }
        check_parents(&root, &rel, &name)?;
        let kind = entry.header().entry_type();
        let link = entry
            .link_name_bytes()
            .map(|l| String::from_utf8_lossy(&l).into_owned());
        if let (EntryType::Link, Some(target)) = (kind, &link) {
            check_hardlink_target(&root, target, &name)?;
        }
        let unpacked = entry
            .unpack_in(&root)
            .map_err(|e| Error::new(ErrorKind::Stream, format!("cannot extract {name:?}: {e}")))?;
        if !unpacked {
            return Err(refused(&name, "the tar library refused its path"));
        }
    }
    Ok(())
}

/// The components of an archive path, or `None` when it is absolute or has `..`.
/// `.` and empty components (`a//b`, `./a`) are dropped.
fn relative_parts(path: &str) -> Option<Vec<&str>> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts)
}

/// Every existing ancestor of the entry that is a link must resolve inside `root`;
/// otherwise the entry would be written through it, outside.
fn check_parents(root: &Path, rel: &[&str], name: &str) -> Result<()> {
    let mut path = root.to_path_buf();
    for part in &rel[..rel.len() - 1] {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                if !resolves_inside(root, &path) {
                    return Err(refused(
                        name,
                        "it would be written through a link that leaves the folder",
                    ));
                }
            }
            Ok(_) => {}
            Err(_) => break, // Missing: created as a plain folder by the extraction.
        }
    }
    Ok(())
}

/// A hard link names another entry of the archive, by its path from the archive root.
fn check_hardlink_target(root: &Path, target: &str, name: &str) -> Result<()> {
    let parts = relative_parts(target)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            refused(
                name,
                &format!("it hard-links to {target:?}, outside the folder"),
            )
        })?;
    // The target's folders must not lead out through links; the target itself may be a
    // symlink (the hard link then is one too, already checked when it was created).
    check_parents(root, &parts, name)
}

fn resolves_inside(root: &Path, path: &Path) -> bool {
    fs::canonicalize(path)
        .map(|real| real.starts_with(root))
        .unwrap_or(false)
}

fn refused(name: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::Stream,
        format!("refused to extract {name:?} from the archive: {why}"),
    )
}

fn bad_archive(e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Stream,
        format!("the archive could not be read: {e}"),
    )
}
