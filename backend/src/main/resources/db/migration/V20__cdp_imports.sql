-- Bulk imports (a file or an Engagement export) into Zendesk users. An import and all its rows are stored
-- before anything is written, so a killed run resumes where it stopped. status: running, finished, or stopped
-- (note says why: bulk imports disabled, credentials refused). source_digest identifies the input:
-- the same command on the same input finds the unfinished import again.
CREATE TABLE cdp_imports (
    id             VARCHAR(40)  PRIMARY KEY,
    connection_id  VARCHAR(40)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    source         VARCHAR(300) NOT NULL,
    source_digest  VARCHAR(64)  NOT NULL,
    audience       VARCHAR(200),
    bulk           BOOLEAN      NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    note           TEXT,
    total          INTEGER      NOT NULL,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);
CREATE INDEX cdp_imports_by_source ON cdp_imports (connection_id, source_digest, status);

-- One input row: the identify-like message it became, and what Zendesk did with it.
-- status: pending, sending (in a job, or in doubt after a crash), created, updated, unchanged, failed.
CREATE TABLE cdp_import_rows (
    import_id  VARCHAR(40)  NOT NULL REFERENCES cdp_imports (id) ON DELETE CASCADE,
    row_no     INTEGER      NOT NULL,
    user_key   VARCHAR(300),
    message    TEXT         NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    batch_no   INTEGER,
    user_id    BIGINT,
    reason     TEXT,
    fix        TEXT,
    PRIMARY KEY (import_id, row_no)
);
CREATE INDEX cdp_import_rows_by_status ON cdp_import_rows (import_id, status, row_no);

-- A create_or_update_many job of an import. state: sending (posted, Zendesk's answer not yet recorded:
-- in doubt after a crash), submitted (job id known), done.
CREATE TABLE cdp_import_batches (
    import_id  VARCHAR(40)  NOT NULL REFERENCES cdp_imports (id) ON DELETE CASCADE,
    batch_no   INTEGER      NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    job_id     VARCHAR(100),
    keys_json  TEXT         NOT NULL,
    sent_at    BIGINT       NOT NULL,
    PRIMARY KEY (import_id, batch_no)
);

-- What an import last wrote to each user (a digest of the values sent): a rerun skips rows Zendesk already holds.
CREATE TABLE cdp_import_written (
    connection_id  VARCHAR(40)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    user_key       VARCHAR(300) NOT NULL,
    digest         VARCHAR(64)  NOT NULL,
    PRIMARY KEY (connection_id, user_key)
);
