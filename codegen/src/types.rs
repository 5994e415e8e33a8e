//! Type mapping: JSON schemas to Rust types, collecting the named model types (structs, enums,
//! aliases) that `models.rs` will hold.
//!
//! Inline schemas get names from where they sit (see `Models::map`); a schema reached twice
//! (through an `allOf` and directly) is recognised by its address and named once.

use crate::naming::{field_name, pascal_case, variant_name};
use crate::spec::{map_of, str_of, Spec};
use serde_yaml_ng::Value;
use std::collections::{BTreeMap, HashMap};

/// A Rust type, rendered relative to the models module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RType {
    String,
    I64,
    U64,
    F64,
    Bool,
    /// Free-form JSON.
    Value,
    Vec(Box<RType>),
    /// `HashMap<String, T>`.
    Map(Box<RType>),
    /// `Option<T>`: an `x-nullable` map value or list item (PortMap's `"80/tcp": null`).
    Opt(Box<RType>),
    /// A type of `models.rs`.
    Named(String),
    /// `api::Filters`, the `map[string][]string` of `filters` query parameters.
    Filters,
}

impl RType {
    /// The type as Rust source; named models are prefixed with `prefix` (`""` inside
    /// models.rs, `"models::"` elsewhere).
    pub fn render(&self, prefix: &str) -> String {
        match self {
            RType::String => "String".into(),
            RType::I64 => "i64".into(),
            RType::U64 => "u64".into(),
            RType::F64 => "f64".into(),
            RType::Bool => "bool".into(),
            RType::Value => "serde_json::Value".into(),
            RType::Vec(t) => format!("Vec<{}>", t.render(prefix)),
            RType::Map(t) => format!("HashMap<String, {}>", t.render(prefix)),
            RType::Opt(t) => format!("Option<{}>", t.render(prefix)),
            RType::Named(n) => format!("{prefix}{n}"),
            RType::Filters => "Filters".into(),
        }
    }
}

/// One field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub ty: RType,
    pub doc: String,
}

/// A named type of `models.rs`.
#[derive(Debug, Clone)]
pub enum Model {
    Struct {
        name: String,
        doc: String,
        fields: Vec<Field>,
    },
    /// A string enum; `Other(String)` is added when emitted.
    Enum {
        name: String,
        doc: String,
        variants: Vec<(String, String)>,
    },
    Alias {
        name: String,
        doc: String,
        ty: RType,
    },
}

#[cfg(test)]
impl Model {
    pub fn name(&self) -> &str {
        match self {
            Model::Struct { name, .. } | Model::Enum { name, .. } | Model::Alias { name, .. } => {
                name
            }
        }
    }
}

/// The collection of named models, in the order they were first met.
pub struct Models<'a> {
    spec: &'a Spec,
    pub items: Vec<Model>,
    /// Names taken, with what took them (for collision messages).
    taken: BTreeMap<String, String>,
    /// Inline schemas already named, by address.
    seen: HashMap<*const Value, RType>,
}

