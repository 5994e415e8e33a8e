//! `${...}` expansion in case strings.

use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\$\{([A-Za-z_][A-Za-z0-9_]*)([+-][0-9]+)?(\|int)?\}").expect("valid regex")
    })
}

/// Expands every string inside `value`; an unknown variable is an error.
pub fn expand(value: &Value, vars: &HashMap<String, Value>) -> Result<Value, String> {
    Ok(match value {
        Value::String(s) => expand_str(s, vars)?,
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| expand(v, vars))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    Ok((
                        expand_str(k, vars)?.as_str().unwrap_or(k).to_string(),
                        expand(v, vars)?,
                    ))
                })
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// A string that is exactly one variable takes the variable's JSON value; otherwise text.
fn expand_str(s: &str, vars: &HashMap<String, Value>) -> Result<Value, String> {
    let lookup = |name: &str, offset: Option<&str>| -> Result<Value, String> {
        if name == "now" {
            let delta: i64 = offset.map(|o| o.parse().unwrap_or(0)).unwrap_or(0);
            return Ok(Value::String((unix_now() + delta).to_string()));
        }
        vars.get(name)
            .cloned()
            .ok_or_else(|| format!("unknown variable ${{{name}}}"))
    };
    let re = pattern();
    if let Some(c) = re.captures(s) {
        if c.get(0).map(|m| m.as_str()) == Some(s) {
            let value = lookup(&c[1], c.get(2).map(|m| m.as_str()))?;
            if c.get(3).is_none() {
                return Ok(value);
            }
            // `${x|int}`: the value as a JSON integer, for integer parameters.
            let text = value
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| value.to_string());
            return text
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| format!("${{{}}} is not an integer: {text}", &c[1]));
        }
    }
    let mut out = String::new();
    let mut last = 0;
    for c in re.captures_iter(s) {
        let m = c.get(0).expect("whole match");
        out.push_str(&s[last..m.start()]);
        match lookup(&c[1], c.get(2).map(|m| m.as_str()))? {
            Value::String(v) => out.push_str(&v),
            other => out.push_str(&other.to_string()),
        }
        last = m.end();
    }
    out.push_str(&s[last..]);
    Ok(Value::String(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expands_variables() {
        let vars = HashMap::from([
            ("run".to_string(), json!("r1")),
            ("n".to_string(), json!(3)),
        ]);
        assert_eq!(
            expand(&json!({"name": "${run}-c", "k": ["${n}"]}), &vars).unwrap(),
            json!({"name": "r1-c", "k": [3]})
        );
        assert_eq!(expand(&json!("x${n}"), &vars).unwrap(), json!("x3"));
        assert!(expand(&json!("${nope}"), &vars).is_err());
        assert!(expand(&json!("${now+10|int}"), &vars).unwrap().is_i64());
        assert_eq!(expand(&json!("${n|int}"), &vars).unwrap(), json!(3));
        let t: i64 = expand(&json!("${now+5}"), &vars)
            .unwrap()
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((t - unix_now() - 5).abs() <= 1);
    }
}
