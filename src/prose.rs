//! The `{{ … }}` a writer may put in a prose body, parsed, checked and filled without a
//! template engine. Prose is data, not a program: a body may name figures and pipe them
//! through our filters with bounded literal arguments — no loops, conditions or other
//! statements — so filling one costs time and memory in proportion to its length, and
//! every problem is a Chinese message at the place it was typed.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::catalog::Catalog;
use crate::diag::{suggest, Diagnostics};
use crate::format;
use crate::model::{PeriodFile, Text};
use crate::yaml::Loc;

/// The most decimals a filter may be asked for. Reports show 0–2; rates per 10⁶ hours
/// 3; anything beyond 6 is a typo, and an unbounded count would make pages of zeros.
pub const MAX_DECIMALS: usize = format::MAX_DECIMALS;

/// The most a filled body may grow to. Bodies are a few kilobytes; this is far beyond any
/// real one and far below what would trouble memory.
const MAX_FILLED_BYTES: usize = 4 << 20;

/// A problem in a body: where (byte offset into the body), what, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub at: usize,
    pub message: String,
    pub help: String,
}

impl Problem {
    fn new(at: usize, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
            help: help.into(),
        }
    }

    /// 0-based line and 1-based character column of the problem inside the body.
    pub fn line_col(&self, body: &str) -> (u32, u32) {
        let before = &body[..self.at.min(body.len())];
        let line = before.matches('\n').count() as u32;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count() as u32 + 1)
    }
}

const USAGE: &str = "{{ }} 中写指标 id，如 {{ hazards.found }}、{{ hazards.rectification_rate | pct }}、同比{{ yoy.hazards.found }}；指标 id 见 README。";
const FILTERS: &[&str] = &[
    "pct", "points", "num", "cn_num", "cn_date", "heading", "abs", "rel", "share",
];

/// One piece of a body: text as typed, or a `{{ }}` to fill.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Fill(Expr),
}

#[derive(Debug, Clone, PartialEq)]
struct Expr {
    head: Head,
    at: usize,
    filters: Vec<Filter>,
}

#[derive(Debug, Clone, PartialEq)]
enum Head {
    Name(String),
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
struct Filter {
    name: String,
    at: usize,
    /// The one argument any of our filters takes, checked in range: decimals or level.
    arg: Option<usize>,
    /// `share(of=hazards.found)`: the whole a figure is a share of, and where it was typed.
    of: Option<(String, usize)>,
}

/// Every name a body may use: `group.key` for each indicator, its `yoy.`/`mom.` phrases
/// and `last_year.`/`previous.` base values, `said.` (未发生生产安全事故), `target.` (控制在
/// 指标以内), the direction counts `yoy.harm` (实现“双下降”), and the unit and period
/// fields. `check` validates against this without rendering.
pub fn names(catalog: &Catalog) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = ["unit.name", "unit.short_name"]
        .into_iter()
        .chain(["period.id", "period.label", "period.year", "period.span"])
        .chain(["yoy.harm", "yoy.harm_main", "mom.harm", "mom.harm_main"])
        .map(String::from)
        .collect();
    for e in catalog.entries() {
        let prefixes = [
            "",
            "yoy.",
            "mom.",
            "last_year.",
            "previous.",
            "said.",
            "target.",
            "units.",
        ];
        for prefix in prefixes {
            names.insert(format!("{prefix}{}", e.id));
        }
    }
    names
}

/// Checks a body without filling it: syntax, names, filters and their arguments.
pub fn check(body: &str, known: &BTreeSet<String>) -> Vec<Problem> {
    let pieces = match parse(body) {
        Ok(p) => p,
        Err(p) => return vec![p],
    };
    let mut problems = Vec::new();
    for piece in &pieces {
        let Piece::Fill(e) = piece else { continue };
        let wholes = e.filters.iter().filter_map(|f| f.of.as_ref());
        let head = match &e.head {
            Head::Name(name) => Some((name, e.at)),
            _ => None,
        };
        for (name, at) in head.into_iter().chain(wholes.map(|(n, at)| (n, *at))) {
            if !known.contains(name) {
                problems.push(unknown_name(name, at, known.iter().map(String::as_str)));
            }
        }
    }
    problems
}

