//! A report as a Word document in the 公文 layout of GB/T 9704-2012 (DOMAIN §1): A4, 版心
//! 156 × 225 mm, 22 lines × 28 characters, 3号仿宋 body, 2号小标宋 title, 黑体/楷体 heading
//! levels, page numbers "— 1 —" outside on odd and even pages, 落款 placed by §7.3.5.2.
//!
//! WordprocessingML is written here directly into a zip rather than through docx-rs: the
//! layout needs odd/even footers with PAGE fields, character-based indents (firstLineChars),
//! a document grid, font fallbacks (altName) and repeating table headers, and the bytes must
//! not change between builds (fixed zip timestamps and entry order, no generated ids) —
//! all of which is a few hundred lines of XML we control, with no writer's defaults to fight.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::document::{Cell, Document, Paragraph, Table};
use crate::format::heading_marker;
use crate::locale::{fill_named, Words};
use crate::markdown::escape;

/// Twips (1/20 pt) per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// Body line pitch: 版心 height 225 mm over 22 lines = 28.95 pt, in twips.
const LINE_PITCH: u32 = 579;
/// Two characters of 3号 (16 pt) text, in twips: the 公文 paragraph indent.
const TWO_CHARS: u32 = 640;
/// Character spacing of the body, in 1/20 pt: 156 mm over 28 characters is 15.79 pt a
/// character; 16 pt text set 0.25 pt tighter fits 28 to the line, as the 版心 grid wants.
const CHAR_SPACING: i32 = -5;
/// The printed width of a figure: the full 版心 width, 156 mm, in EMU.
const FIGURE_WIDTH_EMU: u64 = 156 * 36_000;
/// The printed height of a figure at most, 80 mm, as the print stylesheet has it: two
/// figures with their labels to a page.
const FIGURE_HEIGHT_EMU: u64 = 80 * 36_000;

const BODY_FONT: &str = "仿宋_GB2312";
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING1_FONT: &str = "黑体";
const HEADING2_FONT: &str = "楷体_GB2312";
const PAGE_NUMBER_FONT: &str = "宋体";

/// A figure rasterised for Word: PNG bytes and its pixel size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The .docx bytes of `doc`; `pictures[i]` is `doc.figures[i]` as PNG (None: left out,
/// its title kept with a note). `words` name the 附图 and 附表.
pub fn write(doc: &Document, pictures: &[Option<Picture>], words: &Words) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types().into_bytes()),
        ("_rels/.rels".into(), ROOT_RELS.as_bytes().to_vec()),
        (
            "docProps/core.xml".into(),
            core_properties(doc).into_bytes(),
        ),
        (
            "docProps/app.xml".into(),
            APP_PROPERTIES.as_bytes().to_vec(),
        ),
        (
            "word/document.xml".into(),
            document_xml(doc, pictures, words).into_bytes(),
        ),
        ("word/styles.xml".into(), styles_xml().into_bytes()),
        ("word/settings.xml".into(), SETTINGS.as_bytes().to_vec()),
        ("word/fontTable.xml".into(), font_table().into_bytes()),
        ("word/footer1.xml".into(), footer_xml(false).into_bytes()),
        ("word/footer2.xml".into(), footer_xml(true).into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(pictures).into_bytes(),
        ),
    ];
    for (i, p) in pictures.iter().enumerate() {
        if let Some(p) = p {
            parts.push((format!("word/media/image{}.png", i + 1), p.png.clone()));
        }
    }
    zip_parts(&parts)
}

/// Entries in the given order, each with the zip epoch (1980-01-01) as its time: the same
/// parts give the same bytes.
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // A PNG is compressed already: deflating it again took a fifth off our charts' PNGs
    // for about a third of the time spent making them.
    let pictures = options.compression_method(CompressionMethod::Stored);
    for (name, bytes) in parts {
        let options = if name.ends_with(".png") {
            pictures
        } else {
            options
        };
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .expect("writing a zip into memory");
    }
    zip.finish()
        .expect("writing a zip into memory")
        .into_inner()
}

fn content_types() -> String {
    let ct = "application/vnd.openxmlformats-officedocument";
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="{ct}.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{ct}.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{ct}.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{ct}.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="{ct}.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="{ct}.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/></Types>"#
    )
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const APP_PROPERTIES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>zongjie</Application></Properties>"#;

/// Title, author (the signer) and date: the 成文日期, never the build time, so the bytes
/// stay the same from build to build.
fn core_properties(doc: &Document) -> String {
    let date = doc
        .date_iso
        .as_ref()
        .map(|d| {
            format!(
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}T00:00:00Z</dcterms:modified>"#
            )
        })
        .unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>{date}</cp:coreProperties>"#,
        escape(&doc.title),
        escape(&doc.unit),
        escape(doc.author.as_deref().unwrap_or(&doc.unit)),
    )
}

