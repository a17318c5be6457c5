package com.orderflow.replenishment;

import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Replenishment settings, read by Java and by the replenishment model through expressions such as
 * {@code ${replenishmentSettings.confirmationTimeout}}.
 */
@Component("replenishmentSettings")
@ConfigurationProperties(prefix = "orderflow.replenishment")
public class ReplenishmentSettings implements InitializingBean {

    /** How long a placed purchase order may go unconfirmed before ops are asked to chase the supplier. */
    private Duration confirmationTimeout = Duration.ofDays(2);
    /** How long past its ETA a purchase order may be before a supplier delay is recorded. */
    private Duration receiptGrace = Duration.ofDays(1);
    /** How many of a supplier's latest deliveries its typical lateness is learned from. */
    private int learnedEtaDeliveries = 20;
    /** Fewer deliveries than this teach nothing: the nominal lead time is used. */
    private int learnedEtaMinimumDeliveries = 3;

    public String getConfirmationTimeout() {
        return confirmationTimeout.toString();
    }

    public Duration confirmationTimeout() {
        return confirmationTimeout;
    }

    /** A negative timeout made every purchase order's confirmation timer an incident, naming no setting. */
    public void setConfirmationTimeout(Duration confirmationTimeout) {
        if (confirmationTimeout == null || confirmationTimeout.isNegative() || confirmationTimeout.isZero()) {
            throw new IllegalArgumentException("orderflow.replenishment.confirmation-timeout must be positive, not "
                    + confirmationTimeout);
        }
        this.confirmationTimeout = confirmationTimeout;
    }

    public Duration getReceiptGrace() {
        return receiptGrace;
    }

    /**
     * Zero was taken: an overdue purchase order then moved its ETA on by nothing, its "Goods overdue" timer fell
     * due at once, and it recorded a delay on every waiting order's timeline dozens of times a second until the
     * goods came, while the job executor fell behind on every other order.
     */
    public void setReceiptGrace(Duration receiptGrace) {
        if (receiptGrace == null || receiptGrace.isNegative() || receiptGrace.isZero()) {
            throw new IllegalArgumentException("orderflow.replenishment.receipt-grace must be positive, not " + receiptGrace);
        }
        this.receiptGrace = receiptGrace;
    }

    public int getLearnedEtaDeliveries() {
        return learnedEtaDeliveries;
    }

    public void setLearnedEtaDeliveries(int learnedEtaDeliveries) {
        if (learnedEtaDeliveries < 1) {
            throw new IllegalArgumentException("orderflow.replenishment.learned-eta-deliveries must be at least 1, not "
                    + learnedEtaDeliveries);
        }
        this.learnedEtaDeliveries = learnedEtaDeliveries;
    }

    public int getLearnedEtaMinimumDeliveries() {
        return learnedEtaMinimumDeliveries;
    }

    public void setLearnedEtaMinimumDeliveries(int learnedEtaMinimumDeliveries) {
        if (learnedEtaMinimumDeliveries < 1) {
            throw new IllegalArgumentException("orderflow.replenishment.learned-eta-minimum-deliveries must be at least 1,"
                    + " not " + learnedEtaMinimumDeliveries);
        }
        this.learnedEtaMinimumDeliveries = learnedEtaMinimumDeliveries;
    }

    /**
     * A supplier's lateness is learned from at most {@code learned-eta-deliveries} deliveries and from no fewer
     * than the minimum: a minimum above that number started cleanly and no supplier's ETA was ever learned.
     */
    @Override
    public void afterPropertiesSet() {
        if (learnedEtaMinimumDeliveries > learnedEtaDeliveries) {
            throw new IllegalStateException("orderflow.replenishment.learned-eta-minimum-deliveries ("
                    + learnedEtaMinimumDeliveries + ") must not exceed orderflow.replenishment.learned-eta-deliveries ("
                    + learnedEtaDeliveries + "): no supplier's ETA could ever be learned");
        }
    }
}
