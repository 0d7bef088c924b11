//! Progress on a terminal for long builds: a bar while pages render, a spinner while the
//! site is written. Nothing at all when stderr is not a terminal (CI logs), with `-q`, or
//! for a site small enough to build in a blink.

use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cmd::Verbosity;

/// Below this many pages a build takes well under a second: no bar.
pub const MIN_PAGES: usize = 500;

pub struct Progress {
    /// What the bar is doing to the pages: 生成 (build), 检查 (check).
    doing: &'static str,
    enabled: bool,
    bar: OnceLock<ProgressBar>,
}

impl Progress {
    pub fn new(doing: &'static str, verbosity: Verbosity) -> Progress {
        Progress {
            doing,
            enabled: verbosity != Verbosity::Quiet && std::io::stderr().is_terminal(),
            bar: OnceLock::new(),
        }
    }

    /// One page rendered, of `total`; the first call decides whether there is a bar.
    pub fn page(&self, total: usize) {
        if !self.enabled || total < MIN_PAGES {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(&format!(
                    "{}页面 {{bar:40}} {{pos}}/{{len}}（{{percent}}%）预计还需 {{eta}}",
                    self.doing
                ))
                .expect("valid template"),
            );
            bar
        });
        bar.inc(1);
    }

    /// Says what is being done now, with a spinner, if there is a bar already.
    pub fn stage(&self, message: &'static str) {
        if let Some(bar) = self.bar.get() {
            bar.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("valid template"));
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    /// Clears the bar, so the summary line prints on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
