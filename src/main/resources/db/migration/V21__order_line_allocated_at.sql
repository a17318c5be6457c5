-- A receipt changes the lines it allocates to and not their order's row, whose lock the order's own
-- steps take before stock: an order was last changed at its row's updated_at or its lines' allocated_at.
ALTER TABLE order_line ADD COLUMN allocated_at TIMESTAMP WITH TIME ZONE;
