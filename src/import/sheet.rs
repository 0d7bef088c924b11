//! Filled forms as grids of cells, whatever the file: .xlsx, .xls and .ods through calamine,
//! .csv (UTF-8 or the GBK that Excel on Chinese Windows writes) by hand.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

/// One cell as the reader needs it: numbers stay numbers, everything else is text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

/// One sheet, row 0 being the sheet's row 1 whatever the used range.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The file as the user named it, for messages.
    pub file: String,
    /// Empty for a CSV file, which has no sheets.
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// The text of a cell, trimmed; numbers as written (`3`, `2.5`).
    pub fn text(&self, row: usize, col: usize) -> String {
        match self.get(row, col) {
            Cell::Empty => String::new(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.trim().to_string(),
        }
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// `东村.xlsx 报表!D7` — how every message names a cell.
    pub fn at(&self, row: usize, col: usize) -> String {
        if self.sheet.is_empty() {
            format!("{} {}", self.file, cell_name(row, col))
        } else {
            format!("{} {}!{}", self.file, self.sheet, cell_name(row, col))
        }
    }

    /// `东村.xlsx 报表` — for problems with a whole sheet.
    pub fn place(&self) -> String {
        if self.sheet.is_empty() {
            self.file.clone()
        } else {
            format!("{} {}", self.file, self.sheet)
        }
    }
}

/// `D7` for row 6, column 3 (both 0-based).
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII"), row + 1)
}

/// Every sheet of the file, in workbook order.
pub fn read(path: &Path, shown: &str) -> Result<Vec<Grid>, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).map_err(|e| format!("无法读取 {shown}：{e}"))?;
            Ok(vec![Grid {
                file: shown.to_string(),
                sheet: String::new(),
                rows: parse_csv(&decode(&bytes)),
            }])
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, shown),
        _ => Err(format!(
            "{shown} 不是能读入的报表：只认 .xlsx、.xls、.ods 和 .csv 文件"
        )),
    }
}

fn read_workbook(path: &Path, shown: &str) -> Result<Vec<Grid>, String> {
    let mut book = open_workbook_auto(path).map_err(|e| {
        format!("无法打开 {shown}：{e}（文件可能已损坏，或正在 Excel 中打开并加了密码）")
    })?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("无法读取 {shown} 的工作表“{name}”：{e}"))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = vec![Vec::new(); top as usize];
        for r in range.rows() {
            let mut row = vec![Cell::Empty; left as usize];
            row.extend(r.iter().map(cell));
            rows.push(row);
        }
        grids.push(Grid {
            file: shown.to_string(),
            sheet: name,
            rows,
        });
    }
    Ok(grids)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        other => Cell::Text(other.to_string()),
    }
}

/// UTF-8 (with or without BOM), else GBK: what Excel's "CSV" save gives on Chinese Windows.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// RFC 4180: fields split by commas, quoted fields may hold commas, quotes ("") and
/// line breaks. Numbers stay text here and are read like any typed text.
pub fn parse_csv(text: &str) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(csv_cell(std::mem::take(&mut field))),
            ('\n', false) => {
                row.push(csv_cell(std::mem::take(&mut field)));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(csv_cell(field));
        rows.push(row);
    }
    rows
}

fn csv_cell(text: String) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 27), "AB10");
    }

    #[test]
    fn csv_quotes_commas_and_line_breaks() {
        let rows = parse_csv(
            "单位,\"排查隐患\n（处）\"\r\n\"东村, 西\",\"1,200\"\n南村,\"say \"\"hi\"\"\"\n",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][1], Cell::Text("排查隐患\n（处）".into()));
        assert_eq!(rows[1][0], Cell::Text("东村, 西".into()));
        assert_eq!(rows[1][1], Cell::Text("1,200".into()));
        assert_eq!(rows[2][1], Cell::Text("say \"hi\"".into()));
    }

    #[test]
    fn gbk_csv_from_chinese_windows_is_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("单位,排查隐患\n东村,3\n");
        assert_eq!(decode(&gbk), "单位,排查隐患\n东村,3\n");
    }
}
