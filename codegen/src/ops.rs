//! The operation model shared by the operations, api and dispatch emitters: for each
//! operation of the spec, its group and method name, its parameters with their Rust types,
//! its body kind, response kind and return type. The rules that decide these live here; the
//! exceptions live in `codegen/data/`.

use crate::data::{Data, QueryEncoding};
use crate::naming::{field_name, pascal_case, snake_case};
use crate::spec::{key_text, str_of, SpecOp};
use crate::types::{Models, RType};
use serde_yaml_ng::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Body,
}

impl Location {
    pub fn variant(self) -> &'static str {
        match self {
            Location::Path => "Path",
            Location::Query => "Query",
            Location::Header => "Header",
            Location::Body => "Body",
        }
    }
}

/// One parameter as the client exposes it.
#[derive(Debug, Clone)]
pub struct Param {
    /// The spec's name: the key on the wire and in dispatch's `args`.
    pub name: String,
    pub location: Location,
    /// The `ParamType` variant of the operation table.
    pub table_type: &'static str,
    pub required: bool,
    pub default: Option<String>,
    pub since: (u16, u16),
    pub description: String,
    /// The Rust argument or field name.
    pub rust: String,
    /// The Rust value type (not used for binary bodies, which are `Payload`s).
    pub ty: RType,
    /// A raw body (`Payload`), not JSON.
    pub binary: bool,
    /// A list sent as one JSON-encoded query value.
    pub json_list: bool,
}

/// What a typed method returns.
#[derive(Debug, Clone)]
pub enum Returns {
    Unit,
    Json(RType),
    Text,
    /// Raw bytes (`ByteStream`), also the raw duplex of `Upgrade` operations.
    Stream,
    /// Container output (`OutputStream`).
    Output,
    /// A JSON-lines stream of this item type (`JsonStream<T>`).
    Lines(RType),
    PathStat,
}

/// One operation as the generated code sees it.
#[derive(Debug, Clone)]
pub struct Op {
    pub id: String,
    pub tag: String,
    pub method_name: String,
    pub http_method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub since: (u16, u16),
    pub params: Vec<Param>,
    /// The `BodyKind` variant.
    pub body_kind: String,
    /// The `ResponseKind` variant.
    pub response_kind: String,
    pub returns: Returns,
}

impl Op {
    /// `CONTAINER_LIST`: the static of the operation table.
    pub fn static_name(&self) -> String {
        crate::naming::screaming_snake_case(&self.id)
    }

    /// The parameters passed positionally to the typed method, in order: path parameters,
    /// then the other required ones (query, header, body).
    pub fn positional(&self) -> Vec<&Param> {
        let mut v: Vec<&Param> = self
            .params
            .iter()
            .filter(|p| p.location == Location::Path)
            .collect();
        v.extend(
            self.params
                .iter()
                .filter(|p| p.location != Location::Path && p.required),
        );
        v
    }

    /// An optional raw body, passed as `Option<Payload>` after the positional parameters.
    pub fn optional_payload(&self) -> Option<&Param> {
        self.params.iter().find(|p| p.binary && !p.required)
    }

    /// The fields of `<Id>Options`: optional parameters other than a raw body.
    pub fn options(&self) -> Vec<&Param> {
        self.params
            .iter()
            .filter(|p| !p.required && !p.binary)
            .collect()
    }

    pub fn options_name(&self) -> String {
        format!("{}Options", self.id)
    }

    /// The content type of a raw body.
    pub fn raw_content_type(&self) -> &'static str {
        if self.body_kind == "Tar" {
            "application/x-tar"
        } else {
            "application/octet-stream"
        }
    }
}

/// Builds the model of every operation, registering inline schemas in `models`.
pub fn build_ops<'a>(
    spec_ops: &[SpecOp<'a>],
    data: &Data,
    models: &mut Models<'a>,
) -> Result<Vec<Op>, String> {
    let mut ops: Vec<Op> = Vec::new();
    for so in spec_ops {
        let op = build_op(so, data, models)?;
        if let Some(other) = ops
            .iter()
            .find(|o| o.tag == op.tag && o.method_name == op.method_name)
        {
            return Err(format!(
                "{} and {} would both be the method {} of group {}; name one in codegen/data/names.yaml",
                other.id, op.id, op.method_name, op.tag
            ));
        }
        ops.push(op);
    }
    Ok(ops)
}

