-- Schema version 8: the audit trail (journal des modifications) and the anonymisation of
-- files kept past their retention.
-- Never edit this file once it has landed: add 0009_….sql instead.
--
-- One row per change of a signatory's file: its creation or deletion (the row's values as
-- JSON), or one changed field (old and new value as text). The rows are written by triggers
-- the store installs on each of its connections (store/audit.rs), hence in the transaction
-- of the change itself. No foreign key to signatory: the history of a deleted file stays
-- until the retention purge.
CREATE TABLE audit_entry (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    referent        TEXT NOT NULL,
    os_user         TEXT NOT NULL,
    signatory_id    INTEGER,
    signatory_label TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       INTEGER,
    action          TEXT NOT NULL CHECK (action IN ('creation', 'modification', 'suppression', 'anonymisation')),
    field           TEXT,
    old_value       TEXT,
    new_value       TEXT
) STRICT;

CREATE INDEX audit_entry_signatory ON audit_entry (signatory_id, id);
CREATE INDEX audit_entry_at ON audit_entry (at);

-- The day a file was anonymised (archive/mod.rs): what identifies the person is erased, what
-- the statistics count (discipline, status, dates, places) is kept.
ALTER TABLE signatory ADD COLUMN anonymised_on TEXT
    CHECK (anonymised_on IS NULL OR date(anonymised_on) = anonymised_on);
