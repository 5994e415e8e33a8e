//! Writes the Node binding's generated half into `bindings-node/generated/`: `groups.js`, the
//! operation table the JavaScript runtime turns into methods (`docker.containers.list(opts)`),
//! and `index.d.ts`, the types of every method (camelCase options, the spec's doc text as
//! JSDoc) and every model (the API's own keys). Stream methods return their stream at once
//! (`for await` needs no `await` first); the others return promises.

use crate::docs::doc_lines;
use crate::emit::header;
use crate::emit_api::{Group, HIJACKED};
use crate::naming::words;
use crate::ops::{Op, Param, Returns};
use crate::types::{Model, RType};
use std::fmt::Write;

/// The groups whose hand-written helpers (bindings-node/lib) add methods, with the interface
/// (in `lib/types.d.ts`) that types them.
const HELPER_GROUPS: &[(&str, &str)] = &[
    ("containers", "ContainerHelpers"),
    ("exec", "ExecHelpers"),
    ("images", "ImageHelpers"),
];

/// `shared-size` -> `sharedSize`, `X-Registry-Auth` -> `xRegistryAuth`, `ps_args` -> `psArgs`.
pub fn camel_case(name: &str) -> String {
    let mut out = String::new();
    for (i, w) in words(name).iter().enumerate() {
        let lower = w.to_ascii_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            let mut cs = lower.chars();
            if let Some(first) = cs.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}

/// A JavaScript string literal (JSON's escapes are JavaScript's).
fn js_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text as a JSDoc block indented by `indent`; empty text gives nothing.
fn jsdoc(text: &str, indent: &str) -> String {
    let lines = doc_lines(text);
    if lines.iter().all(|l| l.is_empty()) {
        return String::new();
    }
    let mut s = format!("{indent}/**\n");
    for l in lines {
        let l = l.replace("*/", "*\\/");
        if l.is_empty() {
            let _ = writeln!(s, "{indent} *");
        } else {
            let _ = writeln!(s, "{indent} * {l}");
        }
    }
    let _ = writeln!(s, "{indent} */");
    s
}

fn ts_type(t: &RType) -> String {
    match t {
        RType::String => "string".into(),
        RType::I64 | RType::U64 | RType::F64 => "number".into(),
        RType::Bool => "boolean".into(),
        RType::Value => "unknown".into(),
        RType::Vec(t) => match **t {
            RType::Opt(_) => format!("Array<{}>", ts_type(t)),
            _ => format!("{}[]", ts_type(t)),
        },
        RType::Map(t) => format!("Record<string, {}>", ts_type(t)),
        RType::Opt(t) => format!("{} | null", ts_type(t)),
        RType::Named(n) => n.clone(),
        RType::Filters => "Record<string, string[]>".into(),
    }
}

fn param_ts(p: &Param) -> String {
    if p.binary {
        "PayloadInput".into()
    } else {
        ts_type(&p.ty)
    }
}

/// The option key of a parameter, and of the stdin input of hijackable operations.
fn option_key(p: &Param) -> String {
    camel_case(&p.name)
}

const STDIN_KEY: &str = "input";

fn hijackable(op: &Op) -> bool {
    HIJACKED.iter().any(|h| h.op == op.id)
}

fn result_kind(op: &Op) -> &'static str {
    match op.returns {
        Returns::Unit => "empty",
        Returns::Json(_) | Returns::PathStat => "json",
        Returns::Text => "text",
        Returns::Stream => "bytes",
        Returns::Output => "chunks",
        Returns::Lines(_) => "lines",
    }
}

fn return_ts(op: &Op) -> String {
    match &op.returns {
        Returns::Unit => "Promise<void>".into(),
        Returns::Json(t) => format!("Promise<{}>", ts_type(t)),
        Returns::PathStat => "Promise<PathStat>".into(),
        Returns::Text => "Promise<string>".into(),
        Returns::Stream => "ByteStream".into(),
        Returns::Output => "OutputStream".into(),
        Returns::Lines(t) => format!("JsonStream<{}>", ts_type(t)),
    }
}

fn js_name(method_name: &str) -> String {
    camel_case(method_name)
}

