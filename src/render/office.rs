//! A report's Word and Excel files: two [`ReportRenderer`]s. `document` is the one seam
//! between the report model and the format-neutral description the writers take.

use super::charts;
use super::document::{self, Cell, Document, Part, Section, Table};
use super::export::{neutralise_formula, Row};
use super::links::encode_segment;
use super::pages::{value_text, Link};
use super::{docx, raster, xlsx, OutputFile, ReportJob, ReportRenderer};
use crate::analysis::Analysis;
use crate::compute::compare::Comparison;
use crate::config::Outputs;
use crate::diag::Diagnostics;
use crate::format::MISSING;
use crate::locale::{fill_named, Locale};
use crate::period::Period;
use crate::report::{
    Figure, IndicatorInfo, Prose, Report, Section as ModelSection, Situation, SubUnitTable,
    TargetResult,
};

/// A file name from a report title: characters Windows, macOS and Linux all accept, so
/// the .docx saves and opens anywhere.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "\\/:*?\"<>|#%".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_matches('.').to_string();
    if stem.is_empty() {
        "工作总结".into()
    } else {
        stem
    }
}

/// 下载 Word and 下载 Excel links to a report's files, `dir` being the report's folder
/// relative to the page that links (encoded, ending in '/', or "" on the report page).
pub fn downloads(outputs: &Outputs, title: &str, dir: &str) -> Vec<Link> {
    let stem = encode_segment(&file_stem(title));
    let mut links = Vec::new();
    if outputs.word {
        links.push(Link {
            label: "Word".into(),
            href: format!("{dir}{stem}.docx"),
        });
    }
    if outputs.excel {
        links.push(Link {
            label: "Excel".into(),
            href: format!("{dir}{stem}.xlsx"),
        });
    }
    links
}

/// Each report as a .docx (`outputs.word`) and its appendix tables as an .xlsx
/// (`outputs.excel`) beside its page, both from one [`Document`] built once per report.
pub struct Office {
    pub word: bool,
    pub excel: bool,
}

impl ReportRenderer for Office {
    fn render(&self, job: &ReportJob, _diags: &mut Diagnostics) -> Vec<OutputFile> {
        // Excel has no pictures: the charts are drawn only for Word.
        let doc = document(job.analysis, job.model, job.period, self.word);
        let stem = format!("{}/{}", dir(job.model), file_stem(&doc.title));
        let mut files = Vec::new();
        if self.word {
            let pictures: Vec<_> = (doc.figures.iter()).map(|f| raster::png(&f.svg)).collect();
            files.push(OutputFile {
                path: format!("{stem}.docx"),
                bytes: docx::write(&doc, &pictures, &job.analysis.locale().words),
            });
        }
        if self.excel {
            let pd = job.analysis.project.config.percent_decimals;
            files.push(OutputFile {
                path: format!("{stem}.xlsx"),
                bytes: xlsx::report(&doc, pd, &job.analysis.locale().words)
                    .expect("an in-memory workbook of plain cells"),
            });
        }
        files
    }
}

/// The site-wide office files: `data/indicators.xlsx`, and a warning when charts cannot
/// be drawn for Word for want of a Chinese font.
pub(super) fn site_files(
    analysis: &Analysis,
    rows: &[Row],
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let outputs = &analysis.project.config.outputs;
    if outputs.word && !raster::cjk_font_available() {
        diags
            .warning(
                std::path::Path::new("zongjie.yaml"),
                None,
                "本机没有中文字体，Word 文件中的附图未能生成（附表照常）",
            )
            .help(raster::NO_FONT_HELP);
    }
    if !outputs.excel {
        return Vec::new();
    }
    vec![OutputFile {
        path: "data/indicators.xlsx".into(),
        bytes: xlsx::indicators(analysis, rows).expect("an in-memory workbook of plain cells"),
    }]
}

/// The report's folder in the site, '/'-separated: where its page is.
fn dir(r: &Report) -> String {
    let mut segs = r.unit.site_path.clone();
    segs.push(r.period.id.clone());
    segs.join("/")
}

/// The report as the writers need it: prose as paragraphs, appendix tables with numbers,
/// and the charts as SVG when `with_figures`.
pub(super) fn document(
    analysis: &Analysis,
    r: &Report,
    period: Period,
    with_figures: bool,
) -> Document {
    let locale = analysis.locale();
    let pd = analysis.project.config.percent_decimals;
    let mut parts: Vec<Part> = r.situation.iter().map(situation).collect();
    let plans_heading = locale.plans_heading(period);
    parts.extend(
        [
            (locale.words.work, &r.work),
            (locale.words.problems, &r.problems),
            (plans_heading.as_str(), &r.plans),
        ]
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|(heading, sections)| part(heading, sections)),
    );
    let mut tables = vec![figures_table(locale, r, pd), targets_table(analysis, r)];
    tables.extend(r.sub_units.as_ref().map(|t| sub_units_table(locale, t, pd)));
    Document {
        title: r.title.clone(),
        unit: r.unit.name.clone(),
        author: r.author.clone(),
        date: r
            .date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .map(crate::format::chinese_date),
        date_iso: r.date.clone(),
        note: super::pages::basis_note(locale, r.basis, period, r.sub_unit_count),
        lead: paragraphs_of(r.lead.as_ref()),
        parts,
        tables,
        figures: if with_figures {
            figures(r, pd, locale)
        } else {
            Vec::new()
        },
    }
}

