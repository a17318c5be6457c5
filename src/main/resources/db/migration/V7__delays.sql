-- Delays: what the customer was first promised, the latest ETA they were told, how many delay
-- notices they got and the consolation offered, kept on the order so it is honoured later.

ALTER TABLE orders ADD COLUMN first_promised_eta TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN announced_eta TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN delay_notices INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE orders ADD COLUMN consolation VARCHAR(20);
ALTER TABLE orders ADD COLUMN consolation_discount_percent INTEGER;
ALTER TABLE orders ADD COLUMN discount_code VARCHAR(40);
ALTER TABLE orders ADD CONSTRAINT orders_delay_notices_not_negative CHECK (delay_notices >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_consolation CHECK (consolation IS NULL OR consolation IN ('DISCOUNT', 'FREE_SHIPPING'));
