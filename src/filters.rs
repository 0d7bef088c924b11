//! Tera filters for report figures: `pct`, `num`, `points`, `cn_num`, `cn_date`, `heading`.
//! Each is a thin wrapper over [`crate::format`]; the wording and rounding live there.
//! These serve the page templates; prose bodies are filled by [`crate::prose`], which
//! applies the same `format` functions without Tera. Messages are Chinese: a project's
//! template override sees them.
//!
//! # Tera 2.4 facts (checked against tera-2.4.0 on 2026-11; the render module relies on them)
//!
//! * **Registering a filter**: `tera.register_filter("name", f)` where `f` is any
//!   `Fn(Arg, tera::Kwargs, &tera::State) -> Res + Send + Sync + 'static`. `Arg` is one of the
//!   types implementing `tera::ArgFromValue` (`&Value`, `Value`, `f64`, `u32`, `&str`, `String`,
//!   `StringInput`, …): Tera converts the piped value before calling and reports a mismatch
//!   itself ("Invalid type for the value, expected `u32` but got `string`"). `Res` is anything
//!   `Into<Value>` or a `TeraResult<_>` of it. A closure capturing configuration works if its
//!   parameter types are written out (`move |v: &Value, k: Kwargs, _: &State| …`). Registering
//!   the same name again replaces the filter. Filters must be registered before templates
//!   using them are added: an unknown filter is an error when the template is *added*
//!   (`add_raw_template`), or when `render_str` parses its input ("Unknown filter `x`").
//! * **Keyword arguments**: `kwargs.get::<T>("key")` → `TeraResult<Option<T>>`,
//!   `kwargs.must_get::<T>("key")`, `kwargs.iter()` over `(&Key, &Value)`. Unknown keywords are
//!   *not* rejected by Tera; the filters here reject them so a typo (`decimal=1`) is caught.
//! * **Rendering a string with the registered filters**:
//!   `tera.render_str(src, &context, autoescape: bool) -> TeraResult<String>`; `Tera::one_off`
//!   builds a fresh `Tera` and does *not* know our filters. `render_str` refuses `{% extends %}`
//!   and `{% block %}`, and its errors name the template `__tera_one_off`.
//! * **Autoescape**: on for templates whose name ends in `.html`, `.htm` or `.xml`
//!   (`tera.autoescape_on([...])` changes the list); for `render_str` it is the `bool`
//!   argument. A filter's `String` output is escaped like any other value unless the filter
//!   is declared safe or the template applies `| safe` (our inline SVG).
//! * **Undefined variables**: `{{ missing }}` is an error (`ErrorKind::RenderingError`):
//!   ```text
//!   error: Variable `missing` is not defined. Available variables: n, obj, s
//!    --> page.html:2:12
//!     |
//!   2 | {{ s }} {{ missing }}</p>
//!     |            ^^^^^^^
//!   ```
//!   A missing field is the same: "Field `zz` is not defined. Available fields: a, b" with
//!   its line and column. The `Display` of the error is that whole report (message, `-->`
//!   template:line:column, both 1-based, source line, caret); the parts are available as
//!   `ErrorKind::RenderingError(report)` with `report.message()`, `report.filename()` and
//!   `report.span()` (`start_line` 1-based but `start_col` 0-based: one less than shown).
//!   But: an undefined value **piped into a filter** reaches the filter without error (the
//!   filter sees `Value::is_undefined()`), `{% if missing %}` is simply false, and
//!   `| default(value=…)` replaces it. The filters here turn an undefined input into an error.
//! * **None**: a `none`/JSON `null` (e.g. `Option::None` inserted into the context) renders as
//!   the empty string, silently. Missing figures must go through a filter (which prints "—").
//! * **Filter errors**: an `Err(tera::Error::message(..))` from a filter becomes a
//!   `RenderingError` whose report carries our message and points at the filter name:
//!   `error: …message… --> __tera_one_off:2:10`.

use crate::format;
use chrono::NaiveDate;
use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

/// Registers every report filter on `tera`. `percent_decimals` is the project's default for
/// `pct` and `points` (DOMAIN §5: usually 1, some units write 2).
pub fn register(tera: &mut Tera, percent_decimals: usize) {
    tera.register_filter("pct", move |v: &Value, k: Kwargs, _: &State| {
        pct(v, &k, percent_decimals)
    });
    tera.register_filter("points", move |v: &Value, k: Kwargs, _: &State| {
        points(v, &k, percent_decimals)
    });
    tera.register_filter("num", |v: &Value, k: Kwargs, _: &State| num(v, &k));
    tera.register_filter("cn_num", |v: &Value, k: Kwargs, _: &State| cn_num(v, &k));
    tera.register_filter("cn_date", |v: &Value, k: Kwargs, _: &State| cn_date(v, &k));
    tera.register_filter("heading", |v: &Value, k: Kwargs, _: &State| heading(v, &k));
}

