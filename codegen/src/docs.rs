//! Spec descriptions (GitHub-flavoured Markdown) as rustdoc.
//!
//! `cargo test` compiles every Rust code block of the docs as a doctest, and a Markdown code
//! block without a language *is* Rust to rustdoc. The spec is full of JSON and shell examples
//! in plain fences and in indented blocks, so: every fence becomes ```` ```text ````, and no
//! line outside a fence keeps 4 or more leading spaces (that would be an indented code block).

/// The description as doc lines (without the `///`).
pub fn doc_lines(text: &str) -> Vec<String> {
    let text = text.replace('\t', "    ").replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let common = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    // The indentation of the opening fence while inside a fenced block.
    let mut fence: Option<(usize, &'static str)> = None;
    for line in lines {
        let line = if line.len() >= common {
            &line[common..]
        } else {
            line.trim_start()
        };
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        match fence {
            None => {
                if let Some(marker) = fence_marker(body) {
                    fence = Some((indent, marker));
                    out.push(format!("{marker}text"));
                } else {
                    // At most 3 spaces: nesting of lists survives, code blocks cannot form.
                    out.push(format!("{}{}", " ".repeat(indent.min(3)), body));
                }
            }
            Some((fence_indent, marker)) => {
                if body.starts_with(marker)
                    && body
                        .trim_start_matches(marker.chars().next().unwrap_or('`'))
                        .is_empty()
                {
                    fence = None;
                    out.push(marker.to_string());
                } else {
                    // Inside the block: keep the layout relative to the fence.
                    let keep = indent.min(fence_indent);
                    out.push(line[keep..].to_string());
                }
            }
        }
    }
    if let Some((_, marker)) = fence {
        out.push(marker.to_string());
    }
    // No leading or trailing blank lines, no runs of blank lines.
    let mut cleaned: Vec<String> = Vec::new();
    for l in out {
        let after_blank = match cleaned.last() {
            None => true,
            Some(prev) => prev.is_empty(),
        };
        if l.is_empty() && after_blank {
            continue;
        }
        cleaned.push(l);
    }
    while cleaned.last().is_some_and(|l| l.is_empty()) {
        cleaned.pop();
    }
    cleaned
}

fn fence_marker(body: &str) -> Option<&'static str> {
    if body.starts_with("```") {
        Some("```")
    } else if body.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// The description as `///` lines, each prefixed with `indent`; empty text gives nothing.
pub fn doc_comment(text: &str, indent: &str) -> String {
    doc_lines(text)
        .iter()
        .map(|l| {
            if l.is_empty() {
                format!("{indent}///\n")
            } else {
                format!("{indent}/// {l}\n")
            }
        })
        .collect()
}

/// The first sentence (or line) of a description, for short listings.
pub fn first_sentence(text: &str) -> String {
    let para = text.trim().split("\n\n").next().unwrap_or_default();
    let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
    match para.find(". ") {
        Some(i) => para[..=i].to_string(),
        None => para,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text() {
        let d = "Example:\n\n```\n{\n  \"a\": 1\n}\n```\n\nDone.";
        assert_eq!(
            doc_lines(d),
            [
                "Example:",
                "",
                "```text",
                "{",
                "  \"a\": 1",
                "}",
                "```",
                "",
                "Done."
            ]
        );
        let lang = doc_lines("```json\n{}\n```");
        assert_eq!(lang, ["```text", "{}", "```"]);
    }

    #[test]
    fn indented_lines_cannot_form_code_blocks() {
        let d = "Text\n\n    WARNING: something\n             more\n";
        for line in doc_lines(d) {
            assert!(line.len() - line.trim_start().len() < 4, "{line:?}");
        }
    }

    #[test]
    fn common_indentation_and_blank_runs_go() {
        assert_eq!(doc_lines("  a\n\n\n  b\n\n"), ["a", "", "b"]);
        assert_eq!(
            doc_comment("a\n\nb", "    "),
            "    /// a\n    ///\n    /// b\n"
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(doc_lines("```\nx"), ["```text", "x", "```"]);
    }

    #[test]
    fn first_sentence_stops_at_the_period() {
        assert_eq!(
            first_sentence("Return logs. Note: only works."),
            "Return logs."
        );
        assert_eq!(first_sentence("One line\nwrapped"), "One line wrapped");
    }
}
