-- The built-in simulators stand in for outside systems. They keep their own ledger, written
-- in its own transaction as a real remote system would, so that drills can prove no order
-- was charged or shipped twice however often the engine retried.

CREATE TABLE sim_payment_ledger (
    idempotency_key  VARCHAR(150)   NOT NULL PRIMARY KEY,
    operation        VARCHAR(20)    NOT NULL,
    reference        VARCHAR(100)   NOT NULL,
    amount           NUMERIC(14, 2) NOT NULL,
    outcome          VARCHAR(20)    NOT NULL,
    response_id      VARCHAR(100),
    attempts         INTEGER        NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sim_carrier_ledger (
    idempotency_key  VARCHAR(150) NOT NULL PRIMARY KEY,
    reference        VARCHAR(100) NOT NULL,
    tracking_number  VARCHAR(100),
    outcome          VARCHAR(20)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
