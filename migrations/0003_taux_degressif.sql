-- Schema version 3: the thresholds and coefficients of the degressive rate (domain.md §6)
-- become per-regime settings. The arrêté of 26/05/2020 keeps the principle; whether its
-- annex keeps these constants is "to confirm": the referent can correct them here.

CREATE TABLE degressive_parameter (
    regime           TEXT NOT NULL CHECK (regime IN ('r2010', 'r2013', 'r2020', 'r2026')),
    discipline       TEXT NOT NULL CHECK (discipline IN ('medecine', 'odontologie', 'maieutique', 'pharmacie')),
    threshold_months INTEGER NOT NULL CHECK (threshold_months BETWEEN 0 AND 240),
    coefficient      TEXT NOT NULL,
    PRIMARY KEY (regime, discipline)
) STRICT;

-- Medicine: annex of the arrêté of 24/06/2011 (36 months, 120); odontology: arrêté of
-- 29/10/2013 (24 months, 72); midwifery and pharmacy (2026 regime only): the texts are
-- silent, the medicine values by default.
INSERT INTO degressive_parameter (regime, discipline, threshold_months, coefficient)
SELECT r.regime, d.discipline, d.threshold, d.coefficient
FROM (SELECT 'r2010' AS regime UNION ALL SELECT 'r2013' UNION ALL SELECT 'r2020' UNION ALL SELECT 'r2026') AS r
CROSS JOIN (SELECT 'medecine' AS discipline, 36 AS threshold, '120' AS coefficient
            UNION ALL SELECT 'odontologie', 24, '72'
            UNION ALL SELECT 'maieutique', 36, '120'
            UNION ALL SELECT 'pharmacie', 36, '120') AS d;
