-- At stage 3, search-service answers searches by reading this projection with its own role, which may SELECT it and
-- do nothing else (the stage plan's data access; a test tries every table as the role). The role is created by the
-- deployment (local stack, compose init script) before the monolith first migrates; without it (deployments before
-- stage 3) there is nothing to grant.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'search_service') THEN
        GRANT USAGE ON SCHEMA search TO search_service;
        GRANT SELECT ON search.book_documents TO search_service;
    END IF;
END
$$;
