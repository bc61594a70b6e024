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
CREATE UNIQUE INDEX profiles_local_name ON profiles(name COLLATE NOCASE) WHERE imported = 0;
CREATE INDEX attempts_workshop ON attempts(workshop_code, scenario_id);
