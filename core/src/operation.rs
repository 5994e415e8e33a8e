//! The shape of the generated operation table (`generated::operations`): one entry per
//! operation of the spec. It drives URL building, version checks and every binding's surface.

use crate::version::ApiVersion;

/// One operation of the Engine API.
#[derive(Debug)]
pub struct Operation {
    /// The spec's operationId, e.g. `ContainerList`.
    pub id: &'static str,
    /// The spec's tag, e.g. `Container`.
    pub group: &'static str,
    /// The method name inside its group, snake_case, e.g. `list`.
    pub method_name: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template without version prefix, e.g. `/containers/{id}/json`.
    pub path: &'static str,
    pub summary: &'static str,
    pub params: &'static [Param],
    pub body: BodyKind,
    pub response: ResponseKind,
    /// The first API version that has this operation.
    pub since: ApiVersion,
}

impl Operation {
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// One parameter of an operation.
#[derive(Debug)]
pub struct Param {
    /// The name on the wire, as in the spec (`shared-size`, `X-Registry-Auth`, `body`).
    pub name: &'static str,
    pub location: ParamLocation,
    pub ty: ParamType,
    pub required: bool,
    /// The spec's default, as text.
    pub default: Option<&'static str>,
    /// The first API version that has this parameter.
    pub since: ApiVersion,
    pub description: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    /// A JSON object (e.g. `filters`, sent JSON-encoded in the query) or a JSON body.
    Object,
    /// Raw bytes (tar archives, plain text bodies).
    Binary,
}

/// What the request body carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    None,
    Json,
    /// A tar archive (`application/x-tar`).
    Tar,
    /// Other raw bytes (`application/octet-stream`, `text/plain`).
    Bytes,
}

/// What the response carries; decides how a call is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    Empty,
    Json,
    Text,
    /// Raw bytes never buffered whole (export, save, archive).
    ByteStream,
    /// One JSON object per line (events, stats, progress of pull/push/build/load).
    JsonLines,
    /// Container output: 8-byte-header frames, or raw bytes for a TTY (logs, attach, exec).
    ContainerOutput,
    /// The `X-Docker-Container-Path-Stat` header of `HEAD /containers/{id}/archive`.
    PathStat,
    /// A connection upgrade (websocket attach, `/session`).
    Upgrade,
}
