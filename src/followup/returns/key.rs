//! The identification a fillable sheet carries in its hidden field `cesp_cle`:
//! `CESP1;2026;42;9f3a…;<mac>` — the format, the campaign's year, the signatory's number,
//! the register that printed it, and an HMAC-SHA-256 of those under the register's own key
//! (migration 11), cut to 128 bits. A returned sheet is matched to its file by it; a sheet
//! whose identification was edited, or printed by another register, is refused by name.
//!
//! The key signs the identification, not the answers: those are the signatory's, typed in
//! the sheet, and shown to the referent beside the file before anything is recorded.

use crate::error::Result;
use crate::store::{settings as kv, Store};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const FORMAT: &str = "CESP1";
const REGISTER: &str = "formulaire_registre";
const SECRET: &str = "formulaire_cle";
/// Hex digits of the MAC kept: 128 bits.
const MAC_HEX: usize = 32;

/// What a sheet's identification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetId {
    pub year: i32,
    pub signatory_id: i64,
    pub register: String,
}

/// Why an identification is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not in the format at all.
    Unreadable,
    /// Printed by another register (its identity).
    OtherRegister(String),
    /// The right register, but the identification was changed after printing.
    Tampered,
}

/// This register's identity and key.
pub struct RegisterKey {
    register: String,
    secret: Vec<u8>,
}

impl RegisterKey {
    /// Reads them from the register (created by its migration).
    pub fn read(store: &Store) -> Result<RegisterKey> {
        let conn = store.read();
        let register = kv::get(conn, REGISTER)?.unwrap_or_default();
        let secret = kv::get(conn, SECRET)?.unwrap_or_default().into_bytes();
        Ok(RegisterKey { register, secret })
    }

    fn mac(&self, body: &str) -> String {
        // An HMAC takes a key of any length: `new_from_slice` cannot fail for it.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.secret) else {
            return String::new();
        };
        mac.update(body.as_bytes());
        let bytes = mac.finalize().into_bytes();
        let mut hex = String::with_capacity(64);
        for b in bytes.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        hex.truncate(MAC_HEX);
        hex
    }

    /// The identification of the sheet of `signatory_id` for `year`.
    pub fn sign(&self, year: i32, signatory_id: i64) -> String {
        let body = format!("{FORMAT};{year};{signatory_id};{}", self.register);
        let mac = self.mac(&body);
        format!("{body};{mac}")
    }

    /// Checks an identification read from a returned sheet.
    pub fn verify(&self, text: &str) -> std::result::Result<SheetId, KeyError> {
        let parts: Vec<&str> = text.trim().split(';').collect();
        let [format, year, id, register, mac] = parts.as_slice() else {
            return Err(KeyError::Unreadable);
        };
        let (Ok(year), Ok(signatory_id)) = (year.parse::<i32>(), id.parse::<i64>()) else {
            return Err(KeyError::Unreadable);
        };
        if *format != FORMAT || mac.len() != MAC_HEX {
            return Err(KeyError::Unreadable);
        }
        if *register != self.register {
            return Err(KeyError::OtherRegister((*register).to_owned()));
        }
        let expected = self.mac(&format!("{FORMAT};{year};{signatory_id};{register}"));
        // Compared in constant time: the MAC is a secret's image.
        if !constant_time_eq(expected.as_bytes(), mac.as_bytes()) {
            return Err(KeyError::Tampered);
        }
        Ok(SheetId {
            year,
            signatory_id,
            register: (*register).to_owned(),
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(register: &str, secret: &str) -> RegisterKey {
        RegisterKey {
            register: register.to_owned(),
            secret: secret.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_signed_identification_is_verified_and_any_change_refused() {
        let k = key("9f3a00112233aabb", "secret-de-test");
        let text = k.sign(2026, 42);
        assert!(text.starts_with("CESP1;2026;42;9f3a00112233aabb;"));
        assert_eq!(
            k.verify(&text),
            Ok(SheetId {
                year: 2026,
                signatory_id: 42,
                register: "9f3a00112233aabb".into()
            })
        );
        // Another number or year with the same MAC: refused.
        assert_eq!(k.verify(&text.replace(";42;", ";43;")), Err(KeyError::Tampered));
        assert_eq!(
            k.verify(&text.replace(";2026;", ";2025;")),
            Err(KeyError::Tampered)
        );
        // Another register: named.
        let other = key("0000000000000000", "autre").sign(2026, 42);
        assert_eq!(
            k.verify(&other),
            Err(KeyError::OtherRegister("0000000000000000".into()))
        );
        // The same register identity under another key (a forged sheet): refused.
        let forged = key("9f3a00112233aabb", "devine").sign(2026, 42);
        assert_eq!(k.verify(&forged), Err(KeyError::Tampered));
        for junk in ["", "CESP1", "CESP1;x;42;9f3a00112233aabb;00", "PDF;2026;42;a;b"] {
            assert_eq!(k.verify(junk), Err(KeyError::Unreadable), "{junk}");
        }
    }
}
