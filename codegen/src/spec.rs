//! Loading the Swagger 2.0 document and reading it: operations in spec order, definitions,
//! `$ref` resolution. Everything else works on the borrowed YAML values handed out here, so
//! that an inline schema keeps its identity (its address) wherever it is reached from.

use serde_yaml_ng::{Mapping, Value};
use std::path::Path;

/// The parsed spec. Mappings keep the document's order, which keeps the output stable.
pub struct Spec {
    root: Value,
    /// The file name, for the `@generated` header.
    pub file_name: String,
}

/// One operation as the spec writes it.
pub struct SpecOp<'a> {
    pub id: String,
    pub tag: String,
    /// HTTP method, upper case.
    pub method: String,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub params: Vec<&'a Value>,
    pub produces: Vec<String>,
    pub consumes: Vec<String>,
    /// Status code (as text) and response object, in spec order.
    pub responses: Vec<(String, &'a Value)>,
}

impl Spec {
    pub fn load(path: &Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the spec {}: {e}", path.display()))?;
        let root: Value = serde_yaml_ng::from_str(&text)
            .map_err(|e| format!("{} is not valid YAML: {e}", path.display()))?;
        if str_of(&root, "swagger") != Some("2.0") {
            return Err(format!("{} is not a Swagger 2.0 document", path.display()));
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Spec { root, file_name })
    }

    /// Replaces the schema at the JSON pointer `at`: it must exist (a fix the spec outgrew
    /// fails the generation instead of being silently kept).
    pub fn replace(&mut self, at: &str, schema: Value) -> Result<(), String> {
        let mut node = &mut self.root;
        for part in at.split('/').skip(1) {
            let key = part.replace("~1", "/").replace("~0", "~");
            node = node
                .get_mut(key.as_str())
                .ok_or_else(|| format!("engine_fixes.yaml: the spec has nothing at {at}"))?;
        }
        *node = schema;
        Ok(())
    }

    /// `definitions`, in spec order.
    pub fn definitions(&self) -> Vec<(String, &Value)> {
        match self.root.get("definitions").and_then(Value::as_mapping) {
            Some(m) => m
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v)))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The description of a tag from the top-level `tags` list, if any.
    pub fn tag_description(&self, tag: &str) -> Option<&str> {
        let tags = self.root.get("tags")?.as_sequence()?;
        tags.iter()
            .find(|t| str_of(t, "name") == Some(tag))
            .and_then(|t| str_of(t, "description"))
    }

    /// Follows `$ref` (possibly several times) to the schema it names.
    pub fn resolve<'a>(&'a self, mut schema: &'a Value) -> Result<&'a Value, String> {
        for _ in 0..16 {
            match str_of(schema, "$ref") {
                Some(r) => schema = self.lookup(r)?,
                None => return Ok(schema),
            }
        }
        Err("a $ref chain is too long (a cycle?)".to_string())
    }

    /// The value a local JSON pointer (`#/definitions/Name`) designates.
    pub fn lookup(&self, reference: &str) -> Result<&Value, String> {
        let pointer = reference
            .strip_prefix("#/")
            .ok_or_else(|| format!("only local $refs are supported, not {reference}"))?;
        let mut v = &self.root;
        for part in pointer.split('/') {
            let part = part.replace("~1", "/").replace("~0", "~");
            v = v
                .get(part.as_str())
                .ok_or_else(|| format!("unresolved $ref {reference}"))?;
        }
        Ok(v)
    }

    /// Every operation, in the order of `paths` and, within a path, of its methods.
    pub fn operations(&self) -> Result<Vec<SpecOp<'_>>, String> {
        let paths = self
            .root
            .get("paths")
            .and_then(Value::as_mapping)
            .ok_or("the spec has no paths")?;
        let global_produces = strings(self.root.get("produces"));
        let global_consumes = strings(self.root.get("consumes"));
        let mut ops = Vec::new();
        for (path, item) in paths {
            let path = path.as_str().ok_or("a path key is not a string")?;
            let item = item
                .as_mapping()
                .ok_or_else(|| format!("path {path} is not a mapping"))?;
            let shared: Vec<&Value> = seq(item.get("parameters"));
            for (method, op) in item {
                let method = method.as_str().unwrap_or_default();
                if !matches!(
                    method,
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch"
                ) {
                    continue;
                }
                let id = str_of(op, "operationId")
                    .ok_or_else(|| format!("{method} {path} has no operationId"))?;
                let tag = op
                    .get("tags")
                    .and_then(Value::as_sequence)
                    .and_then(|t| t.first())
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("{id} has no tag"))?;
                let mut params = Vec::new();
                for p in shared.iter().copied().chain(seq(op.get("parameters"))) {
                    params.push(self.resolve(p)?);
                }
                let responses = match op.get("responses").and_then(Value::as_mapping) {
                    Some(m) => m.iter().map(|(k, v)| (key_text(k), v)).collect(),
                    None => Vec::new(),
                };
                let produces = op
                    .get("produces")
                    .map(|v| strings(Some(v)))
                    .unwrap_or_else(|| global_produces.clone());
                let consumes = op
                    .get("consumes")
                    .map(|v| strings(Some(v)))
                    .unwrap_or_else(|| global_consumes.clone());
                ops.push(SpecOp {
                    id: id.to_string(),
                    tag: tag.to_string(),
                    method: method.to_ascii_uppercase(),
                    path: path.to_string(),
                    summary: str_of(op, "summary").unwrap_or_default().trim().to_string(),
                    description: str_of(op, "description").unwrap_or_default().to_string(),
                    params,
                    produces,
                    consumes,
                    responses,
                });
            }
        }
        Ok(ops)
    }
}

/// `value[key]` as a string.
pub fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// `value[key]` as a mapping.
pub fn map_of<'a>(value: &'a Value, key: &str) -> Option<&'a Mapping> {
    value.get(key).and_then(Value::as_mapping)
}

/// A YAML scalar as text (mapping keys such as status codes are integers in YAML).
pub fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => serde_yaml_ng::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

fn seq(v: Option<&Value>) -> Vec<&Value> {
    v.and_then(Value::as_sequence)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

fn strings(v: Option<&Value>) -> Vec<String> {
    seq(v)
        .into_iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}
