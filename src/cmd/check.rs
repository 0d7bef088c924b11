//! `zongjie check`: everything `build` validates, without writing anything.

use std::path::Path;

use super::Verbosity;
use crate::diag::Severity;
use crate::pipeline;

use super::{print_diagnostics, EXIT_DATA, EXIT_OK, EXIT_USAGE};

pub fn run(root: &Path, verbosity: Verbosity) -> i32 {
    let analysis = match pipeline::check(root) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    let analysis = &analysis;
    print_diagnostics(&analysis.diags, verbosity);
    let errors = analysis.diags.count(Severity::Error);
    let warnings = analysis.diags.count(Severity::Warning);
    if verbosity != Verbosity::Quiet {
        let files: usize = analysis.project.units.iter().map(|u| u.files.len()).sum();
        eprintln!(
            "检查了 {} 个单位、{files} 个期间文件：{errors} 个错误，{warnings} 个警告",
            analysis.project.units.len()
        );
        print_data_only(analysis);
    }
    if errors > 0 {
        EXIT_DATA
    } else {
        EXIT_OK
    }
}

/// Files with figures and no prose are legitimate (typed in so that 同比 has a base) but
/// are not published as reports: say which, so a writer who forgot the prose notices.
fn print_data_only(analysis: &crate::analysis::Analysis) {
    let files = analysis.data_only_files();
    if files.is_empty() {
        return;
    }
    eprintln!(
        "其中 {} 个期间文件只有数字、没有正文（lead、work、problems、plans 都没写），只用于表格、图表和同比，不单独发布为工作总结：",
        files.len()
    );
    for f in files {
        eprintln!("  {}", crate::diag::visible(&f.path.display().to_string()));
    }
}
