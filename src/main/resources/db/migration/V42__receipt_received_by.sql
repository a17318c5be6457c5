-- Who booked a receipt, or the stock count that found units: goods released to waiting orders lead to shipments and
-- charges, and the books asked at whose word. Receipts booked before this version name nobody.
ALTER TABLE goods_receipt ADD COLUMN received_by VARCHAR(255);
