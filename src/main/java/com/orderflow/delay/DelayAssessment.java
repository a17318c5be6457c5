package com.orderflow.delay;

import java.time.Instant;

/**
 * What {@code Gateway_OpsDecisionNeeded} needs to know once a waiting order's delay is assessed.
 *
 * @param notices       delay notices sent so far, this assessment's included
 * @param waitedTooLong whether the order has waited {@code orderflow.backorder.max-wait} or longer since it was placed
 * @param announced     the ETA this assessment's notice announced; null when it sent none
 */
public record DelayAssessment(int notices, boolean waitedTooLong, Instant announced) {
}
