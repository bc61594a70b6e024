-- The first schema: profiles, workshops, attempts and their answer logs.
CREATE TABLE profiles (
    id         TEXT PRIMARY KEY,          -- UUID
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL              -- UTC, RFC 3339 with milliseconds
);

CREATE TABLE workshops (
    code       TEXT PRIMARY KEY,          -- short join code
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_at  TEXT
);

CREATE TABLE attempts (
    id            TEXT PRIMARY KEY,       -- UUID
    profile_id    TEXT NOT NULL REFERENCES profiles(id),
    scenario_id   TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,          -- SHA-256 of the scenario file played
    seed          INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'scenario-changed')),
    ending        TEXT,
    workshop_code TEXT,
    format        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX attempts_profile ON attempts(profile_id, started_at);

CREATE TABLE answers (
    id          TEXT PRIMARY KEY,         -- UUID
    attempt_id  TEXT NOT NULL REFERENCES attempts(id),
    seq         INTEGER NOT NULL,         -- 1, 2, 3... within the attempt
    scene_id    TEXT NOT NULL,
    diagnosis   TEXT NOT NULL CHECK (diagnosis IN ('manage', 'lead', 'both')),
    choice_id   TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    millis      INTEGER NOT NULL,         -- milliseconds the player took to decide
    UNIQUE (attempt_id, seq)
);
