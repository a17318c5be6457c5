-- An order may have 200 lines (the API's bound), each with a 64-character SKU and a 200-character
-- product name. The timeline entries that list its lines (reserved, backordered, packed, shipped,
-- released, withdrawn) outgrew 4,000 characters from about 40 such lines on, and a step writing one failed
-- at commit, again and again: such an order never got past its first step. Its notices and a
-- purchase order's lines in the supplier simulator's ledger grow the same way. A longer VARCHAR
-- changes no stored row on PostgreSQL (no table rewrite), and keeps one script for PostgreSQL and H2.
ALTER TABLE order_event ALTER COLUMN data SET DATA TYPE VARCHAR(10000000);
ALTER TABLE notification_outbox ALTER COLUMN body_text SET DATA TYPE VARCHAR(10000000);
ALTER TABLE notification_outbox ALTER COLUMN body_html SET DATA TYPE VARCHAR(10000000);
ALTER TABLE sim_supplier_ledger ALTER COLUMN lines SET DATA TYPE VARCHAR(10000000);