/// `groups.js`
pub fn emit_groups_js(groups: &[Group], spec_file: &str) -> String {
    let mut s = header(spec_file);
    s.push_str(
        "// The operation table of the Node binding: per group and method, the operationId, the\n\
         // positional parameters (spec names; `$payload` is a raw body), the options (camelCase\n\
         // key -> spec name; `$payload` a raw body, `$stdin` the stdin of a hijacked call) and\n\
         // what the answer is. lib/groups.js makes the methods from it.\n\
         'use strict';\n\nmodule.exports = {\n",
    );
    for g in groups {
        let _ = writeln!(s, "  {}: {{", g.accessor);
        for op in &g.ops {
            let positional: Vec<String> = op
                .positional()
                .iter()
                .map(|p| js_str(if p.binary { "$payload" } else { &p.name }))
                .collect();
            let mut options: Vec<String> = op
                .params
                .iter()
                .filter(|p| !p.required)
                .map(|p| {
                    let target = if p.binary { "$payload" } else { &p.name };
                    format!("{}: {}", js_str(&option_key(p)), js_str(target))
                })
                .collect();
            if hijackable(op) {
                options.push(format!("{}: \"$stdin\"", js_str(STDIN_KEY)));
            }
            let _ = writeln!(
                s,
                "    {}: {{ op: {}, positional: [{}], options: {}, result: {} }},",
                js_name(&op.method_name),
                js_str(&op.id),
                positional.join(", "),
                if options.is_empty() {
                    "{}".to_string()
                } else {
                    format!("{{ {} }}", options.join(", "))
                },
                js_str(result_kind(op))
            );
        }
        s.push_str("  },\n");
    }
    s.push_str("};\n");
    s
}

fn param_doc(p: &Param) -> String {
    let mut d = p.description.trim().to_string();
    if let Some(def) = &p.default {
        if !def.is_empty() {
            let _ = write!(d, "\n\nDefault: `{def}`.");
        }
    }
    if p.since > (1, 24) {
        let _ = write!(d, "\n\nSince API {}.{}.", p.since.0, p.since.1);
    }
    d
}

fn options_interface(op: &Op) -> String {
    let mut s = format!(
        "/** The options of `{}` (`{}`). */\nexport interface {} {{\n",
        op.id,
        op.summary.trim(),
        op.options_name()
    );
    for p in op.params.iter().filter(|p| !p.required) {
        s.push_str(&jsdoc(&param_doc(p), "  "));
        let _ = writeln!(s, "  {}?: {};", option_key(p), param_ts(p));
    }
    if hijackable(op) {
        let _ = writeln!(
            s,
            "  /** Written to the program's stdin (the connection is hijacked), then stdin is closed. */\n  {STDIN_KEY}?: PayloadInput;"
        );
    }
    s.push_str("}\n\n");
    s
}

fn has_options(op: &Op) -> bool {
    op.params.iter().any(|p| !p.required) || hijackable(op)
}

fn method_decl(op: &Op) -> String {
    let mut doc = op.summary.trim().to_string();
    if !op.description.trim().is_empty() && op.description.trim() != op.summary.trim() {
        doc.push_str("\n\n");
        doc.push_str(op.description.trim());
    }
    let _ = write!(
        doc,
        "\n\n`{} {}` (`{}`).",
        op.http_method.to_ascii_uppercase(),
        op.path,
        op.id
    );
    if op.since > (1, 24) {
        let _ = write!(doc, " Since API {}.{}.", op.since.0, op.since.1);
    }
    let mut args = Vec::new();
    for p in op.positional() {
        let name = if p.binary {
            "payload".to_string()
        } else {
            camel_case(&p.name)
        };
        let first = p.description.trim().lines().next().unwrap_or_default();
        let _ = write!(doc, "\n@param {name} {first}");
        args.push(format!("{name}: {}", param_ts(p)));
    }
    if has_options(op) {
        args.push(format!("options?: {}", op.options_name()));
    }
    args.push("call?: CallOptions".into());
    let mut s = jsdoc(&doc, "  ");
    let _ = writeln!(
        s,
        "  {}({}): {};",
        js_name(&op.method_name),
        args.join(", "),
        return_ts(op)
    );
    s
}

