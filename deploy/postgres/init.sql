-- One database and one role per service, as the no-Docker stack creates them (ServiceSpec; a test keeps them equal).
-- DEV ONLY: each password is the role's name. Runs once, when the PostgreSQL volume is first initialised.
CREATE ROLE monolith LOGIN PASSWORD 'monolith';
CREATE DATABASE monolith OWNER monolith;
CREATE ROLE auth LOGIN PASSWORD 'auth';
CREATE DATABASE auth OWNER auth;
CREATE ROLE notifications LOGIN PASSWORD 'notifications';
CREATE DATABASE notifications OWNER notifications;
CREATE ROLE search LOGIN PASSWORD 'search';
CREATE DATABASE search OWNER search;
-- The roles the stage plan (topology/StagePlan) lets a service use on the monolith's database, each granted by the
-- monolith's migrations and nothing else; they must exist before the monolith first migrates.
-- auth-service at stages 1-3: the accounts schema, read and write.
CREATE ROLE auth_service LOGIN PASSWORD 'auth_service';
-- search-service at stage 3: the search projection, read only.
CREATE ROLE search_service LOGIN PASSWORD 'search_service';
