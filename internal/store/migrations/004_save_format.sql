-- Saves know their own version, apart from the scenario file format the
-- `format` column records: a save_format says how this build wrote the
-- attempt's log, so a later build can refuse (or migrate) a save it does
-- not understand instead of misreading it, as ink's StoryState does.
-- Every attempt written so far is save format 1.
ALTER TABLE attempts ADD COLUMN save_format INTEGER NOT NULL DEFAULT 1;
