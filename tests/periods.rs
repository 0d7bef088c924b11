//! Periods of every length through the real binary, on `tests/fixtures/quarters`: a town
//! (河口镇) that reports by quarter for 2024–2025, writes a 1—9月 report for 2025, and has a
//! village (北村) that reported 2025's first three months (5 + 3 + 4 = 12 hazards found,
//! all rectified: the town's own Q1 must agree with its months, which are the village's).
//! The arithmetic is written beside each assertion.
//!
//! | 河口镇   | found | rectified | drills | headcount |
//! |---------|-------|-----------|--------|-----------|
//! | 2024-Q1 | 10    | 9         | 1      | 100       |
//! | 2024-Q2 | 12    | 12        | 0      | 102       |
//! | 2024-Q3 | 8     | 8         | 2      | 105       |
//! | 2024-Q4 | 14    | 13        | 1      | 110       |
//! | 2025-Q1 | 12    | 12        | 1      | 112       |
//! | 2025-Q2 | 15    | 14        | 1      | 115       |
//! | 2025-Q3 | 6     | 6         | 0      | 118       |
//! | 2025-Q4 | 9     | 9         | 2      | 120       |

use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quarters")
}

mod common;
use common::zongjie_in as run;

/// The built site of the fixture, kept alive with its temporary folder.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let (code, err) = run(&fixture(), &["build", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    (tmp, out)
}