/// `{{ 0.987 | pct }}` → "98.7%"; `decimals=2` overrides the project default; missing → "—".
fn pct(value: &Value, kwargs: &Kwargs, default_decimals: usize) -> TeraResult<String> {
    only_kwargs("pct", kwargs, &["decimals"])?;
    let decimals = decimals("pct", kwargs, default_decimals)?;
    Ok(figure("pct", value)?.map_or_else(missing, |v| format::percent(v, decimals)))
}

/// `{{ 0.052 | points }}` → "5.2个百分点" (the magnitude; the template writes 提升/下降).
fn points(value: &Value, kwargs: &Kwargs, default_decimals: usize) -> TeraResult<String> {
    only_kwargs("points", kwargs, &["decimals"])?;
    let decimals = decimals("points", kwargs, default_decimals)?;
    Ok(figure("points", value)?.map_or_else(missing, |v| format::points(v, decimals)))
}

/// `{{ 12.50 | num }}` → "12.5", `{{ 31 | num }}` → "31"; `decimals` (default 2) is the most
/// shown; missing → "—".
fn num(value: &Value, kwargs: &Kwargs) -> TeraResult<String> {
    only_kwargs("num", kwargs, &["decimals"])?;
    let decimals = decimals("num", kwargs, 2)?;
    Ok(figure("num", value)?.map_or_else(missing, |v| format::number(v, decimals)))
}

/// `{{ 11 | cn_num }}` → "十一".
fn cn_num(value: &Value, kwargs: &Kwargs) -> TeraResult<String> {
    only_kwargs("cn_num", kwargs, &[])?;
    Ok(format::chinese_number(count("cn_num", value)?))
}

/// `{{ "2024-07-05" | cn_date }}` → "2024年7月5日"; missing → "—".
fn cn_date(value: &Value, kwargs: &Kwargs) -> TeraResult<String> {
    only_kwargs("cn_date", kwargs, &[])?;
    if is_missing("cn_date", value)? {
        return Ok(missing());
    }
    let text = value.as_str().ok_or_else(|| {
        let kind = value.name();
        Error::message(format!(
            "过滤器 cn_date 只能用于形如 \"2024-07-05\" 的日期，这里得到的是 {kind} `{value}`"
        ))
    })?;
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
        Error::message(format!(
            "过滤器 cn_date：\"{text}\" 不是 YYYY-MM-DD 形式的有效日期（{e}）"
        ))
    })?;
    Ok(format::chinese_date(date))
}

/// `{{ 1 | heading(level=2) }}` → "（一）"; levels 1–4 (一、 （一） 1. （1）), default 1.
fn heading(value: &Value, kwargs: &Kwargs) -> TeraResult<String> {
    only_kwargs("heading", kwargs, &["level"])?;
    let n = count("heading", value)?;
    if n == 0 {
        return Err(Error::message(
            "过滤器 heading：标题序号从 1 开始，这里是 0",
        ));
    }
    let level = kwargs
        .get::<i64>("level")
        .map_err(|e| Error::message(format!("过滤器 heading 的参数 level 有误：{e}")))?
        .unwrap_or(1);
    match u8::try_from(level) {
        Ok(level @ 1..=4) => Ok(format::heading_marker(level, n)),
        _ => Err(Error::message(format!(
            "过滤器 heading 的参数 level 只能是 1（一、）、2（（一））、3（1.）或 4（（1）），这里是 {level}"
        ))),
    }
}

fn missing() -> String {
    format::MISSING.to_string()
}

/// A figure that may be missing: a number, or none/"—" for "no data". Anything else, including
/// an undefined variable (a typo), is an error.
fn figure(filter: &str, value: &Value) -> TeraResult<Option<f64>> {
    if is_missing(filter, value)? {
        return Ok(None);
    }
    match value.as_f64() {
        Some(v) if value.is_number() => Ok(Some(v)),
        _ => {
            let kind = value.name();
            Err(Error::message(format!(
                "过滤器 {filter} 只能用于数字或表示未报送的 \"—\"，这里得到的是 {kind} `{value}`"
            )))
        }
    }
}

