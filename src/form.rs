//! `zongjie form`: the Excel 填报表 a unit sends its sub-units — one row per unit, one column
//! per figure the project collects — and the layout `import` reads back.
//!
//! The visible headers are for people; the file is read back by ids the clerk does not see:
//! row 1 of 报表 (hidden) holds the indicator id over each column, column A (hidden) the
//! unit's folder path on each row, and the hidden sheet `zongjie` the period and the unit the
//! form was made for. Sorting rows, inserting columns or retyping headers leaves them intact.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use crate::catalog::{Agg, Catalog, Indicator};
use crate::model::{Project, UnitId};
use crate::period::Period;

/// The sheet with the figures.
pub const DATA_SHEET: &str = "报表";
/// The sheet explaining how to fill it.
pub const HELP_SHEET: &str = "填表说明";
/// The hidden sheet with the period and the unit; also the marker in cell A1 of 报表.
pub const META_SHEET: &str = "zongjie";
/// A1 of 报表: tells `import` this is our layout, with ids in row 1 and column A.
pub const MARKER: &str = "zongjie-form";
/// Rows above the first unit: ids (hidden), title, group headers, labels.
pub const FIRST_DATA_ROW: u32 = 4;
/// Column of the unit names; the figures start right after it.
const NAME_COL: u16 = 1;

/// Ids and labels of a form before it is written.
pub struct Form<'a> {
    pub title: String,
    pub period: Period,
    /// The unit the form was made for, as `new` takes it (`城关县/城关镇`).
    pub unit_path: String,
    pub units: Vec<UnitId>,
    pub indicators: Vec<&'a Indicator>,
}

/// The form for `unit`'s sub-units (or the unit itself when `own` is set).
pub fn plan(project: &Project, unit: UnitId, period: Period, own: bool) -> Form<'_> {
    let u = &project.units[unit];
    let units = if own || u.children.is_empty() {
        vec![unit]
    } else {
        u.children.clone()
    };
    Form {
        title: format!(
            "{}{}安全生产指标填报表",
            u.name,
            crate::locale::zh_cn().period_label(period)
        ),
        period,
        unit_path: u.path.join("/"),
        units,
        indicators: used_indicators(project),
    }
}

/// Entered (not computed) indicators that some period file of the project gives, in
/// catalog order; all entered ones for a project with no figures yet.
fn used_indicators(project: &Project) -> Vec<&Indicator> {
    let catalog = &project.catalog;
    let used = |i: usize| {
        project
            .units
            .iter()
            .flat_map(|u| u.files.values())
            .any(|f| f.locs.get(i).is_some_and(Option::is_some))
    };
    let entered = (0..catalog.len()).filter(|&i| catalog.entry(i).is_entered());
    let chosen: Vec<usize> = entered.clone().filter(|&i| used(i)).collect();
    let chosen = if chosen.is_empty() {
        entered.collect()
    } else {
        chosen
    };
    chosen.into_iter().map(|i| catalog.entry(i)).collect()
}

/// Chinese name of an indicator group, for the merged header above its columns.
pub fn group_label(group: &str) -> &str {
    match group {
        "inspections" => "监督检查",
        "hazards" => "隐患排查治理",
        "enforcement" => "行政执法",
        "drills" => "应急演练",
        "training" => "安全培训",
        "accidents" => "生产安全事故",
        "emergency" => "应急准备",
        "publicity" => "宣传教育",
        "workforce" => "从业人员",
        "economy" => "经济指标",
        other => other,
    }
}

/// `排查隐患（处）`: how a column is headed, and how a foreign sheet is matched by label.
pub fn column_label(e: &Indicator) -> String {
    if e.unit.is_empty() {
        e.label.clone()
    } else {
        format!("{}（{}）", e.label, e.unit)
    }
}

/// Text that a spreadsheet would take for a formula (OWASP CSV injection: = + - @ tab CR)
/// gets a leading apostrophe, so copying the cell into CSV or another sheet stays inert.
pub fn neutralise(text: &str) -> String {
    crate::render::export::neutralise_formula(text).into_owned()
}

