//! The built-in templates, embedded at compile time, and a project's overrides: a file in
//! the project's `templates/` replaces the built-in of the same name.

use std::path::Path;

use tera::Tera;

use crate::diag::Diagnostics;
use crate::filters;

/// (name, text) of every built-in template and asset.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("unit.html", include_str!("../../templates/unit.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("chart.html", include_str!("../../templates/chart.html")),
    ("cards.html", include_str!("../../templates/cards.html")),
    (
        "assets/zongjie.css",
        include_str!("../../templates/assets/zongjie.css"),
    ),
];

/// The site's stylesheet (built-in or the project's) followed by the charts' rules, which
/// the pages' SVG needs whatever the project's stylesheet says: they come from the chart
/// palette, not from a file a project could have copied from an older version.
fn with_chart_css(mut css: String) -> String {
    if !css.ends_with('\n') {
        css.push('\n');
    }
    css.push_str("\n/* 图表（附图）：由 zongjie 按图表配色生成 */\n");
    css.push_str(&crate::chart::style::css());
    css
}

/// The templates in use: built-ins with the project's overrides, compiled once.
pub struct Templates {
    pub tera: Tera,
    /// The stylesheet as it will be written (the project's if it overrides it).
    pub css: String,
}

impl Templates {
    /// Loads the templates for a project; problems (a template that does not parse) go
    /// to `diags` naming the file, line and column. `read_override` reads a project file
    /// (the load stage's reader: rendering does not read project files itself).
    pub fn load(
        root: &Path,
        percent_decimals: usize,
        read_override: &dyn Fn(&Path, &Path, &mut Diagnostics) -> Option<String>,
        diags: &mut Diagnostics,
    ) -> Templates {
        let mut tera = Tera::new();
        filters::register(&mut tera, percent_decimals);
        let mut css = String::new();
        let mut sources: Vec<(String, String, bool)> = Vec::new();
        for (name, builtin) in BUILTIN {
            let rel = Path::new("templates").join(name);
            let (text, overridden) = match read_override(root, &rel, diags) {
                Some(text) if text != *builtin => (text, true),
                _ => (builtin.to_string(), false),
            };
            if name.ends_with(".css") {
                css = with_chart_css(text);
            } else {
                sources.push((name.to_string(), text, overridden));
            }
        }
        warn_unused_overrides(root, diags);
        // Tera resolves `extends` across the batch, so the templates are added together.
        let batch: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, t, _)| (n.as_str(), t.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(batch) {
            let blame = sources
                .iter()
                .find(|(n, _, o)| *o && e.to_string().contains(n.as_str()));
            let file = match blame {
                Some((n, _, _)) => Path::new("templates").join(n),
                None => Path::new("templates").to_path_buf(),
            };
            let (message, loc) = explain(&e);
            diags
                .error(&file, loc, format!("模板有错误：{message}"))
                .help("改正模板；或删除项目 templates/ 中的这个文件，改用内置模板。");
        }
        Templates { tera, css }
    }
}

/// A file in `templates/` that overrides nothing (`repot.html`) would be ignored without
/// a word: say so, with the built-in name it was probably meant to be.
fn warn_unused_overrides(root: &Path, diags: &mut Diagnostics) {
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    for folder in ["", "assets"] {
        let Ok(entries) = std::fs::read_dir(root.join("templates").join(folder)) else {
            continue;
        };
        let mut found: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .map(|n| {
                if folder.is_empty() {
                    n
                } else {
                    format!("{folder}/{n}")
                }
            })
            .filter(|n| !names.contains(&n.as_str()))
            .collect();
        found.sort();
        for name in found {
            diags
                .warning(
                    &Path::new("templates").join(&name),
                    None,
                    "这个文件不对应任何内置模板，不会被使用",
                )
                .help(crate::diag::suggestion_help(&name, &names));
        }
    }
}

/// A Tera error in the writer's language, with the line and column in the template where
/// Tera knows them. Tera's own English is kept only for problems we have no words for,
/// after a Chinese lead, so a template author can still look it up.
pub fn explain(e: &tera::Error) -> (String, Option<crate::diag::Loc>) {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let loc = crate::diag::Loc {
                line: r.span().start_line as u32,
                col: r.span().start_col as u32 + 1,
            };
            (in_chinese(r.message()), Some(loc))
        }
        tera::ErrorKind::TemplateNotFound(name) => (format!("找不到模板 {name}"), None),
        _ => {
            // A batch of templates reports as text: "error: …\n --> name:line:col\n…".
            let text = e.to_string();
            let loc = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("--> "))
                .and_then(|at| {
                    let mut parts = at.rsplitn(3, ':');
                    let col = parts.next()?.parse().ok()?;
                    let line = parts.next()?.parse().ok()?;
                    Some(crate::diag::Loc { line, col })
                });
            (in_chinese(text.trim_start_matches("error: ")), loc)
        }
    }
}

fn in_chinese(message: &str) -> String {
    // Our own filters already speak Chinese.
    if message
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return message.lines().next().unwrap_or(message).to_string();
    }
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or_default().to_string();
    let patterns: [(&str, &str); 5] = [
        ("Variable `", "变量 {} 不存在"),
        ("Field `", "字段 {} 不存在"),
        ("Unknown filter `", "未知的过滤器 {}"),
        ("Unknown function `", "未知的函数 {}"),
        ("Unknown test `", "未知的判断 {}"),
    ];
    for (start, words) in patterns {
        if message.starts_with(start) {
            return words.replace("{}", &quoted(message));
        }
    }
    format!(
        "模板无法解析或生成（Tera：{}）",
        message.lines().next().unwrap_or(message)
    )
}
