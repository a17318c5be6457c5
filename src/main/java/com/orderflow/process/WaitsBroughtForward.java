package com.orderflow.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Timers the models compute from a setting once, when the wait begins, keep that setting's time after a
 * restart with a shorter one. A subclass finds, at every start, the waits a shorter setting ends earlier and
 * brings their timers forward; a failure is logged and the node serves on (the next start, or another node's,
 * tries again).
 */
public abstract class WaitsBroughtForward {

    /** A timer computed by the same setting lies on its time, give or take the moment its wait began. */
    public static final Duration TOLERANCE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(WaitsBroughtForward.class);

    protected final ManagementService management;
    private final Clock clock;

    protected WaitsBroughtForward(ManagementService management, Clock clock) {
        this.management = management;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        try {
            int moved = bringForward();
            if (moved > 0) {
                log.info("{} {} brought forward to {}", moved, waits(), setting());
            }
        } catch (RuntimeException failed) {
            log.warn("{} were not checked against {}: {}", waits(), setting(), failed.toString());
        }
    }

    /** Answers how many waits were brought forward. */
    public int bringForward() {
        return bringForward(clock.instant());
    }

    protected abstract int bringForward(Instant now);

    /** What waits, for the log: "waiting authorisation renewals". */
    protected abstract String waits();

    /** The setting they are brought forward to, with its value. */
    protected abstract String setting();

    /**
     * Moves the timer job to {@code target}, or to {@code now} when that has passed, if it lies later than that;
     * answers whether it did.
     */
    protected boolean moveEarlier(String jobId, Instant due, Instant target, Instant now) {
        Instant earliest = target.isBefore(now) ? now : target;
        if (!due.isAfter(earliest.plus(TOLERANCE))) {
            return false;
        }
        management.setJobDuedate(jobId, Date.from(earliest));
        return true;
    }

    /** When a timer job was set (its wait began, or the cycle's check before it fired): its creation. */
    protected static Optional<Instant> setAt(Job job) {
        return Optional.ofNullable(job.getCreateTime()).map(Date::toInstant);
    }

    /**
     * Moves each timer job of {@code activityId} to its {@code target} (none: left alone) as {@link #moveEarlier}
     * does; answers how many it moved.
     */
    protected int bringTimersForward(String activityId, Function<Job, Optional<Instant>> target, Instant now) {
        int moved = 0;
        for (Job timer : management.createJobQuery().activityId(activityId).timers().list()) {
            if (timer.getDuedate() != null && target.apply(timer)
                    .filter(to -> moveEarlier(timer.getId(), timer.getDuedate().toInstant(), to, now)).isPresent()) {
                moved++;
            }
        }
        return moved;
    }
}
