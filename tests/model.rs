//! The report model through the binary: a relabelled indicator shows its new words in
//! every output, and each report's model is published as JSON that follows the schema
//! the README documents, byte-identical across builds.

use std::fs;
use std::path::Path;

mod common;

/// Writes `files` (relative path, text) under `root`.
fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// Builds `project` into `out`, asserting success; returns stderr.
fn build(project: &Path, out: &Path) -> String {
    let (code, stderr) = common::build_into(project, out);
    assert_eq!(code, 0, "{stderr}");
    stderr
}

/// A town that counts hazards in 起, not the built-in 处, with a year-earlier report.
const RELABELLED: &[(&str, &str)] = &[
    (
        "zongjie.yaml",
        "title: 测试县安全生产工作总结\norganisation: 测试县安委办\nindicators:\n  \
         - {id: hazards.found, label: 发现问题, unit: 起}\n  \
         - {id: hazards.rectified, label: 整改问题, unit: 起, within: hazards.found}\n",
    ),
    (
        "data/测试镇/2023-H1.yaml",
        "indicators:\n  hazards: {found: 0, rectified: 0}\n  drills: {count: 2}\n",
    ),
    (
        "data/测试镇/2024-H1.yaml",
        "indicators:\n  hazards: {found: 12, rectified: 10}\n  drills: {count: 3}\n\
         work:\n  - title: 排查整治\n    body: |\n      \
         发现问题{{ hazards.found }}{{ units.hazards.found }}，同比{{ yoy.hazards.found }}。\n",
    ),
];

#[test]
fn a_relabelled_unit_shows_in_prose_tables_charts_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let (project, out) = (tmp.path().join("p"), tmp.path().join("site"));
    write(&project, RELABELLED);
    build(&project, &out);
    let page = fs::read_to_string(out.join("ceshizhen/2024-H1/index.html"))
        .or_else(|_| fs::read_to_string(out.join("测试镇/2024-H1/index.html")))
        .unwrap();
    // Prose: 12 − 0 from a zero base is an absolute change, in the catalog's unit.
    assert!(page.contains("发现问题12起，同比增加12起。"), "{page}");
    // The 附表 row: label and unit from zongjie.yaml.
    assert!(page.contains(r#"<th>发现问题<td>12<td>起"#), "{page}");
    // The chart of the ratio's parts: its series, title and unit from the catalog.
    assert!(page.contains("单位：起"), "{page}");
    assert!(page.contains("发现问题与整改问题"), "{page}");
    // The built-in words for hazards appear nowhere: not 排查隐患, not 处 as a unit (the
    // word occurs only inside 现场处置方案, a target's legal basis).
    assert!(!page.contains("排查隐患"), "{page}");
    for unit in [">处<", "（处）", "单位：处", " 处", "处，", "处；"] {
        assert!(!page.contains(unit), "{unit} in {page}");
    }
    let csv = fs::read_to_string(out.join("data/indicators.csv")).unwrap();
    assert!(
        csv.contains(",hazards.found,发现问题,起,12,12\r\n"),
        "{csv}"
    );
    assert!(!csv.contains('处'), "{csv}");
    // The catalog the report models point to says the same words.
    let catalog = fs::read_to_string(out.join("data/catalog.json")).unwrap();
    let found: serde_json::Value = serde_json::from_str(&catalog).unwrap();
    let found = found["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "hazards.found")
        .unwrap();
    assert_eq!(
        (&found["label"], &found["unit"]),
        (&"发现问题".into(), &"起".into())
    );
}

/// Every `.json` under `dir`, by relative path, with its bytes.
fn json_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_report_model_follows_the_documented_schema_and_is_deterministic() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&fixture, &a);
    build(&fixture, &b);
    let (models, again) = (
        json_files(&a.join("data/reports")),
        json_files(&b.join("data/reports")),
    );
    assert_eq!(models, again, "the same input gives the same bytes");
    // One model per report page: the fixture's town, its two villages, every period.
    let pages = walkdir::WalkDir::new(&a)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html" && e.depth() >= 2)
        .filter(|e| {
            e.path()
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("20")
        })
        .count();
    assert!(pages > 0);
    assert_eq!(models.len(), pages);

    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report.schema.json");
    let mut schemas = boon::Schemas::new();
    let index = boon::Compiler::new()
        .compile(schema.to_str().unwrap(), &mut schemas)
        .unwrap_or_else(|e| panic!("{e:#}"));
    for (path, bytes) in &models {
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        if let Err(e) = schemas.validate(&value, index) {
            panic!("{path}: {e:#}");
        }
    }
    // Every indicator a model names is in the catalog, which follows its own schema.
    let catalog: serde_json::Value =
        serde_json::from_slice(&fs::read(a.join("data/catalog.json")).unwrap()).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/catalog.schema.json");
    let catalog_schema = boon::Compiler::new()
        .compile(schema.to_str().unwrap(), &mut schemas)
        .unwrap_or_else(|e| panic!("{e:#}"));
    if let Err(e) = schemas.validate(&catalog, catalog_schema) {
        panic!("data/catalog.json: {e:#}");
    }
    let known: std::collections::BTreeSet<&str> = catalog["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(known.contains("hazards.found"), "{known:?}");
    for (path, bytes) in &models {
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        for figure in value["figures"].as_array().unwrap() {
            let id = figure["indicator"].as_str().unwrap();
            assert!(known.contains(id), "{path}: {id} is not in the catalog");
        }
    }
    // The schema is strict enough to catch a renamed field or a number written as text.
    let (_, first) = &models[0];
    let mut broken: serde_json::Value = serde_json::from_slice(first).unwrap();
    broken["figures"][0]["value"] = serde_json::json!("12");
    assert!(schemas.validate(&broken, index).is_err());
    let mut renamed: serde_json::Value = serde_json::from_slice(first).unwrap();
    let title = renamed["title"].take();
    renamed.as_object_mut().unwrap().remove("title");
    renamed["name"] = title;
    assert!(schemas.validate(&renamed, index).is_err());
}
