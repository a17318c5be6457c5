package com.orderflow.backorder;

/** What an ETA rests on: an open purchase order, the supplier's nominal lead time, or its learned lateness. */
public enum EtaBasis {
    PURCHASE_ORDER, LEAD_TIME, LEARNED
}
