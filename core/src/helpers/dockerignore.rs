//! `.dockerignore` rules with the semantics of Docker's own matcher (moby/patternmatcher).
//!
//! Each pattern is translated the way patternmatcher does (`**` → `(.*/)?`, `*` → `[^/]*`,
//! `?` → `[^/]`, `[..]` kept as a class, `\` escapes), with Go's exact/prefix/suffix
//! shortcuts kept too, since they are not equivalent to the regexp. A
//! glob crate such as globset was not used because its dialect differs from Go's where it
//! matters here: `{a,b}` alternation (literal braces for Docker), `[!x]` negation, and `**`
//! inside a component; matching Docker's behaviour byte for byte matters more than reuse.

use crate::error::{Error, Result};
use regex::Regex;

/// One rule of a `.dockerignore` file.
#[derive(Debug, Clone)]
struct Rule {
    /// The cleaned pattern, without the `!`.
    pattern: String,
    /// `!pattern`: re-includes what earlier rules excluded.
    exclusion: bool,
    matcher: Matcher,
}

/// The rules of a `.dockerignore`, in file order; the last matching rule wins.
#[derive(Debug, Clone, Default)]
pub struct IgnoreRules {
    rules: Vec<Rule>,
}

impl IgnoreRules {
    /// Parses the text of a `.dockerignore` like the Docker CLI (ignorefile.ReadAll):
    /// a UTF-8 BOM is dropped, lines starting with `#` are comments (checked before
    /// trimming, as Docker does), blank lines are skipped, patterns are cleaned
    /// (`filepath.Clean`) and a leading `/` is removed.
    pub fn parse(text: &str) -> Result<IgnoreRules> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let invert = pattern.starts_with('!');
            if invert {
                pattern = pattern[1..].trim();
            }
            let mut cleaned = String::new();
            if !pattern.is_empty() {
                cleaned = go_clean(pattern);
                if cleaned.len() > 1 && cleaned.starts_with('/') {
                    cleaned.remove(0);
                }
            }
            patterns.push(if invert {
                format!("!{cleaned}")
            } else {
                cleaned
            });
        }
        IgnoreRules::from_patterns(&patterns)
    }

    /// Rules from patterns already split in lines (`!` prefix for exclusions), as
    /// patternmatcher.New takes them: trimmed, empty ones skipped, cleaned.
    pub fn from_patterns<S: AsRef<str>>(patterns: &[S]) -> Result<IgnoreRules> {
        let mut rules = Vec::new();
        for raw in patterns {
            let p = raw.as_ref().trim();
            if p.is_empty() {
                continue;
            }
            let p = go_clean(p);
            let (exclusion, p) = match p.strip_prefix('!') {
                Some("") => {
                    return Err(Error::invalid_argument(
                        "illegal exclusion pattern in .dockerignore: \"!\"",
                    ))
                }
                Some(rest) => (true, rest.to_string()),
                None => (false, p),
            };
            let matcher = compile(&p)?;
            rules.push(Rule {
                pattern: p,
                exclusion,
                matcher,
            });
        }
        Ok(IgnoreRules { rules })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether `path` (relative, `/`-separated) is excluded: a rule applies when it matches
    /// the path or one of its parent directories (patternmatcher's MatchesOrParentMatches).
    pub fn is_excluded(&self, path: &str) -> bool {
        let parents = parent_prefixes(path);
        let mut matched = false;
        for rule in &self.rules {
            // A rule that cannot change the state is skipped, as Docker does.
            if rule.exclusion != matched {
                continue;
            }
            let hit =
                rule.matcher.is_match(path) || parents.iter().any(|p| rule.matcher.is_match(p));
            if hit {
                matched = !rule.exclusion;
            }
        }
        matched
    }

    /// Whether some `!` rule could re-include a path strictly inside directory `dir`. When
    /// none can, an excluded directory is skipped without being read. Conservative: any
    /// rule with `**` counts, since it may match at any depth.
    pub fn may_reinclude_inside(&self, dir: &str) -> bool {
        let depth = dir.split('/').count();
        self.rules.iter().filter(|r| r.exclusion).any(|r| {
            if r.pattern.contains("**") {
                return true;
            }
            let parts: Vec<&str> = r.pattern.split('/').collect();
            if parts.len() <= depth {
                return false;
            }
            // Components without `**` never match across `/`, so matching the pattern's
            // first `depth` components against `dir` is a component-wise check.
            compile(&parts[..depth].join("/"))
                .map(|m| m.is_match(dir))
                .unwrap_or(true)
        })
    }
}

