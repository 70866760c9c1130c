//! Suivi CESP — the core: domain types and rules, the SQLite store and the services
//! that the window (src-tauri) and the command line (src/main.rs) both call.
//!
//! Data flows one way: caller → service ([`register`], [`ledger`], [`followup`], [`settings`], [`demo`]) →
//! rules ([`domain`]) and store ([`store`]). Callers never touch the tables.

pub mod applications;
pub mod archive;
pub mod audit;
pub mod backup;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod followup;
pub mod import;
pub mod installation;
pub mod interviews;
pub mod ledger;
pub mod letters;
pub mod money;
pub mod paths;
pub mod pdf;
pub mod postal;
pub mod private_files;
pub mod register;
pub mod settings;
pub mod single_instance;
pub mod stats;
pub mod store;
pub mod text;
pub mod todo;
pub mod zonage;

pub use error::{Error, FieldError, ValidationErrors};
pub use store::Store;
