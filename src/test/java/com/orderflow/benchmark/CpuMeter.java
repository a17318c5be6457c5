package com.orderflow.benchmark;

import com.orderflow.support.ProcStat;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time this JVM and the local PostgreSQL server spent, read before and after a run, and the JIT's
 * compile time within it. On a shared 2-core machine rates move with whatever else runs; CPU time per
 * order moves far less, and it says where a cost lies (Java or SQL). A run that compiled for seconds
 * measured a JVM still warming up. PostgreSQL's share is read from {@code /proc} (Linux, same host);
 * elsewhere it prints as unknown.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();

    Reading read() {
        return new Reading(Duration.ofNanos(os.getProcessCpuTime()), postgresCpu(),
                Duration.ofMillis(jit.getTotalCompilationTime()));
    }

    /** utime + stime of every postgres process, plus what exited backends left with their parent. */
    private static Duration postgresCpu() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            long ticks = processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(CpuMeter::postgresTicks).sum();
            return Duration.ofMillis((long) (ticks * 1000 / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long postgresTicks(Path process) {
        try {
            return ProcStat.read(process).filter(stat -> stat.name().startsWith("postgres"))
                    // utime, stime, cutime, cstime
                    .map(stat -> stat.field(14) + stat.field(15) + stat.field(16) + stat.field(17)).orElse(0L);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    record Reading(Duration jvm, Duration postgres, Duration compiled) {

        /** The JIT's compile time since {@code before}. */
        Duration compilingSince(Reading before) {
            return compiled.minus(before.compiled);
        }

        /** This JVM's and PostgreSQL's CPU together since {@code before}; this JVM's alone if PostgreSQL's is unknown. */
        Duration since(Reading before) {
            Duration spent = jvm.minus(before.jvm);
            return postgres == null || before.postgres == null ? spent : spent.plus(postgres.minus(before.postgres));
        }

        /** {@link #perUnitSince} and the JIT's compile time within it: "JVM 12.3 ms + PostgreSQL 4.5 ms; JIT 1,234 ms". */
        String perUnitWithJitSince(Reading before, int units) {
            return perUnitSince(before, units) + "; JIT %,d ms".formatted(compilingSince(before).toMillis());
        }

        /** "JVM 12.3 ms + PostgreSQL 4.5 ms" per unit of work between {@code before} and this reading. */
        String perUnitSince(Reading before, int units) {
            String jvmPart = "JVM %.1f ms".formatted((jvm.toNanos() - before.jvm.toNanos()) / 1e6 / units);
            if (postgres == null || before.postgres == null) {
                return jvmPart + " + PostgreSQL unknown";
            }
            return jvmPart + " + PostgreSQL %.1f ms".formatted(
                    (postgres.toNanos() - before.postgres.toNanos()) / 1e6 / units);
        }
    }
}