fn build_op<'a>(so: &SpecOp<'a>, data: &Data, models: &mut Models<'a>) -> Result<Op, String> {
    let method_name = match data.names.methods.get(&so.id) {
        Some(m) => m.clone(),
        None => match so.id.strip_prefix(&so.tag) {
            Some(rest) if !rest.is_empty() => snake_case(rest),
            _ => {
                return Err(format!(
                    "{} does not start with its tag {}: give it a method name in codegen/data/names.yaml",
                    so.id, so.tag
                ))
            }
        },
    };
    let skip = data.params.skip.get(&so.id).cloned().unwrap_or_default();
    let mut params = Vec::new();
    for p in &so.params {
        let name =
            str_of(p, "name").ok_or_else(|| format!("{}: a parameter has no name", so.id))?;
        if skip.iter().any(|s| s == name) {
            continue;
        }
        params.push(build_param(so, p, name, data, models)?);
    }
    for p in data.params.extra.get(&so.id).into_iter().flatten() {
        let name = str_of(p, "name")
            .ok_or_else(|| format!("{}: an extra parameter has no name", so.id))?;
        // The data lives as long as the generation, as the spec does.
        let p: &'a Value = Box::leak(Box::new(p.clone()));
        params.push(build_param(so, p, name, data, models)?);
    }
    for segment in so.path.split('{').skip(1) {
        let name = segment.split('}').next().unwrap_or_default();
        if !params
            .iter()
            .any(|p| p.location == Location::Path && p.name == name)
        {
            return Err(format!(
                "{}: the path {} has no path parameter {name}",
                so.id, so.path
            ));
        }
    }
    let binary = params.iter().find(|p| p.binary);
    let body_kind = match (data.params.body_kinds.get(&so.id), binary) {
        (Some(k), _) => k.clone(),
        (None, Some(_)) if so.consumes.iter().any(|c| c == "application/x-tar") => {
            "Tar".to_string()
        }
        (None, Some(_)) => "Bytes".to_string(),
        (None, None) if params.iter().any(|p| p.location == Location::Body) => "Json".to_string(),
        (None, None) => "None".to_string(),
    };
    let (response_kind, success) = response_kind(so, data);
    let returns = match response_kind.as_str() {
        "Empty" => Returns::Unit,
        "Text" => Returns::Text,
        "PathStat" => Returns::PathStat,
        "Json" => {
            let schema = success.and_then(|r| r.get("schema"));
            match schema {
                Some(s) => Returns::Json(models.map(s, &format!("{}Response", so.id))?),
                None => Returns::Json(RType::Value),
            }
        }
        "ContainerOutput" => Returns::Output,
        "JsonLines" => match data.stream_items.get(&so.id) {
            Some(model) => {
                // A reference to the definition, mapped like any other: a missing one fails.
                let reference: Value =
                    serde_yaml_ng::from_str(&format!("$ref: '#/definitions/{model}'"))
                        .map_err(|e| format!("{}: {e}", so.id))?;
                let schema: &'a Value = Box::leak(Box::new(reference));
                Returns::Lines(models.map(schema, model)?)
            }
            None => Returns::Lines(RType::Value),
        },
        _ => Returns::Stream,
    };
    Ok(Op {
        id: so.id.clone(),
        tag: so.tag.clone(),
        method_name,
        http_method: so.method.clone(),
        path: so.path.clone(),
        summary: so.summary.clone(),
        description: so.description.clone(),
        since: data.op_since(&so.id),
        params,
        body_kind,
        response_kind,
        returns,
    })
}

