//! Problems found in a project: where (file, line, column), what is wrong, what to do.
//!
//! Every stage adds to one `Diagnostics` list instead of stopping at the first problem,
//! so a writer sees all of them at once.

use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::yaml::Loc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Relative to the project root, as the writer sees it in the folder.
    pub file: PathBuf,
    pub loc: Option<Loc>,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        // A file name may hold a newline or an escape sequence: shown visibly, so it can
        // neither fake another line in a CI log nor recolour a terminal.
        let file = visible(&self.file.display().to_string());
        write!(f, "{word}: {file}")?;
        if let Some(loc) = self.loc {
            write!(f, ":{}:{}", loc.line, loc.col)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  提示: {help}")?;
        }
        Ok(())
    }
}

/// `text` with control characters (newlines, escape sequences) written as `\n`, `\u{1b}`:
/// what a file holds or is named is shown, never acted on by a terminal or a log.
pub fn visible(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let control = c.is_control();
            (!control)
                .then_some(c)
                .into_iter()
                .chain(control.then(|| c.escape_default()).into_iter().flatten())
        })
        .collect()
}

/// A system I/O failure in the writer's words, with the system's own text after it for
/// whoever has to fix the disk.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段是文件，不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::ResourceBusy => "正在被占用",
        K::InvalidData => "内容无法读取",
        _ => "系统报告了输入输出错误",
    };
    format!("{what}（{e}）")
}

#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn error(
        &mut self,
        file: &Path,
        loc: Option<Loc>,
        message: impl Into<String>,
    ) -> Builder<'_> {
        self.add(Severity::Error, file, loc, message.into())
    }

    pub fn warning(
        &mut self,
        file: &Path,
        loc: Option<Loc>,
        message: impl Into<String>,
    ) -> Builder<'_> {
        self.add(Severity::Warning, file, loc, message.into())
    }

    fn add(
        &mut self,
        severity: Severity,
        file: &Path,
        loc: Option<Loc>,
        message: String,
    ) -> Builder<'_> {
        self.items.push(Diagnostic {
            severity,
            file: file.to_path_buf(),
            loc,
            message,
            help: None,
        });
        Builder {
            item: self.items.last_mut().expect("just pushed"),
        }
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Drops the problems found in `file`: `serve` replaces them when it reads the file again.
    pub fn forget_file(&mut self, file: &Path) {
        self.items.retain(|d| d.file != file);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file and position, errors before warnings at the same place, so output is
    /// stable whatever order the files were read in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.file, a.loc, a.severity, &a.message).cmp(&(&b.file, b.loc, b.severity, &b.message))
        });
        v.dedup();
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Lets a caller add the help line: `diags.error(..).help("...")`.
pub struct Builder<'a> {
    item: &'a mut Diagnostic,
}

impl Builder<'_> {
    pub fn help(self, text: impl Into<String>) {
        self.item.help = Some(text.into());
    }
}

/// The nearest of `known` to `typed`, if it is near enough to be a likely typo.
pub fn suggest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    known
        .into_iter()
        .map(|k| {
            (
                strsim::damerau_levenshtein(&typed_lower, &k.to_lowercase()),
                k,
            )
        })
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// "did you mean" text for a help line, or a list of what is allowed.
pub fn suggestion_help(typed: &str, known: &[&str]) -> String {
    match suggest(typed, known.iter().copied()) {
        Some(s) => format!("是不是想写 `{s}`？"),
        None => format!("可以使用的有：{}", known.join("、")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_a_file_name_are_shown_not_acted_on() {
        let mut d = Diagnostics::new();
        d.error(Path::new("data/a\nerror: fake\u{1b}[31m.yaml"), None, "x");
        let shown = d.sorted()[0].to_string();
        assert!(
            !shown.contains('\n') && !shown.contains('\u{1b}'),
            "{shown}"
        );
        assert!(shown.contains("a\\nerror: fake\\u{1b}[31m"), "{shown}");
    }

    #[test]
    fn suggests_the_nearest_known_name() {
        let known = ["hazards", "drills", "training", "accidents"];
        assert_eq!(suggest("hazard", known), Some("hazards"));
        assert_eq!(suggest("trainings", known), Some("training"));
        assert_eq!(suggest("Drils", known), Some("drills"));
        assert_eq!(suggest("weather", known), None);
    }

    #[test]
    fn prints_file_line_column_message_and_help() {
        let mut d = Diagnostics::new();
        d.error(
            Path::new("data/镇/2024-H1.yaml"),
            Some(Loc { line: 5, col: 14 }),
            "不对",
        )
        .help("改一下");
        let text = d.sorted()[0].to_string();
        assert_eq!(
            text,
            "错误: data/镇/2024-H1.yaml:5:14: 不对\n  提示: 改一下"
        );
    }

    #[test]
    fn sorted_output_is_stable_and_errors_come_first_at_a_place() {
        let mut d = Diagnostics::new();
        let f = Path::new("b.yaml");
        d.warning(f, Some(Loc { line: 2, col: 1 }), "w");
        d.error(Path::new("a.yaml"), None, "e1");
        d.error(f, Some(Loc { line: 2, col: 1 }), "e2");
        let got: Vec<&str> = d.sorted().iter().map(|x| x.message.as_str()).collect();
        assert_eq!(got, ["e1", "e2", "w"]);
        assert!(d.has_errors());
        assert_eq!(d.count(Severity::Warning), 1);
    }
}
