//! Domain types and pure rules (no I/O). See ../shared/domain.md for the sources.

pub mod completeness;
pub mod dates;
pub mod enums;
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
