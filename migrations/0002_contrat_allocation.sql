-- Schema version 2: the contract ledger (allowance, suspensions, diploma, practice,
-- end of contract) and the dated table of allowance amounts.

-- One row per signatory whose contract data have been entered.
CREATE TABLE ledger (
    signatory_id       INTEGER PRIMARY KEY REFERENCES signatory (id) ON DELETE CASCADE,
    allocation_start   TEXT CHECK (allocation_start IS NULL OR date(allocation_start) = allocation_start),
    allocation_end     TEXT CHECK (allocation_end IS NULL OR date(allocation_end) = allocation_end),
    -- First day as an intern and the request for a definitive suspension (30-day rule).
    intern_start       TEXT CHECK (intern_start IS NULL OR date(intern_start) = intern_start),
    definitive_request TEXT CHECK (definitive_request IS NULL OR date(definitive_request) = definitive_request),
    diploma_date       TEXT CHECK (diploma_date IS NULL OR date(diploma_date) = diploma_date),
    practice_start     TEXT CHECK (practice_start IS NULL OR date(practice_start) = practice_start),
    -- How the contract ended, when it did: rupture, résiliation, or no repayment
    -- (death or definitive inability).
    end_kind           TEXT CHECK (end_kind IS NULL OR end_kind IN ('rupture', 'resiliation', 'sans_remboursement')),
    end_date           TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    end_amount         TEXT,
    end_notes          TEXT NOT NULL DEFAULT '',
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE allowance_suspension (
    id                INTEGER PRIMARY KEY,
    signatory_id      INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    start_date        TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date          TEXT NOT NULL CHECK (date(end_date) = end_date AND end_date >= start_date),
    reason            TEXT NOT NULL CHECK (reason IN ('maternite', 'paternite', 'adoption', 'maladie', 'accident',
                                                      'disponibilite', 'convenance_personnelle', 'autre')),
    paid              INTEGER NOT NULL CHECK (paid IN (0, 1)),
    document_received INTEGER NOT NULL CHECK (document_received IN (0, 1))
) STRICT;
CREATE INDEX allowance_suspension_signatory ON allowance_suspension (signatory_id, start_date);

CREATE TABLE practice_suspension (
    id           INTEGER PRIMARY KEY,
    signatory_id INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    start_date   TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date     TEXT NOT NULL CHECK (date(end_date) = end_date AND end_date >= start_date)
) STRICT;
CREATE INDEX practice_suspension_signatory ON practice_suspension (signatory_id, start_date);

-- Monthly allowance amounts in force from a date (domain.md §4), decimal strings.
CREATE TABLE allowance_rate (
    from_date     TEXT PRIMARY KEY CHECK (date(from_date) = from_date),
    monthly_gross TEXT NOT NULL,
    monthly_net   TEXT NOT NULL
) STRICT;
INSERT INTO allowance_rate (from_date, monthly_gross, monthly_net) VALUES ('2010-06-29', '1200.00', '1106.88');
