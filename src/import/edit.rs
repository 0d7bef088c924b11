//! Writing figures into a period file's text in place: only the numbers change. Prose,
//! comments, key order, flow or block style and alignment stay byte for byte; a figure
//! the file lacks is added to its group, a group the file lacks to `indicators`.
//!
//! The located tree (`yaml::parse`) says where each value was typed; edits are spans of
//! the original text, applied from the end so earlier offsets stay valid. The result is
//! parsed again and every figure compared, so a wrong edit can never be written.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::yaml::{self, Entry, Loc, Node, Value};

/// The edited text and where each figure was written, for pointing problems back at the
/// cell they came from.
#[derive(Debug)]
pub struct Edited {
    pub text: String,
    pub locs: BTreeMap<usize, Loc>,
}

/// One replacement of `start..end` by `text`; `rank` orders insertions at one offset.
struct Op {
    start: usize,
    end: usize,
    rank: u8,
    text: String,
}

/// `31`, `12.5`: figures as a writer types them.
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Sets each catalog entry in `figures` to its value in `text`.
pub fn apply(text: &str, catalog: &Catalog, figures: &[(usize, f64)]) -> Result<Edited, String> {
    let mut src = text.to_string();
    if !src.is_empty() && !src.ends_with('\n') {
        src.push('\n');
    }
    let root = parse(&src)?;
    let lines = LineIndex::new(&src);
    let ops = plan_ops(&src, &lines, &root, catalog, figures)?;
    let mut out = src.clone();
    let mut ops = ops;
    ops.sort_by_key(|op| std::cmp::Reverse((op.start, op.rank)));
    for op in ops {
        out.replace_range(op.start..op.end, &op.text);
    }
    verify(&root, &out, catalog, figures)
}

fn parse(src: &str) -> Result<Node, String> {
    match yaml::parse(src) {
        Ok(p) if p.problems.is_empty() => Ok(p.root),
        Ok(p) => Err(format!(
            "{}（第 {} 行）",
            p.problems[0],
            p.problems[0].loc().line
        )),
        Err(p) => Err(format!("{}（第 {} 行）", p, p.loc().line)),
    }
}

fn plan_ops(
    src: &str,
    lines: &LineIndex,
    root: &Node,
    catalog: &Catalog,
    figures: &[(usize, f64)],
) -> Result<Vec<Op>, String> {
    let indicators = match &root.value {
        Value::Map(entries) => entries.iter().find(|e| e.key == "indicators"),
        Value::Null => None,
        _ => return Err("文件的最外层不是“键: 值”的形式".into()),
    };
    let mut ops = Vec::new();
    // Groups and keys the file lacks, in the order first asked for.
    let mut new_keys: Vec<(String, Vec<(String, f64)>)> = Vec::new();
    for &(i, v) in figures {
        let e = catalog.entry(i);
        let group = indicators.and_then(|ind| find(&ind.value, e.group()));
        match group.and_then(|g| find(&g.value, e.key())) {
            Some(k) => ops.push(set_value(src, lines, k, v)?),
            None => match new_keys.iter_mut().find(|(g, _)| g == e.group()) {
                Some((_, keys)) => keys.push((e.key().to_string(), v)),
                None => new_keys.push((e.group().to_string(), vec![(e.key().to_string(), v)])),
            },
        }
    }
    let mut missing_groups = Vec::new();
    for (group, keys) in new_keys {
        match indicators.and_then(|ind| find(&ind.value, &group)) {
            Some(g) => ops.push(add_keys(src, lines, g, &keys)?),
            None => missing_groups.push((group, keys)),
        }
    }
    if !missing_groups.is_empty() {
        ops.push(add_groups(src, lines, indicators, &missing_groups)?);
    }
    Ok(ops)
}

fn find<'a>(node: &'a Node, key: &str) -> Option<&'a Entry> {
    node.as_map()?.iter().find(|e| e.key == key)
}

/// Byte offsets of line starts, to turn a 1-based line and character column into an offset.
struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(src: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { src, starts }
    }

    fn offset(&self, loc: Loc) -> usize {
        let start = self.starts[(loc.line as usize - 1).min(self.starts.len() - 1)];
        self.src[start..]
            .char_indices()
            .nth(loc.col as usize - 1)
            .map_or(self.src.len(), |(i, _)| start + i)
    }

    /// The offset just after the newline ending `line`.
    fn after_line(&self, line: u32) -> usize {
        self.starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.src.len())
    }
}

