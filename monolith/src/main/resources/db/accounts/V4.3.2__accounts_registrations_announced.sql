-- Which accounts' registration (UserRegistered: the welcome, from stage 2 the event) has been announced, written in the
-- announcing transaction. It makes the announcement happen once per account whichever path announces it: the module
-- registering, the monolith after auth-service answered, or the module taking over a registration auth-service
-- committed after the monolith had stopped waiting (AccountService.adoptLateRegistration).
CREATE TABLE accounts.registrations_announced (
    account_id   uuid        PRIMARY KEY REFERENCES accounts.accounts (id) ON DELETE CASCADE,
    announced_at timestamptz NOT NULL
);
-- Every account that exists already was announced (or predates announcements): never again.
INSERT INTO accounts.registrations_announced (account_id, announced_at)
SELECT id, created_at FROM accounts.accounts;
