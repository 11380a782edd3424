-- The legacy notifications module: each user's in-app inbox. One row per (event, kind): a replay cannot double it.
CREATE TABLE notifications.inbox (
    id         uuid PRIMARY KEY,
    user_id    uuid          NOT NULL,
    event_id   uuid          NOT NULL,
    kind       varchar(32)   NOT NULL,
    subject    varchar(200)  NOT NULL,
    body       text          NOT NULL,
    created_at timestamptz   NOT NULL,
    UNIQUE (event_id, kind)
);
CREATE INDEX inbox_user ON notifications.inbox (user_id, created_at DESC);
