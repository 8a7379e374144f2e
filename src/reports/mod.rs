//! Migration reports for project leads: JSON, CSV and HTML from one serde model, and merging
//! reports from many machines into one.

mod model;

pub use model::{
    FileReport, FileVerdict, FindingRecord, Report, RunInfo, SCHEMA, SCHEMA_VERSION, Status,
    Summary,
};
