//! Writes `api/mod.rs` and `api/<group>.rs`: the typed async methods, one group per spec tag
//! (`docker.containers().list(opts)`).
//!
//! Signature rule: path parameters (`&str`), then the other required parameters, then an
//! optional raw body (`Option<Payload>`), then `opts: <Id>Options` when the operation has
//! optional parameters. Every value has a concrete type, so callers never need a turbofish.

use crate::docs::{doc_comment, first_sentence};
use crate::emit::header;
use crate::naming::{pascal_case, snake_case};
use crate::ops::{Location, Op, Param, Returns};
use crate::secrets::{is_secret, redacting_debug};
use crate::spec::Spec;
use crate::types::RType;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One group of operations (a spec tag).
pub struct Group<'o> {
    pub tag: String,
    pub accessor: String,
    pub ops: Vec<&'o Op>,
}

impl Group<'_> {
    /// The group's struct: `Containers`.
    pub fn type_name(&self) -> String {
        pascal_case(&self.accessor)
    }
    /// The group's module: `container`.
    pub fn module(&self) -> String {
        snake_case(&self.tag)
    }
}

/// Groups in the order their first operation appears in the spec.
pub fn groups<'o>(ops: &'o [Op], accessors: &BTreeMap<String, String>) -> Vec<Group<'o>> {
    let mut groups: Vec<Group> = Vec::new();
    for op in ops {
        match groups.iter_mut().find(|g| g.tag == op.tag) {
            Some(g) => g.ops.push(op),
            None => groups.push(Group {
                tag: op.tag.clone(),
                accessor: accessors
                    .get(&op.tag)
                    .cloned()
                    .unwrap_or_else(|| snake_case(&op.tag)),
                ops: vec![op],
            }),
        }
    }
    groups
}

/// `api/mod.rs`
pub fn emit_mod(groups: &[Group], spec_file: &str) -> String {
    let mut s = header(spec_file);
    s.push_str(
        "//! The typed API: `docker.containers().list(opts)`, one group per tag of the spec.\n\
         //! Required parameters are arguments; optional ones are fields of an `<OperationId>Options`\n\
         //! struct (its `Default` leaves them all unset).\n\n",
    );
    let mut modules: Vec<String> = groups.iter().map(Group::module).collect();
    modules.sort();
    for m in &modules {
        let _ = writeln!(s, "mod {m};");
    }
    s.push('\n');
    for m in &modules {
        let _ = writeln!(s, "pub use {m}::*;");
    }
    s.push_str(
        "\n/// The `filters` of list and prune operations: a filter name and the values to match\n\
         /// (`{\"status\": [\"running\"], \"label\": [\"a=b\"]}`), sent JSON-encoded.\n\
         pub type Filters = std::collections::HashMap<String, Vec<String>>;\n",
    );
    // Only when used: an unused private function would be a warning.
    let json_lists = groups
        .iter()
        .flat_map(|g| &g.ops)
        .any(|o| o.params.iter().any(|p| p.json_list));
    if json_lists {
        s.push_str(
            "\n/// A list the daemon reads as one JSON-encoded query value (`cachefrom`).\n\
             fn json_text<T: serde::Serialize>(value: &Option<T>) -> Option<String> {\n    \
             value.as_ref().and_then(|v| serde_json::to_string(v).ok())\n}\n",
        );
    }
    s
}

/// `api/<group>.rs`
pub fn emit_group(group: &Group, spec: &Spec, spec_file: &str) -> String {
    let type_name = group.type_name();
    let mut body = String::new();
    for op in &group.ops {
        if !op.options().is_empty() {
            body.push_str(&options_struct(op, &type_name));
        }
    }
    let tag_doc = spec.tag_description(&group.tag).unwrap_or_default();
    let _ = writeln!(
        body,
        "/// The `{}` operations: from [`Docker::{}`].",
        group.tag, group.accessor
    );
    body.push_str("#[derive(Debug, Clone, Copy)]\n");
    let _ = writeln!(
        body,
        "pub struct {type_name}<'a> {{\n    /// `pub(crate)`: the hand-written helpers (core/src/helpers) add methods here.\n    pub(crate) docker: &'a Docker,\n}}\n"
    );
    body.push_str("impl Docker {\n");
    let _ = writeln!(body, "    /// The `{}` operations.", group.tag);
    if !tag_doc.trim().is_empty() {
        body.push_str("    ///\n");
        body.push_str(&doc_comment(tag_doc, "    "));
    }
    let _ = writeln!(
        body,
        "    pub fn {}(&self) -> {type_name}<'_> {{\n        {type_name} {{ docker: self }}\n    }}\n}}\n",
        group.accessor
    );
    let _ = writeln!(body, "impl {type_name}<'_> {{");
    for op in &group.ops {
        body.push_str(&method(op, None));
        if let Some(h) = HIJACKED.iter().find(|h| h.op == op.id) {
            body.push_str(&method(op, Some(h)));
        }
    }
    body.push_str("}\n");

    let mut s = header(spec_file);
    let _ = writeln!(s, "//! The `{}` operations of the Engine API.\n", group.tag);
    if body.contains("models::") {
        s.push_str("use crate::generated::models;\n");
    }
    s.push_str("use crate::generated::operations as ops;\n");
    s.push_str("use crate::{Docker, Result};\n");
    if body.contains("Deserialize, Serialize") {
        s.push_str("use serde::{Deserialize, Serialize};\n");
    }
    if body.contains("HashMap<") {
        s.push_str("use std::collections::HashMap;\n");
    }
    if body.contains("Option<Filters>") {
        s.push_str("use super::Filters;\n");
    }
    s.push('\n');
    s.push_str(&body);
    s
}

