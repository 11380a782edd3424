-- The idempotent consumer's table (ProcessedEvents), in the deployable's Flyway default schema. Repeatable and
-- idempotent rather than versioned, so it fits any deployable's own version numbering; a deployable that already has
-- the table (notification-service, from its V1) is left as it is. Quoted, as Flyway quotes the schema it creates: a
-- reserved word such as user is a schema name like any other.
CREATE TABLE IF NOT EXISTS "${flyway:defaultSchema}".processed_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
