//! Layer 6, registry credentials: the `X-Registry-Auth` value of one call
//! ([`RegistryAuth`]), the `X-Registry-Config` of a build, and where stored credentials come
//! from ([`Credentials`]: the Docker CLI's `config.json`, its `credsStore` and
//! `credHelpers`). Secrets never appear in `Debug` output or error messages.

mod config_file;
mod cred_helper;
mod credentials;
mod registry_auth;
mod registry_name;

pub use config_file::ConfigFile;
pub use credentials::Credentials;
pub use registry_auth::{registry_config_header, RegistryAuth};
pub use registry_name::{server_address, DOCKER_HUB_KEY};
