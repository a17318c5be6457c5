-- Indexes for the backorder report and metrics: each query reads a range of one indexed column.
CREATE INDEX backorder_filled_idx ON backorder (status, filled_at);
CREATE INDEX backorder_created_idx ON backorder (created_at);
CREATE INDEX backorder_open_ordered_idx ON backorder (status, ordered_at);
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE INDEX order_event_type_at_idx ON order_event (type, at);
