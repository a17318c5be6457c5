package com.orderflow.report;

import com.orderflow.api.DurationText;
import com.orderflow.replenishment.Supplier;
import com.orderflow.replenishment.SupplierHistory;
import com.orderflow.replenishment.SupplierRepository;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes the backorder report in SQL over indexed columns (backorder status/ordered/filled/created
 * times, order creation time); only the reorder point's per-product arithmetic runs in Java, over
 * one row per product and day.
 */
@Service
public class BackorderReportService {

    static final String FORMULA = "reorderPoint = ceil(averageDailyDemand × (leadTimeDays + typicalLatenessDays) + safetyStock); "
            + "safetyStock = z × dailyDemandStdDev × √(leadTimeDays + typicalLatenessDays); "
            + "averageDailyDemand and dailyDemandStdDev over every day of the demand window (days without sales count as 0), "
            + "demand = units ordered (rejected orders excluded); leadTimeDays = supplier lead time + batching window; "
            + "typicalLatenessDays = median lateness of the supplier's latest deliveries, 0 while unknown or early";

    private static final int[][] BUCKETS = {{0, 2}, {3, 7}, {8, 14}, {15, 30}, {31, -1}};
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final double SECONDS_PER_DAY = 86_400d;

    private final JdbcClient jdbc;
    private final SupplierRepository suppliers;
    private final SupplierHistory history;
    private final ReportSettings settings;
    private final ReportPeriods periods;
    private final Clock clock;

    BackorderReportService(JdbcClient jdbc, SupplierRepository suppliers, SupplierHistory history,
                           ReportSettings settings, ReportPeriods periods, Clock clock) {
        this.jdbc = jdbc;
        this.suppliers = suppliers;
        this.history = history;
        this.settings = settings;
        this.periods = periods;
        this.clock = clock;
    }

    public BackorderReport report(Instant from, Instant to) {
        Instant now = clock.instant();
        BackorderReport.Period period = periods.of(from, to);
        Instant start = period.from();
        Instant end = period.to();
        return new BackorderReport(now, period, openByAge(now), fillTime(start, end),
                topProducts(start, end), reorderPoints(now), delays(start, end));
    }