/// A page's text with tags and runs of whitespace reduced to single spaces, so table
/// rows read as `排查隐患 12 处 增长20.0% 下降14.3%`.
fn text(out: &Path, rel: &str) -> String {
    let html = fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut plain = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A copy of the fixture in a temporary folder, to change a file in.
fn copy_of_fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(fixture()) {
        let e = e.unwrap();
        let target = tmp.path().join(e.path().strip_prefix(fixture()).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
    tmp
}

#[test]
fn a_quarter_compares_with_last_years_quarter_and_the_quarter_before() {
    let (_tmp, out) = site();
    let q1 = text(&out, "hekou-zhen/2025-Q1/index.html");
    assert!(q1.contains("河口镇2025年第一季度安全生产工作总结"), "{q1}");
    // 同比 2024-Q1: (12 − 10) ÷ 10 = +20.0%; 环比 2024-Q4 (across the new year):
    // (12 − 14) ÷ 14 = −14.29% → 14.3%.
    assert!(q1.contains("排查隐患 12 处 增长20% 下降14.3%"), "{q1}");
    // 整改率 12 ÷ 12 = 100% against 9 ÷ 10 = 90%: +10.0 points; against 13 ÷ 14 = 92.86%: +7.1.
    assert!(
        q1.contains("隐患整改率 100% 提升10个百分点 提升7.1个百分点"),
        "{q1}"
    );
    let q3 = text(&out, "hekou-zhen/2025-Q3/index.html");
    // Prose: 同比 (6 − 8) ÷ 8 = −25.0%; 环比 2025-Q2: (6 − 15) ÷ 15 = −60.0%.
    assert!(
        q3.contains("第三季度排查隐患6处，同比减少2处、下降25%，环比减少9处、下降60%。"),
        "{q3}"
    );
    // No drill in Q3 under the per-half rule: Q4 can still make it up.
    assert!(q3.contains("进行中 第四季度需完成"), "{q3}");
}

#[test]
fn the_halves_and_the_year_derive_from_the_quarters() {
    let (_tmp, out) = site();
    let h1 = text(&out, "hekou-zhen/2025-H1/index.html");
    assert!(
        h1.contains("本单位未单独填写上半年文件，上半年数字由第一季度、第二季度数据汇总得出。"),
        "{h1}"
    );
    // 12 + 15 = 27 found; 同比 2024-H1 10 + 12 = 22: (27 − 22) ÷ 22 = +22.7%;
    // 环比 2024-H2 8 + 14 = 22 as well.
    assert!(h1.contains("排查隐患 27 处 增长22.7% 增长22.7%"), "{h1}");
    // Rectified 12 + 14 = 26; rate 26 ÷ 27 = 96.3%, recomputed, not averaged.
    assert!(h1.contains("隐患整改率 96.3%"), "{h1}");

    let year = text(&out, "hekou-zhen/2025/index.html");
    // 12 + 15 + 6 + 9 = 42 against 10 + 12 + 8 + 14 = 44: (42 − 44) ÷ 44 = −4.5%.
    assert!(year.contains("排查隐患 42 处 下降4.5%"), "{year}");
    // Rectified 12 + 14 + 6 + 9 = 41: 41 ÷ 42 = 97.6%; 2024: 42 ÷ 44 = 95.45%: +2.2 points.
    assert!(year.contains("隐患整改率 97.6% 提升2.2个百分点"), "{year}");
    // A stock takes the last quarter's 120 (2024: 110): +9.1%.
    assert!(year.contains("应培训人数 120 人 增长9.1%"), "{year}");
    // People trained cannot be added up over quarters: no figure, so no row.
    assert!(!year.contains("已培训人数"), "{year}");
    // The per-half drill rule: H1 1 + 1 = 2, H2 0 + 2 = 2, both ≥ 1.
    assert!(year.contains("达标 上半年2，下半年2"), "{year}");
}

#[test]
fn a_1_to_9_report_sums_h1_and_q3_and_compares_with_last_years_1_to_9() {
    let (_tmp, out) = site();
    let ytd = text(&out, "hekou-zhen/2025-01~09/index.html");
    assert!(ytd.contains("河口镇2025年1—9月安全生产工作总结"), "{ytd}");
    // 27 (H1) + 6 (Q3) = 33; 2024: 22 + 8 = 30; (33 − 30) ÷ 30 = +10.0%.
    // Rectified 26 + 6 = 32: 32 ÷ 33 = 97.0%.
    assert!(
        ytd.contains("累计排查隐患33处，同比增加3处、增长10%；已整改32处，整改率97%。"),
        "{ytd}"
    );
    // What follows 1—9月 is the fourth quarter; a span has no 环比 column.
    assert!(ytd.contains("第四季度工作打算"), "{ytd}");
    assert!(ytd.contains("指标 数值 单位 同比 排查隐患"), "{ytd}");
}

#[test]
fn a_town_with_its_own_quarter_lists_its_village_summed_from_months() {
    let (_tmp, out) = site();
    let q1 = text(&out, "hekou-zhen/2025-Q1/index.html");
    // 北村's Q1 from its months: 5 + 3 + 4 = 12 found, all 12 rectified.
    assert!(q1.contains("北村 12 12 100%"), "{q1}");
    let march = text(&out, "hekou-zhen/2025-03/index.html");
    assert!(march.contains("河口镇2025年3月安全生产工作总结"), "{march}");
    // No file of its own: the sum of its village's month.
    assert!(march.contains("由下辖1个单位的数据汇总得出"), "{march}");
    // 环比 is February: (4 − 3) ÷ 3 = +33.3%; no March 2024, so 同比 is —.
    assert!(march.contains("排查隐患 4 处 — 增长33.3%"), "{march}");
}

#[test]
fn the_unit_page_tabulates_and_draws_the_quarters() {
    let (_tmp, out) = site();
    let unit = text(&out, "hekou-zhen/index.html");
    // Columns: the quarters, the years and the 1—9月 file — not the derived halves.
    assert!(
        unit.contains(
            "指标 单位 2024年第一季度 2024年第二季度 2024年第三季度 2024年第四季度 2024年度 \
             2025年第一季度 2025年第二季度 2025年第三季度 2025年1—9月 2025年第四季度 2025年度"
        ),
        "{unit}"
    );
    assert!(
        unit.contains("排查隐患 处 10 12 8 14 44 12 15 6 33 9 42"),
        "{unit}"
    );
    // The trend runs over the eight quarters (its description says so; the numbers are in
    // its data table).
    assert!(
        unit.contains("横轴为2024年第一季度至2025年第四季度共8项"),
        "{unit}"
    );
    assert!(unit.contains("河口镇2025年上半年安全生产工作总结 由各季度汇总"));
}

#[test]
fn a_half_year_file_must_agree_with_its_quarters() {
    let tmp = copy_of_fixture();
    let file = tmp.path().join("data/河口镇/2025-H1.yaml");
    fs::write(&file, "indicators:\n  hazards: {found: 28}\n").unwrap();
    let (code, err) = run(tmp.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    // Q1 12 + Q2 15 = 27, not 28.
    assert!(
        err.contains(
            "错误: data/河口镇/2025-H1.yaml:2:20: 上半年排查隐患（hazards.found）为 28，但第一季度与第二季度相加是 27"
        ),
        "{err}"
    );
    // Agreeing with them is fine, and the file's figure is the one shown.
    fs::write(&file, "indicators:\n  hazards: {found: 27}\n").unwrap();
    let (code, err) = run(tmp.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_span_with_a_usual_name_is_refused_with_that_name() {
    let tmp = copy_of_fixture();
    fs::write(
        tmp.path().join("data/河口镇/2024-01~06.yaml"),
        "indicators: {}\n",
    )
    .unwrap();
    let (code, err) = run(tmp.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("“2024-01~06”是2024年上半年，请写作 2024-H1"),
        "{err}"
    );
    assert!(err.contains("把文件改名为 2024-H1.yaml"), "{err}");
}

#[test]
fn new_starts_a_quarter_from_the_same_quarter_a_year_earlier() {
    let tmp = copy_of_fixture();
    let (code, err) = run(tmp.path(), &["new", "河口镇", "2026-Q3"]);
    assert_eq!(code, 0, "{err}");
    // 2025-Q3, not the later 2025-Q4 nor the 1—9月 file.
    assert!(err.contains("依据 data/河口镇/2025-Q3.yaml"), "{err}");
    let text = fs::read_to_string(tmp.path().join("data/河口镇/2026-Q3.yaml")).unwrap();
    assert!(
        text.starts_with("# 河口镇2026年第三季度安全生产工作总结"),
        "{text}"
    );
    assert!(text.contains("  - title: 隐患排查整治\n"), "{text}");
    assert!(text.contains("# 三、第四季度工作打算"), "{text}");
    assert!(text.contains("例如 2026-10-05"), "{text}");
    let (code, err) = run(tmp.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn every_quarter_month_and_span_model_follows_the_schema() {
    let (_tmp, out) = site();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report.schema.json");
    let mut schemas = boon::Schemas::new();
    let index = boon::Compiler::new()
        .compile(schema.to_str().unwrap(), &mut schemas)
        .unwrap_or_else(|e| panic!("{e:#}"));
    let mut checked = 0;
    for e in walkdir::WalkDir::new(out.join("data/reports")) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_slice(&fs::read(e.path()).unwrap()).unwrap();
        if let Err(err) = schemas.validate(&value, index) {
            panic!("{}: {err:#}", e.path().display());
        }
        checked += 1;
    }
    // 河口镇: 8 quarters, 4 halves, 2 years, 2 spans of 1—9月, 3 months (its village's);
    // 北村: 3 months and their Q1 (no Q2, so no H1 nor year).
    assert_eq!(checked, 19 + 4, "one model per report");
    let ytd = fs::read_to_string(out.join("data/reports/hekou-zhen/2025-01~09.json")).unwrap();
    // Q3's drill rule in the 1—9月 report: H1 judged whole, Q3 so far.
    assert!(ytd.contains(r#""kind":"each_part""#), "{ytd}");
    assert!(ytd.contains(r#""id":"2025-01~09""#), "{ytd}");
}
