//! Writes `operations.rs`: the operation table (one `Operation` static per operation, the
//! `OPERATIONS` list in spec order, lookup by id). It is the single source the bindings read
//! their surface from, so it carries every parameter with its full description.

use crate::emit::{header, lit, version};
use crate::ops::Op;
use std::fmt::Write;

pub fn emit(ops: &[Op], spec_file: &str) -> String {
    let mut s = header(spec_file);
    s.push_str(
        "//! The operation table: every operation of the spec with its parameters, body and\n\
         //! response kinds, and the first API version of each.\n\n\
         use crate::operation::{BodyKind, Operation, Param, ParamLocation, ParamType, ResponseKind};\n\
         use crate::version::ApiVersion;\n\n",
    );
    for op in ops {
        let _ = writeln!(s, "/// `{} {}`: {}", op.http_method, op.path, op.summary);
        let _ = writeln!(
            s,
            "pub static {}: Operation = Operation {{",
            op.static_name()
        );
        let _ = writeln!(s, "    id: {},", lit(&op.id));
        let _ = writeln!(s, "    group: {},", lit(&op.tag));
        let _ = writeln!(s, "    method_name: {},", lit(&op.method_name));
        let _ = writeln!(s, "    method: {},", lit(&op.http_method));
        let _ = writeln!(s, "    path: {},", lit(&op.path));
        let _ = writeln!(s, "    summary: {},", lit(&op.summary));
        s.push_str("    params: &[\n");
        for p in &op.params {
            let default = match &p.default {
                Some(d) => format!("Some({})", lit(d)),
                None => "None".to_string(),
            };
            let _ = writeln!(
                s,
                "        Param {{ name: {}, location: ParamLocation::{}, ty: ParamType::{}, required: {}, default: {default}, since: {}, description: {} }},",
                lit(&p.name),
                p.location.variant(),
                p.table_type,
                p.required,
                version(p.since),
                lit(&p.description),
            );
        }
        s.push_str("    ],\n");
        let _ = writeln!(s, "    body: BodyKind::{},", op.body_kind);
        let _ = writeln!(s, "    response: ResponseKind::{},", op.response_kind);
        let _ = writeln!(s, "    since: {},", version(op.since));
        s.push_str("};\n\n");
    }
    s.push_str("/// Every operation of the spec, in spec order.\npub static OPERATIONS: &[&Operation] = &[\n");
    for op in ops {
        let _ = writeln!(s, "    &{},", op.static_name());
    }
    s.push_str("];\n\n");
    s.push_str(
        "/// The operation with this operationId (`ContainerList`).\n\
         pub fn operation(id: &str) -> Option<&'static Operation> {\n    \
         OPERATIONS.iter().copied().find(|o| o.id == id)\n}\n",
    );
    s
}
