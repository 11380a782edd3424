-- Login attempts per client address and per account, in fixed windows (LoginThrottle). One table for every instance:
-- the monolith's and, at stages 1-3, auth-service's (which counts in it with its own role), so a limit holds whichever
-- instance or side answers. A row is counted with one atomic INSERT ... ON CONFLICT DO UPDATE.
CREATE TABLE accounts.login_attempts (
    key          text        PRIMARY KEY, -- 'account:<normalised email>' or 'address:<client address>'
    attempts     integer     NOT NULL,
    window_start timestamptz NOT NULL
);
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'auth_service') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON accounts.login_attempts TO auth_service;
    END IF;
END
$$;
