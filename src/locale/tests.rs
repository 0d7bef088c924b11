use super::*;
use crate::catalog::Better;
use crate::compute::compare::compare_values;
use crate::compute::targets::PartValue;

/// The words of a change, as the 附表 and the prose print them.
fn change_phrase(
    c: Option<f64>,
    b: Option<f64>,
    is_pct: bool,
    unit: &str,
    pd: usize,
    vd: usize,
) -> Option<String> {
    let cmp = compare_values(c?, b?, is_pct, Better::Neither, pd, vd)?;
    Some(zh_cn().change(&cmp, unit, pd, vd))
}

fn phrase(c: f64, b: f64, is_pct: bool) -> Option<String> {
    change_phrase(Some(c), Some(b), is_pct, "起", 1, 2)
}

#[test]
fn change_of_counts() {
    assert_eq!(phrase(9.0, 8.0, false).unwrap(), "增长12.5%"); // (9 − 8) ÷ 8 = 12.5%
    assert_eq!(phrase(7.0, 8.0, false).unwrap(), "下降12.5%"); // (7 − 8) ÷ 8 = −12.5%
    assert_eq!(phrase(8.0, 8.0, false).unwrap(), "持平");
    assert_eq!(phrase(0.0, 0.0, false).unwrap(), "持平"); // both 0
    assert_eq!(phrase(3.0, 0.0, false).unwrap(), "增加3起"); // base 0: absolute, no percent
    assert_eq!(phrase(0.0, 5.0, false).unwrap(), "下降100%"); // (0 − 5) ÷ 5 = −100%, zeros trimmed
}

#[test]
fn change_rounding_to_zero_is_basically_flat() {
    // 1 ÷ 2000 = 0.0005 = 0.05% → rounds to 0.1% at one decimal: a real change.
    assert_eq!(phrase(2001.0, 2000.0, false).unwrap(), "增长0.1%");
    // 1 ÷ 3000 = 0.000333… = 0.033% → 0.0% at one decimal: 基本持平.
    assert_eq!(phrase(3001.0, 3000.0, false).unwrap(), "基本持平");
    // 0.9871 − 0.9870 = 0.0001 = 0.01 points → 0.0: 基本持平.
    assert_eq!(phrase(0.9871, 0.987, true).unwrap(), "基本持平");
    // base 0 with an amount that rounds away: 0.001 万元 at 2 decimals → 0.
    let tiny = change_phrase(Some(0.001), Some(0.0), false, "万元", 1, 2);
    assert_eq!(tiny.unwrap(), "基本持平");
}

#[test]
fn change_of_rates_is_in_points() {
    assert_eq!(phrase(0.987, 0.935, true).unwrap(), "提升5.2个百分点"); // 98.7 − 93.5 = 5.2
    assert_eq!(phrase(0.182, 0.208, true).unwrap(), "下降2.6个百分点"); // 18.2 − 20.8 = −2.6
    assert_eq!(phrase(1.0, 1.0, true).unwrap(), "持平");
    assert_eq!(phrase(0.5, 0.0, true).unwrap(), "提升50个百分点"); // base 0 is fine for points
}

#[test]
fn change_with_units_and_amounts() {
    let money = change_phrase(Some(12.5), Some(0.0), false, "万元", 1, 2);
    assert_eq!(money.unwrap(), "增加12.5万元");
    let fewer = change_phrase(Some(-2.0), Some(0.0), false, "起", 1, 2);
    assert_eq!(fewer.unwrap(), "减少2起");
    // A negative base reads by direction: −10 → −5 is up by |5 ÷ −10| = 50%.
    assert_eq!(phrase(-5.0, -10.0, false).unwrap(), "增长50%");
}

#[test]
fn change_with_a_missing_side_is_none() {
    assert_eq!(change_phrase(None, Some(1.0), false, "起", 1, 2), None);
    assert_eq!(change_phrase(Some(1.0), None, false, "起", 1, 2), None);
    assert_eq!(
        change_phrase(Some(f64::NAN), Some(1.0), false, "起", 1, 2),
        None
    );
}

