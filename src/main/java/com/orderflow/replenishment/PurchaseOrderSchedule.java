package com.orderflow.replenishment;

import com.orderflow.process.ReplenishmentProcess;
import com.orderflow.process.WaitsBroughtForward;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
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

    static final String CONFIRMATION_CHECK = ReplenishmentProcess.EVENT_CONFIRMATION_OVERDUE;
    static final String OVERDUE_CHECK = ReplenishmentProcess.EVENT_GOODS_OVERDUE;

    private final RuntimeService runtime;
    private final PurchaseOrderQueries queries;
    private final ReplenishmentSettings settings;

    public PurchaseOrderSchedule(ManagementService management, RuntimeService runtime, PurchaseOrderQueries queries,
                                 ReplenishmentSettings settings, Clock clock) {
        super(management, clock);
        this.runtime = runtime;
        this.queries = queries;
        this.settings = settings;
    }

    @Override
    protected int bringForward(Instant now) {
        return bringTimersForward(CONFIRMATION_CHECK,
                job -> setAt(job).map(placed -> placed.plus(settings.confirmationTimeout())), now)
                + bringTimersForward(OVERDUE_CHECK, job -> Optional.ofNullable(
                        runtime.getVariable(job.getProcessInstanceId(), ReplenishmentProcess.VAR_PURCHASE_ORDER_ID))
                        .map(id -> queries.goodsOverdueAt((String) id).toInstant()), now);
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
