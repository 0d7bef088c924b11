//! Writers' Markdown with `{{ … }}` figures: filled from the report's computed figures
//! first (our own small prose language, src/prose.rs), then turned into safe HTML. A name that does not exist
//! is an error naming the file, the section and the line.

use std::path::Path;

use serde_json::{Map, Value};

use crate::catalog::Catalog;
use crate::compute::compare::Comparison;
use crate::diag::Diagnostics;
use crate::format;
use crate::locale::Locale;
use crate::markdown;
use crate::model::{Text, Unit};
use crate::period::Period;
use crate::prose;
use crate::report::{Figure, Prose};

/// What a body's `{{ }}` is filled from: the names below as JSON, and the project's
/// default decimals for `pct` and `points`.
pub struct BodyContext {
    values: Value,
    percent_decimals: usize,
    /// Built for some bodies only (see [`context`]): a body it cannot fill is filled again
    /// from the complete context, so the result and any problem are the same.
    partial: bool,
}

/// What `{{ }}` in a body can name: every indicator as `group.key` (a number, or "—"
/// when not reported), `yoy.group.key` and `mom.group.key` (同比/环比 phrases such as
/// 增长12.5%), `units.group.key` (the catalog's unit, 处 — so prose follows a project
/// that counts in 起), `unit.name`, `period.label`.
pub fn context(
    catalog: &Catalog,
    unit: &Unit,
    period: Period,
    figures: &[Figure],
    locale: &Locale,
    percent_decimals: usize,
    bodies: Option<&[&str]>,
) -> BodyContext {
    // Phrasing every indicator's 同比 and 环比 for every report was a quarter of `check`:
    // with `bodies`, only the indicators whose id a body mentions are put in.
    let mentioned = |id: &str| bodies.is_none_or(|b| b.iter().any(|t| t.contains(id)));
    let mut root = Map::new();
    let mut yoy = Map::new();
    let mut mom = Map::new();
    let mut units = Map::new();
    // The report lists the indicators it has figures for, in catalog order.
    let mut shown = figures.iter().peekable();
    for e in catalog.entries() {
        let f = shown.next_if(|f| f.indicator.id == e.id);
        if !mentioned(&e.id) {
            continue;
        }
        let value = match f.and_then(|f| f.value) {
            None => Value::from(format::MISSING),
            // Percentages stay fractions for `| pct`; scaled rates print at their decimals.
            Some(v) if e.is_percentage() => Value::from(v),
            Some(v) => number_value(v, e.decimals),
        };
        insert(&mut root, e.group(), e.key(), value);
        insert(&mut units, e.group(), e.key(), Value::from(e.unit.as_str()));
        let phrase = |c: Option<&Comparison>| {
            Value::from(c.map_or_else(
                || format::MISSING.to_string(),
                |c| locale.change(c, &e.unit, percent_decimals, e.decimals),
            ))
        };
        insert(
            &mut yoy,
            e.group(),
            e.key(),
            phrase(f.and_then(|f| f.yoy.as_ref())),
        );
        insert(
            &mut mom,
            e.group(),
            e.key(),
            phrase(f.and_then(|f| f.mom.as_ref())),
        );
    }
    root.insert("yoy".into(), Value::Object(yoy));
    root.insert("mom".into(), Value::Object(mom));
    root.insert("units".into(), Value::Object(units));
    root.insert(
        "unit".into(),
        serde_json::json!({"name": unit.name, "short_name": unit.short()}),
    );
    root.insert(
        "period".into(),
        serde_json::json!({
            "id": period.to_string(),
            "label": period.label(),
            "year": period.year_number(),
            "span": period.span_label(),
        }),
    );
    BodyContext {
        values: Value::Object(root),
        percent_decimals,
        partial: bodies.is_some(),
    }
}

/// Integers print without ".0"; other amounts are rounded to the indicator's decimals so
/// `{{ x }}` never shows 0.30000000000000004.
fn number_value(v: f64, decimals: usize) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        let text = format::number(v, decimals);
        text.parse::<f64>().map_or(Value::from(text), Value::from)
    }
}