#[test]
fn trend_agrees_with_the_words() {
    let t = |c: f64, b: f64, pct: bool| {
        compare_values(c, b, pct, Better::Neither, 1, 2).map(|c| c.trend)
    };
    assert_eq!(t(9.0, 8.0, false), Some(Trend::Up));
    assert_eq!(t(7.0, 8.0, false), Some(Trend::Down));
    assert_eq!(t(8.0, 8.0, false), Some(Trend::Flat));
    assert_eq!(t(3001.0, 3000.0, false), Some(Trend::Flat)); // words: 基本持平
    assert_eq!(t(3.0, 0.0, false), Some(Trend::Up));
    assert_eq!(t(0.182, 0.208, true), Some(Trend::Down));
}

#[test]
fn statuses_and_grounds_in_words() {
    let zh = zh_cn();
    assert_eq!(zh.status(Status::Pending), "进行中");
    assert_eq!(zh.status_symbol(Status::Missed), "✗");
    let parts = Grounds::EachPart(vec![
        PartValue {
            period: "2024-H1".parse().unwrap(),
            value: Some(3.0),
        },
        PartValue {
            period: "2024-H2".parse().unwrap(),
            value: None,
        },
    ]);
    assert_eq!(zh.grounds(&parts).unwrap(), "上半年3，下半年未报送");
    assert_eq!(zh.grounds(&Grounds::Figure), None);
}

#[test]
fn requirements_read_as_rules() {
    let zh = zh_cn();
    let times = |v: f64| format!("{}次", crate::format::number(v, 0));
    assert_eq!(
        zh.requirement((Some(1.0), None), Per::Half, false, times),
        "每半年不少于1次"
    );
    assert_eq!(
        zh.requirement((None, Some(0.0)), Per::Period, false, times),
        "为0"
    );
    assert_eq!(
        zh.requirement((Some(1.0), Some(3.0)), Per::Year, false, times),
        "每年1次～3次"
    );
    // Rates read 不低于/不高于, with trailing zeros trimmed: 100%, not 100.00%.
    let pct = |v: f64| crate::format::percent(v, 2);
    assert_eq!(
        zh.requirement((Some(1.0), None), Per::Period, true, pct),
        "不低于100%"
    );
    assert_eq!(
        zh.requirement((None, Some(0.055)), Per::Period, true, pct),
        "不高于5.5%"
    );
}

#[test]
fn periods_are_named_as_titles_write_them() {
    let zh = zh_cn();
    let p = |s: &str| s.parse::<Period>().unwrap();
    assert_eq!(zh.period_label(p("2024-H1")), "2024年上半年");
    assert_eq!(zh.period_label(p("2024-H2")), "2024年下半年");
    assert_eq!(zh.period_label(p("2024")), "2024年度");
    assert_eq!(zh.period_label(p("2025-Q1")), "2025年第一季度");
    assert_eq!(zh.period_label(p("2025-01~09")), "2025年1—9月");
    assert_eq!(zh.period_label(p("2025-03")), "2025年3月");
    assert_eq!(zh.span_label(p("2025")), "全年");
    assert_eq!(zh.span_label(p("2025-H2")), "下半年");
    assert_eq!(zh.short_label(p("2025")), "年度");
    assert_eq!(zh.short_label(p("2025-Q4")), "第四季度");
    assert_eq!(zh.short_label(p("2025-12")), "12月");
}

#[test]
fn the_plans_heading_follows_the_period() {
    let heading = |s: &str| zh_cn().plans_heading(s.parse().unwrap());
    assert_eq!(heading("2025-H1"), "下半年工作安排");
    assert_eq!(heading("2025-H2"), "下一步工作计划");
    assert_eq!(heading("2025"), "2026年工作打算");
    assert_eq!(heading("2025-Q1"), "第二季度工作安排");
    assert_eq!(heading("2025-Q3"), "第四季度工作打算");
    assert_eq!(heading("2025-Q4"), "2026年第一季度工作安排");
    assert_eq!(heading("2025-01~09"), "第四季度工作打算");
    assert_eq!(heading("2025-01~08"), "9—12月工作打算");
    assert_eq!(heading("2025-03"), "4月工作安排");
    assert_eq!(heading("2025-12"), "2026年1月工作安排");
}