/// Checks every body of a period file against `known` (see [`names`]), reporting each
/// problem where it was typed: what `check` needs without rendering a page.
pub fn check_file(f: &PeriodFile, known: &BTreeSet<String>, diags: &mut Diagnostics) {
    let sections = f.work.iter().chain(&f.problems).chain(&f.plans);
    let situation = f.situation.iter().flatten();
    let bodies = f
        .lead
        .iter()
        .map(|t| (t, "导语（lead）"))
        .chain(situation.map(|t| (t, "安全生产形势（situation）")))
        .chain(sections.filter_map(|s| s.body.as_ref().map(|b| (b, s.title.as_str()))));
    for (text, section) in bodies {
        for p in check(&text.text, known) {
            report(text, &p, &f.path, section, diags);
        }
        warn_outside_images(text, &f.path, section, diags);
    }
}

/// The site loads nothing from outside: an image from another host is shown as a link
/// (see [`crate::markdown::to_html`]), and the writer is told so where it was typed.
pub fn warn_outside_images(
    text: &Text,
    file: &std::path::Path,
    section: &str,
    diags: &mut Diagnostics,
) {
    for (at, url) in crate::markdown::outside_images(&text.text) {
        let shown: String = url.chars().take(60).collect();
        let (line, col) = Problem::new(at, "", "").line_col(&text.text);
        diags
            .warning(
                file,
                Some(text_loc(text, line, col)),
                format!("“{section}”中的图片 {shown} 来自网站之外，页面上只显示为链接"),
            )
            .help("网站不从外部加载任何内容（内网无法访问外网，也避免被追踪）。请把图片复制到项目中，用相对路径引用。");
    }
}

/// Where line `line` (0-based), column `col` (1-based) of a body was typed in its file.
fn text_loc(text: &Text, line: u32, col: u32) -> Loc {
    Loc {
        line: text.loc.line + line,
        col: text.loc.col + col - 1,
    }
}

/// Reports a problem in a body. `text.loc` is where its first character was typed (load
/// anchors it so); later lines of a block keep its indentation.
pub fn report(
    text: &Text,
    p: &Problem,
    file: &std::path::Path,
    section: &str,
    diags: &mut Diagnostics,
) {
    let (line, col) = p.line_col(&text.text);
    diags
        .error(
            file,
            Some(text_loc(text, line, col)),
            format!("“{section}”中的 {{{{ }}}} 有误：{}", p.message),
        )
        .help(p.help.clone());
}

/// The decimals filters use when a body does not say: `pct` and `points`, and `share`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decimals {
    pub percent: usize,
    pub share: usize,
}

impl From<usize> for Decimals {
    fn from(d: usize) -> Decimals {
        Decimals {
            percent: d,
            share: d,
        }
    }
}

/// Fills a body from `ctx` (a JSON object of the names above). Stops at the first problem.
pub fn fill(body: &str, ctx: &Value, decimals: impl Into<Decimals>) -> Result<String, Problem> {
    let decimals = decimals.into();
    fill_with(body, ctx, &|_| decimals)
}

/// The same, with the decimals of each name (an indicator may ask for its own).
pub fn fill_with(
    body: &str,
    ctx: &Value,
    decimals: &dyn Fn(&str) -> Decimals,
) -> Result<String, Problem> {
    fill_parsed(&Parsed::of(body), ctx, decimals)
}

/// A body parsed once, for reading its names and then filling it: a report parses each
/// body a single time however often it reads it.
pub struct Parsed {
    pieces: Result<Vec<Piece>, Problem>,
    len: usize,
}

impl Parsed {
    pub fn of(body: &str) -> Parsed {
        Parsed {
            pieces: parse(body),
            len: body.len(),
        }
    }

    /// The names the body's `{{ }}` read: each expression's name and each `share(of=…)`
    /// whole, in order. None when the body does not parse (filling it says why).
    pub fn names(&self) -> Option<impl Iterator<Item = &str>> {
        let pieces = self.pieces.as_ref().ok()?;
        let exprs = pieces.iter().filter_map(|p| match p {
            Piece::Fill(e) => Some(e),
            Piece::Text(_) => None,
        });
        Some(exprs.flat_map(|e| {
            let head = match &e.head {
                Head::Name(name) => Some(name.as_str()),
                _ => None,
            };
            let wholes = e.filters.iter().filter_map(|f| f.of.as_ref());
            head.into_iter().chain(wholes.map(|(n, _)| n.as_str()))
        }))
    }
}

