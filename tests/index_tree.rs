//! The index as a folding unit tree: each unit's reports newest first, the annual report
//! ahead of the half-years of its year, the newest named in the unit's summary line.

use std::fs;

mod common;

#[test]
fn each_unit_lists_its_newest_report_first_with_the_annual_ahead() {
    let (tmp, project) = common::fixture_copy("site");
    let site = tmp.path().join("out");
    let (code, stderr) = common::build_into(&project, &site);
    assert_eq!(code, 0, "{stderr}");
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    let town = &index[index.find("data-name=\"临河镇\"").unwrap()..];
    let town = &town[..town.find("<ul>").unwrap()];
    assert!(
        town.contains("<details class=\"unit\" open>"),
        "top unit starts open"
    );
    assert!(
        town.contains("最新：<a href=\"linhe-zhen/2024/index.html\""),
        "{town}"
    );
    // The summary line names the annual first; the list then runs 年度, 下半年, 上半年, 2023.
    let list = &town[town.find("unit-reports").unwrap()..];
    let in_list: Vec<usize> = ["2024/index", "2024-H2/", "2024-H1/", "2023-H2/"]
        .iter()
        .map(|p| list.find(&format!("linhe-zhen/{p}")).unwrap())
        .collect();
    assert!(in_list.windows(2).all(|w| w[0] < w[1]), "{list}");
    // Sub-units are folded until opened (or found with 查找单位).
    let village = &index[index.find("<ul>").unwrap()..];
    assert!(
        village.contains("<li data-name=\"东村\"><details class=\"unit\">"),
        "{village}"
    );
    assert!(index.contains("id=\"unit-filter\""));
    // 东村 has no unit.yaml: its level comes from its name.
    assert!(
        index.contains("东村</a> <span class=\"level\">村</span>"),
        "{village}"
    );
}

#[test]
fn period_labels_in_the_unit_table_break_only_after_the_year() {
    let (tmp, project) = common::fixture_copy("site");
    let site = tmp.path().join("out");
    let (code, stderr) = common::build_into(&project, &site);
    assert_eq!(code, 0, "{stderr}");
    let unit = fs::read_to_string(site.join("linhe-zhen/index.html")).unwrap();
    assert!(unit.contains("<th scope=\"col\" class=\"period\">2024年<wbr>上半年</th>"));
    // The footer tells a reader where the numbers come from and where to download them,
    // not how the site was made.
    let footer = &unit[unit.find("<footer").unwrap()..];
    assert!(
        footer.contains("数据来源") && footer.contains("下载全部指标"),
        "{footer}"
    );
    assert!(
        !footer.contains("zongjie") && !footer.contains("data/ 中"),
        "{footer}"
    );
    assert!(
        unit.contains("<th scope=\"col\" class=\"period\">2024年</th>")
            || unit.contains("class=\"period\">2024年度</th>"),
        "{unit}"
    );
}
