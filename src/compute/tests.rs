//! Aggregation and roll-up, with the arithmetic written beside each assertion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;

/// Periods named by their ids: compute's messages without the locale (which compute
/// may not import; the binary's tests check the words).
struct Ids;

impl Names for Ids {
    fn label(&self, p: Period) -> String {
        p.to_string()
    }

    fn span(&self, p: Period) -> String {
        p.to_string()
    }

    fn short(&self, p: Period) -> String {
        p.to_string()
    }
}

fn compute(project: &Project) -> (Computed, Diagnostics) {
    super::compute(project, &Ids)
}
use crate::config::Config;
use crate::model::Unit;

/// A project built in memory: `units` are (name, parent index) in parents-first order,
/// `files` are (unit index, period, [(indicator id, value)]).
/// (unit index, period, [(indicator id, value)])
type FileSpec<'a> = (usize, &'a str, &'a [(&'a str, f64)]);

fn project(units: &[(&str, Option<usize>)], files: &[FileSpec]) -> Project {
    project_with(Catalog::builtin(), units, files)
}

fn project_with(catalog: Catalog, units: &[(&str, Option<usize>)], files: &[FileSpec]) -> Project {
    let mut list: Vec<Unit> = units
        .iter()
        .enumerate()
        .map(|(i, (name, parent))| Unit {
            id: i,
            dir: PathBuf::from(format!("data/{name}")),
            path: vec![name.to_string()],
            name: name.to_string(),
            short_name: None,
            slug: name.to_string(),
            level: None,
            signer: None,
            order: 0.0,
            parent: *parent,
            children: Vec::new(),
            files: BTreeMap::new(),
        })
        .collect();
    for i in 0..list.len() {
        if let Some(p) = list[i].parent {
            list[p].children.push(i);
        }
    }
    for (unit, period, values) in files {
        let mut f = PeriodFile {
            path: PathBuf::from(format!("data/{}/{period}.yaml", list[*unit].name)),
            values: vec![None; catalog.len()],
            locs: vec![None; catalog.len()],
            ..PeriodFile::default()
        };
        for (id, v) in values.iter() {
            f.values[catalog.get(id).unwrap()] = Some(*v);
        }
        list[*unit].files.insert(period.parse().unwrap(), f);
    }
    Project {
        root: PathBuf::from("."),
        config: Config::default(),
        catalog,
        units: list,
    }
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn value(c: &Computed, pr: &Project, unit: usize, period: &str, id: &str) -> Option<f64> {
    c.value(unit, p(period), pr.catalog.get(id).unwrap())
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn two_towns_roll_up_to_the_ratio_of_sums_not_the_average() {
    // Town A: 10 of 10 rectified (100%); town B: 891 of 990 (90%).
    // County: (10 + 891) ÷ (10 + 990) = 901 ÷ 1000 = 90.1% — not (100% + 90%) ÷ 2 = 95.0%.
    let pr = project(
        &[("县", None), ("甲镇", Some(0)), ("乙镇", Some(0))],
        &[
            (
                1,
                "2024-H1",
                &[("hazards.found", 10.0), ("hazards.rectified", 10.0)],
            ),
            (
                2,
                "2024-H1",
                &[("hazards.found", 990.0), ("hazards.rectified", 891.0)],
            ),
        ],
    );
    let (c, d) = compute(&pr);
    assert!(d.is_empty());
    assert!(close(
        value(&c, &pr, 0, "2024-H1", "hazards.rectification_rate"),
        0.901
    ));
    assert!(close(value(&c, &pr, 0, "2024-H1", "hazards.found"), 1000.0));
    assert_eq!(c.cell(0, p("2024-H1")).unwrap().basis, Basis::SubUnits);
}

#[test]
fn a_year_sums_flows_takes_h2_stocks_and_cannot_add_distinct_people() {
    let pr = project(
        &[("厂", None)],
        &[
            (
                0,
                "2024-H1",
                &[
                    ("hazards.found", 20.0),
                    ("hazards.rectified", 18.0),
                    ("emergency.plans", 5.0),
                    ("training.covered", 300.0),
                    ("training.headcount", 320.0),
                ],
            ),
            (
                0,
                "2024-H2",
                &[
                    ("hazards.found", 30.0),
                    ("hazards.rectified", 30.0),
                    ("emergency.plans", 6.0),
                    ("training.covered", 310.0),
                    ("training.headcount", 330.0),
                ],
            ),
        ],
    );
    let (c, _) = compute(&pr);
    // Flows: 20 + 30 = 50 found, 18 + 30 = 48 rectified, rate 48 ÷ 50 = 96%.
    assert!(close(value(&c, &pr, 0, "2024", "hazards.found"), 50.0));
    assert!(close(
        value(&c, &pr, 0, "2024", "hazards.rectification_rate"),
        0.96
    ));
    // Stocks: the year's value is H2's: 6 plans, 330 people to train.
    assert!(close(value(&c, &pr, 0, "2024", "emergency.plans"), 6.0));
    assert!(close(
        value(&c, &pr, 0, "2024", "training.headcount"),
        330.0
    ));
    // Distinct: 300 + 310 would count people trained twice → not derivable, so — .
    assert_eq!(value(&c, &pr, 0, "2024", "training.covered"), None);
    assert_eq!(value(&c, &pr, 0, "2024", "training.coverage"), None);
    assert_eq!(c.cell(0, p("2024")).unwrap().basis, Basis::Parts);
}

#[test]
fn an_annual_file_gives_the_distinct_count_and_its_ratio_follows() {
    let pr = project(
        &[("厂", None)],
        &[
            (
                0,
                "2024-H1",
                &[("training.covered", 300.0), ("training.headcount", 320.0)],
            ),
            (
                0,
                "2024-H2",
                &[("training.covered", 310.0), ("training.headcount", 330.0)],
            ),
            (0, "2024", &[("training.covered", 325.0)]),
        ],
    );
    let (c, d) = compute(&pr);
    assert!(d.is_empty());
    // 325 distinct people ÷ 330 (H2 headcount) = 0.98484…
    assert!(close(
        value(&c, &pr, 0, "2024", "training.coverage"),
        325.0 / 330.0
    ));
}

#[test]
fn an_annual_distinct_count_left_out_is_a_warning() {
    let pr = project(
        &[("厂", None)],
        &[
            (0, "2024-H1", &[("training.covered", 300.0)]),
            (0, "2024-H2", &[("training.covered", 310.0)]),
            (0, "2024", &[]),
        ],
    );
    let (_, d) = compute(&pr);
    assert!(!d.has_errors());
    assert_eq!(d.count(crate::diag::Severity::Warning), 1);
}

#[test]
fn an_annual_figure_that_disagrees_with_its_halves_is_an_error() {
    // H1 12 + H2 9 = 21, but the annual file says 22.
    let pr = project(
        &[("镇", None)],
        &[
            (0, "2024-H1", &[("drills.count", 12.0)]),
            (0, "2024-H2", &[("drills.count", 9.0)]),
            (0, "2024", &[("drills.count", 22.0)]),
        ],
    );
    let (c, d) = compute(&pr);
    assert!(d.has_errors());
    let msg = d.sorted()[0].to_string();
    assert!(
        msg.contains("22") && msg.contains("21") && msg.contains("2024.yaml"),
        "{msg}"
    );
    // The annual file's own figure is what the report shows.
    assert!(close(value(&c, &pr, 0, "2024", "drills.count"), 22.0));
}

#[test]
fn a_flow_missing_in_one_half_leaves_the_year_missing() {
    // H1 reported 10 drills, H2 did not report: the year is not 10, it is unknown.
    let pr = project(
        &[("镇", None)],
        &[
            (0, "2024-H1", &[("drills.count", 10.0)]),
            (0, "2024-H2", &[]),
        ],
    );
    let (c, _) = compute(&pr);
    assert_eq!(value(&c, &pr, 0, "2024", "drills.count"), None);
}

#[test]
fn a_unit_with_its_own_file_also_gets_the_subtotal_of_its_sub_units() {
    let pr = project(
        &[("镇", None), ("东村", Some(0)), ("西村", Some(0))],
        &[
            (0, "2024-H1", &[("inspections.units", 40.0)]),
            (1, "2024-H1", &[("inspections.units", 6.0)]),
            (2, "2024-H1", &[("inspections.units", 9.0)]),
        ],
    );
    let (c, _) = compute(&pr);
    let cell = c.cell(0, p("2024-H1")).unwrap();
    let i = pr.catalog.get("inspections.units").unwrap();
    // Own figure 40 stays; 下辖单位合计 6 + 9 = 15 beside it.
    assert_eq!(cell.basis, Basis::Own);
    assert_eq!(cell.values[i], Some(40.0));
    assert_eq!(cell.subtotal.as_ref().unwrap()[i], Some(15.0));
}

#[test]
fn roll_up_sums_what_was_reported_and_never_invents_zero() {
    // 东村 reports 5 drills, 西村 does not report drills at all: the town shows 5, not
    // "missing"; an indicator nobody reports stays missing, never 0.
    let pr = project(
        &[("镇", None), ("东村", Some(0)), ("西村", Some(0))],
        &[
            (
                1,
                "2024-H1",
                &[("drills.count", 5.0), ("hazards.found", 4.0)],
            ),
            (
                2,
                "2024-H1",
                &[("hazards.found", 0.0), ("hazards.rectified", 0.0)],
            ),
        ],
    );
    let (c, _) = compute(&pr);
    assert!(close(value(&c, &pr, 0, "2024-H1", "drills.count"), 5.0));
    assert_eq!(value(&c, &pr, 0, "2024-H1", "accidents.deaths"), None);
    // 东村 found 4 but did not report rectified; 西村 found 0 of 0. Only 西村 has both
    // parts, and its denominator is 0, so the town's rate is — (not 0%, not 100%).
    assert_eq!(
        value(&c, &pr, 0, "2024-H1", "hazards.rectification_rate"),
        None
    );
}

#[test]
fn a_zero_denominator_gives_no_ratio() {
    let pr = project(
        &[("村", None)],
        &[(
            0,
            "2024-H1",
            &[("hazards.major", 0.0), ("hazards.major_rectified", 0.0)],
        )],
    );
    let (c, _) = compute(&pr);
    assert_eq!(
        value(&c, &pr, 0, "2024-H1", "hazards.major_rectification_rate"),
        None
    );
}

#[test]
fn scaled_rates_use_their_scale() {
    // (0 deaths + 3 injuries) ÷ 1 500 000 hours × 1 000 000 = 2.0 per million hours
    let pr = project(
        &[("厂", None)],
        &[(
            0,
            "2024-H1",
            &[
                ("accidents.deaths", 0.0),
                ("accidents.injuries", 3.0),
                ("workforce.hours", 1_500_000.0),
            ],
        )],
    );
    let (c, _) = compute(&pr);
    assert!(close(
        value(
            &c,
            &pr,
            0,
            "2024-H1",
            "accidents.injury_rate_per_million_hours"
        ),
        2.0
    ));
}

#[test]
fn a_parent_without_files_gets_a_year_from_its_sub_units_years() {
    // 东村 gives covered for the year in its annual file (120); 西村 does not (—).
    // The town's year: 120 from the one sub-unit that reports it.
    let pr = project(
        &[("镇", None), ("东村", Some(0)), ("西村", Some(0))],
        &[
            (1, "2024-H1", &[("drills.count", 2.0)]),
            (1, "2024-H2", &[("drills.count", 3.0)]),
            (1, "2024", &[("training.covered", 120.0)]),
            (2, "2024-H1", &[("drills.count", 1.0)]),
            (2, "2024-H2", &[("drills.count", 1.0)]),
        ],
    );
    let (c, _) = compute(&pr);
    // (2 + 3) + (1 + 1) = 7 drills in the year.
    assert!(close(value(&c, &pr, 0, "2024", "drills.count"), 7.0));
    assert!(close(value(&c, &pr, 0, "2024", "training.covered"), 120.0));
    assert_eq!(c.cell(0, p("2024")).unwrap().basis, Basis::SubUnits);
    assert_eq!(
        c.unit_periods(0),
        vec![p("2024-H1"), p("2024-H2"), p("2024")]
    );
}

#[test]
fn a_sum_beyond_exact_whole_numbers_is_an_error_not_a_dash() {
    let pr = project(
        &[("县", None), ("甲镇", Some(0)), ("乙镇", Some(0))],
        &[
            (1, "2024-H1", &[("hazards.found", 5e15)]),
            (2, "2024-H1", &[("hazards.found", 5e15)]),
        ],
    );
    let (_, diags) = compute(&pr);
    let shown: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.starts_with("错误: data/县:") && d.contains("超过 2^53")),
        "{shown:?}"
    );
}

