//! Safe extraction: crafted archives that try to write outside the target folder are
//! refused with a `Stream` error, and nothing lands outside.

use docker_engine_api::helpers::unpack_tar;
use docker_engine_api::ErrorKind;
use std::path::Path;
use tar::{EntryType, Header};

/// One raw entry. Names are written into the header bytes directly, since the tar crate's
/// setters refuse the very paths these tests need.
enum E<'a> {
    File(&'a str, &'a [u8]),
    Dir(&'a str),
    Symlink(&'a str, &'a str),
    Hardlink(&'a str, &'a str),
}

fn raw_header(name: &str, kind: EntryType, size: u64, link: &str) -> Header {
    let mut h = Header::new_gnu();
    let gnu = h.as_gnu_mut().unwrap();
    gnu.name[..name.len()].copy_from_slice(name.as_bytes());
    gnu.linkname[..link.len()].copy_from_slice(link.as_bytes());
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(if kind == EntryType::Directory {
        0o755
    } else {
        0o644
    });
    h.set_mtime(0);
    h.set_cksum();
    h
}

fn tar_of(entries: &[E]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        let (h, data): (Header, &[u8]) = match e {
            E::File(n, d) => (raw_header(n, EntryType::Regular, d.len() as u64, ""), d),
            E::Dir(n) => (raw_header(n, EntryType::Directory, 0, ""), b""),
            E::Symlink(n, t) => (raw_header(n, EntryType::Symlink, 0, t), b""),
            E::Hardlink(n, t) => (raw_header(n, EntryType::Link, 0, t), b""),
        };
        out.extend_from_slice(h.as_bytes());
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// A sandbox with `target/` to extract into and `outside/` next to it, which must stay empty.
struct Sandbox {
    _tmp: tempfile::TempDir,
    target: std::path::PathBuf,
    outside: std::path::PathBuf,
}

fn sandbox() -> Sandbox {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("target");
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&target).unwrap();
    std::fs::create_dir(&outside).unwrap();
    Sandbox {
        _tmp: tmp,
        target,
        outside,
    }
}

fn assert_refused(entries: &[E], why: &str) {
    let sb = sandbox();
    let err = unpack_tar(&tar_of(entries)[..], &sb.target).expect_err(why);
    assert_eq!(err.kind(), ErrorKind::Stream, "{why}: {err}");
    assert!(err.message().contains("refused"), "{why}: {err}");
    assert_empty(&sb.outside, why);
    // Nothing above the sandbox either (`../../x` style names).
    assert!(
        !sb.target
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("evil")
            .exists(),
        "{why}"
    );
}

fn assert_empty(dir: &Path, why: &str) {
    let n = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(n, 0, "{why}: something was written outside the target");
}

#[test]
fn refuses_parent_components() {
    assert_refused(&[E::File("../outside/evil", b"x")], "`..` at the start");
    assert_refused(
        &[E::File("a/../../outside/evil", b"x")],
        "`..` in the middle",
    );
}

#[test]
fn refuses_absolute_paths() {
    let sb = sandbox();
    let abs = format!("{}/evil", sb.outside.display());
    let err = unpack_tar(&tar_of(&[E::File(&abs, b"x")])[..], &sb.target).expect_err("absolute");
    assert_eq!(err.kind(), ErrorKind::Stream, "{err}");
    assert_empty(&sb.outside, "absolute");
}

#[test]
fn keeps_symlinks_that_point_outside_but_never_writes_through_them() {
    // As `docker cp` does: a container's absolute links are kept as links.
    let sb = sandbox();
    let entries = [
        E::Symlink("mtab", "/proc/mounts"),
        E::Symlink("a/up", "../../outside"),
    ];
    unpack_tar(&tar_of(&entries)[..], &sb.target).unwrap();
    assert_eq!(
        std::fs::read_link(sb.target.join("mtab")).unwrap(),
        Path::new("/proc/mounts")
    );
    assert_eq!(
        std::fs::read_link(sb.target.join("a/up")).unwrap(),
        Path::new("../../outside")
    );
    assert_refused(
        &[E::Symlink("l", "../outside"), E::File("l/evil", b"x")],
        "a file written through a relative link climbing out",
    );
    assert_refused(
        &[E::Symlink("etc", "/etc"), E::File("etc/evil", b"x")],
        "a file written through an absolute link",
    );
    assert_refused(
        &[E::Symlink("d", "/nonexistent-dea"), E::Dir("d/sub/")],
        "a folder created through a dangling link",
    );
    // A file entry on the name of a link that points outside replaces the link; the file
    // lands inside, never at the link's target.
    let sb = sandbox();
    let entries = [E::Symlink("f", "../outside/f"), E::File("f", b"inside")];
    unpack_tar(&tar_of(&entries)[..], &sb.target).unwrap();
    assert_eq!(std::fs::read(sb.target.join("f")).unwrap(), b"inside");
    assert_empty(&sb.outside, "file over a link");
}

#[test]
fn refuses_writing_through_a_link() {
    // The link itself looks harmless lexically (`d/up/..`), but `d/up` is `..`: created,
    // it would resolve outside; the entry after it would be written there.
    assert_refused(
        &[
            E::Dir("d/"),
            E::Symlink("d/up", ".."),
            E::Symlink("x", "d/up/.."),
            E::File("x/outside/evil", b"x"),
        ],
        "link chain then a write through it",
    );
}

#[test]
fn refuses_a_folder_link_planted_on_disk() {
    // A link already in the target (left by an earlier copy) is not followed either.
    let sb = sandbox();
    std::os::unix::fs::symlink(&sb.outside, sb.target.join("planted")).unwrap();
    let err = unpack_tar(&tar_of(&[E::File("planted/evil", b"x")])[..], &sb.target)
        .expect_err("write through a planted link");
    assert_eq!(err.kind(), ErrorKind::Stream, "{err}");
    assert_empty(&sb.outside, "planted link");
}

#[test]
fn refuses_hardlinks_that_leave() {
    assert_refused(&[E::Hardlink("h", "../outside/x")], "hard link with `..`");
    assert_refused(
        &[E::Hardlink("h", "/etc/passwd")],
        "hard link to an absolute path",
    );
}

#[test]
fn extracts_a_normal_archive_with_inside_links() {
    let sb = sandbox();
    let entries = [
        E::Dir("dir/"),
        E::File("dir/a.txt", b"hello"),
        E::Symlink("dir/to-a", "a.txt"),
        E::Symlink("up", "dir/../dir"),
        E::Hardlink("dir/b.txt", "dir/a.txt"),
        E::File("./dot.txt", b"dot"),
    ];
    unpack_tar(&tar_of(&entries)[..], &sb.target).unwrap();
    let t = &sb.target;
    assert_eq!(std::fs::read(t.join("dir/a.txt")).unwrap(), b"hello");
    assert_eq!(
        std::fs::read_link(t.join("dir/to-a")).unwrap(),
        Path::new("a.txt")
    );
    assert_eq!(std::fs::read(t.join("dir/b.txt")).unwrap(), b"hello");
    assert_eq!(std::fs::read(t.join("up/a.txt")).unwrap(), b"hello");
    assert_eq!(std::fs::read(t.join("dot.txt")).unwrap(), b"dot");
}

#[test]
fn a_corrupt_archive_is_a_stream_error() {
    let sb = sandbox();
    let mut bytes = tar_of(&[E::File("a", b"x")]);
    bytes[148] ^= 0xff; // break the checksum
    let err = unpack_tar(&bytes[..], &sb.target).expect_err("corrupt");
    assert_eq!(err.kind(), ErrorKind::Stream, "{err}");
}
