-- H2 (the default profile's development database) has no index on an expression; PostgreSQL's V37 indexes
-- LOWER(customer_email). This keeps both databases at the same version.
CREATE INDEX orders_customer_email_idx ON orders (customer_email);
