//! `data/indicators.csv` and `data/indicators.json`: every computed figure, for
//! spreadsheets and dashboards. Only reported or computed figures appear; a missing
//! figure has no row (not a 0).

use serde_json::{json, Map, Value};

use super::OutputFile;
use crate::analysis::Analysis;
use crate::compute::Basis;

/// Excel opens a CSV as UTF-8 only when it starts with a byte-order mark.
const BOM: &str = "\u{FEFF}";

pub fn files(analysis: &Analysis) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: "data/indicators.csv".into(),
            bytes: csv(analysis).into_bytes(),
        },
        OutputFile {
            path: "data/indicators.json".into(),
            bytes: json(analysis).into_bytes(),
        },
    ]
}

fn basis_word(b: Basis) -> &'static str {
    match b {
        Basis::Own => "own",
        Basis::Parts => "parts",
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

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(analysis: &Analysis) -> String {
    let project = &analysis.project;
    let pd = project.config.percent_decimals;
    let mut out = String::from(BOM);
    out.push_str("unit_path,unit_name,period,period_label,basis,indicator_id,indicator_label,unit,value,display\r\n");
    for u in &project.units {
        let path = u.path.join("/");
        for p in analysis.computed.unit_periods(u.id) {
            let cell = analysis.computed.cell(u.id, p).expect("listed period");
            for (i, e) in project.catalog.entries().iter().enumerate() {
                let Some(v) = cell.values[i] else { continue };
                let fields = [
                    path.as_str(),
                    &u.name,
                    &p.to_string(),
                    &p.label(),
                    basis_word(cell.basis),
                    &e.id,
                    &e.label,
                    &e.unit,
                    &raw(v),
                    &super::pages::value_text(e, Some(v), pd),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                out.push_str(&line.join(","));
                out.push_str("\r\n");
            }
        }
    }
    out
}

fn json(analysis: &Analysis) -> String {
    let project = &analysis.project;
    let indicators: Vec<Value> = project
        .catalog
        .entries()
        .iter()
        .map(
            |e| json!({"id": e.id, "label": e.label, "unit": e.unit, "ratio": e.ratio().is_some()}),
        )
        .collect();
    let units: Vec<Value> = project
        .units
        .iter()
        .map(|u| {
            let mut periods = Map::new();
            for p in analysis.computed.unit_periods(u.id) {
                let cell = analysis.computed.cell(u.id, p).expect("listed period");
                let mut values = Map::new();
                for (i, e) in project.catalog.entries().iter().enumerate() {
                    if let Some(v) = cell.values[i] {
                        let n: f64 = raw(v).parse().expect("a number");
                        values.insert(e.id.clone(), json!(n));
                    }
                }
                periods.insert(
                    p.to_string(),
                    json!({"basis": basis_word(cell.basis), "values": values}),
                );
            }
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
    fn raw_numbers_drop_float_noise() {
        // 901 ÷ 1000 computed in floating point prints as 0.901
        assert_eq!(raw(0.1 + 0.2), "0.3");
        assert_eq!(raw(901.0 / 1000.0), "0.901");
        assert_eq!(raw(45.0), "45");
    }
}
