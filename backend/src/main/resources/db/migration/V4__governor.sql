-- The governor's shared budget: one row per bucket (locked while a claim is decided), the uses of
-- each sliding window, and the slots held (e.g. running bulk jobs). Times are epoch milliseconds.
CREATE TABLE governor_buckets (
    bucket         VARCHAR(300) PRIMARY KEY,
    blocked_until  BIGINT       NOT NULL
);
CREATE TABLE governor_uses (
    bucket   VARCHAR(300) NOT NULL,
    used_at  BIGINT       NOT NULL
);
CREATE INDEX governor_uses_by_bucket ON governor_uses (bucket, used_at);
CREATE TABLE governor_holds (
    bucket      VARCHAR(300) NOT NULL,
    holder      VARCHAR(300) NOT NULL,
    expires_at  BIGINT       NOT NULL,
    PRIMARY KEY (bucket, holder)
);
