-- The time zone whose days the customer's last dated notice printed (orderflow.notification.time-zone when it
-- was written). A delay is announced when the new ETA falls on a later day than the one the customer read;
-- with the zone changed since, reading that day again in the new zone made the same date a delay (an apology
-- repeating it, a consolation, a step nearer to ops) or hid one. Orders told before this column existed are
-- read in the zone configured now, as before.
ALTER TABLE orders ADD COLUMN eta_told_zone VARCHAR(64);
