//! Query values encoded the way the daemon parses them.

use serde_json::Value;

/// Encodes one query parameter value into `(name, text)` pairs appended to `out`.
///
/// - `null` is omitted;
/// - booleans are `1`/`0`: every daemon parser accepts those (`BoolValue`, `ParseBool`, `== "1"`);
/// - arrays repeat the key (`names=a&names=b`);
/// - objects (e.g. `filters`, `buildargs`, `labels`) are sent JSON-encoded.
pub fn encode_query_value(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((name.to_string(), if *b { "1" } else { "0" }.to_string())),
        Value::Number(n) => out.push((name.to_string(), n.to_string())),
        Value::String(s) => out.push((name.to_string(), s.clone())),
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Array(_) | Value::Object(_) => {
                        out.push((name.to_string(), item.to_string()))
                    }
                    other => encode_query_value(name, other, out),
                }
            }
        }
        Value::Object(_) => out.push((name.to_string(), value.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn enc(v: Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        encode_query_value("k", &v, &mut out);
        out
    }

    #[test]
    fn encodes_each_json_type() {
        assert!(enc(Value::Null).is_empty());
        assert_eq!(enc(json!(true)), [("k".into(), "1".into())]);
        assert_eq!(enc(json!(false)), [("k".into(), "0".into())]);
        assert_eq!(enc(json!(10)), [("k".into(), "10".into())]);
        assert_eq!(enc(json!("a b")), [("k".into(), "a b".into())]);
        assert_eq!(
            enc(json!(["a", "b"])),
            [("k".into(), "a".into()), ("k".into(), "b".into())]
        );
        assert_eq!(
            enc(json!({"label": ["a=b"]})),
            [("k".into(), r#"{"label":["a=b"]}"#.into())]
        );
    }
}
