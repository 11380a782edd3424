-- From stage 1, auth-service reads and writes this schema with its own role, which may touch nothing else. The role
-- is created by the deployment (local stack, compose init script) before the monolith first migrates; without it
-- (stage 0 deployments) there is nothing to grant.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'auth_service') THEN
        GRANT USAGE ON SCHEMA accounts TO auth_service;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA accounts TO auth_service;
        ALTER DEFAULT PRIVILEGES IN SCHEMA accounts GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO auth_service;
    END IF;
END
$$;
