package com.orderflow.delay;

import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Read by the order model's timer {@code Event_EtaPassed} ({@code ${backorderWait.etaPassedAt(orderId)}}):
 * the wait for stock ends at the order's current ETA. The model evaluates it each time the order
 * starts waiting again, so a moved ETA moves the timer too.
 */
@Component("backorderWait")
public class BackorderWait {

    private final DelayService delays;

    public BackorderWait(DelayService delays) {
        this.delays = delays;
    }

    public Date etaPassedAt(String orderId) {
        return Date.from(delays.waitUntil(orderId));
    }
}
