//! Writers' Markdown with `{{ … }}` figures: filled from the report's computed figures
//! first (our own small prose language, src/prose.rs), then turned into safe HTML. A name that does not exist
//! is an error naming the file, the section and the line.

use std::path::Path;

use serde_json::{Map, Value};

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::catalog::{Catalog, Indicator, Verbs};
use crate::compute::compare::{Comparison, Trend};
use crate::diag::Diagnostics;
use crate::format;
use crate::locale::Locale;
use crate::markdown;
use crate::model::{Text, Unit};
use crate::period::Period;
use crate::prose;
use crate::report::{Figure, Prose, TargetResult};

/// What a body's `{{ }}` is filled from: the names below as JSON, the project's
/// default decimals for `pct`, `points` and `share`, and those of the indicators that
/// ask for their own.
pub struct BodyContext {
    values: Value,
    decimals: Decimals,
    tuned: BTreeMap<String, prose::Decimals>,
    /// Built for some bodies only (see [`context`]): a body it cannot fill is filled again
    /// from the complete context, so the result and any problem are the same.
    partial: bool,
}

/// The project's decimals for what prose says (`zongjie.yaml`): percentages, changes,
/// shares and targets.
pub use crate::catalog::Decimals;

impl Decimals {
    pub fn of(config: &crate::config::Config) -> Decimals {
        Decimals {
            percent: config.percent_decimals,
            change: config.change_decimals(),
            share: config.share_decimals(),
            target: config.target_decimals(),
        }
    }
}

impl From<usize> for Decimals {
    fn from(d: usize) -> Decimals {
        Decimals {
            percent: d,
            change: d,
            share: d,
            target: d,
        }
    }
}

