//! What a save costs during `zongjie serve`: `cargo bench --bench serve`.
//!
//! Generates the corpus of benches/vs-hugo.sh (`benches/vs-hugo/gen.py`, needs python3):
//! `ZONGJIE_BENCH_UNITS` units (default 1 000) × `ZONGJIE_BENCH_YEARS` years (default 5) of
//! half-year files; Word and Excel off unless `ZONGJIE_BENCH_OFFICE=1`. Builds the preview
//! once as `serve` does at start, then edits `ZONGJIE_BENCH_EDITS` period files (default 20:
//! towns, a city, the province, in turn) and times each rebuild through the code path
//! `serve` runs on a save: from the write until the new version is published (what an open
//! page's poll sees), and until the rebuild is finished. The watcher's wait for quiet
//! (30 ms) comes on top. Then the exports are asked for, as after a save they are made on
//! request. Timings live here, never in tests.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zongjie::preview::Preview;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// User + system CPU time of the whole process: what a rebuild costs on a loaded machine.
fn process_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Peak resident memory of the process so far, in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

fn generate(out: &Path, units: usize, years: usize) -> PathBuf {
    let gen = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/vs-hugo/gen.py");
    let status = std::process::Command::new("python3")
        .arg(gen)
        .arg(out)
        .args([units.to_string(), years.to_string()])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs benches/vs-hugo/gen.py");
    assert!(status.success());
    let root = out.join("zongjie");
    if std::env::var("ZONGJIE_BENCH_OFFICE").is_ok_and(|v| v == "1") {
        std::fs::write(
            root.join("zongjie.yaml"),
            "title: 基准测试\norganisation: 安委办\n",
        )
        .unwrap();
    }
    root
}

/// The period files edited in turn: towns (the common case), a city, the province.
fn targets(root: &Path, years: usize) -> Vec<PathBuf> {
    let last = 2015 + years - 1;
    let data = root.join("data/省");
    vec![
        data.join(format!("市1/镇10/{}-H1.yaml", 2015 + years / 2)),
        data.join(format!("市2/镇101/{last}-H2.yaml")),
        data.join("市3/2015-H1.yaml"),
        data.join(format!("市4/镇22/{last}-H1.yaml")),
        data.join(format!("{last}-H2.yaml")),
    ]
}

/// A figure changed, so the unit's roll-ups and later 同比 change too.
fn edit(path: &Path, n: usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find("found: ").expect("a hazards.found figure") + "found: ".len();
    let end = at + text[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let edited = format!("{}{}{}", &text[..at], 600 + n, &text[end..]);
    std::fs::write(path, edited).unwrap();
}

fn spread(v: &[f64]) -> (f64, f64) {
    let lo = v.iter().copied().fold(f64::MAX, f64::min);
    (lo, v.iter().copied().fold(0.0, f64::max))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The allocator the binary uses (src/main.rs), so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (units, years, edits) = (
        env("ZONGJIE_BENCH_UNITS", 1000),
        env("ZONGJIE_BENCH_YEARS", 5),
        env("ZONGJIE_BENCH_EDITS", 20),
    );
    let tmp = tempfile::tempdir().unwrap();
    let root = generate(tmp.path(), units, years);
    println!("corpus: {units} units × {} half-year files", years * 2);

    let preview = Preview::new();
    let (t, cpu) = (Instant::now(), process_cpu());
    let first = preview.rebuild(&root);
    assert_eq!(first.errors, 0, "the generated corpus is valid");
    println!(
        "first build into memory: {:.2} s wall, {:.2} s CPU, {} pages, peak {:.0} MiB",
        t.elapsed().as_secs_f64(),
        (process_cpu() - cpu).as_secs_f64(),
        first.pages,
        peak_mib()
    );

    let files = targets(&root, years);
    let (mut published, mut cpu_ms, mut done) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..edits {
        let path = &files[i % files.len()];
        let version = preview.version();
        let (t, cpu) = (Instant::now(), process_cpu());
        edit(path, i);
        // The rebuild runs as serve's watcher thread runs it; this thread polls the
        // version as an open page does, and notes when it moves on.
        let rebuilt = std::thread::scope(|s| {
            let rebuild =
                s.spawn(|| preview.rebuild_changed(&root, Some(std::slice::from_ref(path))));
            while preview.version() == version && !rebuild.is_finished() {
                std::thread::sleep(Duration::from_micros(200));
            }
            published.push(t.elapsed().as_secs_f64() * 1e3);
            rebuild.join().unwrap()
        });
        done.push(t.elapsed().as_secs_f64() * 1e3);
        cpu_ms.push((process_cpu() - cpu).as_secs_f64() * 1e3);
        assert!(rebuilt.errors == 0 && preview.version() > version);
    }
    let (lo, hi) = spread(&published);
    println!(
        "save → new version published ({edits} edits): median {:.0} ms (min {lo:.0}, max {hi:.0})",
        median(&mut published),
    );
    let (lo, hi) = spread(&done);
    println!(
        "save → rebuild finished (ancestors' pages, front page): median {:.0} ms (min {lo:.0}, max {hi:.0}), CPU median {:.0} ms",
        median(&mut done),
        median(&mut cpu_ms)
    );
    println!("peak memory: {:.0} MiB", peak_mib());
    for export in [
        "/data/indicators.csv",
        "/data/indicators.json",
        "/data/indicators.xlsx",
    ] {
        let t = Instant::now();
        let reply = preview.respond(export);
        println!(
            "GET {export} after the last save: {} in {:.0} ms ({:.1} MB)",
            reply.status,
            t.elapsed().as_secs_f64() * 1e3,
            reply.body.len() as f64 / 1e6
        );
    }
}
