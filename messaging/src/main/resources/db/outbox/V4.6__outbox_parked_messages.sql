-- A row Kafka refuses for itself (too large for the producer or the broker, an invalid topic name) would block every
-- row behind it forever: after bookshop.outbox.max-attempts such refusals the relay parks it (failed_at, failure) and
-- goes on with the next. Broker outages are not refusals and never count. An operator who has fixed the row sends it
-- again with: UPDATE outbox.messages SET failed_at = NULL, failure = NULL, attempts = 0 WHERE event_id = ...
ALTER TABLE outbox.messages
    ADD COLUMN attempts  integer NOT NULL DEFAULT 0,
    ADD COLUMN failed_at timestamptz,
    ADD COLUMN failure   text;
-- The relay's query skips parked rows too.
DROP INDEX outbox.messages_pending;
CREATE INDEX messages_pending ON outbox.messages (position) WHERE published_at IS NULL AND failed_at IS NULL;
