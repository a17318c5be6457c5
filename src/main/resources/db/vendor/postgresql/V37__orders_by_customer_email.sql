-- Support looks a customer's orders up by the address they write from, in any case (GET /api/orders?customerEmail=),
-- and the erasure by e-mail finds them the same way: without this index both read every order.
CREATE INDEX orders_customer_email_idx ON orders (LOWER(customer_email), created_at);