/// The reverse of `neutralise`, for ids read back from our own hidden cells.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// The workbook as bytes: 报表, 填表说明, and the hidden `zongjie` sheet.
pub fn write(project: &Project, form: &Form) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(DATA_SHEET)?;
    data_sheet(sheet, project, form)?;
    let help = book.add_worksheet();
    help.set_name(HELP_SHEET)?;
    help_sheet(help, &project.catalog, form)?;
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    meta_sheet(meta, form)?;
    book.save_to_buffer()
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDDEBF7))
}

fn data_sheet(sheet: &mut Worksheet, project: &Project, form: &Form) -> Result<(), XlsxError> {
    let header = header_format();
    let last_col = NAME_COL + form.indicators.len() as u16;
    sheet.write_string(0, 0, MARKER)?;
    sheet.set_row_hidden(0)?;
    sheet.set_column_hidden(0)?;
    sheet.merge_range(
        1,
        NAME_COL,
        1,
        last_col.max(NAME_COL + 1),
        &neutralise(&form.title),
        &header.clone().set_font_size(14),
    )?;
    sheet.merge_range(2, NAME_COL, 3, NAME_COL, "单位", &header)?;
    sheet.set_column_width(NAME_COL, 18)?;
    group_headers(sheet, form, &header)?;
    for (k, e) in form.indicators.iter().enumerate() {
        let col = NAME_COL + 1 + k as u16;
        sheet.write_string(0, col, &e.id)?;
        sheet.write_string_with_format(3, col, neutralise(&column_label(e)), &header)?;
        sheet.set_column_width(col, 12)?;
    }
    sheet.set_row_height(3, 45)?;
    let name = Format::new().set_border(FormatBorder::Thin);
    let input = Format::new().set_unlocked().set_border(FormatBorder::Thin);
    for (r, &u) in form.units.iter().enumerate() {
        let row = FIRST_DATA_ROW + r as u32;
        let unit = &project.units[u];
        sheet.write_string(row, 0, neutralise(&unit.path.join("/")))?;
        sheet.write_string_with_format(row, NAME_COL, neutralise(&unit.name), &name)?;
        for k in 0..form.indicators.len() {
            sheet.write_blank(row, NAME_COL + 1 + k as u16, &input)?;
        }
    }
    validations(sheet, form)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, NAME_COL + 1)?;
    sheet.protect();
    Ok(())
}

/// One merged header over each run of columns of the same group.
fn group_headers(sheet: &mut Worksheet, form: &Form, header: &Format) -> Result<(), XlsxError> {
    let mut start = 0;
    while start < form.indicators.len() {
        let group = form.indicators[start].group();
        let end = (start..form.indicators.len())
            .take_while(|&k| form.indicators[k].group() == group)
            .last()
            .unwrap_or(start);
        let (first, last) = (NAME_COL + 1 + start as u16, NAME_COL + 1 + end as u16);
        if first == last {
            sheet.write_string_with_format(2, first, neutralise(group_label(group)), header)?;
        } else {
            sheet.merge_range(2, first, 2, last, &neutralise(group_label(group)), header)?;
        }
        start = end + 1;
    }
    Ok(())
}

