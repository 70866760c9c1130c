-- Schema version 4: the annual follow-up campaigns (domain.md §7). One form per
-- signatory and year: when it was sent, the reminders, when it came back, and what the
-- signatory answered. Each year's answers stay as the history of the file.

CREATE TABLE followup_form (
    id                   INTEGER PRIMARY KEY,
    signatory_id         INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    year                 INTEGER NOT NULL CHECK (year BETWEEN 2010 AND 2100),
    sent_date            TEXT CHECK (sent_date IS NULL OR date(sent_date) = sent_date),
    sent_channel         TEXT CHECK (sent_channel IS NULL OR sent_channel IN ('courrier', 'courriel', 'main_propre')),
    received_date        TEXT CHECK (received_date IS NULL OR date(received_date) = received_date),
    -- NULL until the answers are recorded; then 1 (complete and signed) or 0, with
    -- what is missing in `missing` (one item per line).
    complete             INTEGER CHECK (complete IS NULL OR complete IN (0, 1)),
    missing              TEXT NOT NULL DEFAULT '',
    -- The answers, as the signatory wrote them (codes of the closed lists, ISO dates).
    situation            TEXT CHECK (situation IS NULL OR situation IN
                             ('deuxieme_cycle', 'troisieme_cycle', 'suspendu', 'diplome_non_installe', 'installe', 'autre')),
    study_year           INTEGER,
    specialty            TEXT,
    subdivision          TEXT,
    email                TEXT,
    phone                TEXT,
    address              TEXT,
    project_mode         TEXT CHECK (project_mode IS NULL OR project_mode IN ('liberal', 'salarie', 'mixte', 'remplacement', 'indecis')),
    project_structure    TEXT CHECK (project_structure IS NULL OR project_structure IN
                             ('cabinet_individuel', 'cabinet_groupe', 'msp', 'centre_sante', 'etablissement', 'pmi', 'cpts', 'autre', 'indecis')),
    project_zone         TEXT CHECK (project_zone IS NULL OR project_zone IN ('zip', 'zac', 'hors_zone', 'indecis')),
    project_place        TEXT,
    project_date         TEXT CHECK (project_date IS NULL OR date(project_date) = project_date),
    expected_des_date    TEXT CHECK (expected_des_date IS NULL OR date(expected_des_date) = expected_des_date),
    expected_thesis_date TEXT CHECK (expected_thesis_date IS NULL OR date(expected_thesis_date) = expected_thesis_date),
    other_aids           TEXT,
    comments             TEXT,
    signature_date       TEXT CHECK (signature_date IS NULL OR date(signature_date) = signature_date),
    missing_note         TEXT,
    -- Which fields of the signatory's file this form updated when it was recorded.
    applied_fields       TEXT NOT NULL DEFAULT '',
    updated_at           TEXT NOT NULL,
    UNIQUE (signatory_id, year)
) STRICT;
CREATE INDEX followup_form_year ON followup_form (year, signatory_id);

CREATE TABLE followup_reminder (
    id      INTEGER PRIMARY KEY,
    form_id INTEGER NOT NULL REFERENCES followup_form (id) ON DELETE CASCADE,
    date    TEXT NOT NULL CHECK (date(date) = date),
    channel TEXT NOT NULL CHECK (channel IN ('courrier', 'courriel', 'main_propre', 'telephone')),
    UNIQUE (form_id, date, channel)
) STRICT;
CREATE INDEX followup_reminder_form ON followup_reminder (form_id, date);

-- The campaign list is filtered by the signatory's status and sorted by name.
CREATE INDEX signatory_status_signature ON signatory (status, signature_date);