fn build_param<'a>(
    so: &SpecOp<'a>,
    p: &'a Value,
    name: &str,
    data: &Data,
    models: &mut Models<'a>,
) -> Result<Param, String> {
    let location = match str_of(p, "in") {
        Some("path") => Location::Path,
        Some("query") => Location::Query,
        Some("header") => Location::Header,
        Some("body") => Location::Body,
        other => {
            return Err(format!(
                "{}.{name}: unsupported parameter location {other:?}",
                so.id
            ))
        }
    };
    let description = str_of(p, "description")
        .unwrap_or_default()
        .trim()
        .to_string();
    let required =
        location == Location::Path || p.get("required").and_then(Value::as_bool).unwrap_or(false);
    let default = p.get("default").map(key_text);
    let encoding = data
        .params
        .query_encodings
        .get(&so.id)
        .and_then(|m| m.get(name))
        .copied();
    let mut binary = false;
    let mut json_list = false;
    let (ty, table_type) = if location == Location::Body {
        let schema = p
            .get("schema")
            .ok_or_else(|| format!("{}.{name}: a body without schema", so.id))?;
        if str_of(schema, "type") == Some("string") {
            binary = true;
            (RType::Value, "Binary")
        } else {
            let title_hint = format!("{}Body", so.id);
            (models.map(schema, &title_hint)?, "Object")
        }
    } else if name == "filters" && description.contains("map[string][]string") {
        (RType::Filters, "Object")
    } else if let Some(enc) = encoding {
        match enc {
            QueryEncoding::StringMap => (RType::Map(Box::new(RType::String)), "Object"),
            QueryEncoding::JsonList => {
                json_list = true;
                (RType::Vec(Box::new(RType::String)), "Array")
            }
        }
    } else {
        let hint = format!("{}{}", so.id, pascal_case(name));
        // A list parameter's item type is named after the parameter (SystemDataUsageType).
        let ty = match (str_of(p, "type"), p.get("items")) {
            (Some("array"), Some(items)) => RType::Vec(Box::new(models.map(items, &hint)?)),
            _ => models.map(p, &hint)?,
        };
        let table = match str_of(p, "type") {
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("array") => "Array",
            other => {
                return Err(format!(
                    "{}.{name}: unsupported parameter type {other:?}",
                    so.id
                ))
            }
        };
        (ty, table)
    };
    let rust = match location {
        Location::Body if binary => "payload".to_string(),
        Location::Body => "body".to_string(),
        _ => field_name(name),
    };
    Ok(Param {
        name: name.to_string(),
        location,
        table_type,
        required,
        default,
        since: data.param_since(&so.id, name),
        description,
        rust,
        ty,
        binary,
        json_list,
    })
}

/// The response kind and the success response it was read from.
///
/// In order: the curated list; `HEAD` (never a body: `Empty`); raw bytes (`application/x-tar`, `application/octet-stream`);
/// container output (`application/vnd.docker.*-stream`); then the first 2xx response: 204 or
/// no schema is `Empty`, a string schema of a `text/plain`-only operation is `Text`, anything
/// else `Json`.
fn response_kind<'a>(so: &SpecOp<'a>, data: &Data) -> (String, Option<&'a Value>) {
    let success = so
        .responses
        .iter()
        .find(|(code, _)| code.starts_with('2'))
        .map(|(c, v)| (c.as_str(), *v));
    let success_value = success.map(|(_, v)| v);
    if let Some(kind) = data.response_kinds.get(&so.id) {
        return (kind.clone(), success_value);
    }
    let produces = |m: &str| so.produces.iter().any(|p| p == m);
    let kind = if so.method.eq_ignore_ascii_case("head") {
        "Empty"
    } else if produces("application/x-tar") || produces("application/octet-stream") {
        "ByteStream"
    } else if produces("application/vnd.docker.raw-stream")
        || produces("application/vnd.docker.multiplexed-stream")
    {
        "ContainerOutput"
    } else {
        match success {
            None => "Empty",
            Some(("204", _)) => "Empty",
            Some((_, r)) => match r.get("schema") {
                None => "Empty",
                Some(s) if str_of(s, "type") == Some("string") && !produces("application/json") => {
                    "Text"
                }
                Some(_) => "Json",
            },
        }
    };
    (kind.to_string(), success_value)
}
