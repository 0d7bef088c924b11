//! A YAML tree that keeps the line and column of every node and every key.
//!
//! Checks made long after parsing (已整改 > 排查, annual ≠ H1 + H2) must still point at the
//! line the writer typed, and a key typed twice must not silently replace the first, so we
//! build our own tree from the parser's marked events instead of deserializing straight
//! into structs. Aliases are expanded under a node budget, so an alias bomb fails fast.

use std::collections::HashMap;
use std::fmt;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A position in a file, both numbers 1-based as editors show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
}

impl Loc {
    fn from_marker(m: &Marker) -> Loc {
        Loc {
            line: m.line() as u32,
            col: m.col() as u32 + 1,
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Empty, `~` or `null`: in our files, "not reported".
    Null,
    /// Any scalar; `plain` is false for quoted and block scalars, which are always text.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_loc: Loc,
    pub value: Node,
}

/// Full-width colons after a key (`found：12`) and full-width spaces or tabs in the
/// indentation, outside block scalars (where prose may hold both), with what to do.
pub fn typing_slips(src: &str) -> Vec<(Loc, String, &'static str)> {
    let mut slips = Vec::new();
    // Indentation of the key that opened a block scalar (`body: |`): deeper lines are prose.
    let mut block: Option<usize> = None;
    for (i, line) in src.lines().enumerate() {
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        let at = |col: usize| Loc {
            line: i as u32 + 1,
            col: col as u32 + 1,
        };
        if let Some((col, message, help)) = indent_slip(line, indent) {
            slips.push((at(col), message.into(), help));
        }
        let code = without_comment(line);
        if let Some(col) = key_with_full_width_colon(code) {
            slips.push((
                at(col),
                "键后面用了全角冒号“：”，请改为半角“:”".into(),
                "键名与冒号用英文输入法输入，冒号后再加一个空格，例如 `found: 12`。",
            ));
        }
        let value = code.trim_end();
        let opens_block = ["|", ">", "|-", ">-", "|+", ">+"];
        if opens_block.iter().any(|o| value.ends_with(o)) {
            block = Some(indent);
        }
    }
    slips
}

/// A full-width space or a tab among the first `indent` characters of `line`.
fn indent_slip(line: &str, indent: usize) -> Option<(usize, &'static str, &'static str)> {
    let lead = || line.chars().take(indent);
    if let Some(col) = lead().position(|c| c == '\u{3000}') {
        return Some((
            col,
            "缩进用了全角空格“　”",
            "缩进请用半角空格（英文输入法下的空格键）。",
        ));
    }
    lead().position(|c| c == '\t').map(|col| {
        (
            col,
            "缩进用了制表符（Tab）",
            "YAML 的缩进只能用空格，请把 Tab 换成两个空格。",
        )
    })
}

/// `line` without its comment: `#` at the start or after a space, outside quotes (good
/// enough for keys, which come before any quote). A comment is prose too.
fn without_comment(line: &str) -> &str {
    match line.find('#') {
        Some(0) => "",
        Some(p) if line[..p].ends_with([' ', '\t']) && !line[..p].contains(['"', '\'']) => {
            &line[..p]
        }
        _ => line,
    }
}

/// The column (0-based, in characters) of a `：` that directly follows a key name such as
/// `found` or `- title`, also inside `{ }` (`{found：12}`).
fn key_with_full_width_colon(line: &str) -> Option<usize> {
    // Most lines have none: look before collecting characters.
    if !line.contains('：') {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    (1..chars.len()).find(|&i| {
        if chars[i] != '：' {
            return false;
        }
        let start = chars[..i]
            .iter()
            .rposition(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(0, |p| p + 1);
        let key_like = start < i && chars[start].is_ascii_alphabetic();
        let before = chars[..start].iter().rev().find(|c| **c != ' ');
        key_like && matches!(before, None | Some('-' | '{' | ','))
    })
}

/// A problem found while reading the tree. Syntax errors stop parsing; duplicate keys do
/// not (the first value is kept, so the rest of the file is still checked).
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Syntax {
        loc: Loc,
        message: String,
    },
    DuplicateKey {
        key: String,
        first: Loc,
        again: Loc,
    },
    NonScalarKey {
        loc: Loc,
    },
    TooLarge {
        loc: Loc,
    },
    SeveralDocuments {
        loc: Loc,
    },
    /// A tag other than the standard scalar ones (`!foo 3`, `!!binary …`): refused rather
    /// than dropped, so a value never silently changes type.
    UnsupportedTag {
        tag: String,
        loc: Loc,
    },
}

/// Nodes a file may expand to, aliases included. A period file has a few hundred.
const NODE_BUDGET: usize = 100_000;

pub struct Parsed {
    pub root: Node,
    pub problems: Vec<Problem>,
}

enum Frame {
    Seq(Vec<Node>, Loc, usize),
    /// Entries so far, a key waiting for its value, the map's location and anchor.
    Map(Vec<Entry>, Option<(String, Loc)>, Loc, usize),
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    problems: Vec<Problem>,
    nodes: usize,
    root: Option<Node>,
}

/// Parses one YAML document. An empty document gives a `Null` root.
pub fn parse(src: &str) -> Result<Parsed, Problem> {
    let mut parser = Parser::new_from_str(src);
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        problems: Vec::new(),
        nodes: 0,
        root: None,
    };
    let mut documents = 0;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| Problem::Syntax {
            loc: Loc::from_marker(e.marker()),
            message: e.info().to_string(),
        })?;
        let loc = Loc::from_marker(&mark);
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(Problem::SeveralDocuments { loc });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = match tag {
                    None => scalar_value(text, style),
                    Some(tag) => tagged_value(text, &tag, loc, &mut b.problems),
                };
                b.push(Node { value, loc }, anchor)?;
            }
            Event::Alias(id) => {
                let node = b.anchors.get(&id).cloned().ok_or(Problem::Syntax {
                    loc,
                    message: "alias to an unknown anchor".into(),
                })?;
                b.count(count_nodes(&node), loc)?;
                b.push(node, 0)?;
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_ref(), "seq", loc, &mut b.problems);
                b.stack.push(Frame::Seq(Vec::new(), loc, anchor))
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_ref(), "map", loc, &mut b.problems);
                b.stack.push(Frame::Map(Vec::new(), None, loc, anchor))
            }
            Event::SequenceEnd => match b.stack.pop() {
                Some(Frame::Seq(items, at, anchor)) => b.push(
                    Node {
                        value: Value::Seq(items),
                        loc: at,
                    },
                    anchor,
                )?,
                _ => unreachable!("the parser balances sequences"),
            },
            Event::MappingEnd => match b.stack.pop() {
                Some(Frame::Map(entries, _, at, anchor)) => b.push(
                    Node {
                        value: Value::Map(entries),
                        loc: at,
                    },
                    anchor,
                )?,
                _ => unreachable!("the parser balances mappings"),
            },
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    let root = b.root.take().unwrap_or(Node {
        value: Value::Null,
        loc: Loc { line: 1, col: 1 },
    });
    Ok(Parsed {
        root,
        problems: b.problems,
    })
}

