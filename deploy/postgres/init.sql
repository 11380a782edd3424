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
-- auth-service's role on the monolith's database at stages 1-3: the monolith's accounts migration grants it that
-- schema and nothing else. It must exist before the monolith first migrates.
CREATE ROLE auth_service LOGIN PASSWORD 'auth_service';
