package com.orderflow.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Sums the service's own ledger of the payment provider's operations over a period, in one query. */
@Service
public class PaymentReportService {

    private final JdbcClient jdbc;
    private final ReportPeriods periods;
    private final Clock clock;

    PaymentReportService(JdbcClient jdbc, ReportPeriods periods, Clock clock) {
        this.jdbc = jdbc;
        this.periods = periods;
        this.clock = clock;
    }

    public PaymentReport report(Instant from, Instant to) {
        BackorderReport.Period period = periods.of(from, to);
        return new PaymentReport(clock.instant(), period, jdbc.sql("""
                        SELECT currency, kind, COUNT(*) AS operations, SUM(amount) AS amount FROM payment_operation
                        WHERE at >= ? AND at < ? GROUP BY currency, kind ORDER BY currency, kind""")
                .params(period.from().atOffset(ZoneOffset.UTC), period.to().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new PaymentReport.Total(rs.getString("currency"), rs.getString("kind"),
                        rs.getLong("operations"), rs.getBigDecimal("amount")))
                .list());
    }
}
