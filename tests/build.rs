//! `zongjie build` run as a user runs it, on fixture projects: the pages it writes, that
//! hostile text is escaped, that a failed build leaves the old site as it was, and that
//! the same input gives the same bytes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn zongjie() -> Command {
    Command::cargo_bin("zongjie").unwrap()
}

mod common;
/// Builds `project` into `out` and returns the exit code and stderr.
use common::build_into as build;

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    files
}

fn page(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A page without its inline charts (they have snapshots of their own), so a snapshot
/// shows the document a reader reads.
fn without_svg(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</svg>")
            .map_or(rest.len(), |e| start + e + 6);
        out.push_str("<svg>…</svg>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn builds_every_unit_and_period_with_relative_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let (code, err) = build(&fixture("site"), &out);
    assert_eq!(code, 0, "{err}");
    // 东村 types figures only (no prose): its four periods have no report pages.
    assert!(err.contains("已生成 18 个页面"), "{err}");
    for rel in [
        "index.html",
        "linhe-zhen/index.html",
        "linhe-zhen/2024-H1/index.html",
        "linhe-zhen/2024/index.html",
        // A folder name without a slug is the path segment as it is.
        "linhe-zhen/东村/index.html",
        "linhe-zhen/xicun/2023-H1/index.html",
        "assets/zongjie.css",
        "data/indicators.csv",
        "data/indicators.json",
        ".zongjie-site",
    ] {
        assert!(out.join(rel).is_file(), "{rel} missing");
    }
    let report = page(&out, "linhe-zhen/2024-H1/index.html");
    assert!(report.contains(r#"href="../../assets/zongjie.css""#));
    assert!(
        report.contains(r#"href="../%E4%B8%9C%E6%9D%91/index.html""#),
        "sub-unit links are encoded and relative from the page's own folder; a figures-only \
         sub-unit links its unit page"
    );
    assert!(!report.contains("href=\"/"), "no root-absolute links");
    for external in ["href=\"http", "src=\"http", "url(http"] {
        assert!(
            !report.contains(external),
            "nothing loaded from outside the site"
        );
    }
}

#[test]
fn a_half_year_report_reads_like_the_genre() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert_eq!(build(&fixture("site"), &out).0, 0);
    let html = page(&out, "linhe-zhen/2024-H1/index.html");
    // Composed title, numbered parts, figures from the data inside the prose.
    assert!(html.contains("临河镇2024年上半年安全生产工作总结"));
    assert!(html.contains("一、主要工作开展情况") && html.contains("（一）压实责任"));
    assert!(html.contains("三、下半年工作安排"));
    // 46 家次 this half against 40 a year earlier? No: 2023-H1 has no town file, so the
    // base is the villages' sum: 东村 6 + 3 = 9 and 西村 10 × 2 = 20 → 29;
    // 46 − 29 = 17, 17 ÷ 29 = 58.6%: said with both numbers.
    assert!(
        html.contains("全镇检查生产经营单位46家次，同比增加17家次、增长58.6%"),
        "{html}"
    );
    // 33 of 33 rectified → 100% (zeros trimmed), written with the bold closed before the colon.
    assert!(html.contains("<strong>整改率</strong>：100%"));
    // No major hazards found (0 of 0): 重大隐患整改率 is 不适用, not 无法判定, and says why.
    assert!(
        html.contains("不适用<br><small>未发现重大隐患</small>"),
        "{html}"
    );
    // 落款 from unit.yaml's signer, the date in Arabic numerals without padding.
    assert!(html.contains("临河镇安全生产委员会办公室") && html.contains("2024年7月5日"));
    insta::assert_snapshot!("half_year_report", without_svg(&html));
}

#[test]
fn an_annual_report_sums_its_halves_and_plans_for_next_year() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert_eq!(build(&fixture("site"), &out).0, 0);
    let html = page(&out, "linhe-zhen/2024/index.html");
    // 33 + 28 = 61 hazards; (33 + 27) ÷ 61 = 98.4%.
    assert!(html.contains("全年共发现隐患61处，整改率98.4%"), "{html}");
    assert!(html.contains("2025年工作打算"));
    insta::assert_snapshot!("annual_report", without_svg(&html));
}

#[test]
fn a_unit_without_its_own_file_is_rolled_up_from_its_sub_units() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert_eq!(build(&fixture("site"), &out).0, 0);
    let html = page(&out, "linhe-zhen/2023-H1/index.html");
    assert!(html.contains("由下辖2个单位的数据汇总得出"));
    // 东村 5 of 6 and 西村 9 of 10: (5 + 9) ÷ (6 + 10) = 14 ÷ 16 = 87.5%.
    assert!(html.contains("87.5%"));
    assert!(html.contains("下辖单位合计"));
    insta::assert_snapshot!("rollup_report", without_svg(&html));
}

#[test]
fn the_csv_opens_in_excel_with_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert_eq!(build(&fixture("site"), &out).0, 0);
    let csv = page(&out, "data/indicators.csv");
    assert!(
        csv.starts_with('\u{FEFF}'),
        "UTF-8 byte-order mark for Excel"
    );
    // The town's rolled-up 2023-H1 rate: 14 ÷ 16 = 0.875.
    assert!(csv.contains("临河镇,临河镇,2023-H1,2023年上半年,subunits,hazards.rectification_rate,隐患整改率,%,0.875,87.5%"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&page(&out, "data/indicators.json")).unwrap();
    assert_eq!(
        json["units"][0]["periods"]["2024-H1"]["values"]["hazards.found"],
        33.0
    );
}

/// The page with the index's own 查找单位 script (templates/index.html) cut out, so that any
/// other script tag is one the data smuggled in.
fn without_own_script(html: &str) -> String {
    const OWN: &str =
        "<script>\n  (function () {\n    var input = document.getelementbyid('unit-filter');";
    match html.find(OWN) {
        Some(start) => {
            let end = start + html[start..].find("</script>").expect("script closed") + 9;
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

#[test]
fn hostile_text_in_names_titles_and_bodies_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let (code, err) = build(&fixture("site-hostile"), &out);
    assert_eq!(code, 0, "{err}");
    for (rel, bytes) in tree(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = without_own_script(&String::from_utf8(bytes).unwrap().to_lowercase());
        assert!(!html.contains("<script"), "{rel} contains a script tag");
        assert!(
            !html.contains("<iframe") && !html.contains("<img"),
            "{rel} passes raw HTML"
        );
        assert!(
            !html.contains("javascript:"),
            "{rel} keeps a javascript: link"
        );
    }
    let report = page(&out, "zhen/2024-H1/index.html");
    for shown in [
        "标题&lt;script&gt;",
        "&lt;script&gt;alert(&quot;unit&quot;)",
        "正文&lt;script&gt;",
        "小标题&lt;script&gt;",
    ] {
        assert!(report.contains(shown), "{shown} not shown as text");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&fixture("site"), &project);
    let out = tmp.path().join("site");
    assert_eq!(build(&project, &out).0, 0);
    let before = tree(&out);
    fs::write(
        project.join("data/临河镇/2024-H1.yaml"),
        "indicators:\n  hazards: {found: 3, rectified: 五}\n",
    )
    .unwrap();
    let (code, err) = build(&project, &out);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("data/临河镇/2024-H1.yaml:2:"), "{err}");
    assert!(err.contains("保持原样"), "{err}");
    assert_eq!(tree(&out), before, "the old site must be untouched");
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "no half-written folders left beside it: {names:?}"
    );
}

#[test]
fn two_builds_give_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(build(&fixture("site"), &a).0, 0);
    assert_eq!(build(&fixture("site"), &b).0, 0);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("文档");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("年终总结.docx"), "precious").unwrap();
    let (code, err) = build(&fixture("site"), &out);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("不是 zongjie 生成的") && err.contains("--out"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(out.join("年终总结.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn an_unknown_name_in_a_body_fails_the_build_naming_file_and_section() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&fixture("site"), &project);
    let file = project.join("data/临河镇/2024-H2.yaml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("{{ hazards.found }}", "{{ hazard.found }}");
    fs::write(&file, text).unwrap();
    let (code, err) = build(&project, &tmp.path().join("site"));
    assert_eq!(code, 1, "{err}");
    // `body: |` is on line 10; its text, with the name, starts on line 11.
    assert!(err.contains("data/临河镇/2024-H2.yaml:11:"), "{err}");
    assert!(
        err.contains("推进重点行业领域专项整治") && err.contains("hazard"),
        "{err}"
    );
    assert!(!tmp.path().join("site").exists());
}

#[test]
fn a_projects_own_template_replaces_the_built_in_one_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&fixture("site"), &project);
    fs::create_dir_all(project.join("templates/assets")).unwrap();
    fs::write(
        project.join("templates/unit.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"own\">本单位：{{ unit.name }}</p>{% endblock content %}",
    )
    .unwrap();
    fs::write(
        project.join("templates/assets/zongjie.css"),
        "body { color: black; }\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let (code, err) = build(&project, &out);
    assert_eq!(code, 0, "{err}");
    assert!(page(&out, "linhe-zhen/index.html").contains("<p class=\"own\">本单位：临河镇</p>"));
    // The project's stylesheet, then the charts' rules, which its charts need whatever it says.
    let css = page(&out, "assets/zongjie.css");
    assert!(
        css.starts_with("body { color: black; }\n\n/* 图表"),
        "{css}"
    );
    assert!(css.contains(".zc{background:#fff;font-family:"));
    // Templates not overridden stay the built-in ones.
    assert!(page(&out, "linhe-zhen/2024-H1/index.html").contains("附表1"));
}

#[test]
fn a_broken_project_template_is_reported_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    copy_dir(&fixture("site"), &project);
    fs::create_dir_all(project.join("templates")).unwrap();
    fs::write(
        project.join("templates/report.html"),
        "{% extends \"base.html\" %}{% block content %}{% if x %}{% endblock content %}",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let (code, err) = build(&project, &out);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("templates/report.html"), "{err}");
    assert!(!out.exists());
}

/// A period file with figures and no prose is typed in for 同比 only: it has no report
/// page and no link, but stays in the unit's tables and the exports, and `check` says so.
#[test]
fn a_data_only_period_is_not_published_as_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&fixture("site"), &project);
    let file = project.join("data/临河镇/2023-H2.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let figures_only = &text[..text.find("work:").unwrap()];
    fs::write(&file, figures_only).unwrap();
    let out = tmp.path().join("site");
    assert_eq!(build(&project, &out).0, 0);
    assert!(!out.join("linhe-zhen/2023-H2/index.html").exists());
    assert!(out.join("linhe-zhen/2024-H1/index.html").exists());
    let unit = page(&out, "linhe-zhen/index.html");
    assert!(
        !unit.contains("2023-H2/index.html"),
        "no link to a page that does not exist"
    );
    assert!(
        unit.contains("2023年下半年"),
        "the period stays in the unit's table"
    );
    let csv = page(&out, "data/indicators.csv");
    assert!(csv.contains("2023-H2"), "its figures stay in the exports");
    // 2024-H2's 同比 still has 2023-H2 as its base: 40 家次 a year earlier.
    let h2 = page(&out, "linhe-zhen/2024-H2/index.html");
    assert!(!h2.contains("2023-H2/index.html"));
    let o = zongjie()
        .arg("-C")
        .arg(&project)
        .arg("check")
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap().replace('\\', "/");
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    // The fixture's 东村 files were figures-only already: four of them, and this one.
    assert!(
        stderr.contains("其中 5 个期间文件只有数字、没有正文")
            && stderr.contains("  data/临河镇/2023-H2.yaml\n"),
        "{stderr}"
    );
}

/// `situation:` opens the report with 一、安全生产形势 said from the figures, the writer's
/// own text after it, and the later parts numbered on from 二、.
#[test]
fn the_situation_section_is_said_from_the_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&fixture("site"), &project);
    let file = project.join("data/临河镇/2024-H2.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let asked = "situation: |\n  以上数字统计至{{ period.label }}末。\n";
    fs::write(&file, format!("{asked}{text}")).unwrap();
    let out = tmp.path().join("site");
    let (code, err) = build(&project, &out);
    assert_eq!(code, 0, "{err}");
    let html = page(&out, "linhe-zhen/2024-H2/index.html");
    // Against 2023-H2 (1 accident, 0 deaths, 1 injured, 2.5 万元): each falls to 0 but
    // deaths, which stay 0 — one flat, three down.
    let accidents = "<h3>（一）事故情况</h3>\n<p>2024年下半年，临河镇未发生生产安全事故，同比减少1起、下降100%；无人员死亡，同比持平；无受伤人员，同比减少1人、下降100%；未造成直接经济损失，同比减少2.5万元、下降100%；呈“一平三降”态势（死亡人数持平，生产安全事故、受伤人数、直接经济损失下降）。</p>";
    assert!(html.contains(accidents), "{html}");
    // Deaths: the built-in control target is 0.
    assert!(html.contains("<h3>（二）指标控制情况</h3>\n<p>死亡人数0人，控制在指标以内。</p>"));
    assert!(
        html.contains("<p>以上数字统计至2024年下半年末。</p>"),
        "the writer's text follows"
    );
    assert!(html.contains("<h2>一、安全生产形势</h2>"));
    assert!(html.contains("二、主要工作开展情况"), "later parts shift");
}

/// `breakdowns:` splits a group by category: each category is a figure of its own with
/// 同比 and shares in prose, and check finds categories that do not add up to the total.
#[test]
fn accidents_broken_down_by_sector() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&fixture("site"), &project);
    let config = project.join("zongjie.yaml");
    let mut yaml = fs::read_to_string(&config).unwrap();
    yaml.push_str("breakdowns:\n  accidents: {road: 道路交通, other: 其他}\n");
    fs::write(&config, yaml).unwrap();
    let edit = |rel: &str, from: &str, to: &str| {
        let f = project.join("data/临河镇").join(rel);
        let text = fs::read_to_string(&f).unwrap();
        assert!(text.contains(from), "{rel}");
        fs::write(&f, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "2023-H2.yaml",
        "direct_loss_10k_yuan: 2.5}",
        "direct_loss_10k_yuan: 2.5, count_road: 1, count_other: 0}",
    );
    edit(
        "2024-H2.yaml",
        "direct_loss_10k_yuan: 0}",
        "direct_loss_10k_yuan: 0, count_road: 0, count_other: 0}",
    );
    edit(
        "2024-H2.yaml",
        "下半年发现隐患",
        "道路交通事故{{ accidents.count_road }}起，同比{{ yoy.accidents.count_road }}，占{{ accidents.count_road | share(of=accidents.count) }}。下半年发现隐患",
    );
    let out = tmp.path().join("site");
    let (code, err) = build(&project, &out);
    assert_eq!(code, 0, "{err}");
    let html = page(&out, "linhe-zhen/2024-H2/index.html");
    // 1 → 0 road accidents; a share of a 0 total is —.
    assert!(
        html.contains("道路交通事故0起，同比减少1起、下降100%，占—。"),
        "{html}"
    );
    assert!(
        html.contains("道路交通生产安全事故"),
        "the category is in the 附表"
    );
    // The breakdown table: after 附表3 (下辖单位), each category with 同比 and share.
    assert!(
        html.contains("<h2>附表4　生产安全事故分类情况</h2>"),
        "{html}"
    );
    // 0 of 0: the share is 不适用 (— would say 未报送), here and in the 合计 row.
    let road = r#"<tr><th>道路交通<td>0<td class="trend-better">下降100%<td>不适用</tr>"#;
    assert!(html.contains(road), "{html}");
    let total =
        r#"<tfoot><tr><th>合计<td>0<td class="trend-better">下降100%<td>不适用</tr></tfoot>"#;
    assert!(html.contains(total), "{html}");
    let h2 = page(&out, "linhe-zhen/2023-H2/index.html");
    // 1 of 1 accident on the roads: 100%; none in 其他: 0%; no categories a year earlier: —.
    let road = r#"<tr><th>道路交通<td>1<td>—<td>100%</tr>"#;
    assert!(h2.contains(road), "{h2}");
    let other = r#"<tr><th>其他<td>0<td>—<td>0%</tr>"#;
    assert!(h2.contains(other), "{h2}");
    // 临河镇 2023-H1 is summed from its villages: 东村 2 accidents (1 road + 1 other),
    // 西村 1 accident with no sector. 2 + 1 = 3 in all, but road is 1 + ? — unknown,
    // not 1: each sector shows —, and the note names 西村.
    let village = |v: &str, to: &str| {
        let f = project.join("data/临河镇").join(v).join("2023-H1.yaml");
        let text = fs::read_to_string(&f).unwrap();
        let from = "accidents: {count: 0, deaths: 0}";
        assert!(text.contains(from), "{v}");
        fs::write(&f, text.replacen(from, to, 1)).unwrap();
    };
    village(
        "东村",
        "accidents: {count: 2, deaths: 0, count_road: 1, count_other: 1}",
    );
    village("西村", "accidents: {count: 1, deaths: 0}");
    let (code, err) = build(&project, &out);
    assert_eq!(code, 0, "{err}");
    let h1 = page(&out, "linhe-zhen/2023-H1/index.html");
    let road = r#"<tr><th>道路交通<td>—"#;
    assert!(h1.contains(road), "{h1}");
    let total = r#"<tfoot><tr><th>合计<td>3"#;
    assert!(h1.contains(total), "{h1}");
    assert!(
        h1.contains("<p class=\"basis-note\">西村只报送了生产安全事故总数、未按类别填报，各类别数字无法汇总，显示为 —。</p>"),
        "{h1}"
    );
    // Categories that do not add up: 2 road + 0 other against 1 in total.
    edit("2023-H2.yaml", "count_road: 1", "count_road: 2");
    let o = zongjie()
        .arg("-C")
        .arg(&project)
        .arg("check")
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap().replace('\\', "/");
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("生产安全事故（accidents.count）为 1，各分类合计 2（道路交通2、其他0），多于总数，多 1起"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_rebuild_with_nothing_changed_renders_and_writes_nothing_and_an_edit_rewrites_little() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&fixture("site"), &project);
    let out = project.join("site");
    assert_eq!(build(&project, &out).0, 0);
    let before = tree(&out);
    let stamp = |rel: &str| {
        let m = fs::metadata(out.join(rel)).unwrap();
        (m.ino(), m.mtime_nsec(), m.mtime())
    };
    let index = stamp("index.html");
    let (code, err) = build(&project, &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("没有写入任何文件"), "{err}");
    assert_eq!(stamp("index.html"), index, "the same file, untouched");
    assert_eq!(tree(&out), before);

    // An edit to one unit's figures: its pages change, the rest are the same files.
    let file = find_period_file(&project.join("data"));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\n# 改过\n")).unwrap();
    let (code, err) = build(&project, &out);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("没有写入任何文件"),
        "a comment changes no page: {err}"
    );
    assert_eq!(stamp("index.html"), index);
    // The renewed manifest lets the next build skip rendering again.
    let (_, err) = build(&project, &out);
    assert!(err.contains("项目文件与上次生成时相同"), "{err}");
}

fn find_period_file(dir: &Path) -> PathBuf {
    let mut found: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("-H1.yaml"))
        })
        .collect();
    found.sort();
    found.remove(0)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
