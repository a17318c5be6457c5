-- A purchase order the supplier will not deliver in full (a short delivery, a discontinued item) can be
-- closed by the warehouse: its missing units stop counting as inbound and their orders are planned again.
ALTER TABLE purchase_order DROP CONSTRAINT purchase_order_status;
ALTER TABLE purchase_order ADD CONSTRAINT purchase_order_status
    CHECK (status IN ('COLLECTING', 'PLACED', 'CONFIRMED', 'RECEIVED', 'CANCELLED', 'CLOSED'));
