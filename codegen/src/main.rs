//! `cargo run -p codegen [-- --check] [--spec PATH] [--out DIR]`
//!
//! Reads the Engine API spec and the curated data of `codegen/data/`, and writes
//! `core/src/generated/` (models, operation table, typed API, dispatch) and
//! `bindings-node/generated/` (the Node operation table and `index.d.ts`) and the Python
//! binding's `_generated/` package (group wrappers, `.pyi` stubs, TypedDicts). With `--check` it
//! writes nothing and fails, listing the files, when the committed output differs from what it
//! would generate.

mod data;
mod docs;
mod emit;
mod emit_api;
mod emit_dispatch;
mod emit_models;
mod emit_node;
mod emit_operations;
mod emit_python;
mod emit_python_helpers;
mod emit_uniffi;
mod naming;
mod ops;
mod output;
mod secrets;
mod spec;
mod types;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root, from this crate's location (not the current directory).
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The spec beside the repository: `<root>/../shared/spec/docker-engine-api-v1.45.yaml`.
fn default_spec_path() -> PathBuf {
    workspace_root().join("../shared/spec/docker-engine-api-v1.45.yaml")
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn default_out_dir() -> PathBuf {
    workspace_root().join("core/src/generated")
}

fn default_node_out_dir() -> PathBuf {
    workspace_root().join("bindings-node/generated")
}

/// The Python binding's generated package (`--check` covers it too).
fn python_out_dir() -> PathBuf {
    workspace_root().join("bindings-python/python/docker_engine_api/_generated")
}

/// The uniffi binding's generated Rust (`--check` covers it too).
fn uniffi_out_dir() -> PathBuf {
    workspace_root().join("bindings-swift/src/generated")
}

/// What one run generates: the core's files and the Node and Python bindings'.
struct Generated {
    core: output::Files,
    node: output::Files,
    python: output::Files,
    uniffi: output::Files,
}

/// Generates every file, formatted, in memory. `config_dir` is where rustfmt looks for its
/// configuration (the output directory, or its nearest existing ancestor).
fn generate(spec_path: &Path, data_dir: &Path, config_dir: &Path) -> Result<Generated, String> {
    let mut spec = spec::Spec::load(spec_path)?;
    let data = data::Data::load(data_dir)?;
    for fix in &data.engine_fixes {
        spec.replace(&fix.at, fix.schema.clone())?;
    }
    let spec_ops = spec.operations()?;
    data.validate(&spec_ops)?;

    let mut models = types::Models::new(&spec);
    models.add_definitions()?;
    let ops = ops::build_ops(&spec_ops, &data, &mut models)?;
    let groups = emit_api::groups(&ops, &data.names.groups);

    let file = spec.file_name.as_str();
    let mut files = output::Files::new();
    files.insert("mod.rs".into(), emit::emit_mod(file));
    files.insert("models.rs".into(), emit_models::emit(&models.items, file));
    files.insert("operations.rs".into(), emit_operations::emit(&ops, file));
    files.insert(
        "dispatch.rs".into(),
        emit_dispatch::emit(&ops, &data.names.groups, file),
    );
    files.insert("api/mod.rs".into(), emit_api::emit_mod(&groups, file));
    for g in &groups {
        files.insert(
            format!("api/{}.rs", g.module()),
            emit_api::emit_group(g, &spec, file),
        );
    }
    for (name, content) in files.iter_mut() {
        *content = output::rustfmt(content, config_dir).map_err(|e| format!("{name}: {e}"))?;
    }
    let mut uniffi = emit_uniffi::emit(&groups, &models.items, file);
    for (name, content) in uniffi.iter_mut() {
        *content =
            output::rustfmt(content, config_dir).map_err(|e| format!("uniffi {name}: {e}"))?;
    }
    let node = emit_node::emit(&groups, &models.items, file);
    let mut python = output::Files::new();
    python.insert("__init__.py".into(), emit_python::emit_init(file));
    python.insert("groups.py".into(), emit_python::emit_groups(&groups, file));
    python.insert(
        "groups.pyi".into(),
        emit_python::emit_stub(&groups, file, false),
    );
    python.insert("sync_groups.py".into(), emit_python::emit_sync_groups(file));
    python.insert(
        "sync_groups.pyi".into(),
        emit_python::emit_stub(&groups, file, true),
    );
    python.insert(
        "models.py".into(),
        emit_python::emit_models(&models.items, file),
    );
    for (name, sync) in [("helpers", false), ("sync_helpers", true)] {
        python.insert(
            format!("{name}.py"),
            emit_python_helpers::emit_runtime(file),
        );
        python.insert(
            format!("{name}.pyi"),
            emit_python_helpers::emit_stub(file, sync),
        );
    }
    Ok(Generated {
        core: files,
        node,
        python,
        uniffi,
    })
}

struct Cli {
    spec: PathBuf,
    out: PathBuf,
    node_out: PathBuf,
    check: bool,
}

fn parse_args() -> Result<Cli, String> {
    let mut cli = Cli {
        spec: default_spec_path(),
        out: default_out_dir(),
        node_out: default_node_out_dir(),
        check: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => cli.check = true,
            "--spec" => cli.spec = args.next().ok_or("--spec needs a path")?.into(),
            "--out" => cli.out = args.next().ok_or("--out needs a directory")?.into(),
            "--node-out" => {
                cli.node_out = args.next().ok_or("--node-out needs a directory")?.into()
            }
            "-h" | "--help" => {
                println!(
                    "usage: cargo run -p codegen [-- [--check] [--spec PATH] [--out DIR] [--node-out DIR]]\n\n\
                     Generates core/src/generated/, bindings-node/generated/ and the Python binding's _generated/ from the Engine API spec.\n  \
                     --check         write nothing; fail if the files on disk differ\n  \
                     --spec PATH     the spec (default: {})\n  \
                     --out DIR       the core's output directory (default: {})\n  \
                     --node-out DIR  the Node binding's (default: {})",
                    default_spec_path().display(),
                    default_out_dir().display(),
                    default_node_out_dir().display()
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(cli)
}

fn run() -> Result<bool, String> {
    let cli = parse_args()?;
    let generated = generate(&cli.spec, &data_dir(), &output::existing_ancestor(&cli.out))?;
    let python_out = python_out_dir();
    let uniffi_out = uniffi_out_dir();
    let targets = [
        (&cli.out, &generated.core),
        (&cli.node_out, &generated.node),
        (&python_out, &generated.python),
        (&uniffi_out, &generated.uniffi),
    ];
    if cli.check {
        let mut ok = true;
        for (dir, files) in targets {
            let problems = output::check(dir, files);
            if problems.is_empty() {
                println!("{} is up to date ({} files)", dir.display(), files.len());
                continue;
            }
            ok = false;
            eprintln!(
                "{} is not what codegen generates; run `cargo run -p codegen`:",
                dir.display()
            );
            for p in problems {
                eprintln!("  {p}");
            }
        }
        return Ok(ok);
    }
    for (dir, files) in targets {
        output::write(dir, files)?;
        println!("wrote {} files to {}", files.len(), dir.display());
    }
    Ok(true)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("codegen: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn check_detects_modified_missing_and_extra_files() {
        let dir = temp_dir("check");
        let files = generate(
            &default_spec_path(),
            &data_dir(),
            &workspace_root().join("core"),
        )
        .unwrap()
        .core;
        output::write(&dir, &files).unwrap();
        assert!(output::check(&dir, &files).is_empty());

        let models = dir.join("models.rs");
        let mut text = std::fs::read_to_string(&models).unwrap();
        text.push_str("// edited by hand\n");
        std::fs::write(&models, text).unwrap();
        std::fs::remove_file(dir.join("api/container.rs")).unwrap();
        std::fs::write(dir.join("api/stale.rs"), "").unwrap();
        let problems = output::check(&dir, &files);
        assert_eq!(
            problems,
            [
                "missing: api/container.rs",
                "differs: models.rs",
                "should not be there: api/stale.rs"
            ]
        );

        // Writing again repairs all three.
        output::write(&dir, &files).unwrap();
        assert!(output::check(&dir, &files).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn generation_is_deterministic_and_complete() {
        let config = workspace_root().join("core");
        let all = generate(&default_spec_path(), &data_dir(), &config).unwrap();
        let again = generate(&default_spec_path(), &data_dir(), &config).unwrap();
        assert_eq!(all.core, again.core);
        assert_eq!(all.node, again.node);
        assert_eq!(all.python, again.python);
        assert!(all.python["groups.py"].contains("def list(self, *, all=None"));
        let a = all.core;
        for (name, content) in a.iter().chain(&all.node) {
            assert!(
                content.starts_with("// @generated by codegen from docker-engine-api-v1.45.yaml."),
                "{name}"
            );
        }
        // One static per operation of the spec (107 in v1.45), and the OPERATIONS list.
        let statics = a["operations.rs"].matches("\npub static ").count();
        assert_eq!(statics, 107 + 1);
        assert!(a.contains_key("api/session.rs") && a.contains_key("api/distribution.rs"));
        // Every operation is a method of the Node binding, typed in index.d.ts.
        let node_ops = all.node["groups.js"].matches(" op: \"").count();
        assert_eq!(node_ops, 107);
        assert!(all.node["index.d.ts"].contains("list(options?: ContainerListOptions, call?: CallOptions): Promise<ContainerSummary[]>;"));
    }
}
