//! Build speed over a generated corpus: `cargo bench --bench build`.
//!
//! A tree of units (`ZONGJIE_BENCH_FANOUT` children per unit, `ZONGJIE_BENCH_DEPTH`
//! levels, default 10 and 3: 1 110 units) with half-year files for
//! `ZONGJIE_BENCH_YEARS` years (default 3) at every unit, each with indicators and a
//! body with figures. Prints the time of each stage; timings live here, never in tests.
//!
//! The build is timed with `outputs: {word: false, excel: false}`, the like-for-like
//! figure beside other generators; what Word and Excel add is then timed per report on
//! `ZONGJIE_BENCH_OFFICE_SAMPLE` reports spread over the corpus (default 200), one at a
//! time, as CPU time of the thread (and wall time).

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use zongjie::analysis::Analysis;
use zongjie::diag::Diagnostics;
use zongjie::render::office::Office;
use zongjie::render::{site_pages, Page, ReportJob, ReportRenderer};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn period_file(seed: usize) -> String {
    let found = 10 + seed % 50;
    let rectified = found - seed % 3;
    let mut s = String::new();
    writeln!(s, "author: 安全生产委员会办公室\ndate: 2024-07-05").unwrap();
    writeln!(
        s,
        "lead: |\n  上半年，安全生产形势总体平稳。现将有关情况总结如下："
    )
    .unwrap();
    writeln!(s, "indicators:").unwrap();
    writeln!(
        s,
        "  inspections: {{units: {}, groups: {}}}",
        20 + seed % 40,
        3 + seed % 9
    )
    .unwrap();
    writeln!(
        s,
        "  hazards: {{found: {found}, rectified: {rectified}, major: 0, major_rectified: 0}}"
    )
    .unwrap();
    writeln!(
        s,
        "  drills: {{count: {}, comprehensive: {}, participants: {}}}",
        1 + seed % 5,
        seed % 2,
        50 + seed % 300
    )
    .unwrap();
    writeln!(
        s,
        "  training: {{sessions: 4, person_times: 300, covered: {}, headcount: 320}}",
        300 + seed % 20
    )
    .unwrap();
    writeln!(
        s,
        "  accidents: {{count: 0, deaths: 0, injuries: {}, direct_loss_10k_yuan: 0}}",
        seed % 2
    )
    .unwrap();
    writeln!(s, "work:\n  - title: 隐患排查整治\n    body: |\n      检查{{{{ inspections.units }}}}家次，发现隐患{{{{ hazards.found }}}}处，整改率{{{{ hazards.rectification_rate | pct }}}}，同比{{{{ yoy.hazards.found }}}}。").unwrap();
    writeln!(
        s,
        "problems:\n  - title: 基层力量薄弱\n    body: 一是人员不足；二是能力不够。"
    )
    .unwrap();
    s
}

fn generate(root: &Path, fanout: usize, depth: usize, years: usize) -> usize {
    std::fs::write(
        root.join("zongjie.yaml"),
        "title: 基准测试\norganisation: 安委办\noutputs: {word: false, excel: false}\n",
    )
    .unwrap();
    let mut units = 0;
    let mut stack = vec![(root.join("data").join("省"), 0usize)];
    while let Some((dir, level)) = stack.pop() {
        std::fs::create_dir_all(&dir).unwrap();
        units += 1;
        for y in 0..years {
            for h in 1..=2 {
                let name = format!("{}-H{h}.yaml", 2020 + y);
                std::fs::write(dir.join(name), period_file(units * 7 + y * 3 + h)).unwrap();
            }
        }
        if level < depth {
            for c in 0..fanout {
                stack.push((dir.join(format!("单位{c}")), level + 1));
            }
        }
    }
    units
}

/// The allocator the binary uses (src/main.rs), so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (fanout, depth, years) = (
        env("ZONGJIE_BENCH_FANOUT", 10),
        env("ZONGJIE_BENCH_DEPTH", 3),
        env("ZONGJIE_BENCH_YEARS", 3),
    );
    let tmp = tempfile::tempdir().unwrap();
    let units = generate(tmp.path(), fanout, depth, years);
    println!("corpus: {units} units × {} half-year files", years * 2);

    let t = Instant::now();
    let analysis = zongjie::pipeline::analyse(tmp.path()).unwrap();
    let load_compute = t.elapsed();
    assert!(
        !analysis.diags.has_errors(),
        "generated corpus must be valid"
    );
    drop(analysis);

    let t = Instant::now();
    let build = zongjie::pipeline::build(tmp.path(), None).unwrap();
    let full = t.elapsed();
    assert!(!build.analysis.diags.has_errors());
    let pages = build
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    let bytes: usize = build.files.iter().map(|f| f.bytes.len()).sum();

    let t = Instant::now();
    zongjie::output::write_site(&tmp.path().join("site"), tmp.path(), &build.files).unwrap();
    let write = t.elapsed();

    println!("load + compute: {:>8.3} s", load_compute.as_secs_f64());
    println!(
        "load + compute + render: {:>8.3} s ({pages} pages, {:.1} MB)",
        full.as_secs_f64(),
        bytes as f64 / 1e6
    );
    println!("write: {:>8.3} s", write.as_secs_f64());
    println!(
        "pages per second (render incl. load): {:.0}",
        pages as f64 / full.as_secs_f64()
    );
    office_cost(&build.analysis, env("ZONGJIE_BENCH_OFFICE_SAMPLE", 200));
}

/// CPU time of the calling thread: what a report costs, whatever else the machine runs.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// What Word and Excel add per report, over `sample` reports spread evenly over the site.
fn office_cost(analysis: &Analysis, sample: usize) {
    let reports: Vec<_> = site_pages(analysis)
        .into_iter()
        .filter_map(|p| match p {
            Page::Report(u, p) if !analysis.is_data_only(u, p) => Some((u, p)),
            _ => None,
        })
        .collect();
    let step = (reports.len() / sample.max(1)).max(1);
    let chosen: Vec<_> = reports.iter().step_by(step).take(sample).collect();
    // The system font scan happens once per process, before the first chart: timed apart.
    let t = Instant::now();
    let font = zongjie::render::raster::cjk_font_available();
    println!(
        "Word: font lookup once per build {:.3} s{}",
        t.elapsed().as_secs_f64(),
        if font {
            ""
        } else {
            " (no CJK font: no charts drawn)"
        }
    );
    for (name, renderer) in [
        (
            "Word",
            Office {
                word: true,
                excel: false,
            },
        ),
        (
            "Excel",
            Office {
                word: false,
                excel: true,
            },
        ),
    ] {
        let (mut cpu, mut wall, mut bytes) = (Duration::ZERO, Duration::ZERO, 0);
        for &&(unit, period) in &chosen {
            let mut diags = Diagnostics::new();
            let model = zongjie::report::report(analysis, unit, period, &mut diags).unwrap();
            let job = ReportJob {
                analysis,
                unit,
                period,
                model: &model,
            };
            let (c, w) = (thread_cpu(), Instant::now());
            let files = renderer.render(&job, &mut diags);
            (cpu, wall) = (cpu + (thread_cpu() - c), wall + w.elapsed());
            bytes += files.iter().map(|f| f.bytes.len()).sum::<usize>();
        }
        let n = chosen.len().max(1) as f64;
        println!(
            "{name} per report ({} reports): {:.1} ms CPU, {:.1} ms wall, {:.0} KB",
            chosen.len(),
            cpu.as_secs_f64() * 1e3 / n,
            wall.as_secs_f64() * 1e3 / n,
            bytes as f64 / 1024.0 / n
        );
    }
}