/// Both footers printed: odd and even pages differ (GB/T 9704 §7.5).
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:evenAndOddHeaders/><w:defaultTabStop w:val="640"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// The 公文 fonts, each with the fallback Word and WPS use when it is not installed
/// (仿宋_GB2312 is missing on most new Windows machines, which have 仿宋).
fn font_table() -> String {
    let fonts = [
        (BODY_FONT, "仿宋"),
        (TITLE_FONT, "宋体"),
        (HEADING1_FONT, "SimHei"),
        (HEADING2_FONT, "楷体"),
        (PAGE_NUMBER_FONT, "SimSun"),
    ];
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for (name, alt) in fonts {
        xml.push_str(&format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="modern"/></w:font>"#
        ));
    }
    xml.push_str("</w:fonts>");
    xml
}

/// `eastAsia` font for Chinese, Times New Roman for Latin letters and digits.
fn fonts(east_asia: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}" w:cs="Times New Roman"/>"#
    )
}

/// A named paragraph style: the leader restyles a whole level at once. Built-in names
/// ("heading 1") show as 标题 1 in a Chinese Word and are what its navigation pane lists.
fn style(id: &str, name: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

fn styles_xml() -> String {
    let indent = format!(r#"<w:ind w:firstLineChars="200" w:firstLine="{TWO_CHARS}"/>"#);
    let exact = format!(
        r#"<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>"#
    );
    let heading = |level: u8| format!(r#"<w:keepNext/><w:outlineLvl w:val="{}"/>"#, level - 1);
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{exact}<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/>{exact}{indent}<w:jc w:val="both"/></w:pPr><w:rPr>{}<w:spacing w:val="{CHAR_SPACING}"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>"#,
        fonts(BODY_FONT),
        fonts(BODY_FONT),
    );
    let title_ppr = r#"<w:spacing w:before="0" w:after="579" w:line="720" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#;
    xml.push_str(&style(
        "Title",
        "Title",
        title_ppr,
        &format!(
            r#"{}<w:sz w:val="44"/><w:szCs w:val="44"/>"#,
            fonts(TITLE_FONT)
        ),
    ));
    xml.push_str(&style(
        "Heading1",
        "heading 1",
        &heading(1),
        &fonts(HEADING1_FONT),
    ));
    xml.push_str(&style(
        "Heading2",
        "heading 2",
        &heading(2),
        &fonts(HEADING2_FONT),
    ));
    xml.push_str(&style(
        "Heading3",
        "heading 3",
        &heading(3),
        &format!("{}<w:b/><w:bCs/>", fonts(BODY_FONT)),
    ));
    xml.push_str(&style(
        "Signature",
        "Signature",
        r#"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>"#,
        "",
    ));
    xml.push_str(&style(
        "Date",
        "Date",
        r#"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>"#,
        "",
    ));
    xml.push_str(&style(
        "Caption",
        "caption",
        r#"<w:keepNext/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#,
        &fonts(HEADING1_FONT),
    ));
    // Tables: 五号 (10.5 pt) as the print stylesheet and most 公文 附表 have them, single
    // spacing, no indent: five columns of 3号 do not fit 156 mm.
    // Off the document's line grid, else every line of a cell takes a 28.95 pt grid line
    // (LibreOffice then needed three pages for a table the browser prints on one).
    xml.push_str(&style(
        "TableText",
        "Table Text",
        r#"<w:snapToGrid w:val="0"/><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>"#,
        r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#,
    ));
    xml.push_str(&style(
        "Footer",
        "footer",
        r#"<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>"#,
        &format!(r#"{}<w:sz w:val="28"/><w:szCs w:val="28"/>"#, fonts(PAGE_NUMBER_FONT)),
    ));
    xml.push_str(r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    xml.push_str("</w:styles>");
    xml
}

/// "— 1 —" in 4号 half-width 宋体: odd pages right, even pages left, one character in.
fn footer_xml(even: bool) -> String {
    let (jc, ind) = if even {
        (
            "left",
            r#"<w:ind w:left="280" w:firstLineChars="0" w:firstLine="0"/>"#,
        )
    } else {
        (
            "right",
            r#"<w:ind w:right="280" w:firstLineChars="0" w:firstLine="0"/>"#,
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{jc}"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

fn document_rels(pictures: &[Option<Picture>]) -> String {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="{rel}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{rel}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="{rel}/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooterOdd" Type="{rel}/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="{rel}/footer" Target="footer2.xml"/>"#
    );
    for (i, p) in pictures.iter().enumerate() {
        if p.is_some() {
            let n = i + 1;
            xml.push_str(&format!(
                r#"<Relationship Id="rIdImage{n}" Type="{rel}/image" Target="media/image{n}.png"/>"#
            ));
        }
    }
    xml.push_str("</Relationships>");
    xml
}

fn document_xml(doc: &Document, pictures: &[Option<Picture>], words: &Words) -> String {
    let mut body = String::with_capacity(16 * 1024);
    body.push_str(&paragraph("Title", "", &Paragraph::plain(&doc.title)));
    if let Some(note) = &doc.note {
        body.push_str(&paragraph("Normal", "", &Paragraph::plain(note)));
    }
    for p in &doc.lead {
        body.push_str(&paragraph("Normal", "", p));
    }
    for (i, part) in doc.parts.iter().enumerate() {
        let heading = format!("{}{}", heading_marker(1, i as u32 + 1), part.heading);
        body.push_str(&paragraph("Heading1", "", &Paragraph::plain(&heading)));
        for (j, s) in part.sections.iter().enumerate() {
            let title = format!("{}{}", heading_marker(2, j as u32 + 1), s.title);
            body.push_str(&paragraph("Heading2", "", &Paragraph::plain(&title)));
            for p in &s.body {
                body.push_str(&paragraph("Normal", "", p));
            }
        }
        for p in &part.text {
            body.push_str(&paragraph("Normal", "", p));
        }
    }
    body.push_str(&signature(doc));
    for (i, t) in doc.tables.iter().enumerate() {
        body.push_str(&appendix_table(i + 1, t, words));
    }
    for (i, f) in doc.figures.iter().enumerate() {
        let n = (i + 1).to_string();
        let caption = fill_named(words.figure_caption, &[("n", &n), ("title", &f.title)]);
        body.push_str(&paragraph("Caption", "", &Paragraph::plain(&caption)));
        body.push_str(&match pictures.get(i).and_then(Option::as_ref) {
            Some(p) => picture(i + 1, p),
            None => paragraph("Normal", "", &Paragraph::plain(words.figure_without_font)),
        });
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}{}</w:body></w:document>"#,
        section_properties()
    )
}

/// A4 with the GB/T 9704 margins, the 22 × 28 grid, both footers.
fn section_properties() -> String {
    let mm = |v: f64| (v * TWIPS_PER_MM).round() as u32;
    // A line grid only: LibreOffice reads a character grid (linesAndChars) as about half
    // as many characters a line. The 28 characters come from the body's −0.25 pt spacing.
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:pgNumType w:start="1"/><w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/></w:sectPr>"#,
        mm(37.0),
        mm(26.0),
        mm(35.0),
        mm(28.0),
        // The number sits 7 mm below the 版心: its line (4号, about 5 mm) ends 23 mm up.
        mm(23.0),
    )
}

/// A paragraph of `style`, with extra paragraph properties `ppr`.
fn paragraph(style: &str, ppr: &str, p: &Paragraph) -> String {
    let mut xml = format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>"#);
    for r in &p.runs {
        let rpr = if r.bold {
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
        } else {
            ""
        };
        xml.push_str(&format!(
            r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(&r.text)
        ));
    }
    xml.push_str("</w:p>");
    xml
}

/// Width in characters of the 3号 grid: digits and Latin letters are half-width.
fn width_chars(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// The right indents, in characters, of 落款 and 成文日期 (GB/T 9704 §7.3.5.2, no seal):
/// the author two characters from the right; the date starting two characters right of the
/// author's first character — unless that brings the date within two characters of the
/// right edge, when the date sits two from the right and the author moves left.
fn signature_indents(author: f64, date: f64) -> (f64, f64) {
    let date_right = author - date;
    if date_right >= 2.0 {
        (2.0, date_right)
    } else {
        (date + 4.0 - author, 2.0)
    }
}

fn signature(doc: &Document) -> String {
    let author_w = doc.author.as_deref().map_or(0.0, width_chars);
    let date_w = doc.date.as_deref().map_or(0.0, width_chars);
    let (author_in, date_in) = match (&doc.author, &doc.date) {
        (Some(_), Some(_)) => signature_indents(author_w, date_w),
        _ => (2.0, 2.0),
    };
    let ind = |chars: f64| {
        let hundredths = (chars * 100.0).round() as u32;
        format!(
            r#"<w:ind w:right="{}" w:rightChars="{hundredths}" w:firstLineChars="0" w:firstLine="0"/>"#,
            hundredths * 320 / 100
        )
    };
    let mut xml = String::new();
    if doc.author.is_some() || doc.date.is_some() {
        // One empty line between the text and the 落款.
        xml.push_str(&paragraph("Normal", "", &Paragraph::default()));
    }
    if let Some(a) = &doc.author {
        xml.push_str(&paragraph(
            "Signature",
            &ind(author_in),
            &Paragraph::plain(a),
        ));
    }
    if let Some(d) = &doc.date {
        xml.push_str(&paragraph("Date", &ind(date_in), &Paragraph::plain(d)));
    }
    xml
}

/// 附表N as a real Word table whose header row repeats on every page. The tables follow
/// the 落款 and one another a line apart, as the browser prints them: a new page for each
/// short table gave the Word file pages the printed report does not have.
fn appendix_table(n: usize, t: &Table, words: &Words) -> String {
    let n_text = n.to_string();
    let caption = fill_named(words.table_caption, &[("n", &n_text), ("title", &t.title)]);
    let before = format!(r#"<w:spacing w:before="{LINE_PITCH}"/>"#);
    let mut xml = paragraph("Caption", &before, &Paragraph::plain(&caption));
    let total = (156.0 * TWIPS_PER_MM) as u32;
    xml.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
    ));
    for w in column_widths(t, total) {
        xml.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    xml.push_str("</w:tblGrid>");
    xml.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for h in &t.header {
        xml.push_str(&table_cell(h, "center", true));
    }
    xml.push_str("</w:tr>");
    for row in &t.rows {
        xml.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        for (i, c) in row.iter().enumerate() {
            let align = match c {
                Cell::Number { .. } | Cell::Missing => "right",
                Cell::Text(_) if i == 0 => "left",
                Cell::Text(_) => "left",
            };
            xml.push_str(&table_cell(c.text(), align, false));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// Column widths in twips summing to about `total`, each in proportion to its longest
/// text (as a browser lays out a table): a column of long 依据 gets the room, a column of
/// numbers no more than it needs. Between 3 and 24 characters a column, so that no
/// column is squeezed to a character a line.
fn column_widths(t: &Table, total: u32) -> Vec<u32> {
    let widest = |c: usize| {
        let cells = t.rows.iter().filter_map(|r| r.get(c)).map(Cell::text);
        std::iter::once(t.header[c].as_str())
            .chain(cells)
            .map(width_chars)
            .fold(0.0, f64::max)
            .clamp(3.0, 24.0)
    };
    let wants: Vec<f64> = (0..t.header.len()).map(widest).collect();
    let sum: f64 = wants.iter().sum::<f64>().max(1.0);
    wants
        .iter()
        .map(|w| (w / sum * f64::from(total)).floor() as u32)
        .collect()
}

fn table_cell(text: &str, align: &str, bold: bool) -> String {
    let p = Paragraph {
        runs: vec![super::document::Run {
            text: text.to_string(),
            bold,
        }],
    };
    format!(
        r#"<w:tc><w:tcPr><w:vAlign w:val="center"/></w:tcPr>{}</w:tc>"#,
        paragraph("TableText", &format!(r#"<w:jc w:val="{align}"/>"#), &p)
    )
}

/// An inline picture the width of the 版心, its height kept in proportion.
fn picture(n: usize, p: &Picture) -> String {
    let (w, h) = (u64::from(p.width.max(1)), u64::from(p.height.max(1)));
    let cy = (FIGURE_WIDTH_EMU * h / w).min(FIGURE_HEIGHT_EMU);
    let cx = cy * w / h;
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="附图{n}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="image{n}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImage{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_starts_two_characters_right_of_the_author() {
        // 城关镇安全生产委员会办公室 (13) over 2024年7月5日 (6): the date ends 7 from the right.
        assert_eq!(signature_indents(13.0, 6.0), (2.0, 7.0));
    }

    #[test]
    fn a_long_date_moves_the_author_left() {
        // 安委办 (3) over 2024年12月31日 (7): date two from the right, author starts two left of it.
        assert_eq!(signature_indents(3.0, 7.0), (8.0, 2.0));
    }

    #[test]
    fn long_columns_get_the_room_and_short_ones_keep_three_characters() {
        let t = Table {
            title: "达标情况".into(),
            header: vec!["指标".into(), "实际".into(), "依据".into()],
            rows: vec![vec![
                Cell::Text("隐患整改率".into()),
                Cell::Missing,
                Cell::Text("《中华人民共和国安全生产法》第四十一条".into()),
            ]],
        };
        // 5, 3 (at least) and 19 characters of 27.
        assert_eq!(column_widths(&t, 2700), [500, 300, 1900]);
    }

    #[test]
    fn widths_count_digits_as_half_characters() {
        assert_eq!(width_chars("2024年7月5日"), 6.0);
    }
}
