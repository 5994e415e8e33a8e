//! Writes `dispatch.rs`: calls by operation id with JSON arguments, for the bindings and the
//! shared test cases. Each arm reads the arguments by their spec names, one at a time (so an
//! error names the argument), refuses names it does not know, and calls the typed method:
//! dispatch and the typed API cannot drift apart.

use crate::emit::header;
use crate::ops::{Location, Op, Returns};
use crate::types::RType;
use std::fmt::Write;

const PRELUDE: &str = r#"//! Calls by operation id: `dispatch(&docker, "ContainerList", json!({"all": true}), None)`.
//!
//! `args` is a JSON object keyed by the spec's parameter names (`id`, `all`, `filters`,
//! `shared-size`, `X-Registry-Auth`, the body parameter's name such as `body` or
//! `execConfig`...); `null` means no arguments. A raw request body (tar archive, bytes) is the
//! `payload`. A wrong name or type is an `InvalidArgument` error that names the argument.

use crate::generated::operations::operation;
use crate::generated::{api, models};
use crate::{Docker, Error, Output, Payload, Result};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The arguments of one call, taken out one by one.
struct Args {
    op: &'static str,
    map: Map<String, Value>,
}

impl Args {
    fn new(op: &'static str, args: Value) -> Result<Args> {
        match args {
            Value::Null => Ok(Args { op, map: Map::new() }),
            Value::Object(map) => Ok(Args { op, map }),
            other => Err(Error::invalid_argument(format!(
                "the arguments must be a JSON object keyed by parameter name, not {other}"
            ))
            .with_operation(op)),
        }
    }

    fn optional<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v)
                .map(Some)
                .map_err(|e| Error::invalid_argument(format!("argument `{name}`: {}", crate::error::serde_reason(&e))).with_operation(self.op)),
        }
    }

    fn required<T: DeserializeOwned>(&mut self, name: &str) -> Result<T> {
        self.optional(name)?
            .ok_or_else(|| Error::invalid_argument(format!("argument `{name}` is required")).with_operation(self.op))
    }

    /// Fails on any argument the operation does not have.
    fn finish(self) -> Result<()> {
        let Some(unknown) = self.map.keys().next() else { return Ok(()) };
        let known: Vec<&str> = operation(self.op)
            .map(|o| o.params.iter().filter(|p| p.ty != crate::operation::ParamType::Binary).map(|p| p.name).collect())
            .unwrap_or_default();
        let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
        Err(Error::invalid_argument(format!("unknown argument `{unknown}` (the arguments are: {known})"))
            .with_operation(self.op))
    }
}

fn no_payload(op: &'static str, payload: Option<Payload>) -> Result<()> {
    match payload {
        None => Ok(()),
        Some(_) => Err(Error::invalid_argument("this operation takes no payload (raw body)").with_operation(op)),
    }
}

fn need_payload(op: &'static str, payload: Option<Payload>) -> Result<Payload> {
    payload.ok_or_else(|| Error::invalid_argument("this operation needs a payload (the raw request body)").with_operation(op))
}

fn json<T: serde::Serialize>(op: &'static str, value: T) -> Result<Output> {
    serde_json::to_string(&value).map(Output::Json).map_err(|e| {
        Error::new(crate::ErrorKind::Decode, format!("cannot represent the result as JSON: {e}")).with_operation(op)
    })
}

"#;

pub fn emit(
    ops: &[Op],
    accessors: &std::collections::BTreeMap<String, String>,
    spec_file: &str,
) -> String {
    let mut s = header(spec_file);
    s.push_str(PRELUDE);
    s.push_str(
        "/// Calls the operation `operation_id` with JSON `args` (and a raw body for the operations\n\
         /// that take one), through the typed API. Unknown operations and arguments are\n\
         /// `InvalidArgument` errors.\n\
         pub async fn dispatch(docker: &Docker, operation_id: &str, args: Value, payload: Option<Payload>) -> Result<Output> {\n\
         match operation_id {\n",
    );
    for op in ops {
        s.push_str(&arm(op, accessors));
    }
    s.push_str(
        "other => Err(Error::invalid_argument(format!(\"unknown operation {other:?}\"))),\n}\n}\n",
    );
    // The `models` import is only used when some required argument has a model type.
    if !s[PRELUDE.len()..].contains("models::") {
        s = s.replace(
            "use crate::generated::{api, models};",
            "use crate::generated::api;",
        );
    }
    s
}

fn arm(op: &Op, accessors: &std::collections::BTreeMap<String, String>) -> String {
    let id = format!("{:?}", op.id);
    let mut s = String::new();
    let _ = writeln!(s, "{id} => {{");
    let _ = writeln!(
        s,
        "let {}a = Args::new({id}, args)?;",
        if op.params.iter().any(|p| !p.binary) {
            "mut "
        } else {
            ""
        }
    );
    let mut call_args = Vec::new();
    for p in op.positional() {
        if p.binary {
            let _ = writeln!(s, "let payload = need_payload({id}, payload)?;");
            call_args.push("payload".to_string());
            continue;
        }
        let ty = match (&p.ty, p.location) {
            (_, Location::Path) => "String".to_string(),
            (t, _) => t.render("models::"),
        };
        let _ = writeln!(s, "let {}: {ty} = a.required({:?})?;", p.rust, p.name);
        let by_ref = p.location == Location::Path || p.ty == RType::String;
        call_args.push(if by_ref {
            format!("&{}", p.rust)
        } else {
            p.rust.clone()
        });
    }
    if op.optional_payload().is_some() {
        call_args.push("payload".to_string());
    }
    let options = op.options();
    if !options.is_empty() {
        let _ = writeln!(s, "let opts = api::{} {{", op.options_name());
        for p in &options {
            let _ = writeln!(s, "{}: a.optional({:?})?,", p.rust, p.name);
        }
        s.push_str("};\n");
        call_args.push("opts".to_string());
    }
    s.push_str("a.finish()?;\n");
    let hijacked = crate::emit_api::HIJACKED.iter().find(|h| h.op == op.id);
    if !op.params.iter().any(|p| p.binary) && hijacked.is_none() {
        let _ = writeln!(s, "no_payload({id}, payload)?;");
    }
    let accessor = accessors.get(&op.tag).cloned().unwrap_or_default();
    let call = format!(
        "docker.{accessor}().{}({}).await?",
        op.method_name,
        call_args.join(", ")
    );
    // With a payload, a hijackable call sends it as stdin, then half-closes it.
    if let Some(h) = hijacked {
        let stdin_call = format!(
            "docker.{accessor}().{}{}({}).await?",
            op.method_name,
            h.method_suffix,
            call_args.join(", ")
        );
        let _ = writeln!(
            s,
            "if let Some(payload) = payload {{\nreturn Ok(Output::Chunks({stdin_call}.send_stdin(payload)));\n}}"
        );
    }
    match &op.returns {
        Returns::Unit => {
            let _ = writeln!(s, "{call};\nOk(Output::Empty)");
        }
        Returns::Json(_) | Returns::PathStat => {
            let _ = writeln!(s, "json({id}, {call})");
        }
        Returns::Text => {
            let _ = writeln!(s, "Ok(Output::Text({call}))");
        }
        Returns::Stream => {
            let _ = writeln!(s, "Ok(Output::Bytes({call}))");
        }
        Returns::Output => {
            let _ = writeln!(s, "Ok(Output::Chunks({call}))");
        }
        Returns::Lines(_) => {
            let _ = writeln!(s, "Ok(Output::Lines({call}.into_type()))");
        }
    }
    s.push_str("}\n");
    s
}
