-- Idempotency keys: the first answer to each (caller, key), kept so that a retried write gets that answer instead of
-- doing the write again. The row is written in the same transaction as the write itself, so either both exist or
-- neither does. Rows older than bookshop.idempotency.retention are ignored and purged.
CREATE TABLE idempotency.keys (
    caller        varchar(64)   NOT NULL,           -- the access token's subject
    idem_key      varchar(255)  NOT NULL,           -- the Idempotency-Key header as sent
    fingerprint   char(64)      NOT NULL,           -- SHA-256 (hex) of method, path, query and body
    status        smallint,                         -- null until the first answer is recorded
    location      varchar(2048),
    body          text,
    created_at    timestamptz   NOT NULL,
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX keys_created ON idempotency.keys (created_at);
