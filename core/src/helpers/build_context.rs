//! The build context of a folder: every file the `.dockerignore` rules keep, plus the
//! Dockerfile and `.dockerignore` themselves, always (as the Docker CLI does).

use super::dockerignore::{go_clean, IgnoreRules};
use super::tar_tree::{append_one, children, with_path, ArchiveName, Sink};
use crate::error::{Error, Result};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A checked build context, ready to be archived.
#[derive(Debug)]
pub(crate) struct BuildContext {
    root: PathBuf,
    rules: IgnoreRules,
    /// Archive names sent whatever the rules say.
    always: Vec<String>,
}

impl BuildContext {
    /// Reads `.dockerignore` and checks the Dockerfile is a file inside `root`. `dockerfile`
    /// is relative to `root` (default `Dockerfile`). Returns the context and the Dockerfile's
    /// name inside the archive (what the `dockerfile` query parameter must say).
    pub(crate) fn open(root: &Path, dockerfile: Option<&str>) -> Result<(BuildContext, String)> {
        let meta = std::fs::metadata(root).map_err(|e| {
            Error::invalid_argument(format!("build context {}: {e}", root.display()))
        })?;
        if !meta.is_dir() {
            return Err(Error::invalid_argument(format!(
                "build context {} is not a folder",
                root.display()
            )));
        }
        let dockerfile = go_clean(&dockerfile.unwrap_or("Dockerfile").replace('\\', "/"));
        if dockerfile.starts_with('/') || dockerfile == ".." || dockerfile.starts_with("../") {
            return Err(Error::invalid_argument(format!(
                "the Dockerfile {dockerfile:?} must be a path inside the build context"
            )));
        }
        let df_path = root.join(&dockerfile);
        if !df_path.is_file() {
            return Err(Error::invalid_argument(format!(
                "no Dockerfile at {} (dockerfile is relative to the build context)",
                df_path.display()
            )));
        }
        let rules = match std::fs::read_to_string(root.join(".dockerignore")) {
            Ok(text) => IgnoreRules::parse(&text)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => IgnoreRules::default(),
            Err(e) => {
                return Err(Error::invalid_argument(format!(
                    "cannot read {}: {e}",
                    root.join(".dockerignore").display()
                )))
            }
        };
        let ctx = BuildContext {
            root: root.to_path_buf(),
            rules,
            always: vec![".dockerignore".to_string(), dockerfile.clone()],
        };
        Ok((ctx, dockerfile))
    }

    /// Whether the archive keeps `name` (a `/`-separated path relative to the root).
    pub(crate) fn keeps(&self, name: &str) -> bool {
        self.always.iter().any(|a| a == name) || !self.rules.is_excluded(name)
    }

    /// Whether an excluded folder must still be read: something inside may be kept.
    fn must_walk(&self, dir: &str) -> bool {
        let inside = format!("{dir}/");
        self.always.iter().any(|a| a.starts_with(&inside)) || self.rules.may_reinclude_inside(dir)
    }

    /// Writes the archive (gzip-compressed or not) into `out`.
    pub(crate) fn write_tar<W: Write>(&self, out: W, gzip: bool) -> io::Result<W> {
        let mut builder = tar::Builder::new(Sink::new(out, gzip));
        self.walk(&mut builder, &self.root, &ArchiveName::default())?;
        builder.into_inner()?.finish()
    }

    fn walk<W: Write>(
        &self,
        builder: &mut tar::Builder<W>,
        dir: &Path,
        prefix: &ArchiveName,
    ) -> io::Result<()> {
        for child in children(dir, prefix)? {
            let kept = self.keeps(&child.name.text);
            if kept {
                append_one(builder, &child.path, &child.name, &child.meta)
                    .map_err(|e| with_path(e, &child.path))?;
            }
            // Symlinks to folders are entries, never followed.
            if child.meta.is_dir() && (kept || self.must_walk(&child.name.text)) {
                self.walk(builder, &child.path, &child.name)?;
            }
        }
        Ok(())
    }
}
