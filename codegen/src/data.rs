//! The curated data of `codegen/data/`: what the spec does not say (first versions, stream
//! kinds, names). Loaded strictly and checked against the spec, so that a typo or an operation
//! renamed upstream fails the generation instead of being silently ignored.

use crate::spec::{str_of, SpecOp};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// `since.yaml`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Since {
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    #[serde(default)]
    pub parameters: BTreeMap<String, BTreeMap<String, String>>,
}

/// `names.yaml`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub groups: BTreeMap<String, String>,
    #[serde(default)]
    pub methods: BTreeMap<String, String>,
}

/// How a string query parameter carrying JSON is typed and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryEncoding {
    StringMap,
    JsonList,
}

/// `params.yaml`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub query_encodings: BTreeMap<String, BTreeMap<String, QueryEncoding>>,
    #[serde(default)]
    pub skip: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub body_kinds: BTreeMap<String, String>,
    /// Parameters the engine reads but the spec does not list, in the spec's own form.
    #[serde(default)]
    pub extra: BTreeMap<String, Vec<serde_yaml_ng::Value>>,
}

/// All curated data.
#[derive(Debug, Default)]
pub struct Data {
    pub since: Since,
    pub names: Names,
    pub params: Params,
    /// `response_kinds.yaml`: operationId -> ResponseKind variant name.
    pub response_kinds: BTreeMap<String, String>,
    /// `stream_items.yaml`: operationId of a JSON-lines stream -> the model of one object.
    pub stream_items: BTreeMap<String, String>,
    /// `engine_fixes.yaml`: schemas of the spec replaced by what the engine really sends.
    pub engine_fixes: Vec<EngineFix>,
}

/// One schema of the spec replaced: the engine's answers disagree with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineFix {
    /// A JSON pointer into the spec (`/definitions/Plugin/properties/...`).
    pub at: String,
    /// What the engine does (kept for the reader; the README's notes list these).
    #[allow(dead_code)]
    pub why: String,
    pub schema: serde_yaml_ng::Value,
}

pub const RESPONSE_KINDS: &[&str] = &[
    "Empty",
    "Json",
    "Text",
    "ByteStream",
    "JsonLines",
    "ContainerOutput",
    "PathStat",
    "Upgrade",
];
pub const BODY_KINDS: &[&str] = &["None", "Json", "Tar", "Bytes"];

fn load<T: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> Result<T, String> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_yaml_ng::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

impl Data {
    pub fn load(dir: &Path) -> Result<Data, String> {
        Ok(Data {
            since: load(dir, "since.yaml")?,
            names: load(dir, "names.yaml")?,
            params: load(dir, "params.yaml")?,
            response_kinds: load(dir, "response_kinds.yaml")?,
            stream_items: load(dir, "stream_items.yaml")?,
            engine_fixes: load(dir, "engine_fixes.yaml")?,
        })
    }

