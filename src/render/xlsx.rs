//! Excel out: a report's appendix tables as one workbook (a sheet a table), and
//! `data/indicators.xlsx` with every computed figure. Numbers are stored as numbers,
//! percentages as fractions with a percent format, a missing figure as an empty cell
//! (never 0); headers are frozen and filtered, columns wide enough for Chinese text.
//! rust_xlsxwriter writes its zip with fixed timestamps; the creation date is set from the
//! data, so the same input gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::document::{Cell, Document, Table};
use super::export::{neutralise_formula, Row};
use super::pages::value_text;
use crate::analysis::Analysis;
use crate::compute::compare::Comparison;
use crate::format::MISSING;
use crate::locale::{fill_named, Locale, Words};
use crate::model::Unit;
use crate::report::{Basis, Figure, PeriodInfo};

/// Excel's column width unit is about one Latin character; a Chinese one takes two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The percent format with the project's decimals: 0.0% for 1.
pub fn percent_format(decimals: usize) -> Format {
    let pattern = if decimals == 0 {
        "0%".to_string()
    } else {
        format!("0.{}%", "0".repeat(decimals))
    };
    Format::new().set_num_format(pattern)
}

/// Properties from the data, never the clock: the date is the 成文日期, else 2000-01-01.
pub fn properties(title: &str, author: &str, date_iso: Option<&str>) -> DocProperties {
    let date = date_iso
        .and_then(|d| {
            let mut parts = d.split('-').map(|p| p.parse::<u16>().ok());
            let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
            ExcelDateTime::from_ymd(y, m as u8, d as u8).ok()
        })
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid date"));
    DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_creation_datetime(&date)
}

/// A header row, frozen and filtered, with widths that fit `widths` (display units).
pub fn finish_sheet(sheet: &mut Worksheet, rows: u32, widths: &[usize]) -> Result<(), XlsxError> {
    let last_col = widths.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.max(1), last_col)?;
    for (c, w) in widths.iter().enumerate() {
        // Two more for the filter button; long texts stop at 60 and wrap in the cell.
        sheet.set_column_width(c as u16, ((*w + 4).min(60)) as f64)?;
    }
    Ok(())
}

/// Writes `header` in bold on row 0 and returns the starting column widths.
pub fn write_header(sheet: &mut Worksheet, header: &[&str]) -> Result<Vec<usize>, XlsxError> {
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    Ok(header.iter().map(|h| display_width(h)).collect())
}

/// Writes one cell: a number as a number (percent-formatted when a percentage), a missing
/// figure as nothing. Returns the width it needs.
pub fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    percent: &Format,
) -> Result<usize, XlsxError> {
    match cell {
        Cell::Text(t) => {
            sheet.write_string(row, col, t)?;
        }
        Cell::Number {
            value,
            percent: true,
            ..
        } => {
            sheet.write_number_with_format(row, col, *value, percent)?;
        }
        Cell::Number { value, .. } => {
            sheet.write_number(row, col, *value)?;
        }
        Cell::Missing => {}
    }
    Ok(display_width(cell.text()))
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\.
fn sheet_name(words: &Words, n: usize, title: &str) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let name = fill_named(
        words.sheet_name,
        &[("n", &n.to_string()), ("title", &clean)],
    );
    name.chars().take(31).collect()
}

fn table_sheet(
    book: &mut Workbook,
    (n, t): (usize, &Table),
    percent: &Format,
    words: &Words,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(words, n, &t.title))?;
    let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
    let mut widths = write_header(sheet, &header)?;
    for (r, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let w = write_cell(sheet, r as u32 + 1, c as u16, cell, percent)?;
            if let Some(max) = widths.get_mut(c) {
                *max = (*max).max(w);
            }
        }
    }
    finish_sheet(sheet, t.rows.len() as u32, &widths)
}

/// The report's appendix tables as one workbook, a sheet a table named by `words`.
pub fn report(
    doc: &Document,
    percent_decimals: usize,
    words: &Words,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(
        &doc.title,
        doc.author.as_deref().unwrap_or(&doc.unit),
        doc.date_iso.as_deref(),
    ));
    let percent = percent_format(percent_decimals);
    for (i, t) in doc.tables.iter().enumerate() {
        table_sheet(&mut book, (i + 1, t), &percent, words)?;
    }
    book.save_to_buffer()
}

