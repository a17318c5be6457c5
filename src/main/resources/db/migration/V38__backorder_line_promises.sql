-- What the customer was told per backordered line: the BACKORDERED e-mail and a parcel's notice give each line
-- its own date, and a PARTIAL order ships each line as its stock comes. Judged only by the order's latest ETA, a
-- line moving past its own date went unannounced while another line was expected later still.
-- first_promised_eta: the line's ETA when it was backordered; announced_eta: the last date a notice gave it since.
-- A table of its own, not columns of backorder: a receipt locks a product's backorders, then the order lines it
-- fills, while the order's own steps hold its lines; the order writing its backorder rows deadlocked with receipts.
CREATE TABLE backorder_promise (
    backorder_id        BIGINT NOT NULL PRIMARY KEY REFERENCES backorder (id),
    first_promised_eta  TIMESTAMP WITH TIME ZONE NOT NULL,
    announced_eta       TIMESTAMP WITH TIME ZONE
);

-- Lines waiting since before this table existed, from what stands: the line's ETA, but no later than the order's
-- first promise (no line was promised later than the order); and the order's last announced date for the lines
-- expected by it or later, which that notice named, so that a line already announced as delayed goes on being
-- announced at each later day, as the order was.
INSERT INTO backorder_promise (backorder_id, first_promised_eta, announced_eta)
SELECT b.id,
       CASE WHEN o.first_promised_eta < b.eta THEN o.first_promised_eta ELSE b.eta END,
       CASE WHEN o.announced_eta <= b.eta THEN o.announced_eta END
FROM backorder b JOIN orders o ON o.id = b.order_id
WHERE b.status = 'OPEN' AND b.eta IS NOT NULL;