#[test]
fn months_make_a_quarter_quarters_a_half_and_halves_a_year() {
    // 2025-01..03 give 2 + 1 + 3 = 6 drills; Q2..Q4 have files of their own.
    let pr = project(
        &[("厂", None)],
        &[
            (
                0,
                "2025-01",
                &[("drills.count", 2.0), ("emergency.plans", 4.0)],
            ),
            (
                0,
                "2025-02",
                &[("drills.count", 1.0), ("emergency.plans", 4.0)],
            ),
            (
                0,
                "2025-03",
                &[("drills.count", 3.0), ("emergency.plans", 5.0)],
            ),
            (
                0,
                "2025-Q2",
                &[("drills.count", 4.0), ("emergency.plans", 5.0)],
            ),
            (
                0,
                "2025-Q3",
                &[("drills.count", 0.0), ("emergency.plans", 6.0)],
            ),
            (
                0,
                "2025-Q4",
                &[("drills.count", 5.0), ("emergency.plans", 6.0)],
            ),
        ],
    );
    let (c, d) = compute(&pr);
    assert!(!d.has_errors());
    let drills = |period: &str| value(&c, &pr, 0, period, "drills.count");
    assert!(close(drills("2025-Q1"), 6.0));
    // H1 = Q1 6 + Q2 4 = 10; H2 = 0 + 5 = 5; the year 10 + 5 = 15.
    assert!(close(drills("2025-H1"), 10.0));
    assert!(close(drills("2025-H2"), 5.0));
    assert!(close(drills("2025"), 15.0));
    // A stock is the last part's: March's 5 for Q1, Q4's 6 for the year.
    assert!(close(value(&c, &pr, 0, "2025-Q1", "emergency.plans"), 5.0));
    assert!(close(value(&c, &pr, 0, "2025", "emergency.plans"), 6.0));
    assert_eq!(c.cell(0, p("2025-H1")).unwrap().basis, Basis::Parts);
    // No file asks for 1—9月, so none is made; asked for, it is H1 10 + Q3 0.
    assert!(c.cell(0, p("2025-01~09")).is_none());
    let ytd = c.derived(&pr.catalog, 0, p("2025-01~09")).unwrap();
    assert!(close(ytd[pr.catalog.get("drills.count").unwrap()], 10.0));
}