/// True for the two spellings of a missing figure in our contexts: none/null and "—".
fn is_missing(filter: &str, value: &Value) -> TeraResult<bool> {
    if value.is_undefined() {
        return Err(Error::message(format!(
            "过滤器 {filter} 收到的值不存在：变量名或字段名是否写错？（未报送的数字是 none 或 \"—\"）"
        )));
    }
    Ok(value.is_none() || value.as_str() == Some(format::MISSING))
}

/// A whole number for counting filters (`cn_num`, `heading`).
fn count(filter: &str, value: &Value) -> TeraResult<u32> {
    let whole = value.as_f64().filter(|v| {
        value.is_number() && v.fract() == 0.0 && *v >= 0.0 && *v <= f64::from(u32::MAX)
    });
    match whole {
        Some(v) => Ok(v as u32),
        None => {
            let kind = value.name();
            Err(Error::message(format!(
                "过滤器 {filter} 只能用于 0 到 {} 的整数，这里得到的是 {kind} `{value}`",
                u32::MAX
            )))
        }
    }
}

fn decimals(filter: &str, kwargs: &Kwargs, default: usize) -> TeraResult<usize> {
    let given = kwargs
        .get::<usize>("decimals")
        .map_err(|e| Error::message(format!("过滤器 {filter} 的参数 decimals 有误：{e}")))?;
    match given {
        Some(d) if d > format::MAX_DECIMALS => Err(Error::message(format!(
            "过滤器 {filter} 的参数 decimals={d} 超出范围：小数位数只能是 0 到 {} 的整数",
            format::MAX_DECIMALS
        ))),
        _ => Ok(given.unwrap_or(default)),
    }
}

