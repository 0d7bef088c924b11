//! `zongjie form` and `zongjie import` through the real binary, on copies of
//! `tests/fixtures/import-project`: the round trip from form to built report, every
//! tolerance of filled sheets, and every error with the message the clerk sees.

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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-project");
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("项目");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = dst.join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    (tmp, dst)
}

/// What a clerk types into a cell.
#[derive(Clone, Copy)]
enum Typed {
    Number(f64),
    Text(&'static str),
}

/// Writes `out` as the form at `form` filled in: every cell of every sheet copied, the
/// given cells set (found by the hidden ids: unit path in column A, indicator id in row 1),
/// and, when `total` is set, a 合计 row of the numbers given.
fn fill(form: &Path, out: &Path, cells: &[(&str, &str, Typed)], total: Option<&[(&str, f64)]>) {
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
        if let Some(sums) = total {
            let r = rows.len() as u32;
            sheet.write_string(r, 1, "合 计").unwrap();
            for (id, v) in sums {
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
            f[at("unit_path")] == unit && f[at("period")] == period && f[at("indicator_id")] == id
        })
        .map(|f| f[at("value")].to_string())
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
        Some(&[("hazards.found", 8.0), ("inspections.units", 12.0)]),
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
