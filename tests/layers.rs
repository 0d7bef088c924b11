//! The stages may only reach one way: load → compute → report → render → output. A
//! wrong-way import (compute formatting words, render parsing YAML, a command importing
//! the argument parser) fails here, the way a crate boundary would fail to compile.

use std::fs;
use std::path::Path;

/// (stage, the modules it must not use).
const RULES: &[(&str, &[&str])] = &[
    (
        "compute",
        &[
            "format", "locale", "report", "render", "output", "chart", "filters", "markdown",
            "pipeline", "cmd", "cli",
        ],
    ),
    (
        "locale",
        &["report", "render", "output", "pipeline", "cmd", "cli"],
    ),
    (
        "report",
        &["render", "output", "chart", "pipeline", "cmd", "cli"],
    ),
    (
        "analysis.rs",
        &["report", "render", "output", "pipeline", "cmd", "cli"],
    ),
    // render reads the project's template overrides through load's one safe reader of
    // project files (regular files inside the project, size-limited, encoding named),
    // so `load` is allowed; it never parses YAML.
    (
        "render",
        &["yaml", "schema", "output", "pipeline", "cmd", "cli"],
    ),
    (
        "chart",
        &[
            "compute", "report", "render", "catalog", "model", "pipeline",
        ],
    ),
    ("cmd", &["cli"]),
    // Periods are types and arithmetic: their names are the locale's words.
    (
        "period.rs",
        &[
            "format", "locale", "report", "render", "output", "pipeline", "cmd", "cli",
        ],
    ),
];

/// The `crate::…` modules a source file names.
fn crate_modules(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
        // `use crate::{a, b}` names several.
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.push(name.to_string());
                }
            }
        }
    }
    found
}

#[test]
fn no_stage_reaches_the_wrong_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (stage, forbidden) in RULES {
        let files: Vec<_> = walkdir::WalkDir::new(src.join(stage))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .collect();
        assert!(!files.is_empty(), "no sources for {stage}");
        for e in files {
            let text = fs::read_to_string(e.path()).unwrap();
            for m in crate_modules(&text) {
                if forbidden.contains(&m.as_str()) {
                    wrong.push(format!("{} uses crate::{m}", e.path().display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "wrong-way imports:\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    let found =
        crate_modules("use crate::{format, locale::Locale};\nlet x = crate::render::pages::f();");
    assert_eq!(found, ["format", "locale", "render"]);
}
