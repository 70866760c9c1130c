-- Schema version 5: the zonage of the ARS, interviews with the signatories, and the
-- declarations of the place(s) of practice (domain.md §5 and §7, seeds 001 and 004).

-- One imported zonage file: the ARS arrêté that lists, for each commune, whether it is a
-- ZIP, a ZAC or outside both. Versions are kept: a place is judged by the zonage in force
-- on the date of its declaration (the most recent version effective on or before it).
CREATE TABLE zonage_version (
    id             INTEGER PRIMARY KEY,
    effective_date TEXT NOT NULL UNIQUE CHECK (date(effective_date) = effective_date),
    -- Date of the arrêté, when the file gives it.
    arrete_date    TEXT CHECK (arrete_date IS NULL OR date(arrete_date) = arrete_date),
    source         TEXT NOT NULL DEFAULT '',
    imported_at    TEXT NOT NULL
) STRICT;

CREATE TABLE zonage_commune (
    version_id  INTEGER NOT NULL REFERENCES zonage_version (id) ON DELETE CASCADE,
    insee       TEXT NOT NULL CHECK (length(insee) = 5),
    name        TEXT NOT NULL,
    -- The name without accents, case or punctuation, for the search as one types.
    name_folded TEXT NOT NULL,
    department  TEXT NOT NULL,
    zone        TEXT NOT NULL CHECK (zone IN ('zip', 'zac', 'hors_zone')),
    PRIMARY KEY (version_id, insee)
) STRICT, WITHOUT ROWID;
CREATE INDEX zonage_commune_name ON zonage_commune (version_id, name_folded);

-- An interview of the referent with a signatory.
CREATE TABLE interview (
    id           INTEGER PRIMARY KEY,
    signatory_id INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    date         TEXT NOT NULL CHECK (date(date) = date),
    mode         TEXT NOT NULL CHECK (mode IN ('ars', 'telephone', 'visio')),
    reason       TEXT NOT NULL CHECK (reason IN ('premiere_annee', 'avant_ecn', 'annuel_troisieme_cycle',
                                                 'avant_installation', 'sur_demande', 'convocation_suspendu')),
    attendees    TEXT NOT NULL DEFAULT '',
    report       TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX interview_signatory ON interview (signatory_id, date);

-- What was agreed at an interview, with its due date and, once done, the date it was done.
CREATE TABLE interview_action (
    id           INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL CHECK (length(text) > 0),
    due_date     TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
    done_date    TEXT CHECK (done_date IS NULL OR date(done_date) = done_date)
) STRICT;
CREATE INDEX interview_action_interview ON interview_action (interview_id, position);

-- A déclaration de choix du lieu d'exercice, and the documents received with it.
CREATE TABLE installation (
    id                   INTEGER PRIMARY KEY,
    signatory_id         INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    declaration_date     TEXT NOT NULL CHECK (date(declaration_date) = declaration_date),
    practice_start       TEXT NOT NULL CHECK (date(practice_start) = practice_start),
    des_certificate_date TEXT CHECK (des_certificate_date IS NULL OR date(des_certificate_date) = des_certificate_date),
    contracts_date       TEXT CHECK (contracts_date IS NULL OR date(contracts_date) = contracts_date),
    notes                TEXT NOT NULL DEFAULT '',
    updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX installation_signatory ON installation (signatory_id, declaration_date);

-- One place of a declaration (multi-site practice has several). `end_date` is set when the
-- signatory leaves the place: the history of the places is kept.
CREATE TABLE installation_place (
    id              INTEGER PRIMARY KEY,
    installation_id INTEGER NOT NULL REFERENCES installation (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    insee           TEXT NOT NULL CHECK (length(insee) = 5),
    commune         TEXT NOT NULL,
    department      TEXT NOT NULL,
    -- The zone of the commune in the zonage in force at the declaration date, as found when
    -- the declaration was recorded ('inconnue': the commune is not in that zonage).
    zone            TEXT NOT NULL CHECK (zone IN ('zip', 'zac', 'hors_zone', 'inconnue')),
    zonage_version  INTEGER REFERENCES zonage_version (id) ON DELETE SET NULL,
    mode            TEXT NOT NULL CHECK (mode IN ('liberal', 'salarie', 'mixte', 'remplacement')),
    -- Conventional sector for liberal and mixed practice (secteur 1 is mandatory).
    sector          TEXT CHECK (sector IS NULL OR sector IN ('secteur_1', 'secteur_2', 'non_conventionne')),
    structure       TEXT NOT NULL CHECK (structure IN ('cabinet_individuel', 'cabinet_groupe', 'msp', 'centre_sante',
                                                       'etablissement', 'pmi', 'cpts', 'autre')),
    -- Half-days a week, as a decimal text ("8.5").
    half_days       TEXT NOT NULL,
    start_date      TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date        TEXT CHECK (end_date IS NULL OR (date(end_date) = end_date AND end_date >= start_date))
) STRICT;
CREATE INDEX installation_place_installation ON installation_place (installation_id, position);
CREATE INDEX installation_place_insee ON installation_place (insee);
