//! Reading typed values out of the located YAML tree. Each reader reports what is wrong
//! at the node's own line and column and carries on, so one file yields all its problems.

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::{suggestion_help, Diagnostics};
use crate::yaml::{Entry, Node, Value};

/// The largest figure a file may hold: one trillion (一万亿). No office counts more of
/// anything, and well below 2^53 every sum of figures stays exact in an f64.
pub const MAX_FIGURE: f64 = 1e12;

/// The file being read and where its problems go.
pub struct Reader<'a> {
    pub file: &'a Path,
    pub diags: &'a mut Diagnostics,
}

/// A character that makes a number text without being seen, named for the writer, with
/// what to do: the no-break space Word puts after 46, a full-width digit, a thousands comma.
fn hidden_character(text: &str) -> Option<(String, &'static str)> {
    text.chars().find_map(|c| {
        let (name, fix) = match c {
            '\u{a0}' => (
                "不间断空格（U+00A0，常从 Word 或网页复制而来）",
                "删除数字前后的空格，重新用键盘输入这个数字。",
            ),
            '\u{3000}' => ("全角空格（U+3000）", "删除数字前后的全角空格。"),
            '\u{200b}' | '\u{feff}' | '\u{2060}' => {
                ("看不见的零宽字符", "删除这个值，重新用键盘输入这个数字。")
            }
            '０'..='９' => ("全角数字", "把数字改为半角（英文输入法下输入），例如 46。"),
            ',' | '，' => ("千位分隔的逗号", "数字中不要加逗号，例如写成 1000。"),
            '%' | '％' => (
                "百分号",
                "不要带百分号：比率目标写成小数（100% 写 1.0，95% 写 0.95）。",
            ),
            _ => return None,
        };
        Some((name.to_string(), fix))
    })
}

