package com.orderflow.payment;

/** What became of parcels left unpaid: the customer paid another way, or the merchant gave the money up. */
public enum SettlementOutcome {
    COLLECTED, WRITTEN_OFF
}
