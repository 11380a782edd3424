-- The backlog gauges count unsent mails every few seconds; sent mails pile up, so the count reads only this index.
CREATE INDEX outgoing_mails_backlog ON notifications.outgoing_mails (status) WHERE status <> 'SENT';