fn scalar_value(text: String, style: TScalarStyle) -> Value {
    let plain = style == TScalarStyle::Plain;
    if plain && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") {
        Value::Null
    } else {
        Value::Scalar { text, plain }
    }
}

/// The standard tags' prefix: `!!str` arrives as this handle with suffix `str`.
const CORE_TAGS: &str = "tag:yaml.org,2002:";

/// A tagged scalar, the tag honoured: `!!str 38` is the text "38" (so a figure field
/// rejects it as text), `!!int` and `!!float` are read as a plain number would be, `!!null`
/// is not reported. Any other tag is refused and the value kept as text.
fn tagged_value(text: String, tag: &Tag, loc: Loc, problems: &mut Vec<Problem>) -> Value {
    match (tag.handle.as_str(), tag.suffix.as_str()) {
        (CORE_TAGS, "str") => Value::Scalar { text, plain: false },
        (CORE_TAGS, "int" | "float") => Value::Scalar { text, plain: true },
        (CORE_TAGS, "null") => Value::Null,
        _ => {
            problems.push(Problem::UnsupportedTag {
                tag: tag_text(tag),
                loc,
            });
            Value::Scalar { text, plain: false }
        }
    }
}

fn check_collection_tag(tag: Option<&Tag>, standard: &str, loc: Loc, problems: &mut Vec<Problem>) {
    if let Some(tag) = tag.filter(|t| !(t.handle == CORE_TAGS && t.suffix == standard)) {
        problems.push(Problem::UnsupportedTag {
            tag: tag_text(tag),
            loc,
        });
    }
}

