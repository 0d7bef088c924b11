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

/// Han text that chart and render code may still hold, each with why: not report words
/// (which belong in src/locale, so that zh-TW or en is a table and no code change). A
/// literal passes when no Han is left in it after its file's allowed texts are taken out.
const HAN_ALLOWED: &[(&str, &[&str], &str)] = &[
    (
        "chart/layout.rs",
        &["年", "（"],
        "typography: where a long label may wrap (after 年, before （), like a CSS line-break rule",
    ),
    (
        "render/document.rs",
        &["\u{3000}"],
        "typography: the ideographic space between a table's cells flattened into one paragraph",
    ),
    (
        "render/docx.rs",
        &[
            "仿宋_GB2312",
            "方正小标宋简体",
            "黑体",
            "楷体_GB2312",
            "宋体",
            "仿宋",
            "楷体",
        ],
        "font family names: layout of a GB/T 9704 document, as the font files are named",
    ),
    (
        "render/docx.rs",
        &[r#"name="附图{n}""#],
        "the picture's object name inside the Word XML (Word's selection pane), not its caption",
    ),
    (
        "render/raster.rs",
        &["安装一种中文字体后重新生成：Debian/Ubuntu 上 `apt install fonts-noto-cjk`，CentOS/麒麟上 `yum install google-noto-sans-cjk-ttc-fonts`；Windows 和 macOS 自带中文字体。"],
        "a diagnostic to whoever runs the build; the program's messages are Chinese throughout",
    ),
    (
        "render/pages.rs",
        &[
            "生成页面 {path} 时{what}",
            "检查项目 templates/ 中这个模板是否有循环套循环；删除它可改用内置模板。",
            "生成页面 {path} 时模板出错：{message}",
            "检查项目 templates/ 中的模板；删除它可改用内置模板。",
            "页面超过 {} MB，超出限制",
            "用时超过 {} 秒，超出限制",
        ],
        "diagnostics to whoever runs the build",
    ),
    (
        "render/templates.rs",
        &[
            "模板有错误：{message}",
            "改正模板；或删除项目 templates/ 中的这个文件，改用内置模板。",
            "这个文件不对应任何内置模板，不会被使用",
            "找不到模板 {name}",
            "变量 {} 不存在",
            "字段 {} 不存在",
            "未知的过滤器 {}",
            "未知的函数 {}",
            "未知的判断 {}",
            "模板无法解析或生成（Tera：{}）",
        ],
        "diagnostics to whoever runs the build",
    ),
    (
        "render/templates.rs",
        &["图表（附图）：由 zongjie 按图表配色生成"],
        "a comment in the project's stylesheet, for the person who edits it",
    ),
    (
        "render/office.rs",
        &["本机没有中文字体，Word 文件中的附图未能生成（附表照常）"],
        "a diagnostic to whoever runs the build",
    ),
    (
        "render/office.rs",
        &["工作总结"],
        "NOT YET MOVED: the file name of a report whose title is empty",
    ),
];

/// The string and char literals of Rust source outside comments, with their lines.
fn literals(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let (mut found, mut i, mut line) = (Vec::new(), 0, 1);
    while i < chars.len() {
        let start_line = line;
        let (end, literal) = token(&chars, i);
        line += chars[i..end].iter().filter(|&&c| c == '\n').count();
        if let Some(l) = literal {
            found.push((start_line, l));
        }
        i = end;
    }
    found
}

/// The token starting at `i`: where it ends and, for a literal, its text.
fn token(c: &[char], i: usize) -> (usize, Option<String>) {
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    let until = |from: usize, end: &[char]| {
        (from..c.len())
            .find(|&k| c[k..].starts_with(end))
            .map_or(c.len(), |k| k + end.len())
    };
    let after_ident = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
    match (at(i), at(i + 1)) {
        ('/', '/') => (until(i, &['\n']), None),
        ('/', '*') => (until(i + 2, &['*', '/']), None),
        ('r', '#' | '"') if !after_ident => {
            let hashes = (i + 1..c.len()).take_while(|&k| c[k] == '#').count();
            let open = i + 1 + hashes + 1;
            let close: Vec<char> = std::iter::once('"').chain(vec!['#'; hashes]).collect();
            let end = until(open, &close);
            let text = c[open..end.saturating_sub(close.len()).max(open)]
                .iter()
                .collect();
            (end, Some(text))
        }
        ('"', _) => quoted(c, i, '"'),
        ('\'', _) if at(i + 1) == '\\' || at(i + 2) == '\'' => quoted(c, i, '\''),
        _ => (i + 1, None),
    }
}

/// A quoted literal from `i` to its closing `quote`, escapes kept as written.
fn quoted(c: &[char], i: usize, quote: char) -> (usize, Option<String>) {
    let mut k = i + 1;
    while k < c.len() && c[k] != quote {
        k += if c[k] == '\\' { 2 } else { 1 };
    }
    let text = c[i + 1..k.min(c.len())].iter().collect();
    (k + 1, Some(text))
}

/// A file's source without its inline `#[cfg(test)] mod tests { … }`, which comes last.
fn without_tests(text: &str) -> &str {
    text.match_indices("#[cfg(test)]")
        .find(|(i, m)| text[i + m.len()..].trim_start().starts_with("mod tests {"))
        .map_or(text, |(i, _)| &text[..i])
}

/// The literal without the texts `file` is allowed.
fn unallowed(file: &str, literal: &str) -> String {
    let mut texts: Vec<&str> = (HAN_ALLOWED.iter())
        .filter(|(f, _, _)| *f == file)
        .flat_map(|(_, texts, _)| texts.iter().copied())
        .collect();
    // The longest first, so that 指标 does not leave 主要 of 主要指标 behind.
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut left = literal.to_string();
    for text in texts {
        left = left.replace(text, "");
    }
    left
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Han text in the literals of `stage`'s sources (tests left out) that the list does not allow.
fn han_literals(stage: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(src.join(stage)).sort_by_file_name() {
        let e = e.unwrap();
        let path = e.path();
        if path.extension().is_none_or(|x| x != "rs") || path.file_stem().unwrap() == "tests" {
            continue;
        }
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).unwrap();
        for (line, literal) in literals(without_tests(&text)) {
            if unallowed(&name, &literal).chars().any(is_han) {
                found.push(format!("src/{name}:{line}: {literal}"));
            }
        }
    }
    found
}

/// Chart and render code hold no report words: the locale has them all, so a zh-TW or en
/// report is a new table and no code change. A word found here goes into src/locale; a
/// diagnostic or a layout name goes into HAN_ALLOWED with why.
#[test]
fn chart_and_render_code_hold_no_report_words() {
    let mut found = han_literals("chart");
    found.extend(han_literals("render"));
    assert!(
        found.is_empty(),
        "Chinese words in code; move them to src/locale:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_word_finder_reads_literals_not_comments() {
    let text = "// 注释 \"无数据\"\nlet a = \"单位：{unit}\"; /* 纵轴 */ let b = '。';\n\
                let c = r#\"附\"图\"#; let d: &'static str = \"x\\\"无\";\n\
                #[cfg(test)]\nmod tests;\nfn f() {}\n#[cfg(test)]\nmod tests {\n \"测试\"\n}\n";
    let found: Vec<_> = literals(without_tests(text));
    let want = [
        (2, "单位：{unit}"),
        (2, "。"),
        (3, "附\"图"),
        (3, "x\\\"无"),
    ];
    let found: Vec<(usize, &str)> = found.iter().map(|(l, s)| (*l, s.as_str())).collect();
    assert_eq!(found, want);
}
