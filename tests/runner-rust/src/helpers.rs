//! The hand-written helpers of the core, called by name from the cases
//! (`{"helper": "images.build_dir", "args": {...}}`) through the core's `call_helper`. Files a
//! helper reads or writes are described in the case as `{"path": "content"}` maps and live in
//! a scratch folder; this module turns them into the host paths the core's helpers take.

use docker_engine_api::helpers::call_helper as core_helper;
use docker_engine_api::{Docker, Error};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
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

    fn path_text(&self, rel: &str) -> String {
        self.0.join(rel).to_string_lossy().into_owned()
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

/// Takes `key` (a `{"path": "content"}` map) out of the helper's arguments.
fn take_files(
    args: &mut Map<String, Value>,
    key: &str,
) -> Result<BTreeMap<String, String>, String> {
    let files = args.remove(key).unwrap_or_else(|| json!({}));
    serde_json::from_value(files).map_err(|e| format!("`{key}` must map paths to text: {e}"))
}

#[derive(Deserialize)]
struct Source {
    source: String,
}

/// Runs a helper; `Err(String)` is a broken case, `Ok(Err(_))` the helper's own error.
pub async fn call_helper(
    docker: &Docker,
    helper: &str,
    args: Value,
) -> Result<Result<Value, Error>, String> {
    let mut args = match args {
        Value::Object(m) => m,
        Value::Null => Map::new(),
        other => return Err(format!("helper args must be an object, not {other}")),
    };
    let dir = Scratch::new()?;
    match helper {
        "images.build_dir" => {
            write_files(&dir.0, &take_files(&mut args, "files")?)?;
            args.insert("path".into(), Value::String(dir.path_text("")));
        }
        "containers.copy_to" => {
            let files = take_files(&mut args, "files")?;
            let Source { source } = serde_json::from_value(Value::Object(args.clone()))
                .map_err(|e| format!("bad args for {helper}: {e}"))?;
            write_files(&dir.0.join(&source), &files)?;
            std::fs::create_dir_all(dir.0.join(&source)).map_err(|e| e.to_string())?;
            args.insert("source".into(), Value::String(dir.path_text(&source)));
        }
        "containers.copy_from" => {
            args.insert("dest".into(), Value::String(dir.path_text("")));
            return Ok(
                match core_helper(docker, helper, Value::Object(args)).await {
                    Ok(_) => Ok(json!({"files": read_files(&dir.0)?})),
                    Err(e) => Err(e),
                },
            );
        }
        _ => {}
    }
    Ok(core_helper(docker, helper, Value::Object(args)).await)
}