/// A tag as the writer typed it: `!!binary`, `!foo`.
fn tag_text(tag: &Tag) -> String {
    match tag.handle.strip_prefix(CORE_TAGS) {
        Some(rest) => format!("!!{rest}{}", tag.suffix),
        None => format!("{}{}", tag.handle, tag.suffix),
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries.iter().map(|e| 1 + count_nodes(&e.value)).sum(),
        _ => 0,
    }
}

impl Builder {
    fn count(&mut self, n: usize, loc: Loc) -> Result<(), Problem> {
        self.nodes += n;
        if self.nodes > NODE_BUDGET {
            return Err(Problem::TooLarge { loc });
        }
        Ok(())
    }

    fn push(&mut self, node: Node, anchor: usize) -> Result<(), Problem> {
        self.count(1, node.loc)?;
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(items, _, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _, _)) => match pending.take() {
                None => match node.value {
                    Value::Scalar { text, .. } => *pending = Some((text, node.loc)),
                    Value::Null => *pending = Some((String::new(), node.loc)),
                    _ => {
                        self.problems.push(Problem::NonScalarKey { loc: node.loc });
                        *pending = Some((String::new(), node.loc));
                    }
                },
                Some((key, key_loc)) => {
                    if let Some(first) = entries.iter().find(|e| e.key == key) {
                        self.problems.push(Problem::DuplicateKey {
                            key,
                            first: first.key_loc,
                            again: key_loc,
                        });
                    } else {
                        entries.push(Entry {
                            key,
                            key_loc,
                            value: node,
                        });
                    }
                }
            },
        }
        Ok(())
    }
}

impl Node {
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The text of any scalar (numbers included, as typed).
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// How the value reads to a writer, for messages: 文字“一百”, 列表, 映射.
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Null => "空值".into(),
            Value::Scalar { text, .. } => {
                // A short excerpt with control characters made visible: whatever a file
                // holds, an error message never echoes more than this of it.
                let short = crate::diag::visible(&text.chars().take(20).collect::<String>());
                let more = if text.chars().count() > 20 { "…" } else { "" };
                format!("“{short}{more}”")
            }
            Value::Seq(_) => "一个列表".into(),
            Value::Map(_) => "一组键值（映射）".into(),
        }
    }

    /// A number typed as a plain scalar (`31`, `12.5`). Quoted text is not a number.
    pub fn as_number(&self) -> Option<f64> {
        match &self.value {
            Value::Scalar {
                text, plain: true, ..
            } => {
                let t = text.replace('_', "");
                let v: f64 = t.parse().ok()?;
                v.is_finite().then_some(v)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax { message, .. } => match explain_syntax(message) {
                Some(zh) => write!(f, "YAML 格式错误：{zh}（{message}）"),
                None => write!(f, "YAML 格式错误：{message}"),
            },
            Problem::DuplicateKey { key, first, .. } => write!(
                f,
                "键 `{key}` 在同一层写了两次（第一次在第 {} 行）",
                first.line
            ),
            Problem::NonScalarKey { .. } => write!(f, "键必须是一个简单的名字"),
            Problem::TooLarge { .. } => write!(
                f,
                "文件展开后超过 {NODE_BUDGET} 个节点（可能是 YAML 锚点/别名层层引用）"
            ),
            Problem::SeveralDocuments { .. } => write!(f, "一个文件里有多个 YAML 文档（---）"),
            Problem::UnsupportedTag { tag, .. } => write!(f, "不支持 YAML 标签 `{tag}`"),
        }
    }
}