/// Excel itself refuses text and negative numbers, and whole-number columns refuse
/// fractions; the input message says the rule when the cell is selected.
fn validations(sheet: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    if form.units.is_empty() {
        return Ok(());
    }
    let last_row = FIRST_DATA_ROW + form.units.len() as u32 - 1;
    for (k, e) in form.indicators.iter().enumerate() {
        let col = NAME_COL + 1 + k as u16;
        let rule = fill_rule(e);
        let v = if e.decimals == 0 {
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        } else {
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        };
        let v = v
            .set_input_title(truncate(&e.label, 32))?
            .set_input_message(truncate(&rule, 255))?
            .set_error_title("数字不符合要求")?
            .set_error_message(truncate(&rule, 255))?;
        sheet.add_data_validation(FIRST_DATA_ROW, col, last_row, col, &v)?;
    }
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// What a cell takes, in the words of the input message and of 填表说明.
pub fn fill_rule(e: &Indicator) -> String {
    let number = if e.decimals == 0 {
        format!("填不小于 0 的整数（单位：{}）", e.unit)
    } else {
        format!("填不小于 0 的数，可有小数（单位：{}）", e.unit)
    };
    format!("{number}；未报送的留空，确实为零的填 0。")
}

/// What an indicator counts, for 填表说明.
fn counts(catalog: &Catalog, e: &Indicator) -> String {
    let kind = match e.agg {
        Agg::Sum => "本期内累计发生的数量",
        Agg::Last => "期末的数量（时点数）",
        Agg::Distinct => "本期内涉及的人数，同一人只计一次",
        Agg::Ratio(_) => "由其他指标计算",
    };
    match e.within {
        Some(w) => format!("{kind}；不能多于“{}”", catalog.entry(w).label),
        None => kind.to_string(),
    }
}

fn help_sheet(sheet: &mut Worksheet, catalog: &Catalog, form: &Form) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, neutralise(&form.title), &bold)?;
    let lines = [
        format!("期间：{}", crate::locale::zh_cn().period_label(form.period)),
        "1. 在“报表”中每个单位一行填写本期数字；只填白色格子，表头和单位名称不能修改。".into(),
        "2. 留空表示“未报送”，报告中显示为 —；确实为零的请填 0，不要留空。".into(),
        "3. 只填阿拉伯数字，不加单位；比率（整改率、覆盖率）由系统计算，不用填。".into(),
        "4. 可以在最后加一行“合计”，系统会核对它等于各单位之和。".into(),
        "5. 填好后保存为 .xlsx（也可以是 .xls、.ods 或 .csv）交回，由汇总单位用 zongjie import 读入。".into(),
    ];
    for (r, line) in lines.iter().enumerate() {
        sheet.write_string(1 + r as u32, 0, line)?;
    }
    let top = 2 + lines.len() as u32;
    for (c, h) in ["指标", "单位", "统计什么", "怎么填"].iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, *h, &bold)?;
    }
    for (r, e) in form.indicators.iter().enumerate() {
        let row = top + 1 + r as u32;
        sheet.write_string(row, 0, neutralise(&e.label))?;
        sheet.write_string(row, 1, neutralise(&e.unit))?;
        sheet.write_string(row, 2, counts(catalog, e))?;
        sheet.write_string(row, 3, fill_rule(e))?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(2, 40)?;
    sheet.set_column_width(3, 60)?;
    Ok(())
}

fn meta_sheet(sheet: &mut Worksheet, form: &Form) -> Result<(), XlsxError> {
    sheet.write_string(0, 0, "period")?;
    sheet.write_string(0, 1, form.period.to_string())?;
    sheet.write_string(1, 0, "unit")?;
    sheet.write_string(1, 1, neutralise(&form.unit_path))?;
    sheet.write_string(2, 0, "form")?;
    sheet.write_number(2, 1, 1)?;
    sheet.set_hidden(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
        for bad in [
            "=HYPERLINK(\"http://x\")",
            "+A1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let safe = neutralise(bad);
            assert_eq!(safe, format!("'{bad}"));
            assert_eq!(unneutralise(&safe), bad);
        }
        assert_eq!(neutralise("东村"), "东村");
        // A plain number is no formula: it stays as typed (the CSV's rule too).
        assert_eq!(neutralise("-5"), "-5");
        // An apostrophe a name really starts with is kept on the way back.
        assert_eq!(unneutralise("'东村"), "'东村");
    }

    #[test]
    fn every_cell_rule_says_blank_is_not_reported_and_zero_is_zero() {
        let c = Catalog::builtin();
        let found = c.entry(c.get("hazards.found").unwrap());
        assert_eq!(
            fill_rule(found),
            "填不小于 0 的整数（单位：处）；未报送的留空，确实为零的填 0。"
        );
        let fines = c.entry(c.get("enforcement.fines_10k_yuan").unwrap());
        assert!(fill_rule(fines).starts_with("填不小于 0 的数，可有小数（单位：万元）"));
        assert_eq!(column_label(found), "排查隐患（处）");
        assert_eq!(counts(&c, found), "本期内累计发生的数量");
        let rectified = c.entry(c.get("hazards.rectified").unwrap());
        assert_eq!(
            counts(&c, rectified),
            "本期内累计发生的数量；不能多于“排查隐患”"
        );
    }
}
