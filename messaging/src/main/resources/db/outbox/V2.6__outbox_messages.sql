-- The transactional outbox (stage 2): domain events written in the same transaction as the change that caused them,
-- published to Kafka by the relay afterwards. position is the publish order; published rows are kept for a while
-- (bookshop.outbox.retention) so an operator can see what went out.
CREATE TABLE outbox.messages (
    position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       uuid         NOT NULL UNIQUE,
    topic          varchar(200) NOT NULL,
    record_key     varchar(200) NOT NULL,
    event_type     varchar(100) NOT NULL,
    payload        bytea        NOT NULL,
    headers        jsonb        NOT NULL,
    created_at     timestamptz  NOT NULL,
    published_at   timestamptz
);
-- The relay's only query: pending rows in order. A partial index stays small however long the table grows.
CREATE INDEX messages_pending ON outbox.messages (position) WHERE published_at IS NULL;