    /// Every name in the data must exist in the spec; every tag must have a group.
    pub fn validate(&self, ops: &[SpecOp]) -> Result<(), String> {
        let mut errors = Vec::new();
        let find = |id: &str| ops.iter().find(|o| o.id == id);
        let check_param =
            |file: &str, op: &str, param: &str, errors: &mut Vec<String>| match find(op) {
                None => errors.push(format!("{file}: operation {op} is not in the spec")),
                Some(o) => {
                    if !o.params.iter().any(|p| str_of(p, "name") == Some(param)) {
                        errors.push(format!(
                            "{file}: operation {op} has no parameter {param:?} in the spec"
                        ));
                    }
                }
            };
        for (op, v) in &self.since.operations {
            if find(op).is_none() {
                errors.push(format!("since.yaml: operation {op} is not in the spec"));
            }
            if parse_version(v).is_none() {
                errors.push(format!(
                    "since.yaml: {op}: {v:?} is not a version like \"1.25\""
                ));
            }
        }
        for (op, params) in &self.since.parameters {
            for (p, v) in params {
                check_param("since.yaml", op, p, &mut errors);
                if parse_version(v).is_none() {
                    errors.push(format!(
                        "since.yaml: {op}.{p}: {v:?} is not a version like \"1.25\""
                    ));
                }
            }
        }
        for (op, params) in &self.params.query_encodings {
            for p in params.keys() {
                check_param("params.yaml", op, p, &mut errors);
            }
        }
        for (op, params) in &self.params.skip {
            for p in params {
                check_param("params.yaml", op, p, &mut errors);
            }
        }
        for (op, params) in &self.params.extra {
            for p in params {
                let name = str_of(p, "name").unwrap_or_default();
                match find(op) {
                    None => errors.push(format!("params.yaml: operation {op} is not in the spec")),
                    Some(o) if o.params.iter().any(|q| str_of(q, "name") == Some(name)) => errors
                        .push(format!(
                            "params.yaml: extra {op}.{name:?} is in the spec now: remove it"
                        )),
                    Some(_) => {}
                }
            }
        }
        for (op, kind) in &self.params.body_kinds {
            if find(op).is_none() {
                errors.push(format!("params.yaml: operation {op} is not in the spec"));
            }
            if !BODY_KINDS.contains(&kind.as_str()) {
                errors.push(format!(
                    "params.yaml: {op}: unknown body kind {kind:?} (one of {BODY_KINDS:?})"
                ));
            }
        }
        for (op, kind) in &self.response_kinds {
            if find(op).is_none() {
                errors.push(format!(
                    "response_kinds.yaml: operation {op} is not in the spec"
                ));
            }
            if !RESPONSE_KINDS.contains(&kind.as_str()) {
                errors.push(format!(
                    "response_kinds.yaml: {op}: unknown kind {kind:?} (one of {RESPONSE_KINDS:?})"
                ));
            }
        }
        for op in self.stream_items.keys() {
            if self.response_kinds.get(op).map(String::as_str) != Some("JsonLines") {
                errors.push(format!(
                    "stream_items.yaml: {op} is not a JsonLines operation in response_kinds.yaml"
                ));
            }
        }
        for op in self.names.methods.keys() {
            if find(op).is_none() {
                errors.push(format!("names.yaml: operation {op} is not in the spec"));
            }
        }
        for op in ops {
            if !self.names.groups.contains_key(&op.tag) {
                errors.push(format!(
                    "names.yaml: tag {} (of {}) has no group accessor",
                    op.tag, op.id
                ));
            }
        }
        for tag in self.names.groups.keys() {
            if !ops.iter().any(|o| &o.tag == tag) {
                errors.push(format!(
                    "names.yaml: group {tag} is not a tag of any operation"
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the data in codegen/data does not match the spec:\n  {}",
                errors.join("\n  ")
            ))
        }
    }

    /// The first version of an operation.
    pub fn op_since(&self, op: &str) -> (u16, u16) {
        self.since
            .operations
            .get(op)
            .and_then(|v| parse_version(v))
            .unwrap_or(BASE_VERSION)
    }

    /// The first version of a parameter: its own, but never older than its operation's.
    pub fn param_since(&self, op: &str, param: &str) -> (u16, u16) {
        let own = self
            .since
            .parameters
            .get(op)
            .and_then(|m| m.get(param))
            .and_then(|v| parse_version(v))
            .unwrap_or(BASE_VERSION);
        own.max(self.op_since(op))
    }
}

/// The oldest version the client speaks: what everything not curated is.
pub const BASE_VERSION: (u16, u16) = (1, 24);

pub fn parse_version(v: &str) -> Option<(u16, u16)> {
    let (a, b) = v.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;

    #[test]
    fn the_committed_data_matches_the_spec() {
        let spec = Spec::load(&crate::default_spec_path()).unwrap();
        let ops = spec.operations().unwrap();
        let data = Data::load(&crate::data_dir()).unwrap();
        data.validate(&ops).unwrap();
        assert_eq!(data.param_since("ContainerStop", "signal"), (1, 42));
        // An operation's version bounds its parameters'.
        assert_eq!(data.param_since("PluginPull", "remote"), (1, 25));
    }

    #[test]
    fn unknown_names_are_refused() {
        let spec = Spec::load(&crate::default_spec_path()).unwrap();
        let ops = spec.operations().unwrap();
        let mut data = Data::load(&crate::data_dir()).unwrap();
        data.since
            .operations
            .insert("ContainerFly".into(), "1.30".into());
        data.since
            .parameters
            .entry("ContainerStop".into())
            .or_default()
            .insert("nope".into(), "1.40".into());
        let err = data.validate(&ops).unwrap_err();
        assert!(
            err.contains("operation ContainerFly is not in the spec"),
            "{err}"
        );
        assert!(
            err.contains("ContainerStop has no parameter \"nope\""),
            "{err}"
        );
    }
}
