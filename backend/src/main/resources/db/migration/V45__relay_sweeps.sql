-- The relay's catch-up sweep as an admin sees it: per connection, the last run (when, from when, how many
-- ticket events it looked at, how many missing ones it enqueued) and the last run that recovered anything.
CREATE TABLE relay_sweeps (
    connection_id       VARCHAR(40)  PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    finished_at         BIGINT       NOT NULL,
    since               BIGINT       NOT NULL,
    seen                INTEGER      NOT NULL,
    recovered           INTEGER      NOT NULL,
    last_recovery_at    BIGINT,
    last_recovered      INTEGER      NOT NULL
);
