//! JSON text across the FFI: free-form values (`serde_json::Value` in the core) are JSON text
//! for Swift and Kotlin, as `JsonText` in records.

use crate::error::DockerError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

pub(crate) fn parse(what: &str, text: &str) -> Result<Value, DockerError> {
    serde_json::from_str(text).map_err(|e| {
        DockerError::invalid(format!(
            "{what} is not JSON: {}",
            docker_engine_api::error::serde_reason(&e)
        ))
    })
}

/// Free-form JSON in a record: JSON text on the foreign side, the value itself on the wire.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonText(pub String);

uniffi::custom_type!(JsonText, String, {
    lower: |j| j.0,
    try_lift: |s| Ok(JsonText(s)),
});

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v: Value = serde_json::from_str(&self.0).map_err(|e| {
            serde::ser::Error::custom(format!(
                "a JSON field is not JSON: {}",
                docker_engine_api::error::serde_reason(&e)
            ))
        })?;
        v.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|v| JsonText(v.to_string()))
    }
}

/// A record from the JSON text the core answered.
pub(crate) fn from_text<T: serde::de::DeserializeOwned>(
    operation: &str,
    text: &str,
) -> Result<T, DockerError> {
    serde_json::from_str(text).map_err(|e| {
        docker_engine_api::Error::new(
            docker_engine_api::ErrorKind::Decode,
            format!(
                "{operation}: the answer does not fit its record: {}",
                docker_engine_api::error::serde_reason(&e)
            ),
        )
        .into()
    })
}

/// A record as the JSON argument of a call.
pub(crate) fn to_value<T: Serialize>(what: &str, v: &T) -> Result<Value, DockerError> {
    serde_json::to_value(v).map_err(|e| {
        DockerError::invalid(format!(
            "{what}: {}",
            docker_engine_api::error::serde_reason(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_is_the_value_itself_on_the_wire() {
        let j: JsonText = serde_json::from_str(r#"{"a": [1, 2]}"#).unwrap();
        assert_eq!(j.0, r#"{"a":[1,2]}"#);
        assert_eq!(serde_json::to_string(&j).unwrap(), r#"{"a":[1,2]}"#);
        assert!(serde_json::to_string(&JsonText("{not json".into())).is_err());
    }

    #[test]
    fn bad_json_is_an_invalid_argument_without_the_text() {
        let e = parse("args", r#"{"password": "s3cret""#).unwrap_err();
        assert_eq!(e.kind(), "InvalidArgument");
        assert!(!e.to_string().contains("s3cret"), "{e}");
    }

    #[test]
    fn a_record_that_does_not_fit_is_a_decode_error() {
        let e = from_text::<Vec<String>>("ImageList", r#"{"x": 1}"#).unwrap_err();
        assert_eq!(e.kind(), "Decode");
        assert!(e.to_string().contains("ImageList"), "{e}");
    }
}