/// A comparison of `id` from the built-in catalog, as a report makes it.
fn of(id: &str, now: f64, before: f64, pd: usize) -> (Comparison, String, usize) {
    let c = crate::catalog::Catalog::builtin();
    let e = c.entry(c.get(id).unwrap()).clone();
    let cmp = crate::compute::compare::compare(&e, Some(now), Some(before), pd).unwrap();
    (cmp, e.unit, e.decimals)
}

#[test]
fn a_change_is_said_with_both_numbers() {
    // 48 → 56 accidents: −8, −8 ÷ 56 = −14.2857…% → 14.29% at two decimals.
    let (c, unit, vd) = of("accidents.count", 48.0, 56.0, 2);
    assert_eq!(zh_cn().statement(&c, &unit, 2, vd), "减少8起、下降14.29%");
    assert_eq!(zh_cn().absolute_change(&c, &unit, 2, vd), "减少8起");
    assert_eq!(zh_cn().relative_change(&c, 2).unwrap(), "下降14.29%");
    // 4 → 6 accidents: +2, 2 ÷ 4 = 50% — harm rises (上升), not 增长; zeros trimmed.
    let (c, unit, vd) = of("accidents.count", 6.0, 4.0, 2);
    assert_eq!(zh_cn().statement(&c, &unit, 2, vd), "增加2起、上升50%");
    // 0 → 3 deaths: no percentage of zero, the absolute change alone.
    let (c, unit, vd) = of("accidents.deaths", 3.0, 0.0, 2);
    assert_eq!(zh_cn().statement(&c, &unit, 2, vd), "增加3人");
    assert_eq!(zh_cn().relative_change(&c, 2), None);
}

#[test]
fn verbs_follow_the_kind_of_indicator() {
    // Work done grows: 40 → 45 hazards found, 5 ÷ 40 = 12.5%.
    let (c, unit, vd) = of("hazards.found", 45.0, 40.0, 1);
    assert_eq!(zh_cn().statement(&c, &unit, 1, vd), "增加5处、增长12.5%");
    assert_eq!(zh_cn().change(&c, &unit, 1, vd), "增长12.5%");
    // Harm rises: 1 → 2 deaths, 1 ÷ 1 = 100%.
    let (c, unit, vd) = of("accidents.deaths", 2.0, 1.0, 1);
    assert_eq!(zh_cn().change(&c, &unit, 1, vd), "上升100%");
    // A percentage moves in points, in every form: 93.5% → 98.7% is 5.2 points.
    let (c, unit, vd) = of("hazards.rectification_rate", 0.987, 0.935, 1);
    assert_eq!(zh_cn().statement(&c, &unit, 1, vd), "提升5.2个百分点");
    assert_eq!(zh_cn().absolute_change(&c, &unit, 1, vd), "提升5.2个百分点");
    // A scaled rate has no unit to count in: its percentage alone. 1.65 vs 1.88 → −12.2%.
    let (c, unit, vd) = of("accidents.deaths_per_100k_workers", 1.65, 1.88, 1);
    assert_eq!(zh_cn().statement(&c, &unit, 1, vd), "下降12.2%");
}

#[test]
fn named_slots_are_filled_in_one_pass() {
    use super::fill_named;
    let slots = [("label", "死亡人数"), ("units", "{label}、{x}")];
    assert_eq!(
        fill_named("{units}的{label}{}，{label}。{x", &slots),
        "{label}、{x}的死亡人数{}，死亡人数。{x"
    );
    assert_eq!(fill_named("无槽位", &slots), "无槽位");
    assert_eq!(fill_named("{unknown}{label}", &slots), "{unknown}死亡人数");
}
