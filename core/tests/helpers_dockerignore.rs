//! `.dockerignore` matching against moby/patternmatcher's own test table (TestMatches and
//! its multi-pattern cases), plus the file parsing of the Docker CLI (ignorefile.ReadAll).

use docker_engine_api::helpers::IgnoreRules;

fn excluded(patterns: &[&str], path: &str) -> bool {
    IgnoreRules::from_patterns(patterns)
        .unwrap_or_else(|e| panic!("{patterns:?}: {e}"))
        .is_excluded(path)
}

#[test]
fn moby_patternmatcher_table() {
    let table: &[(&str, &str, bool)] = &[
        ("**", "file", true),
        ("**", "file/", true),
        ("**/", "file", true),
        ("**/", "file/", true),
        ("**", "/", true),
        ("**/", "/", true),
        ("**", "dir/file", true),
        ("**/", "dir/file", true),
        ("**", "dir/file/", true),
        ("**/", "dir/file/", true),
        ("**/**", "dir/file", true),
        ("**/**", "dir/file/", true),
        ("dir/**", "dir/file", true),
        ("dir/**", "dir/file/", true),
        ("dir/**", "dir/dir2/file", true),
        ("dir/**", "dir/dir2/file/", true),
        ("**/dir", "dir", true),
        ("**/dir", "dir/file", true),
        ("**/dir2/*", "dir/dir2/file", true),
        ("**/dir2/*", "dir/dir2/file/", true),
        ("**/dir2/**", "dir/dir2/dir3/file", true),
        ("**/dir2/**", "dir/dir2/dir3/file/", true),
        ("**file", "file", true),
        ("**file", "dir/file", true),
        ("**/file", "dir/file", true),
        ("**file", "dir/dir/file", true),
        ("**/file", "dir/dir/file", true),
        ("**/file*", "dir/dir/file", true),
        ("**/file*", "dir/dir/file.txt", true),
        ("**/file*txt", "dir/dir/file.txt", true),
        ("**/file*.txt", "dir/dir/file.txt", true),
        ("**/file*.txt*", "dir/dir/file.txt", true),
        ("**/**/*.txt", "dir/dir/file.txt", true),
        ("**/**/*.txt2", "dir/dir/file.txt", false),
        ("**/*.txt", "file.txt", true),
        ("**/**/*.txt", "file.txt", true),
        ("a**/*.txt", "a/file.txt", true),
        ("a**/*.txt", "a/dir/file.txt", true),
        ("a**/*.txt", "a/dir/dir/file.txt", true),
        ("a/*.txt", "a/dir/file.txt", false),
        ("a/*.txt", "a/file.txt", true),
        ("a/*.txt**", "a/file.txt", true),
        ("a[b-d]e", "ae", false),
        ("a[b-d]e", "ace", true),
        ("a[b-d]e", "aae", false),
        ("a[^b-d]e", "aze", true),
        (".*", ".foo", true),
        (".*", "foo", false),
        ("abc.def", "abcdef", false),
        ("abc.def", "abc.def", true),
        ("abc.def", "abcZdef", false),
        ("abc?def", "abcZdef", true),
        ("abc?def", "abcdef", false),
        ("a\\\\", "a\\", true),
        ("**/foo/bar", "foo/bar", true),
        ("**/foo/bar", "dir/foo/bar", true),
        ("**/foo/bar", "dir/dir2/foo/bar", true),
        ("abc/**", "abc", false),
        ("abc/**", "abc/def", true),
        ("abc/**", "abc/def/ghi", true),
        ("**/.foo", ".foo", true),
        ("**/.foo", "bar.foo", false),
        ("a(b)c/def", "a(b)c/def", true),
        ("a(b)c/def", "a(b)c/xyz", false),
        ("a.|)$(}+{bc", "a.|)$(}+{bc", true),
        (
            "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
            "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
            true,
        ),
        (
            "dist/*.whl",
            "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
            true,
        ),
        // Unix only in moby's table: `\` escapes the next character.
        ("a\\*b", "a*b", true),
    ];
    let failures: Vec<String> = table
        .iter()
        .filter(|(pattern, path, want)| excluded(&[pattern], path) != *want)
        .map(|(pattern, path, want)| format!("{pattern:?} on {path:?}: want {want}"))
        .collect();
    assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
}

#[test]
fn moby_multi_pattern_table() {
    let whl = "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl";
    assert!(!excluded(
        &["**", "!util/docker/web"],
        "util/docker/web/foo"
    ));
    assert!(excluded(
        &["**", "!util/docker/web", "util/docker/web/foo"],
        "util/docker/web/foo"
    ));
    assert!(!excluded(&["**", &format!("!{whl}")], whl));
    assert!(!excluded(&["**", "!dist/*.whl"], whl));
}

#[test]
fn go_shortcuts_are_kept_where_they_differ_from_the_regexp() {
    // patternmatcher tests `**.txt` as a plain suffix, so it reaches every .txt file.
    assert!(excluded(&["**.txt"], "a/b/notes.txt"));
    // Braces are literal for Docker, not alternation as in most glob crates.
    assert!(excluded(&["{a,b}"], "{a,b}"));
    assert!(!excluded(&["{a,b}"], "a"));
    // `[!x]` is not a negation for Go's regexp: `!` or `x`.
    assert!(excluded(&["[!x]"], "!"));
    assert!(!excluded(&["[!x]"], "y"));
}

#[test]
fn last_matching_rule_wins_and_parents_count() {
    let rules = ["*.md", "!README.md", "docs", "!docs/keep.md"];
    assert!(excluded(&rules, "CHANGES.md"));
    assert!(!excluded(&rules, "README.md"));
    assert!(
        excluded(&rules, "docs/a.txt"),
        "a rule on a folder covers its content"
    );
    assert!(!excluded(&rules, "docs/keep.md"));
    assert!(!excluded(&rules, "src/main.rs"));
}

#[test]
fn file_parsing_follows_the_docker_cli() {
    let text = "\u{feff}# comment\n  \n  /target/  \n!target/keep\n #not a comment\n./a/../b\n";
    let rules = IgnoreRules::parse(text).unwrap();
    assert!(
        rules.is_excluded("target/x"),
        "leading / removed, trailing / cleaned"
    );
    assert!(!rules.is_excluded("target/keep"));
    assert!(
        rules.is_excluded("#not a comment"),
        "# only counts at the line start"
    );
    assert!(rules.is_excluded("b"), "patterns are cleaned");
    assert!(!rules.is_excluded("comment"));
}

#[test]
fn bad_patterns_are_invalid_arguments() {
    for bad in [&["!"][..], &["a["], &["a\\"]] {
        let err = IgnoreRules::from_patterns(bad).expect_err("must refuse");
        assert_eq!(
            err.kind(),
            docker_engine_api::ErrorKind::InvalidArgument,
            "{bad:?}"
        );
    }
}

#[test]
fn excluded_folders_are_skipped_only_when_nothing_inside_can_come_back() {
    let rules = IgnoreRules::from_patterns(&["build", "!build/keep/*", "cache", "!**/x"]).unwrap();
    assert!(rules.may_reinclude_inside("build"));
    assert!(rules.may_reinclude_inside("build/keep"));
    let rules2 = IgnoreRules::from_patterns(&["build", "cache", "!build/keep"]).unwrap();
    assert!(!rules2.may_reinclude_inside("cache"));
    assert!(rules2.may_reinclude_inside("build"));
    assert!(
        !rules2.may_reinclude_inside("build/keep"),
        "`!build/keep` matches the folder itself"
    );
}
