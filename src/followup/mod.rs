//! The annual follow-up (domain.md §7): campaigns of fiches de suivi, sent, reminded,
//! returned and recorded, and the printed sheet.

pub mod calendar;
pub mod campaign;
pub mod print;
pub mod returns;
pub mod service;

pub use campaign::{AnswersForm, FileChange};
pub use print::{PrintReport, PrintTarget};
pub use service::{BulkInput, BulkResult, CampaignPage, CampaignQuery, CampaignRow, FormView, RecordOutcome};