fn options_struct(op: &Op, type_name: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "/// The optional parameters of [`{type_name}::{}`] (`{}`). `Default` leaves them all unset.",
        op.method_name, op.id
    );
    let name = op.options_name();
    let redacts = op.options().iter().any(|p| is_secret(&name, &p.name));
    s.push_str(if redacts {
        "#[derive(Clone, Default, Deserialize, Serialize)]\n#[serde(deny_unknown_fields)]\n"
    } else {
        "#[derive(Debug, Clone, Default, Deserialize, Serialize)]\n#[serde(deny_unknown_fields)]\n"
    });
    let _ = writeln!(s, "pub struct {name} {{");
    for p in op.options() {
        s.push_str(&doc_comment(&param_doc(p), "    "));
        let _ = writeln!(
            s,
            "    #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]",
            p.name
        );
        let _ = writeln!(
            s,
            "    pub {}: Option<{}>,",
            p.rust,
            p.ty.render("models::")
        );
    }
    s.push_str("}\n\n");
    if redacts {
        let fields: Vec<(&str, &str)> = op
            .options()
            .into_iter()
            .map(|p| (p.rust.as_str(), p.name.as_str()))
            .collect();
        s.push_str(&redacting_debug(&name, &fields, false));
    }
    s
}

/// A parameter's doc: its description, its default and its first version.
fn param_doc(p: &Param) -> String {
    let mut d = p.description.clone();
    let mut notes = Vec::new();
    match p.default.as_deref() {
        Some("") => notes.push("Default: empty.".to_string()),
        Some(default) => notes.push(format!("Default: `{default}`.")),
        None => {}
    }
    if p.since > crate::data::BASE_VERSION {
        notes.push(format!("Since API {}.{}.", p.since.0, p.since.1));
    }
    if !notes.is_empty() {
        if !d.is_empty() {
            d.push_str("\n\n");
        }
        d.push_str(&notes.join(" "));
    }
    d
}

/// The Rust type of a positional argument.
fn positional_type(p: &Param) -> String {
    if p.binary {
        return "crate::Payload".to_string();
    }
    match (&p.ty, p.location) {
        (_, Location::Path) | (RType::String, _) => "&str".to_string(),
        (t, _) => t.render("models::"),
    }
}

/// Container-output operations that also get a hijacked variant (`Upgrade: tcp`): stdin to
/// write, output to read. The daemon offers it only for these two.
pub struct Hijacked {
    pub op: &'static str,
    pub method_suffix: &'static str,
    pub doc: &'static str,
}

pub const HIJACKED: &[Hijacked] = &[
    Hijacked {
        op: "ContainerAttach",
        method_suffix: "_stdin",
        doc: "Attach with stdin: the connection is hijacked (`Upgrade: tcp`, answer 101). Write \
              stdin through `Attached::stdin` (set `stdin` and `stream` in `opts`), close it \
              (half-close: only the write side), and read `Attached::output` to the end.",
    },
    Hijacked {
        op: "ExecStart",
        method_suffix: "_stdin",
        doc: "Start with stdin: the connection is hijacked (`Upgrade: tcp`, answer 101). The \
              exec must be created with `AttachStdin`. Write stdin through `Attached::stdin`, \
              close it (half-close: only the write side), and read `Attached::output` to the \
              end; then `inspect` tells the exit code.",
    },
];

