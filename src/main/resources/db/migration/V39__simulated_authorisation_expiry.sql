-- The payment simulator's "tok_expiring" card: its authorisation lapses after orderflow.payment.authorization-validity,
-- and from then on the simulated provider refuses to void it, as a real one holds nothing any more to release. A table
-- of its own, holding those cards' authorisations only, so that no other call pays for an index on the ledger.
CREATE TABLE sim_payment_expiry (
    authorization_id VARCHAR(100)             NOT NULL PRIMARY KEY,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
