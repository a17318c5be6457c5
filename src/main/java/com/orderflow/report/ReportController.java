package com.orderflow.report;

import com.orderflow.api.DateParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reports")
public class ReportController {

    static final String CSV = "text/csv";

    private final BackorderReportService reports;

    public ReportController(BackorderReportService reports) {
        this.reports = reports;
    }

    @GetMapping(path = "/backorders", produces = MediaType.APPLICATION_JSON_VALUE)
    public BackorderReport backorders(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) {
        return report(from, to);
    }

    /** The same report for spreadsheets: one row per figure (section, item, metric, value). */
    @GetMapping(path = "/backorders", produces = CSV)
    public ResponseEntity<String> backordersCsv(@RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to) {
        BackorderReport report = report(from, to);
        List<String> rows = new ArrayList<>();
        rows.add("section,item,metric,value");
        rows.add(row("report", "", "generated_at", report.generatedAt()));
        rows.add(row("period", "", "from", report.period().from()));
        rows.add(row("period", "", "to", report.period().to()));
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
        rows.add(row("reorder_points", "", "formula", report.reorderPoints().formula()));
        rows.add(row("reorder_points", "", "demand_window", report.reorderPoints().demandWindow()));
        rows.add(row("reorder_points", "", "service_level_z", report.reorderPoints().serviceLevelZ()));
        rows.add(row("delays", "", "notices_sent", report.delays().noticesSent()));
        rows.add(row("delays", "", "consolations_granted", report.delays().consolationsGranted()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"backorder-report.csv\"")
                .body(String.join("\r\n", rows) + "\r\n");
    }

    private BackorderReport report(String from, String to) {
        return reports.report(instant("from", from), instant("to", to));
    }

    private static Instant instant(String field, String value) {
        return value == null || value.isBlank() ? null : DateParameter.parse(field, value);
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
