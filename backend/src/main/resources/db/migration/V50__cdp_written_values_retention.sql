-- cdp_written_values holds user keys (e-mail, external id), so its rows are purged after the connection's retention
-- like its messages. purged_before is how far back they have been purged: a message older than that could carry an
-- older value whose newer stamp is gone, so it is refused instead of written (the guard keeps its promise for the rest).
CREATE TABLE cdp_written_horizons (
    connection_id  VARCHAR(40)  PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    purged_before  BIGINT       NOT NULL
);
CREATE INDEX cdp_written_values_by_age ON cdp_written_values (connection_id, sent_at);
