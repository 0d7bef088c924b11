//! 一、安全生产形势 said from the figures, as county and enterprise summaries open:
//! （一）事故情况 — each reported harm figure with its 同比 and the count of directions —
//! and （二）指标控制情况 — each control indicator against its ceiling. Words from the locale.

use crate::analysis::Analysis;
use crate::catalog::{Catalog, Verbs};
use crate::compute::targets::Status;
use crate::format;
use crate::locale::{fill_named, Locale};
use crate::markdown;
use crate::model::Unit;
use crate::period::Period;

use super::prose::{self, Decimals};
use super::{Figure, Prose, Section, Situation, TargetResult};

/// The section, when the file asks for it (`situation:`); its own prose, if any, is filled
/// like any body and follows the generated parts.
pub fn situation(
    analysis: &Analysis,
    (unit, period): (&Unit, Period),
    (figures, targets): (&[Figure], &[TargetResult]),
    text: Option<Prose>,
) -> Situation {
    let locale = analysis.locale();
    let d = Decimals::of(&analysis.project.config);
    let opening = fill_named(
        locale.words.situation_opening,
        &[
            ("period", &locale.period_label(period)),
            ("unit", &unit.name),
        ],
    );
    let catalog = &analysis.project.catalog;
    let parts = [
        (
            locale.words.situation_accidents,
            accidents(catalog, figures, locale, d),
        ),
        (locale.words.situation_control, control(targets, locale, d)),
    ];
    let sections = parts
        .into_iter()
        .filter_map(|(title, said)| {
            let said = said?;
            let text = if title == locale.words.situation_accidents {
                format!("{opening}{said}")
            } else {
                said
            };
            Some(Section {
                title: title.to_string(),
                body: Some(Prose {
                    html: markdown::to_html(&text),
                    markdown: text,
                }),
            })
        })
        .collect();
    Situation {
        heading: locale.words.situation.to_string(),
        sections,
        text,
    }
}

/// Each reported harm figure said the genre's way (未发生生产安全事故, 死亡1人) with its
/// 同比, then the directions counted: 发生生产安全事故3起，同比减少1起、下降25%；…。
/// 生产安全事故、死亡人数实现“双下降”。 None when no harm figure was reported.
pub fn accidents(
    catalog: &Catalog,
    figures: &[Figure],
    locale: &Locale,
    d: Decimals,
) -> Option<String> {
    let w = &locale.words;
    let harm: Vec<&Figure> = figures
        .iter()
        .filter(|f| f.value.is_some())
        .filter(|f| {
            let e = catalog.entry(catalog.get(&f.indicator.id).expect("a catalog id"));
            e.is_entered() && e.verbs == Verbs::Harm && e.within.is_none()
        })
        .collect();
    if harm.is_empty() {
        return None;
    }
    let clauses: Vec<String> = harm
        .iter()
        .map(|f| {
            let e = catalog.entry(catalog.get(&f.indicator.id).expect("a catalog id"));
            let figure = prose::said_text(locale, e, f.value);
            match &f.yoy {
                Some(c) => fill_named(
                    w.figure_with_change,
                    &[
                        ("figure", &figure),
                        (
                            "change",
                            &locale.statement(c, &e.unit, d.tuned(e.precision).change, e.decimals),
                        ),
                    ],
                ),
                None => figure,
            }
        })
        .collect();
    let mut text = clauses.join(w.sentence_separator);
    let trends: Vec<(&str, _)> = harm
        .iter()
        .filter_map(|f| {
            f.yoy
                .as_ref()
                .map(|c| (f.indicator.label.as_str(), c.trend))
        })
        .collect();
    if trends.len() > 1 {
        if let Some(directions) = locale.directions(&trends) {
            text += w.sentence_separator;
            text += &directions;
        }
    }
    Some(text + w.sentence_end)
}

/// Each control indicator (a target with a ceiling) judged: 死亡人数0人，控制在指标以内。
/// None when there is none to judge.
pub fn control(targets: &[TargetResult], locale: &Locale, d: Decimals) -> Option<String> {
    let w = &locale.words;
    let lines: Vec<String> = targets
        .iter()
        .filter(|t| t.max.is_some() && t.min.is_none())
        .filter(|t| {
            matches!(
                t.status,
                Status::Met | Status::Missed | Status::NotApplicable
            )
        })
        .filter_map(|t| {
            let i = &t.indicator;
            let d = d.tuned(i.precision);
            let amount = |m: f64| match i.is_percentage() {
                true => format::points(m, d.change),
                false => format::number(m, i.decimals) + &i.unit,
            };
            let margin = locale.target_margin(t.status, false, t.margin, amount)?;
            let value = match t.value {
                Some(v) if i.is_percentage() => format::percent(v, d.percent),
                Some(v) => format::number(v, i.decimals) + &i.unit,
                None => format::MISSING.into(),
            };
            Some(fill_named(
                w.control_line,
                &[("label", &i.label), ("value", &value), ("margin", &margin)],
            ))
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join(w.sentence_separator) + w.sentence_end)
}
