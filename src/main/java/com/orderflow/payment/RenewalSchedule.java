package com.orderflow.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps waiting renewals within the authorisation validity now configured. A renewal's timer is computed
 * once, when it starts to wait ({@code ${paymentSettings.renewalInterval}}); an operator who lowers
 * {@code orderflow.payment.authorization-validity} (the provider holds authorisations for less time than
 * configured) or raises the margin left every order already waiting to be renewed after its authorisation
 * had lapsed. At every start each waiting renewal due later than its authorisation's grant plus the
 * interval now configured is brought forward to it, or to now when that has passed. None is moved later:
 * an authorisation granted before a longer validity was configured may hold only for the shorter one.
 */
@Component
public class RenewalSchedule {

    /** A renewal starts to wait just after its authorisation was granted; that lag is not a change of setting. */
    static final Duration TOLERANCE = Duration.ofMinutes(1);
    private static final String RENEWAL_TIMER = "Event_AuthorizationAboutToLapse";
    private static final Logger log = LoggerFactory.getLogger(RenewalSchedule.class);

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final PaymentSettings settings;
    private final Clock clock;

    public RenewalSchedule(JdbcClient jdbc, ManagementService management, PaymentSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.management = management;
        this.settings = settings;
        this.clock = clock;
    }

    /** A node that cannot bring them forward now still serves: the next start, or another node's, tries again. */
    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        try {
            int moved = bringForward();
            if (moved > 0) {
                log.info("{} waiting authorisation renewals brought forward to orderflow.payment.authorization-validity"
                        + " {} less the margin {}", moved, settings.getAuthorizationValidity(),
                        settings.getReauthorizationMargin());
            }
        } catch (RuntimeException failed) {
            log.warn("Waiting authorisation renewals were not checked against orderflow.payment.authorization-validity: {}",
                    failed.toString());
        }
    }

    /** Answers how many renewals were brought forward. */
    public int bringForward() {
        Duration interval = Duration.parse(settings.getRenewalInterval());
        Instant now = clock.instant();
        int moved = 0;
        for (Waiting renewal : waiting()) {
            Instant target = renewal.granted().plus(interval);
            target = target.isBefore(now) ? now : target;
            if (renewal.due().isAfter(target.plus(TOLERANCE))) {
                management.setJobDuedate(renewal.jobId(), Date.from(target));
                moved++;
            }
        }
        return moved;
    }

    /** Waiting renewal timers (not one being run) with when their order's authorisation in force was granted. */
    private List<Waiting> waiting() {
        return jdbc.sql("""
                        SELECT job_id, due, granted FROM (
                            SELECT j.ID_ AS job_id, j.DUEDATE_ AS due,
                                   (SELECT MAX(o.at) FROM payment_operation o
                                    WHERE o.order_id = p.order_id AND o.gateway_reference = p.authorization_id
                                      AND o.kind IN ('AUTHORIZE', 'REAUTHORIZE')) AS granted
                            FROM ACT_RU_JOB j
                            JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_
                            JOIN ACT_RU_EXECUTION i ON i.ID_ = j.PROCESS_INSTANCE_ID_
                            JOIN payment p ON p.order_id = SUBSTRING(i.BUSINESS_KEY_, 9)
                            WHERE d.ACT_ID_ = ? AND j.LOCK_OWNER_ IS NULL AND j.DUEDATE_ IS NOT NULL
                              AND i.BUSINESS_KEY_ LIKE 'renewal:%') renewals
                        WHERE granted IS NOT NULL""")
                .param(RENEWAL_TIMER)
                .query((rs, n) -> new Waiting(rs.getString("job_id"), rs.getTimestamp("due").toInstant(),
                        rs.getObject("granted", OffsetDateTime.class).toInstant()))
                .list();
    }

    private record Waiting(String jobId, Instant due, Instant granted) {
    }
}
