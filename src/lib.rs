//! zongjie (总结): YAML files of workplace-safety indicators in, 安全生产工作总结 site out.
//!
//! The pipeline is visible in the module list: `config` and `load` read the project,
//! `compute` derives every figure (pure), `render` makes pages in memory, `output` writes them.

pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod compute;
pub mod config;
pub mod decimal;
pub mod diag;
pub mod digest;
pub mod drafts;
pub mod filters;
pub mod fingerprint;
pub mod form;
pub mod format;
pub mod habits;
pub mod import;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod period;
pub mod pipeline;
pub mod preview;
pub mod progress;
pub mod prose;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod starter;
pub mod usage;
pub mod yaml;
