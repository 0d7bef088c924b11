//! `zongjie form` and `zongjie import` through the real binary, on copies of
//! `tests/fixtures/import-project`: the round trip from form to built report, every
//! tolerance of filled sheets, and every error with the message the clerk sees.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::Workbook;

const EAST: &str = "data/城关镇/东村/2025-H1.yaml";
const WEST: &str = "data/城关镇/西村/2025-H1.yaml";

fn zongjie(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("zongjie").unwrap();
    cmd.arg("-C").arg(project).current_dir(project);
    cmd
}

/// Exit code, stdout and stderr.
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn project_copy() -> (tempfile::TempDir, PathBuf) {
    common::fixture_copy("import-project")
}

/// What a clerk types into a cell.
#[derive(Clone, Copy)]
enum Typed {
    Number(f64),
    Text(&'static str),
}

/// Writes `out` as the form at `form` filled in: every cell of every sheet copied, the
/// given cells set (found by the hidden ids: unit path in column A, indicator id in row 1),
/// and the `extra` rows below.
/// Rows added below the units: a name in the visible name column, figures by id (a 合计
/// row, or a row the clerk added for a unit the form does not list).
type Extra<'a> = (&'a str, &'a [(&'a str, f64)]);

fn fill(form: &Path, out: &Path, cells: &[(&str, &str, Typed)], extra: &[Extra]) {
    let mut book = open_workbook_auto(form).unwrap();
    let mut new = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let sheet = new.add_worksheet();
        sheet.set_name(&name).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        for (r, row) in rows.iter().enumerate() {
            for (c, d) in row.iter().enumerate() {
                match d {
                    Data::String(s) => sheet.write_string(r as u32, c as u16, s).unwrap(),
                    Data::Float(f) => sheet.write_number(r as u32, c as u16, *f).unwrap(),
                    Data::Int(i) => sheet.write_number(r as u32, c as u16, *i as f64).unwrap(),
                    _ => sheet,
                };
            }
        }
        if name != "报表" {
            continue;
        }
        let col = |id: &str| {
            rows[0]
                .iter()
                .position(|d| *d == Data::String(id.into()))
                .unwrap() as u16
        };
        for (unit, id, typed) in cells {
            let r = rows
                .iter()
                .position(|row| row[0] == Data::String(unit.to_string()))
                .unwrap() as u32;
            match typed {
                Typed::Number(n) => sheet.write_number(r, col(id), *n).unwrap(),
                Typed::Text(t) => sheet.write_string(r, col(id), *t).unwrap(),
            };
        }
        for (k, (name, figures)) in extra.iter().enumerate() {
            let r = (rows.len() + k) as u32;
            sheet.write_string(r, 1, *name).unwrap();
            for (id, v) in figures.iter() {
                sheet.write_number(r, col(id), *v).unwrap();
            }
        }
    }
    new.save(out).unwrap();
}

fn make_form(project: &Path) -> PathBuf {
    let form = project.join("城关镇2025-H1填报表.xlsx");
    let (code, _, err) = run(zongjie(project).args(["form", "城关镇", "2025-H1"]));
    assert_eq!(code, 0, "{err}");
    assert!(form.is_file(), "{err}");
    form
}

/// The value column of indicators.csv for one unit, period and indicator.
fn exported(site: &Path, unit: &str, period: &str, id: &str) -> Option<String> {
    let csv = fs::read_to_string(site.join("data/indicators.csv")).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| {
            f[at("单位路径")] == unit && f[at("期间代码")] == period && f[at("指标代码")] == id
        })
        .map(|f| f[at("数值")].to_string())
}

