package com.orderflow.inventory;

/** Where received units came from: a delivery, or a stock count that found more than expected. */
public enum ReceiptSource {
    RECEIPT, STOCK_COUNT
}
