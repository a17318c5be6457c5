-- When the customer's personal data on a finished order was erased (on request, or after
-- orderflow.privacy.keep-customer-data); the periodic erasure looks for finished orders not yet erased.
ALTER TABLE orders ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX orders_erasable_idx ON orders (erased_at, status, updated_at);
