package com.orderflow.payment;

import com.orderflow.process.RenewalProcess;
import com.orderflow.process.WaitsBroughtForward;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
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
public class RenewalSchedule extends WaitsBroughtForward {

    private static final String RENEWAL_TIMER = RenewalProcess.EVENT_AUTHORIZATION_ABOUT_TO_LAPSE;

    private final JdbcClient jdbc;
    private final PaymentSettings settings;

    public RenewalSchedule(JdbcClient jdbc, ManagementService management, PaymentSettings settings, Clock clock) {
        super(management, clock);
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    protected int bringForward(Instant now) {
        Duration interval = Duration.parse(settings.getRenewalInterval());
        int moved = 0;
        for (Waiting renewal : waiting()) {
            Instant target = renewal.granted().plus(interval);
            if (moveEarlier(renewal.jobId(), renewal.due(), target, now)) {
                moved++;
            }
        }
        return moved;
    }

    @Override
    protected String waits() {
        return "waiting authorisation renewals";
    }

    @Override
    protected String setting() {
        return "orderflow.payment.authorization-validity " + settings.getAuthorizationValidity() + " less the margin "
                + settings.getReauthorizationMargin();
    }

    /** Waiting renewal timers (not one being run) with when their order's authorisation in force was granted. */
    private List<Waiting> waiting() {
        return jdbc.sql("""
                        SELECT job_id, due, granted FROM (
                            SELECT j.ID_ AS job_id, j.DUEDATE_ AS due, """ + PaymentRepository.GRANTED_AT + """
                                    AS granted
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