/// Fills a parsed body; the same as [`fill_with`] on its text.
pub fn fill_parsed(
    body: &Parsed,
    ctx: &Value,
    decimals: &dyn Fn(&str) -> Decimals,
) -> Result<String, Problem> {
    let pieces = body.pieces.as_ref().map_err(Clone::clone)?;
    let mut out = String::with_capacity(body.len);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Fill(e) => {
                out.push_str(&evaluate(e, ctx, decimals)?);
                // A long name (unit.name) repeated many times could still multiply a body
                // into gigabytes: the filled text has a budget.
                if out.len() > MAX_FILLED_BYTES {
                    return Err(Problem::new(
                        e.at,
                        format!("正文填入数字后超过 {} MB", MAX_FILLED_BYTES >> 20),
                        "一节正文通常只有几千字：请检查是否把同一个名字重复了成千上万次。",
                    ));
                }
            }
        }
    }
    Ok(out)
}

fn unknown_name<'a>(name: &str, at: usize, known: impl IntoIterator<Item = &'a str>) -> Problem {
    let message = match suggest(name, known) {
        Some(s) => format!("未知的名称 {name}，是不是 {s}？"),
        None => format!("未知的名称 {name}"),
    };
    Problem::new(at, message, USAGE)
}

// ---- parsing ----

fn parse(body: &str) -> Result<Vec<Piece>, Problem> {
    let mut pieces = Vec::new();
    let mut rest = 0;
    while let Some(found) = find_open(body, rest) {
        if found > rest {
            pieces.push(Piece::Text(body[rest..found].to_string()));
        }
        let opener = &body[found..found + 2];
        if opener != "{{" {
            return Err(statement(opener, found));
        }
        let (expr, end) = parse_fill(body, found)?;
        pieces.push(Piece::Fill(expr));
        rest = end;
    }
    if rest < body.len() {
        pieces.push(Piece::Text(body[rest..].to_string()));
    }
    Ok(pieces)
}

