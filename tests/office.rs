//! Word and Excel out, checked on the example site built by the real binary: every .docx
//! opened as a zip and its WordprocessingML read (GB/T 9704 page, fonts and sizes, page
//! number field, repeating table headers, the words of the report page), every .xlsx read
//! back with calamine and compared cell by cell with the computed figures of
//! data/indicators.json.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::build_example_site;
use scraper::{Html, Selector};
use serde_json::Value;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn zip_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn attr<'a>(node: roxmltree::Node<'a, '_>, child: &str, name: &str) -> Option<&'a str> {
    node.descendants()
        .find(|n| n.has_tag_name((W, child)))
        .and_then(|n| n.attribute((W, name)))
}

/// A style's east-Asian font and size in half-points.
fn style_font(styles: &roxmltree::Document, id: &str) -> (String, String) {
    let style = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
        .unwrap_or_else(|| panic!("style {id}"));
    let defaults = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "rPrDefault")))
        .unwrap();
    let font = attr(style, "rFonts", "eastAsia").unwrap().to_string();
    let size = attr(style, "sz", "val")
        .or_else(|| attr(defaults, "sz", "val"))
        .unwrap()
        .to_string();
    (font, size)
}

/// Paragraph texts with their style ids, in document order.
fn paragraphs(document: &roxmltree::Document) -> Vec<(String, String)> {
    document
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = attr(p, "pStyle", "val").unwrap_or("").to_string();
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            (style, text)
        })
        .collect()
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn check_layout(path: &Path) {
    let doc_xml = zip_part(path, "word/document.xml");
    let doc = roxmltree::Document::parse(&doc_xml).unwrap();
    let sect = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "sectPr")))
        .unwrap();
    // A4 and the GB/T 9704 margins 37/35/28/26 mm, in twips.
    assert_eq!(attr(sect, "pgSz", "w"), Some("11906"));
    assert_eq!(attr(sect, "pgSz", "h"), Some("16838"));
    let margins: Vec<_> = ["top", "bottom", "left", "right"]
        .iter()
        .map(|m| attr(sect, "pgMar", m).unwrap())
        .collect();
    assert_eq!(margins, ["2098", "1984", "1587", "1474"]);
    assert_eq!(attr(sect, "docGrid", "linePitch"), Some("579"));
    let footers: Vec<_> = sect
        .children()
        .filter(|n| n.has_tag_name((W, "footerReference")))
        .filter_map(|n| n.attribute((W, "type")))
        .collect();
    assert_eq!(footers, ["default", "even"]);
    for (name, jc) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let footer = zip_part(path, name);
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(footer.contains("— ") && footer.contains(" —"), "{footer}");
        assert!(
            footer.contains(&format!("<w:jc w:val=\"{jc}\"/>")),
            "{name}"
        );
    }
    assert!(zip_part(path, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let styles_xml = zip_part(path, "word/styles.xml");
    let styles = roxmltree::Document::parse(&styles_xml).unwrap();
    let fonts: Vec<(String, String)> = ["Title", "Heading1", "Heading2", "Normal"]
        .iter()
        .map(|id| style_font(&styles, id))
        .collect();
    let expected = [
        ("方正小标宋简体", "44"),
        ("黑体", "32"),
        ("楷体_GB2312", "32"),
        ("仿宋_GB2312", "32"),
    ];
    for (got, want) in fonts.iter().zip(expected) {
        assert_eq!((got.0.as_str(), got.1.as_str()), want, "{}", path.display());
    }
    let exact = styles_xml.contains(r#"w:line="579" w:lineRule="exact""#);
    assert!(exact, "28.95 pt exact line pitch");
    // Every table's first row repeats on each page.
    for tbl in doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        let first = tbl.children().find(|n| n.has_tag_name((W, "tr"))).unwrap();
        assert!(first
            .descendants()
            .any(|n| n.has_tag_name((W, "tblHeader"))));
    }
}

/// The title, every heading and the 落款 of the report page are in the .docx, in order.
fn check_words(path: &Path) {
    let page = fs::read_to_string(path.with_file_name("index.html")).unwrap();
    let html = Html::parse_document(&page);
    let doc_xml = zip_part(path, "word/document.xml");
    let doc = roxmltree::Document::parse(&doc_xml).unwrap();
    let paras = paragraphs(&doc);
    let title = texts(&html, "article h1.title")[0].clone();
    assert_eq!(paras[0], ("Title".to_string(), title.clone()));
    let expected: Vec<(&str, String)> = texts(&html, "article .section h2, article .section h3")
        .into_iter()
        .map(|t| {
            (
                if t.contains('、') && !t.starts_with('（') {
                    "Heading1"
                } else {
                    "Heading2"
                },
                t,
            )
        })
        .chain(
            texts(&html, ".signature .author")
                .into_iter()
                .map(|t| ("Signature", t)),
        )
        .chain(
            texts(&html, ".signature .date")
                .into_iter()
                .map(|t| ("Date", t)),
        )
        .collect();
    let mut rest = paras.iter();
    for (style, text) in &expected {
        assert!(
            rest.any(|(s, t)| s == style && t == text),
            "{}: no {style} “{text}” in order",
            path.display()
        );
    }
    let core = zip_part(path, "docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:title>{title}</dc:title>")),
        "{core}"
    );
}

