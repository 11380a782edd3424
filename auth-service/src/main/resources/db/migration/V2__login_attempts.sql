-- Login attempts per client address and per account, in fixed windows (LoginThrottle), identical to the monolith's
-- accounts module (db/accounts/V4.3.1): at stages 1-3 this service counts in the monolith's copy, so both sides share one
-- count; at stage 4 it owns this one.
CREATE TABLE accounts.login_attempts (
    key          text        PRIMARY KEY, -- 'account:<normalised email>' or 'address:<client address>'
    attempts     integer     NOT NULL,
    window_start timestamptz NOT NULL
);
