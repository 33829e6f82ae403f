-- Every write to Zendesk or Engagement is a row here before it is attempted.
-- state: pending (due at next_attempt_at), running (leased until lease_until), done, dead.
CREATE TABLE work_items (
    id               ${id_column},
    connection_id    VARCHAR(40)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    kind             VARCHAR(60)  NOT NULL,
    item_key         VARCHAR(300) NOT NULL,
    payload          TEXT         NOT NULL,
    idempotency_key  VARCHAR(300) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    lease_until      BIGINT,
    claimed_by       VARCHAR(100),
    last_error       TEXT,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);
CREATE UNIQUE INDEX work_items_idempotency ON work_items (connection_id, idempotency_key);
CREATE INDEX work_items_due ON work_items (state, next_attempt_at);
CREATE INDEX work_items_by_key ON work_items (connection_id, item_key, id);
