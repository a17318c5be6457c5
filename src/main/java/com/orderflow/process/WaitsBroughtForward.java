package com.orderflow.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
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

    private final ManagementService management;

    protected WaitsBroughtForward(ManagementService management) {
        this.management = management;
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
    public abstract int bringForward();

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
}
