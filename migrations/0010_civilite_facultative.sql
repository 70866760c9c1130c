-- Schema version 10: a file may be kept without its civility (issue #17).
-- Never edit this file once it has landed: add 0011_….sql instead.
--
-- A referent's register imported without a "Civilité" column (or with an unreadable one) is
-- kept: the file is listed "à compléter" rather than refused. Guessing the civility from the
-- first name would print "Monsieur" to a woman, so the column becomes nullable.
--
-- SQLite cannot relax a NOT NULL constraint in place. Rebuilding the table would drop and
-- re-create `signatory` under the tables that reference it (ON DELETE CASCADE), so the column
-- is replaced instead: copied to a new nullable column, dropped, and the copy renamed. No
-- index, view or trigger of the schema names it (the journal's triggers are temporary and
-- installed after the migrations).
ALTER TABLE signatory ADD COLUMN civility_known TEXT
    CHECK (civility_known IS NULL OR civility_known IN ('M', 'Mme'));
UPDATE signatory SET civility_known = civility;
ALTER TABLE signatory DROP COLUMN civility;
ALTER TABLE signatory RENAME COLUMN civility_known TO civility;