/// Replaces the value of `entry` by `v`: a typed number or quoted text in its span, a
/// blank or `~` after the colon (keeping a trailing comment in its column).
fn set_value(src: &str, lines: &LineIndex, entry: &Entry, v: f64) -> Result<Op, String> {
    let num = number_text(v);
    let where_ = || format!("第 {} 行的 `{}`", entry.key_loc.line, entry.key);
    match &entry.value.value {
        Value::Scalar { .. } => {
            let start = lines.offset(entry.value.loc);
            let end = scalar_end(src, start).ok_or_else(|| format!("{}的值读不懂", where_()))?;
            Ok(Op {
                start,
                end,
                rank: 0,
                text: num,
            })
        }
        Value::Null => {
            let colon = colon_after_key(src, lines.offset(entry.key_loc))
                .ok_or_else(|| format!("{}后面找不到冒号", where_()))?;
            Ok(fill_blank(src, colon + 1, &num))
        }
        _ => Err(format!("{}不是一个数字，而是一组值", where_())),
    }
}

/// The end of the scalar starting at `start`: a quoted one at its closing quote, a plain
/// one before a comment, a comma or brace of a flow map, or the end of the line.
fn scalar_end(src: &str, start: usize) -> Option<usize> {
    let rest = &src[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = &rest[..line_end];
    if let Some(q) = line.chars().next().filter(|c| *c == '\'' || *c == '"') {
        let close = line[1..].find(q)?;
        return Some(start + 1 + close + 1);
    }
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        let comment = c == '#' && line[..i].ends_with([' ', '\t']);
        if comment || c == ',' || c == '}' || c == ']' {
            end = i;
            break;
        }
    }
    Some(start + line[..end].trim_end().len())
}

/// The offset of the colon after a key that starts at `key_start`.
fn colon_after_key(src: &str, key_start: usize) -> Option<usize> {
    let rest = &src[key_start..];
    let skip = match rest.chars().next()? {
        q @ ('\'' | '"') => 1 + rest[1..].find(q)? + 1,
        _ => rest.find(':')?,
    };
    let after = &rest[skip..];
    let colon = after.find(|c: char| c != ' ' && c != '\t')?;
    (after[colon..].starts_with(':')).then_some(key_start + skip + colon)
}

