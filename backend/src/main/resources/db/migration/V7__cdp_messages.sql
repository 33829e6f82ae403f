-- Every CDP message the streaming API accepted or rejected, with its outcome, kept for the connection's
-- retention period. status: accepted (stored as work), rejected (never stored as work), written, failed.
CREATE TABLE cdp_messages (
    id             ${id_column},
    connection_id  VARCHAR(40)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    message_id     VARCHAR(200) NOT NULL,
    type           VARCHAR(20)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    reason         TEXT,
    sent_at        BIGINT       NOT NULL,
    received_at    BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);
CREATE INDEX cdp_messages_by_status ON cdp_messages (connection_id, status, id);
CREATE INDEX cdp_messages_by_message ON cdp_messages (connection_id, message_id);
CREATE INDEX cdp_messages_by_age ON cdp_messages (received_at);

-- When each user field (or attribute) was last written from a CDP message, by that message's own time:
-- an older message arriving late never overwrites a newer value.
CREATE TABLE cdp_written_values (
    connection_id  VARCHAR(40)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    user_key       VARCHAR(300) NOT NULL,
    field          VARCHAR(200) NOT NULL,
    sent_at        BIGINT       NOT NULL,
    PRIMARY KEY (connection_id, user_key, field)
);
