-- Migration 7: indexes for the home screen over a whole region (issue #6).
-- Both are partial and hold every column their query reads, so that SQLite answers from the
-- index alone instead of reading tens of thousands of wide rows of followup_form.

-- Forms sent and not returned ("À faire"): by campaign and date sent.
CREATE INDEX followup_form_unreturned ON followup_form (year, sent_date, signatory_id)
    WHERE received_date IS NULL AND sent_date IS NOT NULL;

-- The DES date each signatory expects, from their latest form that gives one (interviews due).
CREATE INDEX followup_form_expected_des ON followup_form (signatory_id, year, expected_des_date)
    WHERE expected_des_date IS NOT NULL;
