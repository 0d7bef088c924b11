//! Reports still being written: what each one still lacks (a warning per file, for `check`),
//! and keeping them off the published site unless asked for (`build --drafts`,
//! `publish_drafts: true`, and always in `serve`).

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::diag::Diagnostics;
use crate::format::heading_marker;
use crate::model::{PeriodFile, Project, Section, Unit};

/// One warning per period file that is unfinished: empty 导语 or sections, no date or
/// 落款, figures left blank. A file of figures only is only checked for blank figures.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    for unit in &project.units {
        for file in unit.files.values() {
            let gaps = gaps(&project.catalog, unit, file);
            if gaps.is_empty() {
                continue;
            }
            let what = if file.is_draft() { "草稿" } else { "总结" };
            diags
                .warning(
                    &file.path,
                    None,
                    format!("{what}尚未写完：{}", gaps.join("；")),
                )
                .help(help(file));
        }
    }
}

fn help(file: &PeriodFile) -> &'static str {
    if file.is_draft() {
        "补齐后写上成文日期（date: 2025-07-05）；草稿只在 zongjie serve 和 zongjie build --drafts 中显示，标有“草稿”。"
    } else {
        "补齐这些内容；留空的数字在页面上显示为“—”（未报送）。"
    }
}

/// What the file still lacks, in reading order.
fn gaps(catalog: &Catalog, unit: &Unit, file: &PeriodFile) -> Vec<String> {
    let mut gaps = Vec::new();
    if file.has_text() {
        if file.lead.as_ref().is_none_or(|t| t.text.trim().is_empty()) {
            gaps.push("导语（lead）为空".to_string());
        }
        for (part, key, sections) in [
            (1, "work", &file.work),
            (2, "problems", &file.problems),
            (3, "plans", &file.plans),
        ] {
            gaps.extend(empty_sections(part, key, sections));
        }
        if file.date.is_none() {
            gaps.push("没有成文日期（date）".to_string());
        }
        if file.author.is_none() && unit.signer.is_none() {
            gaps.push("没有落款单位（author，或 unit.yaml 的 signer）".to_string());
        }
    }
    let blank: Vec<&str> = (0..catalog.len())
        .filter(|&i| file.locs[i].is_some() && file.values[i].is_none())
        .map(|i| catalog.entry(i).id.as_str())
        .collect();
    if !blank.is_empty() {
        let shown: Vec<&str> = blank.iter().take(5).copied().collect();
        let more = if blank.len() > 5 { " 等" } else { "" };
        gaps.push(format!(
            "{} 项数字留空（{}{more}）",
            blank.len(),
            shown.join("、")
        ));
    }
    gaps
}

/// "一、第2节“隐患排查”（work 第2项）正文为空" for each section without a body.
fn empty_sections(part: u32, key: &str, sections: &[Section]) -> Vec<String> {
    let blank = |s: &Section| s.body.as_ref().is_none_or(|b| b.text.trim().is_empty());
    sections
        .iter()
        .enumerate()
        .filter(|(_, s)| blank(s))
        .map(|(i, s)| {
            format!(
                "{}{}“{}”（{key} 第{}项，第{}行）正文为空",
                heading_marker(1, part),
                heading_marker(2, i as u32 + 1),
                s.title,
                i + 1,
                s.title_loc.line
            )
        })
        .collect()
}

/// Takes unfinished reports out of the project so that nothing links to them and no page
/// is made for them; returns their files. Their unit's figures for that period then come
/// from its sub-units, as for any unit without a file of its own.
pub fn withhold(project: &mut Project) -> Vec<PathBuf> {
    let mut withheld = Vec::new();
    for unit in &mut project.units {
        unit.files.retain(|_, file| {
            if file.is_draft() {
                withheld.push(file.path.clone());
                false
            } else {
                true
            }
        });
    }
    withheld
}
