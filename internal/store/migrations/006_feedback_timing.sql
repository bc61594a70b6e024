-- A workshop can hold every moment's verdict until the debrief: its
-- players see only the consequence of each choice (the meters) while they
-- play, and the verdicts together at the end. Workshops made before this
-- show the verdict after each choice, as they always did.
ALTER TABLE workshops ADD COLUMN hold_feedback INTEGER NOT NULL DEFAULT 0;