#[test]
fn every_report_is_a_word_document_in_the_official_layout() {
    let (_tmp, site) = build_example_site();
    let docs = files_with(&site, "docx");
    // One per report page: the folders whose page is a 工作总结.
    let reports: Vec<PathBuf> = files_with(&site, "html")
        .into_iter()
        .filter(|p| {
            fs::read_to_string(p)
                .unwrap()
                .contains("<article class=\"report")
        })
        .map(|p| p.parent().unwrap().to_path_buf())
        .collect();
    let folders: Vec<PathBuf> = docs
        .iter()
        .map(|d| d.parent().unwrap().to_path_buf())
        .collect();
    assert_eq!(folders, reports);
    for d in &docs {
        check_layout(d);
        check_words(d);
    }
}

fn cell_number(c: &Data) -> Option<f64> {
    match c {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        other => panic!("not a number: {other:?}"),
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

/// (unit path, period id, indicator id) → value.
type Figures = BTreeMap<(String, String, String), f64>;

/// (unit path, period, indicator id) → value, and indicator label → id, from the JSON export.
fn computed(site: &Path) -> (Figures, BTreeMap<String, String>) {
    let json: Value =
        serde_json::from_str(&fs::read_to_string(site.join("data/indicators.json")).unwrap())
            .unwrap();
    let mut values = BTreeMap::new();
    for u in json["units"].as_array().unwrap() {
        let path = u["path"].as_str().unwrap().to_string();
        for (period, p) in u["periods"].as_object().unwrap() {
            for (id, v) in p["values"].as_object().unwrap() {
                values.insert(
                    (path.clone(), period.clone(), id.clone()),
                    v.as_f64().unwrap(),
                );
            }
        }
    }
    let labels = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["label"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (values, labels)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn indicators_xlsx_holds_every_computed_figure_as_a_number() {
    let (_tmp, site) = build_example_site();
    let (values, _) = computed(&site);
    let mut book: Xlsx<_> = open_workbook(site.join("data/indicators.xlsx")).unwrap();
    let range = book.worksheet_range("全部指标").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(cell_text).collect();
    assert_eq!(&header[..5], ["单位", "期间", "指标", "计量单位", "数值"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (path, period, id, value) = (
        col("单位路径"),
        col("期间代码"),
        col("指标代码"),
        col("数值"),
    );
    let mut seen = 0;
    for row in rows {
        let key = (
            cell_text(&row[path]),
            cell_text(&row[period]),
            cell_text(&row[id]),
        );
        let want = values
            .get(&key)
            .unwrap_or_else(|| panic!("{key:?} not computed"));
        let got = cell_number(&row[value]).expect("a figure");
        assert!(close(got, *want), "{key:?}: {got} ≠ {want}");
        seen += 1;
    }
    assert_eq!(seen, values.len(), "one row per computed figure");
}

#[test]
fn each_report_xlsx_matches_the_computed_figures() {
    let (_tmp, site) = build_example_site();
    let (values, labels) = computed(&site);
    let books = files_with(&site, "xlsx");
    assert!(books.len() > 10);
    for path in books
        .iter()
        .filter(|p| !p.ends_with("data/indicators.xlsx"))
    {
        let dir = path.parent().unwrap();
        let period = dir.file_name().unwrap().to_string_lossy().to_string();
        let unit = unit_path(&site, dir.parent().unwrap());
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let range = book.worksheet_range("附表1 主要指标").unwrap();
        let mut checked = 0;
        for row in range.rows().skip(1) {
            let id = &labels[&cell_text(&row[0])];
            let want = values.get(&(unit.clone(), period.clone(), id.clone()));
            let got = cell_number(&row[1]);
            match (got, want) {
                (Some(g), Some(w)) => assert!(close(g, *w), "{}: {id} {g} ≠ {w}", path.display()),
                (None, None) => {}
                _ => panic!("{}: {id}: {got:?} vs computed {want:?}", path.display()),
            }
            checked += 1;
        }
        assert!(checked > 0, "{}", path.display());
        assert!(book.sheet_names().iter().any(|s| s == "附表2 达标情况"));
    }
}

/// The unit path of the JSON export for a unit folder of the site, read from its page's
/// breadcrumbs would be circular: map the site folder back through the JSON's units by name.
fn unit_path(site: &Path, dir: &Path) -> String {
    let json: Value =
        serde_json::from_str(&fs::read_to_string(site.join("data/indicators.json")).unwrap())
            .unwrap();
    let page = Html::parse_document(&fs::read_to_string(dir.join("index.html")).unwrap());
    let name = texts(&page, "main h1, h1")[0]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let depth = dir.strip_prefix(site).unwrap().components().count();
    json["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| {
            u["name"] == name.as_str() && u["path"].as_str().unwrap().split('/').count() == depth
        })
        .map(|u| u["path"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no unit {name} at depth {depth}"))
}

#[test]
fn the_same_input_gives_the_same_word_and_excel_bytes() {
    let (_a, one) = build_example_site();
    let (_b, two) = build_example_site();
    for ext in ["docx", "xlsx"] {
        let first = files_with(&one, ext);
        assert!(!first.is_empty());
        for f in first {
            let rel = f.strip_prefix(&one).unwrap();
            assert_eq!(
                fs::read(&f).unwrap(),
                fs::read(two.join(rel)).unwrap(),
                "{}",
                rel.display()
            );
        }
    }
}
