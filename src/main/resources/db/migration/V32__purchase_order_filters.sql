-- The purchase-order list filters by product (sku) and by the customer order a purchase order's demand serves.
CREATE INDEX purchase_order_line_sku_idx ON purchase_order_line (sku);
CREATE INDEX purchase_order_demand_order_idx ON purchase_order_demand (order_id);
