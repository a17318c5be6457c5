package com.orderflow.process;

/** Names shared between the order-fulfillment model and the Java code that serves it. */
public final class OrderProcess {

    public static final String KEY = "orderFulfillment";

    public static final String VAR_ORDER_ID = "orderId";
    public static final String VAR_ALL_RESERVED = "allReserved";
    public static final String VAR_REJECT_REASON = "rejectReason";
    public static final String VAR_SHIPMENT_ID = "shipmentId";

    public static final String ERROR_PAYMENT_DECLINED = "PaymentDeclined";
    public static final String ERROR_ORDER_INVALID = "OrderInvalid";

    private OrderProcess() {
    }
}
