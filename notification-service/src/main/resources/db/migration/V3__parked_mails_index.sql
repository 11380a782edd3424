-- The parked-mails gauge counts these every retry round; sent mails pile up forever, parked ones should stay few.
CREATE INDEX outgoing_mails_parked ON notifications.outgoing_mails (status) WHERE status = 'PARKED';
