//! `zongjie form` and `zongjie import` at a county's scale: `cargo bench --bench import`.
//!
//! A town with `ZONGJIE_BENCH_UNITS` sub-units (default 300), each with last year's
//! half-year file. Times writing one form for all of them, and importing one filled sheet
//! per sub-unit (each making the sub-unit's new period file). Timings live here, never in
//! tests.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rust_xlsxwriter::Workbook;
use zongjie::form;
use zongjie::import;

fn units() -> usize {
    std::env::var("ZONGJIE_BENCH_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

fn generate(root: &Path, n: usize) {
    std::fs::write(
        root.join("zongjie.yaml"),
        "title: 基准测试\norganisation: 安委办\n",
    )
    .unwrap();
    for i in 0..n {
        let dir = root.join("data/镇").join(format!("村{i:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        let text = format!(
            "author: 村{i:03}村民委员会\nindicators:\n  inspections: {{units: {}, groups: 2}}\n  hazards: {{found: {}, rectified: 1}}\n  drills: {{count: 1, participants: 30}}\n  accidents: {{count: 0, deaths: 0}}\nwork:\n  - title: 排查\n    body: |\n      排查隐患{{{{ hazards.found }}}}处。\n",
            5 + i % 7,
            2 + i % 5
        );
        std::fs::write(dir.join("2024-H2.yaml"), text).unwrap();
    }
}

/// One sub-unit's filled sheet, laid out as `zongjie form --self` lays it out.
fn filled_sheet(path: &Path, unit: &str, ids: &[String], seed: usize) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(form::DATA_SHEET).unwrap();
    sheet.write_string(0, 0, form::MARKER).unwrap();
    sheet.write_string(4, 0, unit).unwrap();
    for (k, id) in ids.iter().enumerate() {
        let col = 2 + k as u16;
        sheet.write_string(0, col, id).unwrap();
        // Every third figure typed as text, as clerks do.
        let v = (seed + k) % 4;
        if k % 3 == 0 {
            sheet.write_string(4, col, v.to_string()).unwrap();
        } else {
            sheet.write_number(4, col, v as f64).unwrap();
        }
    }
    let meta = book.add_worksheet();
    meta.set_name(form::META_SHEET).unwrap();
    meta.write_string(0, 0, "period").unwrap();
    meta.write_string(0, 1, "2025-H1").unwrap();
    book.save(path).unwrap();
}

/// The allocator the binary uses (src/main.rs), so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n = units();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    generate(root, n);
    let project = zongjie::load::load(root).unwrap().project;
    let town = project.units.iter().find(|u| u.path == ["镇"]).unwrap().id;
    let period = "2025-H1".parse().unwrap();

    let t = Instant::now();
    let plan = form::plan(&project, town, period, false);
    let bytes = form::write(&project, &plan).unwrap();
    std::fs::write(root.join("form.xlsx"), &bytes).unwrap();
    let form_time = t.elapsed();
    println!(
        "form: {} sub-units × {} indicators, {:.1} KB: {:.3} s",
        plan.units.len(),
        plan.indicators.len(),
        bytes.len() as f64 / 1e3,
        form_time.as_secs_f64()
    );

    // Only figures that keep 已整改 ≤ 排查: rectified is left out.
    let ids: Vec<String> = plan
        .indicators
        .iter()
        .map(|e| e.id.clone())
        .filter(|id| id != "hazards.rectified")
        .collect();
    let sheets: Vec<(PathBuf, String)> = (0..n)
        .map(|i| {
            let path = root.join(format!("村{i:03}.xlsx"));
            filled_sheet(&path, &format!("镇/村{i:03}"), &ids, i);
            let shown = path.file_name().unwrap().to_string_lossy().into_owned();
            (path, shown)
        })
        .collect();

    let t = Instant::now();
    let options = import::Options {
        force: false,
        period: None,
        within: None,
    };
    let planned = import::plan(&project, &sheets, &options);
    assert!(!planned.diags.has_errors(), "{:?}", planned.diags.sorted());
    import::write(root, &planned.files).unwrap();
    let import_time = t.elapsed();
    let figures: usize = planned.files.iter().map(|f| f.changes.len()).sum();
    println!(
        "import: {} sheets → {} new period files, {figures} figures, checked: {:.3} s",
        sheets.len(),
        planned.files.len(),
        import_time.as_secs_f64()
    );
}