impl<'a> Models<'a> {
    pub fn new(spec: &'a Spec) -> Models<'a> {
        Models {
            spec,
            items: Vec::new(),
            taken: BTreeMap::new(),
            seen: HashMap::new(),
        }
    }

    /// Registers every definition under its own name, in spec order.
    pub fn add_definitions(&mut self) -> Result<(), String> {
        for (name, schema) in self.spec.definitions() {
            self.reserve(&name, &format!("#/definitions/{name}"))?;
            // A placeholder first, so that the definition comes before its inline types.
            let index = self.items.len();
            self.items.push(Model::Alias {
                name: name.clone(),
                doc: String::new(),
                ty: RType::Value,
            });
            let model = self.build(&name, schema, true)?;
            self.items[index] = model.unwrap_or_else(|ty| Model::Alias {
                name: name.clone(),
                doc: doc_of(schema),
                ty,
            });
        }
        Ok(())
    }

    fn reserve(&mut self, name: &str, origin: &str) -> Result<(), String> {
        if let Some(prev) = self.taken.get(name) {
            return Err(format!(
                "two schemas want the Rust name {name}: {prev} and {origin}; give one a `title` or rename it in the generator"
            ));
        }
        self.taken.insert(name.to_string(), origin.to_string());
        Ok(())
    }

    /// Maps a schema to a Rust type. An inline object or string enum becomes a named model:
    /// its `title` if it has one, else `hint` (the caller's Parent+Property name).
    pub fn map(&mut self, schema: &'a Value, hint: &str) -> Result<RType, String> {
        if let Some(r) = str_of(schema, "$ref") {
            let name = r.rsplit('/').next().unwrap_or(r);
            return Ok(RType::Named(name.to_string()));
        }
        let key = schema as *const Value;
        if let Some(t) = self.seen.get(&key) {
            return Ok(t.clone());
        }
        if let Some(target) = self.single_ref_all_of(schema) {
            return self.map(target, hint);
        }
        let ty = match self.shape(schema) {
            Shape::Struct | Shape::Enum => {
                let name = str_of(schema, "title")
                    .map(pascal_case)
                    .unwrap_or_else(|| hint.to_string());
                self.reserve(&name, hint)?;
                // Registered before its fields are built: a recursive schema finds itself.
                self.seen.insert(key, RType::Named(name.clone()));
                let index = self.items.len();
                self.items.push(Model::Alias {
                    name: name.clone(),
                    doc: String::new(),
                    ty: RType::Value,
                });
                let model = match self.build(&name, schema, false)? {
                    Ok(m) => m,
                    Err(ty) => Model::Alias {
                        name: name.clone(),
                        doc: doc_of(schema),
                        ty,
                    },
                };
                self.items[index] = model;
                RType::Named(name)
            }
            Shape::Other => self.anonymous(schema, hint)?,
        };
        self.seen.insert(key, ty.clone());
        Ok(ty)
    }

    /// A schema that is not a struct or enum: a primitive, an array, a map, free-form.
    fn anonymous(&mut self, schema: &'a Value, hint: &str) -> Result<RType, String> {
        Ok(match str_of(schema, "type") {
            Some("string") => RType::String,
            Some("integer") => match str_of(schema, "format") {
                Some("uint64") => RType::U64,
                _ => RType::I64,
            },
            Some("number") => RType::F64,
            Some("boolean") => RType::Bool,
            Some("array") => match schema.get("items") {
                Some(items) => RType::Vec(Box::new(self.element(items, &format!("{hint}Item"))?)),
                None => RType::Vec(Box::new(RType::Value)),
            },
            _ => match schema.get("additionalProperties") {
                Some(Value::Mapping(m)) if !m.is_empty() => {
                    let values = schema.get("additionalProperties").unwrap_or(&Value::Null);
                    RType::Map(Box::new(self.element(values, &format!("{hint}Value"))?))
                }
                Some(Value::Bool(true)) | Some(Value::Mapping(_)) => {
                    RType::Map(Box::new(RType::Value))
                }
                _ => RType::Value,
            },
        })
    }

    /// The type of a list item or map value; `null` is only accepted where the spec allows it
    /// (a field is always optional, an element is not).
    fn element(&mut self, schema: &'a Value, hint: &str) -> Result<RType, String> {
        let ty = self.map(schema, hint)?;
        if schema.get("x-nullable").and_then(Value::as_bool) == Some(true) {
            Ok(RType::Opt(Box::new(ty)))
        } else {
            Ok(ty)
        }
    }

    /// What a schema becomes.
    fn shape(&self, schema: &Value) -> Shape {
        let ty = str_of(schema, "type");
        if ty == Some("string") && schema.get("enum").is_some() {
            return Shape::Enum;
        }
        let has_props = map_of(schema, "properties").is_some_and(|p| !p.is_empty());
        if has_props || schema.get("allOf").is_some() {
            return Shape::Struct;
        }
        Shape::Other
    }

    /// `allOf: [$ref, {free-form}]` or `allOf: [$ref]` adds nothing to the referenced schema
    /// (ServiceCreate's body is a ServiceSpec with an example): it *is* that schema.
    fn single_ref_all_of(&self, schema: &'a Value) -> Option<&'a Value> {
        let members = schema.get("allOf")?.as_sequence()?;
        let refs: Vec<&Value> = members.iter().filter(|m| m.get("$ref").is_some()).collect();
        let adds = members.iter().filter(|m| m.get("$ref").is_none()).any(|m| {
            m.get("properties").is_some()
                || m.get("allOf").is_some()
                || m.get("additionalProperties").is_some()
        });
        if refs.len() == 1 && !adds && schema.get("properties").is_none() {
            Some(refs[0])
        } else {
            None
        }
    }

    /// Builds the model of a named schema; `Err(type)` when it is not a struct or enum
    /// (it then becomes an alias of that type).
    fn build(
        &mut self,
        name: &str,
        schema: &'a Value,
        top: bool,
    ) -> Result<Result<Model, RType>, String> {
        let doc = doc_of(schema);
        if top {
            if let Some(target) = self.single_ref_all_of(schema) {
                return Ok(Err(self.map(target, name)?));
            }
        }
        match self.shape(schema) {
            Shape::Enum => {
                let mut variants: Vec<(String, String)> = Vec::new();
                for v in schema
                    .get("enum")
                    .and_then(Value::as_sequence)
                    .into_iter()
                    .flatten()
                {
                    let Some(value) = v.as_str() else { continue };
                    if variants.iter().any(|(_, w)| w == value) {
                        continue;
                    }
                    let mut variant = variant_name(value);
                    if variant == "Other" || variants.iter().any(|(n, _)| *n == variant) {
                        variant.push('_');
                    }
                    if variants.iter().any(|(n, _)| *n == variant) {
                        return Err(format!(
                            "{name}: enum values collide as the variant {variant}"
                        ));
                    }
                    variants.push((variant, value.to_string()));
                }
                Ok(Ok(Model::Enum {
                    name: name.to_string(),
                    doc,
                    variants,
                }))
            }
            Shape::Struct => {
                let mut props: Vec<(String, &'a Value, String)> = Vec::new();
                self.collect_properties(name, schema, &mut props, 0)?;
                let mut fields: Vec<Field> = Vec::new();
                for (wire, prop, owner) in props {
                    let ty = self.map(prop, &format!("{owner}{}", pascal_case(&wire)))?;
                    let rust = field_name(&wire);
                    if rust == "extra" {
                        return Err(format!(
                            "{name}.{wire}: the field name `extra` is reserved for unknown fields"
                        ));
                    }
                    if let Some(other) = fields.iter().find(|f| f.rust == rust) {
                        return Err(format!(
                            "{name}: {wire:?} and {:?} both become the field {rust}",
                            other.wire
                        ));
                    }
                    fields.push(Field {
                        wire,
                        rust,
                        ty,
                        doc: doc_of(prop),
                    });
                }
                Ok(Ok(Model::Struct {
                    name: name.to_string(),
                    doc,
                    fields,
                }))
            }
            Shape::Other => Ok(Err(self.anonymous(schema, name)?)),
        }
    }

    /// The properties of a schema, `allOf` members merged in order (a later member's property
    /// replaces an earlier one of the same name, in place). Each comes with the name of the
    /// schema that declares it: inline types inside a referenced member are named after that
    /// member (HostConfig reuses Resources' `ResourcesBlkioWeightDeviceItem`).
    fn collect_properties(
        &self,
        owner: &str,
        schema: &'a Value,
        out: &mut Vec<(String, &'a Value, String)>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 16 {
            return Err(format!("{owner}: allOf nests too deep"));
        }
        if let Some(members) = schema.get("allOf").and_then(Value::as_sequence) {
            for m in members {
                match str_of(m, "$ref") {
                    Some(r) => {
                        let target = self.spec.lookup(r)?;
                        let target_name = r.rsplit('/').next().unwrap_or(r);
                        self.collect_properties(target_name, target, out, depth + 1)?;
                    }
                    None => self.collect_properties(owner, m, out, depth + 1)?,
                }
            }
        }
        if let Some(props) = map_of(schema, "properties") {
            for (k, v) in props {
                let Some(k) = k.as_str() else { continue };
                match out.iter_mut().find(|(w, _, _)| w == k) {
                    Some(slot) => *slot = (k.to_string(), v, owner.to_string()),
                    None => out.push((k.to_string(), v, owner.to_string())),
                }
            }
        }
        Ok(())
    }
}

enum Shape {
    Struct,
    Enum,
    Other,
}

/// A schema's description (its title is a name, not documentation).
pub fn doc_of(schema: &Value) -> String {
    str_of(schema, "description")
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_from(yaml: &str) -> Spec {
        let dir = std::env::temp_dir().join(format!(
            "codegen-types-{}-{}",
            std::process::id(),
            yaml.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.yaml");
        std::fs::write(&path, yaml).unwrap();
        let spec = Spec::load(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        spec
    }

    const SPEC: &str = r##"
swagger: "2.0"
paths: {}
definitions:
  Resources:
    type: object
    properties:
      Memory: {type: integer, format: int64}
      Devices:
        type: array
        items:
          type: object
          properties:
            Path: {type: string}
  HostConfig:
    allOf:
      - $ref: "#/definitions/Resources"
      - type: object
        properties:
          Isolation:
            type: string
            enum: ["default", "process", ""]
          Labels:
            type: object
            additionalProperties: {type: string}
          Size: {type: integer, format: uint64}
          Ratio: {type: number}
          Free: {type: object}
  MountType:
    type: string
    enum: [bind, volume]
  Ids:
    type: array
    items: {type: string}
  Alias:
    allOf:
      - $ref: "#/definitions/Resources"
      - type: object
        example: {}
"##;

    fn models(spec: &Spec) -> Models<'_> {
        let mut m = Models::new(spec);
        m.add_definitions().unwrap();
        m
    }

    fn find<'m>(m: &'m Models, name: &str) -> &'m Model {
        m.items
            .iter()
            .find(|i| i.name() == name)
            .unwrap_or_else(|| panic!("no model {name}"))
    }

    #[test]
    fn all_of_merges_and_inline_types_are_named_by_owner() {
        let spec = spec_from(SPEC);
        let m = models(&spec);
        let Model::Struct { fields, .. } = find(&m, "HostConfig") else {
            panic!("HostConfig is not a struct")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        assert_eq!(
            names,
            [
                "Memory",
                "Devices",
                "Isolation",
                "Labels",
                "Size",
                "Ratio",
                "Free"
            ]
        );
        let ty = |w: &str| fields.iter().find(|f| f.wire == w).unwrap().ty.render("");
        assert_eq!(ty("Memory"), "i64");
        assert_eq!(ty("Devices"), "Vec<ResourcesDevicesItem>");
        assert_eq!(ty("Isolation"), "HostConfigIsolation");
        assert_eq!(ty("Labels"), "HashMap<String, String>");
        assert_eq!(ty("Size"), "u64");
        assert_eq!(ty("Ratio"), "f64");
        assert_eq!(ty("Free"), "serde_json::Value");
        // The item type of Resources is made once, not again for HostConfig.
        assert_eq!(
            m.items
                .iter()
                .filter(|i| i.name() == "ResourcesDevicesItem")
                .count(),
            1
        );
    }

    #[test]
    fn enums_aliases_and_single_ref_all_of() {
        let spec = spec_from(SPEC);
        let m = models(&spec);
        let Model::Enum { variants, .. } = find(&m, "HostConfigIsolation") else {
            panic!()
        };
        assert_eq!(variants[2], ("Empty".to_string(), String::new()));
        assert!(matches!(find(&m, "MountType"), Model::Enum { .. }));
        let Model::Alias { ty, .. } = find(&m, "Ids") else {
            panic!()
        };
        assert_eq!(ty.render(""), "Vec<String>");
        let Model::Alias { ty, .. } = find(&m, "Alias") else {
            panic!()
        };
        assert_eq!(ty, &RType::Named("Resources".into()));
    }

    #[test]
    fn colliding_names_are_refused() {
        let spec = spec_from(SPEC);
        let mut m = models(&spec);
        let inline: &'static Value = Box::leak(Box::new(
            serde_yaml_ng::from_str::<Value>("{type: object, properties: {A: {type: string}}}")
                .unwrap(),
        ));
        let err = m.map(inline, "HostConfig").unwrap_err();
        assert!(
            err.contains("two schemas want the Rust name HostConfig"),
            "{err}"
        );
    }
}
