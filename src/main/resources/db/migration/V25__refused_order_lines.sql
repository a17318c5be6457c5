-- The line that made an order fail: its product takes no backorders and too few were in stock.
-- The shop shows it, and the customer's rejection notice names it.
ALTER TABLE order_line ADD COLUMN refused BOOLEAN NOT NULL DEFAULT FALSE;
