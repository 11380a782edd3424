-- The strangler routes changed at run time through the admin API, shared by every monolith instance and kept across
-- restarts. A row applies while the deployment still runs the stage and configures the route it was changed from:
-- a new deployment setting is a newer decision than an old change (see monolith/README.md, "The strangler seam").
CREATE TABLE migration.routes (
    capability  varchar(32)  PRIMARY KEY,
    route       varchar(16)  NOT NULL,
    stage       smallint     NOT NULL,
    configured  varchar(16)  NOT NULL,    -- the deployment's route for this capability when the change was made
    changed_by  varchar(254) NOT NULL,
    changed_at  timestamptz  NOT NULL
);

-- Every change, for the audit trail: who moved which capability from where to where, and when.
CREATE TABLE migration.route_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    capability  varchar(32)  NOT NULL,
    from_route  varchar(16)  NOT NULL,
    to_route    varchar(16)  NOT NULL,
    stage       smallint     NOT NULL,
    changed_by  varchar(254) NOT NULL,
    changed_at  timestamptz  NOT NULL
);
CREATE INDEX route_changes_newest ON migration.route_changes (changed_at DESC, id DESC);
