//! Files written for other programs: CSV for Excel and LibreOffice (more formats come
//! with the regional counts).

pub mod csv;
pub mod signatories;
pub mod xlsx;
