package com.orderflow.replenishment;

import com.orderflow.process.ReplenishmentProcess;
import com.orderflow.process.WaitsBroughtForward;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Keeps placed purchase orders within the {@code orderflow.replenishment.confirmation-timeout} and
 * {@code receipt-grace} now configured. The "Confirmation overdue" timer is set when the purchase order is
 * placed and the "Goods overdue" check when it is confirmed, each from the setting of that moment: after a
 * restart with shorter ones, ops were asked to chase a silent supplier, and the waiting orders heard of late
 * goods, on the old times. At every start each such timer due later than the new setting gives is brought
 * forward to it, or to now when that has passed. None is moved later.
 */
@Component
public class PurchaseOrderSchedule extends WaitsBroughtForward {

    static final String CONFIRMATION_CHECK = "Event_ConfirmationOverdue";
    static final String OVERDUE_CHECK = "Event_GoodsOverdue";

    private final ManagementService management;
    private final RuntimeService runtime;
    private final PurchaseOrderQueries queries;
    private final ReplenishmentSettings settings;
    private final Clock clock;

    public PurchaseOrderSchedule(ManagementService management, RuntimeService runtime, PurchaseOrderQueries queries,
                                 ReplenishmentSettings settings, Clock clock) {
        super(management);
        this.management = management;
        this.runtime = runtime;
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int bringForward() {
        Instant now = clock.instant();
        int moved = 0;
        for (Job job : management.createJobQuery().activityId(CONFIRMATION_CHECK).timers().list()) {
            if (job.getCreateTime() != null && job.getDuedate() != null && moveEarlier(job.getId(),
                    job.getDuedate().toInstant(), job.getCreateTime().toInstant().plus(settings.confirmationTimeout()), now)) {
                moved++;
            }
        }
        for (Job job : management.createJobQuery().activityId(OVERDUE_CHECK).timers().list()) {
            Object purchaseOrderId = runtime.getVariable(job.getProcessInstanceId(), ReplenishmentProcess.VAR_PURCHASE_ORDER_ID);
            if (purchaseOrderId instanceof String id && job.getDuedate() != null
                    && moveEarlier(job.getId(), job.getDuedate().toInstant(), queries.goodsOverdueAt(id).toInstant(), now)) {
                moved++;
            }
        }
        return moved;
    }

    @Override
    protected String waits() {
        return "placed purchase orders' confirmation and overdue checks";
    }

    @Override
    protected String setting() {
        return "orderflow.replenishment.confirmation-timeout " + settings.confirmationTimeout() + " and receipt-grace "
                + settings.getReceiptGrace();
    }
}
