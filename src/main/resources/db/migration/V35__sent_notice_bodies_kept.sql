-- Since when a sent notice's text has been kept (its sending); NULL once the text was blanked
-- (orderflow.notification.keep-sent, or the customer's data erased) and for notices not sent. The
-- hourly clean-up reads only these rows through the index: by status it read every notice ever
-- sent again each hour, blanked ones included.
ALTER TABLE notification_outbox ADD COLUMN body_kept_since TIMESTAMP WITH TIME ZONE;
UPDATE notification_outbox SET body_kept_since = sent_at WHERE status = 'SENT' AND body_text <> '';
CREATE INDEX notification_outbox_body_kept_idx ON notification_outbox (body_kept_since);
