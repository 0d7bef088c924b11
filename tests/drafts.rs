//! Drafts through the real binary: `check` lists what an unfinished report lacks, `build`
//! leaves it out (nothing links to it, the index headline stays on the last finished
//! report), `build --drafts` publishes it marked 草稿.

use std::fs;

mod common;

const TOWN: &str = "data/城关县/城关镇";
const SITE_TOWN: &str = "xian/zhen";

/// What `zongjie new 城关镇 2025-H1` leaves: headings, blank figures, no date, no bodies.
const SKELETON: &str = "author: 城关镇安全生产委员会办公室
date:
lead: |
indicators:
  hazards: {found: , rectified: 12}
work:
  - title: 突出风险防控，安全防线更加牢固
    body: |
  - title: 强化应急准备
    body: 开展演练3次。
problems:
  - title: 基层监管力量不足
plans:
  - title: 推进治本攻坚
    body: 逐项落实。
";

use common::zongjie_in as zongjie;

fn with_draft() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = common::fixture_copy("workflow-project");
    fs::write(project.join(TOWN).join("2025-H1.yaml"), SKELETON).unwrap();
    (tmp, project)
}

#[test]
fn check_lists_what_each_unfinished_report_still_lacks() {
    let (_tmp, project) = with_draft();
    let (code, stderr) = zongjie(&project, &["check"]);
    assert_eq!(code, 0, "a draft is not an error:\n{stderr}");
    assert!(stderr.contains("2025-H1.yaml"), "{stderr}");
    for gap in [
        "草稿尚未写完",
        "导语（lead）为空",
        "一、（一）“突出风险防控，安全防线更加牢固”（work 第1项，第7行）正文为空",
        "二、（一）“基层监管力量不足”（problems 第1项",
        "没有成文日期（date）",
        "1 项数字留空（hazards.found）",
    ] {
        assert!(stderr.contains(gap), "{gap} missing in:\n{stderr}");
    }
    assert!(
        stderr.contains("5 个期间文件"),
        "the draft is counted: {stderr}"
    );
    // The finished section is not listed, nor are the finished files.
    assert!(!stderr.contains("强化应急准备"), "{stderr}");
    assert!(!stderr.contains("2024-H2.yaml"), "{stderr}");
}

#[test]
fn build_leaves_drafts_out_and_build_drafts_marks_them() {
    let (tmp, project) = with_draft();
    let site = tmp.path().join("site");
    let (code, stderr) = zongjie(&project, &["build", "--out", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 篇草稿未发布"), "{stderr}");
    assert!(stderr.contains("zongjie build --drafts"), "{stderr}");
    let town = site.join(SITE_TOWN);
    assert!(!town.join("2025-H1").exists(), "a draft was published");
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        !index.contains("2025年上半年"),
        "the index links to the draft"
    );

    let site = tmp.path().join("site-drafts");
    let (code, stderr) = zongjie(
        &project,
        &["build", "--drafts", "--out", site.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let town = site.join(SITE_TOWN);
    let draft = fs::read_to_string(town.join("2025-H1/index.html")).unwrap();
    assert!(draft.contains("class=\"draft-mark\""), "no 草稿 mark");
    assert!(draft.contains("<strong>草稿</strong>"));
    let unit_page = fs::read_to_string(town.join("index.html")).unwrap();
    assert!(
        unit_page.contains("<strong class=\"draft-tag\">草稿</strong>"),
        "unit list"
    );
    let finished = fs::read_to_string(town.join("2024-H2/index.html")).unwrap();
    assert!(!finished.contains("draft-mark"));
    // The index headline stays on the last finished half-year.
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    let headline = &index[index.find("class=\"headline\"").unwrap()..];
    let headline = &headline[..headline.find("</h2>").unwrap()];
    assert!(headline.contains("2024年下半年"), "{headline}");
}

#[test]
fn a_report_says_it_is_finished_or_not_in_so_many_words() {
    let (tmp, project) = common::fixture_copy("workflow-project");
    // A dated report marked draft: true is a draft; draft: false publishes an undated one.
    let h2 = project.join(TOWN).join("2024-H2.yaml");
    let text = fs::read_to_string(&h2).unwrap();
    fs::write(&h2, format!("draft: true\n{text}")).unwrap();
    let undated = SKELETON.replace("date:\n", "draft: false\n");
    fs::write(project.join(TOWN).join("2025-H1.yaml"), undated).unwrap();
    let site = tmp.path().join("site");
    let (code, stderr) = zongjie(&project, &["build", "--out", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let town = site.join(SITE_TOWN);
    assert!(town.join("2025-H1/index.html").is_file());
    assert!(stderr.contains("2024-H2.yaml"), "{stderr}");
    let (code, stderr) = zongjie(&project, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    fs::write(&h2, format!("draft: 是\n{text}")).unwrap();
    let (code, stderr) = zongjie(&project, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("`draft` 应为 true 或 false"), "{stderr}");
}
