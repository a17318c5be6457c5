-- A customer's answer to a delay notice. One row per notice: its link works once.

CREATE TABLE customer_choice (
    order_id   VARCHAR(64)  NOT NULL REFERENCES orders (id),
    notice     INTEGER      NOT NULL,
    choice     VARCHAR(20)  NOT NULL,
    chosen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, notice),
    CONSTRAINT customer_choice_choice CHECK (choice IN ('KEEP_WAITING', 'SHIP_AVAILABLE', 'CANCEL'))
);
