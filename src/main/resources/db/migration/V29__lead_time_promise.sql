-- The date the supplier's lead time promised when the purchase order was placed. An unconfirmed purchase
-- order is scored against it when its goods come; reading the supplier's lead time at that moment
-- instead re-scored orders already on their way whenever the merchant changed the terms. Purchase orders
-- placed before this column existed keep the old reading (the lead time at receipt).
ALTER TABLE purchase_order ADD COLUMN lead_time_eta TIMESTAMP WITH TIME ZONE;
