//! The matchers of the case format: subset objects, exact arrays, `$`-operators.

use regex::Regex;
use serde_json::Value;

/// `Ok(())` when `actual` matches `expected`, else where and why not.
pub fn matches(expected: &Value, actual: &Value) -> Result<(), String> {
    check(expected, Some(actual), "$")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn short(v: Option<&Value>) -> String {
    let s = v.map(|v| v.to_string()).unwrap_or_else(|| "nothing".into());
    if s.len() > 300 {
        format!(
            "{}...",
            &s[..s.char_indices().nth(300).map_or(s.len(), |(i, _)| i)]
        )
    } else {
        s
    }
}

fn length(v: &Value) -> Option<usize> {
    match v {
        Value::Array(a) => Some(a.len()),
        Value::String(s) => Some(s.chars().count()),
        Value::Object(o) => Some(o.len()),
        _ => None,
    }
}

fn check(expected: &Value, actual: Option<&Value>, at: &str) -> Result<(), String> {
    let fail = |why: String| Err(format!("at {at}: {why}"));
    if let Value::Object(e) = expected {
        if e.len() == 1 {
            let (key, arg) = e.iter().next().expect("one key");
            if key.starts_with('$') {
                return special(key, arg, actual, at);
            }
        }
    }
    let Some(actual) = actual else {
        return fail(format!("expected {expected}, found nothing"));
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                check(ev, a.get(k), &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return fail(format!(
                    "expected {} elements, found {}: {}",
                    e.len(),
                    a.len(),
                    short(Some(actual))
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check(ev, Some(av), &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (e, a) if e == a => Ok(()),
        (e, a) => fail(format!("expected {e}, found {}", short(Some(a)))),
    }
}

fn special(op: &str, arg: &Value, actual: Option<&Value>, at: &str) -> Result<(), String> {
    let fail = |why: String| Err(format!("at {at}: {why}"));
    match op {
        "$absent" => match actual {
            None | Some(Value::Null) => Ok(()),
            Some(a) => fail(format!("expected nothing, found {}", short(Some(a)))),
        },
        "$any" => Ok(()),
        "$not" => match check(arg, actual, at) {
            Ok(()) => Err(format!("at {at}: {} matches {arg}", short(actual))),
            Err(_) => Ok(()),
        },
        "$all" => {
            let all = arg
                .as_array()
                .ok_or_else(|| format!("at {at}: $all needs an array of matchers"))?;
            all.iter().try_for_each(|m| check(m, actual, at))
        }
        _ => {
            let Some(a) = actual else {
                return fail(format!("expected {{{op}: {arg}}}, found nothing"));
            };
            match op {
                "$type" => {
                    if arg.as_str() == Some(type_name(a)) {
                        Ok(())
                    } else {
                        fail(format!("expected a {arg}, found {}", short(Some(a))))
                    }
                }
                "$contains" | "$not_contains" => {
                    let found = match (a, arg) {
                        (Value::String(s), Value::String(sub)) => s.contains(sub.as_str()),
                        (Value::Array(items), m) => {
                            items.iter().any(|i| check(m, Some(i), at).is_ok())
                        }
                        _ => {
                            return fail(format!(
                                "{op} needs a string or an array, found {}",
                                short(Some(a))
                            ))
                        }
                    };
                    match (op == "$contains", found) {
                        (true, true) | (false, false) => Ok(()),
                        (true, false) => fail(format!("{} does not contain {arg}", short(Some(a)))),
                        (false, true) => fail(format!("{} contains {arg}", short(Some(a)))),
                    }
                }
                "$len" | "$min_len" => {
                    let want = arg.as_u64().unwrap_or(0) as usize;
                    match length(a) {
                        Some(n)
                            if (op == "$len" && n == want) || (op == "$min_len" && n >= want) =>
                        {
                            Ok(())
                        }
                        _ => fail(format!("expected {op} {want}, found {}", short(Some(a)))),
                    }
                }
                "$regex" => {
                    let re = Regex::new(arg.as_str().unwrap_or_default())
                        .map_err(|e| format!("bad $regex: {e}"))?;
                    match a.as_str() {
                        Some(s) if re.is_match(s) => Ok(()),
                        _ => fail(format!("{} does not match /{arg}/", short(Some(a)))),
                    }
                }
                other => fail(format!("unknown matcher {other}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn subset_objects_exact_arrays_and_operators() {
        assert!(matches(&json!({"a": 1}), &json!({"a": 1.0, "b": 2})).is_ok());
        assert!(matches(&json!({"a": 1}), &json!({"a": 2})).is_err());
        assert!(matches(&json!([1, 2]), &json!([1])).is_err());
        assert!(matches(
            &json!({"$contains": {"n": "x"}}),
            &json!([{"n": "y"}, {"n": "x"}])
        )
        .is_ok());
        assert!(matches(&json!({"$contains": "ell"}), &json!("hello")).is_ok());
        assert!(matches(&json!({"$not_contains": "z"}), &json!("hello")).is_ok());
        assert!(matches(&json!({"k": {"$absent": true}}), &json!({})).is_ok());
        assert!(matches(&json!({"k": {"$absent": true}}), &json!({"k": 1})).is_err());
        assert!(matches(&json!({"$regex": "^1\\.4"}), &json!("1.45")).is_ok());
        assert!(matches(&json!({"$min_len": 2}), &json!([1])).is_err());
        assert!(matches(&json!({"$type": "array"}), &json!([])).is_ok());
        assert!(matches(&json!({"$bogus": 1}), &json!(1)).is_err());
        let both = json!({"$all": [{"$contains": {"a": 1}}, {"$contains": {"a": 2}}]});
        assert!(matches(&both, &json!([{"a": 2}, {"a": 1}])).is_ok());
        assert!(matches(&both, &json!([{"a": 2}])).is_err());
        assert!(matches(&json!({"$not": "x"}), &json!("y")).is_ok());
        assert!(matches(&json!({"$not": "x"}), &json!("x")).is_err());
    }
}
