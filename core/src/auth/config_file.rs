//! The credential parts of the Docker CLI's `config.json`: `auths`, `credsStore`,
//! `credHelpers`. Everything else in the file is left to other readers.

use super::registry_auth::RegistryAuth;
use crate::connection::read_config_json;
use crate::error::{Error, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One `auths` entry as the file holds it.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
struct FileAuth {
    /// base64 of `user:password`.
    auth: Option<String>,
    username: Option<String>,
    password: Option<String>,
    identitytoken: Option<String>,
    email: Option<String>,
}

#[derive(Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct FileContent {
    auths: BTreeMap<String, FileAuth>,
    creds_store: Option<String>,
    cred_helpers: BTreeMap<String, String>,
}

/// The credential settings of one config file. `Debug` shows keys and helper names only.
#[derive(Clone, Default)]
pub struct ConfigFile {
    /// Where it was read from (for messages); `None` when there was no file.
    pub(crate) path: Option<PathBuf>,
    /// `auths`, decoded: registry key → credentials.
    pub(crate) auths: BTreeMap<String, RegistryAuth>,
    pub(crate) creds_store: Option<String>,
    pub(crate) cred_helpers: BTreeMap<String, String>,
}

impl std::fmt::Debug for ConfigFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigFile")
            .field("path", &self.path)
            .field("auths", &self.auths.keys().collect::<Vec<_>>())
            .field("creds_store", &self.creds_store)
            .field("cred_helpers", &self.cred_helpers)
            .finish()
    }
}

impl ConfigFile {
    /// Reads `path`; a missing file is an empty configuration, as for the CLI. A file that is
    /// not JSON, or an `auth` that is not base64 of `user:password`, is an `InvalidArgument`
    /// error naming the file and the key, never the secret.
    pub fn read(path: &Path) -> Result<ConfigFile> {
        let content: FileContent = read_config_json(path)?;
        let mut auths = BTreeMap::new();
        for (key, entry) in content.auths {
            let auth = decode_entry(&key, entry).map_err(|why| {
                Error::invalid_argument(format!(
                    "the Docker config file {}: auths[{key:?}]: {why}",
                    path.display()
                ))
            })?;
            auths.insert(key, auth);
        }
        Ok(ConfigFile {
            path: Some(path.to_path_buf()),
            auths,
            creds_store: content.creds_store.filter(|s| !s.is_empty()),
            cred_helpers: content.cred_helpers,
        })
    }
}

fn decode_entry(key: &str, entry: FileAuth) -> std::result::Result<RegistryAuth, &'static str> {
    let (mut username, mut password) = (entry.username, entry.password);
    if let Some(auth) = entry.auth.filter(|a| !a.is_empty()) {
        let bytes = STANDARD
            .decode(auth.trim())
            .map_err(|_| "`auth` is not base64")?;
        let text = String::from_utf8(bytes).map_err(|_| "`auth` is not UTF-8 text")?;
        let (user, pass) = text
            .split_once(':')
            .ok_or("`auth` is not base64 of user:password")?;
        username = Some(user.to_string());
        password = Some(pass.to_string());
    }
    Ok(RegistryAuth {
        username,
        password,
        serveraddress: Some(key.to_string()),
        identitytoken: entry.identitytoken.filter(|t| !t.is_empty()),
        email: entry.email.filter(|e| !e.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(json: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, json).unwrap();
        (dir, path)
    }

    #[test]
    fn auths_decode_user_and_password() {
        let auth = STANDARD.encode("me:p+ss/w:rd");
        let (_d, path) = file(&format!(
            r#"{{"auths": {{"127.0.0.1:5000": {{"auth": "{auth}"}},
                "ghcr.io": {{"identitytoken": "tok"}}}},
               "credsStore": "pass", "credHelpers": {{"gcr.io": "gcloud"}}, "other": 1}}"#
        ));
        let cfg = ConfigFile::read(&path).unwrap();
        let a = &cfg.auths["127.0.0.1:5000"];
        assert_eq!(a.username.as_deref(), Some("me"));
        assert_eq!(a.password.as_deref(), Some("p+ss/w:rd"));
        assert_eq!(a.serveraddress.as_deref(), Some("127.0.0.1:5000"));
        assert_eq!(cfg.auths["ghcr.io"].identitytoken.as_deref(), Some("tok"));
        assert_eq!(cfg.creds_store.as_deref(), Some("pass"));
        assert_eq!(cfg.cred_helpers["gcr.io"], "gcloud");
        let shown = format!("{cfg:?}");
        assert!(
            !shown.contains("p+ss") && !shown.contains("tok\""),
            "{shown}"
        );
    }

    #[test]
    fn a_missing_file_is_empty_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = ConfigFile::read(&dir.path().join("config.json")).unwrap();
        assert!(cfg.auths.is_empty() && cfg.creds_store.is_none());

        let (_d, path) = file("{not json");
        let e = ConfigFile::read(&path).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        assert!(e.message().contains("config.json"), "{e}");
        // A value of the wrong type: serde would quote it; the message must not.
        let (_d, path) = file(r#"{"auths": "hunter2-secret"}"#);
        let e = ConfigFile::read(&path).unwrap_err();
        assert!(e.message().contains("line 1"), "{e}");
        assert!(!e.message().contains("hunter2"), "{e}");
    }

    #[test]
    fn a_bad_auth_names_the_key_not_the_secret() {
        let not_pair = STANDARD.encode("secretwithoutcolon");
        for bad in ["%%%", not_pair.as_str()] {
            let (_d, path) = file(&format!(
                r#"{{"auths": {{"reg.example": {{"auth": "{bad}"}}}}}}"#
            ));
            let e = ConfigFile::read(&path).unwrap_err();
            assert!(e.message().contains("reg.example"), "{e}");
            assert!(!e.message().contains("secretwithoutcolon") && !e.message().contains(bad));
        }
    }
}