fn figures(r: &Report, pd: usize, locale: &'static Locale) -> Vec<document::Figure> {
    charts::views(&r.charts, pd, locale)
        .into_iter()
        .map(|c| document::Figure {
            title: c.title,
            svg: c.svg,
        })
        .collect()
}

fn paragraphs_of(p: Option<&Prose>) -> Vec<document::Paragraph> {
    p.map(|p| document::paragraphs(&p.markdown))
        .unwrap_or_default()
}

/// 安全生产形势: its generated sections, then the writer's own words after them, as the
/// page shows them.
fn situation(s: &Situation) -> Part {
    let mut p = part(&s.heading, &s.sections);
    p.text = paragraphs_of(s.text.as_ref());
    p
}

fn part(heading: &str, sections: &[ModelSection]) -> Part {
    Part {
        heading: heading.to_string(),
        sections: sections
            .iter()
            .map(|s| Section {
                title: s.title.clone(),
                body: paragraphs_of(s.body.as_ref()),
            })
            .collect(),
        text: Vec::new(),
    }
}

/// A figure as a cell: its number, the text the report shows, — when missing.
fn number(i: &IndicatorInfo, v: Option<f64>, pd: usize) -> Cell {
    v.map_or(Cell::Missing, |value| Cell::Number {
        value,
        text: value_text(i, Some(value), pd),
        percent: i.is_percentage(),
    })
}

/// Text for a spreadsheet cell: a unit or section name typed as `=…` stays text.
fn text(s: &str) -> Cell {
    Cell::Text(neutralise_formula(s).into_owned())
}

fn figures_table(locale: &Locale, r: &Report, pd: usize) -> Table {
    let w = &locale.words;
    let mut header = vec![
        w.head_indicator,
        w.head_value,
        w.head_measure,
        w.year_on_year,
    ];
    if r.has_previous {
        header.push(w.period_on_period);
    }
    let words = |c: &Option<Comparison>, i: &IndicatorInfo| {
        c.as_ref().map_or_else(
            || MISSING.to_string(),
            |c| locale.change(c, &i.unit, pd, i.decimals),
        )
    };
    let row = |f: &Figure| {
        let i = &f.indicator;
        let unit = if i.is_percentage() { "" } else { &i.unit };
        let mut cells = vec![
            text(&i.label),
            number(i, f.value, pd),
            text(unit),
            text(&words(&f.yoy, i)),
        ];
        if r.has_previous {
            cells.push(text(&words(&f.mom, i)));
        }
        cells
    };
    Table {
        title: w.figures_table.into(),
        header: header.into_iter().map(String::from).collect(),
        rows: r.figures.iter().map(row).collect(),
    }
}

fn targets_table(analysis: &Analysis, r: &Report) -> Table {
    let pd = analysis.project.config.percent_decimals;
    let w = &analysis.locale().words;
    let views = super::pages::target_rows(
        analysis.locale(),
        &r.targets,
        (pd, &analysis.project.config),
    );
    let row = |(t, v): (&TargetResult, super::pages::TargetRow)| {
        let status = match &v.note {
            Some(n) => fill_named(
                w.status_with_note,
                &[("status", v.status_label), ("note", n)],
            ),
            None => v.status_label.to_string(),
        };
        vec![
            text(&v.label),
            text(&v.requirement),
            number(&t.indicator, t.value, pd),
            text(&status),
            text(&v.basis),
        ]
    };
    Table {
        title: w.targets_table.into(),
        header: [
            w.head_indicator,
            w.head_requirement,
            w.head_actual,
            w.head_result,
            w.head_basis,
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        rows: r.targets.iter().zip(views).map(row).collect(),
    }
}

fn sub_units_table(locale: &Locale, t: &SubUnitTable, pd: usize) -> Table {
    let w = &locale.words;
    let mut header = vec![w.head_unit.to_string()];
    header.extend(t.columns.iter().map(|c| {
        if c.unit.is_empty() || c.unit == "%" {
            c.label.clone()
        } else {
            fill_named(
                w.category_with_unit,
                &[("label", &c.label), ("unit", &c.unit)],
            )
        }
    }));
    let row = |name: &str, values: &[Option<f64>]| {
        let mut cells = vec![text(name)];
        cells.extend(t.columns.iter().zip(values).map(|(i, v)| number(i, *v, pd)));
        cells
    };
    let mut rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|r| row(&r.unit.name, &r.values))
        .collect();
    rows.push(row(w.sub_units_total, &t.total));
    Table {
        title: w.sub_units_table.into(),
        header,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_chinese_and_drop_what_file_systems_refuse() {
        assert_eq!(
            file_stem("城关镇2024年上半年安全生产工作总结"),
            "城关镇2024年上半年安全生产工作总结"
        );
        assert_eq!(file_stem("a/b:c?"), "a_b_c_");
        assert_eq!(file_stem(" .. "), "工作总结");
    }
}
