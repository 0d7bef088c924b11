//! `zongjie check` as writers and CI use it: the real binary run on small projects under
//! `tests/fixtures/check-*`, asserting exit codes and, for every problem, the exact
//! `file:line:col`, a key phrase of the message and the `提示:` line that says what to do.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// What one run of `zongjie -C <dir> check` printed, and how it exited.
struct Run {
    code: i32,
    stdout: String,
    /// With `\` turned into `/`, so paths read the same on every platform.
    stderr: String,
}

fn check_dir(dir: &Path) -> Run {
    let out = Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(dir)
        .arg("check")
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap().replace('\\', "/"),
    }
}

fn check(name: &str) -> Run {
    check_dir(&fixture(name))
}

impl Run {
    /// The `错误:` lines.
    fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("错误: "))
            .collect()
    }

    fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("警告: "))
            .collect()
    }

    /// Asserts an error at `at` (`file:line:col` or just `file`) whose message contains
    /// `phrase` and is followed by a `提示:` line; returns the message and the help.
    fn error_at(&self, at: &str, phrase: &str) -> (&str, &str) {
        let prefix = format!("错误: {at}: ");
        let lines: Vec<&str> = self.stderr.lines().collect();
        let Some(i) = lines
            .iter()
            .position(|l| l.starts_with(&prefix) && l.contains(phrase))
        else {
            panic!(
                "no error at `{at}` containing `{phrase}` in:\n{}",
                self.stderr
            );
        };
        let help = lines.get(i + 1).copied().unwrap_or_default();
        assert!(
            help.starts_with("  提示: ") && help.len() > "  提示: ".len(),
            "error at `{at}` has no help line:\n{}",
            self.stderr
        );
        (lines[i], help)
    }

    fn assert_exit(&self, code: i32) {
        assert_eq!(self.code, code, "exit code; stderr:\n{}", self.stderr);
    }

    /// Exit 1 with exactly `n` errors: a mistake is reported once, with no noise around it.
    fn assert_data_errors(&self, n: usize) {
        self.assert_exit(1);
        assert_eq!(self.errors().len(), n, "errors:\n{}", self.stderr);
        assert!(
            self.stderr.contains(&format!("{n} 个错误")),
            "summary line:\n{}",
            self.stderr
        );
        assert!(self.stdout.is_empty(), "check prints nothing on stdout");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// ---- A clean project ----------------------------------------------------------------

#[test]
fn a_valid_project_with_sub_units_annual_files_and_custom_indicators_passes() {
    let run = check("check-valid");
    run.assert_exit(0);
    assert!(run.errors().is_empty(), "{}", run.stderr);
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    // 县, 2 镇, 2 村; 4 + 4 half-year files of the towns, 4 of the villages, 2 annual.
    assert!(
        run.stderr
            .contains("检查了 5 个单位、14 个期间文件：0 个错误，0 个警告"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn warnings_are_printed_but_do_not_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check-valid"), dir.path());
    // Without the county's de-duplicated 已培训人数, the year's figure cannot be derived.
    let annual = dir.path().join("data/城关县/2024.yaml");
    let text = std::fs::read_to_string(&annual).unwrap();
    let text = text.replace("indicators:\n  training: {covered: 481}\n", "");
    std::fs::write(&annual, text).unwrap();

    let run = check_dir(dir.path());
    run.assert_exit(0);
    assert!(run.errors().is_empty(), "{}", run.stderr);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    let warning = run.warnings()[0];
    assert!(
        warning.starts_with(
            "警告: data/城关县/2024.yaml: 年度文件没有填写已培训人数（training.covered）"
        ),
        "{warning}"
    );
    assert!(run
        .stderr
        .contains("  提示: 在 indicators 的 `training` 组中填写全年去重后的 `covered`"));
    assert!(run.stderr.contains("0 个错误，1 个警告"), "{}", run.stderr);
}

// ---- Not a project ------------------------------------------------------------------

#[test]
fn a_folder_without_zongjie_yaml_exits_2_and_says_how_to_proceed() {
    let run = check("check-no-config");
    run.assert_exit(2);
    assert!(run.stderr.contains("找不到 zongjie.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("check-no-config"), "{}", run.stderr);
    let help = run
        .stderr
        .lines()
        .find(|l| l.starts_with("  提示: "))
        .unwrap_or_else(|| panic!("no help:\n{}", run.stderr));
    assert!(help.contains("zongjie init"), "{help}");
}

// ---- Reading files ------------------------------------------------------------------

#[test]
fn a_yaml_syntax_error_points_at_the_line_and_is_explained_in_chinese() {
    let run = check("check-yaml-syntax");
    run.assert_data_errors(1);
    let (msg, help) = run.error_at("data/城关镇/2024-H2.yaml:4:9", "YAML 格式错误");
    // The unclosed `{` is on the line before the one the parser stopped at.
    assert!(msg.contains("没有闭合"), "{msg}");
    assert!(help.contains("上一行"), "{help}");
}

#[test]
fn a_file_saved_in_gbk_is_named_as_gbk_with_how_to_resave_it() {
    let run = check("check-gbk");
    run.assert_data_errors(1);
    // Line 2 holds the first Chinese character.
    let (msg, help) = run.error_at("data/城关镇/2024-H2.yaml:2:1", "GBK");
    assert!(msg.contains("UTF-8"), "{msg}");
    assert!(help.contains("UTF-8"), "{help}");
}

#[test]
fn a_key_written_twice_names_both_lines() {
    let run = check("check-duplicate-key");
    run.assert_data_errors(1);
    let (msg, _) = run.error_at("data/城关镇/2024-H2.yaml:6:5", "`found`");
    assert!(msg.contains("写了两次") && msg.contains("第 4 行"), "{msg}");
}

#[test]
fn a_yaml_alias_bomb_fails_fast_with_a_clear_message() {
    let run = check("check-alias-bomb");
    run.assert_data_errors(1);
    let (msg, help) = run.error_at("data/城关镇/2024-H2.yaml:6:45", "超过");
    assert!(msg.contains("别名"), "{msg}");
    assert!(help.contains("锚点") && help.contains("别名"), "{help}");
}

#[test]
fn a_huge_file_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check-valid"), dir.path());
    let big = dir.path().join("data/城关县/河口镇/2025-H1.yaml");
    let line = "# 这一行是为了把文件撑大的注释，不是数据。\n";
    let text = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    std::fs::write(&big, text).unwrap();

    let run = check_dir(dir.path());
    run.assert_data_errors(1);
    let (msg, help) = run.error_at("data/城关县/河口镇/2025-H1.yaml", "文件太大");
    assert!(msg.contains("50.0 MB"), "{msg}");
    assert!(help.contains("移出 data/"), "{help}");
}

// ---- Values -------------------------------------------------------------------------

#[test]
fn words_quoted_numbers_and_units_where_a_number_belongs_are_each_reported() {
    let run = check("check-wrong-type");
    run.assert_data_errors(3);
    let file = "data/城关镇/2024-H2.yaml";
    let (_, help) = run.error_at(
        &format!("{file}:4:12"),
        "`inspections.units`（检查生产经营单位）应为数字，这里是“一百一十八”",
    );
    assert!(help.contains("阿拉伯数字"), "{help}");
    // `"20"` looks like a number to a writer: the message must say what is wrong with it.
    run.error_at(
        &format!("{file}:5:20"),
        "`hazards.found`（排查隐患）应为数字",
    );
    let (msg, _) = run.error_at(&format!("{file}:5:20"), "引号");
    assert!(msg.contains("“20”"), "{msg}");
    run.error_at(&format!("{file}:5:37"), "这里是“18处”");
}

#[test]
fn a_negative_count_is_refused() {
    let run = check("check-negative");
    run.assert_data_errors(1);
    run.error_at(
        "data/城关镇/2024-H2.yaml:5:12",
        "`drills.count`（应急演练）不能是负数",
    );
}

#[test]
fn a_part_larger_than_its_whole_is_reported_at_the_part() {
    let run = check("check-parts-exceed");
    run.assert_data_errors(3);
    let file = "data/城关镇/2024-H2.yaml";
    run.error_at(
        &format!("{file}:5:16"),
        "已整改隐患（hazards.rectified）为 21，多于排查隐患（hazards.found）的 20",
    );
    run.error_at(
        &format!("{file}:7:22"),
        "重大隐患已整改（hazards.major_rectified）为 3，多于重大隐患（hazards.major）的 2",
    );
    run.error_at(
        &format!("{file}:8:23"),
        "已培训人数（training.covered）为 400，多于应培训人数（training.headcount）的 363",
    );
}

#[test]
fn an_annual_figure_that_disagrees_with_h1_plus_h2_is_an_error() {
    let run = check("check-annual-mismatch");
    // rectified (49 = 31 + 18) and drills (3 = 2 + 1) agree; only `found` does not.
    run.assert_data_errors(1);
    let (_, help) = run.error_at(
        "data/城关镇/2024.yaml:4:12",
        "全年排查隐患（hazards.found）为 50，但上半年与下半年相加是 51",
    );
    assert!(help.contains("上半年与下半年之和"), "{help}");
}

// ---- Keys ---------------------------------------------------------------------------

#[test]
fn unknown_top_level_keys_are_reported_with_a_suggestion_or_the_allowed_keys() {
    let run = check("check-unknown-key");
    run.assert_data_errors(2);
    let file = "data/城关镇/2024-H2.yaml";
    let (_, help) = run.error_at(&format!("{file}:2:1"), "没有 `autor` 这一项");
    assert!(help.contains("`author`"), "{help}");
    let (_, help) = run.error_at(&format!("{file}:5:1"), "没有 `summary` 这一项");
    assert!(
        help.contains("indicators") && help.contains("plans"),
        "{help}"
    );
}

#[test]
fn an_unknown_indicator_group_suggests_the_nearest_group() {
    let run = check("check-unknown-group");
    run.assert_data_errors(1);
    let (_, help) = run.error_at("data/城关镇/2024-H2.yaml:3:3", "`hazard`");
    assert!(help.contains("是不是想写 `hazards`"), "{help}");
}

#[test]
fn an_unknown_indicator_in_a_known_group_suggests_the_nearest_key() {
    let run = check("check-unknown-indicator");
    run.assert_data_errors(1);
    let (_, help) = run.error_at(
        "data/城关镇/2024-H2.yaml:5:5",
        "指标组 `hazards` 中没有 `rectifed`",
    );
    assert!(help.contains("是不是想写 `rectified`"), "{help}");
}

#[test]
fn a_computed_ratio_written_as_data_is_refused() {
    let run = check("check-ratio-as-data");
    run.assert_data_errors(1);
    let (_, help) = run.error_at(
        "data/城关镇/2024-H2.yaml:6:5",
        "隐患整改率（hazards.rectification_rate）是计算得出的",
    );
    assert!(help.contains("删除这一行"), "{help}");
}

// ---- Periods ------------------------------------------------------------------------

#[test]
fn a_file_name_that_is_not_a_period_says_how_to_name_it() {
    let run = check("check-bad-file-name");
    run.assert_data_errors(1);
    let (msg, help) = run.error_at("data/城关镇/2024上半年.yaml", "“2024上半年”不是期间");
    assert!(msg.contains("2024-H1"), "{msg}");
    assert!(help.contains("2024-H1.yaml"), "{help}");
}

#[test]
fn a_period_key_that_disagrees_with_the_file_name_is_an_error() {
    let run = check("check-period-mismatch");
    run.assert_data_errors(1);
    let (_, help) = run.error_at(
        "data/城关镇/2024-H2.yaml:1:9",
        "期间 `2024-H1` 与文件名 `2024-H2` 不一致",
    );
    assert!(help.contains("2024-H1.yaml"), "{help}");
}

// ---- unit.yaml and zongjie.yaml -----------------------------------------------------

#[test]
fn a_bad_unit_yaml_reports_the_bad_slug_and_the_unknown_key() {
    let run = check("check-unit-yaml");
    run.assert_data_errors(2);
    let file = "data/城关镇/unit.yaml";
    let (_, help) = run.error_at(&format!("{file}:2:7"), "`slug` “城关镇”");
    assert!(help.contains("chengguan-zhen"), "{help}");
    let (_, help) = run.error_at(&format!("{file}:3:1"), "没有 `leader` 这一项");
    assert!(help.contains("signer"), "{help}");
}

#[test]
fn errors_in_zongjie_yaml_are_reported_once_each_at_their_line() {
    let run = check("check-config");
    // A `min` that is not a number is one mistake, not also a missing `min`.
    run.assert_data_errors(3);
    let (_, help) = run.error_at("zongjie.yaml:2:1", "没有 `organization` 这一项");
    assert!(help.contains("`organisation`"), "{help}");
    let (_, help) = run.error_at(
        "zongjie.yaml:4:3",
        "目标中的指标 `hazards.rectification_rat` 不存在",
    );
    assert!(help.contains("`hazards.rectification_rate`"), "{help}");
    run.error_at("zongjie.yaml:5:23", "`min`（下限）应为数字，这里是“一次”");
}

// ---- All problems at once -----------------------------------------------------------

#[test]
fn problems_in_several_files_are_all_reported_in_one_run() {
    let run = check("check-many-files");
    run.assert_data_errors(7);
    run.error_at("zongjie.yaml:1:1", "`titel`");
    run.error_at("data/城关镇/2024-H1.yaml:3:20", "这里是“三十一”");
    run.error_at("data/城关镇/2024-H2.yaml:4:1", "YAML 格式错误");
    run.error_at("data/河口镇/unit.yaml:2:7", "“He Kou”");
    run.error_at("data/河口镇/2024-H1.yaml:4:3", "`drill`");
    run.error_at("data/河口镇/2024-H2.yaml:3:34", "多于排查隐患");
    // Found while computing, after loading found the others.
    run.error_at("data/河口镇/2024.yaml:3:20", "上半年与下半年相加是 18");
    // Sorted by file, then position: stable output whatever order files were read in.
    let files: Vec<&str> = run
        .errors()
        .iter()
        .map(|l| l.trim_start_matches("错误: ").split(':').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "data/城关镇/2024-H1.yaml",
            "data/城关镇/2024-H2.yaml",
            "data/河口镇/2024-H1.yaml",
            "data/河口镇/2024-H2.yaml",
            "data/河口镇/2024.yaml",
            "data/河口镇/unit.yaml",
            "zongjie.yaml",
        ]
    );
}

#[test]
fn a_fraction_where_things_are_counted_is_an_error_but_money_may_have_decimals() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("zongjie.yaml"), "title: 测试\n").unwrap();
    std::fs::create_dir_all(root.join("data/村")).unwrap();
    std::fs::write(
        root.join("data/村/2024-H1.yaml"),
        "indicators:\n  hazards: {found: 12.5, rectified: 3}\n  accidents: {direct_loss_10k_yuan: 2.35}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(root)
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("data/村/2024-H1.yaml:2:20") && err.contains("应为整数"),
        "{err}"
    );
    assert_eq!(err.matches("错误:").count(), 1, "{err}");
}

// ---- check finds what build finds, without rendering ------------------------------

#[test]
fn a_filter_given_the_wrong_kind_of_value_is_found_by_check_where_it_was_typed() {
    let run = check("check-prose-input");
    run.assert_data_errors(2);
    run.error_at(
        "data/城关县/河口镇/2024-H1.yaml:18:24",
        "过滤器 pct 只能用于数字，这里得到的是“河口镇”",
    );
    // A figure not reported is "—", which cn_num cannot spell: the build fails on it,
    // so check must too.
    run.error_at(
        "data/城关县/河口镇/2024-H2.yaml:18:32",
        "过滤器 cn_num 只能用于整数",
    );
}

/// The 错误/警告 lines of a `build` into a fresh temporary folder.
fn build_problems(dir: &Path) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let run = Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(dir)
        .arg("build")
        .arg("--out")
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap().replace('\\', "/");
    let mut lines: Vec<String> = stderr
        .lines()
        .filter(|l| l.starts_with("错误: ") || l.starts_with("警告: "))
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

#[test]
fn check_reports_exactly_the_problems_build_reports_on_every_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("zongjie.yaml").is_file())
        .collect();
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf());
    dirs.sort();
    for dir in dirs {
        let run = check_dir(&dir);
        let mut checked: Vec<String> = run
            .errors()
            .into_iter()
            .chain(run.warnings())
            .map(String::from)
            .collect();
        checked.sort();
        assert_eq!(checked, build_problems(&dir), "{}", dir.display());
    }
}
