CREATE TABLE notifications.inbox (
    id              uuid PRIMARY KEY,
    user_id         uuid         NOT NULL,
    kind            varchar(32)  NOT NULL,
    subject         varchar(200) NOT NULL,
    body            text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    source_event_id uuid         NOT NULL UNIQUE
);
CREATE INDEX inbox_user_newest ON notifications.inbox (user_id, created_at DESC);

-- Ids of events already handled: a redelivered event has no second effect.
CREATE TABLE notifications.processed_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
