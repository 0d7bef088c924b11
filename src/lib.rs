//! zongjie (总结): YAML files of workplace-safety indicators in, 安全生产工作总结 site out.
//!
//! The pipeline is visible in the module list: `config` and `load` read the project,
//! `compute` derives every figure (pure), `render` makes pages in memory, `output` writes them.

pub mod chart;
