-- The accounts schema, identical to the monolith's accounts module (db/accounts): at stages 1-3 this service works on the
-- monolith's copy with its own role; at stage 4 it owns this one.
CREATE TABLE accounts.accounts (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL,
    display_name  varchar(100) NOT NULL,
    password_hash varchar(255) NOT NULL,
    role          varchar(16)  NOT NULL CHECK (role IN ('customer', 'admin')),
    created_at    timestamptz  NOT NULL
);
-- Emails are stored lower-cased; the index keeps them unique even if a writer forgets.
CREATE UNIQUE INDEX accounts_email_key ON accounts.accounts (lower(email));