fn model_decl(m: &Model) -> String {
    match m {
        Model::Struct { name, doc, fields } => {
            let mut s = jsdoc(doc, "");
            let _ = writeln!(s, "export interface {name} {{");
            for f in fields {
                s.push_str(&jsdoc(&f.doc, "  "));
                let key = if f
                    .wire
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !f.wire.starts_with(|c: char| c.is_ascii_digit())
                {
                    f.wire.clone()
                } else {
                    js_str(&f.wire)
                };
                let _ = writeln!(s, "  {key}?: {};", ts_type(&f.ty));
            }
            s.push_str("}\n\n");
            s
        }
        Model::Enum {
            name,
            doc,
            variants,
        } => {
            let mut s = jsdoc(doc, "");
            let values: Vec<String> = variants.iter().map(|(wire, _)| js_str(wire)).collect();
            // Unknown values the daemon may add stay representable.
            let _ = writeln!(
                s,
                "export type {name} = {} | (string & {{}});\n",
                values.join(" | ")
            );
            s
        }
        Model::Alias { name, doc, ty } => {
            let mut s = jsdoc(doc, "");
            let _ = writeln!(s, "export type {name} = {};\n", ts_type(ty));
            s
        }
    }
}

/// `index.d.ts`
pub fn emit_dts(groups: &[Group], models: &[Model], spec_file: &str) -> String {
    let mut s = header(spec_file);
    s.push_str(
        "// The types of the Node binding: the Docker class, every operation of every group, and\n\
         // every model of the spec. The hand-written half (errors, streams, helpers) is\n\
         // lib/types.d.ts.\n\n\
         import type {\n  ByteStream,\n  CallOptions,\n  DockerOptions,\n  JsonStream,\n  \
         OutputStream,\n  PathStat,\n  PayloadInput,\n",
    );
    for (_, helpers) in HELPER_GROUPS {
        let _ = writeln!(s, "  {helpers},");
    }
    s.push_str("} from \"../lib/types\";\nexport * from \"../lib/types\";\n\n");
    for g in groups {
        for op in &g.ops {
            if has_options(op) {
                s.push_str(&options_interface(op));
            }
        }
        let iface = format!("{}Api", crate::naming::pascal_case(&g.accessor));
        let extends = HELPER_GROUPS
            .iter()
            .find(|(acc, _)| *acc == g.accessor)
            .map(|(_, h)| format!(" extends {h}"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "/** The `{}` operations: `docker.{}`. */\nexport interface {iface}{extends} {{",
            g.tag, g.accessor
        );
        for op in &g.ops {
            s.push_str(&method_decl(op));
        }
        s.push_str("}\n\n");
    }
    s.push_str(
        "/** A Docker Engine API client. Calls share one connection pool. */\n\
         export declare class Docker {\n  \
         /** `url` defaults to `unix:///var/run/docker.sock`; `version` to `1.45` (`auto` negotiates). */\n  \
         constructor(options?: DockerOptions);\n  \
         /** `DOCKER_HOST` and `DOCKER_API_VERSION`; negotiates the version unless pinned. */\n  \
         static fromEnv(): Docker;\n  \
         /** The API version in use (negotiated once when the version is `auto`). */\n  \
         apiVersion(call?: CallOptions): Promise<string>;\n",
    );
    for g in groups {
        let _ = writeln!(
            s,
            "  readonly {}: {}Api;",
            g.accessor,
            crate::naming::pascal_case(&g.accessor)
        );
    }
    s.push_str("}\n\n");
    for m in models {
        s.push_str(&model_decl(m));
    }
    s
}

/// Every file of `bindings-node/generated/`.
pub fn emit(groups: &[Group], models: &[Model], spec_file: &str) -> crate::output::Files {
    let mut files = crate::output::Files::new();
    files.insert("groups.js".into(), emit_groups_js(groups, spec_file));
    files.insert("index.d.ts".into(), emit_dts(groups, models, spec_file));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_of_spec_names() {
        assert_eq!(camel_case("shared-size"), "sharedSize");
        assert_eq!(camel_case("X-Registry-Auth"), "xRegistryAuth");
        assert_eq!(camel_case("ps_args"), "psArgs");
        assert_eq!(camel_case("all"), "all");
        assert_eq!(camel_case("detachKeys"), "detachKeys");
        assert_eq!(camel_case("get_all"), "getAll");
    }

    #[test]
    fn jsdoc_escapes_the_comment_end() {
        assert_eq!(jsdoc("a */ b", ""), "/**\n * a *\\/ b\n */\n");
        assert_eq!(jsdoc("", "  "), "");
    }
}
