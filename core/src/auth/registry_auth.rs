//! Registry credentials for one call, sent as the `X-Registry-Auth` header.

use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;
use serde::Serialize;
use std::collections::BTreeMap;

/// The daemon's `AuthConfig`: a user and password (or an identity token) for one registry.
/// `Debug` never shows the password or the token.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegistryAuth {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The registry (`127.0.0.1:5000`, `https://index.docker.io/v1/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serveraddress: Option<String>,
    /// An OAuth identity token, instead of a password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identitytoken: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl RegistryAuth {
    /// `username`/`password` for `serveraddress`.
    pub fn new(
        username: impl Into<String>,
        password: impl Into<String>,
        serveraddress: impl Into<String>,
    ) -> RegistryAuth {
        RegistryAuth {
            username: Some(username.into()),
            password: Some(password.into()),
            serveraddress: Some(serveraddress.into()),
            ..Default::default()
        }
    }

    /// The `X-Registry-Auth` value: base64url (with padding, as the Docker CLI sends it) of
    /// the JSON object.
    pub fn header_value(&self) -> String {
        // Serializing strings and options cannot fail.
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE.encode(json)
    }
}

/// The `X-Registry-Config` value of a build: base64url of the JSON map registry → AuthConfig.
/// `None` for an empty map: no header at all.
pub fn registry_config_header(auths: &BTreeMap<String, RegistryAuth>) -> Option<String> {
    if auths.is_empty() {
        return None;
    }
    // Serializing strings and options cannot fail.
    Some(URL_SAFE.encode(serde_json::to_vec(auths).unwrap_or_default()))
}

impl std::fmt::Debug for RegistryAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |s: &Option<String>| s.as_ref().map(|_| "<redacted>");
        f.debug_struct("RegistryAuth")
            .field("username", &self.username)
            .field("password", &hidden(&self.password))
            .field("serveraddress", &self.serveraddress)
            .field("identitytoken", &hidden(&self.identitytoken))
            .field("email", &self.email)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_base64url_json_and_debug_hides_secrets() {
        let auth = RegistryAuth::new("u", "p+ss/w0rd?~?~??", "127.0.0.1:5000");
        let value = auth.header_value();
        assert!(!value.contains('+') && !value.contains('/'), "{value}");
        let json: serde_json::Value =
            serde_json::from_slice(&URL_SAFE.decode(&value).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"username": "u", "password": "p+ss/w0rd?~?~??",
                "serveraddress": "127.0.0.1:5000"})
        );
        let shown = format!("{auth:?}");
        assert!(
            !shown.contains("w0rd") && shown.contains("<redacted>"),
            "{shown}"
        );
    }
}
