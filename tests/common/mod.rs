//! What several test binaries share: building the repository's example site with the
//! real binary.

use std::path::PathBuf;

use assert_cmd::Command;

/// The repository root: its zongjie.yaml, data/ and templates/ are the example project.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the example site with the real binary into a fresh temporary folder; keep the
/// returned `TempDir` alive while the site is used.
pub fn build_example_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(repo_root())
        .arg("-q")
        .arg("build")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "zongjie build failed ({}):\n{}{}",
        run.status,
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    (tmp, out)
}
