//! The hand-written helpers of the core, called by name from the cases
//! (`{"helper": "images.build_dir", "args": {...}}`). Files a helper reads or writes are
//! described in the case as `{"path": "content"}` maps and live in a scratch folder.

use docker_engine_api::{helpers, Docker, Error};
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

/// The files of a case's helper step, which the runner writes to (or reads from) a scratch
/// folder; the other arguments go to the core's helper as they are.
#[derive(Deserialize)]
struct Files {
    #[serde(default)]
    files: BTreeMap<String, String>,
}

fn take_files(helper: &str, args: &mut Value) -> Result<BTreeMap<String, String>, String> {
    let files = args
        .as_object_mut()
        .and_then(|o| o.remove("files"))
        .unwrap_or_else(|| json!({}));
    let files: Files = parse(helper, json!({ "files": files }))?;
    Ok(files.files)
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Runs a helper through the core's `call_helper`; `Err(String)` is a broken case,
/// `Ok(Err(_))` the helper's own error.
pub async fn call_helper(
    docker: &Docker,
    helper: &str,
    mut args: Value,
) -> Result<Result<Value, Error>, String> {
    let dir = Scratch::new()?;
    match helper {
        "images.build_dir" => {
            write_files(&dir.0, &take_files(helper, &mut args)?)?;
            args["path"] = json!(dir.0.to_string_lossy());
        }
        "containers.copy_to" => {
            let files = take_files(helper, &mut args)?;
            let source = dir.0.join(text(&args, "source"));
            std::fs::create_dir_all(&source).map_err(|e| e.to_string())?;
            write_files(&source, &files)?;
            args["source"] = json!(source.to_string_lossy());
        }
        "containers.copy_from" => {
            args["dest"] = json!(dir.0.to_string_lossy());
            return Ok(match helpers::call_helper(docker, helper, args).await {
                Ok(_) => Ok(json!({"files": read_files(&dir.0)?})),
                Err(e) => Err(e),
            });
        }
        _ => {}
    }
    Ok(helpers::call_helper(docker, helper, args).await)
}
