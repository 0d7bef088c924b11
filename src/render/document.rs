//! A small, format-neutral description of one report — what Word and Excel need of it:
//! title, 导语, numbered parts with their sections, 落款 and 成文日期, tables with numeric
//! cells, figures as SVG. The Word and Excel writers take only this, so they do not
//! depend on how the report was built (`office::document` fills it from the report model).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    /// The unit the report is about: sheet titles and the document's subject.
    pub unit: String,
    /// 落款: the signing organisation.
    pub author: Option<String>,
    /// 成文日期 as written: 2024年7月5日.
    pub date: Option<String>,
    /// The same date as YYYY-MM-DD, for the document properties.
    pub date_iso: Option<String>,
    /// How the figures were derived, when not from the unit's own file.
    pub note: Option<String>,
    pub lead: Vec<Paragraph>,
    /// 一、主要工作开展情况, 二、存在的问题, …: numbered by the writers, in this order.
    pub parts: Vec<Part>,
    /// 附表1, 附表2, …
    pub tables: Vec<Table>,
    /// 附图1, 附图2, …
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub heading: String,
    /// （一）（二）…
    pub sections: Vec<Section>,
    /// Paragraphs after the sections (the writer's own words under 安全生产形势).
    pub text: Vec<Paragraph>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub body: Vec<Paragraph>,
}

/// One paragraph of running text: its runs, some of them bold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

impl Paragraph {
    pub fn plain(text: &str) -> Paragraph {
        Paragraph {
            runs: vec![Run {
                text: text.to_string(),
                bold: false,
            }],
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// 主要指标: the writers put 附表N before it.
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A figure: its value for spreadsheets, its text as the report shows it.
    Number {
        value: f64,
        text: String,
        percent: bool,
    },
    /// Not reported: shown as —, never 0.
    Missing,
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(t) => t,
            Cell::Number { text, .. } => text,
            Cell::Missing => crate::format::MISSING,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub title: String,
    pub svg: String,
}

/// Writers' Markdown (already filled) as paragraphs: each paragraph, list item and heading
/// becomes one paragraph; **bold** stays bold; an ordered list item keeps its number (1.),
/// the level-3 heading of 公文. Links keep their text; images and raw HTML their words.
pub fn paragraphs(md: &str) -> Vec<Paragraph> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current = Paragraph::default();
    let mut bold = 0usize;
    // The next number of each open list; None for a bullet list.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let flush = |current: &mut Paragraph, out: &mut Vec<Paragraph>| {
        if !current.text().trim().is_empty() {
            out.push(std::mem::take(current));
        } else {
            current.runs.clear();
        }
    };
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out);
                if let Some(Some(n)) = lists.last_mut() {
                    push_run(&mut current, &format!("{n}."), false);
                    *n += 1;
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::End(TagEnd::TableRow | TagEnd::TableHead) => flush(&mut current, &mut out),
            Event::End(TagEnd::TableCell) => push_run(&mut current, "　", false),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_run(&mut current, &t, bold > 0)
            }
            Event::SoftBreak => {}
            Event::HardBreak => flush(&mut current, &mut out),
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Appends text, merging with the last run when the weight is the same.
fn push_run(p: &mut Paragraph, text: &str, bold: bool) {
    match p.runs.last_mut() {
        Some(last) if last.bold == bold => last.text.push_str(text),
        _ => p.runs.push(Run {
            text: text.to_string(),
            bold,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_paragraphs_with_bold_runs_and_list_numbers() {
        let ps = paragraphs(
            "今年以来，**隐患整改率**：98.7%。\n接着写。\n\n1. 第一条\n2. 第二条\n\n- 要点",
        );
        let texts: Vec<String> = ps.iter().map(Paragraph::text).collect();
        assert_eq!(
            texts,
            [
                "今年以来，隐患整改率：98.7%。接着写。",
                "1.第一条",
                "2.第二条",
                "要点"
            ]
        );
        assert!(ps[0].runs[1].bold && ps[0].runs[1].text == "隐患整改率");
        assert!(!ps[0].runs[0].bold);
    }

    #[test]
    fn raw_html_is_kept_as_words() {
        let ps = paragraphs("<b>x</b> 与 y");
        assert_eq!(ps[0].text(), "<b>x</b> 与 y");
    }
}