    private List<BackorderReport.AgeBucket> openByAge(Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("d3", utc(now.minus(Duration.ofDays(3))));
        params.put("d8", utc(now.minus(Duration.ofDays(8))));
        params.put("d15", utc(now.minus(Duration.ofDays(15))));
        params.put("d31", utc(now.minus(Duration.ofDays(31))));
        Map<Integer, long[]> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT bucket, COUNT(*) AS backorders, COUNT(DISTINCT order_id) AS orders, SUM(open_quantity) AS units
                        FROM (SELECT CASE WHEN ordered_at > :d3 THEN 0 WHEN ordered_at > :d8 THEN 1
                                          WHEN ordered_at > :d15 THEN 2 WHEN ordered_at > :d31 THEN 3 ELSE 4 END AS bucket,
                                     order_id, open_quantity
                              FROM backorder WHERE status = 'OPEN') aged
                        GROUP BY bucket""")
                .params(params)
                .query(rs -> {
                    counts.put(rs.getInt("bucket"),
                            new long[] {rs.getLong("backorders"), rs.getLong("orders"), rs.getLong("units")});
                });
        List<BackorderReport.AgeBucket> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKETS.length; i++) {
            long[] c = counts.getOrDefault(i, new long[3]);
            int min = BUCKETS[i][0];
            Integer max = BUCKETS[i][1] < 0 ? null : BUCKETS[i][1];
            String name = max == null ? ">" + (min - 1) + "d" : min + "-" + max + "d";
            buckets.add(new BackorderReport.AgeBucket(name, min, max, c[0], c[1], c[2]));
        }
        return buckets;
    }

    private BackorderReport.FillTime fillTime(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS filled,
                               AVG(EXTRACT(EPOCH FROM filled_at) - EXTRACT(EPOCH FROM ordered_at)) AS average_seconds,
                               PERCENTILE_CONT(0.9) WITHIN GROUP
                                   (ORDER BY EXTRACT(EPOCH FROM filled_at) - EXTRACT(EPOCH FROM ordered_at)) AS p90_seconds
                        FROM backorder WHERE status = 'FILLED' AND filled_at >= ? AND filled_at < ?""")
                .params(utc(from), utc(to))
                .query((rs, n) -> new BackorderReport.FillTime(rs.getLong("filled"),
                        hours(rs.getBigDecimal("average_seconds")), hours(rs.getBigDecimal("p90_seconds"))))
                .single();
    }

    private List<BackorderReport.TopProduct> topProducts(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT b.sku, p.name, COUNT(*) AS backorders, COUNT(DISTINCT b.order_id) AS orders, SUM(b.quantity) AS units
                        FROM backorder b JOIN product p ON p.sku = b.sku
                        WHERE b.created_at >= ? AND b.created_at < ?
                        GROUP BY b.sku, p.name
                        ORDER BY backorders DESC, units DESC, b.sku
                        FETCH FIRST ? ROWS ONLY""")
                .params(utc(from), utc(to), settings.topProducts())
                .query((rs, n) -> new BackorderReport.TopProduct(rs.getString("sku"), rs.getString("name"),
                        rs.getLong("backorders"), rs.getLong("orders"), rs.getLong("units")))
                .list();
    }

    private BackorderReport.ReorderPoints reorderPoints(Instant now) {
        Instant windowStart = now.minus(settings.demandWindow());
        double windowDays = settings.demandWindow().toSeconds() / SECONDS_PER_DAY;
        Map<String, List<Long>> dailyUnits = new TreeMap<>();
        Map<String, String> supplierOf = new HashMap<>();
        jdbc.sql("""
                        SELECT l.sku, p.supplier_id, CAST(o.created_at AS DATE) AS sale_day, SUM(l.quantity) AS units
                        FROM order_line l JOIN orders o ON o.id = l.order_id JOIN product p ON p.sku = l.sku
                             JOIN supplier s ON s.id = p.supplier_id
                        WHERE o.created_at >= ? AND o.created_at < ? AND o.status <> 'REJECTED'
                          -- A drop-ship supplier sends to the customer: its products are never stocked.
                          AND s.drop_ship = FALSE
                        GROUP BY l.sku, p.supplier_id, CAST(o.created_at AS DATE)""")
                .params(utc(windowStart), utc(now))
                .query(rs -> {
                    dailyUnits.computeIfAbsent(rs.getString("sku"), sku -> new ArrayList<>()).add(rs.getLong("units"));
                    supplierOf.put(rs.getString("sku"), rs.getString("supplier_id"));
                });
        List<BackorderReport.ReorderPoint> points = new ArrayList<>();
        for (Map.Entry<String, List<Long>> product : dailyUnits.entrySet()) {
            Supplier supplier = suppliers.find(supplierOf.get(product.getKey())).orElseThrow();
            double total = product.getValue().stream().mapToLong(Long::longValue).sum();
            double mean = total / windowDays;
            double squares = product.getValue().stream().mapToDouble(units -> Math.pow(units - mean, 2)).sum()
                    + (windowDays - product.getValue().size()) * mean * mean;
            double stdDev = Math.sqrt(Math.max(0, squares) / windowDays);
            double leadDays = (supplier.leadTime().toSeconds() + supplier.batchingWindow().toSeconds()) / SECONDS_PER_DAY;
            double latenessDays = Math.max(0, history.typicalLateness(supplier.id()).map(Duration::toSeconds).orElse(0L)
                    / SECONDS_PER_DAY);
            double coverDays = leadDays + latenessDays;
            double safety = settings.serviceLevelZ() * stdDev * Math.sqrt(coverDays);
            long reorderPoint = (long) Math.ceil(mean * coverDays + safety - 1e-9);
            points.add(new BackorderReport.ReorderPoint(product.getKey(), supplier.id(), round(mean), round(stdDev),
                    round(leadDays), round(latenessDays), round(safety), reorderPoint));
        }
        return new BackorderReport.ReorderPoints(FORMULA, DurationText.of(settings.demandWindow()), settings.serviceLevelZ(),
                points);
    }

    /** An order's consolation is repeated in each later notice: it counts once, as the order holds one. */
    private BackorderReport.Delays delays(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS notices,
                               COUNT(DISTINCT CASE WHEN data LIKE '%"consolation":"%' THEN order_id END) AS consolations
                        FROM order_event WHERE type = 'DELAYED' AND at >= ? AND at < ?""")
                .params(utc(from), utc(to))
                .query((rs, n) -> new BackorderReport.Delays(rs.getLong("notices"), rs.getLong("consolations")))
                .single();
    }

    private static BigDecimal hours(BigDecimal seconds) {
        return seconds == null ? null : seconds.divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A window of whole days reads as such ({@code P90D}); {@link Duration#toString()} says {@code PT2160H}. */}
