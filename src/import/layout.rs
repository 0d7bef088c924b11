//! Which cell holds which unit's which figure. Our own forms say it with hidden ids (row 1,
//! column A, the `zongjie` sheet); a sheet from someone else's layout — units in rows,
//! indicator names in the header — is mapped by label and unit through the catalog.

use std::path::Path;

use crate::catalog::Catalog;
use crate::diag::{suggest, Diagnostics, Severity};
use crate::form::{self, MARKER, META_SHEET};
use crate::model::{Project, UnitId};
use crate::period::Period;

use super::sheet::Grid;
use super::units;
use super::value;

/// One figure read from one cell.
#[derive(Debug, Clone)]
pub struct Figure {
    pub indicator: usize,
    pub value: f64,
    /// `东村.xlsx 报表!D7`
    pub cell: String,
}

/// One unit's row of a sheet.
#[derive(Debug, Clone)]
pub struct Row {
    pub unit: UnitId,
    pub period: Period,
    pub figures: Vec<Figure>,
}

/// How a sheet is laid out, once its header is understood.
struct Layout {
    /// Rows before this are headers.
    first_row: usize,
    /// The column naming the unit: hidden paths in our forms, names elsewhere.
    unit_col: usize,
    /// The visible name column (合计 is written there).
    name_col: usize,
    /// Catalog index of each figure column.
    columns: Vec<(usize, usize)>,
    ours: bool,
}

/// What the caller decided for sheets that do not say it themselves.
pub struct Context<'a> {
    pub project: &'a Project,
    pub period: Option<Period>,
    /// Foreign sheets' unit names are looked up below this unit only.
    pub within: Option<UnitId>,
}

/// The rows of every sheet of one file. Problems go to `diags`, named by cell.
pub fn rows(grids: &[Grid], cx: &Context, diags: &mut Diagnostics) -> Vec<Row> {
    let meta = grids.iter().find(|g| g.sheet == META_SHEET);
    let ours: Vec<&Grid> = grids.iter().filter(|g| g.text(0, 0) == MARKER).collect();
    if !ours.is_empty() {
        let Some(period) = form_period(meta, ours[0], cx, diags) else {
            return Vec::new();
        };
        return ours
            .iter()
            .flat_map(|g| sheet_rows(g, &our_layout(g, &cx.project.catalog), period, cx, diags))
            .collect();
    }
    let candidates: Vec<&Grid> = grids
        .iter()
        .filter(|g| g.sheet != META_SHEET && g.sheet != form::HELP_SHEET)
        .collect();
    let mut out = Vec::new();
    let mut understood = false;
    for g in candidates.iter().copied() {
        let Some(layout) = foreign_layout(g, &cx.project.catalog, diags) else {
            continue;
        };
        understood = true;
        if let Some(period) = foreign_period(g, layout.first_row, cx, diags) {
            out.extend(sheet_rows(g, &layout, period, cx, diags));
        }
    }
    if !understood {
        let file = grids.first().map_or(String::new(), |g| g.file.clone());
        diags
            .error(Path::new(&file), None, "找不到表头：没有一列的标题是已知的指标名称")
            .help("用 zongjie form 生成的报表填写；别处的表，表头要写指标名称，如“排查隐患（处）”，每个单位一行。");
    }
    out
}

/// The period of one of our forms, from its hidden sheet; `--period` must agree.
fn form_period(
    meta: Option<&Grid>,
    sheet: &Grid,
    cx: &Context,
    diags: &mut Diagnostics,
) -> Option<Period> {
    let written = meta.and_then(|m| {
        (0..m.rows.len())
            .find(|&r| m.text(r, 0) == "period")
            .map(|r| m.text(r, 1))
    });
    let period = match written.as_deref().map(str::parse::<Period>) {
        Some(Ok(p)) => p,
        // Saved as CSV, or the sheet copied into another workbook: the hidden sheet is
        // gone, but the title (城关镇2025年上半年…) still says the period.
        _ => return foreign_period(sheet, form::FIRST_DATA_ROW as usize, cx, diags),
    };
    if let Some(asked) = cx.period.filter(|p| *p != period) {
        diags
            .error(
                Path::new(&sheet.place()),
                None,
                format!("这张报表是 {period} 的，与 --period {asked} 不一致"),
            )
            .help("去掉 --period，或换成对应期间的报表。");
        return None;
    }
    Some(period)
}

