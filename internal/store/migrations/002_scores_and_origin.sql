-- Finished attempts keep their scores so history and exports need no replay;
-- profiles remember the workshop they joined and whether they were imported
-- (imported participants may share a name; local profiles may not).
ALTER TABLE attempts ADD COLUMN fit REAL;
ALTER TABLE attempts ADD COLUMN management REAL;
ALTER TABLE attempts ADD COLUMN leadership REAL;
ALTER TABLE attempts ADD COLUMN reading REAL;
ALTER TABLE attempts ADD COLUMN over_managing INTEGER;
ALTER TABLE attempts ADD COLUMN over_leading INTEGER;

ALTER TABLE profiles ADD COLUMN workshop_code TEXT;
ALTER TABLE profiles ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
-- version 1 did not stop two profiles differing only in case ("Sam", "sam");
-- keep both, numbering the later ones ("sam (2)"), so the index below can
-- exist. The numbers are taken before any name changes; a numbered name
-- another player already has ("sam (2)" itself) takes the unique id instead.
CREATE TEMP TABLE profile_dups AS
    SELECT p.rowid AS rid, p.name || ' (' || ((SELECT count(*) FROM profiles AS e
        WHERE e.name = p.name COLLATE NOCASE AND e.rowid < p.rowid) + 1) || ')' AS numbered,
        p.name || ' (' || p.id || ')' AS fallback,
        (SELECT count(*) FROM profiles AS e
        WHERE e.name = p.name COLLATE NOCASE AND e.rowid < p.rowid) AS earlier
    FROM profiles AS p;
UPDATE profile_dups SET numbered = fallback
    WHERE earlier > 0 AND EXISTS (SELECT 1 FROM profiles WHERE name = profile_dups.numbered COLLATE NOCASE);
UPDATE profiles SET name = (SELECT numbered FROM profile_dups WHERE rid = profiles.rowid)
    WHERE (SELECT earlier FROM profile_dups WHERE rid = profiles.rowid) > 0;
DROP TABLE profile_dups;
CREATE UNIQUE INDEX profiles_local_name ON profiles(name COLLATE NOCASE) WHERE imported = 0;
CREATE INDEX attempts_workshop ON attempts(workshop_code, scenario_id);
