//! Word habits through the real binary: a title typed with its own number is reported and
//! printed once-numbered; `**整改率：**` prints bold, not with its asterisks.

use std::fs;

mod common;

#[test]
fn typed_numbers_are_dropped_with_a_warning_and_bold_colons_render_as_meant() {
    let (tmp, project) = common::fixture_copy("workflow-project");
    let h2 = project.join("data/城关县/城关镇/2024-H2.yaml");
    let text = fs::read_to_string(&h2)
        .unwrap()
        .replace("title: 突出风险防控", "title: （一）突出风险防控")
        .replace("title: 推进治本攻坚", "title: 1.推进治本攻坚")
        .replace(
            "发现隐患{{ hazards.found }}处",
            "**发现隐患：**{{ hazards.found }}处",
        );
    fs::write(&h2, text).unwrap();
    let site = tmp.path().join("site");
    let (code, stderr) = common::build_into(&project, &site);
    assert_eq!(code, 0, "{stderr}");
    for said in [
        "2024-H2.yaml:10:",
        "标题自带编号“（一）”",
        "写成 `title: 突出风险防控，安全防线更加牢固`",
        "标题自带编号“1.”",
    ] {
        assert!(stderr.contains(said), "{said} missing in:\n{stderr}");
    }
    let html = fs::read_to_string(site.join("xian/zhen/2024-H2/index.html")).unwrap();
    assert!(html.contains("<h3>（一）突出风险防控"), "numbered twice?");
    assert!(!html.contains("（一）（一）"));
    assert!(html.contains("<h3>（一）推进治本攻坚"));
    assert!(
        html.contains("<strong>发现隐患</strong>：24处"),
        "bold colon not fixed"
    );
    assert!(!html.contains("**"));
}