impl Reader<'_> {
    /// The entries of a mapping; anything else is reported as `what` being the wrong shape.
    pub fn map<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Entry] {
        if node.is_null() {
            return &[];
        }
        match node.as_map() {
            Some(entries) => entries,
            None => {
                self.diags
                    .error(
                        self.file,
                        Some(node.loc),
                        format!("{what}应为“键: 值”的映射，这里是{}", node.describe()),
                    )
                    .help("检查缩进：下一级的键要比上一级多缩进两个空格。");
                &[]
            }
        }
    }

    /// Reports every key not in `allowed`, suggesting the nearest allowed one.
    pub fn known_keys(&mut self, entries: &[Entry], allowed: &[&str], place: &str) {
        for e in entries {
            if !allowed.contains(&e.key.as_str()) {
                self.diags
                    .error(
                        self.file,
                        Some(e.key_loc),
                        format!("{place}中没有 `{}` 这一项", e.key),
                    )
                    .help(suggestion_help(&e.key, allowed));
            }
        }
    }

    pub fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        if node.is_null() {
            return None;
        }
        match node.as_text() {
            Some(t) => Some(t.to_string()),
            None => {
                self.diags
                    .error(
                        self.file,
                        Some(node.loc),
                        format!("`{key}` 应为一段文字，这里是{}", node.describe()),
                    )
                    .help("多行文字写成 `key: |`，换行后缩进两个空格再写正文。");
                None
            }
        }
    }

    /// A non-negative number; blank means "not reported" and gives None without a message.
    pub fn count(&mut self, node: &Node, key: &str, label: &str) -> Option<f64> {
        if node.is_null() {
            return None;
        }
        let Some(v) = node.as_number() else {
            // `"20"` reads as a number to a writer: say that the quotes are the problem.
            let quoted_number = matches!(&node.value,
                Value::Scalar { text, plain: false, .. } if text.trim().parse::<f64>().is_ok());
            let hidden = match &node.value {
                Value::Scalar { text, .. } => hidden_character(text),
                _ => None,
            };
            let (what, help) = if let Some((name, fix)) = hidden {
                (format!("{}，其中有{name}", node.describe()), fix)
            } else if quoted_number {
                (
                    format!("加了引号的文字{}", node.describe()),
                    "去掉数字两边的引号，例如写成 `31`；加了引号就成了文字。",
                )
            } else {
                (
                    node.describe(),
                    "只写阿拉伯数字，例如 `31` 或 `12.5`，不加单位、不加引号；未统计的留空。",
                )
            };
            self.diags
                .error(
                    self.file,
                    Some(node.loc),
                    format!("`{key}`（{label}）应为数字，这里是{what}"),
                )
                .help(help);
            return None;
        };
        if v > MAX_FIGURE {
            self.diags
                .error(
                    self.file,
                    Some(node.loc),
                    format!("`{key}`（{label}）的数值 {} 超出上限", node.describe()),
                )
                .help("数字最大为 1000000000000（一万亿）；请核对是否多打了数字。");
            return None;
        }
        if v < 0.0 {
            self.diags
                .error(
                    self.file,
                    Some(node.loc),
                    format!("`{key}`（{label}）不能是负数：{}", node.describe()),
                )
                .help("填写实际发生的数量；未统计的留空。");
            return None;
        }
        Some(v)
    }

    pub fn date(&mut self, node: &Node, key: &str) -> Option<NaiveDate> {
        let text = self.text(node, key)?;
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.diags
                    .error(
                        self.file,
                        Some(node.loc),
                        format!("`{key}` 不是有效日期：{}", node.describe()),
                    )
                    .help("日期写成 2024-07-05 的形式（年-月-日）。");
                None
            }
        }
    }

    pub fn seq<'n>(&mut self, node: &'n Node, key: &str) -> &'n [Node] {
        if node.is_null() {
            return &[];
        }
        match node.as_seq() {
            Some(items) => items,
            None => {
                self.diags
                    .error(
                        self.file,
                        Some(node.loc),
                        format!(
                            "`{key}` 应为列表（每项以“- ”开头），这里是{}",
                            node.describe()
                        ),
                    )
                    .help("每一项另起一行，以 `- ` 开头。");
                &[]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    fn with_reader<T>(f: impl FnOnce(&mut Reader) -> T) -> (T, Vec<String>) {
        let mut diags = Diagnostics::new();
        let mut r = Reader {
            file: Path::new("x.yaml"),
            diags: &mut diags,
        };
        let out = f(&mut r);
        (out, diags.sorted().iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn a_word_where_a_number_belongs_names_the_place_and_the_fix() {
        let root = parse("found: 一百一十八\n").unwrap().root;
        let node = &root.as_map().unwrap()[0].value;
        let (v, msgs) = with_reader(|r| r.count(node, "hazards.found", "排查隐患"));
        assert_eq!(v, None);
        assert!(msgs[0].starts_with("错误: x.yaml:1:8: `hazards.found`（排查隐患）应为数字"));
        assert!(msgs[0].contains("提示"));
    }

    #[test]
    fn a_quoted_number_is_reported_as_quoted() {
        let root = parse("found: \"20\"\n").unwrap().root;
        let node = &root.as_map().unwrap()[0].value;
        let (v, msgs) = with_reader(|r| r.count(node, "hazards.found", "排查隐患"));
        assert_eq!(v, None);
        assert!(
            msgs[0].contains(
                "x.yaml:1:8: `hazards.found`（排查隐患）应为数字，这里是加了引号的文字“20”"
            ),
            "{msgs:?}"
        );
        assert!(msgs[0].contains("去掉数字两边的引号"), "{msgs:?}");
    }

    #[test]
    fn negative_counts_are_refused_and_blank_is_not_reported() {
        let root = parse("a: -3\nb:\n").unwrap().root;
        let m = root.as_map().unwrap();
        let (v, msgs) = with_reader(|r| {
            (
                r.count(&m[0].value, "a", "A"),
                r.count(&m[1].value, "b", "B"),
            )
        });
        assert_eq!(v, (None, None));
        assert_eq!(msgs.len(), 1);
        assert!(msgs[0].contains("负数"));
    }

    #[test]
    fn unknown_keys_get_a_did_you_mean() {
        let root = parse("hazard: 1\n").unwrap().root;
        let ((), msgs) = with_reader(|r| {
            r.known_keys(root.as_map().unwrap(), &["hazards", "drills"], "indicators")
        });
        assert!(
            msgs[0].contains("`hazard`") && msgs[0].contains("`hazards`"),
            "{msgs:?}"
        );
    }

    #[test]
    fn dates_must_be_real_dates() {
        let root = parse("a: 2024-07-05\nb: 2024-02-30\n").unwrap().root;
        let m = root.as_map().unwrap();
        let (v, msgs) = with_reader(|r| (r.date(&m[0].value, "date"), r.date(&m[1].value, "date")));
        assert_eq!(v.0, NaiveDate::from_ymd_opt(2024, 7, 5));
        assert_eq!(v.1, None);
        assert!(msgs[0].contains("x.yaml:2:4"));
    }
}
