//! Domain types and pure rules (no I/O). docs/regles.md states the rules and their sources.

pub mod calendar;
pub mod completeness;
pub mod dates;
pub mod departments;
pub mod enums;
pub mod managing;
pub mod reference;
pub mod regime;
pub mod signatory;

pub use enums::{
    ApplicationDocument, ArsValidationRule, Civility, ContractEndKind, Cycle, Decision, Discipline,
    FormStatus, InterviewMode, InterviewReason, ManagingBody, PlaceMode, PracticeMode, PracticeStructure,
    Sector, SendChannel, Situation, Status, SuspensionReason, TodoKind, ZoneType,
};
pub use regime::Regime;
pub use signatory::{Signatory, SignatoryInput, SignatoryRecord};
