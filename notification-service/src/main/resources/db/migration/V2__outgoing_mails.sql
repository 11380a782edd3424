-- Mails to send, written in the same transaction as the inbox row and the processed event id, so a mail is never
-- lost between consuming an event and reaching the SMTP server. PENDING -> SENT, or PARKED after the last attempt.
CREATE TABLE notifications.outgoing_mails (
    id              uuid PRIMARY KEY,
    event_id        uuid          NOT NULL UNIQUE,
    recipient       varchar(320)  NOT NULL,
    subject         varchar(200)  NOT NULL,
    body            text          NOT NULL,
    status          varchar(16)   NOT NULL,
    attempts        int           NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      varchar(1000),
    created_at      timestamptz   NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX outgoing_mails_due ON notifications.outgoing_mails (next_attempt_at) WHERE status = 'PENDING';
