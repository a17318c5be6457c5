-- A parcel that left while the order's payment was held, of an order cancelled before it was authorised
-- again, is not charged: the customer has goods worth `unpaid` still to pay, which ops collect and then
-- settle (POST /api/orders/{id}/payment/unpaid-settlement). It showed only as a timeline entry, and the
-- payment read settled.
ALTER TABLE payment ADD COLUMN unpaid NUMERIC(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN unpaid_settled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE payment ADD COLUMN unpaid_settled_by VARCHAR(255);
ALTER TABLE payment ADD CONSTRAINT payment_unpaid_not_negative CHECK (unpaid >= 0);
CREATE INDEX payment_unpaid_idx ON payment (unpaid);

-- The money movements of an order: every call to the payment gateway, and parcels left unpaid
-- (LEFT_UNPAID, reference: the shipment) and their settlement by ops (UNPAID_SETTLED, reference: who).
-- Its currency, so that a sum by kind need not join the payment.
ALTER TABLE payment_operation ADD COLUMN currency CHAR(3);
UPDATE payment_operation SET currency = (SELECT p.currency FROM payment p WHERE p.order_id = payment_operation.order_id);
