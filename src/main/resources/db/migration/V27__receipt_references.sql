-- A goods receipt may carry the warehouse's own reference (its goods-in or delivery-note number).
-- A client that lost the answer sends the receipt again; the reference makes that repeat book
-- nothing twice, and the answer it gets is the one the first booking gave.
ALTER TABLE goods_receipt ADD COLUMN reference VARCHAR(64);
ALTER TABLE goods_receipt ADD COLUMN answer VARCHAR(1000000);
CREATE UNIQUE INDEX goods_receipt_reference_idx ON goods_receipt (reference);
