-- Fillable follow-up sheets (#19): what identifies this register on the sheets it sends, the
-- key that signs their identification field, and the returned files already read.

-- The register's identity on its sheets and the HMAC key of their identification field:
-- random, drawn by SQLite from the system's source (ChaCha20 seeded by the OS), never shown
-- and never exported by `cesp settings show`. A copy of the register (a backup restored on
-- another laptop) is the same register: its sheets are recognised there too.
INSERT OR IGNORE INTO setting (key, value) VALUES ('formulaire_registre', lower(hex(randomblob(8))));
INSERT OR IGNORE INTO setting (key, value) VALUES ('formulaire_cle', lower(hex(randomblob(32))));

-- A returned sheet read from its PDF: the same file read twice is recognised by its hash
-- (nothing about the person but the link to the file).
CREATE TABLE followup_return_file (
    id           INTEGER PRIMARY KEY,
    signatory_id INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL CHECK (year BETWEEN 2010 AND 2100),
    sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    read_at      TEXT NOT NULL
) STRICT;
CREATE INDEX followup_return_file_signatory ON followup_return_file (signatory_id, year);
