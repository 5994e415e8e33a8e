//! Layer 1, the connection: where the engine is and how bytes get there.

mod cli_config;
mod endpoint;
mod http;
mod ssh;
mod tls;

pub(crate) use cli_config::read_config_json;
pub use cli_config::{config_dir_from, process_env, resolve as resolve_env, EnvHost};
pub use endpoint::{parse_host, Endpoint, ParsedHost, DEFAULT_SOCKET};
pub(crate) use http::{build_http_client, map_reqwest_error};
pub use ssh::SshOptions;
pub(crate) use ssh::SshTunnel;
pub use tls::{Pem, TlsOptions, TlsPaths};
