package com.orderflow.report;

import com.orderflow.api.DateParameter;
import com.orderflow.api.InvalidInputException;
import com.orderflow.notification.ShopTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reports")
public class ReportController {

    static final String CSV = "text/csv";

    private static final Set<String> PARAMETERS = new TreeSet<>(List.of("from", "to"));

    private final BackorderReportService reports;
    private final PaymentReportService payments;
    private final ShopTime time;

    public ReportController(BackorderReportService reports, PaymentReportService payments, ShopTime time) {
        this.reports = reports;
        this.payments = payments;
        this.time = time;
    }

    /** The payment provider's operations in a period, per currency and kind: {@link PaymentReport}. */
    @GetMapping(path = "/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    public PaymentReport payments(@RequestParam MultiValueMap<String, String> parameters) {
        checked(parameters);
        return payments.report(bound("from", parameters.getFirst("from"), false), bound("to", parameters.getFirst("to"), true));
    }

    @GetMapping(path = "/backorders", produces = MediaType.APPLICATION_JSON_VALUE)
    public BackorderReport backorders(@RequestParam MultiValueMap<String, String> parameters) {
        return report(parameters);
    }

    /** The same report for spreadsheets: one row per figure (section, item, metric, value). */
    @GetMapping(path = "/backorders", produces = CSV)
    public ResponseEntity<String> backordersCsv(@RequestParam MultiValueMap<String, String> parameters) {
        BackorderReport report = report(parameters);
        List<String> rows = new ArrayList<>();
        rows.add("section,item,metric,value");
        rows.add(row("report", "", "generated_at", report.generatedAt()));
        rows.add(row("period", "", "from", report.period().from()));
        rows.add(row("period", "", "to", report.period().to()));
        // The backlog now, whatever the period: a spreadsheet of November read in December must not take it for November's.
        rows.add(row("open_by_age", "", "as_of", report.generatedAt()));
        for (BackorderReport.AgeBucket bucket : report.openByAge()) {
            rows.add(row("open_by_age", bucket.bucket(), "min_days", bucket.minDays()));
            rows.add(row("open_by_age", bucket.bucket(), "max_days", bucket.maxDays()));
            rows.add(row("open_by_age", bucket.bucket(), "backorders", bucket.backorders()));
            rows.add(row("open_by_age", bucket.bucket(), "orders", bucket.orders()));
            rows.add(row("open_by_age", bucket.bucket(), "units", bucket.units()));
        }
        rows.add(row("fill_time", "", "filled", report.fillTime().filled()));
        rows.add(row("fill_time", "", "average_hours", report.fillTime().averageHours()));
        rows.add(row("fill_time", "", "p90_hours", report.fillTime().p90Hours()));
        for (BackorderReport.TopProduct product : report.topProducts()) {
            rows.add(row("top_products", product.sku(), "name", product.name()));
            rows.add(row("top_products", product.sku(), "backorders", product.backorders()));
            rows.add(row("top_products", product.sku(), "orders", product.orders()));
            rows.add(row("top_products", product.sku(), "units", product.units()));
        }
        for (BackorderReport.ReorderPoint point : report.reorderPoints().products()) {
            rows.add(row("reorder_points", point.sku(), "supplier_id", point.supplierId()));
            rows.add(row("reorder_points", point.sku(), "average_daily_demand", point.averageDailyDemand()));
            rows.add(row("reorder_points", point.sku(), "daily_demand_std_dev", point.dailyDemandStdDev()));
            rows.add(row("reorder_points", point.sku(), "lead_time_days", point.leadTimeDays()));
            rows.add(row("reorder_points", point.sku(), "typical_lateness_days", point.typicalLatenessDays()));
            rows.add(row("reorder_points", point.sku(), "safety_stock", point.safetyStock()));
            rows.add(row("reorder_points", point.sku(), "reorder_point", point.reorderPoint()));
        }
        rows.add(row("reorder_points", "", "as_of", report.generatedAt()));
        rows.add(row("reorder_points", "", "formula", report.reorderPoints().formula()));
        rows.add(row("reorder_points", "", "demand_window", report.reorderPoints().demandWindow()));
        rows.add(row("reorder_points", "", "service_level_z", report.reorderPoints().serviceLevelZ()));
        rows.add(row("delays", "", "notices_sent", report.delays().noticesSent()));
        rows.add(row("delays", "", "consolations_granted", report.delays().consolationsGranted()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"backorder-report-" + time.day(report.period().from())
                        + "-to-" + time.day(report.period().to().minusNanos(1)) + ".csv\"")
                .body(String.join("\r\n", rows) + "\r\n");
    }

    /**
     * A parameter the report does not take is refused, naming it: {@code ?supplierId=} or {@code ?sku=} answered
     * the whole report as if it had narrowed it.
     */
    private BackorderReport report(MultiValueMap<String, String> parameters) {
        checked(parameters);
        return reports.report(bound("from", parameters.getFirst("from"), false),
                bound("to", parameters.getFirst("to"), true));
    }

    private static void checked(MultiValueMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw new InvalidInputException(parameter.getKey(), "is not a parameter of this report; it takes " + PARAMETERS);
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidInputException(parameter.getKey(), "is given more than once");
            }
        }
    }

    /**
     * A timestamp; a date and time without an offset, in the shop's zone (as ops type them on their forms); or a
     * plain date, the shop's day: from its start, or for {@code to} through its end. Plain dates were UTC days and
     * {@code to} their start, so one day's report ({@code from=2026-12-07&to=2026-12-07}) was refused as empty.
     */
    private Instant bound(String field, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            DateParameter.parse(field, value);
            return DateParameter.within(field, time.startOfDay(end ? day.plusDays(1) : day));
        } catch (DateTimeParseException notADay) {
            return time.parse(value).map(at -> DateParameter.within(field, at)).orElseGet(() -> DateParameter.parse(field, value));
        }
    }

    private static String row(String section, String item, String metric, Object value) {
        return csv(section) + "," + csv(item) + "," + csv(metric) + "," + csv(value == null ? "" : value.toString());
    }

    private static String csv(String value) {
        // Names come from merchants' scripts: a cell a spreadsheet would read as a formula is
        // prefixed with an apostrophe (OWASP's advice), and anything that could split a cell is quoted.
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+");
        String safe = formula ? "'" + value : value;
        boolean quoted = formula || safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quoted ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
