//! End-to-end test in headless Chromium: builds the example site with the real binary and
//! runs `tests/browser/e2e.mjs` (playwright-core driving Debian's `/usr/bin/chromium`) on it,
//! from `file://` and from a local HTTP server under `/anquan/`. See that script for what it
//! checks. Screenshots and PDFs are kept in `target/browser-artifacts/`.
//!
//! Needs `node`, `chromium` and `npm ci` in `tests/browser`. Without them the test is skipped
//! with a message on the terminal, so a plain `cargo test` passes on any machine; with
//! `ZONGJIE_BROWSER_TEST=required` (set by `.ci/run`) a missing piece fails the test.
//! `ZONGJIE_CHROMIUM` names another Chromium binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

mod common;
use common::{build_example_site, repo_root};

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                repo_root().join(p)
            }
        })
        .unwrap_or_else(|| repo_root().join("target"))
}

/// What this machine lacks for the browser test, if anything.
fn missing_pieces(chromium: &Path, browser_dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    match Process::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        _ => missing.push("node (Node.js 20+) on PATH".to_string()),
    }
    if !chromium.is_file() {
        missing.push(format!("{} (apt-get install chromium)", chromium.display()));
    }
    if !browser_dir
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        missing.push(format!(
            "playwright-core (npm ci in {})",
            browser_dir.display()
        ));
    }
    missing
}

/// Writes straight to the terminal: `cargo test` captures `eprintln!` of passing tests, and
/// a skipped browser test must be seen.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

#[test]
fn browser_end_to_end() {
    let required = std::env::var("ZONGJIE_BROWSER_TEST").is_ok_and(|v| v == "required");
    let chromium = std::env::var_os("ZONGJIE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let browser_dir = repo_root().join("tests/browser");

    let missing = missing_pieces(&chromium, &browser_dir);
    if !missing.is_empty() {
        let what = missing.join("; ");
        if required {
            panic!("browser test required (ZONGJIE_BROWSER_TEST=required) but missing: {what}");
        }
        say(&format!(
            "SKIPPED: browser test (missing: {what}). Install chromium and run npm ci in \
             tests/browser, or run .ci/run; ZONGJIE_BROWSER_TEST=required makes it mandatory."
        ));
        return;
    }

    let (_tmp, site) = build_example_site();

    let artefacts = target_dir().join("browser-artifacts");
    let status = Process::new("node")
        .arg(browser_dir.join("e2e.mjs"))
        .arg(&site)
        .arg(&artefacts)
        .env("ZONGJIE_CHROMIUM", &chromium)
        .current_dir(repo_root())
        .status()
        .expect("run node");
    assert!(
        status.success(),
        "browser end-to-end test failed ({status}); its output is above, screenshots in {}",
        artefacts.display()
    );
}
