package com.orderflow.delay;

/**
 * What {@code Gateway_OpsDecisionNeeded} needs to know once a waiting order's delay is assessed.
 *
 * @param notices       delay notices sent so far, this assessment's included
 * @param waitedTooLong whether the order has waited {@code orderflow.backorder.max-wait} or longer since it was placed
 */
public record DelayAssessment(int notices, boolean waitedTooLong) {
}
