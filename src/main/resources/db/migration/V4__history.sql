-- History: every accepted fact, from posts (serve) and nightly batches, so that a target is judged over its
-- period with the facts reported on earlier days (issue 13). Plain SQL that H2 and PostgreSQL both accept.

-- A submission's facts are recorded once: this row says they are. Recording a submission id found here
-- changes nothing (a re-posted submission, a re-run night). Bare facts of a night that name no submission
-- are recorded under "night:DATE".
CREATE TABLE history_submissions (
    submission  VARCHAR(1000) PRIMARY KEY,
    recorded_on DATE          NOT NULL,                  -- the as-of day it was judged on (post or night)
    facts       INTEGER       NOT NULL
);

-- One row per accepted fact. fact_day: the fact's own date (a `date` component) or else the as-of day it was
-- judged on. fact: the bound fact as JSON (Json.MAPPER, the record's components), read back by its type.
-- No primary key, as findings: rows are written only with their history_submissions row (whose key is
-- unique). Two indexes: the nightly batch loads a fact type over a period, a post the facts of its
-- subjects (partition keys) over a period.
CREATE TABLE history (
    submission    VARCHAR(1000) NOT NULL,
    seq           INTEGER       NOT NULL,                -- the fact's place in its submission as recorded
    fact_day      DATE          NOT NULL,
    recorded_on   DATE          NOT NULL,
    fact_type     VARCHAR(100)  NOT NULL,
    subject       VARCHAR(4000),
    partition_key VARCHAR(4000),
    fact          TEXT          NOT NULL
);
CREATE INDEX history_type_day ON history (fact_type, fact_day);
CREATE INDEX history_type_key ON history (fact_type, partition_key, fact_day);

-- The nightly scorecard kept for trends and bulletins: per night, responsible unit and measure the counts
-- of findings judged (all but NOT_APPLICABLE), passed and failed. unit '*' is the measure over all units
-- (a finding names several units, so the units' rows do not add up to it). A re-run night replaces its rows.
CREATE TABLE night_scores (
    night   DATE         NOT NULL,
    unit    VARCHAR(200) NOT NULL,
    measure INTEGER      NOT NULL,
    judged  INTEGER      NOT NULL,
    passed  INTEGER      NOT NULL,
    failed  INTEGER      NOT NULL,
    PRIMARY KEY (night, unit, measure)
);

-- The night's FAIL findings by subject, for "subjects failing again and again" in bulletins.
CREATE TABLE night_failures (
    night   DATE          NOT NULL,
    measure INTEGER       NOT NULL,
    rule_id VARCHAR(200)  NOT NULL,
    subject VARCHAR(4000),
    units   VARCHAR(4000) NOT NULL
);
CREATE INDEX night_failures_night ON night_failures (night);
