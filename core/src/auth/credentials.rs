//! Where a client finds registry credentials: the Docker CLI's config folder (`DOCKER_CONFIG`,
//! else `~/.docker`), its `auths`, `credsStore` and `credHelpers`, matched as the CLI does.

use super::config_file::ConfigFile;
use super::cred_helper;
use super::registry_auth::RegistryAuth;
use super::registry_name::{key_matches, server_address};
use crate::connection::{config_dir_from, process_env};
use crate::error::Result;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// `DOCKER_CONFIG`, else `$HOME/.docker`, looked up at each use.
    Env,
    Dir(PathBuf),
    None,
}

/// The source of registry credentials of a [`crate::Docker`] client. The file is read at each
/// lookup (it is small), so a `docker login` made meanwhile is seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    source: Source,
    helper_dirs: Option<Vec<PathBuf>>,
}

impl Default for Credentials {
    fn default() -> Credentials {
        Credentials::from_env()
    }
}

impl Credentials {
    /// As the Docker CLI: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    pub fn from_env() -> Credentials {
        Credentials {
            source: Source::Env,
            helper_dirs: None,
        }
    }

    /// `DIR/config.json`.
    pub fn from_dir(dir: impl Into<PathBuf>) -> Credentials {
        Credentials {
            source: Source::Dir(dir.into()),
            helper_dirs: None,
        }
    }

    /// No stored credentials: only what a call is given explicitly.
    pub fn none() -> Credentials {
        Credentials {
            source: Source::None,
            helper_dirs: None,
        }
    }

    /// Look for `docker-credential-NAME` helpers only in these folders instead of `PATH`.
    pub fn helper_dirs(mut self, dirs: Vec<PathBuf>) -> Credentials {
        self.helper_dirs = Some(dirs);
        self
    }

    /// The config file this source reads, if any.
    pub fn config_path(&self) -> Option<PathBuf> {
        let dir = match &self.source {
            Source::None => return None,
            Source::Dir(d) => d.clone(),
            Source::Env => config_dir_from(&process_env)?,
        };
        Some(dir.join("config.json"))
    }

    fn file(&self) -> Result<ConfigFile> {
        match self.config_path() {
            Some(p) => ConfigFile::read(&p),
            None => Ok(ConfigFile::default()),
        }
    }

    /// The credentials for `registry` (`127.0.0.1:5000`, `docker.io`, `ghcr.io`): a matching
    /// `credHelpers` entry's helper, else the `credsStore`, else the `auths` entry. `Ok(None)`
    /// when there are none (an anonymous request). Errors: an unreadable config file or a
    /// failing helper (`InvalidArgument`, naming the file or the helper, never a secret).
    pub async fn for_registry(&self, registry: &str) -> Result<Option<RegistryAuth>> {
        let file = self.file()?;
        let server = server_address(registry);
        let helper = file
            .cred_helpers
            .iter()
            .find(|(k, _)| key_matches(k, registry))
            .map(|(_, h)| h.clone())
            .or(file.creds_store.clone());
        if let Some(helper) = helper {
            let found = cred_helper::get(&helper, &server, self.helper_dirs.as_deref()).await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let entry = file
            .auths
            .get(registry)
            .or_else(|| file.auths.get(&server))
            .or_else(|| {
                file.auths
                    .iter()
                    .find(|(k, _)| key_matches(k, registry))
                    .map(|(_, a)| a)
            });
        Ok(entry.filter(|a| has_secret(a)).cloned())
    }

    /// `explicit` when given (a call's own credentials win), else the stored ones.
    pub async fn or_stored(
        &self,
        explicit: Option<RegistryAuth>,
        registry: &str,
    ) -> Result<Option<RegistryAuth>> {
        match explicit {
            Some(a) => Ok(Some(a)),
            None => self.for_registry(registry).await,
        }
    }

    /// Every registry's credentials, keyed as in the file: the `X-Registry-Config` of a build,
    /// which may pull from any of them.
    pub async fn all(&self) -> Result<BTreeMap<String, RegistryAuth>> {
        let file = self.file()?;
        let keys: BTreeSet<&String> = file.auths.keys().chain(file.cred_helpers.keys()).collect();
        let mut all = BTreeMap::new();
        for key in keys {
            if let Some(auth) = self.for_registry(key).await? {
                all.insert(key.clone(), auth);
            }
        }
        Ok(all)
    }
}

/// An `auths` entry may hold only an email (or be `{}` when a store keeps the secret).
fn has_secret(a: &RegistryAuth) -> bool {
    a.identitytoken.is_some() || a.username.is_some() || a.password.is_some()
}
