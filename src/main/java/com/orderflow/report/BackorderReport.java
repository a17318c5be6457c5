package com.orderflow.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The answer to "what do we backorder, how long do customers wait, and what should we reorder at?". */
public record BackorderReport(Instant generatedAt, Period period, List<AgeBucket> openByAge, FillTime fillTime,
                              List<TopProduct> topProducts, ReorderPoints reorderPoints, Delays delays) {

    public record Period(Instant from, Instant to) {
    }

    /** Open backorders whose order is this many whole days old. */
    public record AgeBucket(String bucket, int minDays, Integer maxDays, long backorders, long orders, long units) {
    }

    /** Time from order to the backorder being filled, for backorders filled within the period. */
    public record FillTime(long filled, BigDecimal averageHours, BigDecimal p90Hours) {
    }

    public record TopProduct(String sku, String name, long backorders, long orders, long units) {
    }

    public record ReorderPoints(String formula, String demandWindow, double serviceLevelZ, List<ReorderPoint> products) {
    }

    public record ReorderPoint(String sku, String supplierId, BigDecimal averageDailyDemand, BigDecimal dailyDemandStdDev,
                               BigDecimal leadTimeDays, BigDecimal typicalLatenessDays, BigDecimal safetyStock,
                               long reorderPoint) {
    }

    public record Delays(long noticesSent, long consolationsGranted) {
    }
}