/// Puts `num` after a colon at `at` whose value is blank or `~`/`null`.
fn fill_blank(src: &str, at: usize, num: &str) -> Op {
    let rest = &src[at..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after = &rest[gap..];
    let token = ["~", "null", "Null", "NULL"].into_iter().find(|t| {
        after.starts_with(t) && !after[t.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    if let Some(t) = token {
        return Op {
            start: at + gap,
            end: at + gap + t.len(),
            rank: 0,
            text: num.to_string(),
        };
    }
    let text = format!(" {num}");
    if after.starts_with('#') && gap > text.len() {
        // Overwrite spaces so the comment keeps its column.
        return Op {
            start: at,
            end: at + text.len(),
            rank: 0,
            text,
        };
    }
    let end = if after.starts_with('#') { at } else { at + gap };
    Op {
        start: at,
        end,
        rank: 0,
        text,
    }
}

/// The offset just past the text of `node`: after its line for block content, after the
/// closing brace of a flow map.
fn node_end(src: &str, lines: &LineIndex, node: &Node, key_line: u32) -> usize {
    let start = lines.offset(node.loc);
    match &node.value {
        Value::Map(entries) if src[start..].starts_with('{') => flow_close(src, start).map_or_else(
            || lines.after_line(node.loc.line),
            |c| lines.after_line(line_of(src, c)),
        ),
        Value::Map(entries) => match entries.last() {
            Some(last) => node_end(src, lines, &last.value, last.key_loc.line),
            None => lines.after_line(key_line),
        },
        Value::Null => lines.after_line(key_line),
        _ => lines.after_line(node.loc.line.max(key_line)),
    }
}

fn line_of(src: &str, offset: usize) -> u32 {
    src[..offset].matches('\n').count() as u32 + 1
}

/// The offset of the `}` closing the flow map that opens at `open`.
fn flow_close(src: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (i, c) in src[open..].char_indices() {
        match (c, quote) {
            (q, Some(open_q)) if q == open_q => quote = None,
            (_, Some(_)) => {}
            ('\'' | '"', None) => quote = Some(c),
            ('{' | '[', None) => depth += 1,
            ('}' | ']', None) => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Adds keys to an existing group, in its own style.
fn add_keys(
    src: &str,
    lines: &LineIndex,
    group: &Entry,
    keys: &[(String, f64)],
) -> Result<Op, String> {
    let pairs: Vec<String> = keys
        .iter()
        .map(|(k, v)| format!("{k}: {}", number_text(*v)))
        .collect();
    let start = lines.offset(group.value.loc);
    if let (Value::Map(entries), true) = (&group.value.value, src[start..].starts_with('{')) {
        let close = flow_close(src, start).ok_or("花括号没有闭合")?;
        let before = src[..close].trim_end_matches([' ', '\t', '\n']).len();
        let sep = if entries.is_empty() { "" } else { ", " };
        return Ok(Op {
            start: before,
            end: before,
            rank: 0,
            text: format!("{sep}{}", pairs.join(", ")),
        });
    }
    let indent = match group.value.as_map().and_then(|m| m.first()) {
        Some(first) => first.key_loc.col as usize - 1,
        None if group.value.is_null() => group.key_loc.col as usize + 1,
        None => {
            return Err(format!(
                "第 {} 行的 `{}` 不是一组指标",
                group.key_loc.line, group.key
            ))
        }
    };
    let at = node_end(src, lines, &group.value, group.key_loc.line);
    let text: String = pairs
        .iter()
        .map(|p| format!("{}{p}\n", " ".repeat(indent)))
        .collect();
    Ok(Op {
        start: at,
        end: at,
        rank: 0,
        text,
    })
}

/// Adds whole groups under `indicators` (or `indicators` itself at the end of the file).
fn add_groups(
    src: &str,
    lines: &LineIndex,
    indicators: Option<&Entry>,
    groups: &[(String, Vec<(String, f64)>)],
) -> Result<Op, String> {
    let block = |indent: usize, step: usize| -> String {
        groups
            .iter()
            .map(|(g, keys)| {
                let mut s = format!("{}{g}:\n", " ".repeat(indent));
                for (k, v) in keys {
                    s.push_str(&format!(
                        "{}{k}: {}\n",
                        " ".repeat(indent + step),
                        number_text(*v)
                    ));
                }
                s
            })
            .collect()
    };
    let Some(ind) = indicators else {
        return Ok(Op {
            start: src.len(),
            end: src.len(),
            rank: 1,
            text: format!("indicators:\n{}", block(2, 2)),
        });
    };
    let (indent, step) = match ind.value.as_map().and_then(|m| m.first()) {
        Some(first) => {
            let indent = first.key_loc.col as usize - 1;
            let child = first.value.as_map().and_then(|m| m.first());
            let step = child
                .filter(|c| c.key_loc.line != first.key_loc.line)
                .map_or(2, |c| {
                    (c.key_loc.col as usize - 1).saturating_sub(indent).max(1)
                });
            (indent, step)
        }
        None if ind.value.is_null() => (ind.key_loc.col as usize + 1, 2),
        None => return Err("`indicators` 写成了花括号形式，请手工填写".into()),
    };
    if src[lines.offset(ind.value.loc)..].starts_with('{') {
        return Err("`indicators` 写成了花括号形式，请手工填写".into());
    }
    let at = node_end(src, lines, &ind.value, ind.key_loc.line);
    Ok(Op {
        start: at,
        end: at,
        rank: 1,
        text: block(indent, step),
    })
}

/// Every figure of a parsed file: catalog index → (value as typed, where).
fn figures_of(root: &Node, catalog: &Catalog) -> BTreeMap<usize, (Option<f64>, Loc)> {
    let mut out = BTreeMap::new();
    let Some(ind) = find(root, "indicators") else {
        return out;
    };
    for g in ind.value.as_map().unwrap_or_default() {
        for k in g.value.as_map().unwrap_or_default() {
            if let Some(i) = catalog.get(&format!("{}.{}", g.key, k.key)) {
                out.insert(i, (k.value.as_number(), k.value.loc));
            }
        }
    }
    out
}

/// Parses the result and checks that exactly the asked figures changed.
fn verify(
    before: &Node,
    text: &str,
    catalog: &Catalog,
    figures: &[(usize, f64)],
) -> Result<Edited, String> {
    let after_root = parse(text).map_err(|e| format!("修改后的文件不能解析：{e}"))?;
    let old = figures_of(before, catalog);
    let new = figures_of(&after_root, catalog);
    let mut locs = BTreeMap::new();
    for (&i, &(v, loc)) in &new {
        match figures.iter().find(|(f, _)| *f == i) {
            Some(&(_, want)) if v == Some(want) => {
                locs.insert(i, loc);
            }
            Some(_) => return Err(format!("{} 没有写对", catalog.entry(i).id)),
            None if old.get(&i).map(|o| o.0) != Some(v) => {
                return Err(format!("{} 被意外改动", catalog.entry(i).id))
            }
            None => {}
        }
    }
    if locs.len() != figures.len() {
        return Err("有的数字没有写进去".into());
    }
    Ok(Edited {
        text: text.to_string(),
        locs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(catalog: &Catalog, figures: &[(&str, f64)]) -> Vec<(usize, f64)> {
        figures
            .iter()
            .map(|(id, v)| (catalog.get(id).unwrap(), *v))
            .collect()
    }

    fn edit(src: &str, figures: &[(&str, f64)]) -> String {
        let c = Catalog::builtin();
        apply(src, &c, &ids(&c, figures)).unwrap().text
    }

    const FILE: &str = "# 东村2025年上半年\nauthor: 东村村民委员会   # 落款\nlead: |\n  排查隐患{{ hazards.found }}处: 31 处。\nindicators:                 # 本期数字\n  inspections:\n    units:                  # 检查生产经营单位（家次）\n    groups: 2               # 已报\n  hazards: {found: , rectified: 7}\n  accidents:\n    count: ~\nwork:\n  - title: 开展排查\n    body: |\n      found: 1\n";

    #[test]
    fn only_the_figures_change_and_comments_keep_their_column() {
        let out = edit(
            FILE,
            &[
                ("inspections.units", 12.0),
                ("hazards.found", 9.0),
                ("hazards.rectified", 8.0),
                ("accidents.count", 0.0),
            ],
        );
        let before: Vec<&str> = FILE.lines().collect();
        let after: Vec<&str> = out.lines().collect();
        assert_eq!(before.len(), after.len());
        assert_eq!(
            after[6],
            "    units: 12               # 检查生产经营单位（家次）"
        );
        assert_eq!(after[8], "  hazards: {found: 9, rectified: 8}");
        assert_eq!(after[10], "    count: 0");
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            if ![6, 8, 10].contains(&i) {
                assert_eq!(b, a, "line {} changed", i + 1);
            }
        }
    }

    #[test]
    fn missing_keys_and_groups_are_added_in_the_files_style() {
        let out = edit(
            FILE,
            &[
                ("inspections.units", 1.0),
                ("hazards.major", 0.0),
                ("accidents.deaths", 0.0),
                ("drills.count", 2.0),
                ("drills.participants", 40.0),
                ("enforcement.fines_10k_yuan", 1.25),
            ],
        );
        assert!(
            out.contains("  hazards: {found: , rectified: 7, major: 0}\n"),
            "{out}"
        );
        assert!(out.contains("    count: ~\n    deaths: 0\n  drills:\n    count: 2\n    participants: 40\n  enforcement:\n    fines_10k_yuan: 1.25\nwork:\n"), "{out}");
    }

    #[test]
    fn a_file_without_indicators_gets_them_at_the_end() {
        let out = edit("author: 东村\n", &[("hazards.found", 3.0)]);
        assert_eq!(out, "author: 东村\nindicators:\n  hazards:\n    found: 3\n");
        let out = edit("indicators:\nwork:\n", &[("hazards.found", 3.0)]);
        assert_eq!(out, "indicators:\n  hazards:\n    found: 3\nwork:\n");
    }

    #[test]
    fn a_number_is_replaced_whatever_way_it_was_typed() {
        let out = edit(
            "indicators:\n  hazards: {found: 31, rectified: 30}\n  accidents: {count: null}\n",
            &[("hazards.found", 32.0), ("accidents.count", 1.0)],
        );
        assert_eq!(
            out,
            "indicators:\n  hazards: {found: 32, rectified: 30}\n  accidents: {count: 1}\n"
        );
        // The last line without a newline still gets the new figure on a line of its own.
        let out = edit(
            "indicators:\n  hazards:\n    found: 31",
            &[("hazards.rectified", 2.0)],
        );
        assert_eq!(
            out,
            "indicators:\n  hazards:\n    found: 31\n    rectified: 2\n"
        );
    }

    #[test]
    fn the_lines_of_written_figures_are_known() {
        let c = Catalog::builtin();
        let e = apply(FILE, &c, &ids(&c, &[("accidents.count", 1.0)])).unwrap();
        assert_eq!(e.locs[&c.get("accidents.count").unwrap()].line, 11);
    }
}
