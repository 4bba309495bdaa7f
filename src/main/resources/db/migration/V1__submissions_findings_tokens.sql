-- The store of lantian serve. Plain SQL that H2 and PostgreSQL both accept (TEXT is a CLOB in H2).

-- One row per accepted submission: the document as posted and the findings document it produced.
CREATE TABLE submissions (
    id           VARCHAR(200) PRIMARY KEY,
    inspector    VARCHAR(200) NOT NULL,
    content_hash CHAR(64)     NOT NULL,                   -- SHA-256 of the document with sorted keys: same id, same content?
    posted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    posted_on    DATE         NOT NULL,                   -- the day it was posted, in the ledger's time zone (the batch's day)
    as_of        DATE         NOT NULL,
    pack_hash    VARCHAR(64)  NOT NULL,                   -- which rules produced the findings
    document     TEXT         NOT NULL,
    report       TEXT         NOT NULL
);
CREATE INDEX submissions_posted_on ON submissions (posted_on, id);

-- The findings again, one row each, so that GET /findings can filter without parsing reports.
-- units is the unit list as |a|b|, so that "units include X" is one bound LIKE.
-- Few indexes on purpose: every index is written by every post (~25 findings each), and in H2 each
-- written index copies its B-tree path; GET /findings walks the newest-first index and filters.
CREATE TABLE findings (
    submission VARCHAR(200) NOT NULL REFERENCES submissions (id),
    seq        INTEGER      NOT NULL,
    inspector  VARCHAR(200) NOT NULL,
    posted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    posted_on  DATE         NOT NULL,
    measure    INTEGER      NOT NULL,
    rule_id    VARCHAR(200) NOT NULL,
    subject    VARCHAR(1000),
    status     VARCHAR(20)  NOT NULL,
    units      VARCHAR(4000) NOT NULL,
    finding    TEXT         NOT NULL,
    PRIMARY KEY (submission, seq)
);
CREATE INDEX findings_newest ON findings (posted_at, submission, seq);

-- Bearer tokens: only the SHA-256 of a token is kept; id is the handle for revoking it.
CREATE TABLE tokens (
    id         VARCHAR(32)  PRIMARY KEY,
    token_hash CHAR(64)     NOT NULL UNIQUE,
    role       VARCHAR(20)  NOT NULL,
    inspector  VARCHAR(200),
    unit       VARCHAR(200),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);
