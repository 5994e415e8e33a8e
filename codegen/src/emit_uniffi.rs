//! Writes the uniffi binding's generated half into `bindings-swift/src/generated/`: a uniffi
//! record per model struct (`models.rs`, the API's own JSON names through serde), and one
//! group object per spec tag (`<group>.rs`) with one async method per operation, reached from
//! the client (`client.containers().list(...)`). Swift and Kotlin get their sources from these
//! through `uniffi-bindgen`.
//!
//! Type rule: strings, integers, numbers, booleans, lists and maps are themselves; string
//! enums are strings (a newer engine's value still fits); free-form JSON is JSON text
//! (`JsonText`); aliases are what they name. Required parameters are arguments; optional
//! ones are arguments that default to none; every method ends with an optional `CancelToken`.

use crate::docs::{doc_comment, first_sentence};
use crate::emit::header;
use crate::emit_api::Group;
use crate::ops::{Location, Op, Param, Returns};
use crate::output::Files;
use crate::types::{Field, Model, RType};
use std::collections::HashMap;
use std::fmt::Write;

/// Records renamed for Swift and Kotlin, where the model's own name is taken by the language
/// (Swift's `Task`).
const FOREIGN_NAMES: &[(&str, &str)] = &[("Task", "SwarmTask")];

pub fn emit(groups: &[Group], models: &[Model], spec_file: &str) -> Files {
    let types = Types::new(models);
    let mut files = Files::new();
    files.insert("mod.rs".into(), emit_mod(groups, spec_file));
    files.insert("models.rs".into(), emit_models(models, &types, spec_file));
    for g in groups {
        files.insert(
            format!("{}.rs", g.module()),
            emit_group(g, &types, spec_file),
        );
    }
    files
}

/// The models by name, to resolve enums and aliases.
struct Types<'m> {
    by_name: HashMap<&'m str, &'m Model>,
}