fn our_layout(g: &Grid, catalog: &Catalog) -> Layout {
    let columns = (1..g.width())
        .filter_map(|c| {
            let id = g.text(0, c);
            catalog.get(form::unneutralise(&id)).map(|i| (c, i))
        })
        .collect();
    Layout {
        first_row: 1,
        unit_col: 0,
        name_col: 1,
        columns,
        ours: true,
    }
}

/// The rows of one sheet: unit rows with their figures, a 合计 row checked and dropped.
fn sheet_rows(
    g: &Grid,
    layout: &Layout,
    period: Period,
    cx: &Context,
    diags: &mut Diagnostics,
) -> Vec<Row> {
    let catalog = &cx.project.catalog;
    let errors_before = diags.count(Severity::Error);
    let mut rows = Vec::new();
    let mut total: Option<usize> = None;
    for r in layout.first_row..g.rows.len() {
        let key = g.text(r, layout.unit_col);
        if is_total_row(g, r, layout) {
            total = Some(r);
            continue;
        }
        if key.is_empty() {
            let numbers = layout
                .columns
                .iter()
                .any(|&(c, i)| matches!(value::figure(g.get(r, c), catalog.entry(i)), Ok(Some(_))));
            if numbers && layout.ours {
                diags
                    .error(Path::new(&g.at(r, layout.name_col)), None, "这一行有数字，但不是报表中原有的单位行（隐藏的 A 列为空）")
                    .help("新增的单位请先在 data/ 下建好文件夹，再用 zongjie form 重新生成报表；或把数字填到原有的行。");
            }
            continue;
        }
        let figures = row_figures(g, r, layout, catalog, diags);
        if figures.is_empty() && !layout.ours {
            // A unit that reported nothing, or a line such as 填表人：张三 under the table.
            continue;
        }
        let found = if layout.ours {
            units::by_path(cx.project, form::unneutralise(&key))
        } else {
            units::by_name(cx.project, &key, cx.within)
        };
        match units::resolve(found, cx.project, &g.at(r, layout.unit_col), &key, diags) {
            Some(unit) => rows.push(Row {
                unit,
                period,
                figures,
            }),
            None => continue,
        }
    }
    // With a row refused, the sum would be short and the 合计 wrongly blamed.
    let rows_ok = diags.count(Severity::Error) == errors_before;
    if let (Some(t), true) = (total, rows_ok) {
        check_total(g, t, layout, &rows, catalog, diags);
    }
    rows
}

/// A row of sums the clerk added: 合计 (or 总计…) in the name column or a column before
/// it (a 序号 column, say).
fn is_total_row(g: &Grid, r: usize, layout: &Layout) -> bool {
    (0..=layout.name_col).any(|c| is_total(&g.text(r, c)))
}

/// 合计, 总计, 合 计.
fn is_total(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "合计" | "总计" | "小计" | "汇总" | "全镇合计" | "全县合计"
    )
}

