-- "Connect Zendesk" flows under way: one row per authorize URL handed out, deleted when used or
-- expired. Only the state's SHA-256 is kept; `pending` (the Engagement settings and key pair the
-- connection will get) is an AEAD ciphertext bound to that hash.
CREATE TABLE oauth_states (
    state_hash        VARCHAR(64)  PRIMARY KEY,
    installation_key  VARCHAR(128) NOT NULL,
    pending           ${bytes}     NOT NULL,
    expires_at        BIGINT       NOT NULL,
    created_at        BIGINT       NOT NULL
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
