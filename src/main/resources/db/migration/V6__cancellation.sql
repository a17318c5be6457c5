-- Cancellation: a request recorded under the order's row lock decides the race against shipment;
-- units a cancelled order held go back to the queue of waiting backorders.

ALTER TABLE orders ADD COLUMN cancel_requested_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE shipment DROP CONSTRAINT shipment_status;
ALTER TABLE shipment ADD CONSTRAINT shipment_status CHECK (status IN ('PACKED', 'DISPATCHED', 'CANCELLED'));

-- Allocations of units released by a cancelled order come from no receipt.
ALTER TABLE allocation ALTER COLUMN receipt_id DROP NOT NULL;
ALTER TABLE allocation ADD COLUMN released_by_order VARCHAR(64);