fn row_figures(
    g: &Grid,
    r: usize,
    layout: &Layout,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Vec<Figure> {
    let mut out = Vec::new();
    for &(c, i) in &layout.columns {
        match value::figure(g.get(r, c), catalog.entry(i)) {
            Ok(Some(v)) => out.push(Figure {
                indicator: i,
                value: v,
                cell: g.at(r, c),
            }),
            Ok(None) => {}
            Err(bad) => {
                diags
                    .error(Path::new(&g.at(r, c)), None, bad.message)
                    .help(bad.help);
            }
        }
    }
    out
}

/// A 合计 row must equal the sum of the unit rows above it, column by column.
fn check_total(
    g: &Grid,
    t: usize,
    layout: &Layout,
    rows: &[Row],
    catalog: &Catalog,
    diags: &mut Diagnostics,
) {
    for &(c, i) in &layout.columns {
        let Ok(Some(total)) = value::figure(g.get(t, c), catalog.entry(i)) else {
            continue;
        };
        let sum: f64 = rows
            .iter()
            .flat_map(|r| r.figures.iter())
            .filter(|f| f.indicator == i)
            .map(|f| f.value)
            .sum();
        if (total - sum).abs() > 1e-6 {
            let e = catalog.entry(i);
            diags
                .error(
                    Path::new(&g.at(t, c)),
                    None,
                    format!(
                        "合计行的{}为 {}，而各单位之和为 {}",
                        e.display_name(),
                        super::edit::number_text(total),
                        super::edit::number_text(sum)
                    ),
                )
                .help("核对各单位的数字和合计：合计只用来核对，不会写入；改正其中错的一处。");
        }
    }
}

/// Labels in a header, matched to the catalog: the row with most known labels is the
/// header; the unit-name column is the one headed 单位/名称, else the first.
fn foreign_layout(g: &Grid, catalog: &Catalog, diags: &mut Diagnostics) -> Option<Layout> {
    let scan = g.rows.len().min(15);
    let (header, hits) = (0..scan)
        .map(|r| {
            (
                r,
                (0..g.width())
                    .filter(|&c| label_match(&g.text(r, c), catalog).is_some())
                    .count(),
            )
        })
        .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))?;
    if hits == 0 {
        return None;
    }
    let names_here = |r: usize, c: usize| {
        let text = g.text(r, c);
        is_name_header(&text) && label_match(&text, catalog).is_none()
    };
    let name_col = (0..g.width())
        .find(|&c| names_here(header, c) || (header > 0 && names_here(header - 1, c)))
        .unwrap_or(0);
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for c in (0..g.width()).filter(|&c| c != name_col) {
        let text = g.text(header, c);
        match label_match(&text, catalog) {
            Some(Ok(i)) if catalog.entry(i).is_entered() => columns.push((c, i)),
            Some(Ok(i)) => {
                diags
                    .warning(
                        Path::new(&g.at(header, c)),
                        None,
                        format!(
                            "{}由系统计算，这一列不读入",
                            catalog.entry(i).display_name()
                        ),
                    )
                    .help("比率按读入的分子、分母重新计算，保证与数据一致。");
            }
            Some(Err(bad)) => {
                diags
                    .error(Path::new(&g.at(header, c)), None, bad.message)
                    .help(bad.help);
            }
            None if !text.is_empty() && !is_ignored_header(&text) => unknown.push((c, text)),
            None => {}
        }
    }
    report_unknown(g, header, &unknown, catalog, diags);
    Some(Layout {
        first_row: header + 1,
        unit_col: name_col,
        name_col,
        columns,
        ours: false,
    })
}

fn is_name_header(text: &str) -> bool {
    ["单位", "名称", "村", "社区", "企业", "乡镇", "街道"]
        .iter()
        .any(|w| text.contains(w))
        && label_core(text).chars().count() <= 8
}

/// Columns found in many sheets that hold no figure to read.
fn is_ignored_header(text: &str) -> bool {
    [
        "序号",
        "编号",
        "备注",
        "联系人",
        "联系电话",
        "电话",
        "填报人",
        "审核人",
        "说明",
    ]
    .iter()
    .any(|w| text.contains(w))
}

fn report_unknown(
    g: &Grid,
    header: usize,
    unknown: &[(usize, String)],
    catalog: &Catalog,
    diags: &mut Diagnostics,
) {
    let labels: Vec<&str> = catalog.entries().iter().map(|e| e.label.as_str()).collect();
    for (c, text) in unknown {
        let (label, _) = split_unit(&label_core(text));
        let help = match suggest(&label, labels.iter().copied()) {
            Some(s) => format!("是不是“{s}”？改成这个名称后重新读入；不需要的列可以不管。"),
            None => "这一列不读入。要读入的话，表头写成指标名称，如“排查隐患（处）”。".to_string(),
        };
        diags
            .warning(
                Path::new(&g.at(header, *c)),
                None,
                format!("不认识的表头“{text}”，这一列不读入"),
            )
            .help(help);
    }
}

