-- The secret key behind pseudonymised exports: pseudonyms and pseudonymous
-- ids are HMAC-SHA256 of the real ids under it, so they stay the same in
-- every export from this database and cannot be linked to the real ids
-- without it. One row; its 32 random bytes are drawn from crypto/rand by
-- the Go step registered for this migration (pseudokey.go), in the same
-- transaction, so every database this version has opened for writing has
-- its key, and commands that open it read-only find it there.
CREATE TABLE pseudonym_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),  -- one key per database
    key BLOB NOT NULL CHECK (length(key) = 32)
);