/// The next `{{`, `{%` or `{#` at or after `from`.
fn find_open(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    (from..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#'))
}

fn statement(opener: &str, at: usize) -> Problem {
    let (what, close) = match opener {
        "{%" => ("语句（循环、条件等）", "%}"),
        _ => ("注释", "#}"),
    };
    Problem::new(
        at,
        format!("正文中不能使用 {opener} … {close} {what}"),
        "正文只能写 {{ 指标 }} 和过滤器，如 {{ hazards.rectification_rate | pct }}；按条件不同的句子请直接写成文字。",
    )
}

/// Parses `{{ … }}` starting at `open`; returns it and the offset after `}}`.
fn parse_fill(body: &str, open: usize) -> Result<(Expr, usize), Problem> {
    let tokens = tokenize(body, open + 2)?;
    let end = tokens.end;
    let mut p = Parser {
        tokens: tokens.items,
        pos: 0,
        open,
    };
    let expr = p.expr()?;
    Ok((expr, end))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Number(f64),
    Text(String),
    Punct(char),
}

struct Tokens {
    items: Vec<(Tok, usize)>,
    /// Offset just after the closing `}}`.
    end: usize,
}

fn tokenize(body: &str, from: usize) -> Result<Tokens, Problem> {
    let mut items = Vec::new();
    let mut chars = body[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = from + i;
        match c {
            '}' if body[at..].starts_with("}}") => {
                return Ok(Tokens { items, end: at + 2 });
            }
            c if c.is_whitespace() => {}
            '.' | '|' | '(' | ')' | ',' | '=' => items.push((Tok::Punct(c), at)),
            '"' | '\'' => {
                let len = body[at + 1..].find(c).ok_or_else(|| unclosed(at, c))?;
                items.push((Tok::Text(body[at + 1..at + 1 + len].to_string()), at));
                while chars.next_if(|(j, _)| from + j <= at + 1 + len).is_some() {}
            }
            c if c.is_ascii_digit() || c == '-' => {
                let len = body[at + 1..]
                    .find(|d: char| !(d.is_ascii_digit() || d == '.'))
                    .unwrap_or(body.len() - at - 1);
                let text = &body[at..at + 1 + len];
                let v = text.parse::<f64>().map_err(|_| bad_char(at, c))?;
                items.push((Tok::Number(v), at));
                while chars.next_if(|(j, _)| from + j <= at + len).is_some() {}
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let len = body[at..]
                    .find(|d: char| !(d.is_ascii_alphanumeric() || d == '_'))
                    .unwrap_or(body.len() - at);
                items.push((Tok::Ident(body[at..at + len].to_string()), at));
                while chars.next_if(|(j, _)| from + j < at + len).is_some() {}
            }
            c => return Err(bad_char(at, c)),
        }
    }
    Err(Problem::new(
        from - 2,
        "{{ 没有对应的 }}",
        "在名称后面补上 }}，如 {{ hazards.found }}。",
    ))
}

fn unclosed(at: usize, quote: char) -> Problem {
    Problem::new(
        at,
        format!("引号 {quote} 没有结束"),
        "文字要用一对半角引号括起来，如 {{ \"2024-07-05\" | cn_date }}。",
    )
}

/// Names the character and, for a full-width one (｜（），＝．), its half-width twin.
fn bad_char(at: usize, c: char) -> Problem {
    let code = c as u32;
    let help = match code {
        0xFF01..=0xFF5E => {
            let half = char::from_u32(code - 0xFEE0).unwrap_or('?');
            format!("这是全角字符，请改为半角“{half}”。")
        }
        0x3000 => "这是全角空格，请改为半角空格。".to_string(),
        _ => USAGE.to_string(),
    };
    Problem::new(at, format!("{{{{ }}}} 中不能有“{c}”（U+{code:04X}）"), help)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    pos: usize,
    open: usize,
}

impl Parser {
    fn next(&mut self) -> Option<(Tok, usize)> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn peek_punct(&self, c: char) -> bool {
        matches!(self.tokens.get(self.pos), Some((Tok::Punct(p), _)) if *p == c)
    }

    fn expr(&mut self) -> Result<Expr, Problem> {
        let (head, at) = match self.next() {
            Some((Tok::Ident(first), at)) => (Head::Name(self.path(first)?), at),
            Some((Tok::Number(v), at)) => (Head::Number(v), at),
            Some((Tok::Text(t), at)) => (Head::Text(t), at),
            Some((_, at)) => return Err(expected(at, "名称")),
            None => return Err(Problem::new(self.open, "{{ }} 中没有写名称", USAGE)),
        };
        let mut filters = Vec::new();
        while let Some((tok, at)) = self.next() {
            match tok {
                Tok::Punct('|') => filters.push(self.filter()?),
                _ => return Err(expected(at, "“|”或“}}”")),
            }
        }
        Ok(Expr { head, at, filters })
    }

    fn path(&mut self, first: String) -> Result<String, Problem> {
        let mut name = first;
        while self.peek_punct('.') {
            self.pos += 1;
            match self.next() {
                Some((Tok::Ident(part), _)) => {
                    name.push('.');
                    name.push_str(&part);
                }
                other => return Err(expected(other.map_or(self.open, |t| t.1), "名称")),
            }
        }
        Ok(name)
    }

    fn filter(&mut self) -> Result<Filter, Problem> {
        let (name, at) = match self.next() {
            Some((Tok::Ident(name), at)) => (name, at),
            other => return Err(expected(other.map_or(self.open, |t| t.1), "过滤器名")),
        };
        if !FILTERS.contains(&name.as_str()) {
            return Err(unknown_filter(&name, at));
        }
        if name == "share" {
            let of = self.whole_argument(at)?;
            return Ok(Filter {
                name,
                at,
                arg: None,
                of: Some(of),
            });
        }
        let arg = if self.peek_punct('(') {
            self.pos += 1;
            self.argument(&name, at)?
        } else {
            None
        };
        Ok(Filter {
            name,
            at,
            arg,
            of: None,
        })
    }

    /// `(of=hazards.found)` after `share`: the name of the whole, required.
    fn whole_argument(&mut self, filter_at: usize) -> Result<(String, usize), Problem> {
        let want = |p: &mut Parser, what: &str| match p.next() {
            Some((Tok::Punct(c), _)) if what.starts_with(c) => Ok(()),
            Some((Tok::Ident(k), _)) if k == what => Ok(()),
            other => Err(Problem::new(
                other.map_or(filter_at, |t| t.1),
                format!("过滤器 share 这里应当是“{what}”"),
                "写成 share(of=hazards.found)：of 后面是总数的名称。",
            )),
        };
        want(self, "(")?;
        want(self, "of")?;
        want(self, "=")?;
        let (first, at) = match self.next() {
            Some((Tok::Ident(first), at)) => (first, at),
            other => return Err(expected(other.map_or(filter_at, |t| t.1), "名称")),
        };
        let name = self.path(first)?;
        want(self, ")")?;
        Ok((name, at))
    }

    /// `(decimals=2)` or `(level=2)`, or `()`; the `(` is already taken.
    fn argument(&mut self, filter: &str, filter_at: usize) -> Result<Option<usize>, Problem> {
        if self.peek_punct(')') {
            self.pos += 1;
            return Ok(None);
        }
        let (key, at) = match self.next() {
            Some((Tok::Ident(k), at)) => (k, at),
            other => return Err(expected(other.map_or(filter_at, |t| t.1), "参数名")),
        };
        let allowed = keyword_of(filter);
        if Some(key.as_str()) != allowed {
            return Err(unknown_keyword(filter, &key, at, allowed));
        }
        if !self.peek_punct('=') {
            return Err(expected(at, "“=”"));
        }
        self.pos += 1;
        let value = match self.next() {
            Some((Tok::Number(v), at)) => bounded(filter, &key, v, at)?,
            other => return Err(expected(other.map_or(at, |t| t.1), "整数")),
        };
        match self.next() {
            Some((Tok::Punct(')'), _)) => Ok(Some(value)),
            other => Err(expected(other.map_or(at, |t| t.1), "“)”")),
        }
    }
}

fn keyword_of(filter: &str) -> Option<&'static str> {
    match filter {
        "pct" | "points" | "num" => Some("decimals"),
        "heading" => Some("level"),
        _ => None,
    }
}

