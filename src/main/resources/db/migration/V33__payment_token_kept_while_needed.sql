-- A finished order's payment token is not needed any more (its payment is captured, voided or refunded by the
-- authorisation, not the token): it is cleared, so the order rows are no store of tokens a provider may charge again.
-- An order held for a lapsed authorisation keeps it until the lapse ends.
ALTER TABLE orders ALTER COLUMN payment_token DROP NOT NULL;
UPDATE orders SET payment_token = NULL
WHERE status IN ('SHIPPED', 'CANCELLED', 'REJECTED') AND payment_lapsed_at IS NULL;
