//! Writes files, folders and symlinks of the host into a tar archive, the way Docker's own
//! archiver does: symlinks stay symlinks, modes and mtimes are kept, owner is root (as the
//! CLI's `ChownOpts{0,0}`), children in byte order of their names so the same folder always
//! gives the same archive.

use flate2::write::GzEncoder;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use tar::{EntryType, Header, HeaderMode};

/// Where archive bytes go: as they are, or through gzip.
pub(crate) enum Sink<W: Write> {
    Plain(W),
    Gzip(GzEncoder<W>),
}

impl<W: Write> Sink<W> {
    pub(crate) fn new(w: W, gzip: bool) -> Sink<W> {
        if gzip {
            Sink::Gzip(GzEncoder::new(w, flate2::Compression::default()))
        } else {
            Sink::Plain(w)
        }
    }

    /// Writes the gzip trailer; dropping a `GzEncoder` would swallow its error.
    pub(crate) fn finish(self) -> io::Result<W> {
        match self {
            Sink::Plain(w) => Ok(w),
            Sink::Gzip(gz) => gz.finish(),
        }
    }
}

impl<W: Write> Write for Sink<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
        }
    }
}

/// A `/`-separated name in the archive: the exact bytes of the host's names (a name that is
/// not UTF-8 is sent as it is), and as text for `.dockerignore` rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArchiveName {
    pub(crate) text: String,
    pub(crate) raw: OsString,
}

impl ArchiveName {
    pub(crate) fn new(raw: OsString) -> ArchiveName {
        ArchiveName {
            text: raw.to_string_lossy().into_owned(),
            raw,
        }
    }

    /// `self/name` (just `name` at the root).
    fn join(&self, name: &OsStr) -> ArchiveName {
        if self.raw.is_empty() {
            return ArchiveName::new(name.to_os_string());
        }
        let mut raw = self.raw.clone();
        raw.push("/");
        raw.push(name);
        ArchiveName::new(raw)
    }
}

/// A host path listed in a folder, with the name it gets in the archive.
pub(crate) struct Child {
    pub(crate) path: PathBuf,
    pub(crate) name: ArchiveName,
    pub(crate) meta: Metadata,
}

/// The entries of `dir` in byte order of their names. `prefix` is `dir`'s archive name
/// (empty for the archive root).
pub(crate) fn children(dir: &Path, prefix: &ArchiveName) -> io::Result<Vec<Child>> {
    let mut entries = fs::read_dir(dir)
        .map_err(|e| with_path(e, dir))?
        .collect::<io::Result<Vec<_>>>()
        .map_err(|e| with_path(e, dir))?;
    entries.sort_by_key(|e| e.file_name());
    entries
        .into_iter()
        .map(|e| {
            let path = e.path();
            let name = prefix.join(&e.file_name());
            let meta = fs::symlink_metadata(&path).map_err(|err| with_path(err, &path))?;
            Ok(Child { path, name, meta })
        })
        .collect()
}

/// Appends one file, folder (its entry only, not its content) or symlink. Sockets, fifos
/// and devices are left out: they have no content to send.
pub(crate) fn append_one<W: Write>(
    builder: &mut tar::Builder<W>,
    path: &Path,
    name: &ArchiveName,
    meta: &Metadata,
) -> io::Result<()> {
    let name = Path::new(&name.raw);
    let mut header = Header::new_gnu();
    header.set_metadata_in_mode(meta, HeaderMode::Complete);
    header.set_uid(0);
    header.set_gid(0);
    let kind = meta.file_type();
    if kind.is_dir() {
        header.set_entry_type(EntryType::Directory);
        header.set_size(0);
        let mut dir = name.as_os_str().to_os_string();
        dir.push("/");
        builder.append_data(&mut header, dir, io::empty())
    } else if kind.is_symlink() {
        let target = fs::read_link(path).map_err(|e| with_path(e, path))?;
        header.set_entry_type(EntryType::Symlink);
        header.set_size(0);
        builder.append_link(&mut header, name, target)
    } else if kind.is_file() {
        let file = File::open(path).map_err(|e| with_path(e, path))?;
        header.set_entry_type(EntryType::Regular);
        header.set_size(meta.len());
        // `take` keeps the archive well formed if the file grows while it is read.
        builder.append_data(&mut header, name, file.take(meta.len()))
    } else {
        Ok(())
    }
}

/// Appends a whole tree: `path` itself under `name`, then, for a folder, all it contains.
pub(crate) fn append_tree<W: Write>(
    builder: &mut tar::Builder<W>,
    path: &Path,
    name: &ArchiveName,
    meta: &Metadata,
) -> io::Result<()> {
    append_one(builder, path, name, meta)?;
    if meta.is_dir() {
        for child in children(path, name)? {
            append_tree(builder, &child.path, &child.name, &child.meta)?;
        }
    }
    Ok(())
}

/// Names the file in an I/O error: "permission denied" alone does not say which.
pub(crate) fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