/// What `{{ }}` in a body can name: every indicator as `group.key` (a number, or "—"
/// when not reported); `yoy.group.key` and `mom.group.key`, 同比/环比 said with both
/// numbers (减少8起、下降14.29%) and with `abs`/`rel` parts for those filters;
/// `last_year.group.key` and `previous.group.key`, the base figures; `said.group.key`
/// (未发生生产安全事故 / 发生生产安全事故3起); `target.group.key` (控制在指标以内, 差2.3个百分点);
/// `yoy.harm` and `yoy.harm_main` (实现“双下降”, “一升三降”); `units.group.key` (the
/// catalog's unit, 处); `unit.name`, `period.label`.
/// With `bodies`, only the names those texts mention are put in: phrasing every 同比 and
/// 环比 of every indicator for every report was most of `check` and a sixth of a build.
pub fn context(
    catalog: &Catalog,
    unit: &Unit,
    period: Period,
    (figures, targets): (&[Figure], &[TargetResult]),
    locale: &Locale,
    decimals: impl Into<Decimals>,
    bodies: Option<&[prose::Parsed]>,
) -> BodyContext {
    let decimals = decimals.into();
    // None: every name; Some: only those the bodies read (see [`Mentions`]).
    let mentions = bodies.and_then(Mentions::of);
    let mut root = Map::new();
    let mut named: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    let mut tuned = BTreeMap::new();
    // The report lists the indicators it has figures for, in catalog order.
    let mut shown = figures.iter().peekable();
    for e in catalog.entries() {
        let f = shown.next_if(|f| f.indicator.id == e.id);
        let wants = |name: &str| mentions.as_ref().is_none_or(|m| m.reads(name, &e.id));
        if mentions.as_ref().is_some_and(|m| !m.reads_any(&e.id)) {
            continue;
        }
        let value = f.and_then(|f| f.value);
        let v = match nothing_to_measure(catalog, figures, e) {
            true => {
                serde_json::json!({"text": locale.words.not_applicable, "not_applicable": true})
            }
            false => shown_value(e, value),
        };
        insert(&mut root, e.group(), e.key(), v);
        let (yoy, mom) = (
            f.and_then(|f| f.yoy.as_ref()),
            f.and_then(|f| f.mom.as_ref()),
        );
        let d = decimals.tuned(e.precision);
        let target = || targets.iter().find(|t| t.indicator.id == e.id);
        let phrases: [(&'static str, &dyn Fn() -> Value); 7] = [
            ("units", &|| Value::from(e.unit.as_str())),
            ("said", &|| said(locale, e, value)),
            ("yoy", &|| change(locale, e, yoy, d.change)),
            ("mom", &|| change(locale, e, mom, d.change)),
            ("last_year", &|| base_value(e, yoy)),
            ("previous", &|| base_value(e, mom)),
            ("target", &|| target_phrase(locale, target(), d.change)),
        ];
        for (name, phrase) in phrases.into_iter().filter(|(name, _)| wants(name)) {
            insert(named.entry(name).or_default(), e.group(), e.key(), phrase());
        }
        if !e.precision.is_site_wide() {
            let filters = prose::Decimals {
                percent: d.percent,
                share: d.share,
            };
            // `| pct` on the figure and on its base figures (last_year., previous.).
            for prefix in ["", "last_year.", "previous."] {
                tuned.insert(format!("{prefix}{}", e.id), filters);
            }
        }
    }
    let mentioned = |word: &str| mentions.as_ref().is_none_or(|m| m.mention(word));
    let harm: &[(&str, bool)] = match mentioned("harm") {
        true => &[("yoy", true), ("mom", false)],
        false => &[],
    };
    for &(key, pick) in harm {
        let map = named.entry(key).or_default();
        let harm = harm_directions(catalog, figures, locale, pick, false);
        map.insert("harm".into(), Value::from(harm));
        let main = harm_directions(catalog, figures, locale, pick, true);
        map.insert("harm_main".into(), Value::from(main));
    }
    for (name, map) in named {
        root.insert(name.into(), Value::Object(map));
    }
    root.insert(
        "unit".into(),
        serde_json::json!({"name": unit.name, "short_name": unit.short()}),
    );
    root.insert(
        "period".into(),
        serde_json::json!({
            "id": period.to_string(),
            "label": locale.period_label(period),
            "year": period.year_number(),
            "span": locale.span_label(period),
        }),
    );
    BodyContext {
        values: Value::Object(root),
        decimals,
        tuned,
        partial: mentions.is_some(),
    }
}

/// The names of a report's bodies, parsed from their `{{ }}`: for each indicator id, the
/// prefixes it is read under ("" for the bare figure, "yoy", "said", …).
struct Mentions {
    ids: HashMap<String, HashSet<String>>,
}

/// The names under which an indicator's phrases are put into the context.
const PREFIXES: [&str; 7] = [
    "units",
    "said",
    "yoy",
    "mom",
    "last_year",
    "previous",
    "target",
];

impl Mentions {
    /// None when a body does not parse: its problem comes from the complete context.
    fn of(bodies: &[prose::Parsed]) -> Option<Mentions> {
        let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
        for body in bodies {
            for name in body.names()? {
                let (prefix, id) = match name.split_once('.') {
                    Some((head, rest)) if PREFIXES.contains(&head) => (head, rest),
                    _ => ("", name),
                };
                ids.entry(id.to_string())
                    .or_default()
                    .insert(prefix.to_string());
            }
        }
        Some(Mentions { ids })
    }

    fn reads_any(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    fn reads(&self, prefix: &str, id: &str) -> bool {
        self.ids.get(id).is_some_and(|p| p.contains(prefix))
    }

    /// Whether any name read contains `word` (harm, harm_main).
    fn mention(&self, word: &str) -> bool {
        self.ids.keys().any(|id| id.contains(word))
    }
}

/// A rate whose denominator is a reported 0 (0 ÷ 0 重大隐患整改率): 不适用, which no
/// number filter turns into "—".
fn nothing_to_measure(catalog: &Catalog, figures: &[Figure], e: &Indicator) -> bool {
    e.ratio().is_some_and(|r| {
        let id = &catalog.entry(r.denominator).id;
        figures
            .iter()
            .any(|f| &f.indicator.id == id && f.value == Some(0.0))
    })
}

/// A figure as `{{ group.key }}` gives it: percentages stay fractions for `| pct`,
/// scaled rates print at their decimals, a missing one is "—".
fn shown_value(e: &Indicator, value: Option<f64>) -> Value {
    match value {
        None => Value::from(format::MISSING),
        Some(v) if e.is_percentage() => Value::from(v),
        Some(v) => number_value(v, e.decimals),
    }
}

/// A change phrase with its parts: `text` (减少8起、下降14.29%), `abs` (减少8起) and `rel`
/// (下降14.29%, — from a zero base).
fn change(locale: &Locale, e: &Indicator, c: Option<&Comparison>, pd: usize) -> Value {
    let Some(c) = c else {
        return Value::from(format::MISSING);
    };
    let rel = locale.relative_change(c, pd);
    serde_json::json!({
        "text": locale.statement(c, &e.unit, pd, e.decimals),
        "abs": locale.absolute_change(c, &e.unit, pd, e.decimals),
        "rel": rel.unwrap_or_else(|| format::MISSING.into()),
    })
}

/// The base period's figure of a comparison (去年同期的数), — when there is none.
fn base_value(e: &Indicator, c: Option<&Comparison>) -> Value {
    shown_value(e, c.map(|c| c.base))
}

/// The genre's words for a figure where it has them: 0 accidents is 未发生生产安全事故.
/// Indicators without such words say the figure with its unit.
fn said(locale: &Locale, e: &Indicator, value: Option<f64>) -> Value {
    Value::from(said_text(locale, e, value))
}

/// The same as text; "—" when not reported.
pub fn said_text(locale: &Locale, e: &Indicator, value: Option<f64>) -> String {
    let Some(v) = value else {
        return format::MISSING.into();
    };
    let figure = format::number(v, e.decimals);
    let words = locale.words.said.iter().find(|(id, _, _)| *id == e.id);
    match words {
        Some((_, zero, _)) if v == 0.0 => zero.to_string(),
        Some((_, _, some)) => some.replacen("{}", &figure, 1),
        None => format!("{}{figure}{}", e.label, e.unit),
    }
}

/// How a target stands, with its margin: 控制在指标以内, 超出控制指标1人, 差2.3个百分点.
fn target_phrase(locale: &Locale, t: Option<&TargetResult>, pd: usize) -> Value {
    let phrase = t.and_then(|t| {
        let i = &t.indicator;
        let amount = |m: f64| match i.is_percentage() {
            true => format::points(m, pd),
            false => format::number(m, i.decimals) + &i.unit,
        };
        locale.target_margin(t.status, t.min.is_some(), t.margin, amount)
    });
    Value::from(phrase.unwrap_or_else(|| format::MISSING.into()))
}

/// 实现“双下降” / “一升三降”（…）over the harm indicators reported in both periods: every
/// entered one with harm verbs that is no part of another (事故起数、死亡、受伤、损失), or
/// with `main` only those shown as headline cards (事故起数、死亡人数).
fn harm_directions(
    catalog: &Catalog,
    figures: &[Figure],
    locale: &Locale,
    yoy: bool,
    main: bool,
) -> String {
    let items: Vec<(&str, Trend)> = figures
        .iter()
        .filter(|f| {
            let e = catalog.entry(catalog.get(&f.indicator.id).expect("a catalog id"));
            e.is_entered()
                && e.verbs == Verbs::Harm
                && e.within.is_none()
                && (!main || e.roles.card)
        })
        .filter_map(|f| {
            let c = if yoy { f.yoy.as_ref() } else { f.mom.as_ref() };
            c.map(|c| (f.indicator.label.as_str(), c.trend))
        })
        .collect();
    locale
        .directions(&items)
        .unwrap_or_else(|| format::MISSING.into())
}

impl BodyContext {
    /// The decimals `pct` and `share` use on a name: its indicator's own where it asks
    /// for them, else the project's.
    fn prose_decimals(&self, name: &str) -> prose::Decimals {
        self.tuned.get(name).copied().unwrap_or(prose::Decimals {
            percent: self.decimals.percent,
            share: self.decimals.share,
        })
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
/// column where it was typed in the file and returns None. A partial `ctx` that cannot
/// fill the body gives way to the `complete` one, whose problem (with its "did you mean")
/// is the one reported.
pub fn render(
    (text, parsed): (&Text, &prose::Parsed),
    ctx: &BodyContext,
    complete: &dyn Fn() -> BodyContext,
    file: &Path,
    section: &str,
    diags: &mut Diagnostics,
) -> Option<Prose> {
    let fill = |ctx: &BodyContext| {
        prose::fill_parsed(parsed, &ctx.values, &|name| ctx.prose_decimals(name))
    };
    let mut filled = fill(ctx);
    if filled.is_err() && ctx.partial {
        filled = fill(&complete());
    }
    match filled {
        Ok(filled) => {
            // Markdown writes every image `![…]`: a body without one (nearly all) needs
            // no second Markdown parse to look for outside images.
            if text.text.contains("![") {
                prose::warn_outside_images(text, file, section, diags);
            }
            Some(to_prose(filled))
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
    use crate::locale::zh_cn;
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
        let ctx = context(&c, &unit(), p, (&figures, &[]), zh_cn(), 1, None);
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
        let ctx = |bodies| context(&c, &unit(), p, (&figures, &[]), zh_cn(), 1, bodies);
        let text = Text {
            text: body.into(),
            loc: crate::yaml::Loc { line: 8, col: 5 },
        };
        let file = Path::new("data/东村/2024-H1.yaml");
        // Filled from the context of the names the body mentions, as builds do; the
        // complete one gives the same page and the same problems.
        let mut complete = Diagnostics::new();
        let parsed = prose::Parsed::of(body);
        let full = render(
            (&text, &parsed),
            &ctx(None),
            &|| ctx(None),
            file,
            "排查整治",
            &mut complete,
        );
        let bodies = [prose::Parsed::of(body)];
        let partial = ctx(Some(&bodies));
        let html = render(
            (&text, &parsed),
            &partial,
            &|| ctx(None),
            file,
            "排查整治",
            diags,
        );
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
        // 44 ÷ 45 = 0.9777… → 97.8%; 45 − 40 = 5, 5 ÷ 40 = 12.5%; deaths not reported → —
        assert_eq!(
            html,
            "<p>发现隐患45处，整改率97.8%，同比增加5处、增长12.5%；死亡—人。</p>\n"
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

    /// Fills `body` for a report with `now` against `before` a year earlier, at two
    /// percent decimals, with the built-in targets judged on `now`.
    fn said_of(now: &[(&str, f64)], before: &[(&str, f64)], body: &str) -> String {
        said_in(&Catalog::builtin(), 2, (now, before), body)
    }

    type Pairs<'a> = &'a [(&'a str, f64)];

    /// The same with a project's catalog and percent decimals.
    fn said_in(c: &Catalog, decimals: usize, (now, before): (Pairs, Pairs), body: &str) -> String {
        let figures = figures(c, now, before);
        let values = values(c, now);
        let mut d = Diagnostics::new();
        let targets: Vec<TargetResult> =
            crate::compute::targets::resolve(&[], c, Path::new("zongjie.yaml"), &mut d)
                .iter()
                .map(|t| {
                    let j = t.judge("2024".parse().unwrap(), |_| values[t.indicator]);
                    crate::report::build::target_result((c, crate::locale::zh_cn()), t, j)
                })
                .collect();
        let p: Period = "2024".parse().unwrap();
        let ctx = context(
            c,
            &unit(),
            p,
            (&figures, &targets),
            crate::locale::zh_cn(),
            decimals,
            Some(&[prose::Parsed::of(body)]),
        );
        prose::fill_with(body, &ctx.values, &|name| ctx.prose_decimals(name)).unwrap()
    }

    /// A catalog from a project's `indicators:` in zongjie.yaml.
    fn catalog_of(yaml: &str) -> Catalog {
        let root = crate::yaml::parse(yaml).unwrap().root;
        let mut d = Diagnostics::new();
        let config = crate::config::parse(&root, Path::new("zongjie.yaml"), &mut d);
        let c = Catalog::build(&config.indicators, Path::new("zongjie.yaml"), &mut d);
        assert!(d.is_empty(), "{:?}", d.sorted());
        c
    }

    #[test]
    fn an_indicator_asks_for_its_own_decimals() {
        let c = catalog_of(
            "indicators:\n  - {id: accidents.count, change_decimals: 2, share_decimals: 0}\n  \
             - {id: hazards.rectification_rate, decimals: 2}\n",
        );
        let e = c.entry(c.get("accidents.count").unwrap());
        assert_eq!((e.label.as_str(), e.unit.as_str()), ("生产安全事故", "起"));
        let now = [
            ("accidents.count", 48.0),
            ("accidents.deaths", 4.0),
            ("hazards.found", 45.0),
            ("hazards.rectified", 44.0),
        ];
        let before = [("accidents.count", 56.0), ("accidents.deaths", 6.0)];
        let body = "事故同比{{ yoy.accidents.count }}，死亡同比{{ yoy.accidents.deaths }}；\
                    死亡占{{ accidents.deaths | share(of=accidents.count) }}、\
                    事故占{{ accidents.count | share(of=accidents.count) }}；\
                    整改率{{ hazards.rectification_rate | pct }}。";
        // The site asks for 1 decimal. −8 ÷ 56 = −14.2857…% → 14.29% (the indicator's 2);
        // deaths −2 ÷ 6 = −33.33…% → 33.3% (the site's 1); 4 ÷ 48 = 8.33…% → 8.3%;
        // 48 ÷ 48 = 100% at 0 decimals; 44 ÷ 45 = 97.777…% → 97.78% (its own 2).
        assert_eq!(
            said_in(&c, 1, (&now, &before), body),
            "事故同比减少8起、下降14.29%，死亡同比减少2人、下降33.3%；死亡占8.3%、事故占100%；整改率97.78%。"
        );
        // Without the tuning, the same figures at the site's decimals, zeros trimmed.
        let plain = said_in(&Catalog::builtin(), 1, (&now, &before), body);
        assert!(plain.starts_with("事故同比减少8起、下降14.3%，"), "{plain}");
        assert!(plain.ends_with("事故占100%；整改率97.8%。"), "{plain}");
    }

    const ACCIDENTS: [&str; 4] = [
        "accidents.count",
        "accidents.deaths",
        "accidents.injuries",
        "accidents.direct_loss_10k_yuan",
    ];

    fn accidents(v: [f64; 4]) -> Vec<(&'static str, f64)> {
        ACCIDENTS.iter().copied().zip(v).collect()
    }

    #[test]
    fn a_change_reads_with_both_numbers_or_either_part_and_its_base() {
        let (now, before) = (
            accidents([48.0, 3.0, 5.0, 120.0]),
            accidents([56.0, 0.0, 5.0, 100.0]),
        );
        let out = said_of(
            &now,
            &before,
            "事故{{ accidents.count }}起，同比{{ yoy.accidents.count }}；去年同期{{ last_year.accidents.count }}起，{{ yoy.accidents.count | abs }}，{{ yoy.accidents.count | rel }}。死亡同比{{ yoy.accidents.deaths }}，{{ yoy.accidents.deaths | rel }}。",
        );
        // 48 − 56 = −8, −8 ÷ 56 = −14.29%; deaths 0 → 3: zero base, no percentage.
        assert_eq!(
            out,
            "事故48起，同比减少8起、下降14.29%；去年同期56起，减少8起，下降14.29%。死亡同比增加3人，—。"
        );
    }

    #[test]
    fn zero_is_said_in_words() {
        let out = said_of(
            &accidents([0.0, 0.0, 2.0, 0.0]),
            &[],
            "{{ said.accidents.count }}，{{ said.accidents.deaths }}，{{ said.accidents.injuries }}，{{ said.accidents.direct_loss_10k_yuan }}。",
        );
        assert_eq!(
            out,
            "未发生生产安全事故，无人员死亡，受伤2人，未造成直接经济损失。"
        );
    }

    #[test]
    fn harm_indicators_count_their_directions() {
        // Count 10 → 8 and deaths 3 → 2 fall; injuries 4 → 6 rise; loss 50 → 40 falls.
        let (now, before) = (
            accidents([8.0, 2.0, 6.0, 40.0]),
            accidents([10.0, 3.0, 4.0, 50.0]),
        );
        let out = said_of(&now, &before, "{{ yoy.harm_main }}；{{ yoy.harm }}");
        assert_eq!(
            out,
            "生产安全事故、死亡人数实现“双下降”；呈“一升三降”态势（受伤人数上升，生产安全事故、死亡人数、直接经济损失下降）"
        );
        // Only reported indicators count: without injuries and loss, all four are not asked.
        let out = said_of(
            &[("accidents.count", 8.0), ("accidents.deaths", 3.0)],
            &[("accidents.count", 10.0), ("accidents.deaths", 3.0)],
            "{{ yoy.harm }}",
        );
        assert_eq!(out, "呈“一平一降”态势（死亡人数持平，生产安全事故下降）");
    }

    #[test]
    fn targets_say_their_margin() {
        // Deaths: control target 0. 1 death is over by 1人; 0 is within.
        let over = said_of(
            &[("accidents.deaths", 1.0)],
            &[],
            "{{ target.accidents.deaths }}",
        );
        assert_eq!(over, "超出控制指标1人");
        let within = said_of(
            &[("accidents.deaths", 0.0)],
            &[],
            "{{ target.accidents.deaths }}",
        );
        assert_eq!(within, "控制在指标以内");
        // Rectification 977 of 1000 = 97.7% against 100%: 2.3 points short.
        let short = said_of(
            &[("hazards.found", 1000.0), ("hazards.rectified", 977.0)],
            &[],
            "{{ target.hazards.rectification_rate }}",
        );
        assert_eq!(short, "差2.3个百分点");
        // No major hazards found: 0 ÷ 0 has nothing to measure — 不适用, not 无法判定.
        let zh = crate::locale::zh_cn();
        let status = crate::compute::targets::Status::NotApplicable;
        assert_eq!(
            zh.target_margin(status, true, None, |m| m.to_string()),
            Some("不适用".into())
        );
    }

    #[test]
    fn a_rate_of_nothing_is_not_applicable() {
        // 0 major hazards found, 0 rectified: 重大隐患整改率 is 不适用, not — and not 100%.
        let out = said_of(
            &[("hazards.major", 0.0), ("hazards.major_rectified", 0.0)],
            &[],
            "重大隐患整改率{{ hazards.major_rectification_rate | pct }}（{{ said.hazards.major }}）",
        );
        assert_eq!(out, "重大隐患整改率不适用（未发现重大隐患）");
    }

    #[test]
    fn a_share_of_one_figure_in_another() {
        // 1 of 8 accidents: 12.5%; of a 0 or missing whole: —.
        let out = said_of(
            &[("accidents.count", 8.0), ("accidents.deaths", 1.0), ("hazards.found", 0.0), ("hazards.major", 0.0)],
            &[],
            "{{ accidents.deaths | share(of=accidents.count) }}，{{ hazards.major | share(of=hazards.found) }}，{{ accidents.count | share(of=training.headcount) }}",
        );
        assert_eq!(out, "12.5%，—，—");
    }
}