impl<'m> Types<'m> {
    fn new(models: &'m [Model]) -> Types<'m> {
        let by_name = models
            .iter()
            .map(|m| {
                let name = match m {
                    Model::Struct { name, .. }
                    | Model::Enum { name, .. }
                    | Model::Alias { name, .. } => name.as_str(),
                };
                (name, m)
            })
            .collect();
        Types { by_name }
    }

    /// The type as it crosses the FFI, relative to `prefix` (`""` in models.rs).
    fn ffi(&self, t: &RType, prefix: &str) -> String {
        match t {
            RType::String => "String".into(),
            RType::I64 => "i64".into(),
            RType::U64 => "u64".into(),
            RType::F64 => "f64".into(),
            RType::Bool => "bool".into(),
            RType::Value => "JsonText".into(),
            RType::Vec(t) => format!("Vec<{}>", self.ffi(t, prefix)),
            RType::Map(t) => format!("HashMap<String, {}>", self.ffi(t, prefix)),
            RType::Opt(t) => format!("Option<{}>", self.ffi(t, prefix)),
            RType::Filters => "HashMap<String, Vec<String>>".into(),
            RType::Named(n) => match self.by_name.get(n.as_str()) {
                Some(Model::Enum { .. }) => "String".into(),
                Some(Model::Alias { ty, .. }) => self.ffi(ty, prefix),
                _ => format!("{prefix}{n}"),
            },
        }
    }
}

fn emit_mod(groups: &[Group], spec_file: &str) -> String {
    let mut s = header(spec_file);
    s.push_str(
        "//! The generated half of the uniffi binding: records for the models, one group object\n\
         //! per tag of the spec, and the client's accessors for them.\n\n",
    );
    let mut modules: Vec<String> = groups.iter().map(Group::module).collect();
    modules.push("models".into());
    modules.sort();
    for m in &modules {
        let _ = writeln!(s, "mod {m};");
    }
    s.push('\n');
    for m in &modules {
        let _ = writeln!(s, "pub use {m}::*;");
    }
    s.push_str("\nuse crate::client::DockerClient;\nuse std::sync::Arc;\n\n");
    s.push_str("#[uniffi::export]\nimpl DockerClient {\n");
    for g in groups {
        let _ = writeln!(
            s,
            "    /// The `{}` operations.\n    pub fn {}(&self) -> Arc<{}> {{\n        Arc::new({} {{ docker: self.docker.clone() }})\n    }}\n",
            g.tag,
            g.accessor,
            object_name(g),
            object_name(g)
        );
    }
    s.push_str("}\n");
    s
}

/// `ContainersApi`: the group's object (`Swarm`, `Network`... are models' names).
fn object_name(g: &Group) -> String {
    format!("{}Api", g.type_name())
}

fn emit_models(models: &[Model], types: &Types, spec_file: &str) -> String {
    let mut s = header(spec_file);
    s.push_str(
        "//! The models of the Engine API as uniffi records: every struct of the core's models,\n\
         //! with the same JSON names. Every field is optional, as in the core; string enums are\n\
         //! strings, free-form values JSON text.\n\n\
         #![allow(clippy::large_enum_variant, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]\n\n\
         use crate::json::JsonText;\n\
         use serde::{Deserialize, Serialize};\n\
         use std::collections::HashMap;\n\n",
    );
    for m in models {
        if let Model::Struct { name, doc, fields } = m {
            s.push_str(&record(name, doc, fields, types));
        }
    }
    s
}

fn record(name: &str, doc: &str, fields: &[Field], types: &Types) -> String {
    let mut s = doc_comment(doc, "");
    s.push_str("#[derive(Clone, Default, PartialEq, Serialize, Deserialize, uniffi::Record)]\n");
    if let Some((_, foreign)) = FOREIGN_NAMES.iter().find(|(n, _)| *n == name) {
        let _ = writeln!(s, "#[uniffi(name = {foreign:?})]");
    }
    let _ = writeln!(s, "pub struct {name} {{");
    for f in fields {
        s.push_str(&doc_comment(&f.doc, "    "));
        let _ = writeln!(
            s,
            "    #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]\n    #[uniffi(default)]",
            f.wire
        );
        let _ = writeln!(s, "    pub {}: Option<{}>,", f.rust, types.ffi(&f.ty, ""));
    }
    s.push_str("}\n\n");
    s
}

/// The imports of a group file, in order, each when the body uses its name (`""`: always).
const GROUP_USES: &[(&str, &str)] = &[
    ("models::", "use super::models;"),
    ("", "use crate::call::{self, Args};"),
    ("", "use crate::cancel::CancelToken;"),
    ("RequestBody", "use crate::client::RequestBody;"),
    ("", "use crate::error::Result;"),
    ("JsonText", "use crate::json::JsonText;"),
    ("DockerStream", "use crate::stream::DockerStream;"),
    ("", "use docker_engine_api::Docker;"),
    ("HashMap<", "use std::collections::HashMap;"),
];

fn emit_group(g: &Group, types: &Types, spec_file: &str) -> String {
    let name = object_name(g);
    let mut body = String::new();
    let _ = writeln!(
        body,
        "/// The `{}` operations: from `DockerClient::{}()`.\n#[derive(uniffi::Object)]\npub struct {name} {{\n    pub(crate) docker: Docker,\n}}\n",
        g.tag, g.accessor
    );
    let _ = writeln!(
        body,
        "#[uniffi::export(async_runtime = \"tokio\")]\nimpl {name} {{"
    );
    for op in &g.ops {
        body.push_str(&method(op, types));
    }
    body.push_str("}\n");

    let mut s = header(spec_file);
    let _ = writeln!(s, "//! The `{}` operations of the Engine API.\n", g.tag);
    s.push_str("#![allow(clippy::too_many_arguments, clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]\n\n");
    for (used, line) in GROUP_USES {
        if used.is_empty() || body.contains(used) {
            let _ = writeln!(s, "{line}");
        }
    }
    s.push_str("use std::sync::Arc;\n\n");
    s.push_str(&body);
    s
}

/// The foreign-visible parameters of a method: positional ones, then the optional ones.
fn arguments(op: &Op) -> Vec<(&Param, bool)> {
    let mut v: Vec<(&Param, bool)> = op.positional().into_iter().map(|p| (p, true)).collect();
    v.extend(
        op.params
            .iter()
            .filter(|p| !(p.location == Location::Path || p.required))
            .map(|p| (p, false)),
    );
    v
}

fn arg_type(p: &Param, required: bool, types: &Types) -> String {
    let t = if p.binary {
        "RequestBody".to_string()
    } else if p.location == Location::Path {
        "String".to_string()
    } else {
        types.ffi(&p.ty, "models::")
    };
    if required {
        t
    } else {
        format!("Option<{t}>")
    }
}

fn method(op: &Op, types: &Types) -> String {
    let mut s = String::new();
    let mut doc = op.summary.clone();
    if !op.description.trim().is_empty() && op.description.trim() != op.summary.trim() {
        doc.push_str("\n\n");
        doc.push_str(op.description.trim());
    }
    let args = arguments(op);
    let args_doc: Vec<String> = args
        .iter()
        .map(|(p, _)| format!("- `{}`: {}", p.rust, first_sentence(&p.description)))
        .collect();
    if !args_doc.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&args_doc.join("\n"));
    }
    let _ = write!(doc, "\n\n`{} {}` (`{}`).", op.http_method, op.path, op.id);
    s.push_str(&doc_comment(&doc, "    "));

    let mut defaults: Vec<String> = args
        .iter()
        .filter(|(_, required)| !required)
        .map(|(p, _)| format!("{} = None", p.rust))
        .collect();
    defaults.push("cancel = None".into());
    let _ = writeln!(s, "    #[uniffi::method(default({}))]", defaults.join(", "));

    let mut sig = vec!["&self".to_string()];
    for (p, required) in &args {
        sig.push(format!("{}: {}", p.rust, arg_type(p, *required, types)));
    }
    sig.push("cancel: Option<Arc<CancelToken>>".into());
    let (convert, returns) = returns(op, types);
    let _ = writeln!(
        s,
        "    pub async fn {}({}) -> Result<{returns}> {{",
        op.method_name,
        sig.join(", ")
    );
    let mut build = String::from("Args::new()");
    let mut payload = "None".to_string();
    for p in &op.params {
        if p.binary {
            payload = if p.required {
                format!("Some({})", p.rust)
            } else {
                p.rust.clone()
            };
        } else {
            let _ = write!(build, ".put({:?}, &{})?", p.name, p.rust);
        }
    }
    let _ = writeln!(
        s,
        "        let out = call::call(&self.docker, {:?}, {build}, {payload}, cancel).await?;\n        {convert}\n    }}\n",
        op.id
    );
    s
}

/// How the call's output becomes the method's answer, and the answer's type.
fn returns(op: &Op, types: &Types) -> (String, String) {
    let id = &op.id;
    match &op.returns {
        Returns::Unit => ("call::unit(out)".into(), "()".into()),
        Returns::Text => (format!("call::text({id:?}, out)"), "String".into()),
        Returns::Json(t @ (RType::Vec(_) | RType::Map(_))) => (
            format!("call::json_or_default({id:?}, out)"),
            types.ffi(t, "models::"),
        ),
        Returns::Json(t) => (format!("call::json({id:?}, out)"), types.ffi(t, "models::")),
        Returns::PathStat => (format!("call::json({id:?}, out)"), "JsonText".into()),
        Returns::Stream | Returns::Output | Returns::Lines(_) => (
            format!("call::stream({id:?}, out)"),
            "Arc<DockerStream>".into(),
        ),
    }
}
