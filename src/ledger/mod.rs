//! The money and time rules of the CESP (domain.md §4–§6): allowance months, commitment,
//! rupture indemnity, and the JSON interface of `cesp simulate`. Pure code, no I/O.

pub mod print;
pub mod rules;
pub mod service;
pub mod simulate;

pub use rules::{
    compute, decimal_sqrt, definitive_suspension_effective, definitive_suspension_request_ok,
    degressive_rate, round_money, validate, AllowanceRate, Computation, Contract, Degressive, FrDate,
    LedgerError, Parameters, Period, Phase, Rupture, Suspension,
};
pub use simulate::{
    parse_input, simulate, simulate_json, PeriodInput, RuptureOutput, SimulateError, SimulateInput,
    SimulateOutput, SuspensionInput,
};