fn insert(map: &mut Map<String, Value>, group: &str, key: &str, value: Value) {
    let entry = map
        .entry(group.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(m) = entry {
        m.insert(key.to_string(), value);
    }
}

/// Fills and renders one body. On a problem in its `{{ }}`, reports it at the line and
/// column where it was typed in the file and returns None.
pub fn render(
    text: &Text,
    ctx: &BodyContext,
    complete: &dyn Fn() -> BodyContext,
    file: &Path,
    section: &str,
    diags: &mut Diagnostics,
) -> Option<Prose> {
    fill(text, ctx, complete, file, section, diags).map(to_prose)
}

/// Fills one body as [`render`] does, reporting the same problems, without turning it
/// into HTML: what `check` runs, so it finds what a build would (a filter given text
/// where it wants a number, a missing figure given to `cn_num`) at the same place.
pub fn fill(
    text: &Text,
    ctx: &BodyContext,
    complete: &dyn Fn() -> BodyContext,
    file: &Path,
    section: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    let mut filled = prose::fill(&text.text, &ctx.values, ctx.percent_decimals);
    if filled.is_err() && ctx.partial {
        let ctx = complete();
        filled = prose::fill(&text.text, &ctx.values, ctx.percent_decimals);
    }
    match filled {
        Ok(filled) => {
            prose::warn_outside_images(text, file, section, diags);
            Some(filled)
        }
        Err(p) => {
            prose::report(text, &p, file, section, diags);
            None
        }
    }
}

fn to_prose(markdown: String) -> Prose {
    Prose {
        html: markdown::to_html(&markdown),
        markdown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn unit() -> Unit {
        Unit {
            id: 0,
            dir: PathBuf::from("data/东村"),
            path: vec!["东村".into()],
            name: "东村".into(),
            short_name: None,
            slug: "dongcun".into(),
            level: None,
            signer: None,
            order: 0.0,
            parent: None,
            children: vec![],
            files: BTreeMap::new(),
        }
    }

    fn values(c: &Catalog, pairs: &[(&str, f64)]) -> crate::compute::Figures {
        let mut f = vec![None; c.len()];
        for (id, v) in pairs {
            f[c.get(id).unwrap()] = Some(*v);
        }
        crate::compute::fill_ratios(c, &mut f);
        f
    }

    /// The report's figures for `now` compared with `before` a year earlier.
    fn figures(c: &Catalog, now: &[(&str, f64)], before: &[(&str, f64)]) -> Vec<Figure> {
        let (now, before) = (values(c, now), values(c, before));
        c.entries()
            .iter()
            .enumerate()
            .filter(|(i, _)| now[*i].is_some())
            .map(|(i, e)| Figure {
                indicator: crate::report::build::indicator_info(e),
                value: now[i],
                subtotal: None,
                yoy: crate::compute::compare::compare(e, now[i], before[i], 1),
                mom: None,
            })
            .collect()
    }

    #[test]
    fn every_name_a_body_can_use_is_known_to_check_without_rendering() {
        let c = Catalog::builtin();
        let figures = figures(&c, &[("hazards.found", 45.0)], &[("hazards.found", 40.0)]);
        let p: Period = "2024-H1".parse().unwrap();
        let ctx = context(&c, &unit(), p, &figures, crate::locale::zh_cn(), 1, None);
        let known = prose::names(&c);
        for name in prose::flatten(&ctx.values) {
            assert!(
                known.contains(&name),
                "{name} is filled but prose::names lacks it"
            );
        }
    }

    fn fill(body: &str, diags: &mut Diagnostics) -> Option<String> {
        let c = Catalog::builtin();
        let figures = figures(
            &c,
            &[("hazards.found", 45.0), ("hazards.rectified", 44.0)],
            &[("hazards.found", 40.0), ("hazards.rectified", 36.0)],
        );
        let p: Period = "2024-H1".parse().unwrap();
        let ctx = |bodies| context(&c, &unit(), p, &figures, crate::locale::zh_cn(), 1, bodies);
        let text = Text {
            text: body.into(),
            loc: crate::yaml::Loc { line: 8, col: 5 },
        };
        let file = Path::new("data/东村/2024-H1.yaml");
        // Filled from the context of the indicators the body mentions, as builds do; the
        // complete one gives the same page and the same problems.
        let mut complete = Diagnostics::new();
        let full = render(
            &text,
            &ctx(None),
            &|| ctx(None),
            file,
            "排查整治",
            &mut complete,
        );
        let bodies = [body];
        let partial = ctx(Some(&bodies));
        let html = render(&text, &partial, &|| ctx(None), file, "排查整治", diags);
        assert_eq!(html, full);
        assert_eq!(format!("{diags:?}"), format!("{complete:?}"));
        html.map(|p| p.html)
    }

    #[test]
    fn figures_in_prose_come_from_the_data() {
        let mut d = Diagnostics::new();
        let html = fill(
            "发现隐患{{ hazards.found }}处，整改率{{ hazards.rectification_rate | pct }}，同比{{ yoy.hazards.found }}；死亡{{ accidents.deaths }}人。",
            &mut d,
        )
        .unwrap();
        // 44 ÷ 45 = 0.9777… → 97.8%; (45 − 40) ÷ 40 = 12.5%; deaths not reported → —
        assert_eq!(
            html,
            "<p>发现隐患45处，整改率97.8%，同比增长12.5%；死亡—人。</p>\n"
        );
        assert!(d.is_empty());
    }

    #[test]
    fn an_unknown_name_is_an_error_at_its_line_in_the_file() {
        let mut d = Diagnostics::new();
        let out = fill("第一行\n隐患{{ hazards.fund }}处", &mut d);
        assert_eq!(out, None);
        let msg = d.sorted()[0].to_string();
        // Body starts on file line 8; the error is on its second line → line 9.
        assert!(msg.starts_with("错误: data/东村/2024-H1.yaml:9:"), "{msg}");
        assert!(msg.contains("排查整治") && msg.contains("fund"), "{msg}");
    }

    #[test]
    fn raw_html_in_a_body_is_shown_as_text() {
        let mut d = Diagnostics::new();
        let html = fill("<script>alert(1)</script>{{ hazards.found }}", &mut d).unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