/// The parser's message in the words of a writer, for the mistakes writers make; the
/// parser's own words follow in brackets for whoever searches the web for them.
fn explain_syntax(message: &str) -> Option<&'static str> {
    let has = |s: &str| message.contains(s);
    Some(if has("tab") {
        "这里有 Tab 字符，YAML 只能用空格缩进"
    } else if has("flow mapping") || has("flow sequence") || has("flow construct") {
        "花括号 { } 或方括号 [ ] 没有闭合，或其中的项之间缺少逗号"
    } else if has("quoted scalar") {
        "引号没有配对：文字两端要用同一种引号"
    } else if has("mapping values are not allowed") {
        "这里不能写“键: 值”：可能是缩进不对，或文字中含有“冒号加空格”（这样的文字要加引号）"
    } else if has("simple key expect") || has("expected ':'") {
        "这一行缺少冒号：键的后面要写“: ”（冒号加空格）"
    } else if has("did not find expected key")
        || has("invalid indentation")
        || has("expected '-' indicator")
        || has("block sequence entries are not allowed")
    {
        "缩进没有对齐：同一级的键要从同一列开始"
    } else if has("unknown anchor") {
        "别名（*）引用的锚点（&）不存在"
    } else if has("recursion limit") {
        "嵌套的层数太多"
    } else if has("unexpected character") || has("cannot start any token") {
        "值的开头有不能直接使用的字符（如 @ 或 `）：这样的文字要加引号"
    } else {
        return None;
    })
}

