-- Schema version 1: the register of signatories and the application settings.
-- Never edit this file once it has landed: add 0002_….sql instead.

-- 'CESP' in ASCII: lets the application recognise its own files.
PRAGMA application_id = 1128616784;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE signatory (
    id             INTEGER PRIMARY KEY,
    civility       TEXT NOT NULL CHECK (civility IN ('M', 'Mme')),
    last_name      TEXT NOT NULL CHECK (length(last_name) > 0),
    birth_name     TEXT,
    first_names    TEXT NOT NULL CHECK (length(first_names) > 0),
    birth_date     TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
    email          TEXT,
    phone          TEXT,
    address        TEXT,
    discipline     TEXT NOT NULL CHECK (discipline IN ('medecine', 'odontologie', 'maieutique', 'pharmacie')),
    padhue         INTEGER NOT NULL DEFAULT 0 CHECK (padhue IN (0, 1)),
    ufr            TEXT,
    subdivision    TEXT,
    cycle          TEXT CHECK (cycle IS NULL OR cycle IN ('deuxieme_cycle', 'troisieme_cycle')),
    study_year     INTEGER,
    ecn_year       INTEGER,
    ecn_rank       INTEGER,
    specialty      TEXT,
    signature_date TEXT CHECK (signature_date IS NULL OR date(signature_date) = signature_date),
    managing_body  TEXT CHECK (managing_body IS NULL OR managing_body IN ('cng', 'asp')),
    contract_ref   TEXT UNIQUE,
    status         TEXT NOT NULL CHECK (status IN ('candidat', 'en_formation', 'suspendu', 'diplome', 'installe',
                                                   'engagement_termine', 'rompu', 'resilie', 'decede_ou_inaptitude')),
    notes          TEXT NOT NULL DEFAULT '',
    -- Folded (lower case, no accents) copies kept by the core: the search index and
    -- the sort by name both need them, and SQLite cannot fold accents itself.
    search_names   TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX signatory_name_key ON signatory (name_key, id);
CREATE INDEX signatory_status ON signatory (status, name_key);
CREATE INDEX signatory_discipline ON signatory (discipline, name_key);
CREATE INDEX signatory_signature_date ON signatory (signature_date);

-- Search as you type over last name, birth name and first names. An external-content
-- index: the text lives once, in signatory.search_names.
CREATE VIRTUAL TABLE signatory_fts USING fts5(
    search_names,
    content = 'signatory',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TRIGGER signatory_fts_insert AFTER INSERT ON signatory BEGIN
    INSERT INTO signatory_fts (rowid, search_names) VALUES (new.id, new.search_names);
END;
CREATE TRIGGER signatory_fts_delete AFTER DELETE ON signatory BEGIN
    INSERT INTO signatory_fts (signatory_fts, rowid, search_names) VALUES ('delete', old.id, old.search_names);
END;
CREATE TRIGGER signatory_fts_update AFTER UPDATE OF search_names ON signatory BEGIN
    INSERT INTO signatory_fts (signatory_fts, rowid, search_names) VALUES ('delete', old.id, old.search_names);
    INSERT INTO signatory_fts (rowid, search_names) VALUES (new.id, new.search_names);
END;
