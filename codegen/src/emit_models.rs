//! Writes `models.rs`: a serde struct, enum or alias per model.
//!
//! Open schema, as the spec asks of clients: every field is optional, unknown fields are kept
//! in `extra` (and sent back), unknown enum values decode into `Other` (and encode back as
//! they came). serde's `#[serde(other)]` would drop the value, so the enums' serde impls are
//! written out.

use crate::docs::doc_comment;
use crate::emit::header;
use crate::secrets::{is_secret, redacting_debug};
use crate::types::{Field, Model, RType};
use std::fmt::Write;

pub fn emit(models: &[Model], spec_file: &str) -> String {
    let mut out = header(spec_file);
    out.push_str(
        "//! The models of the Engine API: every definition of the spec, and every inline schema of\n\
         //! its operations (named by their `title`, else parent + property, else operation +\n\
         //! `Response`/`Body`).\n\
         //!\n\
         //! Open schema: every field is optional, fields this client does not know are kept in\n\
         //! `extra` and sent back, enum values it does not know decode to `Other`.\n\n",
    );
    let body: String = models.iter().map(emit_model).collect();
    out.push_str("use serde::{Deserialize, Deserializer, Serialize, Serializer};\n");
    if body.contains("HashMap<") {
        out.push_str("use std::collections::HashMap;\n");
    }
    out.push('\n');
    out.push_str(&body);
    out
}

fn emit_model(model: &Model) -> String {
    match model {
        Model::Struct { name, doc, fields } => emit_struct(name, doc, fields),
        Model::Enum {
            name,
            doc,
            variants,
        } => emit_enum(name, doc, variants),
        Model::Alias { name, doc, ty } => {
            format!(
                "{}pub type {name} = {};\n\n",
                doc_comment(doc, ""),
                ty.render("")
            )
        }
    }
}

fn emit_struct(name: &str, doc: &str, fields: &[Field]) -> String {
    let mut s = doc_comment(doc, "");
    let redacts = fields.iter().any(|f| is_secret(name, &f.wire));
    s.push_str(if redacts {
        "#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]\n"
    } else {
        "#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]\n"
    });
    let _ = writeln!(s, "pub struct {name} {{");
    for f in fields {
        s.push_str(&doc_comment(&f.doc, "    "));
        let _ = writeln!(
            s,
            "    #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]",
            f.wire
        );
        let _ = writeln!(s, "    pub {}: Option<{}>,", f.rust, field_type(name, f));
    }
    s.push_str(
        "    /// Fields this client does not know (newer engines add some): kept, and sent back.\n",
    );
    s.push_str("    #[serde(flatten)]\n");
    s.push_str("    pub extra: serde_json::Map<String, serde_json::Value>,\n");
    s.push_str("}\n\n");
    if redacts {
        let names: Vec<(&str, &str)> = fields
            .iter()
            .map(|f| (f.rust.as_str(), f.wire.as_str()))
            .collect();
        s.push_str(&redacting_debug(name, &names, true));
    }
    s
}

/// A field that holds its own struct directly needs a box.
fn field_type(owner: &str, f: &Field) -> String {
    match &f.ty {
        RType::Named(n) if n == owner => format!("Box<{n}>"),
        t => t.render(""),
    }
}

fn emit_enum(name: &str, doc: &str, variants: &[(String, String)]) -> String {
    let mut s = doc_comment(doc, "");
    s.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n");
    let _ = writeln!(s, "pub enum {name} {{");
    for (variant, value) in variants {
        let _ = writeln!(s, "    /// `{value:?}`");
        let _ = writeln!(s, "    {variant},");
    }
    s.push_str("    /// A value this client does not know, kept as it came.\n");
    s.push_str("    Other(String),\n}\n\n");

    let _ = writeln!(s, "impl {name} {{");
    s.push_str("    /// The value on the wire.\n");
    s.push_str("    pub fn as_str(&self) -> &str {\n        match self {\n");
    for (variant, value) in variants {
        let _ = writeln!(s, "            {name}::{variant} => {value:?},");
    }
    let _ = writeln!(s, "            {name}::Other(s) => s,");
    s.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(s, "impl From<&str> for {name} {{");
    s.push_str("    fn from(s: &str) -> Self {\n        match s {\n");
    for (variant, value) in variants {
        let _ = writeln!(s, "            {value:?} => {name}::{variant},");
    }
    let _ = writeln!(s, "            other => {name}::Other(other.to_string()),");
    s.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(s, "impl From<String> for {name} {{");
    s.push_str("    fn from(s: String) -> Self {\n        Self::from(s.as_str())\n    }\n}\n\n");

    let _ = writeln!(s, "impl std::fmt::Display for {name} {{");
    s.push_str("    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n");
    s.push_str("        f.write_str(self.as_str())\n    }\n}\n\n");

    let _ = writeln!(s, "impl Serialize for {name} {{");
    s.push_str(
        "    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n",
    );
    s.push_str("        serializer.serialize_str(self.as_str())\n    }\n}\n\n");

    let _ = writeln!(s, "impl<'de> Deserialize<'de> for {name} {{");
    s.push_str(
        "    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n",
    );
    s.push_str("        String::deserialize(deserializer).map(Self::from)\n    }\n}\n\n");
    s
}