fn method(op: &Op, hijacked: Option<&Hijacked>) -> String {
    let mut s = String::new();
    // Docs: summary, description, positional arguments, route and version.
    let mut doc = match hijacked {
        Some(h) => format!("{}\n\n", h.doc),
        None => String::new(),
    };
    doc.push_str(&op.summary);
    if !op.description.trim().is_empty() && op.description.trim() != op.summary.trim() {
        doc.push_str("\n\n");
        doc.push_str(op.description.trim());
    }
    let positional = op.positional();
    let mut args_doc = Vec::new();
    for p in &positional {
        args_doc.push(format!(
            "- `{}`: {}",
            p.rust,
            first_sentence(&p.description)
        ));
    }
    if let Some(p) = op.optional_payload() {
        args_doc.push(format!(
            "- `payload` (optional raw body): {}",
            first_sentence(&p.description)
        ));
    }
    if !op.options().is_empty() {
        args_doc.push(format!(
            "- `opts`: the optional parameters, see [`{}`].",
            op.options_name()
        ));
    }
    if !args_doc.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&args_doc.join("\n"));
    }
    let _ = write!(doc, "\n\n`{} {}` (`{}`", op.http_method, op.path, op.id);
    if op.since > crate::data::BASE_VERSION {
        let _ = write!(doc, ", since API {}.{}", op.since.0, op.since.1);
    }
    doc.push_str(").");
    s.push_str(&doc_comment(&doc, "    "));

    // Signature.
    let mut args = vec!["&self".to_string()];
    for p in &positional {
        args.push(format!("{}: {}", p.rust, positional_type(p)));
    }
    if op.optional_payload().is_some() {
        args.push("payload: Option<crate::Payload>".to_string());
    }
    if !op.options().is_empty() {
        args.push(format!("opts: {}", op.options_name()));
    }
    let (name, returns) = match hijacked {
        Some(h) => (
            format!("{}{}", op.method_name, h.method_suffix),
            "crate::Attached".to_string(),
        ),
        None => (op.method_name.clone(), return_type(op)),
    };
    let _ = writeln!(
        s,
        "    pub async fn {name}({}) -> Result<{returns}> {{",
        args.join(", "),
    );

    // Body: one setter per parameter, in spec order.
    let mut setters = Vec::new();
    for p in &op.params {
        setters.push(setter(op, p));
    }
    let send = match &op.returns {
        Returns::Unit => "send_empty",
        Returns::Json(_) => "send_json",
        Returns::Text => "send_text",
        Returns::Stream if op.response_kind == "Upgrade" => "send_upgraded",
        Returns::Stream => "send_stream",
        Returns::Output if hijacked.is_some() => "send_attached",
        Returns::Output => "send_output",
        Returns::Lines(_) => "send_json_lines",
        Returns::PathStat => "send_path_stat",
    };
    // The engine answers `null` for an empty list (a Go nil slice): that is an empty list.
    let send = match &op.returns {
        Returns::Json(t @ (RType::Vec(_) | RType::Map(_))) => format!(
            "send_json::<Option<{}>>().await.map(Option::unwrap_or_default)",
            t.render("models::")
        ),
        _ => format!("{send}().await"),
    };
    let request = format!("self.docker.request(&ops::{})", op.static_name());
    if setters.is_empty() {
        let _ = writeln!(s, "        {request}.{send}");
    } else {
        let _ = writeln!(s, "        let mut req = {request};");
        for line in setters {
            let _ = writeln!(s, "        {line}");
        }
        let _ = writeln!(s, "        req.{send}");
    }
    s.push_str("    }\n\n");
    s
}

fn setter(op: &Op, p: &Param) -> String {
    let name = format!("{:?}", p.name);
    let r = &p.rust;
    match (p.location, p.required) {
        (Location::Path, _) => format!("req.path_param({name}, {r});"),
        (Location::Query, true) if p.ty == RType::String => format!("req.query({name}, {r});"),
        (Location::Query, true) => format!("req.query({name}, &{r});"),
        (Location::Query, false) if p.json_list => {
            format!("req.query({name}, &super::json_text(&opts.{r}));")
        }
        (Location::Query, false) => format!("req.query({name}, &opts.{r});"),
        (Location::Header, true) => format!("req.header({name}, Some({r}));"),
        (Location::Header, false) => format!("req.header({name}, opts.{r}.as_deref());"),
        (Location::Body, true) if p.binary => {
            format!("req.raw_body(payload, {:?});", op.raw_content_type())
        }
        (Location::Body, false) if p.binary => {
            format!(
                "if let Some(payload) = payload {{ req.raw_body(payload, {:?}); }}",
                op.raw_content_type()
            )
        }
        (Location::Body, true) => "req.json_body(&body);".to_string(),
        (Location::Body, false) => {
            "if let Some(body) = &opts.body { req.json_body(body); }".to_string()
        }
    }
}

/// The `T` of the method's `Result<T>`.
pub fn return_type(op: &Op) -> String {
    match &op.returns {
        Returns::Unit => "()".to_string(),
        Returns::Json(t) => t.render("models::"),
        Returns::Text => "String".to_string(),
        Returns::Stream => "crate::ByteStream".to_string(),
        Returns::Output => "crate::OutputStream".to_string(),
        Returns::Lines(t) => format!("crate::JsonStream<{}>", t.render("models::")),
        Returns::PathStat => "crate::PathStat".to_string(),
    }
}
