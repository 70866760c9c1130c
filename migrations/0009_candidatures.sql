-- Schema version 9: the applications to the CESP and the selection commissions (issue #11).
-- Never edit this file once it has landed: add 0010_….sql instead.
--
-- A campaign is an academic year (2026 for 2026-2027: files in the autumn of 2026,
-- commission in January 2027, contracts from February 2027) and a UFR.

-- One sitting of a UFR's selection commission.
CREATE TABLE commission (
    id            INTEGER PRIMARY KEY,
    academic_year INTEGER NOT NULL CHECK (academic_year BETWEEN 2010 AND 2100),
    ufr           TEXT NOT NULL CHECK (length(ufr) BETWEEN 1 AND 200),
    sitting_date  TEXT CHECK (sitting_date IS NULL OR date(sitting_date) = sitting_date),
    members       TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    UNIQUE (academic_year, ufr)
) STRICT;

CREATE TABLE application (
    id              INTEGER PRIMARY KEY,
    academic_year   INTEGER NOT NULL CHECK (academic_year BETWEEN 2010 AND 2100),
    ufr             TEXT NOT NULL CHECK (length(ufr) BETWEEN 1 AND 200),
    civility        TEXT NOT NULL CHECK (civility IN ('M', 'Mme')),
    last_name       TEXT NOT NULL CHECK (length(last_name) > 0),
    birth_name      TEXT,
    first_names     TEXT NOT NULL CHECK (length(first_names) > 0),
    birth_date      TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
    email           TEXT,
    phone           TEXT,
    address         TEXT,
    discipline      TEXT NOT NULL CHECK (discipline IN ('medecine', 'odontologie', 'maieutique', 'pharmacie')),
    padhue          INTEGER NOT NULL DEFAULT 0 CHECK (padhue IN (0, 1)),
    cycle           TEXT CHECK (cycle IS NULL OR cycle IN ('deuxieme_cycle', 'troisieme_cycle')),
    study_year      INTEGER,
    ecn_year        INTEGER,
    ecn_rank        INTEGER,
    -- The professional project: the specialty, mode and zone intended.
    specialty       TEXT,
    project_mode    TEXT CHECK (project_mode IS NULL OR project_mode IN ('liberal', 'salarie', 'mixte', 'remplacement', 'indecis')),
    project_zone    TEXT CHECK (project_zone IS NULL OR project_zone IN ('zip', 'zac', 'hors_zone', 'indecis')),
    project_place   TEXT,
    project         TEXT NOT NULL DEFAULT '',
    received_date   TEXT CHECK (received_date IS NULL OR date(received_date) = received_date),
    decision        TEXT CHECK (decision IS NULL OR decision IN ('retenu', 'liste_attente', 'non_retenu')),
    waiting_rank    INTEGER CHECK (waiting_rank IS NULL OR waiting_rank > 0),
    decision_reason TEXT NOT NULL DEFAULT '',
    -- The signatory this application became ("Convertir en signataire"): once only.
    signatory_id    INTEGER UNIQUE REFERENCES signatory (id) ON DELETE SET NULL,
    -- The contract sent to the candidate to be signed and returned within 30 days (setting).
    contract_sent_on TEXT CHECK (contract_sent_on IS NULL OR date(contract_sent_on) = contract_sent_on),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (decision = 'liste_attente' OR waiting_rank IS NULL)
) STRICT;
CREATE INDEX application_campaign ON application (academic_year, ufr, last_name);

-- The documents of the file received, with their date (a code per document).
CREATE TABLE application_document (
    application_id INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    document       TEXT NOT NULL CHECK (length(document) BETWEEN 1 AND 50),
    received_on    TEXT NOT NULL CHECK (date(received_on) = received_on),
    PRIMARY KEY (application_id, document)
) STRICT, WITHOUT ROWID;
