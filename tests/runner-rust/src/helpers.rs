//! The hand-written helpers of the core, called by name from the cases
//! (`{"helper": "images.build_dir", "args": {...}}`). Files a helper reads or writes are
//! described in the case as `{"path": "content"}` maps and live in a scratch folder.

use crate::run_helpers::{containers_run, exec_run, images_pull};
use docker_engine_api::helpers::BuildDirOptions;
use docker_engine_api::{Docker, Error};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, String> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("dea-runner-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write_files(root: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    for (rel, content) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Every regular file under `root`, by relative path, with its (lossy UTF-8) content.
fn read_files(root: &Path) -> Result<Map<String, Value>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Map<String, Value>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let meta = std::fs::symlink_metadata(&path)?;
            if meta.is_dir() {
                walk(root, &path, out)?;
            } else if meta.is_file() {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                let text = String::from_utf8_lossy(&std::fs::read(&path)?).into_owned();
                out.insert(rel, Value::String(text));
            }
        }
        Ok(())
    }
    let mut out = Map::new();
    walk(root, root, &mut out).map_err(|e| format!("reading {}: {e}", root.display()))?;
    Ok(out)
}

fn parse<T: for<'de> Deserialize<'de>>(helper: &str, args: Value) -> Result<T, String> {
    serde_json::from_value(args).map_err(|e| format!("bad args for {helper}: {e}"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildDirArgs {
    files: BTreeMap<String, String>,
    #[serde(default)]
    dockerfile: Option<String>,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    buildargs: HashMap<String, String>,
    #[serde(default)]
    labels: HashMap<String, String>,
    #[serde(default)]
    gzip: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyToArgs {
    id: String,
    source: String,
    files: BTreeMap<String, String>,
    dest: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CopyFromArgs {
    id: String,
    path: String,
}

/// Runs a helper; `Err(String)` is a broken case, `Ok(Err(_))` the helper's own error.
pub async fn call_helper(
    docker: &Docker,
    helper: &str,
    args: Value,
) -> Result<Result<Value, Error>, String> {
    match helper {
        "images.build_dir" => {
            let a: BuildDirArgs = parse(helper, args)?;
            let dir = Scratch::new()?;
            write_files(&dir.0, &a.files)?;
            let opts = BuildDirOptions {
                dockerfile: a.dockerfile,
                tag: a.tag,
                buildargs: a.buildargs,
                labels: a.labels,
                gzip: a.gzip,
                ..Default::default()
            };
            Ok(docker
                .images()
                .build_from_dir(&dir.0, opts)
                .await
                .map(|out| json!({"image_id": out.image_id, "log": out.log})))
        }
        "containers.copy_to" => {
            let a: CopyToArgs = parse(helper, args)?;
            let dir = Scratch::new()?;
            let source = dir.0.join(&a.source);
            std::fs::create_dir_all(&source).map_err(|e| e.to_string())?;
            write_files(&source, &a.files)?;
            Ok(docker
                .containers()
                .copy_to(&a.id, &source, &a.dest)
                .await
                .map(|()| Value::Null))
        }
        "containers.copy_from" => {
            let a: CopyFromArgs = parse(helper, args)?;
            let dir = Scratch::new()?;
            match docker.containers().copy_from(&a.id, &a.path, &dir.0).await {
                Ok(()) => Ok(Ok(json!({"files": read_files(&dir.0)?}))),
                Err(e) => Ok(Err(e)),
            }
        }
        "containers.run" => containers_run(docker, parse(helper, args)?).await,
        "exec.run" => exec_run(docker, parse(helper, args)?).await,
        "images.pull" => images_pull(docker, parse(helper, args)?).await,
        other => Err(format!("unknown helper {other:?}")),
    }
}
