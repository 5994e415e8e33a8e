//! Layer 1, the connection: where the engine is and how bytes get there.

mod endpoint;
mod http;

pub use endpoint::{parse_host, Endpoint, ParsedHost, DEFAULT_SOCKET};
pub(crate) use http::{build_http_client, map_reqwest_error};