/// The header without spaces and line breaks.
fn label_core(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `排查隐患（处）` → (`排查隐患`, Some(`处`)).
fn split_unit(text: &str) -> (String, Option<String>) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(stripped) = text.strip_suffix(close) {
            if let Some(at) = stripped.rfind(open) {
                return (
                    stripped[..at].to_string(),
                    Some(stripped[at + open.len_utf8()..].to_string()),
                );
            }
        }
    }
    (text.to_string(), None)
}

/// The catalog entry a header names: Ok when label (and unit, if written) agree; Err
/// when the label is known but the unit differs (元 for 万元 would be off by 10 000).
fn label_match(text: &str, catalog: &Catalog) -> Option<Result<usize, value::Bad>> {
    let (label, unit) = split_unit(&label_core(text));
    let i = catalog.entries().iter().position(|e| e.label == label)?;
    let e = catalog.entry(i);
    match unit {
        Some(u) if !e.unit.is_empty() && u != e.unit => Some(Err(value::Bad {
            message: format!(
                "表头“{text}”的单位是 {u}，而{}以 {} 计",
                e.display_name(),
                e.unit
            ),
            help: format!(
                "把这一列换算成 {}，表头改为“{}”后重新读入。",
                e.unit,
                form::column_label(e)
            ),
        })),
        _ => Some(Ok(i)),
    }
}

/// The period of a foreign sheet: `--period`, else one written in its title rows, its
/// sheet name or its file name (2025-H1, 2025年上半年, 2025年度).
fn foreign_period(
    g: &Grid,
    header: usize,
    cx: &Context,
    diags: &mut Diagnostics,
) -> Option<Period> {
    if let Some(p) = cx.period {
        return Some(p);
    }
    let mut texts: Vec<String> = (0..header)
        .flat_map(|r| (0..g.width()).map(move |c| (r, c)))
        .map(|(r, c)| g.text(r, c))
        .collect();
    texts.push(g.sheet.clone());
    texts.push(g.file.clone());
    if let Some(p) = texts.iter().find_map(|t| period_in(t)) {
        return Some(p);
    }
    diags
        .error(
            Path::new(&g.place()),
            None,
            "读不出这张表是哪一期的（表题、工作表名和文件名中都没有写期间）",
        )
        .help("用 --period 指定，例如 zongjie import 表.xlsx --period 2025-H1。");
    None
}

/// A period written in text: `2025-H1`, `2025年上半年`, `2025年下半年`, `2025年度`, `2025年全年`.
pub fn period_in(text: &str) -> Option<Period> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let digits: String = chars[start..].iter().take(4).collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        let year: i32 = digits.parse().ok()?;
        let rest: String = chars[start + 4..].iter().take(4).collect();
        let found = if rest.starts_with("-H1") || rest.starts_with("年上半年") {
            Some(Period::half(year, 1))
        } else if rest.starts_with("-H2") || rest.starts_with("年下半年") {
            Some(Period::half(year, 2))
        } else if rest.starts_with("年度") || rest.starts_with("年全年") {
            Some(Period::year(year))
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_found_as_titles_and_file_names_write_them() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(
            period_in("城关镇2025年上半年隐患统计表"),
            Some(p("2025-H1"))
        );
        assert_eq!(period_in("2024年下半年"), Some(p("2024-H2")));
        assert_eq!(period_in("东村2024-H2.xlsx"), Some(p("2024-H2")));
        assert_eq!(period_in("2024年度安全生产统计"), Some(p("2024")));
        assert_eq!(period_in("电话 12025年上半年"), None);
        assert_eq!(period_in("2024年1-6月"), None);
    }

    #[test]
    fn headers_split_label_and_unit_of_measure() {
        assert_eq!(
            split_unit("排查隐患（处）"),
            ("排查隐患".into(), Some("处".into()))
        );
        assert_eq!(
            split_unit("已整改隐患(处)"),
            ("已整改隐患".into(), Some("处".into()))
        );
        assert_eq!(split_unit("排查隐患"), ("排查隐患".into(), None));
        let c = Catalog::builtin();
        assert!(matches!(label_match("排查隐患\n（处）", &c), Some(Ok(_))));
        assert!(matches!(label_match("排查隐患（起）", &c), Some(Err(_))));
        assert!(label_match("联系人", &c).is_none());
        assert!(is_total("合 计") && is_total("总计") && !is_total("东村"));
    }
}