/// A filter's argument as a whole number within its range.
fn bounded(filter: &str, key: &str, v: f64, at: usize) -> Result<usize, Problem> {
    let (low, high, meaning) = match key {
        "level" => (
            1,
            4,
            "标题层级只能是 1（一、）、2（（一））、3（1.）或 4（（1））",
        ),
        _ => (0, MAX_DECIMALS, "小数位数只能是 0 到 6 的整数"),
    };
    if v.fract() == 0.0 && v >= low as f64 && v <= high as f64 {
        return Ok(v as usize);
    }
    Err(Problem::new(
        at,
        format!("过滤器 {filter} 的参数 {key}={v} 超出范围"),
        format!("{meaning}。"),
    ))
}

fn expected(at: usize, what: &str) -> Problem {
    Problem::new(at, format!("这里应当是{what}"), USAGE)
}

fn unknown_filter(name: &str, at: usize) -> Problem {
    let message = match suggest(name, FILTERS.iter().copied()) {
        Some(s) => format!("未知的过滤器 {name}，是不是 {s}？"),
        None => format!("未知的过滤器 {name}"),
    };
    Problem::new(
        at,
        message,
        "可用的过滤器：pct（百分数）、points（个百分点）、num（数字）、cn_num（中文数字）、cn_date（中文日期）、heading（标题序号）、abs（变化的数量）、rel（变化的百分比）、share(of=…)（占比）。",
    )
}

fn unknown_keyword(filter: &str, key: &str, at: usize, allowed: Option<&str>) -> Problem {
    let (message, help) = match allowed {
        Some(a) => (
            format!("过滤器 {filter} 没有参数 {key}，是不是 {a}？"),
            format!("写成 {filter}({a}=1) 这样。"),
        ),
        None => (
            format!("过滤器 {filter} 不带参数"),
            format!("直接写 | {filter}。"),
        ),
    };
    Problem::new(at, message, help)
}

// ---- filling ----

fn evaluate(e: &Expr, ctx: &Value, decimals: &dyn Fn(&str) -> Decimals) -> Result<String, Problem> {
    let decimals = match &e.head {
        Head::Name(name) => decimals(name),
        _ => decimals(""),
    };
    let mut value = match &e.head {
        Head::Name(name) => lookup(ctx, name).ok_or_else(|| {
            let known = flatten(ctx);
            unknown_name(name, e.at, known.iter().map(String::as_str))
        })?,
        Head::Number(v) => Value::from(*v),
        Head::Text(t) => Value::from(t.as_str()),
    };
    // 不适用 stays 不适用 through pct, num or share: there is no number to format.
    if value.get("not_applicable").is_some() {
        return Ok(display(&value));
    }
    for f in &e.filters {
        value = Value::from(match f.name.as_str() {
            "abs" | "rel" => part(f, &value)?,
            "share" => share(f, &value, ctx, decimals.share)?,
            _ => apply(f, &value, decimals.percent)?,
        });
    }
    Ok(display(&value))
}

