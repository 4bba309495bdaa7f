-- The last day a RECTIFIED case was seen put right (docs/cases.md): the end of the period of the PASS that moved it
-- to RECTIFIED, at most that PASS's day. A FAIL over a period that ended before it is the lapse judged again (a late
-- report of an earlier day), not a failed rectification. Null for cases made RECTIFIED before this column.
ALTER TABLE cases ADD COLUMN rectified_through DATE;