/// Every computed figure, one row each, from the reports' rows (as the CSV): the value as
/// a number, 同比 and 环比 as the report words them, beside the numbers they compare with.
/// A figure not reported has no row.
pub fn indicators(analysis: &Analysis, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let project = &analysis.project;
    let pd = project.config.percent_decimals;
    let mut book = Workbook::new();
    book.set_properties(&properties(
        &project.config.title,
        &project.config.organisation,
        None,
    ));
    let percent = percent_format(pd);
    let sheet = book.add_worksheet();
    let words = &analysis.locale().words;
    sheet.set_name(words.indicators_sheet)?;
    let mut widths = write_header(sheet, &words.indicators_head)?;
    let mut n = 0u32;
    for row in rows {
        let u = &project.units[row.unit];
        for f in &row.figures(analysis) {
            n += 1;
            for (c, x) in indicator_cells(analysis, u, row, f).iter().enumerate() {
                let w = write_cell(sheet, n, c as u16, x, &percent)?;
                widths[c] = widths[c].max(w);
            }
        }
    }
    finish_sheet(sheet, n, &widths)?;
    book.save_to_buffer()
}

/// One row of `indicators.xlsx`, in the order of the locale's `indicators_head`.
fn indicator_cells(analysis: &Analysis, u: &Unit, row: &Row, f: &Figure) -> [Cell; 13] {
    let pd = analysis.project.config.percent_decimals;
    let i = &f.indicator;
    let phrase = |c: &Option<Comparison>| {
        c.as_ref().map_or_else(
            || MISSING.to_string(),
            |c| analysis.locale().change(c, &i.unit, pd, i.decimals),
        )
    };
    let number = |x: Option<f64>| {
        x.map_or(Cell::Missing, |value| Cell::Number {
            value,
            text: value_text(i, Some(value), pd),
            percent: i.is_percentage(),
        })
    };
    let text = |s: &str| Cell::Text(neutralise_formula(s).into_owned());
    [
        text(&u.name),
        text(&row.period.label),
        text(&i.label),
        text(&i.unit),
        number(f.value),
        text(&phrase(&f.yoy)),
        number(f.yoy.as_ref().map(|c| c.base)),
        text(&phrase(&f.mom)),
        number(f.mom.as_ref().map(|c| c.base)),
        text(&basis_label(analysis.locale(), row.basis, &row.period)),
        text(&u.path.join("/")),
        text(&row.period.id),
        text(&i.id),
    ]
}

/// Where a period's figures come from, as the unit page says it: 由各季度汇总 for a half
/// summed from its quarters, 由上下半年汇总 for a year from its halves.
fn basis_label(locale: &Locale, b: Basis, period: &PeriodInfo) -> String {
    let w = &locale.words;
    match b {
        Basis::Own => w.kind_own.into(),
        Basis::Parts => {
            let p = period
                .id
                .parse()
                .expect("a report's period id names its period");
            locale.kind_parts(p)
        }
        Basis::SubUnits => w.kind_sub_units.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> &'static Words {
        &crate::locale::zh_cn().words
    }

    #[test]
    fn sheet_names_are_short_and_clean() {
        assert_eq!(sheet_name(words(), 1, "主要指标"), "附表1 主要指标");
        assert_eq!(sheet_name(words(), 2, "a/b:c"), "附表2 abc");
        let long = sheet_name(words(), 3, &"长".repeat(40));
        assert_eq!(long.chars().count(), 31);
    }

    /// A half summed from its quarters says so, not 由上下半年汇总 as a year does.
    #[test]
    fn a_summed_report_names_the_parts_it_was_summed_from() {
        let locale = crate::locale::zh_cn();
        let period = |id: &str| PeriodInfo {
            id: id.into(),
            label: String::new(),
            year: 2025,
            span: String::new(),
            annual: false,
        };
        let parts = |id| basis_label(locale, Basis::Parts, &period(id));
        assert_eq!(parts("2025-H1"), "由各季度汇总");
        assert_eq!(parts("2025"), "由上下半年汇总");
        assert_eq!(parts("2025-Q1"), "由各月汇总");
        let own = basis_label(locale, Basis::Own, &period("2025"));
        assert_eq!(own, "本单位填报");
    }

    #[test]
    fn chinese_takes_two_width_units() {
        assert_eq!(display_width("单位ab"), 6);
    }

    #[test]
    fn the_same_tables_give_the_same_bytes() {
        let doc = Document {
            title: "城关镇2024年上半年安全生产工作总结".into(),
            date_iso: Some("2024-07-05".into()),
            tables: vec![Table {
                title: "主要指标".into(),
                header: vec!["指标".into(), "数值".into()],
                rows: vec![vec![
                    Cell::Text("隐患整改率".into()),
                    Cell::Number {
                        value: 0.987,
                        text: "98.7%".into(),
                        percent: true,
                    },
                ]],
            }],
            ..Document::default()
        };
        let bytes = || report(&doc, 1, words()).unwrap();
        assert_eq!(bytes(), bytes());
    }
}
