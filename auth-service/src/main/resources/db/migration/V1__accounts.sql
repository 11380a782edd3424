-- Accounts as the monolith's accounts module keeps them; auth-service takes them over from stage 1.
CREATE TABLE auth.accounts (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL,
    display_name  varchar(100) NOT NULL,
    password_hash varchar(255) NOT NULL,
    role          varchar(16)  NOT NULL CHECK (role IN ('customer', 'admin')),
    created_at    timestamptz  NOT NULL DEFAULT now()
);

-- Emails are unique regardless of case.
CREATE UNIQUE INDEX accounts_email_key ON auth.accounts (lower(email));
