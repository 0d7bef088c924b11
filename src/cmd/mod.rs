//! One module per command. Each returns the process exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use crate::diag::{Diagnostics, Severity};

/// How much a command prints. Here rather than in `cli`, so that commands never import
/// the argument parser that calls them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

pub const EXIT_OK: i32 = 0;
pub const EXIT_DATA: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Prints diagnostics to stderr, errors always, warnings unless quiet.
pub fn print_diagnostics(diags: &Diagnostics, verbosity: Verbosity) {
    for d in diags.sorted() {
        if d.severity == Severity::Warning && verbosity == Verbosity::Quiet {
            continue;
        }
        eprintln!("{d}");
    }
}
