package com.orderflow.notification;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CPU per shipment notice rendered (text and HTML, as "Notify customer" renders it inside its step),
 * without a database: the part of a shipped order's cost that is the notice's templates.
 * {@code mvn verify -Pbenchmark -Dtest=NoticeRenderingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dbench.render.notices=20000} per measured round, {@code -Dbench.render.rounds=5}.
 */
@Tag("benchmark")
class NoticeRenderingBenchmarkTest {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void cpuPerShipmentNotice() {
        int notices = Integer.getInteger("bench.render.notices", 20_000);
        int rounds = Integer.getInteger("bench.render.rounds", 5);
        NoticeRenderer renderer = new NoticeRenderer();
        Map<String, Object> english = NoticeRendererTest.model("en");
        Map<String, Object> german = NoticeRendererTest.model("de");
        long length = 0;
        StringBuilder table = new StringBuilder()
                .append("| notice rendering (%s, %d cores, Java %s) | CPU per shipment notice, text + HTML |%n".formatted(
                        OffsetDateTime.now(ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version")))
                .append("|---|---|%n".formatted());
        // The first round warms the JIT and lets Spring compile the templates' expressions; it is printed, not kept.
        for (int round = 0; round <= rounds; round++) {
            long before = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < notices; i++) {
                boolean de = i % 4 == 0;
                RenderedNotice notice = renderer.render(NoticeKind.SHIPPED, de ? Locale.GERMAN : Locale.ENGLISH,
                        de ? german : english);
                length += notice.text().length() + notice.html().length();
            }
            double micros = (threads.getCurrentThreadCpuTime() - before) / 1_000.0 / notices;
            table.append("| round %d%s | %.1f µs |%n".formatted(round, round == 0 ? " (warm-up)" : "", micros));
        }
        if (length == 0) {
            throw new AssertionError("rendered nothing");
        }
        System.out.print(table);
    }
}