/// `a/b/c` → [`a`, `a/b`]: the parents a rule may match instead of the path itself.
fn parent_prefixes(path: &str) -> Vec<&str> {
    path.match_indices('/').map(|(i, _)| &path[..i]).collect()
}

/// How a pattern is matched: patternmatcher's own four kinds. Go only builds a regexp when
/// a wildcard other than a leading/trailing `**` appears, and the shortcuts are not
/// equivalent to the regexp (`**.txt` is a plain suffix test: it matches `a/b.txt`), so
/// they are reproduced as they are.
#[derive(Debug, Clone)]
enum Matcher {
    Exact(String),
    /// `abc/**`: everything starting with `abc/`.
    Prefix(String),
    /// `**/abc` or `**abc`: everything ending with the rest; `**/abc` also matches `abc`.
    Suffix(String),
    Regex(Regex),
}

impl Matcher {
    fn is_match(&self, path: &str) -> bool {
        match self {
            Matcher::Exact(p) => path == p,
            Matcher::Prefix(p) => path.starts_with(p.as_str()),
            Matcher::Suffix(s) => {
                path.ends_with(s.as_str()) || s.strip_prefix('/').is_some_and(|rest| path == rest)
            }
            Matcher::Regex(re) => re.is_match(path),
        }
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Exact,
    Prefix,
    Suffix,
    Regex,
}

/// patternmatcher's Pattern.compile, for `/` separators, step for step.
fn compile(pattern: &str) -> Result<Matcher> {
    let mut re = String::from("^");
    let mut kind = Kind::Exact;
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    let mut i = 0;
    while let Some(ch) = chars.next() {
        match ch {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                // `**/` is the same as `**`.
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                if chars.peek().is_none() {
                    if kind == Kind::Exact {
                        kind = Kind::Prefix;
                    } else {
                        re.push_str(".*");
                        kind = Kind::Regex;
                    }
                } else {
                    re.push_str("(.*/)?");
                    kind = Kind::Regex;
                }
                if i == 0 {
                    kind = Kind::Suffix;
                }
            }
            '*' => {
                re.push_str("[^/]*");
                kind = Kind::Regex;
            }
            '?' => {
                re.push_str("[^/]");
                kind = Kind::Regex;
            }
            '.' | '$' | '+' | '(' | ')' | '|' | '{' | '}' => {
                re.push('\\');
                re.push(ch);
            }
            '\\' => match chars.next() {
                Some(next) => {
                    re.push('\\');
                    re.push(next);
                    kind = Kind::Regex;
                }
                // Go's filepath.Match rejects a trailing backslash (ErrBadPattern).
                None => return Err(bad_pattern(pattern, "it ends with a backslash")),
            },
            '[' | ']' => {
                in_class = ch == '[';
                re.push(ch);
                kind = Kind::Regex;
            }
            _ => push_literal(&mut re, ch, in_class),
        }
        i += 1;
    }
    if in_class {
        return Err(bad_pattern(pattern, "a `[` is not closed"));
    }
    Ok(match kind {
        Kind::Exact => Matcher::Exact(pattern.to_string()),
        Kind::Prefix => Matcher::Prefix(pattern[..pattern.len() - 2].to_string()),
        Kind::Suffix => Matcher::Suffix(pattern[2..].to_string()),
        Kind::Regex => {
            re.push('$');
            Matcher::Regex(Regex::new(&re).map_err(|e| bad_pattern(pattern, &e.to_string()))?)
        }
    })
}

/// Inside a class the `regex` crate reads `&&` and `~~` as set operations, where Go's regexp
/// (which Docker hands the class to) reads literal characters: escape them there.
fn push_literal(re: &mut String, ch: char, in_class: bool) {
    if in_class && (ch == '&' || ch == '~') {
        re.push('\\');
    }
    re.push(ch);
}

fn bad_pattern(pattern: &str, why: &str) -> Error {
    Error::invalid_argument(format!("bad .dockerignore pattern {pattern:?}: {why}"))
}

/// Go's `filepath.Clean` for `/` separators: drops `.` and empty elements, resolves `..`
/// against a preceding element, `..` at the root vanishes; the empty result is `.`.
pub(crate) fn go_clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match out.last() {
                Some(&last) if last != ".." => {
                    out.pop();
                }
                _ if rooted => {}
                _ => out.push(".."),
            },
            p => out.push(p),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}