#[test]
fn a_quarter_file_that_disagrees_with_its_months_is_an_error() {
    // 2 + 1 + 3 = 6, but the Q1 file says 7.
    let pr = project(
        &[("厂", None)],
        &[
            (0, "2025-01", &[("drills.count", 2.0)]),
            (0, "2025-02", &[("drills.count", 1.0)]),
            (0, "2025-03", &[("drills.count", 3.0)]),
            (0, "2025-Q1", &[("drills.count", 7.0)]),
        ],
    );
    let (c, d) = compute(&pr);
    let msg = d.sorted()[0].to_string();
    assert!(
        msg.contains("2025-Q1应急演练")
            && msg.contains("为 7，但2025-01、2025-02、2025-03相加是 6"),
        "{msg}"
    );
    assert!(close(value(&c, &pr, 0, "2025-Q1", "drills.count"), 7.0));
}

/// Accidents by sector (道路交通, 其他) for a county of three towns.
fn by_sector(files: &[FileSpec]) -> Project {
    let sectors = crate::catalog::BreakdownDef {
        group: "accidents".into(),
        categories: vec![
            ("road".into(), "道路交通".into()),
            ("other".into(), "其他".into()),
        ],
        loc: None,
    };
    let mut d = Diagnostics::new();
    let catalog = Catalog::with_breakdowns(&[], &[sectors], Path::new("zongjie.yaml"), &mut d);
    assert!(!d.has_errors());
    let units = [
        ("县", None),
        ("甲镇", Some(0)),
        ("乙镇", Some(0)),
        ("丙镇", Some(0)),
    ];
    project_with(catalog, &units, files)
}

