-- One Zendesk account linked to one Engagement project. Secrets live only in `secrets`,
-- an AEAD ciphertext bound to the connection id; the inbound token only as its SHA-256.
CREATE TABLE connections (
    id                        VARCHAR(40)  PRIMARY KEY,
    name                      VARCHAR(200) NOT NULL,
    zendesk_url               VARCHAR(500) NOT NULL,
    auth_type                 VARCHAR(40)  NOT NULL,
    engagement_base_url       VARCHAR(500) NOT NULL,
    engagement_project_token  VARCHAR(200) NOT NULL,
    installation_key          VARCHAR(128),
    inbound_token_hash        VARCHAR(64)  NOT NULL,
    secrets                   ${bytes}     NOT NULL,
    secrets_version           BIGINT       NOT NULL,
    settings                  TEXT         NOT NULL,
    created_at                BIGINT       NOT NULL,
    updated_at                BIGINT       NOT NULL
);
CREATE UNIQUE INDEX connections_inbound_token ON connections (inbound_token_hash);
CREATE UNIQUE INDEX connections_installation ON connections (installation_key);