#[test]
fn round_trip_form_fill_import_check_build() {
    let (_tmp, project) = project_copy();
    let form = make_form(&project);
    let filled = project.join("东村等.xlsx");
    let east = "城关镇/东村";
    let west = "城关镇/西村";
    fill(
        &form,
        &filled,
        &[
            (east, "inspections.units", Typed::Text("12")),
            (east, "inspections.groups", Typed::Number(2.0)),
            (east, "hazards.found", Typed::Text("３")),
            (east, "hazards.rectified", Typed::Text(" 3 ")),
            (east, "accidents.count", Typed::Number(0.0)),
            (west, "hazards.found", Typed::Number(5.0)),
            (west, "hazards.rectified", Typed::Number(4.0)),
            (west, "inspections.units", Typed::Text("—")),
            (west, "accidents.deaths", Typed::Text("")),
        ],
        &[(
            "合 计",
            &[("hazards.found", 8.0), ("inspections.units", 12.0)],
        )],
    );
    let before = fs::read_to_string(project.join(EAST)).unwrap();
    let (code, out, err) = run(zongjie(&project).args(["import", "东村等.xlsx"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("data/城关镇/西村/2025-H1.yaml（新建）"),
        "{out}"
    );
    assert!(
        out.contains("排查隐患（hazards.found）：— → 3（东村等.xlsx 报表!"),
        "{out}"
    );

    // Only the figure lines changed, byte for byte.
    let after = fs::read_to_string(project.join(EAST)).unwrap();
    let changed: Vec<(usize, &str)> = before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (b, a))| b != a)
        .map(|(i, (_, a))| (i + 1, a))
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    // The comment keeps its column.
    let hash = |text: &str| text.lines().nth(7).unwrap().find('#');
    assert_eq!(hash(&before), hash(&after));
    assert_eq!(
        changed,
        [
            (
                8,
                "    units: 12                   # 检查生产经营单位（家次）"
            ),
            (10, "  hazards: {found: 3, rectified: 3}"),
            (12, "    count: 0"),
        ]
    );
    // The missing file is made in `new`'s shape, with the figures filled in.
    let west_text = fs::read_to_string(project.join(WEST)).unwrap();
    assert!(west_text.contains("由 zongjie new"), "{west_text}");
    assert!(west_text.contains("    found: 5"), "{west_text}");
    assert!(west_text.contains("    rectified: 4"), "{west_text}");
    // 南关村 and 鑫源化工 reported nothing: no file made for them.
    assert!(!project.join("data/城关镇/南关村/2025-H1.yaml").exists());

    let (code, _, err) = run(zongjie(&project).arg("check"));
    assert_eq!(code, 0, "{err}");
    let site = project.join("site");
    let (code, _, err) = run(zongjie(&project).args(["-q", "build"]));
    assert_eq!(code, 0, "{err}");
    let got = |unit: &str, id: &str| exported(&site, unit, "2025-H1", id);
    assert_eq!(got(east, "inspections.units").as_deref(), Some("12"));
    assert_eq!(got(east, "hazards.found").as_deref(), Some("3"));
    assert_eq!(got(east, "accidents.count").as_deref(), Some("0"));
    assert_eq!(got(west, "hazards.rectified").as_deref(), Some("4"));
    // "—" is not reported: no figure, never 0.
    assert_eq!(got(west, "inspections.units"), None);
    let page = fs::read_to_string(site.join("城关镇/东村/2025-H1/index.html")).unwrap();
    assert!(page.contains("排查隐患3处，已整改3处，整改率100"), "{page}");

    // Importing the same sheet again changes nothing.
    let (code, _, err) = run(zongjie(&project).args(["import", "东村等.xlsx"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("将写入 0 个文件") || err.contains("已写入 0 个文件"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(project.join(EAST)).unwrap(), after);
}

/// The fixture project, its form for 2025-H1 filled with `cells` as `东村等.xlsx`.
fn filled_project(cells: &[(&str, &str, Typed)], extra: &[Extra]) -> (tempfile::TempDir, PathBuf) {
    let (tmp, project) = project_copy();
    let form = make_form(&project);
    fill(&form, &project.join("东村等.xlsx"), cells, extra);
    (tmp, project)
}

fn import(project: &Path, args: &[&str]) -> (i32, String, String) {
    run(zongjie(project).arg("import").args(args))
}

/// The data files' text, to show that a failed import wrote nothing.
fn data_files(project: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(project.join("data"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Runs an import that must fail with exit code 1 and change nothing; returns stderr.
fn failing_import(project: &Path, args: &[&str]) -> String {
    let before = data_files(project);
    let (code, out, err) = import(project, args);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("没有写入任何文件"), "{err}");
    assert_eq!(data_files(project), before, "files changed: {out}{err}");
    err
}

const EAST_UNIT: &str = "城关镇/东村";
const WEST_UNIT: &str = "城关镇/西村";

#[test]
fn a_total_row_that_does_not_add_up_names_its_cell() {
    let (_tmp, project) = filled_project(
        &[
            (EAST_UNIT, "hazards.found", Typed::Number(3.0)),
            (WEST_UNIT, "hazards.found", Typed::Number(5.0)),
        ],
        &[("合计", &[("hazards.found", 9.0)])],
    );
    let err = failing_import(&project, &["东村等.xlsx"]);
    assert!(
        err.contains(
            "错误: 东村等.xlsx 报表!E9: 合计行的排查隐患（hazards.found）为 9，而各单位之和为 8"
        ),
        "{err}"
    );
    assert!(err.contains("合计只用来核对，不会写入"), "{err}");
}

#[test]
fn cells_that_are_not_figures_are_named_by_file_sheet_and_cell() {
    // Rows: 东村 5, 南关村 6, 西村 7, 鑫源化工 8; columns C units … F rectified.
    let (_tmp, project) = filled_project(
        &[
            (EAST_UNIT, "hazards.found", Typed::Text("三")),
            (WEST_UNIT, "hazards.rectified", Typed::Number(-1.0)),
            (WEST_UNIT, "inspections.units", Typed::Text("2.5")),
        ],
        &[],
    );
    let err = failing_import(&project, &["东村等.xlsx"]);
    for want in [
        "错误: 东村等.xlsx 报表!E5: 排查隐患（hazards.found）应为数字，这里是“三”\n  提示: 只填阿拉伯数字（单位：处）",
        "错误: 东村等.xlsx 报表!F7: 已整改隐患（hazards.rectified）不能是负数：-1",
        "错误: 东村等.xlsx 报表!C7: 检查生产经营单位（inspections.units）是逐个计数的，应为整数，这里是 2.5",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
}

#[test]
fn the_rules_of_check_apply_and_point_at_the_cell() {
    let (_tmp, project) = filled_project(
        &[
            (EAST_UNIT, "hazards.found", Typed::Number(3.0)),
            (EAST_UNIT, "hazards.rectified", Typed::Number(5.0)),
        ],
        &[],
    );
    let err = failing_import(&project, &["东村等.xlsx"]);
    assert!(
        err.contains("错误: 东村等.xlsx 报表!F5: 已整改隐患（hazards.rectified）为 5，多于排查隐患（hazards.found）的 3（读入 data/城关镇/东村/2025-H1.yaml 后）"),
        "{err}"
    );
}

#[test]
fn halves_that_no_longer_add_up_to_the_year_stop_the_import() {
    let (_tmp, project) = project_copy();
    fs::write(
        project.join("data/城关镇/东村/2024.yaml"),
        "indicators:\n  hazards: {found: 10}\n",
    )
    .unwrap();
    let (code, _, err) =
        run(zongjie(&project).args(["form", "城关镇", "2024-H1", "--out", "上半年.xlsx"]));
    assert_eq!(code, 0, "{err}");
    fill(
        &project.join("上半年.xlsx"),
        &project.join("东村.xlsx"),
        &[(EAST_UNIT, "hazards.found", Typed::Number(3.0))],
        &[],
    );
    let err = failing_import(&project, &["东村.xlsx"]);
    assert!(
        err.contains("错误: data/城关镇/东村/2024.yaml:2:20: 读入后：全年排查隐患（hazards.found）为 10，但上半年与下半年相加是 7"),
        "{err}"
    );
}

#[test]
fn a_different_figure_is_a_conflict_kept_unless_forced() {
    let (_tmp, project) = filled_project(
        &[
            (EAST_UNIT, "inspections.groups", Typed::Number(3.0)),
            (EAST_UNIT, "hazards.found", Typed::Number(4.0)),
        ],
        &[],
    );
    let (code, out, err) = import(&project, &["东村等.xlsx"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("没有覆盖的（核对后用 --force 以报表为准）：\n  data/城关镇/东村/2025-H1.yaml 派出检查组（inspections.groups）：2 → 3（东村等.xlsx 报表!D5）"),
        "{out}"
    );
    let text = fs::read_to_string(project.join(EAST)).unwrap();
    assert!(text.contains("    groups: 2 "), "{text}");
    // The figure without a conflict is written.
    assert!(text.contains("{found: 4, rectified: }"), "{text}");

    let (code, out, err) = import(&project, &["东村等.xlsx", "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("派出检查组（inspections.groups）：2 → 3"),
        "{out}"
    );
    let text = fs::read_to_string(project.join(EAST)).unwrap();
    assert!(
        text.contains("    groups: 3                   # 派出检查组（组次）"),
        "{text}"
    );
}

#[test]
fn dry_run_prints_old_and_new_file_by_file_and_writes_nothing() {
    let (_tmp, project) = filled_project(
        &[
            (EAST_UNIT, "hazards.found", Typed::Number(4.0)),
            (WEST_UNIT, "hazards.found", Typed::Number(2.0)),
        ],
        &[],
    );
    let before = data_files(&project);
    let (code, out, err) = import(&project, &["东村等.xlsx", "--dry-run"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "data/城关镇/东村/2025-H1.yaml\n  排查隐患（hazards.found）：— → 4（东村等.xlsx 报表!E5）\n\
         data/城关镇/西村/2025-H1.yaml（新建）\n  排查隐患（hazards.found）：— → 2（东村等.xlsx 报表!E7）\n"
    );
    assert!(err.contains("将写入 2 个文件的 2 个数字"), "{err}");
    assert!(err.contains("--dry-run：没有写入任何文件"), "{err}");
    assert_eq!(data_files(&project), before);
}

#[test]
fn a_sheet_in_another_layout_is_mapped_by_label_unit_and_name() {
    let (_tmp, project) = project_copy();
    fs::write(
        project.join("统计.csv"),
        "城关镇2025年上半年隐患排查治理统计表,,,,,,\n\
         序号,单位名称,排查隐患（处）,已整改隐患(处),隐患整改率（%）,排查隐患数,备注\n\
         1,西村 ,5,4,80%,,\n\
         2,东村村委会,３,\"3\",,,已核实\n\
         3,南关,—,/,,,\n\
         合计,,8,7,,,\n\
         ,填表人：张三　审核人：李四,,,,,\n",
    )
    .unwrap();
    let (code, out, err) = import(&project, &["统计.csv"]);
    assert_eq!(code, 0, "{out}{err}");
    for want in [
        "警告: 统计.csv B4: 单位“东村村委会”按 城关镇/东村 读入",
        "警告: 统计.csv E2: 隐患整改率（hazards.rectification_rate）由系统计算，这一列不读入",
        "警告: 统计.csv F2: 不认识的表头“排查隐患数”，这一列不读入\n  提示: 是不是“排查隐患”？",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(!err.contains("备注") && !err.contains("序号"), "{err}");
    // 南关 is 南关村's short name: taken without a word.
    assert!(!err.contains("南关"), "{err}");
    let east = fs::read_to_string(project.join(EAST)).unwrap();
    assert!(
        east.contains("  hazards: {found: 3, rectified: 3}\n"),
        "{east}"
    );
    let west = fs::read_to_string(project.join(WEST)).unwrap();
    assert!(
        west.contains("    found: 5") && west.contains("    rectified: 4"),
        "{west}"
    );
}

#[test]
fn a_foreign_workbook_with_merged_headers_and_an_unknown_unit() {
    let (_tmp, project) = project_copy();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    sheet.merge_range(0, 0, 0, 2, "隐患统计", &plain).unwrap();
    sheet.merge_range(1, 0, 2, 0, "村（社区）", &plain).unwrap();
    sheet
        .merge_range(1, 1, 1, 2, "隐患排查治理", &plain)
        .unwrap();
    sheet.write_string(2, 1, "排查隐患\n（处）").unwrap();
    sheet.write_string(2, 2, "已整改隐患（处）").unwrap();
    for (r, (name, found, rectified)) in [("西庄", 5.0, 4.0), ("东村", 3.0, 3.0)].iter().enumerate()
    {
        let r = 3 + r as u32;
        sheet.write_string(r, 0, *name).unwrap();
        sheet.write_number(r, 1, *found).unwrap();
        sheet.write_number(r, 2, *rectified).unwrap();
    }
    book.save(project.join("各村.xlsx")).unwrap();

    // No period in the title, sheet name or file name.
    let err = failing_import(&project, &["各村.xlsx"]);
    assert!(
        err.contains("错误: 各村.xlsx Sheet1: 读不出这张表是哪一期的"),
        "{err}"
    );
    let err = failing_import(&project, &["各村.xlsx", "--period", "2025-H1"]);
    assert!(
        err.contains("错误: 各村.xlsx Sheet1!A4: 找不到单位“西庄”\n  提示: 是不是“西村”？"),
        "{err}"
    );
    assert!(!err.contains("东村"), "{err}");
}

#[test]
fn a_header_in_another_unit_of_measure_is_refused() {
    let (_tmp, project) = project_copy();
    fs::write(
        project.join("2025-H1罚款.csv"),
        "单位,罚款金额（元）\n东村,12000\n",
    )
    .unwrap();
    let err = failing_import(&project, &["2025-H1罚款.csv"]);
    assert!(
        err.contains("错误: 2025-H1罚款.csv B1: 表头“罚款金额（元）”的单位是 元，而罚款金额（enforcement.fines_10k_yuan）以 万元 计\n  提示: 把这一列换算成 万元，表头改为“罚款金额（万元）”后重新读入。"),
        "{err}"
    );
}

#[test]
fn the_same_figure_given_twice_differently_is_an_error_naming_both_cells() {
    let (_tmp, project) = project_copy();
    fs::write(
        project.join("甲.csv"),
        "2025年上半年\n单位,排查隐患（处）\n东村,3\n",
    )
    .unwrap();
    fs::write(
        project.join("乙.csv"),
        "2025年上半年\n单位,排查隐患（处）\n东村,4\n",
    )
    .unwrap();
    let err = failing_import(&project, &["甲.csv", "乙.csv"]);
    assert!(
        err.contains("错误: 乙.csv B3: 东村的排查隐患（hazards.found）在 甲.csv B3 是 3，这里是 4"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_sheet_is_refused() {
    let (_tmp, project) = project_copy();
    fs::write(project.join("说明.txt"), "东村 3\n").unwrap();
    fs::write(project.join("坏.xlsx"), "not a zip").unwrap();
    let err = failing_import(&project, &["说明.txt", "坏.xlsx", "没有.xlsx"]);
    assert!(
        err.contains("错误: 说明.txt: 说明.txt 不是能读入的报表"),
        "{err}"
    );
    assert!(err.contains("错误: 坏.xlsx: 无法打开 坏.xlsx"), "{err}");
    assert!(err.contains("错误: 没有.xlsx: 无法打开 没有.xlsx"), "{err}");
}

#[test]
fn the_form_has_ids_labels_groups_and_a_hidden_sheet() {
    let (_tmp, project) = project_copy();
    let form = make_form(&project);
    let mut book = open_workbook_auto(&form).unwrap();
    assert_eq!(book.sheet_names(), ["报表", "填表说明", "zongjie"]);
    let hidden: Vec<bool> = book
        .sheets_metadata()
        .iter()
        .map(|s| s.visible != calamine::SheetVisible::Visible)
        .collect();
    assert_eq!(hidden, [false, false, true]);
    let r = book.worksheet_range("报表").unwrap();
    let text = |row: u32, col: u32| {
        r.get_value((row, col))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    assert_eq!(text(0, 0), "zongjie-form");
    assert_eq!(text(0, 4), "hazards.found");
    assert_eq!(text(1, 1), "城关镇2025年上半年安全生产指标填报表");
    assert_eq!(text(2, 4), "隐患排查治理");
    assert_eq!(text(3, 4), "排查隐患（处）");
    let units: Vec<String> = (4..8).map(|row| text(row, 0)).collect();
    assert_eq!(
        units,
        [
            "城关镇/东村",
            "城关镇/南关村",
            "城关镇/西村",
            "城关镇/鑫源化工"
        ]
    );
    // Computed ratios have no column.
    assert!((0..r.width() as u32).all(|c| !text(0, c).contains("rate")));
    let help = book.worksheet_range("填表说明").unwrap();
    let all: Vec<String> = help.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(
        all.iter().any(|t| t.contains("留空表示“未报送”")),
        "{all:?}"
    );
    assert!(
        all.iter().any(|t| t.contains("不能多于“排查隐患”")),
        "{all:?}"
    );

    let (code, _, err) = run(zongjie(&project).args([
        "form",
        "城关镇/东村",
        "2025-H1",
        "--self",
        "--out",
        "东村.xlsx",
    ]));
    assert_eq!(code, 0, "{err}");
    let mut own = open_workbook_auto(project.join("东村.xlsx")).unwrap();
    let r = own.worksheet_range("报表").unwrap();
    assert_eq!(r.get_value((4, 0)).unwrap().to_string(), "城关镇/东村");
    assert!(r.get_value((5, 0)).is_none_or(|d| d.to_string().is_empty()));

    // A second form never replaces the first (it may have been filled in meanwhile).
    let (code, _, err) = run(zongjie(&project).args(["form", "城关镇", "2025-H1"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("城关镇2025-H1填报表.xlsx 已经存在，不会覆盖它"),
        "{err}"
    );

    let (code, _, err) = run(zongjie(&project).args(["form", "北村", "2025-H1"]));
    assert_eq!(code, 2);
    assert!(err.contains("data/ 下没有单位“北村”"), "{err}");
}

#[test]
fn a_row_added_to_the_form_for_an_unlisted_unit_is_refused() {
    let (_tmp, project) = filled_project(
        &[(EAST_UNIT, "hazards.found", Typed::Number(3.0))],
        &[("北村", &[("hazards.found", 2.0)])],
    );
    let err = failing_import(&project, &["东村等.xlsx"]);
    assert!(
        err.contains(
            "错误: 东村等.xlsx 报表!B9: 这一行有数字，但不是报表中原有的单位行（隐藏的 A 列为空）"
        ),
        "{err}"
    );
}

/// One part of an xlsx file (a zip of XML parts) as text.
fn xlsx_part(file: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_form_is_validated_locked_and_hides_its_ids() {
    let (_tmp, project) = project_copy();
    let form = make_form(&project);
    let sheet = xlsx_part(&form, "xl/worksheets/sheet1.xml");
    // Headers locked: the sheet is protected and only the figure cells are unlocked.
    assert!(sheet.contains("<sheetProtection"), "{sheet}");
    // Row 1 (indicator ids) and column A (unit paths) are hidden.
    assert!(
        sheet.contains(r#"<row r="1" spans="1:8" hidden="1">"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"<col min="1" max="1" width="0" hidden="1""#),
        "{sheet}"
    );
    // Counts take whole numbers ≥ 0, 万元 decimals ≥ 0, each with its rule as the prompt.
    assert!(
        sheet.contains(r#"<dataValidation type="whole" operator="greaterThanOrEqual""#),
        "{sheet}"
    );
    assert!(sheet.contains("填不小于 0 的整数（单位：处）；未报送的留空，确实为零的填 0。"));
    assert!(sheet.contains(r#"sqref="E5:E8""#), "{sheet}");
    let book = xlsx_part(&form, "xl/workbook.xml");
    assert!(
        book.contains(r#"<sheet name="zongjie" sheetId="3" state="hidden""#),
        "{book}"
    );
}

#[test]
fn a_form_saved_as_csv_reads_back_by_its_ids_and_title() {
    let (_tmp, project) = project_copy();
    let form = make_form(&project);
    let mut book = open_workbook_auto(&form).unwrap();
    let range = book.worksheet_range("报表").unwrap();
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect();
    let col = rows[0].iter().position(|c| c == "hazards.found").unwrap();
    let row = rows.iter().position(|r| r[0] == EAST_UNIT).unwrap();
    rows[row][col] = "7".into();
    let csv: String = rows.iter().map(|r| r.join(",") + "\r\n").collect();
    // Excel on Chinese Windows saves CSV in GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    fs::write(project.join("东村.csv"), gbk).unwrap();
    let (code, out, err) = import(&project, &["东村.csv"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("排查隐患（hazards.found）：— → 7（东村.csv E5）"),
        "{out}"
    );
}

/// A minimal OpenDocument spreadsheet (what LibreOffice and WPS save as .ods) with one
/// sheet of the given rows; numbers as float cells, the rest as strings.
fn write_ods(path: &Path, sheet: &str, rows: &[&[&str]]) {
    use std::io::Write;
    let cell = |v: &str| match v.parse::<f64>() {
        Ok(_) => format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        ),
        Err(_) => format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        ),
    };
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(|v| cell(v)).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_ods_sheet_from_libreoffice_or_wps_is_read() {
    let (_tmp, project) = project_copy();
    write_ods(
        &project.join("西村.ods"),
        "表1",
        &[
            &["西村2025年上半年安全生产情况"],
            &["单位", "排查隐患（处）", "已整改隐患（处）"],
            &["西村", "6", "６"],
        ],
    );
    let (code, out, err) = import(&project, &["西村.ods"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("排查隐患（hazards.found）：— → 6（西村.ods 表1!B3）"),
        "{out}"
    );
    assert!(
        out.contains("已整改隐患（hazards.rectified）：— → 6（西村.ods 表1!C3）"),
        "{out}"
    );
}

#[test]
fn a_total_is_not_blamed_for_a_row_that_was_refused() {
    let (_tmp, project) = project_copy();
    fs::write(
        project.join("2025-H1.csv"),
        "单位,排查隐患（处）\n东村,3\n西村,二\n合计,5\n",
    )
    .unwrap();
    let err = failing_import(&project, &["2025-H1.csv"]);
    assert!(
        err.contains("错误: 2025-H1.csv B3: 排查隐患（hazards.found）应为数字，这里是“二”"),
        "{err}"
    );
    assert!(!err.contains("合计行"), "{err}");
}
