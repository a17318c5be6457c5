-- How ops settled parcels left unpaid, kept as book data: the settlement's free-text note is erased with the
-- customer's data, and with it went whether the money came in (and under which reference) or was written off.
-- Settlements recorded before this version have neither.
ALTER TABLE payment ADD COLUMN unpaid_settled_as VARCHAR(20);
ALTER TABLE payment ADD COLUMN unpaid_settlement_reference VARCHAR(100);
ALTER TABLE payment ADD CONSTRAINT payment_unpaid_settled_as_check
    CHECK (unpaid_settled_as IS NULL OR unpaid_settled_as IN ('COLLECTED', 'WRITTEN_OFF'));