#[test]
fn a_sub_unit_that_gives_only_the_total_leaves_the_categories_unknown_not_low() {
    // 甲镇 3 accidents: 2 road + 1 other. 乙镇 2 accidents, no sectors. 丙镇 none.
    // County: 3 + 2 + 0 = 5 accidents; road 2 + ? — unknown, not 2; other likewise.
    let pr = by_sector(&[
        (
            1,
            "2024-H1",
            &[
                ("accidents.count", 3.0),
                ("accidents.count_road", 2.0),
                ("accidents.count_other", 1.0),
            ],
        ),
        (2, "2024-H1", &[("accidents.count", 2.0)]),
        (3, "2024-H1", &[("accidents.count", 0.0)]),
    ]);
    let (c, _) = compute(&pr);
    assert!(close(value(&c, &pr, 0, "2024-H1", "accidents.count"), 5.0));
    assert_eq!(value(&c, &pr, 0, "2024-H1", "accidents.count_road"), None);
    assert_eq!(value(&c, &pr, 0, "2024-H1", "accidents.count_other"), None);
}

#[test]
fn categories_left_out_where_the_rest_make_up_the_total_are_zero() {
    // 甲镇 3 = 2 road + 1 other. 乙镇 2 = 2 road, 其他 left out (2 − 2 = 0).
    // 丙镇 0 accidents, no sectors typed: every sector 0.
    // County: road 2 + 2 + 0 = 4, other 1 + 0 + 0 = 1; 4 + 1 = 5 = 3 + 2 + 0.
    let pr = by_sector(&[
        (
            1,
            "2024-H1",
            &[
                ("accidents.count", 3.0),
                ("accidents.count_road", 2.0),
                ("accidents.count_other", 1.0),
            ],
        ),
        (
            2,
            "2024-H1",
            &[("accidents.count", 2.0), ("accidents.count_road", 2.0)],
        ),
        (3, "2024-H1", &[("accidents.count", 0.0)]),
    ]);
    let (c, _) = compute(&pr);
    assert!(close(
        value(&c, &pr, 0, "2024-H1", "accidents.count_road"),
        4.0
    ));
    assert!(close(
        value(&c, &pr, 0, "2024-H1", "accidents.count_other"),
        1.0
    ));
    // No town breaks it down: no categories for the county either.
    let pr = by_sector(&[(1, "2024-H1", &[("accidents.count", 3.0)])]);
    let (c, _) = compute(&pr);
    assert_eq!(value(&c, &pr, 0, "2024-H1", "accidents.count_road"), None);
}

