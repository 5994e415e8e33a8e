//! Formatting the generated files with rustfmt, writing them, and comparing them with what is
//! on disk (`--check`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Generated files: path relative to the output directory (with `/`) -> content.
pub type Files = BTreeMap<String, String>;

/// Formats Rust source as `cargo fmt` would: the same rustfmt, edition 2021, and the
/// configuration found from `config_dir` (the crate the files belong to).
pub fn rustfmt(source: &str, config_dir: &Path) -> Result<String, String> {
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_string());
    let mut child = Command::new(&program)
        .args(["--edition", "2021", "--emit", "stdout"])
        .current_dir(config_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("cannot run {program}: {e} (install it with `rustup component add rustfmt`)")
        })?;
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    let input = source.to_string();
    // Written from another thread: rustfmt may fill its stdout pipe before reading all input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    writer
        .join()
        .map_err(|_| "the rustfmt writer panicked")?
        .map_err(|e| format!("cannot feed rustfmt: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt rejected the generated code:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt printed invalid UTF-8: {e}"))
}

/// The nearest existing directory at or above `dir`, for rustfmt's configuration search.
pub fn existing_ancestor(dir: &Path) -> PathBuf {
    let mut d = dir.to_path_buf();
    while !d.is_dir() {
        if !d.pop() {
            return PathBuf::from(".");
        }
    }
    d
}

/// Every file below `dir`, as relative `/`-separated paths.
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if let Ok(rel) = path.strip_prefix(base) {
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// What differs between `files` and the directory: one line per file.
pub fn check(dir: &Path, files: &Files) -> Vec<String> {
    let mut problems = Vec::new();
    for (rel, content) in files {
        match std::fs::read_to_string(dir.join(rel)) {
            Ok(on_disk) if &on_disk == content => {}
            Ok(_) => problems.push(format!("differs: {rel}")),
            Err(_) => problems.push(format!("missing: {rel}")),
        }
    }
    for rel in files_below(dir) {
        if !files.contains_key(&rel) {
            problems.push(format!("should not be there: {rel}"));
        }
    }
    problems
}

/// Writes the files (only those that changed) and removes files the generator no longer makes.
pub fn write(dir: &Path, files: &Files) -> Result<(), String> {
    for rel in files_below(dir) {
        if !files.contains_key(&rel) {
            let path = dir.join(&rel);
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    for (rel, content) in files {
        let path = dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(content.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
