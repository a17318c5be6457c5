-- What of an order's authorisation lapsed unused: a cancellation found the hold ended, so nothing was released. Kept
-- apart from voided, the part released: support read "voided 378.00" as money released back to the card.
ALTER TABLE payment ADD COLUMN lapsed NUMERIC(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE payment ADD CONSTRAINT payment_lapsed_not_negative CHECK (lapsed >= 0);