/// Tera ignores unknown keyword arguments; a misspelt `decimal=1` should not pass silently.
fn only_kwargs(filter: &str, kwargs: &Kwargs, allowed: &[&str]) -> TeraResult<()> {
    for (key, _) in kwargs.iter() {
        let name = key.as_str().unwrap_or_default();
        if !allowed.contains(&name) {
            let takes = match allowed {
                [] => "不带参数".to_string(),
                _ => format!("只有参数 {}", allowed.join("、")),
            };
            return Err(Error::message(format!(
                "过滤器 {filter} 没有参数 {name}：它{takes}"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::{Context, ErrorKind};

    fn tera() -> Tera {
        let mut tera = Tera::new();
        register(&mut tera, 1);
        tera
    }

    fn context() -> Context {
        let mut ctx = Context::new();
        ctx.insert("rate", &0.987);
        ctx.insert("none", &Option::<f64>::None);
        ctx.insert("dash", "—");
        ctx.insert("count", &31);
        ctx.insert("date", "2024-07-05");
        ctx
    }

    fn render(src: &str) -> String {
        match tera().render_str(src, &context(), true) {
            Ok(out) => out,
            Err(e) => panic!("{src}: {e}"),
        }
    }

    fn render_err(src: &str) -> String {
        match tera().render_str(src, &context(), true) {
            Ok(out) => panic!("{src} rendered {out:?}, expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn pct() {
        assert_eq!(render("{{ rate | pct }}"), "98.7%"); // 0.987 × 100 = 98.7
        assert_eq!(render("{{ 1 | pct }}"), "100.0%"); // integer input, one decimal kept
        assert_eq!(render("{{ 1.0 | pct(decimals=0) }}"), "100%");
        assert_eq!(render("{{ 0.9009 | pct(decimals=2) }}"), "90.09%");
        assert_eq!(render("{{ none | pct }}|{{ dash | pct }}"), "—|—");
    }

    #[test]
    fn pct_uses_the_project_default() {
        let mut tera = Tera::new();
        register(&mut tera, 2);
        let out = tera.render_str("{{ rate | pct }}", &context(), true);
        assert_eq!(out.unwrap(), "98.70%");
    }

    #[test]
    fn points() {
        assert_eq!(render("{{ 0.052 | points }}"), "5.2个百分点"); // 0.052 × 100
        assert_eq!(render("{{ -0.026 | points }}"), "2.6个百分点"); // magnitude of −2.6
        assert_eq!(render("{{ none | points }}"), "—");
    }

    #[test]
    fn num() {
        assert_eq!(render("{{ count | num }}"), "31");
        assert_eq!(render("{{ 12.50 | num }}"), "12.5");
        assert_eq!(render("{{ 2.675 | num }}"), "2.68"); // decimal half away from zero
        assert_eq!(render("{{ 3.14159 | num(decimals=3) }}"), "3.142");
        assert_eq!(render("{{ -0.001 | num }}"), "0"); // no negative zero
        assert_eq!(render("{{ dash | num }}|{{ none | num }}"), "—|—");
    }

    #[test]
    fn cn_num() {
        assert_eq!(
            render("{{ 1 | cn_num }}{{ 11 | cn_num }}{{ 105 | cn_num }}"),
            "一十一一百零五"
        );
        assert!(render_err("{{ 1.5 | cn_num }}").contains("只能用于 0 到"));
        assert!(render_err("{{ -1 | cn_num }}").contains("只能用于 0 到"));
    }

    #[test]
    fn cn_date() {
        assert_eq!(render("{{ date | cn_date }}"), "2024年7月5日");
        assert_eq!(render("{{ '2024-12-31' | cn_date }}"), "2024年12月31日");
        assert_eq!(render("{{ none | cn_date }}"), "—");
        let err = render_err("{{ '2024-02-30' | cn_date }}");
        assert!(
            err.contains("\"2024-02-30\" 不是 YYYY-MM-DD 形式的有效日期"),
            "{err}"
        );
        let err = render_err("{{ 20240705 | cn_date }}");
        assert!(err.contains("只能用于形如"), "{err}");
    }

    #[test]
    fn heading() {
        assert_eq!(render("{{ 1 | heading }}"), "一、");
        assert_eq!(render("{{ 1 | heading(level=2) }}"), "（一）");
        assert_eq!(render("{{ 2 | heading(level=3) }}"), "2.");
        assert_eq!(render("{{ 12 | heading(level=4) }}"), "（12）");
        assert!(render_err("{{ 1 | heading(level=5) }}").contains("level 只能是 1"));
        assert!(render_err("{{ 0 | heading }}").contains("从 1 开始"));
    }

    #[test]
    fn loop_index_numbers_headings() {
        let src = "{% for s in ['基本情况', '主要工作'] %}{{ loop.index | heading }}{{ s }}\n{% endfor %}";
        assert_eq!(render(src), "一、基本情况\n二、主要工作\n");
    }

    #[test]
    fn wrong_inputs_are_errors_with_the_place() {
        let err = render_err("第一行\n{{ 'abc' | pct }}");
        assert!(
            err.contains("过滤器 pct 只能用于数字或表示未报送的 \"—\"，这里得到的是 string `abc`"),
            "{err}"
        );
        assert!(err.contains("__tera_one_off:2:"), "{err}");
        let err = render_err("{{ rate | pct(decimal=2) }}");
        assert!(
            err.contains("过滤器 pct 没有参数 decimal：它只有参数 decimals"),
            "{err}"
        );
        let err = render_err("{{ rate | pct(decimals=-1) }}");
        assert!(err.contains("参数 decimals 有误"), "{err}");
    }

    #[test]
    fn undefined_into_a_filter_is_an_error_not_a_dash() {
        let err = render_err("{{ rat | pct }}");
        assert!(err.contains("过滤器 pct 收到的值不存在"), "{err}");
    }

    /// The facts in the module comment, pinned so a Tera upgrade that changes them fails here.
    #[test]
    fn tera_reports_undefined_variables_with_place() {
        let err = tera()
            .render_str("第一行\n  {{ missing }}", &context(), true)
            .unwrap_err();
        let ErrorKind::RenderingError(report) = err.kind() else {
            panic!("expected a RenderingError, got {err:?}");
        };
        assert!(report
            .message()
            .starts_with("Variable `missing` is not defined."));
        assert!(report.message().contains("Available variables:"));
        assert_eq!(report.filename(), "__tera_one_off");
        assert_eq!((report.span().start_line, report.span().start_col), (2, 5));
        let shown = err.to_string();
        assert!(shown.contains(" --> __tera_one_off:2:6"), "{shown}"); // shown 1-based
        assert!(shown.contains("^^^^^^^"), "{shown}");
    }

    #[test]
    fn tera_facts_on_none_and_escaping() {
        assert_eq!(render("[{{ none }}]"), "[]"); // none renders empty, silently
        assert_eq!(render("{% if missing %}x{% endif %}"), ""); // undefined in `if` is false
        let mut ctx = context();
        ctx.insert("html", "<b>");
        assert_eq!(
            tera().render_str("{{ html }}", &ctx, true).unwrap(),
            "&lt;b&gt;"
        );
        assert_eq!(tera().render_str("{{ html }}", &ctx, false).unwrap(), "<b>");
        assert_eq!(
            tera().render_str("{{ html | safe }}", &ctx, true).unwrap(),
            "<b>"
        );
        let err = Tera::one_off("{{ 1 | pct }}", &ctx, true).unwrap_err();
        assert!(err.to_string().contains("Unknown filter `pct`"), "{err}");
    }
}
