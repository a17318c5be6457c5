package com.orderflow.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the backorder report.
 *
 * @param demandWindow     sales history the reorder point's demand is averaged over
 * @param serviceLevelZ    safety factor of the safety stock (1.65: about 95% of lead times covered)
 * @param topProducts      how many products the "backordered most often" list shows
 * @param defaultPeriod    fill times and top products cover this period up to now unless from/to are given
 */
@ConfigurationProperties(prefix = "orderflow.report")
public record ReportSettings(Duration demandWindow, Double serviceLevelZ, Integer topProducts, Duration defaultPeriod) {

    public ReportSettings {
        demandWindow = demandWindow == null ? Duration.ofDays(90) : demandWindow;
        serviceLevelZ = serviceLevelZ == null ? 1.65 : serviceLevelZ;
        topProducts = topProducts == null ? 10 : topProducts;
        defaultPeriod = defaultPeriod == null ? Duration.ofDays(30) : defaultPeriod;
        // A wrong value answered 500 on every report (a negative LIMIT), or averaged demand over no time.
        if (demandWindow.isNegative() || demandWindow.isZero()) {
            throw new IllegalArgumentException("orderflow.report.demand-window must be positive, not " + demandWindow);
        }
        if (defaultPeriod.isNegative() || defaultPeriod.isZero()) {
            throw new IllegalArgumentException("orderflow.report.default-period must be positive, not " + defaultPeriod);
        }
        if (topProducts < 1 || topProducts > 1_000) {
            throw new IllegalArgumentException("orderflow.report.top-products must be from 1 to 1000, not " + topProducts);
        }
        if (!Double.isFinite(serviceLevelZ) || serviceLevelZ < 0) {
            throw new IllegalArgumentException("orderflow.report.service-level-z must be 0 or more, not " + serviceLevelZ);
        }
    }
}
