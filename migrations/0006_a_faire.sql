-- Schema version 6: the items of the "À faire" list that the referent marked as dealt with
-- (a follow-up form chased by phone, a commitment end discussed…), with the date. The key
-- names the item (kind, and the date or year it is about), so that a new occurrence of the
-- same kind (next year's form) shows again.
CREATE TABLE todo_done (
    signatory_id INTEGER NOT NULL REFERENCES signatory (id) ON DELETE CASCADE,
    item_key     TEXT NOT NULL CHECK (length(item_key) BETWEEN 1 AND 200),
    done_on      TEXT NOT NULL CHECK (date(done_on) = done_on),
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (signatory_id, item_key)
) STRICT, WITHOUT ROWID;