/// A name's value: a figure, a text, or a change phrase (an object with its `text` and
/// its `abs` and `rel` parts, for those filters).
fn lookup(ctx: &Value, name: &str) -> Option<Value> {
    name.split('.')
        .try_fold(ctx, |v, part| v.get(part))
        .filter(|v| !v.is_object() || v.get("text").is_some())
        .cloned()
}

/// `| abs` and `| rel`: one part of a change phrase (减少8起 / 下降14.29%).
fn part(f: &Filter, value: &Value) -> Result<String, Problem> {
    match value.get(&f.name) {
        Some(v) => Ok(display(v)),
        None if value.as_str() == Some(format::MISSING) => Ok(format::MISSING.into()),
        None => Err(wrong_input(f, value, "同比、环比（yoy.…、mom.…）")),
    }
}

/// `| share(of=whole)`: the figure as a percentage of another, 12.5%; — when either is
/// missing or the whole is 0.
fn share(f: &Filter, value: &Value, ctx: &Value, pd: usize) -> Result<String, Problem> {
    let (name, at) = f.of.as_ref().expect("share has its whole");
    let whole = lookup(ctx, name).ok_or_else(|| {
        let known = flatten(ctx);
        unknown_name(name, *at, known.iter().map(String::as_str))
    })?;
    let part = figure(f, value)?;
    let whole = figure(f, &whole)?;
    Ok(match (part, whole) {
        (Some(p), Some(w)) if w != 0.0 => format::percent(p / w, pd),
        _ => format::MISSING.into(),
    })
}

/// Every leaf name of the context, for a "did you mean" after a failed lookup.
pub(crate) fn flatten(ctx: &Value) -> Vec<String> {
    fn walk(v: &Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            // A change phrase is one name: its parts are reached by `| abs` and `| rel`.
            Value::Object(m) if !m.contains_key("text") => {
                for (k, child) in m {
                    let name = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(child, &name, out);
                }
            }
            _ => out.push(prefix.to_string()),
        }
    }
    let mut out = Vec::new();
    walk(ctx, "", &mut out);
    out
}

/// A figure as the writer expects to read it: integers without ".0".
fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(_) => v.get("text").map_or_else(String::new, display),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            Some(f) => format!("{f}"),
            None => n.to_string(),
        },
        _ => String::new(),
    }
}

fn apply(f: &Filter, value: &Value, percent_decimals: usize) -> Result<String, Problem> {
    let decimals = |default| f.arg.unwrap_or(default);
    match f.name.as_str() {
        "pct" => {
            figure(f, value).map(|v| v.map(|v| format::percent(v, decimals(percent_decimals))))
        }
        "points" => {
            figure(f, value).map(|v| v.map(|v| format::points(v, decimals(percent_decimals))))
        }
        "num" => figure(f, value).map(|v| v.map(|v| format::number(v, decimals(2)))),
        "cn_num" => whole(f, value).map(|n| Some(format::chinese_number(n))),
        "heading" => match whole(f, value)? {
            0 => Err(wrong_input(f, value, "从 1 开始的序号")),
            n => Ok(Some(format::heading_marker(f.arg.unwrap_or(1) as u8, n))),
        },
        _ => date(f, value),
    }
    .map(|v| v.unwrap_or_else(|| format::MISSING.to_string()))
}

/// A number, or None for a missing figure ("—").
fn figure(f: &Filter, value: &Value) -> Result<Option<f64>, Problem> {
    match value {
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) if s == format::MISSING => Ok(None),
        _ => Err(wrong_input(f, value, "数字")),
    }
}

fn whole(f: &Filter, value: &Value) -> Result<u32, Problem> {
    value
        .as_f64()
        .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v <= f64::from(u32::MAX))
        .map(|v| v as u32)
        .ok_or_else(|| wrong_input(f, value, "整数"))
}

fn date(f: &Filter, value: &Value) -> Result<Option<String>, Problem> {
    let text = value
        .as_str()
        .ok_or_else(|| wrong_input(f, value, "日期"))?;
    if text == format::MISSING {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(|d| Some(format::chinese_date(d)))
        .map_err(|_| wrong_input(f, value, "形如 2024-07-05 的日期"))
}

fn wrong_input(f: &Filter, value: &Value, wanted: &str) -> Problem {
    let shown: String = display(value).chars().take(40).collect();
    Problem::new(
        f.at,
        format!("过滤器 {} 只能用于{wanted}，这里得到的是“{shown}”", f.name),
        USAGE,
    )
}

#[cfg(test)]
pub(crate) mod tests;