#[test]
fn the_year_sums_each_category_of_its_halves() {
    // H1 road 2, other 1; H2 road 1, other 0 → year road 3, other 1, total 4.
    // With H2 given only as a total the year's sectors are unknown (—).
    let halves = |h2: &'static [(&'static str, f64)]| {
        by_sector(&[
            (
                1,
                "2024-H1",
                &[
                    ("accidents.count", 3.0),
                    ("accidents.count_road", 2.0),
                    ("accidents.count_other", 1.0),
                ],
            ),
            (1, "2024-H2", h2),
        ])
    };
    let pr = halves(&[
        ("accidents.count", 1.0),
        ("accidents.count_road", 1.0),
        ("accidents.count_other", 0.0),
    ]);
    let (c, _) = compute(&pr);
    assert!(close(
        value(&c, &pr, 1, "2024", "accidents.count_road"),
        3.0
    ));
    assert!(close(
        value(&c, &pr, 1, "2024", "accidents.count_other"),
        1.0
    ));
    assert!(
        close(value(&c, &pr, 0, "2024", "accidents.count_road"), 3.0),
        "and up to the county"
    );
    let pr = halves(&[("accidents.count", 1.0)]);
    let (c, _) = compute(&pr);
    assert!(close(value(&c, &pr, 1, "2024", "accidents.count"), 4.0));
    assert_eq!(value(&c, &pr, 1, "2024", "accidents.count_road"), None);
}