impl Problem {
    pub fn loc(&self) -> Loc {
        match self {
            Problem::Syntax { loc, .. }
            | Problem::NonScalarKey { loc }
            | Problem::TooLarge { loc }
            | Problem::SeveralDocuments { loc }
            | Problem::UnsupportedTag { loc, .. } => *loc,
            Problem::DuplicateKey { again, .. } => *again,
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            Problem::Syntax { .. } => {
                "检查这一行及上一行：冒号后要有空格，同级的键缩进要对齐，缩进只能用空格不能用 Tab。"
            }
            Problem::DuplicateKey { .. } => "删除其中一个，只保留正确的数字。",
            Problem::NonScalarKey { .. } => "键写成 `名字:` 的形式，例如 `found: 31`。",
            Problem::TooLarge { .. } => "数据文件不需要锚点（&）和别名（*），请直接写出数值。",
            Problem::SeveralDocuments { .. } => "每个期间单独一个文件，删除文件中的 `---` 分隔线。",
            Problem::UnsupportedTag { .. } => {
                "数据文件不需要 `!` 开头的标签：删除它，直接写数字；要写文字请加引号。"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> Node {
        let parsed = parse(src).unwrap();
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.root
    }

    #[test]
    fn keeps_line_and_column_of_keys_and_values() {
        let r = root("a: 1\nhazards:\n  found: 31\n  rectified: 30\n");
        let hazards = &r.as_map().unwrap()[1];
        assert_eq!(hazards.key_loc, Loc { line: 2, col: 1 });
        let rectified = &hazards.value.as_map().unwrap()[1];
        assert_eq!(rectified.key, "rectified");
        assert_eq!(rectified.key_loc, Loc { line: 4, col: 3 });
        assert_eq!(rectified.value.loc, Loc { line: 4, col: 14 });
        assert_eq!(rectified.value.as_number(), Some(30.0));
    }

    #[test]
    fn flow_mappings_keep_locations_too() {
        let r = root("hazards: {found: 31, rectified: 30}\n");
        let inner = r.as_map().unwrap()[0].value.as_map().unwrap();
        assert_eq!(inner[1].key_loc, Loc { line: 1, col: 22 });
    }

    #[test]
    fn blank_tilde_and_null_are_not_reported() {
        let r = root("a:\nb: ~\nc: null\nd: ''\n");
        let m = r.as_map().unwrap();
        assert!(m[0].value.is_null() && m[1].value.is_null() && m[2].value.is_null());
        // Quoted empty text is text, not "not reported".
        assert!(!m[3].value.is_null());
    }

    #[test]
    fn quoted_numbers_and_words_are_not_numbers() {
        let r = root("a: '31'\nb: 一百\nc: 12.5\nd: .nan\n");
        let m = r.as_map().unwrap();
        assert_eq!(m[0].value.as_number(), None);
        assert_eq!(m[1].value.as_number(), None);
        assert_eq!(m[2].value.as_number(), Some(12.5));
        assert_eq!(m[3].value.as_number(), None);
    }

    #[test]
    fn a_key_written_twice_is_reported_with_both_lines() {
        let parsed = parse("hazards:\n  found: 31\n  found: 13\n").unwrap();
        assert_eq!(
            parsed.problems,
            vec![Problem::DuplicateKey {
                key: "found".into(),
                first: Loc { line: 2, col: 3 },
                again: Loc { line: 3, col: 3 },
            }]
        );
        // The first value is kept so the rest of the file can still be checked.
        let found = &parsed.root.as_map().unwrap()[0].value.as_map().unwrap()[0];
        assert_eq!(found.value.as_number(), Some(31.0));
    }

    #[test]
    fn syntax_errors_carry_a_location() {
        let err = parse("a: 1\nb: [1, 2\n").err().unwrap();
        assert!(matches!(err, Problem::Syntax { .. }));
        assert!(err.loc().line >= 2);
    }

    #[test]
    fn common_syntax_errors_are_explained_in_chinese() {
        for (src, want) in [
            ("a:\n\tb: 1\n", "Tab"),
            ("a: {b: 1\nc: 2\n", "没有闭合"),
            ("a: [1, 2\n", "没有闭合"),
            ("a: 'x\nb: 2\n", "引号没有配对"),
            ("a: 1\nb:2\nc: 3\n", "缺少冒号"),
            ("a:\n  b: 1\n c: 2\n", "缩进没有对齐"),
            ("a: b: c\n", "冒号加空格"),
            ("a: @x\n", "加引号"),
        ] {
            let err = parse(src).err().unwrap_or_else(|| panic!("{src:?} parsed"));
            let text = err.to_string();
            assert!(text.contains(want), "{src:?}: {text}");
            // The parser's own words stay, in brackets, for searching the web.
            assert!(text.ends_with('）'), "{src:?}: {text}");
        }
    }

    #[test]
    fn standard_tags_are_honoured_and_others_refused() {
        let parsed = parse("a: !!str 38\nb: !!int 5\nc: !!float 2.5\nd: !!null x\n").unwrap();
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let Value::Map(entries) = &parsed.root.value else {
            panic!()
        };
        // !!str 38 is the text "38": a figure field will not take it as the number 38.
        assert_eq!(entries[0].value.as_number(), None);
        assert_eq!(entries[1].value.as_number(), Some(5.0));
        assert_eq!(entries[2].value.as_number(), Some(2.5));
        assert!(entries[3].value.is_null());
        let parsed = parse("a: !custom 38\nb: !!binary aGk=\nc: !x {d: 1}\n").unwrap();
        let tags: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            tags,
            [
                "不支持 YAML 标签 `!custom`",
                "不支持 YAML 标签 `!!binary`",
                "不支持 YAML 标签 `!x`"
            ]
        );
        // The parser marks the tagged value itself: `38`, just after the tag.
        assert_eq!(parsed.problems[0].loc(), Loc { line: 1, col: 12 });
    }

    #[test]
    fn an_alias_bomb_fails_fast() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        // 10^12 nodes if expanded: the budget stops it long before memory runs out.
        assert!(matches!(parse(&src), Err(Problem::TooLarge { .. })));
    }
}
