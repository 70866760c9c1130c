//! French formatting of amounts and rates for display and printing.
//!
//! Amounts stay [`Decimal`] until the very last step; these functions only turn a final
//! value into the text shown to the user ("1 200,00 €", "46,3344 %"). They round half
//! away from zero, as the rupture computation does.

use rust_decimal::{Decimal, RoundingStrategy};

/// Thousands separator: U+202F NARROW NO-BREAK SPACE (French typography, and it never
/// lets a line break split an amount).
pub const THOUSANDS_SEP: char = '\u{202F}';
/// Space before the unit ("€", "%"): U+00A0 NO-BREAK SPACE.
pub const UNIT_SPACE: char = '\u{A0}';

/// Formats an amount in euros the French way: `1 200,00 €`.
///
/// Two decimals, rounded half away from zero; U+202F between groups of thousands,
/// U+00A0 before "€"; a negative amount starts with "-" (an amount that rounds to zero
/// is printed without sign).
pub fn format_euros(d: Decimal) -> String {
    let mut s = format_number(d, 2);
    s.push(UNIT_SPACE);
    s.push('€');
    s
}

/// Formats a rate given in percent (46.33437 → `46,3344 %` with `decimals` = 4).
///
/// Rounded half away from zero to `decimals` places (at most 28), with the same
/// separators as [`format_euros`].
pub fn format_percent(d: Decimal, decimals: u32) -> String {
    let mut s = format_number(d, decimals);
    s.push(UNIT_SPACE);
    s.push('%');
    s
}

/// Formats `d` with exactly `decimals` decimals, a decimal comma and grouped thousands.
pub fn format_number(d: Decimal, decimals: u32) -> String {
    let decimals = decimals.min(28);
    let mut rounded = d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    rounded.set_sign_positive(true);
    rounded.rescale(decimals);
    let plain = rounded.to_string();
    let (int_part, frac_part) = match plain.split_once('.') {
        Some((i, f)) => (i, f),
        None => (plain.as_str(), ""),
    };

    let mut out = String::with_capacity(plain.len() + 8);
    if negative {
        out.push('-');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(THOUSANDS_SEP);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn euros_french_format() {
        assert_eq!(format_euros(dec!(1200)), "1\u{202F}200,00\u{A0}€");
        assert_eq!(format_euros(dec!(0)), "0,00\u{A0}€");
        assert_eq!(format_euros(dec!(7.5)), "7,50\u{A0}€");
        assert_eq!(format_euros(dec!(999.999)), "1\u{202F}000,00\u{A0}€");
        assert_eq!(format_euros(dec!(66412.80)), "66\u{202F}412,80\u{A0}€");
        assert_eq!(
            format_euros(dec!(1234567.891)),
            "1\u{202F}234\u{202F}567,89\u{A0}€"
        );
        assert_eq!(format_euros(dec!(123456)), "123\u{202F}456,00\u{A0}€");
    }

    #[test]
    fn euros_round_half_away_from_zero() {
        assert_eq!(format_euros(dec!(0.005)), "0,01\u{A0}€");
        assert_eq!(format_euros(dec!(2.345)), "2,35\u{A0}€");
        assert_eq!(format_euros(dec!(2.3449999)), "2,34\u{A0}€");
        assert_eq!(format_euros(dec!(-2.345)), "-2,35\u{A0}€");
        assert_eq!(format_euros(dec!(40038.825)), "40\u{202F}038,83\u{A0}€");
    }

    #[test]
    fn euros_negative_and_negative_zero() {
        assert_eq!(format_euros(dec!(-1200)), "-1\u{202F}200,00\u{A0}€");
        assert_eq!(format_euros(dec!(-0.004)), "0,00\u{A0}€");
        assert_eq!(format_euros(dec!(-0.005)), "-0,01\u{A0}€");
    }

    #[test]
    fn percent_french_format() {
        assert_eq!(format_percent(dec!(46.334369), 4), "46,3344\u{A0}%");
        assert_eq!(format_percent(dec!(100), 4), "100,0000\u{A0}%");
        assert_eq!(format_percent(dec!(12.5), 0), "13\u{A0}%");
        assert_eq!(format_percent(dec!(-12.5), 0), "-13\u{A0}%");
        assert_eq!(format_percent(dec!(1234.5), 1), "1\u{202F}234,5\u{A0}%");
        assert_eq!(format_percent(dec!(0.00005), 4), "0,0001\u{A0}%");
    }
}
