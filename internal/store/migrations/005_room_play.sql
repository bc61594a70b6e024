-- Room play: a workshop plays one scenario live, each participant voting
-- from a browser. Every participant's attempt is an ordinary attempt, so
-- every view and export reads it, with two differences: the story moves by
-- the room's choice (answers.played_id), and a participant may let a vote
-- pass (joined late, phone asleep), so an answer's diagnosis or choice may
-- be empty. attempts.room marks an attempt played in a room.
--
-- The answers table is rebuilt to widen its diagnosis check; nothing
-- refers to it.
CREATE TABLE answers_v5 (
    id          TEXT PRIMARY KEY,         -- UUID
    attempt_id  TEXT NOT NULL REFERENCES attempts(id),
    seq         INTEGER NOT NULL,         -- 1, 2, 3... within the attempt
    scene_id    TEXT NOT NULL,
    diagnosis   TEXT NOT NULL CHECK (diagnosis IN ('manage', 'lead', 'both', '')),
    choice_id   TEXT NOT NULL,
    played_id   TEXT NOT NULL DEFAULT '', -- the room's choice; '' in a solo attempt
    answered_at TEXT NOT NULL,
    millis      INTEGER NOT NULL,         -- milliseconds the player took to decide
    UNIQUE (attempt_id, seq),
    CHECK (played_id <> '' OR (diagnosis <> '' AND choice_id <> ''))
);
INSERT INTO answers_v5 (id, attempt_id, seq, scene_id, diagnosis, choice_id, answered_at, millis)
    SELECT id, attempt_id, seq, scene_id, diagnosis, choice_id, answered_at, millis FROM answers;
DROP TABLE answers;
ALTER TABLE answers_v5 RENAME TO answers;

ALTER TABLE attempts ADD COLUMN room INTEGER NOT NULL DEFAULT 0;

-- A live room session, so a facilitator's app killed mid-session resumes
-- where it was with every acknowledged vote.
CREATE TABLE room_sessions (
    id            TEXT PRIMARY KEY,       -- UUID
    workshop_code TEXT NOT NULL,
    scenario_id   TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    seed          INTEGER NOT NULL,
    phase         TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    ended_at      TEXT
);

-- The room's decisions, in order: the room's own answer log.
CREATE TABLE room_plays (
    session_id TEXT NOT NULL REFERENCES room_sessions(id),
    seq        INTEGER NOT NULL,
    scene_id   TEXT NOT NULL,
    choice_id  TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);

-- Who joined. The bearer token is kept only as its SHA-256.
CREATE TABLE room_members (
    session_id  TEXT NOT NULL REFERENCES room_sessions(id),
    token_hash  TEXT NOT NULL,
    name        TEXT NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id),
    attempt_id  TEXT NOT NULL REFERENCES attempts(id),
    joined_at   TEXT NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, token_hash)
);

-- Votes acknowledged at the current moment, before the room plays it
-- (then they become the members' answers).
CREATE TABLE room_votes (
    session_id TEXT NOT NULL REFERENCES room_sessions(id),
    profile_id TEXT NOT NULL,
    scene_id   TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('reading', 'action')),
    value      TEXT NOT NULL,
    at         TEXT NOT NULL,
    millis     INTEGER NOT NULL,
    PRIMARY KEY (session_id, profile_id, kind)
);
