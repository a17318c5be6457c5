-- An order whose payment could not be authorised again is held: nothing of it ships (and nothing is
-- captured) until ops get it authorised again or cancel it. Kept on the order's row, which "Check
-- shippable stock" locks and reads anyway, so holding costs the release path no extra read.
ALTER TABLE orders ADD COLUMN payment_lapsed_at TIMESTAMP WITH TIME ZONE;
