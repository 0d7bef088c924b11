//! The report stage: after `compute`, one format-neutral [`model::Report`] per report,
//! holding everything it shows. Renderers (HTML, charts, CSV/JSON, Word, Excel) read it;
//! it is published as JSON for other tools.

pub mod build;
pub mod charts;
pub mod model;
pub mod prose;
pub mod situation;

pub use build::{check_prose, report};
pub use model::*;
